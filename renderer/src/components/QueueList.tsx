import { measureElement as defaultMeasureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { QueueEntryView } from '../../../shared/contract';
import type { WaitEstimate } from '../../../shared/domain/estimate';
import { shownWait } from '../../../shared/domain/table';
import { waitMinutes } from '../../../shared/domain/wait';
import { formatClockTime, formatShortMinutes } from '../lib/format';
import { joinParts } from '../lib/parts';
import { textDirection } from '../lib/bidi';
import { personLabel, shownTicket } from '../lib/people';

export type QueueAction = 'up' | 'down' | 'away' | 'back' | 'no_show' | 'remove' | 'start';

/** An Undo offered beside the person it concerns (or where they stood, if they left the queue). */
export interface QueueUndo {
  entryId: string;
  /** Their place (0-based) when it was done. */
  index: number;
  message: string;
  onUndo(): void;
  onDismiss(): void;
}

/** A row's height before any is measured (two lines at the default font size). */
const ROW_ESTIMATE_PX = 68;
/**
 * Rows drawn beyond the visible ones, on each side. Each scroll frame that
 * brings other rows into range draws the list again with every row in range
 * (memoised rows compared prop by prop), so this is most of a frame's cost:
 * 10 against 40 took the queue's main-thread CPU per frame from 2.0x the
 * static list's to 1.45x (npm run bench queue-render, same run). The keyboard
 * still goes through every row: a focused row is scrolled into view, which
 * draws the next ones; a search for a row far down must scroll to it first.
 */
const OVERSCAN = 10;

type Item = { kind: 'entry'; entry: QueueEntryView; index: number } | { kind: 'undo'; undo: QueueUndo };

/**
 * The people waiting, in serving order: each a compact row (place, name or
 * ticket, wait, topics) with "Start turn" at hand and the rarer actions
 * behind a per-row menu. Long queues are virtualised with
 * @tanstack/react-virtual: only the rows near the visible part of the list
 * are in the page, in order, so the keyboard and a screen reader go through
 * them as a list (each row says its place and the list's length).
 */
export function QueueList(props: {
  queue: readonly QueueEntryView[];
  estimates: ReadonlyMap<string, WaitEstimate>;
  now: number;
  /** The session's end (sessionEndAt), so a range never reads past it without saying so. */
  sessionEndsAt: number | null;
  canStart: boolean;
  groupNumber: (groupId: string | null) => number | null;
  onAction(action: QueueAction, entry: QueueEntryView): void;
  undo?: QueueUndo | null;
  /** A short cue shown above the list (someone joined an empty queue). */
  cue?: string | null;
}) {
  const { t } = useTranslation();
  const { queue, estimates, groupNumber, now, undo, sessionEndsAt } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Each scroll frame that brings rows into range draws this list again: what
  // it and each row say is worked out once (per entry, per moment and
  // language), so such a frame only maps rows already worded.
  const title = useMemo(() => t('queue.title', { count: queue.length }), [t, queue.length]);
  const listLabel = useMemo(() => t('queue.listLabel'), [t]);
  const [words] = useState(() => new RowWords());
  const textOf = useMemo(
    () => rowTexts({ t, now, estimates, sessionEndsAt, groupNumber, canStart: props.canStart, words, count: queue.length }),
    [t, now, estimates, sessionEndsAt, groupNumber, props.canStart, words, queue.length],
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (id: string) =>
      setOpen((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  // An Undo for someone still in the queue goes in their row; for someone who
  // left it, in a row of its own where they stood. Built again only when the
  // queue or the Undo changes, not on every scroll.
  const undoInQueue = undo ? queue.some((e) => e.id === undo.entryId) : false;
  const items = useMemo(() => {
    const list: Item[] = queue.map((entry, index) => ({ kind: 'entry', entry, index }));
    if (undo && !undoInQueue) list.splice(Math.min(undo.index, list.length), 0, { kind: 'undo', undo });
    return list;
  }, [queue, undo, undoInQueue]);
  // A new key function makes the virtualizer lay out every row again, so it changes only with the items.
  const getItemKey = useCallback(
    (i: number) => {
      const item = items[i];
      return item?.kind === 'entry' ? item.entry.id : `undo-${i}`;
    },
    [items],
  );
  // Rows not yet drawn are taken to be as tall as the first one measured (the
  // font, its size and the language decide it), so drawing the next rows while
  // scrolling does not move the ones below them and draw those again.
  const typicalPx = useRef<number | null>(null);
  const estimateSize = useCallback(() => typicalPx.current ?? ROW_ESTIMATE_PX, []);
  const measureElement = useCallback((el: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) => {
    const size = defaultMeasureElement(el, entry, instance);
    if (typicalPx.current === null && size > 0 && el.classList.contains('queue-entry') && !el.classList.contains('open')) {
      typicalPx.current = size;
    }
    return size;
  }, []);

  // The React Compiler cannot memoise around useVirtualizer (its results change
  // without a new identity); no compiler runs here, so nothing is skipped.
  // Scrolling draws nothing in React unless other rows come into range: the
  // virtualizer writes each row's place (`top`) and the list's height itself
  // (directDomUpdates), so the rows never take their place as a prop.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    measureElement,
    overscan: OVERSCAN,
    getItemKey,
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
  });

  return (
    <section className="card queue" aria-labelledby="queue-title">
      <h3 id="queue-title">{title}</h3>
      {props.cue && (
        <p className="banner join" role="status">
          {props.cue}
        </p>
      )}
      {queue.length === 0 && !undo ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <div className="queue-scroll" ref={scrollRef}>
          <ol className="queue-list" aria-label={listLabel} ref={virtualizer.containerRef}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index]!;
              if (item.kind === 'undo') {
                return (
                  <li key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="queue-undo">
                    <UndoLine undo={item.undo} />
                  </li>
                );
              }
              const { entry, index } = item;
              return (
                <QueueRow
                  key={v.key}
                  measure={virtualizer.measureElement}
                  dataIndex={v.index}
                  size={queue.length}
                  entry={entry}
                  index={index}
                  first={index === 0}
                  last={index === queue.length - 1}
                  text={textOf(entry)}
                  canStart={props.canStart}
                  open={open.has(entry.id)}
                  undo={undo && undoInQueue && undo.entryId === entry.id ? undo : null}
                  onAction={props.onAction}
                  onToggle={toggle}
                />
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

function UndoLine({ undo }: { undo: QueueUndo }) {
  const { t } = useTranslation();
  return (
    <p className="undo-line" role="status">
      <span>{undo.message}</span>
      <button type="button" className="small" onClick={undo.onUndo}>
        {t('undo.button')}
      </button>
      <button type="button" className="small" aria-label={t('undo.dismiss')} onClick={undo.onDismiss}>
        ×
      </button>
    </p>
  );
}

/** What a row says, in the page's language: worked out once per entry and moment (rowTexts), not on each draw. */
interface RowText {
  /** Their name, or their ticket if anonymous. */
  who: string;
  /** The row's accessible name (place and who). */
  label: string;
  /** "waiting 12 min", or "waited 10 min" once their wait ended (THE wait, shared/domain/wait.ts). */
  waited: string;
  /** The expected wait ("15–30 min"), or "likely not reached"; null when there is no estimate. */
  estimate: string | null;
  tone: '' | 'risk' | 'late';
  party: string | null;
  fromTable: string | null;
  group: string | null;
  /** For someone who stepped away: until when their place is held, or that the hold ran out. */
  away: string | null;
  topicsLabel: string;
  startLabel: string;
  start: string;
  backLabel: string;
  back: string;
  moreLabel: string;
  more: string;
}

/** A person's own words in the queue: their name and the labels naming them. */
interface EntryWords {
  who: string;
  label: string;
  topicsLabel: string;
  moreLabel: string;
  startLabel: string | null;
  backLabel: string | null;
}

/**
 * The words rows are made of, kept across scroll frames, pushes and clock
 * ticks while the language is the same: each entry's own labels (by the
 * entry object, which the store keeps the same while the entry is
 * unchanged; its place is part of it) and the phrases by their parameters
 * (waits of the same minutes, "likely not reached"). A row coming back into
 * range is worded without calling i18next again, which was most of a scroll
 * frame's script (CPU profile of bench queue-render).
 */
class RowWords {
  private t: TFunction | null = null;
  private entries = new WeakMap<QueueEntryView, EntryWords>();
  private phrases = new Map<string, string>();
  /** Who, the row's label, the topics' and the More button's label; Start's and Back's when asked. */
  entry(t: TFunction, entry: QueueEntryView, start: boolean, back: boolean): EntryWords {
    this.use(t);
    let w = this.entries.get(entry);
    if (!w) {
      const who = personLabel(t, entry);
      w = {
        who,
        label: t('queue.entryLabel', { position: entry.position, who }),
        topicsLabel: t('queue.topicsOf', { who }),
        moreLabel: t('queue.moreLabel', { who }),
        startLabel: null,
        backLabel: null,
      };
      this.entries.set(entry, w);
    }
    if (start && w.startLabel === null) w.startLabel = t('queue.startWith', { who: w.who });
    if (back && w.backLabel === null) w.backLabel = t('queue.backLabel', { who: w.who });
    return w;
  }
  /** `t(key, params)`, remembered by its key and parameters (plain numbers and strings). */
  phrase(t: TFunction, key: string, params?: Record<string, string | number>): string {
    this.use(t);
    const id = params ? `${key}\u0000${JSON.stringify(params)}` : key;
    let text = this.phrases.get(id);
    if (text === undefined) {
      if (this.phrases.size > 4096) this.phrases.clear();
      text = params ? t(key, params) : t(key);
      this.phrases.set(id, text);
    }
    return text;
  }
  /** Rows kept by entry id (rowTexts), so a row reading the same keeps its RowText object. */
  readonly kept = new Map<string, RowText>();
  private use(t: TFunction): void {
    if (t === this.t) return;
    this.t = t;
    this.entries = new WeakMap();
    this.phrases.clear();
  }
}

/**
 * The words of each row for one moment (`now`), language, set of wait
 * estimates and rotation: `(entry) => RowText`, put together when a row is
 * drawn from the words kept in `words` (RowWords), and remembered for that
 * entry object. A row worded as it was at an earlier moment gets its earlier
 * RowText back (kept by entry id), so a memoised row already in range is not
 * drawn again when a push or the clock changes nothing it says. Waits come
 * from shared/domain: the expected wait from table.ts (`shownWait`), the wait
 * so far from wait.ts.
 */
function rowTexts(c: {
  t: TFunction;
  now: number;
  estimates: ReadonlyMap<string, WaitEstimate>;
  sessionEndsAt: number | null;
  groupNumber: (groupId: string | null) => number | null;
  /** Whether rows offer Start turn (then its label is needed). */
  canStart: boolean;
  words: RowWords;
  /** The queue's length: rows kept for people long gone are let go. */
  count: number;
}): (entry: QueueEntryView) => RowText {
  const { t, now, words } = c;
  const kept = words.kept;
  if (kept.size > 2 * c.count + 64) kept.clear();
  const made = new WeakMap<QueueEntryView, RowText>();
  const start = words.phrase(t, 'queue.start');
  const back = words.phrase(t, 'queue.back');
  const more = words.phrase(t, 'queue.more');
  return (entry) => {
    const known = made.get(entry);
    if (known) return known;
    const away = entry.status === 'away';
    const own = words.entry(t, entry, c.canStart, away);
    const estimate = c.estimates.get(entry.id);
    const shown = estimate ? shownWait(estimate, now, c.sessionEndsAt) : null;
    const tone: RowText['tone'] = shown?.kind === 'not_reached' ? 'late' : estimate?.atRisk ? 'risk' : '';
    const group = c.groupNumber(entry.groupId);
    const holding = entry.awayUntil !== null && entry.awayUntil >= now;
    const text: RowText = {
      who: own.who,
      label: own.label,
      // THE wait (shared/domain/wait.ts): a plenary or an earlier turn ended it, and it stands still ("waited").
      waited: words.phrase(t, entry.waitEndedAt !== null ? 'queue.waitEnded' : 'queue.waited', {
        minutes: formatShortMinutes(waitMinutes({ arrivedAt: entry.arrivedAt, firstInteractionAt: entry.waitEndedAt }, now)),
      }),
      estimate:
        shown === null
          ? null
          : shown.kind === 'not_reached'
            ? words.phrase(t, 'queue.notReached')
            : words.phrase(t, shown.untilEnd ? 'queue.estimateUntilEnd' : 'queue.estimate', { low: shown.lowMinutes, high: shown.highMinutes }),
      tone,
      party: entry.partySize > 1 ? words.phrase(t, 'queue.party', { count: entry.partySize }) : null,
      fromTable: entry.fromTable !== null ? t(entry.cameBack ? 'queue.backFromTable' : 'queue.fromTable', { table: entry.fromTable }) : null,
      group: group !== null ? words.phrase(t, 'rotation.groupN', { n: group }) : null,
      away:
        away && entry.awayUntil !== null
          ? holding
            ? t('queue.awayUntil', { time: formatClockTime(entry.awayUntil) })
            : words.phrase(t, 'queue.holdExpired')
          : null,
      topicsLabel: own.topicsLabel,
      startLabel: own.startLabel ?? '',
      start,
      backLabel: own.backLabel ?? '',
      back,
      moreLabel: own.moreLabel,
      more,
    };
    const before = kept.get(entry.id);
    const same = before !== undefined && (Object.keys(text) as (keyof RowText)[]).every((k) => before[k] === text[k]);
    const result = same ? before : text;
    if (!same) kept.set(entry.id, text);
    made.set(entry, result);
    return result;
  };
}

interface RowProps {
  measure: (el: Element | null) => void;
  /** The row's index in the virtual list (an Undo line may stand before it). */
  dataIndex: number;
  size: number;
  entry: QueueEntryView;
  /** Its place in the queue, 0-based. */
  index: number;
  first: boolean;
  last: boolean;
  text: RowText;
  canStart: boolean;
  open: boolean;
  undo: QueueUndo | null;
  onAction(action: QueueAction, entry: QueueEntryView): void;
  onToggle(entryId: string): void;
}

/**
 * One person waiting: drawn again only when one of its props changed. It
 * takes its words ready made (no translation hook of its own: a row comes
 * into range on most scroll frames); its menu, opened rarely, words itself.
 */
const QueueRow = memo(function QueueRow({ measure, text, ...p }: RowProps) {
  const { entry } = p;
  const menuId = `queue-more-${entry.id}`;
  return (
    <li
      ref={measure}
      data-index={p.dataIndex}
      className={`queue-entry ${entry.status}${p.open ? ' open' : ''}`}
      aria-label={text.label}
      aria-posinset={p.index + 1}
      aria-setsize={p.size}
    >
      <span className="position" aria-hidden="true">
        {entry.position}
      </span>
      <div className="who">
        <div className="who-line">
          {/* In the name's own direction: a name cut short loses its own end ("Amina Abdul…", an Arabic name's family
              name), never its start, whichever way the page runs (dir="auto" here saw no letter: the <bdi> hides them). */}
          <strong dir={textDirection(text.who)}><bdi>{text.who}</bdi></strong>
          {text.party !== null && <span className="party">{text.party}</span>}
          {text.fromTable !== null && <span className="from-table">{text.fromTable}</span>}
          {text.group !== null && <span className="group-tag">{text.group}</span>}
          {text.away !== null && <span className="away">{text.away}</span>}
          <span className="waited">{text.waited}</span>
        </div>
        <div className="facts-line">
          {text.estimate !== null && <span className={`estimate ${text.tone}`}>{text.estimate}</span>}
          {entry.topics.length > 0 && (
            <ul className="topics-inline" dir="auto" aria-label={text.topicsLabel}>
              {entry.topics.map((topic) => (
                <li key={topic}>{topic}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="entry-actions">
        {/* Only when a turn can start: during one, the row keeps its width for the person. */}
        {p.canStart && (
          <button type="button" className="small" onClick={() => p.onAction('start', entry)} aria-label={text.startLabel}>
            {text.start}
          </button>
        )}
        {entry.status === 'away' && (
          <button type="button" className="small" onClick={() => p.onAction('back', entry)} aria-label={text.backLabel}>
            {text.back}
          </button>
        )}
        <button type="button" className="small more" aria-expanded={p.open} aria-controls={p.open ? menuId : undefined}
          aria-label={text.moreLabel} onClick={() => p.onToggle(entry.id)}>
          {text.more}
        </button>
      </div>
      {p.open && <RowMenu id={menuId} entry={entry} who={text.who} first={p.first} last={p.last} onAction={p.onAction} />}
      {p.undo && <UndoLine undo={p.undo} />}
    </li>
  );
});

/** A row's rarer actions (More): move up or down, stepped away, no-show, remove; its ticket and topics in full. */
function RowMenu(p: {
  id: string;
  entry: QueueEntryView;
  who: string;
  first: boolean;
  last: boolean;
  onAction(action: QueueAction, entry: QueueEntryView): void;
}) {
  const { t } = useTranslation();
  const { entry, who } = p;
  const on = (a: QueueAction) => () => p.onAction(a, entry);
  // The ticket of someone named, and what they came for: only the parts there are (no "Ticket 3 ·").
  const hint = joinParts([entry.name && t('queue.ticket', { ticket: shownTicket(entry) }), ...entry.topics]);
  return (
    <div className="entry-more" id={p.id} role="group" aria-label={t('queue.moreLabel', { who })}>
      <button type="button" className="small" disabled={p.first} onClick={on('up')} aria-label={t('queue.moveUp', { who })}>
        ↑ {t('queue.up')}
      </button>
      <button type="button" className="small" disabled={p.last} onClick={on('down')} aria-label={t('queue.moveDown', { who })}>
        ↓ {t('queue.down')}
      </button>
      {entry.status !== 'away' && (
        <button type="button" className="small" onClick={on('away')} aria-label={t('queue.awayLabel', { who })}>
          {t('queue.away')}
        </button>
      )}
      <button type="button" className="small" onClick={on('no_show')} aria-label={t('queue.noShowLabel', { who })}>
        {t('queue.noShow')}
      </button>
      <button type="button" className="small" onClick={on('remove')} aria-label={t('queue.removeLabel', { who })}>
        {t('queue.remove')}
      </button>
      {hint && <p className="hint">{hint}</p>}
      {entry.ticketSuffix !== '' && (
        <p className="hint">{t('queue.ticketShared', { number: entry.ticket, ticket: shownTicket(entry) })}</p>
      )}
    </div>
  );
}
