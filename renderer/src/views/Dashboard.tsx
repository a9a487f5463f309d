import { memo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { QueueEntryView, RotationView, Snapshot, TableView, TurnView } from '../../../shared/contract';
import { alertWords, dashboardAlerts, overtimeMinutes, type DashboardAlert, type TableFacts } from '../../../shared/domain/alerts';
import { laptopHeard } from '../../../shared/domain/sync-status';
import { eventSessionEndsAt, presentParticipants, runningTurns, tableState, turnHeads, waitingEntries } from '../../../shared/domain/table';
import { suggestTablesFor, type TableSuggestion } from '../../../shared/domain/suggest';
import { claimedTables, mayAct, tableAccess, tableLaptop } from '../../../shared/domain/laptop';
import { takeoverText } from '../components/TableOwnership';
import { api } from '../api';
import { Field, FormError } from '../components/Field';
import { NameList } from '../components/NameList';
import { countFigure, queueCountFigure } from '../lib/counts';
import { countdownWords, formatClockTime, formatList, formatMinutes, languageName } from '../lib/format';
import { joinParts } from '../lib/parts';
import { Parts } from '../components/Parts';
import { personLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { useNow } from '../lib/useNow';
import { modeLabel } from '../lib/mode';
import { useStore } from '../store';
import { SyncFacts } from './SharingView';

/** The organiser's view: every table at once, with what needs attention. */
export function Dashboard({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  // The alerts read each running turn's countdown only as the minutes it is
  // over time: a tick (once a second) redraws the dashboard only when one of
  // those changes; each table's "Now" line reads its own countdown (NowLine).
  const overtime = useStore(
    useShallow((s) => {
      const byTurn: Record<string, number | null> = {};
      for (const [turnId, cd] of Object.entries(s.countdowns)) byTurn[turnId] = overtimeMinutes(cd.remainingMs);
      return byTurn;
    }),
  );
  // Heard from: the laptop whose table it is now (its latest claim or takeover: tableLaptop), never the one that made it.
  const heard = (table: TableView): { local: boolean; at: number | null } =>
    laptopHeard(tableLaptop(table), snapshot.device.id, snapshot.sync.peers, now);

  const facts: TableFacts[] = snapshot.tables.map((tb) => {
    const h = heard(tb);
    return {
      id: tb.id,
      name: tb.name,
      closed: tb.closedAt !== null,
      waiting: waitingEntries(tb),
      busy: tb.currentTurn !== null,
      // The most over time of the turns running there (two when laptops apart each started one).
      overtimeMinutes: runningTurns(tb).reduce<number | null>((most, turn) => {
        const m = overtime[turn.id] ?? null;
        return m === null ? most : Math.max(most ?? m, m);
      }, null),
      lastHeardAt: h.at,
      local: h.local,
    };
  });
  const alerts = dashboardAlerts(facts, now);
  // A laptop that runs its own tables sends people elsewhere only from those (shared/domain/laptop.ts).
  const claimsAny = claimedTables(snapshot.tables, snapshot.device).length > 0;
  const endsAt = eventSessionEndsAt(snapshot.event, now);

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      {snapshot.sync.role !== 'alone' && <SyncFacts snapshot={snapshot} />}
      <BroadcastForm />
      <section aria-labelledby="alerts-title" className="card">
        <h3 id="alerts-title">{t('dashboard.alerts')}</h3>
        {alerts.length === 0 ? (
          <p className="hint">{t('dashboard.noAlerts')}</p>
        ) : (
          <ul className="alerts" aria-label={t('dashboard.alerts')}>
            {alerts.map((a) => (
              <li key={`${a.kind}-${a.tableId}`} className={`alert ${a.kind}`}>
                {alertText(t, a)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="dashboard-grid">
        {snapshot.tables.map((tb) => {
          const h = heard(tb);
          return (
            <article key={tb.id} className={`card table-card ${tableState(tb)}`} aria-labelledby={`dash-${tb.id}`}>
              <h3 id={`dash-${tb.id}`}>
                <bdi>{tb.name}</bdi>{' '}
                <span className="coaches">
                  <NameList names={tb.coaches} />
                </span>
              </h3>
              <p className="hint">
                <Parts parts={[formatList(tb.languages.map(languageName)), ...tb.topics.map((topic) => <bdi key={topic}>{topic}</bdi>)]} />
              </p>
              <dl className="facts">
                <dt>{t('dashboard.state')}</dt>
                <dd>{t(`dashboard.states.${tableState(tb)}`)}</dd>
                <dt>{t('dashboard.waiting')}</dt>
                <dd>{queueCountFigure(t, tb.queue)}</dd>
                <dt>{t('dashboard.now')}</dt>
                <dd>
                  {/* Every turn running there, one line each: two laptops apart may each have started one. */}
                  {tb.currentTurn
                    ? runningTurns(tb).map((turn, i) => (
                        <span key={turn.id} className="now-line">
                          {i > 0 && <br />}
                          <NowLine turn={turn} rotation={turn.rotationId ? tb.rotation : null} />
                        </span>
                      ))
                    : '–'}
                </dd>
                <dt>{t('dashboard.servedEntries')}</dt>
                <dd>{countFigure(t, tb.stats.served, tb.stats.servedHeads)}</dd>
                <dt>{t('dashboard.medianWaitFromArrival')}</dt>
                <dd>{tb.stats.medianWaitMs === null ? '–' : formatMinutes(tb.stats.medianWaitMs)}</dd>
                <dt>{t('dashboard.lastHeard')}</dt>
                <dd>
                  {h.local ? t('dashboard.thisLaptop') : h.at === null ? t('dashboard.never') : t('dashboard.ago', { minutes: formatMinutes(now - h.at), time: formatClockTime(h.at) })}
                </dd>
              </dl>
              {tb.takenOver && <p className="hint takeover-line">{takeoverText(t, tb.takenOver, snapshot.device.id)}</p>}
              {tb.queue.length > 0 && (
                <ul className="dash-queue" aria-label={t('dashboard.queueOf', { table: tb.name })}>
                  {tb.queue.map((e) => (
                    <SendRow key={e.id} entry={e} tables={snapshot.tables} fromTable={tb} endsAt={endsAt} now={now}
                      readOnly={!mayAct(tableAccess(tb, snapshot.device, claimsAny))} />
                  ))}
                </ul>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

/** Names shown on a crowd's "Now" line before "+N more" (a third name takes the room of "+1 more"). */
const NAMES_SHOWN = 2;

/**
 * Who is at a table: their names; for a plenary, a topic focus, a sub-group or
 * more than three, the mode, how many (heads, turnHeads) and at most
 * NAMES_SHOWN names then "+N more", as the table screen shows a crowd, so a
 * plenary of twelve keeps its card as short as the others. Each name in its
 * <bdi> (NameList).
 */
function NowWho({ turn, rotation }: { turn: TurnView; rotation: RotationView | null }) {
  const { t } = useTranslation();
  const present = presentParticipants(turn);
  const names = (present.length > 0 ? present : turn.participants).map((p) => personLabel(t, p));
  const crowd = turn.mode !== 'one_to_one' || turn.participants.length > 3;
  if (!crowd) return <NameList names={names} />;
  const shown = names.length > NAMES_SHOWN + 1 ? names.slice(0, NAMES_SHOWN) : names;
  const hidden = names.length - shown.length;
  return (
    <Parts parts={[
      modeLabel(t, turn, rotation),
      t('turn.peopleCount', { count: turnHeads(turn) }),
      <span key="names" className="now-names">
        <NameList names={shown} joined={hidden > 0 ? 'comma' : 'and'} />
        {hidden > 0 && ` ${t('turn.moreNames', { count: hidden })}`}
      </span>,
    ]} />
  );
}

/**
 * How long a turn has left, in words ("12:13 left", "1:05 over time",
 * "paused, 3:00 left"): the digits alone read like a time of day. Before the
 * first countdown push, nothing.
 */
function nowTime(t: TFunction, cd: { remainingMs: number; paused: boolean } | undefined): string | null {
  if (!cd) return null;
  const words = countdownWords(cd.remainingMs, cd.paused);
  return t(words.key === 'over' ? 'dashboard.timeOver' : words.key === 'paused' ? 'dashboard.timePaused' : 'dashboard.timeLeft', { time: words.time });
}

/**
 * A table card's "Now" line (who, then the time left): it alone reads its
 * turn's pushed countdown, so a tick redraws this line, not the dashboard.
 */
const NowLine = memo(function NowLine({ turn, rotation }: { turn: TurnView; rotation: RotationView | null }) {
  const { t } = useTranslation();
  const time = useStore((s) => nowTime(t, s.countdowns[turn.id]));
  return <Parts parts={[<NowWho key="who" turn={turn} rotation={rotation} />, time]} />;
});

function SendRow({ entry, tables, fromTable, endsAt, now, readOnly }: { entry: QueueEntryView; tables: TableView[]; fromTable: TableView; endsAt: number | null; now: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const who = personLabel(t, entry);
  // The suggestions come from the snapshot through THE wait estimate (tableWaits), as the tables and the board show it.
  const [options, setOptions] = useState<TableSuggestion[] | null>(null);
  const send = useAction();
  const name = (id: string) => tables.find((x) => x.id === id)?.name ?? id;
  return (
    <li>
      <span>
        {entry.position}.{' '}
        <Parts parts={[
          <bdi key="who">{who}</bdi>,
          entry.topics.length > 0 && <span key="topics" className="hint">{joinParts(entry.topics)}</span>,
          entry.languages.length > 0 && <span key="languages" className="hint">{formatList(entry.languages.map(languageName))}</span>,
        ]} />
      </span>
      {options === null ? (
        <button type="button" className="small" aria-label={t('dashboard.sendLabel', { who })} disabled={readOnly}
          title={readOnly ? t('laptop.readOnlyShort', { table: fromTable.name }) : undefined}
          onClick={() => setOptions(suggestTablesFor(entry, fromTable, tables, now, endsAt))}>
          {t('dashboard.send')}
        </button>
      ) : (
        <ul className="suggestions" aria-label={t('dashboard.suggestionsFor', { who })}>
          {options.length === 0 && <li className="hint">{t('dashboard.noOtherTable')}</li>}
          {options.map((o) => (
            <li key={o.tableId}>
              <button type="button" className="small"
                onClick={() => void send.run(() => api.call('entry.transfer', { entryId: entry.id, toTableId: o.tableId }))}>
                {t('dashboard.sendTo', { table: name(o.tableId) })}
              </button>
              <span className="hint">
                {' '}
                {joinParts([
                  ...(o.expectedWait.kind === 'not_reached'
                    ? [t('dashboard.topics', { count: o.sharedTopics.length }), t('dashboard.whyNotReached')]
                    : [t('dashboard.why', { count: o.sharedTopics.length, low: o.expectedWait.lowMinutes, high: o.expectedWait.highMinutes })]),
                  o.sharedLanguages.length > 0 && t('dashboard.inLanguages', { languages: formatList(o.sharedLanguages.map(languageName)) }),
                ])}
              </span>
            </li>
          ))}
          <li>
            <button type="button" className="small" onClick={() => setOptions(null)}>{t('form.cancel')}</button>
          </li>
        </ul>
      )}
      <FormError message={send.error?.message} />
    </li>
  );
}

function BroadcastForm() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sent, setSent] = useTransient<true>();
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(null);
    const message = text;
    const r = await action.run(() => api.call('broadcast.send', { text: message }));
    if (r) {
      // What was typed meanwhile stays.
      setText((current) => (current === message ? '' : current));
      setSent(true);
    }
  };
  return (
    <form className="card broadcast-form" onSubmit={submit} aria-label={t('dashboard.broadcast')} noValidate>
      <Field label={t('dashboard.message')} hint={t('dashboard.messageHint')} error={action.fieldError('text')}>
        {(a) => <input id={a.id} value={text} maxLength={280} onChange={(e) => setText(e.target.value)} aria-describedby={a.describedBy} autoComplete="off" />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>{t('dashboard.sendAll')}</button>
        {sent && <span role="status" className="confirmation">{t('dashboard.sent')}</span>}
      </div>
    </form>
  );
}

/** An alert in the reader's language (alerts.ts alertWords). */
function alertText(t: TFunction, a: DashboardAlert): string {
  const w = alertWords(a);
  return t(`dashboard.${w.key}`, w.params);
}
