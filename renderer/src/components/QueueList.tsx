import { useTranslation } from 'react-i18next';
import type { QueueEntryView } from '../../../shared/contract';
import type { WaitEstimate } from '../../../shared/domain/estimate';
import { formatRange } from '../../../shared/domain/estimate';
import { formatClockTime, formatMinutes } from '../lib/format';
import { personLabel } from '../lib/people';

export type QueueAction = 'up' | 'down' | 'away' | 'back' | 'no_show' | 'remove' | 'start';

/** The people waiting, in serving order, each with their place, wait so far and expected wait. */
export function QueueList(props: {
  queue: readonly QueueEntryView[];
  estimates: ReadonlyMap<string, WaitEstimate>;
  now: number;
  canStart: boolean;
  groupNumber: (groupId: string | null) => number | null;
  onAction(action: QueueAction, entry: QueueEntryView): void;
}) {
  const { t } = useTranslation();
  const { queue } = props;
  return (
    <section className="card queue" aria-labelledby="queue-title">
      <h3 id="queue-title">{t('queue.title', { count: queue.length })}</h3>
      {queue.length === 0 ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" aria-label={t('queue.listLabel')}>
          {queue.map((entry, i) => {
            const who = personLabel(t, entry);
            const estimate = props.estimates.get(entry.id);
            const range = estimate ? formatRange(estimate.lowMs, estimate.highMs) : null;
            const group = props.groupNumber(entry.groupId);
            const act = (a: QueueAction) => () => props.onAction(a, entry);
            return (
              <li key={entry.id} className={`queue-entry ${entry.status}`} aria-label={t('queue.entryLabel', { position: entry.position, who })}>
                <span className="position" aria-hidden="true">
                  {entry.position}
                </span>
                <div className="who">
                  <strong>{who}</strong>
                  {entry.name && <span className="ticket">{t('queue.ticket', { ticket: entry.ticket })}</span>}
                  {entry.partySize > 1 && <span className="party">{t('queue.party', { count: entry.partySize })}</span>}
                  {group !== null && <span className="group-tag">{t('rotation.groupN', { n: group })}</span>}
                  <span className="waited">{t('queue.waited', { minutes: formatMinutes(props.now - entry.joinedAt) })}</span>
                  {range && (
                    <span className={`estimate ${estimate?.likelyNotReached ? 'late' : estimate?.atRisk ? 'risk' : ''}`}>
                      {estimate?.likelyNotReached
                        ? t('queue.notReached')
                        : t('queue.estimate', { low: range.lowMinutes, high: range.highMinutes })}
                    </span>
                  )}
                  {entry.status === 'away' && entry.awayUntil !== null && (
                    <span className="away">
                      {entry.awayUntil >= props.now
                        ? t('queue.awayUntil', { time: formatClockTime(entry.awayUntil) })
                        : t('queue.holdExpired')}
                    </span>
                  )}
                  {entry.topics.length > 0 && (
                    <ul className="chips" aria-label={t('queue.topicsOf', { who })}>
                      {entry.topics.map((topic) => (
                        <li key={topic}>{topic}</li>
                      ))}
                    </ul>
                  )}
                </div>
                <div className="entry-actions">
                  <button type="button" className="small" disabled={!props.canStart} onClick={act('start')}
                    aria-label={t('queue.startWith', { who })}>
                    {t('queue.start')}
                  </button>
                  <button type="button" className="small" disabled={i === 0} onClick={act('up')}
                    aria-label={t('queue.moveUp', { who })}>
                    ↑
                  </button>
                  <button type="button" className="small" disabled={i === queue.length - 1} onClick={act('down')}
                    aria-label={t('queue.moveDown', { who })}>
                    ↓
                  </button>
                  {entry.status === 'away' ? (
                    <button type="button" className="small" onClick={act('back')} aria-label={t('queue.backLabel', { who })}>
                      {t('queue.back')}
                    </button>
                  ) : (
                    <button type="button" className="small" onClick={act('away')} aria-label={t('queue.awayLabel', { who })}>
                      {t('queue.away')}
                    </button>
                  )}
                  <button type="button" className="small" onClick={act('no_show')} aria-label={t('queue.noShowLabel', { who })}>
                    {t('queue.noShow')}
                  </button>
                  <button type="button" className="small" onClick={act('remove')} aria-label={t('queue.removeLabel', { who })}>
                    {t('queue.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
