/**
 * Splitting a crowd at a table into sub-groups that take turns.
 *
 * What a proposal guarantees (each is a property test in
 * test/unit/grouping.test.ts):
 *
 * 1. Everyone waiting is in exactly one group, and a party is never split.
 * 2. A group holds at most `maxSize` people (party sizes count), except a
 *    single party larger than `maxSize`, which gets a group of its own.
 * 3. As few groups as possible: ceil(total / maxSize) when everyone came
 *    alone; in general the fewest groups the parties can be packed into
 *    (plus one per oversized party).
 * 4. With that number of groups, sizes as even as the parties allow: the
 *    smallest difference between the largest and the smallest group that any
 *    packing achieves, so at most one whenever the parties allow it, and
 *    always when everyone came alone. (Oversized parties are left out.)
 * 5. People who want the same topics are together at least as well as the
 *    greedy baseline manages with the same group sizes, by `topicCohesion`.
 * 6. Deterministic and independent of the input's order: people are first put
 *    in queue order (rank, then arrival, then id).
 * 7. Groups are ordered by the earliest queue place among their members (the
 *    group holding the longest-waiting person goes first), members by queue
 *    place.
 *
 * How: a bin-packing search fixes the number of groups and the size window
 * [lo, hi] (exact for any realistic table; past a search budget, greedy attempts,
 * so 3 and 4 could then fall short for unusual mixes of large parties).
 * A topic-sorted starting assignment is made inside that window, and a hill
 * climb improves it by moving one party or swapping two, accepting only
 * changes that raise cohesion (or keep it and raise a finer tie-break score)
 * and keep every size in the window. The greedy baseline is built in the same
 * window; in the rare case it scores higher than that climb, the climb is
 * run from the baseline instead, so a proposal never scores below it.
 * Nothing is random and the climb is bounded, so the same input always gives
 * the same groups, quickly (bench/grouping.ts: a few milliseconds for 200).
 */
import { byQueueOrder, type Person } from './people.js';

export interface GroupingOptions {
  /** The largest group, in people (a party of 3 counts 3); a whole number ≥ 1. */
  maxSize: number;
}

/**
 * Topic cohesion, the score proposals are judged by: for each group, the
 * number of people in it (weighted by party size) who share the group's most
 * common topic; summed over the groups. A group of four who all want
 * "Personal branding" scores 4; a group of four wanting four different
 * topics scores 1; people with no topics add nothing. The ideal is the
 * number of people waiting: every group has a topic all its members want.
 */
export function topicCohesion(groups: readonly (readonly Person[])[]): number {
  let score = 0;
  for (const group of groups) {
    const counts = new Map<string, number>();
    let best = 0;
    for (const person of group) {
      for (const topic of new Set(person.topics)) {
        const c = (counts.get(topic) ?? 0) + person.partySize;
        counts.set(topic, c);
        if (c > best) best = c;
      }
    }
    score += best;
  }
  return score;
}

/**
 * The topics of a set of people, most common first, for "topic focus".
 * A party counts its size; a topic listed twice by one person counts once.
 * Ties are broken by the topic's name (plain code-unit order, so the same on
 * every laptop).
 */
export function commonTopics(people: readonly Person[]): { topic: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const person of people) {
    for (const topic of new Set(person.topics)) counts.set(topic, (counts.get(topic) ?? 0) + person.partySize);
  }
  return [...counts]
    .map(([topic, count]) => ({ topic, count }))
    .sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/**
 * Sub-groups for the people waiting: see the guarantees at the top of this
 * file. Returns [] when nobody waits.
 */
export function proposeGroups(waiting: readonly Person[], options: GroupingOptions): Person[][] {
  const problem = prepare(waiting, options);
  const layout = problem.layout;
  if (!layout) return output(problem, null);
  if (layout.k === 1) return output(problem, new Int32Array(problem.size.length));
  const seeded = climb(problem, layout, topicSeed(problem, layout));
  // The baseline is a valid assignment in the same size window, so when it
  // scores higher than the climb from the topic seed (rare), climbing from it
  // instead guarantees a result at least as good as the baseline.
  const baseline = baselineAssignment(problem, layout);
  const baselineScore = score(problem, layout, baseline);
  if (
    baselineScore.primary > seeded.primary ||
    (baselineScore.primary === seeded.primary && baselineScore.secondary > seeded.secondary)
  ) {
    return output(problem, climb(problem, layout, baseline).binOf);
  }
  return output(problem, seeded.binOf);
}

/**
 * The simple baseline proposals are measured against: the same number of
 * groups and the same group sizes as the proposal's balanced plan, filled
 * greedily. People in queue order each join the first group with room that
 * shares the most topics with them; when no group shares any, a new (empty)
 * group, else the first group with room. "Room" means a free place of the
 * party's size in the balanced plan; when everyone came alone that is simply
 * "fewer people than the group's planned size". Oversized parties are alone,
 * as in proposals.
 */
export function greedyBaseline(waiting: readonly Person[], options: GroupingOptions): Person[][] {
  const problem = prepare(waiting, options);
  if (!problem.layout) return output(problem, null);
  return output(problem, baselineAssignment(problem, problem.layout));
}

/**
 * How many groups a proposal for these people has, and the range their sizes
 * fall in (oversized parties aside). Handy for a UI that wants to say
 * "3 groups of 4–5" before asking for the groups themselves.
 */
export function groupPlan(
  waiting: readonly Person[],
  options: GroupingOptions,
): { groups: number; minSize: number; maxSize: number; oversizedParties: number } {
  const problem = prepare(waiting, options);
  const oversized = problem.oversize.length;
  if (!problem.layout) return { groups: oversized, minSize: 0, maxSize: 0, oversizedParties: oversized };
  return {
    groups: problem.layout.k + oversized,
    minSize: problem.layout.lo,
    maxSize: problem.layout.hi,
    oversizedParties: oversized,
  };
}

// ---------------------------------------------------------------------------
// The problem in numbers.

interface Layout {
  /** Number of groups for the parties that fit in a group. */
  k: number;
  /** Every group's size stays within [lo, hi]. */
  lo: number;
  hi: number;
  /** The party sizes planned for each group (a feasible packing). */
  shape: number[][];
}

interface Problem {
  /** Parties that fit in a group, in queue order; index = party number. */
  people: Person[];
  size: number[];
  /** Topic numbers of each party, distinct. */
  topics: number[][];
  topicCount: number;
  /** Parties larger than maxSize, in queue order, each alone. */
  oversize: Person[];
  /** Queue position of every person (regular and oversized), for ordering the output. */
  position: Map<Person, number>;
  layout: Layout | null;
}

function prepare(waiting: readonly Person[], options: GroupingOptions): Problem {
  const maxSize = options.maxSize;
  if (!Number.isInteger(maxSize) || maxSize < 1) {
    throw new RangeError(`maxSize must be a whole number of at least 1, not ${maxSize}`);
  }
  const sorted = [...waiting].sort(byQueueOrder);
  for (const p of sorted) {
    if (!Number.isInteger(p.partySize) || p.partySize < 1) {
      throw new RangeError(`partySize must be a whole number of at least 1 (${p.id}: ${p.partySize})`);
    }
  }
  const position = new Map(sorted.map((p, i) => [p, i] as const));
  const people = sorted.filter((p) => p.partySize <= maxSize);
  const oversize = sorted.filter((p) => p.partySize > maxSize);
  const names = [...new Set(people.flatMap((p) => p.topics))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const topicNumber = new Map(names.map((t, i) => [t, i] as const));
  const topics = people.map((p) => [...new Set(p.topics)].map((t) => topicNumber.get(t) ?? 0));
  const size = people.map((p) => p.partySize);
  const layout = size.length === 0 ? null : planLayout(size, maxSize);
  return { people, size, topics, topicCount: names.length, oversize, position, layout };
}

/** Groups as people, from a group number per regular party, plus the oversized parties. */
function output(problem: Problem, binOf: Int32Array | null): Person[][] {
  const groups: Person[][] = [];
  if (binOf && problem.layout) {
    for (let b = 0; b < problem.layout.k; b++) groups.push([]);
    problem.people.forEach((p, i) => groups[binOf[i] ?? 0]?.push(p));
  }
  for (const p of problem.oversize) groups.push([p]);
  const pos = (p: Person) => problem.position.get(p) ?? 0;
  return groups
    .filter((g) => g.length > 0)
    .map((g) => g.sort((a, b) => pos(a) - pos(b)))
    .sort((a, b) => pos(a[0] as Person) - pos(b[0] as Person));
}

// ---------------------------------------------------------------------------
// How many groups, and which sizes: bin packing with a balance window.

/**
 * Search steps allowed for the packing search over one proposal. A table
 * rarely has more than a few parties larger than one, for which the search is
 * exact well within this; past it, each size window gets greedy attempts only.
 */
const PACKING_BUDGET = 20_000;

/**
 * The fewest groups, then the narrowest size window [lo, hi] (hi ≤ maxSize,
 * lo ≥ 1) into which the parties can be packed.
 */
function planLayout(sizes: readonly number[], maxSize: number): Layout {
  const total = sizes.reduce((a, b) => a + b, 0);
  const big = sizes.filter((s) => s >= 2).sort((a, b) => b - a);
  const ones = sizes.length - big.length;
  const largest = big[0] ?? 1;
  // Lower bounds: the headcount, and parties over half the limit need a group each.
  const overHalf = sizes.filter((s) => 2 * s > maxSize).length;
  const budget = { nodes: PACKING_BUDGET };
  for (let k = Math.max(1, Math.ceil(total / maxSize), overHalf); k <= sizes.length; k++) {
    // Can k groups hold them at all? (Every narrower window is inside this one.)
    const wide = pack(big, ones, k, 1, maxSize, budget);
    if (!wide) continue;
    for (let d = 0; d < maxSize; d++) {
      const loMin = Math.max(1, Math.ceil(total / k) - d);
      const loMax = Math.min(Math.floor(total / k), maxSize - d);
      for (let lo = loMax; lo >= loMin; lo--) {
        const hi = lo + d;
        if (hi < largest) break;
        const shape = pack(big, ones, k, lo, hi, budget);
        if (shape) return { k, lo, hi, shape };
      }
    }
    const loads = wide.map((g) => g.reduce((x, y) => x + y, 0));
    return { k, lo: Math.min(...loads), hi: Math.max(...loads), shape: wide };
  }
  // Unreachable: with one group per party, window [1, maxSize], the first
  // branch of the search puts every party in a group of its own.
  throw new Error('No packing found');
}

/**
 * Pack the parties of two or more (descending) and `ones` single people into
 * k groups whose sizes all lie in [lo, hi]. Depth-first over the larger
 * parties; groups are only told apart by how full they are (groups equally
 * full are interchangeable), so each step tries each fullness once, least
 * full first (which balances). Single people then fill each group up to lo
 * and the rest go to the least-full groups. When the budget runs out, the
 * search keeps only its first choice at each step, and one more greedy pass
 * tries the fullest group that fits first.
 */
function pack(
  big: readonly number[],
  ones: number,
  k: number,
  lo: number,
  hi: number,
  budget: { nodes: number },
): number[][] | null {
  if (k * lo > ones + big.reduce((a, b) => a + b, 0)) return null;
  const suffix: number[] = new Array<number>(big.length + 1).fill(0);
  for (let i = big.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + big[i]!;
  const attempt = (fullestFirst: boolean): number[][] | null => {
    /** The groups at each fullness 0..hi. */
    const at: number[][] = Array.from({ length: hi + 1 }, () => []);
    for (let b = k - 1; b >= 0; b--) at[0]!.push(b);
    const content: number[][] = Array.from({ length: k }, () => []);
    let deficit = k * lo;
    const dfs = (i: number): boolean => {
      budget.nodes -= 1;
      if (deficit > ones + suffix[i]!) return false;
      if (i === big.length) return true; // room for the ones: k·hi ≥ total by the window's choice
      const s = big[i]!;
      let tried = false;
      for (let step = 0; step <= hi - s; step++) {
        const l = fullestFirst ? hi - s - step : step;
        const here = at[l]!;
        if (here.length === 0) continue;
        if (tried && budget.nodes <= 0) return false;
        tried = true;
        const b = here.pop()!;
        at[l + s]!.push(b);
        content[b]!.push(s);
        const change = Math.max(0, lo - l - s) - Math.max(0, lo - l);
        deficit += change;
        if (dfs(i + 1)) return true;
        deficit -= change;
        content[b]!.pop();
        at[l + s]!.pop();
        here.push(b);
      }
      return false;
    };
    if (!dfs(0)) return null;
    const load = new Array<number>(k).fill(0);
    at.forEach((bins, l) => bins.forEach((b) => (load[b] = l)));
    let left = ones;
    for (let b = 0; b < k; b++) {
      while (load[b]! < lo && left > 0) {
        load[b] = load[b]! + 1;
        content[b]!.push(1);
        left -= 1;
      }
    }
    while (left > 0) {
      let best = -1;
      for (let b = 0; b < k; b++) if (load[b]! < hi && (best < 0 || load[b]! < load[best]!)) best = b;
      if (best < 0) return null; // cannot happen: k·hi ≥ total
      load[best] = load[best]! + 1;
      content[best]!.push(1);
      left -= 1;
    }
    return content;
  };
  const balanced = attempt(false);
  if (balanced || budget.nodes > 0) return balanced;
  return attempt(true);
}

// ---------------------------------------------------------------------------
// Starting assignments: each follows the layout's shape exactly.

/** Free places per group, by party size. */
function freePlaces(layout: Layout): Map<number, number>[] {
  return layout.shape.map((sizes) => {
    const free = new Map<number, number>();
    for (const s of sizes) free.set(s, (free.get(s) ?? 0) + 1);
    return free;
  });
}

function take(free: Map<number, number>, size: number): boolean {
  const n = free.get(size) ?? 0;
  if (n === 0) return false;
  free.set(size, n - 1);
  return true;
}

function baselineAssignment(problem: Problem, layout: Layout): Int32Array {
  const binOf = new Int32Array(problem.size.length);
  const free = freePlaces(layout);
  const present: Set<number>[] = layout.shape.map(() => new Set());
  const members = new Array<number>(layout.k).fill(0);
  problem.size.forEach((size, p) => {
    const mine = problem.topics[p] ?? [];
    let best = -1;
    let bestShared = -1;
    let firstEmpty = -1;
    for (let b = 0; b < layout.k; b++) {
      if ((free[b]?.get(size) ?? 0) === 0) continue;
      if (firstEmpty < 0 && members[b] === 0) firstEmpty = b;
      const here = present[b] as Set<number>;
      let shared = 0;
      for (const t of mine) if (here.has(t)) shared += 1;
      if (shared > bestShared) {
        bestShared = shared;
        best = b;
      }
    }
    if (bestShared === 0 && firstEmpty >= 0) best = firstEmpty;
    // A free place of this size always exists: the shape holds exactly the parties' sizes.
    take(free[best] as Map<number, number>, size);
    binOf[p] = best;
    members[best] = (members[best] ?? 0) + 1;
    for (const t of mine) present[best]?.add(t);
  });
  return binOf;
}

/**
 * Parties sorted by their most popular topic (so people wanting the same
 * thing are next to each other), then poured into the groups in turn.
 */
function topicSeed(problem: Problem, layout: Layout): Int32Array {
  const popularity = new Array<number>(problem.topicCount).fill(0);
  problem.topics.forEach((ts, p) => {
    for (const t of ts) popularity[t] = (popularity[t] ?? 0) + (problem.size[p] ?? 0);
  });
  const key = problem.topics.map((ts) => {
    let best = -1;
    for (const t of ts) {
      if (
        best < 0 ||
        (popularity[t] ?? 0) > (popularity[best] ?? 0) ||
        (popularity[t] === popularity[best] && t < best)
      ) {
        best = t;
      }
    }
    return best;
  });
  const rankOf = (p: number): number => {
    const t = key[p] ?? -1;
    return t < 0 ? Number.POSITIVE_INFINITY : -(popularity[t] ?? 0) * (problem.topicCount + 1) + t;
  };
  const order = problem.size.map((_, p) => p).sort((a, b) => rankOf(a) - rankOf(b) || a - b);
  const binOf = new Int32Array(problem.size.length);
  const free = freePlaces(layout);
  const remaining = layout.shape.map((s) => s.length);
  let cursor = 0;
  for (const p of order) {
    const size = problem.size[p] ?? 1;
    for (let step = 0; step < layout.k; step++) {
      const b = (cursor + step) % layout.k;
      if (take(free[b] as Map<number, number>, size)) {
        binOf[p] = b;
        remaining[b] = (remaining[b] ?? 0) - 1;
        break;
      }
    }
    while (cursor < layout.k - 1 && remaining[cursor] === 0) cursor += 1;
  }
  return binOf;
}

// ---------------------------------------------------------------------------
// The hill climb.

/** The climb's two scores for an assignment: cohesion, and the sum of squared topic counts. */
function score(problem: Problem, layout: Layout, binOf: Int32Array): { primary: number; secondary: number } {
  const counts = Array.from({ length: layout.k }, () => new Map<number, number>());
  problem.topics.forEach((ts, p) => {
    const here = counts[binOf[p]!]!;
    for (const t of ts) here.set(t, (here.get(t) ?? 0) + problem.size[p]!);
  });
  let primary = 0;
  let secondary = 0;
  for (const here of counts) {
    let best = 0;
    for (const c of here.values()) {
      if (c > best) best = c;
      secondary += c * c;
    }
    primary += best;
  }
  return { primary, secondary };
}

/** Upper bound on moves and swaps examined per climb, so 200 people stay well inside the time goal. */
const CLIMB_BUDGET = 250_000;

interface Climbed {
  binOf: Int32Array;
  primary: number;
  secondary: number;
}

/**
 * Improve an assignment by moving one party to another group or swapping two
 * parties, keeping every group's size within [lo, hi]. A change is taken
 * when it raises cohesion (the primary score), or keeps it and raises the sum
 * over groups and topics of (people wanting that topic)², which rewards
 * gathering a topic's people even before it changes a group's top topic.
 * First improvement, in a fixed order; stops when a full pass finds nothing
 * or the budget is spent. Cohesion never goes down.
 *
 * A change touches two groups and only the topics of the one or two parties
 * involved, so it is scored from those topics' counts: a group's new top
 * count is the best of its touched topics' new counts and its untouched
 * topics' counts, and the latter is its old top count unless every topic at
 * the top was touched (then, rarely, one scan of its topics).
 */
function climb(problem: Problem, layout: Layout, start: Int32Array): Climbed {
  const n = problem.size.length;
  const T = Math.max(1, problem.topicCount);
  const k = layout.k;
  const { lo, hi } = layout;
  const size = Int32Array.from(problem.size);
  const firstTopic = new Int32Array(n + 1);
  problem.topics.forEach((ts, p) => (firstTopic[p + 1] = firstTopic[p]! + ts.length));
  const topicList = Int32Array.from(problem.topics.flat());

  const binOf = Int32Array.from(start);
  const load = new Int32Array(k);
  const count = new Int32Array(k * T);
  /** Per group: the top count, and how many topics have it. */
  const top = new Int32Array(k);
  const atTop = new Int32Array(k);
  /** Scratch: the change in count per topic for the first group (the second gets the opposite). */
  const delta = new Int32Array(T);
  const touched = new Int32Array(T);

  const rescan = (g: number) => {
    let m = 0;
    let ties = 0;
    for (let i = g * T, end = i + T; i < end; i++) {
      const c = count[i]!;
      if (c > m) {
        m = c;
        ties = 1;
      } else if (c === m) ties += 1;
    }
    top[g] = m;
    atTop[g] = ties;
  };
  const untouchedTop = (g: number) => {
    let m = 0;
    for (let t = 0; t < T; t++) if (delta[t] === 0 && count[g * T + t]! > m) m = count[g * T + t]!;
    return m;
  };

  for (let p = 0; p < n; p++) {
    const g = binOf[p]!;
    load[g] = load[g]! + size[p]!;
    for (let i = firstTopic[p]!; i < firstTopic[p + 1]!; i++) {
      const at = g * T + topicList[i]!;
      count[at] = count[at]! + size[p]!;
    }
  }
  for (let g = 0; g < k; g++) rescan(g);

  /**
   * Score moving p from g1 to g2, and q (if ≥ 0) from g2 to g1; apply it if
   * it improves. Sizes have been checked by the caller.
   */
  const tryChange = (p: number, q: number, g1: number, g2: number): boolean => {
    let m = 0;
    const sp = size[p]!;
    for (let i = firstTopic[p]!; i < firstTopic[p + 1]!; i++) {
      const t = topicList[i]!;
      touched[m++] = t;
      delta[t] = -sp;
    }
    if (q >= 0) {
      const sq = size[q]!;
      for (let i = firstTopic[q]!; i < firstTopic[q + 1]!; i++) {
        const t = topicList[i]!;
        if (delta[t] === 0) touched[m++] = t;
        delta[t] = delta[t]! + sq;
      }
    }
    const top1 = top[g1]!;
    const top2 = top[g2]!;
    let dSec = 0;
    let max1 = 0;
    let max2 = 0;
    let hit1 = 0;
    let hit2 = 0;
    for (let j = 0; j < m; j++) {
      const t = touched[j]!;
      const d = delta[t]!;
      if (d === 0) continue;
      const c1 = count[g1 * T + t]!;
      const c2 = count[g2 * T + t]!;
      dSec += 2 * d * (c1 - c2 + d);
      if (c1 + d > max1) max1 = c1 + d;
      if (c2 - d > max2) max2 = c2 - d;
      if (c1 === top1) hit1 += 1;
      if (c2 === top2) hit2 += 1;
    }
    let accept = false;
    let new1 = 0;
    let new2 = 0;
    // Cheap bound first: untouched topics never exceed the old top.
    if (dSec > 0 || Math.max(max1, top1) + Math.max(max2, top2) > top1 + top2) {
      new1 = Math.max(max1, hit1 < atTop[g1]! ? top1 : untouchedTop(g1));
      new2 = Math.max(max2, hit2 < atTop[g2]! ? top2 : untouchedTop(g2));
      const dPrim = new1 + new2 - top1 - top2;
      accept = dPrim > 0 || (dPrim === 0 && dSec > 0);
    }
    if (accept) {
      for (let j = 0; j < m; j++) {
        const t = touched[j]!;
        count[g1 * T + t] = count[g1 * T + t]! + delta[t]!;
        count[g2 * T + t] = count[g2 * T + t]! - delta[t]!;
      }
      const sq = q >= 0 ? size[q]! : 0;
      load[g1] = load[g1]! - sp + sq;
      load[g2] = load[g2]! + sp - sq;
      binOf[p] = g2;
      if (q >= 0) binOf[q] = g1;
    }
    for (let j = 0; j < m; j++) delta[touched[j]!] = 0;
    if (accept) {
      rescan(g1);
      rescan(g2);
    }
    return accept;
  };

  const hasTopics = problem.topics.map((ts) => ts.length > 0);
  // A change's score depends only on the two groups' contents, so a change
  // rejected since when neither group has changed would be rejected again:
  // skip it. (Same result as re-trying it, in a fraction of the time.)
  let clock = 0;
  const changedAt = new Int32Array(k);
  const lastScan = new Int32Array(n).fill(-1);
  const stale = (g1: number, g2: number, since: number) => changedAt[g1]! <= since && changedAt[g2]! <= since;
  const attempt = (p: number, q: number, g1: number, g2: number) => {
    budget -= 1;
    if (!tryChange(p, q, g1, g2)) return;
    clock += 1;
    changedAt[g1] = clock;
    changedAt[g2] = clock;
    improved = true;
  };
  let budget = CLIMB_BUDGET;
  let improved = true;
  while (improved && budget > 0) {
    improved = false;
    for (let p = 0; p < n && budget > 0; p++) {
      if (!hasTopics[p]) continue; // moving or swapping someone without topics with someone else without changes nothing
      const since = lastScan[p]!;
      lastScan[p] = clock;
      const sp = size[p]!;
      for (let g2 = 0; g2 < k; g2++) {
        const g1 = binOf[p]!;
        if (g2 === g1 || load[g1]! - sp < lo || load[g2]! + sp > hi || stale(g1, g2, since)) continue;
        attempt(p, -1, g1, g2);
      }
      for (let q = 0; q < n; q++) {
        const g1 = binOf[p]!;
        const g2 = binOf[q]!;
        // Each pair once: a pair with q < p was tried from q, unless q has no topics.
        if (g1 === g2 || (q < p && hasTopics[q]) || stale(g1, g2, since)) continue;
        const sq = size[q]!;
        if (sp !== sq) {
          const l1 = load[g1]! - sp + sq;
          const l2 = load[g2]! - sq + sp;
          if (l1 < lo || l1 > hi || l2 < lo || l2 > hi) continue;
        }
        attempt(p, q, g1, g2);
      }
    }
  }
  let primary = 0;
  let secondary = 0;
  for (let g = 0; g < k; g++) {
    primary += top[g]!;
    for (let t = 0; t < T; t++) secondary += count[g * T + t]! ** 2;
  }
  return { binOf, primary, secondary };
}
