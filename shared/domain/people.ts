/**
 * A person (or party) waiting at a table, as the grouping, rotation and wait
 * estimate logic see them. A party of several colleagues who came together is
 * one Person with `partySize` > 1: it is never split between groups.
 */
export interface Person {
  id: string;
  topics: readonly string[];
  /** How many people this entry stands for (1 for one person); a whole number ≥ 1. */
  partySize: number;
  joinedAt: number;
  /** Queue order key; lower = earlier; the coach may reorder. */
  rank: number;
}

/**
 * Queue order: by rank, then by arrival, then by id, so that any list of
 * people with distinct ids has exactly one order (the functions here give the
 * same answer whatever order their input arrives in).
 */
export function byQueueOrder(a: Person, b: Person): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The distinct topics of a person, in their first-mentioned order. */
export function distinctTopics(person: Person): string[] {
  return [...new Set(person.topics)];
}

/**
 * Total people in a list of entries (the sum of party sizes): what every
 * label that says "people" counts. A party of three is three people.
 */
export function headcount(people: Iterable<Pick<Person, 'partySize'>>): number {
  let n = 0;
  for (const p of people) n += p.partySize;
  return n;
}

/**
 * A crowd counted both ways, the one definition every screen, report and
 * export uses: `entries` (a party is one queue entry, one turn, one ticket)
 * and `heads` (people: party sizes added up). Labels say which they show:
 * "people" counts heads; "in the queue", "queue entries" and "parties" count
 * entries.
 */
export interface Count {
  entries: number;
  heads: number;
}

/** The entries and heads of a list of entries (anything with a party size). */
export function countOf(list: Iterable<Pick<Person, 'partySize'>>): Count {
  let entries = 0;
  let heads = 0;
  for (const p of list) {
    entries += 1;
    heads += p.partySize;
  }
  return { entries, heads };
}
