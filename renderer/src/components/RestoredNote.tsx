import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncView } from '../../../shared/contract';

/** Where this browser keeps that a backup was restored here (until the laptop shares again, or "Got it"). */
const KEY = 'tableside.restoredBackup';

/** While a restore runs ('pending': its event shows before the answer comes back), then its event's id; null: forget it. */
export function rememberRestore(eventId: string | null): void {
  try {
    if (eventId === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, eventId);
  } catch {
    // Private mode: the restore form's own words said it already.
  }
}

function restoredHere(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/**
 * After "Restore a backup of a laptop": said plainly, until this laptop
 * shares again or the person says "Got it". The restored laptop is a new
 * laptop to the others (its own device id, so it never clashes with the
 * laptop the backup came from, which may still be running) and the backup
 * carries no sharing: it must join the event again, with its code; its own
 * table is still claimed by the old laptop until it claims it here (and
 * takes it over if that one is gone).
 */
export function RestoredNote({ eventId, sync, onSharing }: { eventId: string; sync: Pick<SyncView, 'role'>; onSharing: () => void }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  const restored = restoredHere();
  if (dismissed || (restored !== eventId && restored !== 'pending') || sync.role !== 'alone') return null;
  const done = () => {
    rememberRestore(null);
    setDismissed(true);
  };
  return (
    <div className="banner calm" role="status" aria-label={t('backup.restoredLabel')}>
      <span>{t('backup.restoredRejoin', { sharing: t('nav.sharing'), join: t('sharing.joinTitle'), myTable: t('laptop.myTable') })}</span>
      <button type="button" onClick={onSharing}>
        {t('nav.sharing')}
      </button>
      <button type="button" onClick={done}>
        {t('event.zoneRecordedOk')}
      </button>
    </div>
  );
}
