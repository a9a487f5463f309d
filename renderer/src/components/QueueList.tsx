import type { TFunction } from 'i18next';
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntryView } from '../../../shared/contract';
import type { WaitEstimate } from '../../../shared/domain/estimate';
import { shownWait } from '../../../shared/domain/table';
import { formatClockTime, formatWholeMinutes } from '../lib/format';
import { template } from '../lib/templates';

export type QueueAction = 'up' | 'down' | 'away' | 'back' | 'no_show' | 'remove' | 'start';

/**
 * A long queue is drawn a screenful first, then a few more rows each frame,
 * so that a thousand people waiting never hold up a frame: laying out a
 * thousand rows at once takes far longer than one. How many per frame
 * adapts to the machine, aiming at about half a frame's work (at 60 Hz a
 * frame lasts 16.7 ms). A queue that grows by a few at a time shows them at once.
 */
const FIRST_ROWS = 12;
const ROWS_PER_FRAME = { start: 10, min: 2, max: 40 };
const WORK_PER_FRAME_MS = 8;
/** Rows a tick of the clock reaches per frame (about a quarter of them change). */
const TICK_ROWS_PER_FRAME = 100;

/** What one row shows: plain values, so a row is redrawn only when something on it changed. */
interface Row {
  entry: QueueEntryView;
  first: boolean;
  last: boolean;
  waitedMinutes: number;
  /** The expected wait as shown (minutes, in steps), or null without an estimate. */
  low: number | null;
  high: number | null;
  tone: '' | 'risk' | 'late';
  /** The range stops at the session's end (its late end would run past it). */
  untilEnd: boolean;
  /** For someone who stepped away: whether the held place still holds now. */
  holding: boolean;
  group: number | null;
}

type Act = (action: QueueAction, entry: QueueEntryView) => void;

/** Every text a row shows, looked up once per language rather than once per row. */
function rowTexts(t: TFunction) {
  const who = ['who'] as const;
  return {
    entryLabel: template(t, 'queue.entryLabel', ['position', 'who']),
    ticket: template(t, 'queue.ticket', ['ticket']),
    party: (count: number) => t('queue.party', { count }),
    group: template(t, 'rotation.groupN', ['n']),
    waited: template(t, 'queue.waited', ['minutes']),
    estimate: template(t, 'queue.estimate', ['low', 'high']),
    estimateUntilEnd: template(t, 'queue.estimateUntilEnd', ['low', 'high']),
    notReached: t('queue.notReached'),
    awayUntil: template(t, 'queue.awayUntil', ['time']),
    holdExpired: t('queue.holdExpired'),
    topicsOf: template(t, 'queue.topicsOf', who),
    startWith: template(t, 'queue.startWith', who),
    start: t('queue.start'),
    moveUp: template(t, 'queue.moveUp', who),
    moveDown: template(t, 'queue.moveDown', who),
    backLabel: template(t, 'queue.backLabel', who),
    back: t('queue.back'),
    awayLabel: template(t, 'queue.awayLabel', who),
    away: t('queue.away'),
    noShowLabel: template(t, 'queue.noShowLabel', who),
    noShow: t('queue.noShow'),
    removeLabel: template(t, 'queue.removeLabel', who),
    remove: t('queue.remove'),
  };
}

type RowTexts = ReturnType<typeof rowTexts>;

/** The people waiting, in serving order, each with their place, wait so far and expected wait. */
export function QueueList(props: {
  queue: readonly QueueEntryView[];
  estimates: ReadonlyMap<string, WaitEstimate>;
  now: number;
  /** The session's end (sessionEndAt), so a range never reads past it without saying so. */
  sessionEndsAt: number | null;
  canStart: boolean;
  groupNumber: (groupId: string | null) => number | null;
  onAction(action: QueueAction, entry: QueueEntryView): void;
}) {
  const { t } = useTranslation();
  const { queue, estimates, groupNumber, sessionEndsAt } = props;

  // The clock's tick ("waiting 12 minutes" becomes 13) reaches the rows a
  // block at a time, one block a frame: in a long queue, redrawing them all
  // at once would hold up a frame. Rows before `upTo` show `now`, the rest
  // still `before`.
  const [tick, setTick] = useState({ now: props.now, before: props.now, upTo: Infinity });
  if (props.now !== tick.now) {
    setTick({ now: props.now, before: tick.upTo >= queue.length ? tick.now : tick.before, upTo: TICK_ROWS_PER_FRAME });
  }
  const ticking = tick.upTo < queue.length;
  useEffect(() => {
    if (!ticking) return undefined;
    const id = requestAnimationFrame(() => setTick((k) => ({ ...k, upTo: k.upTo + TICK_ROWS_PER_FRAME })));
    return () => cancelAnimationFrame(id);
  }, [ticking, tick]);

  const rows = useMemo(
    () =>
      queue.map((entry, i): Row => {
        const now = i < tick.upTo ? tick.now : tick.before;
        const estimate = estimates.get(entry.id);
        const shown = estimate ? shownWait(estimate, now, sessionEndsAt) : null;
        const range = shown?.kind === 'range' ? shown : null;
        return {
          entry,
          first: i === 0,
          last: i === queue.length - 1,
          waitedMinutes: Math.max(0, Math.round((now - entry.joinedAt) / 60_000)),
          low: shown ? (range?.lowMinutes ?? 0) : null,
          high: shown ? (range?.highMinutes ?? 0) : null,
          tone: shown?.kind === 'not_reached' ? 'late' : estimate?.atRisk ? 'risk' : '',
          untilEnd: range?.untilEnd ?? false,
          holding: entry.awayUntil !== null && entry.awayUntil >= now,
          group: groupNumber(entry.groupId),
        };
      }),
    [queue, estimates, tick, groupNumber, sessionEndsAt],
  );
  // Changes are drawn in the background (React renders a deferred value in
  // slices that yield to the browser), and rows that did not change are not
  // drawn again.
  const deferred = useDeferredValue(rows);
  const canStart = useDeferredValue(props.canStart);
  const [limit, setLimit] = useState(FIRST_ROWS);
  if (limit < deferred.length && deferred.length <= limit + ROWS_PER_FRAME.start) setLimit(deferred.length);
  const shown = deferred.length <= limit ? deferred : deferred.slice(0, limit);
  const more = shown.length < deferred.length;
  const rowsPerFrame = useRef(ROWS_PER_FRAME.start);
  useEffect(() => {
    if (!more) return undefined;
    const id = requestAnimationFrame(() => {
      const started = performance.now();
      const rows = rowsPerFrame.current;
      setLimit((l) => l + rows);
      // A message posted now runs after this frame is painted and React has
      // drawn these rows: about one step's whole cost. Size the next step by it.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        const cost = Math.max(1, performance.now() - started);
        const scale = Math.min(1.5, Math.max(0.5, WORK_PER_FRAME_MS / cost));
        rowsPerFrame.current = Math.round(Math.min(ROWS_PER_FRAME.max, Math.max(ROWS_PER_FRAME.min, rows * scale)));
      };
      channel.port2.postMessage(null);
    });
    return () => cancelAnimationFrame(id);
  }, [more, limit]);

  // One stable callback for every row, calling the latest handler.
  const onAction = useRef<Act>(props.onAction);
  useLayoutEffect(() => {
    onAction.current = props.onAction;
  });
  const act = useCallback<Act>((action, entry) => onAction.current(action, entry), []);
  const texts = useMemo(() => rowTexts(t), [t]);

  return (
    <section className="card queue" aria-labelledby="queue-title">
      <h3 id="queue-title">{t('queue.title', { count: queue.length })}</h3>
      {queue.length === 0 ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" aria-label={t('queue.listLabel')}>
          {shown.map((row) => (
            <QueueRow key={row.entry.id} row={row} canStart={canStart} act={act} texts={texts} />
          ))}
        </ol>
      )}
    </section>
  );
}

function sameEntry(a: QueueEntryView, b: QueueEntryView): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.ticket === b.ticket &&
      a.name === b.name &&
      a.partySize === b.partySize &&
      a.status === b.status &&
      a.awayUntil === b.awayUntil &&
      a.position === b.position &&
      a.groupId === b.groupId &&
      a.topics.length === b.topics.length &&
      a.topics.every((topic, i) => topic === b.topics[i]))
  );
}

interface RowProps {
  row: Row;
  canStart: boolean;
  act: Act;
  texts: RowTexts;
}

function sameRow(a: RowProps, b: RowProps): boolean {
  const x = a.row;
  const y = b.row;
  return (
    a.canStart === b.canStart &&
    a.act === b.act &&
    a.texts === b.texts &&
    x.first === y.first &&
    x.last === y.last &&
    x.waitedMinutes === y.waitedMinutes &&
    x.low === y.low &&
    x.high === y.high &&
    x.tone === y.tone &&
    x.holding === y.holding &&
    x.group === y.group &&
    sameEntry(x.entry, y.entry)
  );
}

const QueueRow = memo(function QueueRow({ row, canStart, act, texts }: RowProps) {
  const { entry } = row;
  const who = entry.name ?? texts.ticket({ ticket: entry.ticket });
  const on = (a: QueueAction) => () => act(a, entry);
  return (
    <li className={`queue-entry ${entry.status}`} aria-label={texts.entryLabel({ position: entry.position, who })}>
      <span className="position" aria-hidden="true">
        {entry.position}
      </span>
      <div className="who">
        <strong>{who}</strong>
        {entry.name && <span className="ticket">{texts.ticket({ ticket: entry.ticket })}</span>}
        {entry.partySize > 1 && <span className="party">{texts.party(entry.partySize)}</span>}
        {row.group !== null && <span className="group-tag">{texts.group({ n: row.group })}</span>}
        <span className="waited">{texts.waited({ minutes: formatWholeMinutes(row.waitedMinutes) })}</span>
        {row.low !== null && row.high !== null && (
          <span className={`estimate ${row.tone}`}>
            {row.tone === 'late'
              ? texts.notReached
              : (row.untilEnd ? texts.estimateUntilEnd : texts.estimate)({ low: row.low, high: row.high })}
          </span>
        )}
        {entry.status === 'away' && entry.awayUntil !== null && (
          <span className="away">
            {row.holding ? texts.awayUntil({ time: formatClockTime(entry.awayUntil) }) : texts.holdExpired}
          </span>
        )}
        {entry.topics.length > 0 && (
          <ul className="chips" aria-label={texts.topicsOf({ who })}>
            {entry.topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="entry-actions">
        <button type="button" className="small" disabled={!canStart} onClick={on('start')} aria-label={texts.startWith({ who })}>
          {texts.start}
        </button>
        <button type="button" className="small" disabled={row.first} onClick={on('up')} aria-label={texts.moveUp({ who })}>
          ↑
        </button>
        <button type="button" className="small" disabled={row.last} onClick={on('down')} aria-label={texts.moveDown({ who })}>
          ↓
        </button>
        {entry.status === 'away' ? (
          <button type="button" className="small" onClick={on('back')} aria-label={texts.backLabel({ who })}>
            {texts.back}
          </button>
        ) : (
          <button type="button" className="small" onClick={on('away')} aria-label={texts.awayLabel({ who })}>
            {texts.away}
          </button>
        )}
        <button type="button" className="small" onClick={on('no_show')} aria-label={texts.noShowLabel({ who })}>
          {texts.noShow}
        </button>
        <button type="button" className="small" onClick={on('remove')} aria-label={texts.removeLabel({ who })}>
          {texts.remove}
        </button>
      </div>
    </li>
  );
}, sameRow);
