/** fast-check generators of people waiting at a table, shared by the grouping, rotation and estimate tests. */
import fc from 'fast-check';
import type { Person } from '../../shared/domain/people.js';

/**
 * fast-check settings: a fixed seed so every run checks the same cases
 * (the same convention as helpers.ts, without loading the core). Set FC_SEED
 * to explore others, FC_RUNS for more cases per property (default 100); a
 * failure prints the seed and path to replay.
 */
export const PROPERTY = {
  seed: Number(process.env.FC_SEED ?? 20260826),
  numRuns: Number(process.env.FC_RUNS ?? 100),
};

export const T0 = Date.UTC(2026, 7, 26, 9, 45);
export const MIN = 60_000;

/** A small catalogue, so people often share topics. */
export const TOPICS = ['Branding', 'Career', 'Leadership', 'Learning plan', 'Motivation', 'Networking', 'Work-life'];

export const topicsArb = fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 3 });

/** Party sizes: mostly one person, sometimes a few colleagues together. */
export const partySizeArb = (max = 5) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max }) });

export interface CrowdOptions {
  minLength?: number;
  maxLength?: number;
  /** Largest party size generated. */
  maxParty?: number;
  /** Only parties of one. */
  singles?: boolean;
  idPrefix?: string;
}

/** People with distinct ids; ranks may tie (the coach's reordering), arrival times too. */
export function crowdArb(options: CrowdOptions = {}): fc.Arbitrary<Person[]> {
  const prefix = options.idPrefix ?? 'p';
  const person = fc.record({
    topics: topicsArb,
    partySize: options.singles ? fc.constant(1) : partySizeArb(options.maxParty ?? 5),
    joinedAt: fc.integer({ min: 0, max: 90 }).map((m) => T0 + m * MIN),
    rank: fc.integer({ min: 0, max: 40 }),
  });
  return fc
    .array(person, { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 30 })
    .map((ps) => ps.map((p, i) => ({ id: `${prefix}${i}`, ...p })));
}

export const ids = (people: readonly Person[]): string[] => people.map((p) => p.id);
export const load = (people: readonly Person[]): number => people.reduce((a, p) => a + p.partySize, 0);
