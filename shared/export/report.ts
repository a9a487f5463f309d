/**
 * The printable report's figures: headline numbers and the data behind each
 * chart. Aggregates only, by the anonymised export's rule (`REPORT_PRIVACY`):
 * no name, contact, note, ticket or participant's comment (counted, not
 * quoted) leaves here, so the report is safe to publish.
 */
import { summariseFeedback, withoutFreeText, type FeedbackSummary } from '../domain/feedback.js';
import { countOf, headcount } from '../domain/people.js';
import { counted, derive, MODE_KEYS, percentile, servedFigures, tagsUsable, type Derived, type ModeKey, type Person } from './derive.js';
import { carriesFreeText, REPORT_PRIVACY, type EventFact, type ExportFacts, type ExportScope } from './model.js';
import type { SupportKind } from '../contract.js';
import { lastDate, MAX_SESSION_DAYS, sessionPlanOf, sessionProblem } from '../domain/session.js';
import { addDays, zonedInstant } from '../domain/zone.js';

export interface ReportData {
  event: EventFact | null;
  generatedAt: number;
  scope: ExportScope;
  headline: {
    tables: number;
    people: number;
    partyMembers: number;
    /** Queue entries by outcome (shared/domain/outcome.ts); they add up to `people`. */
    served: number;
    servedGroup: number;
    plenaryOnly: number;
    beingCoached: number;
    stillWaiting: number;
    noShows: number;
    left: number;
    notReached: number;
    removed: number;
    interactions: number;
    minutesCoached: number;
    minutesReceived: number;
    /** Over people who met a coach; null when nobody has yet. */
    medianWaitMinutes: number | null;
    p90WaitMinutes: number | null;
    longestWaitMinutes: number | null;
    followUps: number;
    followUpsWithConsent: number;
    firstArrivalAt: number | null;
    lastActivityAt: number | null;
  };
  /**
   * Arrivals per bucket, and the most waiting at once during it, in people
   * (heads: everyone in a party counts; `countOf` in shared/domain/people.ts).
   */
  timeline: {
    bucketMinutes: number;
    points: { at: number; arrivals: number; waiting: number }[];
    /**
     * Arrivals (heads) outside the span the chart covers (`reportSpan`: the
     * event's dates), before it and after it: counted here, never drawn.
     */
    outside: { before: number; after: number };
  };
  /**
   * Minutes from arrival to first interaction, for those who met a coach:
   * `people` in heads (a party of three who waited 20 minutes is three people
   * who did), `entries` in queue entries (the party once).
   */
  waits: { fromMinutes: number; toMinutes: number | null; people: number; entries: number }[];
  /** People (heads) who wanted a topic, and people who discussed it (from notes' tags and topic focus). */
  topics: { topic: string; wanted: number; discussed: number }[];
  tables: {
    name: string;
    /** Entries that joined this table's queue and count here (not those sent on): the sum of the outcomes below. */
    people: number;
    /** The same entries as heads (party sizes added up). */
    heads: number;
    served: number;
    servedGroup: number;
    plenaryOnly: number;
    noShows: number;
    left: number;
    notReached: number;
    other: number;
    interactions: number;
    minutesCoached: number;
    /** servedFigures: served + served in a group, in entries and heads, and the median wait, in ms. */
    servedEntries: number;
    servedHeads: number;
    medianWaitMs: number | null;
  }[];
  /** Per mode: interactions, minutes, and the people (heads) who took part in them. */
  modes: { mode: ModeKey; interactions: number; minutes: number; people: number }[];
  followUps: { table: string; withConsent: number; withoutConsent: number }[];
  supportKinds: { kind: SupportKind; interactions: number }[];
  /** What participants said: their anonymous feedback cards, summarised (issue 15). */
  feedback: FeedbackSummary;
}

const WAIT_BINS: [number, number | null][] = [
  [0, 5],
  [5, 10],
  [10, 15],
  [15, 20],
  [20, 30],
  [30, 45],
  [45, 60],
  [60, null],
];

const SUPPORT: SupportKind[] = ['coaching', 'mentoring', 'training', 'consulting', 'supervision'];

const round1 = (n: number) => Math.round(n * 10) / 10;
const toMinutes = (ms: number) => round1(ms / 60_000);

/** A bucket size that keeps the timeline to about 12–40 points. */
export function chooseBucketMinutes(spanMs: number): number {
  const spanMinutes = spanMs / 60_000;
  for (const b of [5, 10, 15, 30, 60]) if (spanMinutes / b <= 40) return b;
  return 120;
}

export function emptyReport(scope: ExportScope, generatedAt: number): ReportData {
  return {
    event: null,
    generatedAt,
    scope,
    headline: {
      tables: 0,
      people: 0,
      partyMembers: 0,
      served: 0,
      servedGroup: 0,
      plenaryOnly: 0,
      beingCoached: 0,
      stillWaiting: 0,
      noShows: 0,
      left: 0,
      notReached: 0,
      removed: 0,
      interactions: 0,
      minutesCoached: 0,
      minutesReceived: 0,
      medianWaitMinutes: null,
      p90WaitMinutes: null,
      longestWaitMinutes: null,
      followUps: 0,
      followUpsWithConsent: 0,
      firstArrivalAt: null,
      lastActivityAt: null,
    },
    timeline: { bucketMinutes: 5, points: [], outside: { before: 0, after: 0 } },
    waits: WAIT_BINS.map(([fromMinutes, toMinutes]) => ({ fromMinutes, toMinutes, people: 0, entries: 0 })),
    topics: [],
    tables: [],
    modes: MODE_KEYS.map((mode) => ({ mode, interactions: 0, minutes: 0, people: 0 })),
    followUps: [],
    supportKinds: SUPPORT.map((kind) => ({ kind, interactions: 0 })),
    feedback: summariseFeedback([]),
  };
}

export function buildReport(
  facts: ExportFacts,
  scope: ExportScope,
  options: { bucketMinutes?: number; derived?: Derived } = {},
): ReportData {
  const d = options.derived ?? derive(facts);
  const people = d.people.filter(counted);
  const count = (o: Person['outcome']) => people.filter((p) => p.outcome === o).length;
  const floor = servedFigures(d, null);
  const waits = floor.waitsMs;
  // The same waits, each with its entry's party size, for counting heads.
  const waited = people.filter((p) => p.waitEnded && p.waitedMs !== null);

  // When things happened: arrivals, the end of every interaction, leaving the queue.
  // An arrival is an entry no transfer made (the first table's entry, even if sent on).
  const arrivals = d.people.filter((p) => !p.transferredIn).map((p) => p.arrivedAt);
  const activity = [
    ...d.people.map((p) => p.entry.joinedAt),
    ...d.people.flatMap((p) => (p.leftQueueAt !== null ? [p.leftQueueAt] : [])),
    ...d.interactions.map((i) => i.fact.endedAt ?? i.fact.startedAt),
  ];
  const first = arrivals.length ? Math.min(...arrivals) : null;
  const last = activity.length ? Math.max(...activity) : null;

  return {
    event: facts.event,
    generatedAt: facts.readAt,
    scope,
    headline: {
      tables: d.tables.length,
      people: people.length,
      partyMembers: headcount(people.map((p) => p.entry)),
      served: count('served'),
      servedGroup: count('served_group'),
      plenaryOnly: count('plenary_only'),
      beingCoached: count('in_turn'),
      stillWaiting: count('waiting') + count('away'),
      noShows: count('no_show'),
      left: count('left'),
      notReached: count('not_reached'),
      removed: count('removed'),
      interactions: d.interactions.length,
      minutesCoached: toMinutes(d.interactions.reduce((n, i) => n + i.durationMs, 0)),
      // Every minute received, also a plenary's at a table that then sent the person on (counted at the other table).
      minutesReceived: toMinutes(d.people.reduce((n, p) => n + p.attendances.reduce((k, a) => k + a.receivedMs, 0), 0)),
      medianWaitMinutes: floor.medianWaitMs === null ? null : toMinutes(floor.medianWaitMs),
      p90WaitMinutes: waits.length ? toMinutes(percentile(waits, 90) ?? 0) : null,
      longestWaitMinutes: waits.length ? toMinutes(Math.max(...waits)) : null,
      followUps: people.filter((p) => p.followUp).length,
      followUpsWithConsent: people.filter((p) => p.followUp?.consent).length,
      firstArrivalAt: first,
      lastActivityAt: last,
    },
    timeline: timeline(d, reportSpan(facts.event, first, last), options.bucketMinutes),
    waits: WAIT_BINS.map(([from, to]) => {
      const here = countOf(waited.filter((p) => p.waitedMs! >= from * 60_000 && (to === null || p.waitedMs! < to * 60_000)).map((p) => p.entry));
      return { fromMinutes: from, toMinutes: to, people: here.heads, entries: here.entries };
    }),
    topics: topicDemand(people),
    tables: d.tables.map((t) => {
      const here = d.people.filter((p) => p.entry.tableId === t.id && counted(p));
      const is = (o: Person['outcome']) => here.filter((p) => p.outcome === o).length;
      const interactions = d.interactions.filter((i) => i.fact.tableId === t.id);
      const named = is('served') + is('served_group') + is('plenary_only') + is('no_show') + is('left') + is('not_reached');
      const figures = servedFigures(d, t.id);
      return {
        name: t.name,
        people: here.length,
        heads: headcount(here.map((p) => p.entry)),
        served: is('served'),
        servedGroup: is('served_group'),
        plenaryOnly: is('plenary_only'),
        noShows: is('no_show'),
        left: is('left'),
        notReached: is('not_reached'),
        other: here.length - named,
        interactions: interactions.length,
        minutesCoached: toMinutes(interactions.reduce((n, i) => n + i.durationMs, 0)),
        servedEntries: figures.servedEntries,
        servedHeads: figures.servedHeads,
        medianWaitMs: figures.medianWaitMs,
      };
    }),
    modes: MODE_KEYS.map((mode) => {
      const of = d.interactions.filter((i) => i.mode === mode);
      return {
        mode,
        interactions: of.length,
        minutes: toMinutes(of.reduce((n, i) => n + i.durationMs, 0)),
        people: of.reduce((n, i) => n + i.heads, 0),
      };
    }),
    followUps: d.tables.map((t) => {
      const here = people.filter((p) => p.entry.tableId === t.id && p.followUp);
      const yes = here.filter((p) => p.followUp?.consent).length;
      return { table: t.name, withConsent: yes, withoutConsent: here.length - yes };
    }),
    supportKinds: SUPPORT.map((kind) => ({
      kind,
      interactions: d.interactions.filter((i) => i.fact.note && tagsUsable(i.fact.note) && i.fact.note.supportKind === kind)
        .length,
    })),
    // The anonymised export's rule: comments counted, their words left out.
    feedback: carriesFreeText(REPORT_PRIVACY)
      ? summariseFeedback(facts.feedback ?? [])
      : withoutFreeText(summariseFeedback(facts.feedback ?? [])),
  };
}

/** A day, in ms: the margin `reportSpan` keeps either side of the event's dates. */
const DAY_MS = 86_400_000;

/**
 * The span the report's timeline covers, [from, to) in ms, or null when
 * nothing happened. The event's dates bound it: from the start of the day
 * before its first date to the end of the day after its last, in the event's
 * zone (a session past midnight, a session extended to the next day, early
 * arrivals stay on the chart), and within that, from the first arrival to
 * the last activity. An event made before events had a zone is read in UTC
 * (the day's margin covers any zone). Without an event's dates (or with a
 * plan that is not a session) the span is at most MAX_SESSION_DAYS days
 * from the first arrival. What lies outside is counted as outside, never
 * iterated: a walk-in stamped in 2099 by a laptop whose clock was wrong no
 * longer makes the chart hundreds of thousands of points.
 */
export function reportSpan(
  event: Pick<EventFact, 'date' | 'endDate' | 'startTime' | 'endTime' | 'timeZone'> | null,
  first: number | null,
  last: number | null,
): { from: number; to: number } | null {
  if (first === null || last === null) return null;
  const plan = sessionPlanOf(event, 'UTC');
  let from: number;
  let to: number;
  if (plan && !sessionProblem(plan)) {
    from = zonedInstant(addDays(plan.date, -1), '00:00', plan.timeZone);
    to = zonedInstant(addDays(lastDate(plan), 2), '00:00', plan.timeZone);
  } else {
    from = first;
    to = first + MAX_SESSION_DAYS * DAY_MS;
  }
  const start = Math.max(from, Math.min(first, to));
  const end = Math.min(to, Math.max(last + 1, from));
  // Nothing inside the event's dates: an empty span at its edge, so every arrival counts as outside.
  return { from: start, to: Math.max(start, end) };
}

function timeline(d: Derived, span: { from: number; to: number } | null, requested?: number): ReportData['timeline'] {
  const outside = { before: 0, after: 0 };
  if (span === null) return { bucketMinutes: requested ?? 5, points: [], outside };
  const bucketMinutes = requested ?? chooseBucketMinutes(span.to - span.from);
  const size = bucketMinutes * 60_000;
  const start = Math.floor(span.from / size) * size;
  const n = span.to > span.from ? Math.max(1, Math.ceil((span.to - start) / size)) : 0;
  const points = Array.from({ length: n }, (_, i) => ({ at: start + i * size, arrivals: 0, waiting: 0 }));
  // Sweep: + their party size when someone joins a queue, - when they stop waiting.
  const changes: [number, number][] = [];
  for (const p of d.people) {
    // In people: a party of three arriving is three arrivals, and three waiting.
    const heads = headcount([p.entry]);
    if (!p.transferredIn) {
      if (p.arrivedAt < span.from) outside.before += heads;
      else if (p.arrivedAt >= span.to) outside.after += heads;
      else {
        const point = points[Math.floor((p.arrivedAt - start) / size)];
        if (point) point.arrivals += heads;
      }
    }
    changes.push([p.entry.joinedAt, heads]);
    if (p.leftQueueAt !== null) changes.push([p.leftQueueAt, -heads]);
  }
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // The most people waiting at any instant of the bucket, counting each
  // instant after everything that happened at it.
  let waiting = 0;
  let k = 0;
  for (const point of points) {
    const end = point.at + size;
    let peak = (changes[k]?.[0] ?? Infinity) === point.at ? 0 : waiting;
    while (k < changes.length && (changes[k]?.[0] ?? Infinity) < end) {
      const at = changes[k]?.[0];
      while (k < changes.length && changes[k]?.[0] === at) {
        waiting += changes[k]?.[1] ?? 0;
        k += 1;
      }
      peak = Math.max(peak, waiting);
    }
    point.waiting = peak;
  }
  return { bucketMinutes, points, outside };
}

function topicDemand(people: readonly Person[]): ReportData['topics'] {
  const wanted = new Map<string, number>();
  const discussed = new Map<string, number>();
  // In people (heads): a party of three who wanted a topic is three people who wanted it.
  const bump = (m: Map<string, number>, k: string, heads: number) => m.set(k, (m.get(k) ?? 0) + heads);
  for (const p of people) {
    const heads = headcount([p.entry]);
    for (const t of new Set(p.entry.topics)) bump(wanted, t, heads);
    for (const t of new Set(p.attendances.flatMap((a) => a.topicsDiscussed))) bump(discussed, t, heads);
  }
  const topics = [...new Set([...wanted.keys(), ...discussed.keys()])];
  return topics
    .map((topic) => ({ topic, wanted: wanted.get(topic) ?? 0, discussed: discussed.get(topic) ?? 0 }))
    .sort((a, b) => b.wanted - a.wanted || b.discussed - a.discussed || (a.topic < b.topic ? -1 : 1));
}
