import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateWaits,
  formatRange,
  turnDurationRange,
  type WaitEstimate,
  type WaitInput,
} from '../../shared/domain/estimate.js';
import { proposeGroups } from '../../shared/domain/grouping.js';
import type { Person } from '../../shared/domain/people.js';
import { createRotation, expectedStarts, type RotationPlan } from '../../shared/domain/rotation.js';
import { MIN, PROPERTY, T0, crowdArb } from './crowd.js';

function person(id: string): Person {
  return { id, topics: [], partySize: 1, joinedAt: T0, rank: 0 };
}

const minutes = (e: WaitEstimate) => formatRange(e.lowMs, e.highMs);

describe('wait estimates: examples', () => {
  it('with no history, brackets the nominal turn: 15-minute turns, nobody on now', () => {
    const waits = estimateWaits({
      now: T0,
      nominalTurnMs: 15 * MIN,
      pastTurnDurationsMs: [],
      current: null,
      queue: [person('a'), person('b'), person('c')],
      sessionEndsAt: null,
    });
    // One typical turn is 12–18¾ minutes (0.8× to 1.25× the nominal).
    expect(waits.map((w) => [w.lowMs / MIN, w.highMs / MIN])).toEqual([
      [0, 0],
      [12, 18.75],
      [24, 37.5],
    ]);
    expect(waits.map(minutes)).toEqual([
      { lowMinutes: 0, highMinutes: 5 },
      { lowMinutes: 10, highMinutes: 20 },
      { lowMinutes: 20, highMinutes: 40 },
    ]);
  });

  it('learns from the turns this table has run: long turns push the range up', () => {
    const base: WaitInput = {
      now: T0,
      nominalTurnMs: 15 * MIN,
      pastTurnDurationsMs: [],
      current: null,
      queue: [person('a'), person('b')],
      sessionEndsAt: null,
    };
    const long = estimateWaits({ ...base, pastTurnDurationsMs: [25, 28, 26, 30, 27, 24].map((m) => m * MIN) });
    // Pool: 12, 15, 18.75 (prior) + 24, 25, 26, 27, 28, 30 → quartiles 18.75 and 27.
    expect([long[1]!.lowMs / MIN, long[1]!.highMs / MIN]).toEqual([18.75, 27]);
    expect(turnDurationRange(15 * MIN, [])).toEqual({ lowMs: 12 * MIN, midMs: 15 * MIN, highMs: 18.75 * MIN });
  });

  it('counts the running turn down, and says who the session end will likely not reach', () => {
    const waits = estimateWaits({
      now: T0 + 10 * MIN,
      nominalTurnMs: 20 * MIN,
      pastTurnDurationsMs: [20 * MIN, 20 * MIN, 20 * MIN],
      current: { startedAt: T0, expectedEndAt: T0 + 20 * MIN },
      queue: ['a', 'b', 'c', 'd'].map(person),
      sessionEndsAt: T0 + 60 * MIN,
    });
    // Typical turn: 20 min both ways (history agrees with the nominal); 10 left on the current one.
    expect(waits.map((w) => [w.lowMs / MIN, w.highMs / MIN])).toEqual([
      [10, 10],
      [30, 30],
      [50, 50],
      [70, 70],
    ]);
    expect(waits.map((w) => w.likelyNotReached)).toEqual([false, false, true, true]);
    expect(waits.map((w) => w.atRisk)).toEqual([false, false, true, true]);
  });

  it('with a rotation, its members start with their group and everyone else after the rotation', () => {
    const groups = [[person('a1'), person('a2')], [person('b1'), person('b2')], [person('c1')]];
    const plan: RotationPlan = { ...createRotation(groups, ['g1', 'g2', 'g3'], 15 * MIN), currentStartedAt: T0 };
    const now = T0 + 5 * MIN;
    const waits = estimateWaits({
      now,
      nominalTurnMs: 15 * MIN,
      pastTurnDurationsMs: [],
      current: null,
      queue: ['b1', 'b2', 'c1', 'late1', 'late2'].map(person),
      sessionEndsAt: T0 + 105 * MIN,
      rotation: { plan },
    });
    expect(waits.map((w) => w.startsLowAt)).toEqual([
      T0 + 15 * MIN, // g2 starts as g1 ends
      T0 + 15 * MIN,
      T0 + 30 * MIN, // g3
      T0 + 45 * MIN, // after the rotation
      T0 + 45 * MIN + 12 * MIN, // and one typical turn (low end 12 min)
    ]);
    const starts = expectedStarts(plan, now);
    expect(waits[0]!.startsLowAt).toBe(starts[1]);
    expect(waits[2]!.startsLowAt).toBe(starts[2]);
    // Rotation turns are timed: the high end allows for turns running as long as this table's do.
    expect(waits[0]!.startsHighAt).toBe(T0 + 18.75 * MIN);
  });

  it('formats ranges outward to five-minute steps, at least one step wide', () => {
    expect(formatRange(0, 0)).toEqual({ lowMinutes: 0, highMinutes: 5 });
    expect(formatRange(12 * MIN, 18.75 * MIN)).toEqual({ lowMinutes: 10, highMinutes: 20 });
    expect(formatRange(15 * MIN, 15 * MIN)).toEqual({ lowMinutes: 15, highMinutes: 20 });
    expect(formatRange(17 * MIN, 19 * MIN)).toEqual({ lowMinutes: 15, highMinutes: 20 });
    expect(formatRange(-3 * MIN, 2 * MIN)).toEqual({ lowMinutes: 0, highMinutes: 5 });
  });
});

// ---------------------------------------------------------------------------
// Properties.

const durationArb = fc.integer({ min: 1, max: 60 }).map((m) => m * MIN);

const inputArb: fc.Arbitrary<WaitInput> = fc
  .record({
    nominal: fc.integer({ min: 5, max: 30 }).map((m) => m * MIN),
    past: fc.array(durationArb, { maxLength: 12 }),
    current: fc.option(fc.record({ ago: fc.integer({ min: 0, max: 45 }), length: fc.integer({ min: 5, max: 30 }) }), {
      nil: null,
    }),
    queue: crowdArb({ maxLength: 20 }),
    sessionEndsIn: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    rotation: fc.option(
      fc.record({
        take: fc.nat(),
        maxSize: fc.integer({ min: 2, max: 5 }),
        turn: fc.integer({ min: 5, max: 20 }),
        started: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      }),
      { nil: null },
    ),
  })
  .map(({ nominal, past, current, queue, sessionEndsIn, rotation }) => {
    const now = T0 + 60 * MIN;
    const input: WaitInput = {
      now,
      nominalTurnMs: nominal,
      pastTurnDurationsMs: past,
      current: current && {
        startedAt: now - current.ago * MIN,
        expectedEndAt: now + (current.length - current.ago) * MIN,
      },
      queue,
      sessionEndsAt: sessionEndsIn === null ? null : now + sessionEndsIn * MIN,
    };
    if (!rotation || queue.length === 0) return input;
    // The first few people waiting form the rotation; the queue lists its
    // waiting members first, in group order, then everyone else.
    const members = queue.slice(0, 1 + (rotation.take % queue.length));
    const groups = proposeGroups(members, { maxSize: rotation.maxSize });
    const plan: RotationPlan = {
      ...createRotation(
        groups,
        groups.map((_, i) => `g${i}`),
        rotation.turn * MIN,
      ),
      currentStartedAt: rotation.started === null ? null : now - rotation.started * MIN,
    };
    const inRotation = new Set(members.map((p) => p.id));
    const ordered = [...groups.flat(), ...queue.filter((p) => !inRotation.has(p.id))];
    return { ...input, queue: ordered, rotation: { plan } };
  });

describe('wait estimates: properties', () => {
  it('gives one estimate per person, low ≤ high, never before now', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const waits = estimateWaits(input);
        expect(waits.map((w) => w.personId)).toEqual(input.queue.map((p) => p.id));
        for (const w of waits) {
          expect(w.lowMs).toBeGreaterThanOrEqual(0);
          expect(w.lowMs).toBeLessThanOrEqual(w.highMs);
          expect(w.startsLowAt).toBeLessThanOrEqual(w.startsHighAt);
          expect(w.startsLowAt).toBe(input.now + w.lowMs);
          expect(w.startsHighAt).toBe(input.now + w.highMs);
        }
      }),
      PROPERTY,
    );
  });

  it('never gives a later person an earlier range, at either end', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const waits = estimateWaits(input);
        for (let i = 1; i < waits.length; i++) {
          expect(waits[i]!.startsLowAt).toBeGreaterThanOrEqual(waits[i - 1]!.startsLowAt);
          expect(waits[i]!.startsHighAt).toBeGreaterThanOrEqual(waits[i - 1]!.startsHighAt);
        }
      }),
      PROPERTY,
    );
  });

  it('keeps ranges in queue order even when the queue and the rotation disagree about the order', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc
            .shuffledSubarray([...input.queue], { minLength: input.queue.length })
            .map((queue) => ({ ...input, queue })),
        ),
        (input) => {
          const waits = estimateWaits(input);
          for (let i = 1; i < waits.length; i++) {
            expect(waits[i]!.startsLowAt).toBeGreaterThanOrEqual(waits[i - 1]!.startsLowAt);
            expect(waits[i]!.startsHighAt).toBeGreaterThanOrEqual(waits[i - 1]!.startsHighAt);
          }
        },
      ),
      PROPERTY,
    );
  });

  it('once someone is likely not reached, so is everyone after them; not reached implies at risk', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const waits = estimateWaits(input);
        const first = waits.findIndex((w) => w.likelyNotReached);
        if (first >= 0) for (const w of waits.slice(first)) expect(w.likelyNotReached).toBe(true);
        const firstRisk = waits.findIndex((w) => w.atRisk);
        if (firstRisk >= 0) for (const w of waits.slice(firstRisk)) expect(w.atRisk).toBe(true);
        for (const w of waits) if (w.likelyNotReached) expect(w.atRisk).toBe(true);
        if (input.sessionEndsAt === null) expect(waits.some((w) => w.atRisk)).toBe(false);
      }),
      PROPERTY,
    );
  });

  it('more people ahead never shortens anyone’s wait', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.integer({ min: 1, max: 4 }), (input, at, extra) => {
        const before = estimateWaits(input);
        const position = at % (input.queue.length + 1);
        const added = Array.from({ length: extra }, (_, i) => person(`extra${i}`));
        const queue = [...input.queue.slice(0, position), ...added, ...input.queue.slice(position)];
        const after = new Map(estimateWaits({ ...input, queue }).map((w) => [w.personId, w]));
        for (const w of before) {
          const now = after.get(w.personId)!;
          expect(now.startsLowAt).toBeGreaterThanOrEqual(w.startsLowAt);
          expect(now.startsHighAt).toBeGreaterThanOrEqual(w.startsHighAt);
        }
      }),
      PROPERTY,
    );
  });

  it('history equal to the nominal keeps the typical turn bracketing the nominal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }).map((m) => m * MIN),
        fc.nat(40),
        (nominal, n) => {
          const history = Array.from({ length: n }, () => nominal);
          const range = turnDurationRange(nominal, history);
          expect(range.lowMs).toBeLessThanOrEqual(nominal);
          expect(range.highMs).toBeGreaterThanOrEqual(nominal);
          // And so does the second person's wait with nobody on now.
          const [, second] = estimateWaits({
            now: T0,
            nominalTurnMs: nominal,
            pastTurnDurationsMs: history,
            current: null,
            queue: [person('a'), person('b')],
            sessionEndsAt: null,
          });
          expect(second!.lowMs).toBeLessThanOrEqual(nominal);
          expect(second!.highMs).toBeGreaterThanOrEqual(nominal);
        },
      ),
      PROPERTY,
    );
  });

  it('adding a turn at the nominal length keeps a range that bracketed the nominal bracketing it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 30 }).map((m) => m * MIN),
        fc.array(durationArb, { maxLength: 15 }),
        fc.integer({ min: 1, max: 10 }),
        (nominal, past, n) => {
          const before = turnDurationRange(nominal, past);
          const after = turnDurationRange(nominal, [...past, ...Array.from({ length: n }, () => nominal)]);
          if (before.lowMs <= nominal) expect(after.lowMs).toBeLessThanOrEqual(nominal);
          if (before.highMs >= nominal) expect(after.highMs).toBeGreaterThanOrEqual(nominal);
        },
      ),
      PROPERTY,
    );
  });

  it('rotation members start at their group’s expected start (low end)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = input.rotation?.plan;
        if (!plan || input.current !== null) return;
        const starts = expectedStarts(plan, input.now);
        const waits = new Map(estimateWaits(input).map((w) => [w.personId, w]));
        plan.groups.forEach((g, i) => {
          if (i <= plan.currentIndex) return;
          for (const id of g.memberIds) expect(waits.get(id)!.startsLowAt).toBe(starts[i]);
        });
      }),
      PROPERTY,
    );
  });

  it('formats any range as a five-minute-step range containing it, at least five minutes wide', () => {
    fc.assert(
      fc.property(fc.nat(300 * MIN), fc.nat(300 * MIN), (a, b) => {
        const { lowMinutes, highMinutes } = formatRange(Math.min(a, b), Math.max(a, b));
        expect(lowMinutes % 5).toBe(0);
        expect(highMinutes % 5).toBe(0);
        expect(lowMinutes).toBeLessThanOrEqual(Math.min(a, b) / MIN);
        expect(highMinutes).toBeGreaterThanOrEqual(Math.max(a, b) / MIN);
        expect(highMinutes - lowMinutes).toBeGreaterThanOrEqual(5);
      }),
      PROPERTY,
    );
  });
});
