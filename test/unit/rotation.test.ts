import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeGroups } from '../../shared/domain/grouping.js';
import type { Person } from '../../shared/domain/people.js';
import {
  addArrival,
  advanceRotation,
  createRotation,
  expectedRotationEnd,
  expectedStarts,
  groupIndexOf,
  minutesReceived,
  removePerson,
  rotationFinished,
  startCurrentTurn,
  type RotationPlan,
} from '../../shared/domain/rotation.js';
import { MIN, PROPERTY, T0, crowdArb, partySizeArb, topicsArb } from './crowd.js';

const TURN = 15 * MIN;

function person(id: string, topics: string[], partySize = 1): Person {
  return { id, topics, partySize, joinedAt: T0, rank: 0 };
}

/** Three groups of three by topic, the first group on since T0. */
function example() {
  const people = [
    person('a1', ['Branding']),
    person('a2', ['Branding']),
    person('a3', ['Branding', 'Career']),
    person('b1', ['Leadership']),
    person('b2', ['Leadership']),
    person('c1', ['Networking']),
    person('c2', ['Networking']),
    person('c3', ['Networking']),
  ];
  const byId = new Map(people.map((p) => [p.id, p]));
  const groups = [
    ['a1', 'a2', 'a3'],
    ['b1', 'b2'],
    ['c1', 'c2', 'c3'],
  ].map((g) => g.map((id) => byId.get(id) as Person));
  const plan = startCurrentTurn(createRotation(groups, ['g1', 'g2', 'g3'], TURN), T0);
  return { plan, byId };
}

const members = (plan: RotationPlan) => plan.groups.map((g) => g.memberIds);

describe('rotation: examples', () => {
  it('an arrival joins the waiting group that shares their topic and has room', () => {
    const { plan, byId } = example();
    const late = person('late', ['Networking', 'Leadership']);
    // g3 (Networking) is full at 3; g2 (Leadership) has room.
    const next = addArrival(plan, late, byId, 3, 'g4');
    expect(members(next)).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'late'],
      ['c1', 'c2', 'c3'],
    ]);
  });

  it('never joins the current group, even when it shares their topic and has room', () => {
    const { plan, byId } = example();
    const next = addArrival(plan, person('late', ['Branding']), byId, 4, 'g4');
    expect(groupIndexOf(next, 'late')).toBe(1); // g2 has room; g1 is on now
  });

  it('with no room anywhere, an arrival starts a new group at the end', () => {
    const { plan, byId } = example();
    const next = addArrival(plan, person('late', ['Branding'], 2), byId, 3, 'g4');
    expect(next.groups.map((g) => g.id)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(next.groups[3]?.memberIds).toEqual(['late']);
  });

  it('someone leaving empties a waiting group, which disappears; the current group stays even if emptied', () => {
    const { plan } = example();
    let next = removePerson(removePerson(plan, 'b1'), 'b2');
    expect(next.groups.map((g) => g.id)).toEqual(['g1', 'g3']);
    for (const id of ['a1', 'a2', 'a3']) next = removePerson(next, id);
    expect(next.groups.map((g) => g.id)).toEqual(['g1', 'g3']);
    expect(next.groups[0]?.memberIds).toEqual([]);
    expect(next.currentIndex).toBe(0);
  });

  it('a served group is the record of who was served: leaving afterwards changes nothing', () => {
    const { plan } = example();
    const moved = startCurrentTurn(advanceRotation(plan, T0 + TURN), T0 + TURN);
    expect(removePerson(moved, 'a1')).toEqual(moved);
  });

  it('expects each group to start when the one before is expected to end', () => {
    const { plan } = example();
    expect(expectedStarts(plan, T0 + 5 * MIN)).toEqual([T0, T0 + TURN, T0 + 2 * TURN]);
    // 20 minutes in, the first turn is 5 minutes over: everything after shifts.
    expect(expectedStarts(plan, T0 + 20 * MIN)).toEqual([T0, T0 + 20 * MIN, T0 + 35 * MIN]);
    expect(expectedRotationEnd(plan, T0 + 20 * MIN)).toBe(T0 + 50 * MIN);
    const second = advanceRotation(plan, T0 + 16 * MIN); // called, not started yet
    const starts = expectedStarts(second, T0 + 17 * MIN);
    expect(starts[0]).toBeNaN();
    expect(starts.slice(1)).toEqual([T0 + 17 * MIN, T0 + 32 * MIN]);
  });

  it('runs through: advancing past the last group finishes it, and a late arrival then becomes current', () => {
    const { plan, byId } = example();
    let p = plan;
    for (let i = 0; i < 3; i++) p = advanceRotation(p, T0 + (i + 1) * TURN, true);
    expect(rotationFinished(p)).toBe(true);
    expect(expectedStarts(p, T0 + 50 * MIN).every(Number.isNaN)).toBe(true);
    const late = addArrival(p, person('late', []), byId, 3, 'g4');
    expect(late.currentIndex).toBe(3);
    expect(late.currentStartedAt).toBeNull();
    expect(expectedStarts(late, T0 + 50 * MIN)[3]).toBe(T0 + 50 * MIN);
  });

  it('adds up the minutes each person received, up to when they left', () => {
    const turns = [
      { memberIds: ['a1', 'a2'], startedAt: T0, endedAt: T0 + 15 * MIN, leftAt: new Map([['a2', T0 + 6 * MIN]]) },
      { memberIds: ['b1', 'a1'], startedAt: T0 + 15 * MIN, endedAt: null },
    ];
    expect(Object.fromEntries(minutesReceived(turns, T0 + 27 * MIN))).toEqual({ a1: 27, a2: 6, b1: 12 });
  });
});

// ---------------------------------------------------------------------------
// Properties over random rotations and random arrivals and departures.

type Op = { kind: 'arrive'; person: Person } | { kind: 'leave'; pick: number };

const scenarioArb = fc
  .record({
    people: crowdArb({ minLength: 1, maxLength: 24, maxParty: 4 }),
    maxSize: fc.integer({ min: 2, max: 6 }),
    progress: fc.nat(),
    started: fc.boolean(),
    arrivals: fc.array(fc.record({ topics: topicsArb, partySize: partySizeArb(7) }), { maxLength: 12 }),
    ops: fc.array(
      fc.oneof(
        fc.constant('arrive' as const),
        fc.nat().map((pick) => pick),
      ),
      { maxLength: 24 },
    ),
  })
  .map(({ people, maxSize, progress, started, arrivals, ops }) => {
    const groups = proposeGroups(people, { maxSize });
    const currentIndex = progress % (groups.length + 1);
    const plan: RotationPlan = {
      ...createRotation(
        groups,
        groups.map((_, i) => `g${i}`),
        TURN,
      ),
      currentIndex,
      currentStartedAt: started && currentIndex < groups.length ? T0 : null,
    };
    let a = 0;
    const sequence: Op[] = [];
    for (const op of ops) {
      const arrival = arrivals[a];
      if (op === 'arrive' && arrival) {
        sequence.push({ kind: 'arrive', person: { id: `new${a}`, joinedAt: T0 + a, rank: 100 + a, ...arrival } });
        a += 1;
      } else if (typeof op === 'number') sequence.push({ kind: 'leave', pick: op });
    }
    return { people, maxSize, plan, sequence };
  });

describe('rotation: properties', () => {
  it('arrivals and departures keep everyone in exactly one group, within the size bound, and leave served and current groups alone', () => {
    fc.assert(
      fc.property(scenarioArb, ({ people, maxSize, plan: initial, sequence }) => {
        const byId = new Map(people.map((p) => [p.id, p]));
        const c = initial.currentIndex;
        const served = initial.groups.slice(0, c);
        const servedIds = new Set(served.flatMap((g) => g.memberIds));
        const present = new Set(people.map((p) => p.id));
        const departed = new Set<string>();
        let plan = initial;
        let nextGroup = 0;
        for (const op of sequence) {
          if (op.kind === 'arrive') {
            byId.set(op.person.id, op.person);
            plan = addArrival(plan, op.person, byId, maxSize, `new-group-${nextGroup++}`);
            present.add(op.person.id);
            // Never into a served group or the current one (unless the rotation had run through).
            const at = groupIndexOf(plan, op.person.id);
            expect(at).toBeGreaterThan(c < initial.groups.length ? c : c - 1);
          } else {
            const all = [...present];
            const id = all[op.pick % Math.max(1, all.length)] ?? 'nobody';
            plan = removePerson(plan, id);
            if (!servedIds.has(id)) {
              present.delete(id);
              departed.add(id);
            }
          }

          // Exactly one group each, and nobody else.
          const placed = plan.groups.flatMap((g) => g.memberIds);
          expect(placed.length).toBe(new Set(placed).size);
          expect(new Set(placed)).toEqual(present);
          // The size bound, and no empty waiting group.
          plan.groups.forEach((g, i) => {
            const size = g.memberIds.reduce((s, id) => s + (byId.get(id)?.partySize ?? 1), 0);
            expect(size <= maxSize || g.memberIds.length === 1).toBe(true);
            if (i > plan.currentIndex) expect(g.memberIds.length).toBeGreaterThan(0);
          });
          // Served groups untouched; the current group loses only those who left.
          expect(plan.currentIndex).toBe(c);
          expect(plan.groups.slice(0, c)).toEqual(served);
          if (c < initial.groups.length) {
            const before = initial.groups[c]!;
            expect(plan.groups[c]).toEqual({
              ...before,
              memberIds: before.memberIds.filter((id) => !departed.has(id)),
            });
          }
          expect(new Set(plan.groups.map((g) => g.id)).size).toBe(plan.groups.length);
          expect(plan.turnMs).toBe(initial.turnMs);
          expect(plan.currentStartedAt).toBe(initial.currentStartedAt);
        }
      }),
      PROPERTY,
    );
  });

  it('expected starts never decrease and are at least a turn apart', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 120 }), ({ plan }, minutes) => {
        const now = T0 + minutes * MIN;
        const starts = expectedStarts(plan, now);
        expect(starts.length).toBe(plan.groups.length);
        starts.forEach((s, i) => expect(Number.isNaN(s)).toBe(i < plan.currentIndex));
        const known = starts.filter((s) => !Number.isNaN(s));
        if (known.length > 0) expect(known[0]).toBe(plan.currentStartedAt ?? now);
        for (let i = 1; i < known.length; i++) {
          expect(known[i]! - known[i - 1]!).toBeGreaterThanOrEqual(plan.turnMs);
          expect(known[i]!).toBeGreaterThanOrEqual(now);
        }
        expect(expectedRotationEnd(plan, now)).toBeGreaterThanOrEqual(Math.max(now, ...known));
      }),
      PROPERTY,
    );
  });

  it('later instants never bring an expected start forward', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(120), fc.nat(120), ({ plan }, a, b) => {
        const early = expectedStarts(plan, T0 + Math.min(a, b) * MIN);
        const late = expectedStarts(plan, T0 + Math.max(a, b) * MIN);
        early.forEach((s, i) => {
          if (!Number.isNaN(s)) expect(late[i]).toBeGreaterThanOrEqual(s);
        });
      }),
      PROPERTY,
    );
  });
});
