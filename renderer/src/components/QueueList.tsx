import { useTranslation } from 'react-i18next';
import type { QueueEntryView } from '../../../shared/contract';
import { formatMinutes } from '../lib/format';

export function personLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  p: { name: string | null; ticket: number },
): string {
  return p.name ?? t('queue.ticket', { ticket: p.ticket });
}

/** The people waiting, in arrival order, each with their place in the queue. */
export function QueueList(props: {
  queue: readonly QueueEntryView[];
  now: number;
  canStart: boolean;
  onStart(entryId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card queue" aria-labelledby="queue-title">
      <h3 id="queue-title">{t('queue.title', { count: props.queue.length })}</h3>
      {props.queue.length === 0 ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" aria-label={t('queue.listLabel')}>
          {props.queue.map((entry) => {
            const who = personLabel(t, entry);
            return (
              <li key={entry.id} className="queue-entry" aria-label={t('queue.entryLabel', { position: entry.position, who })}>
                <span className="position" aria-hidden="true">
                  {entry.position}
                </span>
                <div className="who">
                  <strong>{who}</strong>
                  {entry.name && <span className="ticket">{t('queue.ticket', { ticket: entry.ticket })}</span>}
                  {entry.partySize > 1 && <span className="party">{t('queue.party', { count: entry.partySize })}</span>}
                  <span className="waited">{t('queue.waited', { minutes: formatMinutes(props.now - entry.joinedAt) })}</span>
                  {entry.topics.length > 0 && (
                    <ul className="chips" aria-label={t('queue.topicsOf', { who })}>
                      {entry.topics.map((topic) => (
                        <li key={topic}>{topic}</li>
                      ))}
                    </ul>
                  )}
                </div>
                <button type="button" disabled={!props.canStart} onClick={() => props.onStart(entry.id)}
                  aria-label={t('queue.startWith', { who })}>
                  {t('queue.start')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
