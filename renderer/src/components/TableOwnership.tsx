import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TableView, TakeoverView } from '../../../shared/contract';
import { lostTakeover, otherRunners, tableRunners, type Runner, type TableAccess } from '../../../shared/domain/laptop';
import { api } from '../api';
import { formatClockTime, formatList } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { FormError } from './Field';

/**
 * "Taken over by “B” from “A” and “C” at 11:52" (every laptop it was taken
 * from), or by this laptop; the one way every screen says it.
 */
export function takeoverText(t: TFunction, takenOver: TakeoverView, deviceId: string): string {
  const time = formatClockTime(takenOver.at);
  const by = takenOver.byDeviceId === deviceId ? t('laptop.thisLaptop') : takenOver.byName;
  const from = takenOver.from.map((f) =>
    f.deviceId === deviceId ? t('laptop.thisLaptop') : (f.name ?? t('export.unnamed', { id: f.deviceId.slice(0, 8) })),
  );
  return from.length > 0 ? t('laptop.takenOverFrom', { by, from: formatList(from), time }) : t('laptop.takenOver', { by, time });
}

/**
 * The question asked when "This is my table" is ticked on a table another
 * laptop runs, for the situation it is in: taken over from this laptop,
 * taken over by another, or claimed by others (co-coaches may share it).
 */
function claimQuestion(t: TFunction, table: TableView, deviceId: string, others: readonly Runner[], lost: boolean): string {
  const taken = table.takenOver;
  if (taken && taken.byDeviceId !== deviceId) {
    const args = { table: table.name, by: taken.byName, time: formatClockTime(taken.at) };
    const fromHere = lost || taken.from.some((f) => f.deviceId === deviceId);
    return fromHere ? t('laptop.claimAskTakenFromHere', { ...args, myTable: t('laptop.myTable') }) : t('laptop.claimAskTaken', args);
  }
  return t('laptop.claimAsk', { table: table.name, laptops: laptopNames(others) });
}

/** The laptops' names as one list ("Ana's laptop and Ben's laptop"). */
const laptopNames = (runners: readonly Runner[]) => formatList(runners.map((r) => r.name));

/** The laptop's settings are pushed too; read them now so the screen never shows the old claim meanwhile. */
async function readSnapshot(): Promise<void> {
  const snapshot = await api.call('snapshot.get', {});
  if (snapshot.ok) useStore.getState().setSnapshot(snapshot.value);
}

/**
 * "This is my table" (the laptop's setting, also said in the log as
 * laptop.claimed), and what is true of who runs the table
 * (shared/domain/laptop.ts): when another laptop runs it too, a warning at
 * claim time and on the table screen (two co-coaches may: warned, never
 * refused); where this laptop may not act on it, why it is read-only here
 * (claimed by which laptop, or by none, or taken over); and "Take over this
 * table" with a confirm (logged as table.takenOver).
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
  // Ticking "This is my table" while another laptop runs it: asked first (claim it too, take it over, or not).
  const [asking, setAsking] = useState(false);
  // Shown ticked at once; the laptop's settings (and the push that follows) confirm it.
  const [pending, setPending] = useState<boolean | null>(null);
  // Not ticked once another laptop took it over from this one: its claim grants nothing there until it takes it back.
  const lost = lostTakeover(table, { id: device.id, myTables }) !== null;
  const claimed = pending ?? (myTables.includes(table.id) && !lost);
  const others = otherRunners(table, device.id);

  const setClaim = async (on: boolean) => {
    setPending(on);
    const saved = await claim.run(() =>
      api.call('settings.update', { myTables: on ? [...myTables.filter((id) => id !== table.id), table.id] : myTables.filter((id) => id !== table.id) }),
    );
    if (saved) await readSnapshot();
    setPending(null);
  };
  const onTick = (on: boolean) => {
    if (on && others.length > 0) setAsking(true);
    else void setClaim(on);
  };
  const confirmTakeOver = async () => {
    const done = await takeOver.run(() => api.call('table.takeOver', { tableId: table.id }));
    if (!done) return;
    // It is this laptop's table from now on: it opens here after a restart too.
    if (!myTables.includes(table.id)) {
      if (await claim.run(() => api.call('settings.update', { myTables: [...myTables, table.id] }))) await readSnapshot();
    }
    setConfirming(false);
    setAsking(false);
  };

  const takeOverControls = !confirming ? (
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
  );

  // Who runs it, by the log, for the read-only banner and the organiser's laptop (which claims no table).
  const runners = tableRunners(table).filter((r) => r.deviceId !== device.id);
  const claimedByText = runners.length > 0 ? t('laptop.claimedBy', { laptops: laptopNames(runners) }) : t('laptop.claimedByNone');

  return (
    <div className="ownership">
      <label className="my-table">
        <input type="checkbox" checked={claimed || asking} disabled={claim.busy} onChange={(e) => onTick(e.target.checked)} />{' '}
        {t('laptop.myTable')}
      </label>
      {table.takenOver && access.kind !== 'elsewhere' && (
        <p className="hint takeover-line">{takeoverText(t, table.takenOver, device.id)}</p>
      )}
      {access.kind === 'any' && !table.takenOver && !asking && <p className="hint takeover-line">{claimedByText}</p>}
      <FormError message={claim.error?.message} />
      {asking && (
        <div className="banner read-only" role="group" aria-label={t('laptop.claimAskLabel', { table: table.name })}>
          <p>{claimQuestion(t, table, device.id, others, lost)}</p>
          <div role="group" aria-label={t('laptop.claimAskChoices')}>
            {/* Claiming a table another laptop took over grants nothing there: only taking it over does. */}
            {!table.takenOver && (
              <button
                type="button"
                disabled={claim.busy}
                onClick={() => {
                  setAsking(false);
                  void setClaim(true);
                }}
              >
                {t('laptop.claimToo')}
              </button>
            )}
            <button type="button" className="primary" disabled={takeOver.busy} onClick={() => void confirmTakeOver()}>
              {t('laptop.takeOverNow', { table: table.name })}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('form.cancel')}
            </button>
          </div>
          <FormError message={takeOver.error?.message} />
        </div>
      )}
      {access.kind === 'mine' && others.length > 0 && !asking && (
        <div className="banner read-only" role="region" aria-label={t('laptop.sharedLabel')}>
          <p>{t('laptop.shared', { laptops: laptopNames(others) })}</p>
          {takeOverControls}
          <FormError message={takeOver.error?.message} />
        </div>
      )}
      {access.kind === 'elsewhere' && (
        <div className="banner read-only" role="region" aria-label={t('laptop.readOnlyLabel')}>
          <p>
            {access.takenOver
              ? `${takeoverText(t, access.takenOver, device.id)} ${t('laptop.readOnlyTaken')}`
              : `${t('laptop.readOnlyHere', { tables: formatList([...ownNames]) })} ${claimedByText} ${t('laptop.takeOverHow')}`}
          </p>
          {takeOverControls}
          <FormError message={takeOver.error?.message} />
        </div>
      )}
    </div>
  );
}
