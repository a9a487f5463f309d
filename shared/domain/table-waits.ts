/**
 * The one wait estimate for a coaching table as the screens show it: the
 * table screen's queue, the organiser's view and the public queue board all
 * read it from here (built on estimateWaits in estimate.ts).
 */
import type { QueueEntryView, TableView } from '../contract.js';
import { estimateWaits, type WaitEstimate } from './estimate.js';
import type { RotationPlan } from './rotation.js';

/** A running rotation as the estimate reads it; null without one. */
export function rotationPlan(table: TableView): RotationPlan | null {
  const r = table.rotation;
  if (!r) return null;
  const current = r.groups.findIndex((g) => g.id === r.currentGroupId);
  const served = r.groups.filter((g) => g.endedAt !== null).length;
  return {
    groups: r.groups.map((g) => ({ id: g.id, memberIds: g.members.map((m) => m.id) })),
    turnMs: r.turnMinutes * 60_000,
    currentIndex: current >= 0 ? current : served - 1,
    currentStartedAt: current >= 0 ? (r.groups[current]?.startedAt ?? null) : null,
  };
}

/** The queue in the order people will be served: rotation groups first, in turn, then the rest. */
export function servingOrder(table: TableView): QueueEntryView[] {
  const r = table.rotation;
  if (!r) return table.queue;
  const position = new Map<string, number>();
  r.groups.forEach((g, gi) => g.members.forEach((m, mi) => position.set(m.id, gi * 10_000 + mi)));
  return [...table.queue].sort(
    (a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.rank - b.rank,
  );
}

/** The id the estimate gives someone who would join the queue now (tableWaits with `withNewcomer`). */
export const NEWCOMER_ID = '__newcomer__';

/**
 * Every waiting person's estimate at `table` at instant `now` (ms), in
 * serving order; with `withNewcomer`, one more at the end for a person who
 * would join now (id NEWCOMER_ID, one person, no topics).
 */
export function tableWaits(
  table: TableView,
  now: number,
  sessionEndsAt: number | null,
  withNewcomer = false,
): WaitEstimate[] {
  const plan = rotationPlan(table);
  const turn = table.currentTurn;
  const queue = servingOrder(table).map((e) => ({ id: e.id, topics: e.topics, partySize: e.partySize, joinedAt: e.joinedAt, rank: e.rank }));
  if (withNewcomer) queue.push({ id: NEWCOMER_ID, topics: [], partySize: 1, joinedAt: now, rank: Number.MAX_SAFE_INTEGER });
  return estimateWaits({
    now,
    nominalTurnMs: table.turnMinutes * 60_000,
    pastTurnDurationsMs: table.turnDurationsMs,
    current: turn ? { startedAt: turn.startedAt, expectedEndAt: turn.deadline } : null,
    queue,
    sessionEndsAt,
    ...(plan ? { rotation: { plan } } : {}),
  });
}
