/**
 * Queue ranks: a queue is ordered by a fractional rank, so moving someone
 * between two neighbours takes one operation. Ranks must stay finite and
 * exact enough to tell neighbours apart: a rank of Infinity is stored by
 * JSON as null, and every other laptop then refuses the operation.
 *
 * Ranks live in [-RANK_LIMIT, RANK_LIMIT] (arrival times in ms, about 1.8e12,
 * fit with room). When no rank fits between two neighbours (they are equal,
 * adjacent doubles, or at the limit), the queue is given fresh, evenly
 * spaced ranks (`rebalancedRanks`) and the move is made among those.
 */

/** The largest rank magnitude a queue entry may hold. */
export const RANK_LIMIT = 1e15;

/** Whether a number can be a queue rank: finite and within the limit. */
export function isRank(rank: number): boolean {
  return Number.isFinite(rank) && Math.abs(rank) <= RANK_LIMIT;
}

/**
 * A rank strictly between `before` and `after` (null: no neighbour on that
 * side), or null when none fits and the queue must be rebalanced first.
 */
export function rankBetween(before: number | null, after: number | null): number | null {
  if (before !== null && !isRank(before)) return null;
  if (after !== null && !isRank(after)) return null;
  let rank: number;
  if (before === null && after === null) rank = 0;
  else if (before === null) rank = after! - 1;
  else if (after === null) rank = before + 1;
  else rank = before + (after - before) / 2;
  if (!isRank(rank)) return null;
  if (before !== null && !(rank > before)) return null;
  if (after !== null && !(rank < after)) return null;
  return rank;
}

/** Fresh ranks for `count` entries in their current order: 1024, 2048, … (exact in a double). */
export function rebalancedRanks(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + 1) * 1024);
}

/**
 * The rank that moves the entry at `index` one place up or down in a queue
 * whose ranks are `ranks` (ascending), or null when none fits (rebalance
 * the queue with `rebalancedRanks` and ask again). Throws RangeError for a
 * move past either end.
 */
export function moveRank(ranks: readonly number[], index: number, direction: 'up' | 'down'): number | null {
  if (direction === 'up') {
    if (index <= 0) throw new RangeError('already first');
    return rankBetween(index >= 2 ? ranks[index - 2]! : null, ranks[index - 1]!);
  }
  if (index >= ranks.length - 1) throw new RangeError('already last');
  return rankBetween(ranks[index + 1]!, index + 2 < ranks.length ? ranks[index + 2]! : null);
}
