import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRank, RANK_LIMIT, rankBetween, rebalancedRanks } from '../../shared/domain/rank.js';
import { PROPERTY } from './helpers.js';

describe('queue ranks stay finite', () => {
  it('the issue 12 sequence: between 1.7e308 and 1.75e308 no rank fits, so the queue is rebalanced', () => {
    expect(rankBetween(1.7e308, 1.75e308)).toBeNull();
    expect(rankBetween(1.7e308, null)).toBeNull();
    const [a, b, c] = rebalancedRanks(3);
    expect(rankBetween(a!, b!)).toBe(1536);
    expect(c).toBe(3072);
  });
  it('equal or adjacent neighbours leave no room', () => {
    expect(rankBetween(5, 5)).toBeNull();
    expect(rankBetween(1, 1 + Number.EPSILON)).toBeNull();
    expect(rankBetween(RANK_LIMIT, null)).toBeNull();
    expect(rankBetween(null, -RANK_LIMIT)).toBeNull();
  });
  it('whatever the neighbours, the answer is a rank strictly between them, or null (property)', () => {
    const side = fc.option(fc.double({ noNaN: false }), { nil: null });
    fc.assert(
      fc.property(side, side, (before, after) => {
        const r = rankBetween(before, after);
        if (r === null) return true;
        return isRank(r) && (before === null || r > before) && (after === null || r < after);
      }),
      { ...PROPERTY, numRuns: 2000 },
    );
  });
  it('a queue moved about thousands of times never needs more than a rebalance to go on (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 300 }), (moves) => {
        let ranks = rebalancedRanks(40);
        for (const m of moves) {
          const i = Math.max(1, m % ranks.length);
          // Move entry i to the front: between nothing and the first.
          let r = rankBetween(i >= 2 ? ranks[i - 2]! : null, ranks[i - 1]!);
          if (r === null) {
            ranks = rebalancedRanks(ranks.length);
            r = rankBetween(i >= 2 ? ranks[i - 2]! : null, ranks[i - 1]!);
          }
          if (r === null || !isRank(r)) return false;
          ranks[i] = r;
          ranks.sort((x, y) => x - y);
        }
        return ranks.every(isRank);
      }),
      { ...PROPERTY, numRuns: 100 },
    );
  });
});
