/**
 * How long each person waiting will likely wait, as a range.
 *
 * The typical turn at this table: the nominal turn length is a prior worth
 * three observations (at 0.8×, 1× and 1.25× the nominal, since turns run a
 * little short or long), pooled with the durations of the turns this table
 * has actually run; the range is the lower to the upper quartile of that
 * pool (order statistics, no interpolation). With no history it is
 * 0.8×–1.25× the nominal; as real turns accumulate they outweigh the prior.
 *
 * The timeline, all as [low, high] instants:
 * - The table is free when the current turn ends: its start plus its planned
 *   length (expectedEndAt − startedAt) scaled by the typical range's low and
 *   high factors (relative to the nominal), never before now.
 * - With a rotation running (not yet run through), the plan decides what is
 *   on now: the current group ends at its start + turnMs (low) or + turnMs ×
 *   the high factor when the table's turns run long (high), never before
 *   now; if the current group has not started, it starts when the table is
 *   free (after `current`, if a turn runs); once it has started, `current`
 *   is ignored (the group's turn is the one running). Each later group starts
 *   when the previous one ends, so the low ends are exactly `expectedStarts`.
 *   The current group's members start now.
 * - Everyone not in the rotation's current or waiting groups waits, in queue
 *   order, for the table to be free (after the rotation, if any) plus one
 *   typical turn per such entry ahead of them.
 * - Along the queue, both ends are carried forward (running maximum), so a
 *   later person never gets an earlier range even if the queue's order and
 *   the rotation's disagree. Instants are rounded to whole milliseconds.
 * - A third lane runs with the typical (median) turn: the likely start.
 *   likelyNotReached: the likely turn (likely start + their turn) does not
 *   fit before the session's end; atRisk: the late estimate's does not. Both
 *   carry forward along the queue (once one person is not reached, nor is
 *   anyone after them), and likelyNotReached implies atRisk.
 */
import { type Person } from './people.js';
import { type RotationPlan } from './rotation.js';

export interface WaitInput {
  now: number;
  nominalTurnMs: number;
  /** Durations of the turns this table has run (non-finite or non-positive values are ignored). */
  pastTurnDurationsMs: readonly number[];
  current: { startedAt: number; expectedEndAt: number } | null;
  /** The people waiting, in serving order (a rotation's members first, in group order). */
  queue: readonly Person[];
  sessionEndsAt: number | null;
  rotation?: { plan: RotationPlan };
}

export interface WaitEstimate {
  personId: string;
  lowMs: number;
  highMs: number;
  startsLowAt: number;
  startsHighAt: number;
  /** The likely start: along the timeline with the typical (median) turn. */
  likelyStartAt: number;
  /** The likely end of their turn: the likely start plus their turn (a rotation's turn, or the typical one). */
  likelyEndAt: number;
  /**
   * Their likely turn does not fit before the session's end (likelyEndAt >
   * end): with 15-minute turns, a free table and 78 minutes left, the first 5
   * are reached and the 6th (likely start at 75 minutes) is not.
   */
  likelyNotReached: boolean;
  /** The late estimate's turn does not fit before the end (implied by likelyNotReached). */
  atRisk: boolean;
}

/** The prior: the nominal turn length at these factors, three observations' worth. */
export const PRIOR_FACTORS: readonly number[] = [0.8, 1, 1.25];

/** Wait ranges are shown in steps of this many minutes. */
export const RANGE_STEP_MINUTES = 5;

/**
 * The typical turn at this table, as [lowMs, highMs] and its median (midMs):
 * the lower quartile, median and upper quartile of the prior's three points
 * and the actual durations.
 */
export function turnDurationRange(
  nominalTurnMs: number,
  pastTurnDurationsMs: readonly number[],
): { lowMs: number; midMs: number; highMs: number } {
  const pool = [
    ...PRIOR_FACTORS.map((f) => f * nominalTurnMs),
    ...pastTurnDurationsMs.filter((d) => Number.isFinite(d) && d > 0),
  ].sort((a, b) => a - b);
  const last = pool.length - 1;
  return {
    lowMs: pool[Math.floor(last / 4)] ?? nominalTurnMs,
    midMs: pool[Math.floor(last / 2)] ?? nominalTurnMs,
    highMs: pool[Math.ceil((3 * last) / 4)] ?? nominalTurnMs,
  };
}

type Lanes = { low: number; mid: number; high: number };

/** Per-person wait ranges along the table's timeline (see the module's comment). Pure. */
export function estimateWaits(input: WaitInput): WaitEstimate[] {
  const { now, nominalTurnMs } = input;
  const turn = turnDurationRange(nominalTurnMs, input.pastTurnDurationsMs);
  const factor = (ms: number) => (nominalTurnMs > 0 ? ms / nominalTurnMs : 1);
  const lowFactor = factor(turn.lowMs);
  const midFactor = factor(turn.midMs);
  const highFactor = factor(turn.highMs);

  // When the table is free of the current (non-rotation) turn.
  let free: Lanes = { low: now, mid: now, high: now };
  if (input.current) {
    const planned = Math.max(0, input.current.expectedEndAt - input.current.startedAt);
    const at = (f: number) => Math.max(now, input.current!.startedAt + planned * f);
    free = { low: at(lowFactor), mid: at(midFactor), high: at(highFactor) };
  }

  // The rotation's members, and when the table is free of the rotation.
  const inRotation = new Map<string, Lanes>();
  let rotationTurnMs = 0;
  const plan = input.rotation?.plan;
  if (plan && plan.currentIndex < plan.groups.length) {
    const c = Math.max(0, plan.currentIndex);
    rotationTurnMs = plan.turnMs;
    const len: Lanes = { low: plan.turnMs, mid: plan.turnMs, high: plan.turnMs * Math.max(1, highFactor) };
    let end: Lanes;
    const lanes = ['low', 'mid', 'high'] as const;
    if (plan.currentStartedAt !== null) {
      const startedAt = plan.currentStartedAt;
      end = { low: Math.max(now, startedAt + len.low), mid: Math.max(now, startedAt + len.mid), high: Math.max(now, startedAt + len.high) };
      for (const id of plan.groups[c]?.memberIds ?? []) inRotation.set(id, { low: now, mid: now, high: now });
    } else {
      end = { low: free.low + len.low, mid: free.mid + len.mid, high: free.high + len.high };
      for (const id of plan.groups[c]?.memberIds ?? []) inRotation.set(id, { ...free });
    }
    for (let j = c + 1; j < plan.groups.length; j++) {
      const k = j - c - 1;
      const start = { low: end.low + k * len.low, mid: end.mid + k * len.mid, high: end.high + k * len.high };
      for (const id of plan.groups[j]?.memberIds ?? []) inRotation.set(id, start);
    }
    const after = plan.groups.length - 1 - c;
    free = Object.fromEntries(lanes.map((l) => [l, end[l] + after * len[l]])) as Lanes;
  }

  const out: WaitEstimate[] = [];
  const endAt = input.sessionEndsAt;
  let ahead = 0;
  let carry: Lanes = { low: now, mid: now, high: now };
  let notReached = false;
  let risk = false;
  for (const person of input.queue) {
    let start = inRotation.get(person.id);
    const rotating = start !== undefined;
    if (!start) {
      start = { low: free.low + ahead * turn.lowMs, mid: free.mid + ahead * turn.midMs, high: free.high + ahead * turn.highMs };
      ahead += 1;
    }
    const low = Math.max(carry.low, Math.round(start.low));
    const mid = Math.max(carry.mid, Math.round(start.mid), low);
    const high = Math.max(carry.high, Math.round(start.high), mid);
    carry = { low, mid, high };
    const ownMid = rotating ? rotationTurnMs : turn.midMs;
    const ownHigh = rotating ? rotationTurnMs * Math.max(1, highFactor) : turn.highMs;
    const likelyEndAt = Math.round(mid + ownMid);
    notReached ||= endAt !== null && likelyEndAt > endAt;
    risk ||= notReached || (endAt !== null && high + ownHigh > endAt);
    out.push({
      personId: person.id,
      lowMs: low - now,
      highMs: high - now,
      startsLowAt: low,
      startsHighAt: high,
      likelyStartAt: mid,
      likelyEndAt,
      likelyNotReached: notReached,
      atRisk: risk,
    });
  }
  return out;
}

/**
 * A wait range as people read it: whole minutes rounded outward to steps of
 * five (the low end down, the high end up), at least one step wide, never
 * negative: 0–5, 10–20, 25–35 — never a precise-looking "17".
 */
export function formatRange(lowMs: number, highMs: number): { lowMinutes: number; highMinutes: number } {
  const step = RANGE_STEP_MINUTES;
  const low = Math.max(0, Math.min(lowMs, highMs)) / 60_000;
  const high = Math.max(0, lowMs, highMs) / 60_000;
  const lowMinutes = Math.floor(low / step) * step;
  const highMinutes = Math.max(lowMinutes + step, Math.ceil(high / step) * step);
  return { lowMinutes, highMinutes };
}
