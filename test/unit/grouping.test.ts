import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonTopics, greedyBaseline, groupPlan, proposeGroups, topicCohesion } from '../../shared/domain/grouping.js';
import { byQueueOrder, type Person } from '../../shared/domain/people.js';
import { PROPERTY, T0, crowdArb, ids, load } from './crowd.js';

const maxSizeArb = fc.integer({ min: 1, max: 8 });

/** Person p{i} wanting `topics`, arriving i-th. */
function person(i: number, topics: string[], partySize = 1): Person {
  return { id: `p${i}`, topics, partySize, joinedAt: T0 + i * 60_000, rank: i };
}

/** The groups' sizes, leaving out groups that are one party larger than maxSize. */
function regularSizes(groups: readonly Person[][], maxSize: number): number[] {
  return groups.filter((g) => !(g.length === 1 && (g[0]?.partySize ?? 0) > maxSize)).map(load);
}

const spread = (sizes: readonly number[]) => (sizes.length === 0 ? 0 : Math.max(...sizes) - Math.min(...sizes));

/**
 * By brute force over every way to split the parties: the fewest groups that
 * respect the size bound, and the smallest size spread with that many groups.
 */
function bruteForce(people: readonly Person[], maxSize: number): { groups: number; spread: number } {
  const n = people.length;
  let best = { groups: Number.POSITIVE_INFINITY, spread: Number.POSITIVE_INFINITY };
  const block: number[] = new Array<number>(n).fill(0);
  const visit = (i: number, blocks: number) => {
    if (i === n) {
      const groups: Person[][] = Array.from({ length: blocks }, () => []);
      people.forEach((p, j) => groups[block[j] ?? 0]?.push(p));
      const valid = groups.every((g) => load(g) <= maxSize || g.length === 1);
      if (!valid) return;
      const s = spread(regularSizes(groups, maxSize));
      if (blocks < best.groups || (blocks === best.groups && s < best.spread)) best = { groups: blocks, spread: s };
      return;
    }
    for (let b = 0; b <= blocks; b++) {
      block[i] = b;
      visit(i + 1, Math.max(blocks, b + 1));
    }
  };
  visit(0, 0);
  return n === 0 ? { groups: 0, spread: 0 } : best;
}

describe('proposeGroups: examples', () => {
  it('puts 12 people wanting three topics, arriving mixed, into 3 groups of 4 by topic', () => {
    const topics = ['Branding', 'Leadership', 'Networking'];
    const people = Array.from({ length: 12 }, (_, i) => person(i, [topics[i % 3] as string]));
    const groups = proposeGroups(people, { maxSize: 4 });
    expect(groups.map(ids)).toEqual([
      ['p0', 'p3', 'p6', 'p9'], // Branding: holds p0, the longest waiting, so goes first
      ['p1', 'p4', 'p7', 'p10'], // Leadership
      ['p2', 'p5', 'p8', 'p11'], // Networking
    ]);
    expect(topicCohesion(groups)).toBe(12);
  });

  it('keeps people with several topics with those who share the most of them', () => {
    const people = [
      person(0, ['Career', 'Branding']),
      person(1, ['Leadership']),
      person(2, ['Branding']),
      person(3, ['Leadership', 'Motivation']),
      person(4, ['Career']),
      person(5, ['Motivation']),
    ];
    const groups = proposeGroups(people, { maxSize: 3 });
    expect(groups.map(ids)).toEqual([
      ['p0', 'p2', 'p4'],
      ['p1', 'p3', 'p5'],
    ]);
  });

  it('balances: 5 people with groups of at most 4 make groups of 3 and 2, not 4 and 1', () => {
    const people = Array.from({ length: 5 }, (_, i) => person(i, ['Career']));
    expect(proposeGroups(people, { maxSize: 4 }).map(load)).toEqual([3, 2]);
  });

  it('never splits a party, and gives a party larger than the limit a group of its own', () => {
    const people = [person(0, ['Career'], 3), person(1, ['Career']), person(2, ['Career'], 6), person(3, ['Career'])];
    const groups = proposeGroups(people, { maxSize: 4 });
    // The party of 6 alone; the other 5 people in two groups, balanced as 3 + 2
    // (the party of 3, and the two singles) rather than 4 + 1.
    expect(groups.map(ids)).toEqual([['p0'], ['p1', 'p3'], ['p2']]);
    expect(groupPlan(people, { maxSize: 4 })).toEqual({ groups: 3, minSize: 2, maxSize: 3, oversizedParties: 1 });
  });

  it('uses more groups than the headcount alone needs only when parties force it', () => {
    // 9 people fit in 3 groups of 3, but three parties of 2 and three singles
    // cannot: every group of 3 would need a 2 and a 1, which works, so 3.
    const fits = [2, 2, 2, 1, 1, 1].map((s, i) => person(i, [], s));
    expect(proposeGroups(fits, { maxSize: 3 }).map(load)).toEqual([3, 3, 3]);
    // Three parties of 2 in groups of 3: 6 people, but a 2 and a 2 do not fit together.
    const forced = [2, 2, 2].map((s, i) => person(i, [], s));
    expect(proposeGroups(forced, { maxSize: 3 }).map(load)).toEqual([2, 2, 2]);
  });

  it('with nobody waiting proposes nothing, and refuses a nonsensical maximum', () => {
    expect(proposeGroups([], { maxSize: 4 })).toEqual([]);
    expect(greedyBaseline([], { maxSize: 4 })).toEqual([]);
    expect(() => proposeGroups([person(0, [])], { maxSize: 0 })).toThrow(RangeError);
  });

  it('beats the greedy baseline when early choices trap it', () => {
    // In queue order the baseline seats p0 (A and B) first, then p1 (A) and
    // p2 (B) with p0 because each shares a topic: a group split between A and
    // B. Proposals find the two groups where everyone shares a topic.
    const people = [
      person(0, ['A', 'B']),
      person(1, ['A']),
      person(2, ['B']),
      person(3, ['A']),
      person(4, ['B']),
      person(5, ['A']),
    ];
    const baseline = greedyBaseline(people, { maxSize: 3 });
    expect(baseline.map(ids)).toEqual([
      ['p0', 'p1', 'p2'],
      ['p3', 'p4', 'p5'],
    ]);
    expect(topicCohesion(baseline)).toBe(4);
    const proposal = proposeGroups(people, { maxSize: 3 });
    expect(proposal.map(ids)).toEqual([
      ['p0', 'p2', 'p4'], // B
      ['p1', 'p3', 'p5'], // A
    ]);
    expect(topicCohesion(proposal)).toBe(6);
  });
  it('starts from the baseline when the baseline is better than the topic-sorted start', () => {
    // Groups of at most 2: the topic-sorted start climbs to a grouping as
    // cohesive as the baseline's but with topics less gathered (the finer
    // score), so the proposal climbs from the baseline instead.
    const people = [
      person(0, ['Branding', 'Career']),
      person(1, ['Work-life']),
      person(2, []),
      person(3, ['Work-life', 'Branding']),
      person(4, ['Work-life']),
    ];
    const expected = [['p0', 'p3'], ['p1', 'p4'], ['p2']];
    expect(greedyBaseline(people, { maxSize: 2 }).map(ids)).toEqual(expected);
    expect(proposeGroups(people, { maxSize: 2 }).map(ids)).toEqual(expected);
  });
});

describe('topicCohesion and commonTopics', () => {
  it('scores each group by how many share its most common topic, parties counting their size', () => {
    expect(
      topicCohesion([
        [person(0, ['A', 'B']), person(1, ['A'], 2), person(2, ['C'])], // A: 3
        [person(3, []), person(4, ['D'])], // D: 1
        [],
      ]),
    ).toBe(4);
  });

  it('lists the topics of the people waiting, most wanted first, ties by name', () => {
    const people = [person(0, ['B', 'A', 'B']), person(1, ['C'], 2), person(2, ['A'])];
    expect(commonTopics(people)).toEqual([
      { topic: 'A', count: 2 },
      { topic: 'C', count: 2 },
      { topic: 'B', count: 1 },
    ]);
  });

  it('counts every topic by party size, sorted by count then name (property)', () => {
    fc.assert(
      fc.property(crowdArb(), (people) => {
        const listed = commonTopics(people);
        for (const { topic, count } of listed) {
          expect(count).toBe(load(people.filter((p) => p.topics.includes(topic))));
        }
        expect(new Set(listed.map((t) => t.topic))).toEqual(new Set(people.flatMap((p) => p.topics)));
        for (let i = 1; i < listed.length; i++) {
          const a = listed[i - 1]!;
          const b = listed[i]!;
          expect(a.count > b.count || (a.count === b.count && a.topic < b.topic)).toBe(true);
        }
      }),
      PROPERTY,
    );
  });
});

describe('proposeGroups: properties', () => {
  it('puts everyone in exactly one group, never splitting a party', () => {
    fc.assert(
      fc.property(crowdArb(), maxSizeArb, (people, maxSize) => {
        const groups = proposeGroups(people, { maxSize });
        const placed = groups.flat();
        expect(placed.length).toBe(people.length);
        expect(new Set(placed).size).toBe(people.length);
        for (const p of people) expect(placed).toContain(p);
        for (const g of groups) expect(g.length).toBeGreaterThan(0);
      }),
      PROPERTY,
    );
  });

  it('keeps every group within maxSize, unless it is one party larger than that', () => {
    fc.assert(
      fc.property(crowdArb(), maxSizeArb, (people, maxSize) => {
        for (const g of proposeGroups(people, { maxSize })) {
          expect(load(g) <= maxSize || g.length === 1).toBe(true);
        }
      }),
      PROPERTY,
    );
  });

  it('with everyone alone: exactly ceil(n / maxSize) groups whose sizes differ by at most one', () => {
    fc.assert(
      fc.property(crowdArb({ singles: true, maxLength: 60 }), maxSizeArb, (people, maxSize) => {
        const groups = proposeGroups(people, { maxSize });
        expect(groups.length).toBe(Math.ceil(people.length / maxSize));
        expect(spread(groups.map(load))).toBeLessThanOrEqual(1);
      }),
      PROPERTY,
    );
  });

  it('with parties: never fewer groups than the headcount needs, and one per oversized party', () => {
    fc.assert(
      fc.property(crowdArb({ maxParty: 9 }), maxSizeArb, (people, maxSize) => {
        const groups = proposeGroups(people, { maxSize });
        const oversized = people.filter((p) => p.partySize > maxSize);
        const rest = load(people) - load(oversized);
        expect(groups.length).toBeGreaterThanOrEqual(oversized.length + Math.ceil(rest / maxSize));
        expect(groupPlan(people, { maxSize }).groups).toBe(groups.length);
      }),
      PROPERTY,
    );
  });

  it('with parties: the fewest groups possible, then sizes as even as possible (checked by brute force)', () => {
    fc.assert(
      fc.property(crowdArb({ maxLength: 8, maxParty: 6 }), fc.integer({ min: 1, max: 6 }), (people, maxSize) => {
        const groups = proposeGroups(people, { maxSize });
        const best = bruteForce(people, maxSize);
        expect(groups.length).toBe(best.groups);
        expect(spread(regularSizes(groups, maxSize))).toBe(best.spread);
      }),
      PROPERTY,
    );
  });

  it('honours shared topics at least as well as the greedy baseline, which obeys the same sizes', () => {
    fc.assert(
      fc.property(crowdArb({ maxLength: 60 }), maxSizeArb, (people, maxSize) => {
        const proposal = proposeGroups(people, { maxSize });
        const baseline = greedyBaseline(people, { maxSize });
        expect(topicCohesion(proposal)).toBeGreaterThanOrEqual(topicCohesion(baseline));
        expect(baseline.length).toBe(proposal.length);
        expect(baseline.flat().length).toBe(people.length);
        expect(spread(regularSizes(baseline, maxSize))).toBe(spread(regularSizes(proposal, maxSize)));
        for (const g of baseline) expect(load(g) <= maxSize || g.length === 1).toBe(true);
      }),
      PROPERTY,
    );
  });

  it('scores at most the number of people with a topic, and all of them when they share one', () => {
    fc.assert(
      fc.property(crowdArb(), maxSizeArb, (people, maxSize) => {
        const withTopics = people.filter((p) => p.topics.length > 0);
        expect(topicCohesion(proposeGroups(people, { maxSize }))).toBeLessThanOrEqual(load(withTopics));
        const same = people.map((p) => ({ ...p, topics: ['Career', ...p.topics] }));
        expect(topicCohesion(proposeGroups(same, { maxSize }))).toBe(load(same));
      }),
      PROPERTY,
    );
  });

  it('gives the same groups whatever order the people arrive in the input', () => {
    fc.assert(
      fc.property(
        crowdArb().chain((people) =>
          fc.tuple(fc.constant(people), fc.shuffledSubarray(people, { minLength: people.length })),
        ),
        maxSizeArb,
        ([people, shuffled], maxSize) => {
          const a = proposeGroups(people, { maxSize }).map(ids);
          expect(proposeGroups(shuffled, { maxSize }).map(ids)).toEqual(a);
          expect(proposeGroups([...people].sort(byQueueOrder), { maxSize }).map(ids)).toEqual(a);
          expect(greedyBaseline(shuffled, { maxSize }).map(ids)).toEqual(greedyBaseline(people, { maxSize }).map(ids));
        },
      ),
      PROPERTY,
    );
  });

  it('orders groups by their longest-waiting member, and members by queue place', () => {
    fc.assert(
      fc.property(crowdArb(), maxSizeArb, (people, maxSize) => {
        for (const groups of [proposeGroups(people, { maxSize }), greedyBaseline(people, { maxSize })]) {
          for (const g of groups) expect([...g].sort(byQueueOrder)).toEqual(g);
          const firsts = groups.map((g) => g[0] as Person);
          expect([...firsts].sort(byQueueOrder)).toEqual(firsts);
        }
      }),
      PROPERTY,
    );
  });
});
