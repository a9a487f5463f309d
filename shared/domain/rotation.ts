/**
 * A rotation: sub-groups of the crowd at a table taking turns of `turnMs`
 * each, one group at a time, in order.
 *
 * The plan's groups fall in three parts:
 * - served: index < currentIndex. History: nothing here changes them.
 * - current: index === currentIndex. Its turn is running when
 *   `currentStartedAt` is set, or it has been called and not yet started
 *   when it is null. currentIndex === groups.length means the rotation has
 *   run through (no current group).
 * - waiting: index > currentIndex. Arrivals join these; departures leave them.
 *
 * Decisions:
 * - An arrival never joins the current group, even one not yet started: its
 *   members have been called, and the current group's members change only
 *   when one of them leaves. The arrival joins the waiting group with room
 *   that shares the most of their topics (ties: the earliest, so the sooner
 *   turn), or a new group at the end.
 * - A departure from a waiting group removes the person; a waiting group left
 *   empty disappears. A departure from the current group removes the person,
 *   and the current group stays even when emptied, so the indices of the
 *   served and current groups never move (the coach ends or skips the empty
 *   turn). A departure of someone in a served group changes nothing: they have
 *   been served, and the group is the record of it.
 *
 * Every function returns a new plan and never modifies its argument.
 */
import { type Person } from './people.js';

export interface RotationGroup {
  id: string;
  memberIds: string[];
}

export interface RotationPlan {
  groups: RotationGroup[];
  turnMs: number;
  /** The group whose turn it is; groups.length once the rotation has run through. */
  currentIndex: number;
  /** When the current group's turn started; null while it is called but not started. */
  currentStartedAt: number | null;
}

/** A new rotation over proposed (and possibly edited) groups, the first one called but not started. */
export function createRotation(
  groups: readonly (readonly Person[])[],
  groupIds: readonly string[],
  turnMs: number,
): RotationPlan {
  if (groupIds.length < groups.length) throw new RangeError('One id per group is needed');
  return {
    groups: groups.map((g, i) => ({ id: groupIds[i] ?? '', memberIds: g.map((p) => p.id) })),
    turnMs,
    currentIndex: 0,
    currentStartedAt: null,
  };
}

/** Start the current group's turn at `now` (no change if it already runs or the rotation is over). */
export function startCurrentTurn(plan: RotationPlan, now: number): RotationPlan {
  if (plan.currentStartedAt !== null || plan.currentIndex >= plan.groups.length) return plan;
  return { ...plan, currentStartedAt: now };
}

/**
 * End the current group's turn and call the next group: started at `now` when
 * `autoStart`, else called and waiting for the coach. Past the last group the
 * rotation is over (currentIndex === groups.length).
 */
export function advanceRotation(plan: RotationPlan, now: number, autoStart = false): RotationPlan {
  if (plan.currentIndex >= plan.groups.length) return plan;
  const currentIndex = plan.currentIndex + 1;
  const more = currentIndex < plan.groups.length;
  return { ...plan, currentIndex, currentStartedAt: more && autoStart ? now : null };
}

/** Whether the rotation has run through all its groups. */
export function rotationFinished(plan: RotationPlan): boolean {
  return plan.currentIndex >= plan.groups.length;
}

/** The index of the group holding this person, or -1. */
export function groupIndexOf(plan: RotationPlan, personId: string): number {
  return plan.groups.findIndex((g) => g.memberIds.includes(personId));
}

/**
 * Someone arrives while the rotation runs: they join the waiting group (index
 * > currentIndex) with room for their party that shares the most of their
 * topics, the earliest such group on a tie; with no room anywhere, a new
 * group (id `newGroupId`) at the end. A party larger than maxSize always gets
 * a group of its own.
 *
 * `people` gives the party size and topics of the members already in the
 * plan; a member missing from it counts as one person with no topics. Someone
 * already in the plan is not added again (the plan comes back unchanged).
 * After the rotation has run through, the new group is the current one,
 * called and not started.
 */
export function addArrival(
  plan: RotationPlan,
  person: Person,
  people: ReadonlyMap<string, Person>,
  maxSize: number,
  newGroupId: string,
): RotationPlan {
  if (groupIndexOf(plan, person.id) >= 0) return plan;
  const wanted = new Set(person.topics);
  let best = -1;
  let bestShared = -1;
  for (let i = Math.max(0, plan.currentIndex + 1); i < plan.groups.length; i++) {
    const group = plan.groups[i] as RotationGroup;
    let load = 0;
    const present = new Set<string>();
    for (const id of group.memberIds) {
      const member = people.get(id);
      load += member?.partySize ?? 1;
      for (const t of member?.topics ?? []) present.add(t);
    }
    if (load + person.partySize > maxSize) continue;
    let shared = 0;
    for (const t of wanted) if (present.has(t)) shared += 1;
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  }
  if (best >= 0) {
    return {
      ...plan,
      groups: plan.groups.map((g, i) => (i === best ? { ...g, memberIds: [...g.memberIds, person.id] } : g)),
    };
  }
  const over = plan.currentIndex >= plan.groups.length;
  return {
    ...plan,
    groups: [...plan.groups, { id: newGroupId, memberIds: [person.id] }],
    ...(over ? { currentIndex: plan.groups.length, currentStartedAt: null } : {}),
  };
}

/**
 * Someone leaves mid-rotation: see the decisions at the top of this file
 * (waiting groups lose them and vanish when empty; the current group loses
 * them and stays; served groups are history and keep them). Someone not in
 * the plan: unchanged.
 */
export function removePerson(plan: RotationPlan, personId: string): RotationPlan {
  const index = groupIndexOf(plan, personId);
  if (index < 0 || index < plan.currentIndex) return plan;
  const groups: RotationGroup[] = [];
  plan.groups.forEach((g, i) => {
    if (i !== index) {
      groups.push(g);
      return;
    }
    const memberIds = g.memberIds.filter((id) => id !== personId);
    if (memberIds.length > 0 || i === plan.currentIndex) groups.push({ ...g, memberIds });
  });
  return { ...plan, groups };
}

/**
 * When each group's turn is expected to start, one instant per group:
 * - served groups: NaN (this plan does not record when they ran; the table's
 *   turns do);
 * - the current group: currentStartedAt, or `now` if it has been called but
 *   not started;
 * - the current group ends at max(now, start + turnMs): a turn running over
 *   ends no earlier than now;
 * - each following group starts when the one before it is expected to end,
 *   and runs turnMs.
 * So the known starts never decrease and are at least turnMs apart. After
 * the rotation has run through, every entry is NaN.
 */
export function expectedStarts(plan: RotationPlan, now: number): number[] {
  const starts = plan.groups.map(() => Number.NaN);
  if (plan.currentIndex >= plan.groups.length) return starts;
  const c = Math.max(0, plan.currentIndex);
  const start = plan.currentStartedAt ?? now;
  starts[c] = start;
  let next = Math.max(now, start + plan.turnMs);
  for (let i = c + 1; i < plan.groups.length; i++) {
    starts[i] = next;
    next += plan.turnMs;
  }
  return starts;
}

/** When the whole rotation is expected to end (the last group's expected end); `now` once it has run through. */
export function expectedRotationEnd(plan: RotationPlan, now: number): number {
  if (plan.currentIndex >= plan.groups.length) return now;
  const starts = expectedStarts(plan, now);
  const last = plan.groups.length - 1;
  const lastStart = starts[last] ?? now;
  return last === plan.currentIndex ? Math.max(now, lastStart + plan.turnMs) : lastStart + plan.turnMs;
}

/** A turn a group had (or has): who was in it and when it ran. */
export interface GroupTurnRecord {
  memberIds: readonly string[];
  startedAt: number;
  /** Null while it runs. */
  endedAt: number | null;
  /** People who left before the end, and when. */
  leftAt?: ReadonlyMap<string, number>;
}

/**
 * The minutes each person received over the rotation's turns: the sum of
 * the turns they were in, from the turn's start to its end (or `now` while
 * it runs, or the moment they left), rounded to whole minutes at the end.
 */
export function minutesReceived(turns: readonly GroupTurnRecord[], now: number): Map<string, number> {
  const ms = new Map<string, number>();
  for (const turn of turns) {
    const end = turn.endedAt ?? now;
    for (const id of turn.memberIds) {
      const left = turn.leftAt?.get(id);
      const until = left === undefined ? end : Math.min(end, left);
      ms.set(id, (ms.get(id) ?? 0) + Math.max(0, until - turn.startedAt));
    }
  }
  return new Map([...ms].map(([id, total]) => [id, Math.round(total / 60_000)]));
}
