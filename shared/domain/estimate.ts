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
 * - likelyNotReached: the low end of the start is at or after the session's
 *   end. atRisk: the high end is (so likelyNotReached implies atRisk).
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
  /** Even the early estimate starts at or after the session's end. */
  likelyNotReached: boolean;
  /** The late estimate starts at or after the session's end. */
  atRisk: boolean;
}

/** The prior: the nominal turn length at these factors, three observations' worth. */
export const PRIOR_FACTORS: readonly number[] = [0.8, 1, 1.25];

/** Wait ranges are shown in steps of this many minutes. */
export const RANGE_STEP_MINUTES = 5;

/**
 * The typical turn at this table, as [lowMs, highMs]: the lower and upper
 * quartiles of the prior's three points and the actual durations.
 */
export function turnDurationRange(
  nominalTurnMs: number,
  pastTurnDurationsMs: readonly number[],
): { lowMs: number; highMs: number } {
  const pool = [
    ...PRIOR_FACTORS.map((f) => f * nominalTurnMs),
    ...pastTurnDurationsMs.filter((d) => Number.isFinite(d) && d > 0),
  ].sort((a, b) => a - b);
  const last = pool.length - 1;
  return {
    lowMs: pool[Math.floor(last / 4)] ?? nominalTurnMs,
    highMs: pool[Math.ceil((3 * last) / 4)] ?? nominalTurnMs,
  };
}

export function estimateWaits(input: WaitInput): WaitEstimate[] {
  const { now, nominalTurnMs } = input;
  const turn = turnDurationRange(nominalTurnMs, input.pastTurnDurationsMs);
  const lowFactor = nominalTurnMs > 0 ? turn.lowMs / nominalTurnMs : 1;
  const highFactor = nominalTurnMs > 0 ? turn.highMs / nominalTurnMs : 1;

  // When the table is free of the current (non-rotation) turn.
  let freeLow = now;
  let freeHigh = now;
  if (input.current) {
    const planned = Math.max(0, input.current.expectedEndAt - input.current.startedAt);
    freeLow = Math.max(now, input.current.startedAt + planned * lowFactor);
    freeHigh = Math.max(now, input.current.startedAt + planned * highFactor);
  }

  // The rotation's members, and when the table is free of the rotation.
  const inRotation = new Map<string, { low: number; high: number }>();
  const plan = input.rotation?.plan;
  if (plan && plan.currentIndex < plan.groups.length) {
    const c = Math.max(0, plan.currentIndex);
    const turnMs = plan.turnMs;
    const long = turnMs * Math.max(1, highFactor);
    let endLow: number;
    let endHigh: number;
    if (plan.currentStartedAt !== null) {
      endLow = Math.max(now, plan.currentStartedAt + turnMs);
      endHigh = Math.max(now, plan.currentStartedAt + long);
      for (const id of plan.groups[c]?.memberIds ?? []) inRotation.set(id, { low: now, high: now });
    } else {
      endLow = freeLow + turnMs;
      endHigh = freeHigh + long;
      for (const id of plan.groups[c]?.memberIds ?? []) inRotation.set(id, { low: freeLow, high: freeHigh });
    }
    for (let j = c + 1; j < plan.groups.length; j++) {
      const start = { low: endLow + (j - c - 1) * turnMs, high: endHigh + (j - c - 1) * long };
      for (const id of plan.groups[j]?.memberIds ?? []) inRotation.set(id, start);
    }
    const after = plan.groups.length - 1 - c;
    freeLow = endLow + after * turnMs;
    freeHigh = endHigh + after * long;
  }

  const out: WaitEstimate[] = [];
  let ahead = 0;
  let carryLow = now;
  let carryHigh = now;
  for (const person of input.queue) {
    let start = inRotation.get(person.id);
    if (!start) {
      start = { low: freeLow + ahead * turn.lowMs, high: freeHigh + ahead * turn.highMs };
      ahead += 1;
    }
    carryLow = Math.max(carryLow, Math.round(start.low));
    carryHigh = Math.max(carryHigh, Math.round(start.high), carryLow);
    const end = input.sessionEndsAt;
    out.push({
      personId: person.id,
      lowMs: carryLow - now,
      highMs: carryHigh - now,
      startsLowAt: carryLow,
      startsHighAt: carryHigh,
      likelyNotReached: end !== null && carryLow >= end,
      atRisk: end !== null && carryHigh >= end,
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
