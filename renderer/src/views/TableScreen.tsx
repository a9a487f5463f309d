import { FeedbackOffer } from '../components/FeedbackOffer';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Envelope, EventView, GoneEntryView, QueueEntryView, TableView } from '../../../shared/contract';
import { sessionAt, sessionDays, sessionEndsAt, sessionMinutesLeft, type SessionPlan } from '../../../shared/domain/session';
import { rotationRunThrough, runningTurns, tableWaits } from '../../../shared/domain/table';
import { zonedDate } from '../../../shared/domain/zone';
import { api } from '../api';
import { CrowdTools } from '../components/CrowdTools';
import { FollowUpItem } from '../components/FollowUpItem';
import { FollowUpForm } from '../components/FollowUpForm';
import { afterDrafts } from '../lib/followUpDrafts';
import { FormError } from '../components/Field';
import { GoneList } from '../components/GoneList';
import { NoteEditor } from '../components/NoteEditor';
import { QuestionsPanel } from '../components/QuestionsPanel';
import { QueueList, type QueueAction, type QueueUndo } from '../components/QueueList';
import { RotationPanel } from '../components/RotationPanel';
import { TableSettings } from '../components/TableSettings';
import { TurnPanel } from '../components/TurnPanel';
import { UndoEndTurn } from '../components/TurnUndo';
import { NameList } from '../components/NameList';
import { EditTable } from '../components/EditTable';
import { WalkInForm } from '../components/WalkInForm';
import { chime } from '../lib/chime';
import { formatClockTime, formatEventDate, formatList, formatMinutes, formatWholeMinutes, languageName } from '../lib/format';
import { fewPeople, peopleLabel, personLabel } from '../lib/people';
import { eventSession } from '../lib/session';
import { SessionOver } from '../components/SessionOver';
import { shortcutLabel, useShortcut, useShortcutsOff } from '../lib/shortcuts';
import { useTableAccess } from '../lib/access';
import { mayAct } from '../../../shared/domain/laptop';
import { TableOwnership } from '../components/TableOwnership';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { useNow } from '../lib/useNow';
import { rememberLast } from '../lib/remember';
import { useStore } from '../store';
import { Parts } from '../components/Parts';

/** An action on someone in the queue that can still be taken back, shown beside them. */
interface Undo {
  entryId: string;
  /** Where they stood when it was done (0-based), to show the Undo there if they left the queue. */
  index: number;
  message: string;
  run(): Promise<Envelope<unknown>>;
}

/** How long an Undo stays offered after the action (at least ten seconds, so it can be reached). */
const UNDO_MS = 30_000;


/** The highest ticket this table has handed out, as far as the snapshot shows. */
function highestTicketOf(table: TableView): number {
  let max = 0;
  for (const e of table.queue) max = Math.max(max, e.ticket);
  for (const g of table.gone) max = Math.max(max, g.ticket);
  for (const turn of runningTurns(table)) for (const p of turn.participants) max = Math.max(max, p.ticket);
  for (const turn of table.pastTurns) for (const p of turn.participants) max = Math.max(max, p.ticket);
  return max;
}

/** One coaching table: who is on, the countdown, who is next, the queue, the crowd tools and the notes. */
export function TableScreen({ table, event }: { table: TableView; event: EventView }) {
  const { t } = useTranslation();
  const turn = table.currentTurn;
  const action = useAction();
  const now = useNow(15_000);
  // The whole "now" card turns amber under 2 minutes and red in overtime, to be seen from across the table.
  const phase = useStore((s) => (turn ? s.countdowns[turn.id]?.phase : undefined));
  const [undo, setUndo] = useState<Undo | null>(null);
  const [joinCue, setJoinCue] = useTransient<{ text: string; id: string }>();
  const closed = table.closedAt !== null;
  const next = table.queue.find((e) => e.status === 'waiting');
  // The time-dependent figures, remembered across renders React throws away
  // (the `now` tick is a transition, and each scroll frame of the queue
  // interrupts it): each retry would otherwise redo all of them.
  const [derived] = useState(() => ({
    endsAt: rememberLast((e: EventView, at: number) => sessionEndsAt(eventSession(e), at)),
    waits: rememberLast(tableWaits),
    clock: rememberLast((tr: TFunction, e: EventView, at: number) => sessionClockText(tr, eventSession(e), at)),
    names: rememberLast(fewPeople),
  }));
  const endsAt = derived.endsAt(event, now);
  // Another laptop's table is read-only here until this laptop takes it over (the core refuses too).
  const ownership = useTableAccess(table);
  const readOnly = !mayAct(ownership.access);
  useShortcutsOff(readOnly);

  // A sound and a visible cue when someone joins an empty queue. Only a new
  // arrival counts (a higher ticket than any seen here), not someone put back
  // from "Left the queue" or an undo. The cue goes after a while; a later
  // snapshot must not cancel that (so its timer hangs on the cue, not on the queue).
  const previousLength = useRef(table.queue.length);
  const highestTicket = useRef(highestTicketOf(table));
  useEffect(() => {
    const before = previousLength.current;
    const seen = highestTicket.current;
    previousLength.current = table.queue.length;
    highestTicket.current = Math.max(seen, highestTicketOf(table));
    const arrival = table.queue.find((e) => e.ticket > seen);
    if (before === 0 && arrival) {
      setJoinCue({ text: t('queue.joinedEmpty', { who: personLabel(t, arrival) }), id: arrival.id });
      chime('join');
    }
  }, [table, t, setJoinCue]);
  useEffect(() => {
    if (!undo) return undefined;
    const id = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(id);
  }, [undo]);

  const waits = derived.waits(table, now, endsAt);
  const estimates = waits.byEntry;
  const notReached = waits.notReached;

  // A rotation whose groups have all had their turn is over (rotationRunThrough): the table works as without one,
  // and what the coach starts next ends it.
  const rotating = table.rotation && !rotationRunThrough(table.rotation) ? table.rotation : null;
  const startNext = () => {
    if (rotating && !turn) return void action.run(() => api.call('rotation.next', { rotationId: rotating.id }));
    if (!turn && !rotating) void action.run(() => api.call('turn.start', { tableId: table.id }));
  };
  useShortcut('startNext', () => {
    // The next group ends the running turns: their follow-up drafts are recorded first (lib/followUpDrafts.ts).
    const ending = runningTurns(table).map((r) => r.id);
    if (rotating) void action.run(afterDrafts(ending, () => api.call('rotation.next', { rotationId: rotating.id })));
    else startNext();
  });

  // A stable handler, so the queue's rows are not drawn again for a new function each time.
  const latest = useRef({ table, t, action });
  useLayoutEffect(() => {
    latest.current = { table, t, action };
  });
  const onQueueAction = useCallback((kind: QueueAction, entry: QueueEntryView) => {
    const { table, t, action } = latest.current;
    const who = personLabel(t, entry);
    const index = table.queue.findIndex((e) => e.id === entry.id);
    void (async () => {
      if (kind === 'start') {
        await action.run(() => api.call('turn.start', { tableId: table.id, entryId: entry.id }));
        return;
      }
      if (kind === 'up' || kind === 'down') {
        const r = await action.run(() => api.call('queue.move', { entryId: entry.id, direction: kind }));
        if (r) {
          setUndo({
            entryId: entry.id,
            index,
            message: t(`undo.${kind}`, { who }),
            run: () => api.call('queue.place', { entryId: entry.id, rank: r.previousRank }),
          });
        }
        return;
      }
      const status = kind === 'back' ? 'waiting' : kind === 'remove' ? 'removed' : kind;
      const r = await action.run(() => api.call('entry.setStatus', { entryId: entry.id, status }));
      if (r) {
        const previous = r.previous;
        setUndo({
          entryId: entry.id,
          index,
          message: t(`undo.${kind}`, { who }),
          run: () =>
            api.call('entry.setStatus', {
              entryId: entry.id,
              status: previous.status === 'away' ? 'away' : 'waiting',
              ...(previous.status === 'away' ? { awayUntil: previous.awayUntil } : {}),
            }),
        });
      }
    })();
  }, []);
  const groups = table.rotation?.groups;
  const groupNumber = useCallback(
    (groupId: string | null) => {
      const i = groups?.findIndex((g) => g.id === groupId) ?? -1;
      return i >= 0 ? i + 1 : null;
    },
    [groups],
  );

  // "Put back": someone sent to another table comes back from there (one operation, both tables); anyone else waits again.
  const restore = (g: GoneEntryView) =>
    void (g.status === 'transferred'
      ? action.run(() => api.call('entry.bringBack', { entryId: g.id }))
      : action.run(() => api.call('entry.setStatus', { entryId: g.id, status: 'waiting' })));

  const undoFor: QueueUndo | null = undo
    ? {
        ...undo,
        onUndo: async () => {
          setUndo(null);
          await action.run(undo.run);
        },
        onDismiss: () => setUndo(null),
      }
    : null;
  const inPlenary = turn?.mode === 'plenary';

  return (
    <section className="table-screen" aria-labelledby="table-title">
      <header className="table-header">
        <h2 id="table-title">
          <bdi>{table.name}</bdi>{' '}
          <span className="coaches">
            <NameList names={table.coaches} />
          </span>
        </h2>
        <p className="table-meta">
          {t('table.meta', { language: formatList(table.languages.map(languageName)), minutes: table.turnMinutes })}{' '}
          {/* Read-only here (another laptop's table, not taken over): its details are not edited either. */}
          <EditTable table={table} topics={event.topics} disabled={readOnly} />
        </p>
        {table.topics.length > 0 && (
          <ul className="chips" aria-label={t('table.topicsLabel')}>
            {table.topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        )}
        <TableOwnership table={table} {...ownership} />
        {!closed && <SessionOver event={event} now={now} />}
        {!closed && endsAt !== null && (
          <div className="session-clock">
            {/* Announced on each change: the clock and a count, never the names (a thousand waiting once read out ~950). */}
            <div role="status">
              <p>{derived.clock(t, event, now)}</p>
              {notReached.length > 0 && <p className="not-reached">{t('session.notReached', { count: notReached.length })}</p>}
            </div>
            {notReached.length > 0 && <NotReachedNames few={derived.names(t, notReached)} />}
          </div>
        )}
      </header>

      {closed && (
        <p className="banner closed" role="status">
          {t('table.closedAt', { time: formatClockTime(table.closedAt ?? 0) })}
        </p>
      )}

      {/* Read-only: every control of the table is disabled at once (a disabled fieldset), its contents still shown. */}
      <fieldset className="table-body" disabled={readOnly}>
      <div className="table-top">
        <div className="table-now">
          <section className={`now card${phase && phase !== 'running' ? ` ${phase}` : ''}`} aria-labelledby="now-title">
            <div className="now-top">
              <h3 id="now-title">{t('turn.now')}</h3>
              {!inPlenary && (
                <p className="next-up">
                  {rotating
                    ? t('turn.nextGroup')
                    : next
                      ? t('turn.nextUp', { who: personLabel(t, next) })
                      : t('turn.nobodyNext')}
                </p>
              )}
            </div>
            {turn ? (
              <TurnPanel table={table} turn={turn} />
            ) : (
              <>
                {/* Undo of End turn, where the turn was, for a short while (it undoes only the last one). */}
                {table.pastTurns[0] && !closed && <UndoEndTurn turn={table.pastTurns[0]} />}
                <p className="now-who idle">{t('turn.nobody')}</p>
                {/* Feedback is offered for a quarter of an hour after the last turn. */}
                {table.pastTurns[0] && (table.pastTurns[0].endedAt ?? 0) > now - 15 * 60_000 && <FeedbackOffer turn={table.pastTurns[0]} />}
                {!rotating && (
                  <div className="actions">
                    <button type="button" className="primary big" onClick={startNext} disabled={!next || action.busy || closed}>
                      {t('turn.startNext')} <kbd>{shortcutLabel('startNext')}</kbd>
                    </button>
                  </div>
                )}
                {!rotating && !closed && <CrowdTools table={table} />}
              </>
            )}
            <FormError message={action.error?.message} />
          </section>
        </div>

        <div className="table-queue">
          <QueueList
            queue={table.queue}
            estimates={estimates}
            now={now}
            sessionEndsAt={endsAt}
            canStart={!turn && !action.busy && !closed}
            groupNumber={groupNumber}
            onAction={onQueueAction}
            undo={undoFor}
            cue={joinCue?.text ?? null}
          />
          {!closed && <WalkInForm tableId={table.id} topics={table.topics} />}
        </div>
      </div>

      {table.rotation && <RotationPanel table={table} rotation={table.rotation} now={now} />}

      <div className="table-more">
        <div>
          <GoneList gone={table.gone} total={table.goneTotal} onRestore={restore} />

          {table.pastTurns.length > 0 && (
            <section className="card past" aria-labelledby="past-title">
              <h3 id="past-title">{t('past.title')}</h3>
              <ul className="past-list">
                {table.pastTurns.map((p) => {
                  const who = peopleLabel(t, p.participants);
                  return (
                    <li key={p.id}>
                      <p>
                        <strong><bdi>{who}</bdi></strong>{' '}
                        <Parts parts={[
                          t('past.when', {
                            start: formatClockTime(p.startedAt),
                            end: formatClockTime(p.endedAt ?? p.startedAt),
                            duration: formatMinutes((p.endedAt ?? p.startedAt) - p.startedAt),
                          }),
                          p.mode !== 'one_to_one' && <span key="mode" className="hint">{t(`modeShort.${p.mode}`)}</span>,
                        ]} />
                      </p>
                      <NoteEditor
                        label={t('past.noteFor', { who })}
                        text={p.note?.text ?? ''}
                        savedAt={p.note?.savedAt ?? null}
                        save={(text) => api.call('note.save', { turnId: p.id, text })}
                      />
                      {/* A follow-up can be recorded afterwards too (and a draft left when the turn ended shows here). */}
                      {/* Only for those without a follow-up yet (one per person: the list below edits it). */}
                      {!closed && (
                        <FollowUpForm
                          participants={p.participants.filter((x) => !table.followUps.some((f) => f.entryId === x.id && f.withdrawnAt === null))}
                          turnId={p.id}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
              {table.pastTurnsTotal > table.pastTurns.length && (
                <p className="hint">{t('past.more', { shown: table.pastTurns.length, total: table.pastTurnsTotal })}</p>
              )}
            </section>
          )}

          {table.followUps.length > 0 && (
            <section className="card" aria-labelledby="followups-title">
              <h3 id="followups-title">{t('followUp.listTitle')}</h3>
              <ul>
                {table.followUps.map((f) => (
                  <FollowUpItem key={f.id} followUp={f} />
                ))}
              </ul>
            </section>
          )}
        </div>
        <div>
          <QuestionsPanel table={table} />
          <TableSettings table={table} />
        </div>
      </div>
      </fieldset>
    </section>
  );
}

/**
 * The session's end as the coach needs it: minutes left on the day itself;
 * on any other day, the date (an event set up the day before does not
 * count down 1,400 minutes, nor does yesterday's read as just ended); between
 * the days of a congress, today's end and the next day.
 */
function sessionClockText(t: TFunction, session: SessionPlan | null, now: number): string {
  const moment = session ? sessionAt(session, now) : null;
  if (!session || !moment) return '';
  const { day, phase } = moment;
  const time = formatClockTime(day.endAt);
  const date = formatEventDate(day.date);
  const today = zonedDate(now, session.timeZone);
  const next = phase === 'paused' ? sessionDays(session)[moment.dayIndex + 1] : undefined;
  if (next) return t('session.paused', { time, date: formatEventDate(next.date), start: formatClockTime(next.startAt) });
  if (phase === 'over') return day.date === today || zonedDate(day.endAt, session.timeZone) === today ? t('session.ended', { time }) : t('session.endedOnDay', { date, time });
  if (phase === 'upcoming' && day.date !== today) return t('session.onDay', { date, time });
  return t('session.endsIn', { time, left: formatWholeMinutes(sessionMinutesLeft(session, now) ?? 0) });
}

/** What to do and who: a few names (each in its own <bdi>) and "+N more"; not a live region. */
function NotReachedNames({ few }: { few: { names: string[]; hidden: number } }) {
  const { t } = useTranslation();
  return (
    <p className="not-reached-who">
      {`${t('session.notReachedAdvice')} `}
      <NameList names={few.names} joined={few.hidden > 0 ? 'comma' : 'and'} />
      {few.hidden > 0 && ` ${t('turn.moreNames', { count: few.hidden })}`}
    </p>
  );
}
