/**
 * The public queue board: what anyone on the floor may see without the
 * event code. Built from the snapshot by keeping only table-level facts.
 */
import type { Board, Snapshot } from '../../shared/contract.js';
import { estimateWaits, formatRange } from '../../shared/domain/estimate.js';

export function boardView(snapshot: Snapshot, now: number): Board {
  return {
    event: snapshot.event?.name ?? null,
    tables: snapshot.tables.map((t) => {
      const state = t.closedAt !== null ? 'closed' : t.rotation ? 'rotating' : t.currentTurn ? 'in_turn' : 'open';
      const newcomer = { id: '__newcomer__', topics: [], partySize: 1, joinedAt: now, rank: Number.MAX_SAFE_INTEGER };
      const estimates = estimateWaits({
        now,
        nominalTurnMs: t.turnMinutes * 60_000,
        pastTurnDurationsMs: t.turnDurationsMs,
        current: t.currentTurn ? { startedAt: t.currentTurn.startedAt, expectedEndAt: t.currentTurn.deadline } : null,
        queue: [...t.queue.map((e) => ({ id: e.id, topics: e.topics, partySize: e.partySize, joinedAt: e.joinedAt, rank: e.rank })), newcomer],
        sessionEndsAt: null,
      });
      const last = estimates.at(-1);
      const range = last && state !== 'closed' ? formatRange(last.lowMs, last.highMs) : null;
      return {
        name: t.name,
        coaches: t.coaches,
        topics: t.topics,
        language: t.language,
        state,
        waiting: t.queue.reduce((n, e) => n + e.partySize, 0),
        expectedWait: range ? { low: range.lowMinutes, high: range.highMinutes } : null,
      };
    }),
  };
}
