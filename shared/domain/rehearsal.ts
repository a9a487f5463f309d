/**
 * The rehearsal floor (issue 15): a scripted WLIC-like session for training
 * coaches. Eight tables, about eighty walk-ins over 105 minutes (a surge at
 * the start, a steady middle, a quiet end), two crowded tables, some
 * no-shows (they step away and never come back) and some leavers (they give
 * up waiting). Pure and deterministic: the same seed gives the same session,
 * from a small seeded PRNG (mulberry32), so a trainer can replay one and a
 * test can count on it. The main process plays the script (electron/rehearsal/).
 */
import { SEED_TOPICS } from './demo.js';

/** How fast a rehearsal plays: 1×, 5× or 20× the floor's own time. */
export const REHEARSAL_SPEEDS = [1, 5, 20] as const;
export type RehearsalSpeed = (typeof REHEARSAL_SPEEDS)[number];

/**
 * Rehearsal time: the one clock of a rehearsal floor. Floor time run at the
 * rehearsal's speed from an anchor, standing still while it is paused
 * (`speed` 0), so the session's minute on the bar, every walk-in's arrival,
 * hold and wait, every turn and its countdown, and every clock time shown
 * agree: at 20×, minute 20 is 20 minutes after the session's start for all
 * of them (it was 20 for the bar and 1 for the waits, stamped in real time).
 */
export interface RehearsalClock {
  /** Floor time (epoch ms) of the anchor. */
  floorAt: number;
  /** Rehearsal time (epoch ms) at the anchor: the session's start plus the minute reached. */
  at: number;
  /** Rehearsal milliseconds per floor millisecond: 1, 5 or 20 while it plays, 0 while paused. */
  speed: number;
}

/** Rehearsal time (epoch ms) at floor time `floorNow`. */
export function rehearsalNow(clock: RehearsalClock, floorNow: number): number {
  return clock.at + Math.round((floorNow - clock.floorAt) * clock.speed);
}

/** The session's length in minutes (WLIC 2018: 11:45–13:30). */
export const REHEARSAL_MINUTES = 105;

export interface RehearsalTable {
  name: string;
  coaches: string[];
  topics: string[];
  /** BCP 47 tags, the first being the table's main language. */
  languages: string[];
  turnMinutes: number;
  /** One of the two tables the script crowds. */
  crowded: boolean;
}

/** What happens to a walk-in after arriving. */
export type RehearsalFate =
  | { kind: 'stays' }
  /** Gives up waiting after `afterMinutes` in the queue ("left"). */
  | { kind: 'leaves'; afterMinutes: number }
  /** Steps away after `afterMinutes` and never comes back (a no-show when called). */
  | { kind: 'no_show'; afterMinutes: number };

export interface RehearsalArrival {
  /** Minutes after the session's start, with fractions. */
  atMinute: number;
  /** Index into `tables`. */
  table: number;
  /** Null: anonymous, served by ticket number. */
  name: string | null;
  topics: string[];
  partySize: number;
  fate: RehearsalFate;
}

export interface RehearsalScript {
  seed: number;
  event: { name: string; startTime: string; endTime: string; place: string; topics: readonly string[] };
  tables: RehearsalTable[];
  /** In order of arrival. */
  arrivals: RehearsalArrival[];
}

/** One step of the script as the player applies it, in order of `atMinute`. */
export type RehearsalStep =
  | { atMinute: number; kind: 'arrive'; arrival: number }
  | { atMinute: number; kind: 'leave' | 'away'; arrival: number };

/** mulberry32: a tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T = (i: number) => SEED_TOPICS[i]!;

/** The floor: eight tables like WLIC 2018's, two of them (1 and 5) crowded. */
const TABLES: RehearsalTable[] = [
  { name: 'Table 1', coaches: ['Amara Okafor'], topics: [T(0), T(3), T(8)], languages: ['en'], turnMinutes: 15, crowded: true },
  { name: 'Table 2', coaches: ['Henrik Lindqvist', 'Fatima Zahra Benali'], topics: [T(9), T(11), T(14)], languages: ['fr', 'en'], turnMinutes: 20, crowded: false },
  { name: 'Table 3', coaches: ['Priya Raghavan'], topics: [T(1), T(2), T(17)], languages: ['en'], turnMinutes: 15, crowded: false },
  { name: 'Table 4', coaches: ['Lucía Fernández'], topics: [T(6), T(7)], languages: ['es', 'en'], turnMinutes: 15, crowded: false },
  { name: 'Table 5', coaches: ['Wei Zhang'], topics: [T(0), T(5), T(16)], languages: ['zh', 'en'], turnMinutes: 15, crowded: true },
  { name: 'Table 6', coaches: ['Olga Petrova'], topics: [T(10), T(12), T(13)], languages: ['ru', 'en'], turnMinutes: 20, crowded: false },
  { name: 'Table 7', coaches: ['Karim Haddad'], topics: [T(4), T(15)], languages: ['ar', 'fr'], turnMinutes: 15, crowded: false },
  { name: 'Table 8', coaches: ['Jonas Becker'], topics: [T(8), T(7), T(0)], languages: ['de', 'en'], turnMinutes: 15, crowded: false },
];

const NAMES = [
  'Aisha', 'Bruno', 'Chiara', 'Dmitri', 'Emeka', 'Fiona', 'Gustavo', 'Hana', 'Ines', 'Jamal', 'Kenji', 'Leila',
  'Mateo', 'Nadia', 'Oskar', 'Paola', 'Quang', 'Rania', 'Sven', 'Tamar', 'Ugo', 'Valentina', 'Wanjiru', 'Xu',
  'Yara', 'Zoltan', 'Amelie', 'Bilal', 'Carmen', 'Dara',
];

/**
 * The script for `seed`. 76–84 arrivals: 40% in the first 20 minutes, 10%
 * in the last 15; each crowded table draws about four times the share of
 * another (dealt from a shuffled deck, so it holds for every seed); a party
 * of two or three sometimes; one in ten a no-show and one in ten a leaver.
 */
export function rehearsalScript(seed = 2018): RehearsalScript {
  const random = mulberry32(seed);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(random() * xs.length)]!;
  const shuffle = <X>(xs: X[]): X[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const count = 76 + Math.floor(random() * 9);
  // Arrival times: 40% in a surge over the first 20 minutes, 50% over the
  // next 70, 10% in the last 15.
  const surge = Math.round(count * 0.4);
  const quiet = Math.round(count * 0.1);
  const times = Array.from({ length: count }, (_, i) => {
    const at = i < surge ? random() * 20 : i < count - quiet ? 20 + random() * 70 : 90 + random() * 15;
    return Math.min(REHEARSAL_MINUTES - 0.5, Math.round(at * 100) / 100);
  }).sort((a, b) => a - b);
  // Tables: a crowded one draws about four times the share of another.
  const crowded = TABLES.flatMap((t, i) => (t.crowded ? [i] : []));
  const others = TABLES.flatMap((t, i) => (t.crowded ? [] : [i]));
  const perCrowded = Math.round((count * 4) / (4 * crowded.length + others.length));
  const deck = [
    ...crowded.flatMap((i) => Array<number>(perCrowded).fill(i)),
    ...Array.from({ length: count - perCrowded * crowded.length }, (_, k) => others[k % others.length]!),
  ];
  shuffle(deck);
  // Fates: one in ten a no-show, one in ten a leaver.
  const fateOf = shuffle(Array.from({ length: count }, (_, i) => i));
  const noShows = new Set(fateOf.slice(0, Math.round(count / 10)));
  const leavers = new Set(fateOf.slice(Math.round(count / 10), 2 * Math.round(count / 10)));
  const arrivals = times.map((atMinute, i): RehearsalArrival => {
    const table = deck[i]!;
    const topics = TABLES[table]!.topics;
    const first = pick(topics);
    const second = random() < 0.3 ? pick(topics) : first;
    const party = random();
    const fate: RehearsalFate = noShows.has(i)
      ? { kind: 'no_show', afterMinutes: 3 + Math.floor(random() * 12) }
      : leavers.has(i)
        ? { kind: 'leaves', afterMinutes: 8 + Math.floor(random() * 20) }
        : { kind: 'stays' };
    return {
      atMinute,
      table,
      name: random() < 0.6 ? `${NAMES[i % NAMES.length]} ${String.fromCharCode(65 + Math.floor(random() * 26))}.` : null,
      topics: [...new Set([first, second])],
      partySize: party < 0.85 ? 1 : party < 0.97 ? 2 : 3,
      fate,
    };
  });
  return {
    seed,
    event: {
      name: 'Rehearsal: WLIC drop-in coaching',
      startTime: '11:45',
      endTime: '13:30',
      place: 'Rehearsal floor',
      topics: SEED_TOPICS,
    },
    tables: TABLES.map((t) => ({ ...t, coaches: [...t.coaches], topics: [...t.topics], languages: [...t.languages] })),
    arrivals,
  };
}

/** The script as the steps the player applies, in time order (arrivals before departures at the same minute). */
export function rehearsalSteps(script: RehearsalScript): RehearsalStep[] {
  const steps: RehearsalStep[] = [];
  script.arrivals.forEach((a, i) => {
    steps.push({ atMinute: a.atMinute, kind: 'arrive', arrival: i });
    if (a.fate.kind === 'leaves') steps.push({ atMinute: a.atMinute + a.fate.afterMinutes, kind: 'leave', arrival: i });
    if (a.fate.kind === 'no_show') steps.push({ atMinute: a.atMinute + a.fate.afterMinutes, kind: 'away', arrival: i });
  });
  return steps
    .filter((s) => s.atMinute < REHEARSAL_MINUTES)
    .sort((a, b) => a.atMinute - b.atMinute || (a.kind === 'arrive' ? 0 : 1) - (b.kind === 'arrive' ? 0 : 1) || a.arrival - b.arrival);
}

/** Milliseconds of real time until a step at `atMinute`, at `speed`. */
export function rehearsalDelayMs(atMinute: number, speed: RehearsalSpeed): number {
  return Math.round((atMinute * 60_000) / speed);
}
