import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntryView } from '../../../shared/contract';
import type { WaitEstimate } from '../../../shared/domain/estimate';
import { shownWait } from '../../../shared/domain/table';
import { formatClockTime, formatShortMinutes } from '../lib/format';
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

/** A row's height before it is measured (one or two lines). */
const ROW_ESTIMATE_PX = 56;
/**
 * Rows drawn beyond the visible ones, on each side. Generous, so that a
 * queue of a few dozen is drawn whole (search, find-in-page and tests see
 * everyone) while a thousand cost only what is near the screen.
 */
const OVERSCAN = 40;

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
  // left it, in a row of its own where they stood.
  const undoInQueue = undo ? queue.some((e) => e.id === undo.entryId) : false;
  const items: Item[] = queue.map((entry, index) => ({ kind: 'entry', entry, index }));
  if (undo && !undoInQueue) items.splice(Math.min(undo.index, items.length), 0, { kind: 'undo', undo });

  // The React Compiler cannot memoise around useVirtualizer (its results change
  // without a new identity); no compiler runs here, so nothing is skipped.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: OVERSCAN,
    getItemKey: (i) => {
      const item = items[i];
      return item?.kind === 'entry' ? item.entry.id : `undo-${i}`;
    },
  });

  return (
    <section className="card queue" aria-labelledby="queue-title">
      <h3 id="queue-title">{t('queue.title', { count: queue.length })}</h3>
      {props.cue && (
        <p className="banner join" role="status">
          {props.cue}
        </p>
      )}
      {queue.length === 0 && !undo ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <div className="queue-scroll" ref={scrollRef}>
          <ol className="queue-list" aria-label={t('queue.listLabel')} style={{ blockSize: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index]!;
              const style = { transform: `translateY(${v.start}px)` };
              if (item.kind === 'undo') {
                return (
                  <li key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="queue-undo" style={style}>
                    <UndoLine undo={item.undo} />
                  </li>
                );
              }
              const { entry, index } = item;
              const estimate = estimates.get(entry.id);
              const shown = estimate ? shownWait(estimate, now, sessionEndsAt) : null;
              const range = shown?.kind === 'range' ? shown : null;
              return (
                <QueueRow
                  key={v.key}
                  measure={virtualizer.measureElement}
                  dataIndex={v.index}
                  offset={v.start}
                  size={queue.length}
                  entry={entry}
                  first={index === 0}
                  last={index === queue.length - 1}
                  waitedMinutes={Math.max(0, Math.round((now - entry.arrivedAt) / 60_000))}
                  low={shown ? (range?.lowMinutes ?? 0) : null}
                  high={shown ? (range?.highMinutes ?? 0) : null}
                  tone={shown?.kind === 'not_reached' ? 'late' : estimate?.atRisk ? 'risk' : ''}
                  untilEnd={range?.untilEnd ?? false}
                  holding={entry.awayUntil !== null && entry.awayUntil >= now}
                  group={groupNumber(entry.groupId)}
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

interface RowProps {
  measure: (el: Element | null) => void;
  dataIndex: number;
  offset: number;
  size: number;
  entry: QueueEntryView;
  first: boolean;
  last: boolean;
  waitedMinutes: number;
  low: number | null;
  high: number | null;
  tone: '' | 'risk' | 'late';
  /** The range stops at the session's end (its late end would run past it). */
  untilEnd: boolean;
  /** For someone who stepped away: whether the held place still holds now. */
  holding: boolean;
  group: number | null;
  canStart: boolean;
  open: boolean;
  undo: QueueUndo | null;
  onAction(action: QueueAction, entry: QueueEntryView): void;
  onToggle(entryId: string): void;
}

/** One person waiting: drawn again only when one of its plain props changed. */
const QueueRow = memo(function QueueRow({ measure, ...p }: RowProps) {
  const { t } = useTranslation();
  const { entry } = p;
  const who = personLabel(t, entry);
  const on = (a: QueueAction) => () => p.onAction(a, entry);
  const menuId = `queue-more-${entry.id}`;
  const facts = [
    t('queue.waited', { minutes: formatShortMinutes(p.waitedMinutes) }),
    ...(p.low !== null && p.high !== null
      ? [
          p.tone === 'late'
            ? t('queue.notReached')
            : t(p.untilEnd ? 'queue.estimateUntilEnd' : 'queue.estimate', { low: p.low, high: p.high }),
        ]
      : []),
  ];
  return (
    <li
      ref={measure}
      data-index={p.dataIndex}
      style={{ transform: `translateY(${p.offset}px)` }}
      className={`queue-entry ${entry.status}${p.open ? ' open' : ''}`}
      aria-label={t('queue.entryLabel', { position: entry.position, who })}
      aria-posinset={p.dataIndex + 1}
      aria-setsize={p.size}
    >
      <span className="position" aria-hidden="true">
        {entry.position}
      </span>
      <div className="who">
        <div className="who-line">
          <strong>{who}</strong>
          {entry.partySize > 1 && <span className="party">{t('queue.party', { count: entry.partySize })}</span>}
          {entry.fromTable !== null && <span className="from-table">{t('queue.fromTable', { table: entry.fromTable })}</span>}
          {p.group !== null && <span className="group-tag">{t('rotation.groupN', { n: p.group })}</span>}
          {entry.status === 'away' && entry.awayUntil !== null && (
            <span className="away">
              {p.holding ? t('queue.awayUntil', { time: formatClockTime(entry.awayUntil) }) : t('queue.holdExpired')}
            </span>
          )}
          <span className="waited">{facts[0]}</span>
        </div>
        <div className="facts-line">
          {facts[1] && <span className={`estimate ${p.tone}`}>{facts[1]}</span>}
          {entry.topics.length > 0 && (
            <ul className="topics-inline" aria-label={t('queue.topicsOf', { who })}>
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
          <button type="button" className="small" onClick={on('start')} aria-label={t('queue.startWith', { who })}>
            {t('queue.start')}
          </button>
        )}
        {entry.status === 'away' && (
          <button type="button" className="small" onClick={on('back')} aria-label={t('queue.backLabel', { who })}>
            {t('queue.back')}
          </button>
        )}
        <button type="button" className="small more" aria-expanded={p.open} aria-controls={p.open ? menuId : undefined}
          aria-label={t('queue.moreLabel', { who })} onClick={() => p.onToggle(entry.id)}>
          {t('queue.more')}
        </button>
      </div>
      {p.open && (
        <div className="entry-more" id={menuId} role="group" aria-label={t('queue.moreLabel', { who })}>
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
          <p className="hint">
            {entry.name && `${t('queue.ticket', { ticket: shownTicket(entry) })} · `}
            {entry.topics.join(' · ')}
          </p>
          {entry.ticketSuffix !== '' && (
            <p className="hint">{t('queue.ticketShared', { number: entry.ticket, ticket: shownTicket(entry) })}</p>
          )}
        </div>
      )}
      {p.undo && <UndoLine undo={p.undo} />}
    </li>
  );
});
