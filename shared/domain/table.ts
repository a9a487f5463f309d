/**
 * The one definition of each figure the screens, the queue board, the
 * suggestions and the alerts show about a table, from the snapshot's
 * `TableView`: its state, the session's end, who is waiting (entries and
 * heads), and the wait estimate (for each person waiting and for someone
 * joining now). Every place that shows one of these calls the function here,
 * so two places cannot show two values.
 */
import type { EventView, ParticipantView, QueueEntryView, RotationView, TableView, TurnView } from '../contract.js';
import { estimateWaits, formatRange, type WaitEstimate } from './estimate.js';
import { countOf, headcount, type Count, type Person } from './people.js';
import type { RotationPlan } from './rotation.js';
import { sessionEndsAt, sessionPlanOf } from './session.js';
import { localTimeZone } from './zone.js';
import { expectedDeadline } from './timer.js';

/** A table's state, as every screen names it: closed wins, then a rotation, then a running turn. */
export type TableState = 'open' | 'in_turn' | 'rotating' | 'closed';

/**
 * The state of a table; "Close table" makes it 'closed' everywhere at once
 * (closedAt set). A rotation whose groups have all had their turn
 * (`rotationRunThrough`) no longer makes it 'rotating'.
 */
export function tableState(
  t: Pick<TableView, 'closedAt' | 'rotation' | 'currentTurn'> & Partial<Pick<TableView, 'alsoRunning'>>,
): TableState {
  if (t.closedAt !== null) return 'closed';
  if (t.rotation && !rotationRunThrough(t.rotation)) return 'rotating';
  return runningTurns(t).length > 0 ? 'in_turn' : 'open';
}

/**
 * Every turn running at a table, the one its clock shows first: two laptops
 * apart may each have started one (a table may have co-coaches, DOMAIN.md),
 * and both stand after they merge. `alsoRunning` may be absent in views made
 * before it existed (tests' fixtures).
 */
export function runningTurns(t: Pick<TableView, 'currentTurn'> & Partial<Pick<TableView, 'alsoRunning'>>): TurnView[] {
  return t.currentTurn ? [t.currentTurn, ...(t.alsoRunning ?? [])] : [...(t.alsoRunning ?? [])];
}

/**
 * THE definition of who is being coached at a table: everyone still at the
 * table (not left) in any of its running turns but a plenary (an
 * introduction: they still wait, in the queue), each entry once (someone in
 * two turns started apart is listed under the first). The table screen's
 * "Now", the dashboard, the board's "Now serving" and the convergence
 * property read this; the report's "being coached" counts the same entries
 * (status in_turn is kept exactly while someone is here, see turn.ended).
 */
export function beingCoached(t: Pick<TableView, 'currentTurn'> & Partial<Pick<TableView, 'alsoRunning'>>): ParticipantView[] {
  const seen = new Set<string>();
  const out: ParticipantView[] = [];
  for (const turn of runningTurns(t)) {
    // A plenary is an introduction: those in it still wait for their own turn (they are in the queue).
    if (turn.mode === 'plenary') continue;
    for (const p of turn.participants) {
      if (p.leftTurnAt !== null || seen.has(p.id)) continue;
      seen.add(p.id);
      out.push(p);
    }
  }
  return out;
}

/**
 * A rotation has run through: no group's turn is running and no group that
 * still has members is left to call. Ending the last group's turn ends the
 * rotation (`turn.end` writes `rotation.ended` too); a rotation left open
 * this way anyway (the turn ended on a laptop that did not know of a later
 * group, or an older log) is read as finished: it adds no wait, the table is
 * not 'rotating', and its panel says so and offers End rotation.
 */
export function rotationRunThrough(r: Pick<RotationView, 'groups'>): boolean {
  return r.groups.every((g) => g.endedAt !== null || (g.startedAt === null && g.members.length === 0));
}

/**
 * The session's end for an event as the snapshot carries it (sessionEndsAt in
 * session.ts, in the event's zone; an event without a zone is read in this
 * machine's), at `now`; null without an event.
 */
export function eventSessionEndsAt(
  event: (Pick<EventView, 'date' | 'startTime' | 'endTime'> & { endDate?: string | null; timeZone?: string | null }) | null | undefined,
  now: number,
): number | null {
  return sessionEndsAt(sessionPlanOf(event, localTimeZone()), now);
}

/** Entries waiting (a party of three is one entry): what "N in the queue" counts (`countOf` in people.ts). */
export function waitingEntries(t: Pick<TableView, 'queue'>): number {
  return countOf(t.queue).entries;
}

/** People waiting (the sum of party sizes): what "N people waiting" counts (`countOf` in people.ts). */
export function waitingHeads(t: Pick<TableView, 'queue'>): number {
  return countOf(t.queue).heads;
}

/**
 * The entries here now: in the queue and not stepped away (status
 * 'waiting'), in queue order. What a plenary, a topic focus and a split take,
 * and what the crowd tools count as "here now".
 */
export function presentEntries<E extends { status: string }>(t: { queue: readonly E[] }): E[] {
  return t.queue.filter((e) => e.status === 'waiting');
}

/**
 * A table's queue counted, each figure once (entries and heads, `countOf`):
 * `inQueue`, every entry holding a place ("N in the queue", "Waiting (N)",
 * the dashboard, the floor list), whether here or stepped away; `here`, those
 * here now (`presentEntries`); `away`, those who stepped away. Words say which
 * they show: a screen that shows `here` beside `inQueue` says "here now".
 */
export function queueCounts(t: Pick<TableView, 'queue'>): { inQueue: Count; here: Count; away: Count } {
  const here = presentEntries(t);
  return { inQueue: countOf(t.queue), here: countOf(here), away: countOf(t.queue.filter((e) => e.status !== 'waiting')) };
}

/**
 * The crowd tools' heading as words (keys under `crowd.`), counted as the
 * queue list and the floor list count (`queueCounts`): "6 in the queue:
 * handle the crowd"; when some stepped away, those here now (whom the tools
 * take) said apart: "5 here now, 1 stepped away: handle the crowd".
 */
export function crowdTitleWords(t: Pick<TableView, 'queue'>): { key: 'title' | 'titleAway'; params: Record<string, number> } {
  const { inQueue, here, away } = queueCounts(t);
  return away.entries === 0
    ? { key: 'title', params: { count: inQueue.entries } }
    : { key: 'titleAway', params: { here: here.entries, away: away.entries } };
}

/**
 * The table's rotation as the rotation logic sees it, or null without one:
 * only the work that remains counts. Its groups are those that ran or run,
 * and those still to call that have members (a group everyone left is no
 * turn). The current group is the one whose turn runs; between turns, the
 * next group to call (called, not started: it can start now); once every
 * group has had its turn, none (currentIndex = groups.length: the rotation
 * has run through and adds no wait). A group's turn that was extended or
 * paused counts as having started that much later (its expected end is the
 * turn's deadline as it stands at `now`). The queue's walk-in handler, the
 * wait estimate and the rotation panel all read this.
 */
export function rotationPlanOf(
  table: Pick<TableView, 'rotation'> & Partial<Pick<TableView, 'currentTurn' | 'alsoRunning'>>,
  now = 0,
): RotationPlan | null {
  const r = table.rotation;
  if (!r) return null;
  const kept = r.groups.filter((g) => g.startedAt !== null || g.members.length > 0);
  const running = kept.findIndex((g) => g.id === r.currentGroupId && g.endedAt === null);
  const toCall = kept.findIndex((g) => g.startedAt === null);
  const current = running >= 0 ? running : toCall >= 0 ? toCall : kept.length;
  const turnMs = r.turnMinutes * 60_000;
  const turn = [table.currentTurn ?? null, ...(table.alsoRunning ?? [])].find(
    (x) => x !== null && x.groupId !== null && x.groupId === r.currentGroupId,
  );
  const startedAt = running >= 0 ? (kept[running]?.startedAt ?? null) : null;
  return {
    groups: kept.map((g) => ({ id: g.id, memberIds: g.members.map((m) => m.id) })),
    turnMs,
    currentIndex: current,
    currentStartedAt: startedAt !== null && turn ? expectedDeadline(turn, now) - turnMs : startedAt,
  };
}

/** The queue in the order people will be served: rotation groups first, in turn, then the rest by rank. */
export function servingOrder(table: Pick<TableView, 'queue' | 'rotation'>): QueueEntryView[] {
  const r = table.rotation;
  if (!r) return table.queue;
  const position = new Map<string, number>();
  r.groups.forEach((g, gi) => g.members.forEach((m, mi) => position.set(m.id, gi * 10_000 + mi)));
  return [...table.queue].sort(
    (a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.rank - b.rank,
  );
}

/**
 * Who takes part in a turn now: its participants who have not left it. The
 * table screen and the dashboard name these and count them (`turnHeads`).
 */
export function presentParticipants<P extends { leftTurnAt: number | null }>(turn: { participants: readonly P[] }): P[] {
  return turn.participants.filter((p) => p.leftTurnAt === null);
}

/** People (heads: party sizes added up) taking part in a turn now: what "12 people" says of a plenary. */
export function turnHeads(turn: { participants: readonly { leftTurnAt: number | null; partySize: number }[] }): number {
  return headcount(presentParticipants(turn));
}

/** The id the estimate gives someone joining now (never a real entry id, which are UUIDs). */
export const NEWCOMER_ID = '__newcomer__';

export interface TableWaits {
  /** Each waiting entry's estimate, by entry id. */
  byEntry: Map<string, WaitEstimate>;
  /** The entries whose likely turn does not fit before the session's end, in serving order. */
  notReached: QueueEntryView[];
  /** Someone joining now, after everyone waiting; null when the table is closed. */
  newcomer: WaitEstimate | null;
}

const asPerson = (e: QueueEntryView): Person => ({
  id: e.id,
  topics: e.topics,
  partySize: e.partySize,
  joinedAt: e.joinedAt,
  rank: e.rank,
});

/**
 * THE wait estimate of a table (`estimateWaits` fed from the snapshot): its
 * running turn, its rotation, its past turns, the session's end, and one turn
 * per entry (a party is one turn). The table screen, the queue board, the
 * send-elsewhere suggestions and "likely not reached" all use this.
 */
export function tableWaits(table: TableView, now: number, sessionEndsAt: number | null): TableWaits {
  const plan = rotationPlanOf(table, now);
  // With two turns running at once (co-coaches, or started apart), the table is free for the next when the first ends.
  let turn: TurnView | null = null;
  for (const x of runningTurns(table)) if (!turn || expectedDeadline(x, now) < expectedDeadline(turn, now)) turn = x;
  const order = servingOrder(table);
  const closed = table.closedAt !== null;
  const queue = order.map(asPerson);
  if (!closed) queue.push({ id: NEWCOMER_ID, topics: [], partySize: 1, joinedAt: now, rank: Number.MAX_SAFE_INTEGER });
  const list = estimateWaits({
    now,
    nominalTurnMs: table.turnMinutes * 60_000,
    pastTurnDurationsMs: table.turnDurationsMs,
    // A paused turn's clock stands still: it ends as late as it has been paused, and longer (shared/domain/timer.ts).
    current: turn
      ? {
          startedAt: turn.startedAt + turn.pausedMs + (turn.pausedAt === null ? 0 : Math.max(0, now - turn.pausedAt)),
          expectedEndAt: expectedDeadline(turn, now),
        }
      : null,
    queue,
    sessionEndsAt,
    ...(plan ? { rotation: { plan } } : {}),
  });
  const byEntry = new Map<string, WaitEstimate>();
  let newcomer: WaitEstimate | null = null;
  for (const e of list) {
    if (e.personId === NEWCOMER_ID) newcomer = e;
    else byEntry.set(e.personId, e);
  }
  return { byEntry, notReached: order.filter((e) => byEntry.get(e.id)?.likelyNotReached), newcomer };
}

/**
 * A wait as people read it: 'not_reached' when their likely turn does not fit
 * before the session's end; otherwise a range in 5-minute steps which, if its
 * late end runs past the session's end, stops at the end and says so
 * (`untilEnd`), so no range reads longer than the session has left.
 */
export type ShownWait =
  | { kind: 'not_reached' }
  | { kind: 'range'; lowMinutes: number; highMinutes: number; untilEnd: boolean };

export function shownWait(estimate: WaitEstimate, now: number, sessionEndsAt: number | null): ShownWait {
  if (estimate.likelyNotReached) return { kind: 'not_reached' };
  const range = formatRange(estimate.lowMs, estimate.highMs);
  if (sessionEndsAt !== null && now + range.highMinutes * 60_000 > sessionEndsAt) {
    const left = Math.max(0, Math.floor((sessionEndsAt - now) / 60_000));
    return { kind: 'range', lowMinutes: Math.min(range.lowMinutes, left), highMinutes: left, untilEnd: true };
  }
  return { kind: 'range', ...range, untilEnd: false };
}
