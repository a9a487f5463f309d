import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TableView, TakeoverView } from '../../../shared/contract';
import type { TableAccess } from '../../../shared/domain/laptop';
import { api } from '../api';
import { formatClockTime, formatList } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { FormError } from './Field';

/** "Taken over by “B” from “A” at 11:52", or by this laptop; the one way every screen says it. */
export function takeoverText(t: TFunction, takenOver: TakeoverView, deviceId: string): string {
  const time = formatClockTime(takenOver.at);
  const by = takenOver.byDeviceId === deviceId ? t('laptop.thisLaptop') : takenOver.byName;
  return takenOver.fromName
    ? t('laptop.takenOverFrom', { by, from: takenOver.fromName, time })
    : t('laptop.takenOver', { by, time });
}

/** The laptop's settings are pushed too; read them now so the screen never shows the old claim meanwhile. */
async function readSnapshot(): Promise<void> {
  const snapshot = await api.call('snapshot.get', {});
  if (snapshot.ok) useStore.getState().setSnapshot(snapshot.value);
}

/**
 * "This is my table" (the laptop's setting, not event data), and, where this
 * laptop may not act on the table, why it is read-only here and "Take over
 * this table" with a confirm (logged as table.takenOver).
 */
export function TableOwnership({
  table,
  access,
  device,
  myTables,
  ownNames,
}: {
  table: TableView;
  access: TableAccess;
  device: { id: string };
  myTables: readonly string[];
  /** The names of the tables this laptop runs, for the read-only explanation. */
  ownNames: readonly string[];
}) {
  const { t } = useTranslation();
  const claim = useAction();
  const takeOver = useAction();
  const [confirming, setConfirming] = useState(false);
  // Shown ticked at once; the laptop's settings (and the push that follows) confirm it.
  const [pending, setPending] = useState<boolean | null>(null);
  const claimed = pending ?? myTables.includes(table.id);

  const setClaim = async (on: boolean) => {
    setPending(on);
    const saved = await claim.run(() =>
      api.call('settings.update', { myTables: on ? [...myTables, table.id] : myTables.filter((id) => id !== table.id) }),
    );
    if (saved) await readSnapshot();
    setPending(null);
  };
  const confirmTakeOver = async () => {
    const done = await takeOver.run(() => api.call('table.takeOver', { tableId: table.id }));
    if (!done) return;
    // It is this laptop's table from now on: it opens here after a restart too.
    if (!myTables.includes(table.id)) {
      if (await claim.run(() => api.call('settings.update', { myTables: [...myTables, table.id] }))) await readSnapshot();
    }
    setConfirming(false);
  };

  return (
    <div className="ownership">
      <label className="my-table">
        <input type="checkbox" checked={claimed} disabled={claim.busy} onChange={(e) => void setClaim(e.target.checked)} />{' '}
        {t('laptop.myTable')}
      </label>
      {table.takenOver && access.kind !== 'elsewhere' && (
        <p className="hint takeover-line">{takeoverText(t, table.takenOver, device.id)}</p>
      )}
      <FormError message={claim.error?.message} />
      {access.kind === 'elsewhere' && (
        <div className="banner read-only" role="region" aria-label={t('laptop.readOnlyLabel')}>
          <p>
            {access.takenOver
              ? `${takeoverText(t, access.takenOver, device.id)} ${t('laptop.readOnlyTaken')}`
              : t('laptop.readOnly', { tables: formatList([...ownNames]) })}
          </p>
          {!confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('laptop.takeOver')}
            </button>
          ) : (
            <div role="group" aria-label={t('laptop.takeOverConfirmLabel', { table: table.name })}>
              <p>{t('laptop.takeOverConfirm', { table: table.name })}</p>
              <button type="button" className="primary" disabled={takeOver.busy} onClick={() => void confirmTakeOver()}>
                {t('laptop.takeOverNow', { table: table.name })}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('form.cancel')}
              </button>
            </div>
          )}
          <FormError message={takeOver.error?.message} />
        </div>
      )}
    </div>
  );
}
