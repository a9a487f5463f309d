import { useTranslation } from 'react-i18next';
import type { EventView } from '../../../shared/contract';
import { extendSessionTo, isAfterSession, lastDate, moveSessionTo, sessionAt, type SessionPlan } from '../../../shared/domain/session';
import { zonedDate } from '../../../shared/domain/zone';
import { api } from '../api';
import { formatEventDate } from '../lib/format';
import { eventSession } from '../lib/session';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

/**
 * An open table on a day after the session's last: the session is over for
 * every figure (likely not reached, the board's waits), so the coach is
 * offered to extend the session to today or to move it there, with its
 * hours. Either is an ordinary edit of the event (event.update), so every
 * laptop and the board follow.
 */
export function SessionOver({ event, now }: { event: EventView; now: number }) {
  const { t } = useTranslation();
  const action = useAction();
  const plan = eventSession(event);
  if (!plan) return null;
  const today = zonedDate(now, plan.timeZone);
  if (sessionAt(plan, now)?.phase !== 'over' || !isAfterSession(plan, today)) return null;
  const save = (next: SessionPlan) =>
    void action.run(() =>
      api.call('event.update', {
        name: event.name,
        place: event.place,
        date: next.date,
        endDate: next.endDate && next.endDate !== next.date ? next.endDate : null,
        startTime: next.startTime,
        endTime: next.endTime,
        timeZone: next.timeZone,
      }),
    );
  return (
    <div className="banner session-over" role="group" aria-label={t('session.overTitle')}>
      <p>{t('session.overPrompt', { date: formatEventDate(lastDate(plan)) })}</p>
      <div className="actions">
        <button type="button" onClick={() => save(extendSessionTo(plan, today))}>
          {t('session.extend')}
        </button>
        <button type="button" onClick={() => save(moveSessionTo(plan, today))}>
          {t('session.move')}
        </button>
      </div>
      <FormError message={action.error?.message} />
    </div>
  );
}
