import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TableView, TurnView } from '../../../shared/contract';
import { api } from '../api';
import { Countdown } from '../components/Countdown';
import { FormError } from '../components/Field';
import { NoteEditor } from '../components/NoteEditor';
import { personLabel, QueueList } from '../components/QueueList';
import { WalkInForm } from '../components/WalkInForm';
import { formatClockTime, formatMinutes, languageName } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useNow } from '../lib/useNow';
import { useStore } from '../store';

/** One coaching table: who is on, the countdown, who is next, the queue and the notes. */
export function TableScreen({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const turn = table.currentTurn;
  const { countdown, alert, dismissAlert } = useStore(
    useShallow((s) => ({
      countdown: turn ? s.countdowns[turn.id] : undefined,
      alert: turn ? s.alerts[turn.id] : undefined,
      dismissAlert: s.dismissAlert,
    })),
  );
  const action = useAction();
  const now = useNow();
  const next = table.queue[0];

  const start = (entryId?: string) =>
    void action.run(() => api.call('turn.start', { tableId: table.id, ...(entryId ? { entryId } : {}) }));
  const end = (t: TurnView) => void action.run(() => api.call('turn.end', { turnId: t.id }));

  return (
    <section className="table-screen" aria-labelledby="table-title">
      <header className="table-header">
        <h2 id="table-title">
          {table.name} <span className="coaches">{table.coaches.join(', ')}</span>
        </h2>
        <p className="table-meta">
          {t('table.meta', { language: languageName(table.language), minutes: table.turnMinutes })}
        </p>
        {table.topics.length > 0 && (
          <ul className="chips" aria-label={t('table.topicsLabel')}>
            {table.topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        )}
      </header>

      <section className={`now card ${countdown?.phase ?? ''}`} aria-labelledby="now-title">
        <div className="now-top">
          <h3 id="now-title">{t('turn.now')}</h3>
          <p className="next-up">
            {next ? t('turn.nextUp', { who: personLabel(t, next) }) : t('turn.nobodyNext')}
          </p>
        </div>
        {turn ? (
          <>
            <p className="now-who">
              <strong>{personLabel(t, turn)}</strong>
              {turn.partySize > 1 && <span className="party">{t('queue.party', { count: turn.partySize })}</span>}
              <span className="started">{t('turn.startedAt', { time: formatClockTime(turn.startedAt) })}</span>
            </p>
            <Countdown remainingMs={countdown?.remainingMs} phase={countdown?.phase} />
            {alert?.kind === 'warning' && countdown?.phase === 'warning' && (
              <p role="status" className="banner warning">
                {t('turn.warningAlert', { who: personLabel(t, turn) })}
                <button type="button" className="small" onClick={() => dismissAlert(turn.id)}>
                  {t('turn.dismiss')}
                </button>
              </p>
            )}
            {alert?.kind === 'end' && (
              <p role="alert" className="banner end">
                {t('turn.endAlert', { who: personLabel(t, turn) })}
                <button type="button" className="small" onClick={() => dismissAlert(turn.id)}>
                  {t('turn.dismiss')}
                </button>
              </p>
            )}
            <div className="actions">
              <button type="button" className="primary big" onClick={() => end(turn)} disabled={action.busy}>
                {t('turn.end')}
              </button>
            </div>
            <NoteEditor
              key={turn.id}
              label={t('note.label')}
              text={turn.note?.text ?? ''}
              savedAt={turn.note?.savedAt ?? null}
              save={(text) => api.call('note.save', { turnId: turn.id, text })}
            />
          </>
        ) : (
          <>
            <p className="now-who idle">{t('turn.nobody')}</p>
            <div className="actions">
              <button type="button" className="primary big" onClick={() => start()} disabled={!next || action.busy}>
                {t('turn.startNext')}
              </button>
            </div>
          </>
        )}
        <FormError message={action.error?.message} />
      </section>

      <div className="columns">
        <QueueList queue={table.queue} now={now} canStart={!turn && !action.busy} onStart={(id) => start(id)} />
        <WalkInForm tableId={table.id} topics={table.topics} />
      </div>

      {table.pastTurns.length > 0 && (
        <section className="card past" aria-labelledby="past-title">
          <h3 id="past-title">{t('past.title')}</h3>
          <ul className="past-list">
            {table.pastTurns.map((p) => {
              const who = personLabel(t, p);
              return (
                <li key={p.id}>
                  <p>
                    <strong>{who}</strong>{' '}
                    {t('past.when', {
                      start: formatClockTime(p.startedAt),
                      end: formatClockTime(p.endedAt ?? p.startedAt),
                      duration: formatMinutes((p.endedAt ?? p.startedAt) - p.startedAt),
                    })}
                  </p>
                  <NoteEditor
                    label={t('past.noteFor', { who })}
                    text={p.note?.text ?? ''}
                    savedAt={p.note?.savedAt ?? null}
                    save={(text) => api.call('note.save', { turnId: p.id, text })}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </section>
  );
}
