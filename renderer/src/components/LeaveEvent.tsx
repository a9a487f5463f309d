import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventView, SyncView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

/**
 * Event settings → "Leave this event": deletes the event from this laptop
 * (event.leave; other laptops keep it) after a confirm that names the event,
 * says what is lost, and warns of changes the hub does not have yet and of
 * a hub's members losing their hub. The welcome screen follows.
 */
export function LeaveEvent({ event, sync }: { event: EventView; sync: SyncView }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const leave = useAction();
  return (
    <section className="card" aria-labelledby="leave-event-title">
      <h3 id="leave-event-title">{t('settings.leaveTitle')}</h3>
      <p className="hint">{t('settings.leaveHint', { event: event.name })}</p>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('settings.leaveOpen')}
        </button>
      ) : (
        <div role="group" aria-label={t('settings.leaveConfirmLabel', { event: event.name })} className="leave-confirm">
          <p>
            <strong>{t('settings.leaveConfirm', { event: event.name })}</strong>
          </p>
          {sync.role === 'member' && sync.pending > 0 && <p>{t('settings.leavePending', { count: sync.pending })}</p>}
          {sync.role === 'hub' && <p>{t('settings.leaveHub')}</p>}
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={leave.busy}
              onClick={() => void leave.run(() => api.call('event.leave', { eventId: event.id }))}
            >
              {t('settings.leaveNow')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('form.cancel')}
            </button>
          </div>
          <FormError message={leave.error?.message} />
        </div>
      )}
    </section>
  );
}
