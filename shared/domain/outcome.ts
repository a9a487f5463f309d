/**
 * A person's outcome at a table, and the minutes they received: the one
 * definition the report, every export and every screen use. Outcomes follow
 * what the person received, not the button last pressed: someone who left
 * during a topic focus was coached; someone who attended a plenary and was
 * then marked no-show came. The rules, in order (the first that applies):
 *
 * 1. `in_turn`: they are in an interaction right now (the event is running).
 * 2. `served`: they had a one-to-one turn, as the only entry in it.
 * 3. `served_group`: they took part in any other coaching: a one-to-one turn
 *    shared with other entries, a topic focus, or a rotation group's turn,
 *    even if they left before its end.
 * 4. `waiting` / `away`: still in the queue (a plenary does not take them off
 *    the queue; it does end their wait figure: `Person.waitedMs`, shared/export/derive.ts).
 * 5. `transferred` (sent elsewhere): the organiser sent them to another
 *    table before anyone coached them here, even after a plenary here; the
 *    copy there has its own outcome, and the person counts once, there (a
 *    plenary before the transfer does not make them count here too).
 * 6. `plenary_only`: they attended a plenary and no coaching, here or at a
 *    table that sent them here uncoached (`plenaryBefore`), whatever was
 *    recorded after it.
 * 7. `no_show`, `left` (left before being served), `not_reached` (still
 *    waiting when the table closed), `removed` (taken off the queue by the
 *    coach): as recorded.
 *
 * The report's totals are sums of these per-person outcomes, so they cannot
 * disagree with the rows.
 */
import type { EntryStatus } from '../contract.js';

export type Outcome =
  | 'served'
  | 'served_group'
  | 'plenary_only'
  | 'no_show'
  | 'left'
  | 'not_reached'
  | 'removed'
  | 'transferred'
  | 'in_turn'
  | 'waiting'
  | 'away';

/** Every outcome, in the order reports list them. */
export const OUTCOMES: readonly Outcome[] = [
  'served',
  'served_group',
  'plenary_only',
  'no_show',
  'left',
  'not_reached',
  'removed',
  'transferred',
  'in_turn',
  'waiting',
  'away',
];

/** Outcomes of people who met a coach (one-to-one or in a group). */
export const COACHED: ReadonlySet<Outcome> = new Set(['served', 'served_group']);
/** Outcomes of people who came and were not coached, the event being over for them. */
export const NOT_SERVED: ReadonlySet<Outcome> = new Set(['plenary_only', 'no_show', 'left', 'not_reached']);
/** Outcomes of people still at the table while the event runs. */
export const STILL_HERE: ReadonlySet<Outcome> = new Set(['in_turn', 'waiting', 'away']);

/** One interaction a person took part in, as far as the outcome rules care. */
export interface Received {
  mode: 'one_to_one' | 'plenary' | 'topic_focus' | 'rotation';
  /** How many queue entries took part in the interaction (a party is one entry). */
  entries: number;
}

/** The facts an outcome depends on. */
export interface OutcomeInput {
  status: EntryStatus;
  /** The organiser sent this entry to another table. */
  transferred: boolean;
  /** What they received at this table. */
  received: readonly Received[];
  /**
   * They attended a plenary at a table that then sent them here before any
   * coaching there (so that table does not count them): it counts here.
   */
  plenaryBefore?: boolean;
}

/** The person's outcome by the rules above. Pure. */
export function personOutcome(input: OutcomeInput): Outcome {
  if (input.status === 'in_turn') return 'in_turn';
  const coaching = input.received.filter((r) => r.mode !== 'plenary');
  if (coaching.some((r) => r.mode === 'one_to_one' && r.entries <= 1)) return 'served';
  if (coaching.length > 0) return 'served_group';
  if (input.status === 'waiting' || input.status === 'away') return input.status;
  if (input.transferred) return 'transferred';
  if (input.received.length > 0) return 'plenary_only';
  if (input.status === 'served') return 'served'; // a turn this laptop does not hold; the status says it ran.
  if (input.plenaryBefore) return 'plenary_only';
  return input.status;
}

/** A time the turn's clock stood still (issue 13); `to` null: still paused (until its end, or now). */
export interface Pause {
  from: number;
  to: number | null;
}

/**
 * Minutes a person received in one interaction, in ms: from when they joined
 * it to when they left it, or its end, or `now` while it runs, less the
 * pauses that fell in that span (a paused turn coaches no one: the coach was
 * called away, the fire alarm rang); never negative. Time added by an
 * extension counts as it is used, like any other.
 */
export function receivedMs(
  joinedAt: number,
  leftAt: number | null,
  endedAt: number | null,
  now: number,
  pauses: readonly Pause[] = [],
): number {
  const until = leftAt ?? endedAt ?? now;
  let paused = 0;
  for (const p of pauses) {
    const to = p.to ?? endedAt ?? now;
    paused += Math.max(0, Math.min(to, until) - Math.max(p.from, joinedAt));
  }
  return Math.max(0, until - joinedAt - paused);
}

/** A person counts once: an entry sent to another table is represented by its copy there. */
export const countsAsPerson = (o: Outcome): boolean => o !== 'transferred';
