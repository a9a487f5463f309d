/**
 * Joining the facts once: for each queue entry its table, its interactions,
 * how long it waited and how it ended; for each interaction its length and
 * the mode people read. Both the export's rows and the report's figures are
 * computed from this, so they cannot disagree.
 */
import type { TurnMode } from '../contract.js';
import { COACHED, countsAsPerson, personOutcome, receivedMs, type Outcome } from '../domain/outcome.js';
import { ticketSuffixesByTable, ticketText } from '../domain/ticket.js';
import { cameBack } from '../domain/put-back.js';
import { waitEndAt, waitEndedAtInteraction, waitMs, type WaitFacts } from '../domain/wait.js';
import { headcount } from '../domain/people.js';
import type {
  EntryFact,
  ExportFacts,
  FollowUpFact,
  InteractionFact,
  NoteFact,
  ParticipationFact,
  TableFact,
} from './model.js';

/** How a person's time at a table ended (or stands): the one definition, in shared/domain/outcome.ts. */
export type { Outcome };

/** The modes as the export names them: a one-to-one turn with a party of several is a group. */
export type ModeKey = 'one_to_one' | 'group' | 'plenary' | 'topic_focus' | 'rotation';
export const MODE_KEYS: readonly ModeKey[] = ['one_to_one', 'group', 'plenary', 'topic_focus', 'rotation'];

export interface Attendance {
  participation: ParticipationFact;
  interaction: DerivedInteraction;
  /** What this person received, in ms (to the end of the interaction, or to the facts' time if it runs). */
  receivedMs: number;
  /** The note, if it concerns this person ('about' empty or naming them). */
  note: NoteFact | null;
  /** Topics discussed: the note's tags (when this export may use them) and a topic focus's topic. */
  topicsDiscussed: string[];
}

export interface DerivedInteraction {
  fact: InteractionFact;
  table: TableFact;
  mode: ModeKey;
  durationMs: number;
  /** Queue entries that took part (a party is one). */
  participants: number;
  /** People who took part (heads: party sizes added up). */
  heads: number;
}

export interface Person {
  entry: EntryFact;
  /** The ticket as the table screen and the board show it ("2", "2B": shared/domain/ticket.ts). */
  ticket: string;
  table: TableFact;
  /** When they first joined a queue (following transfers back to the first table). */
  arrivedAt: number;
  attendances: Attendance[];
  /**
   * The wait (THE one definition, shared/domain/wait.ts, fed here): from their first arrival on the floor to their first interaction, a
   * plenary included (a plenary ends a wait), here or at a table that sent them here before coaching
   * them (that plenary counts here, as for the outcome); for people never seen, to when they left the
   * queue; else null (still waiting).
   */
  waitedMs: number | null;
  /** Their wait ended at an interaction (here, or that plenary before): it is among the table's waits (`servedFigures`). */
  waitEnded: boolean;
  outcome: Outcome;
  /** When they stopped waiting: first coaching (not a plenary), or leaving the queue; null while waiting. */
  leftQueueAt: number | null;
  /** The latest follow-up recorded for them, if any. */
  followUp: FollowUpFact | null;
  /** This entry is a copy made by a transfer (not a new arrival). */
  transferredIn: boolean;
}

export interface Derived {
  facts: ExportFacts;
  tables: TableFact[];
  tableById: Map<string, TableFact>;
  /** Every queue entry, in table order then ticket; one sent on uncoached and put back is folded into the one that came back (put-back.ts). */
  people: Person[];
  interactions: DerivedInteraction[];
}

/**
 * Whether this export may use a note's text and tags (topics discussed,
 * support kind): only a shared note. The facts hold no private note at all
 * (export-facts.ts); this is the second lock.
 */
export const tagsUsable = (note: NoteFact): boolean => note.shared;

const GONE: ReadonlySet<string> = new Set(['no_show', 'left', 'removed', 'not_reached', 'served']);

export function derive(facts: ExportFacts): Derived {
  return { facts, ...deriveFloor(facts) };
}

/** What `deriveFloor` reads of the facts: enough for one table's people, too (the core's reads give that much). */
export type FloorFacts = Pick<ExportFacts, 'tables' | 'entries' | 'interactions' | 'participations' | 'followUps' | 'readAt'>;

/** `derive` without the export's own facts (event, laptops): people, interactions and tables. */
export function deriveFloor(facts: FloorFacts): Omit<Derived, 'facts'> {
  const tableById = new Map(facts.tables.map((t) => [t.id, t]));
  const entryById = new Map(facts.entries.map((e) => [e.id, e]));
  const tableOf = (id: string): TableFact =>
    tableById.get(id) ?? { id, name: '?', coaches: [], topics: [], languages: [], createdAt: 0, closedAt: null };

  const partsByInteraction = new Map<string, ParticipationFact[]>();
  const partsByEntry = new Map<string, ParticipationFact[]>();
  for (const p of facts.participations) {
    push(partsByInteraction, p.interactionId, p);
    push(partsByEntry, p.entryId, p);
  }

  const interactionById = new Map<string, DerivedInteraction>();
  const interactions = facts.interactions.map((fact) => {
    const parts = partsByInteraction.get(fact.id) ?? [];
    const end = fact.endedAt ?? facts.readAt;
    const party = headcount(parts.map((p) => entryById.get(p.entryId) ?? { partySize: 1 }));
    const mode: ModeKey = fact.mode === 'one_to_one' && party > 1 ? 'group' : modeKey(fact.mode);
    const d: DerivedInteraction = {
      fact,
      table: tableOf(fact.tableId),
      mode,
      durationMs: Math.max(0, end - fact.startedAt),
      participants: parts.length,
      heads: party,
    };
    interactionById.set(fact.id, d);
    return d;
  });

  const followUpOf = new Map<string, FollowUpFact>();
  for (const f of facts.followUps) {
    const prev = followUpOf.get(f.entryId);
    if (!prev || f.recordedAt > prev.recordedAt || (f.recordedAt === prev.recordedAt && f.id > prev.id)) {
      followUpOf.set(f.entryId, f);
    }
  }

  const arrivedAt = (e: EntryFact): number => {
    let at = e.joinedAt;
    let from = e.transferredFrom;
    for (let hops = 0; from && hops < 50; hops++) {
      const prev = entryById.get(from);
      if (!prev) break;
      at = Math.min(at, prev.joinedAt);
      from = prev.transferredFrom;
    }
    return at;
  };

  // A plenary at a table that sent this person on before coaching them there (that table counts them
  // as sent on, so the plenary counts here): back along the transfers, up to a table that coached them.
  // When they joined the first such plenary (it ends their wait, as a plenary here would); null: none.
  const plenaryBefore = (e: EntryFact): number | null => {
    let from = e.transferredFrom;
    let at: number | null = null;
    for (let hops = 0; from && hops < 50; hops++) {
      const parts = partsByEntry.get(from) ?? [];
      const modes = parts.map((p) => interactionById.get(p.interactionId)?.fact.mode);
      if (modes.some((m) => m !== undefined && m !== 'plenary')) return at;
      for (const p of parts) if (interactionById.has(p.interactionId)) at = at === null ? p.joinedAt : Math.min(at, p.joinedAt);
      from = entryById.get(from)?.transferredFrom ?? null;
    }
    return at;
  };

  // The first entry back along a person's moves: one ticket holder however often they left and came back.
  const personOf = (e: EntryFact): string => {
    let id = e.id;
    let from = e.transferredFrom;
    for (let hops = 0; from && hops < 50; hops++) {
      const prev = entryById.get(from);
      if (!prev) break;
      id = prev.id;
      from = prev.transferredFrom;
    }
    return id;
  };
  const suffixes = ticketSuffixesByTable(facts.entries.map((e) => ({ ...e, person: personOf(e) })));
  const order = new Map(facts.tables.map((t, i) => [t.id, i]));
  const entries = [...facts.entries].sort(
    (a, b) => (order.get(a.tableId) ?? 1e9) - (order.get(b.tableId) ?? 1e9) || a.ticket - b.ticket || cmp(a.id, b.id),
  );

  const people: Person[] = entries.map((entry) => {
    const arrived = arrivedAt(entry);
    const attendances: Attendance[] = (partsByEntry.get(entry.id) ?? [])
      .map((participation) => {
        const interaction = interactionById.get(participation.interactionId);
        if (!interaction) return null;
        const note = interaction.fact.note;
        const applies = note && (note.about.length === 0 || note.about.includes(entry.id)) ? note : null;
        const discussed = new Set<string>();
        if (applies && tagsUsable(applies)) for (const t of applies.topics) discussed.add(t);
        if (interaction.fact.mode === 'topic_focus' && interaction.fact.topic) discussed.add(interaction.fact.topic);
        return {
          participation,
          interaction,
          receivedMs: receivedMs(participation.joinedAt, participation.leftAt, interaction.fact.endedAt, facts.readAt, interaction.fact.pauses),
          note: applies,
          topicsDiscussed: [...discussed],
        };
      })
      .filter((a): a is Attendance => a !== null)
      .sort((a, b) => a.participation.joinedAt - b.participation.joinedAt || cmp(a.interaction.fact.id, b.interaction.fact.id));

    const plenaryAt = plenaryBefore(entry);
    const outcome = personOutcome({
      status: entry.status,
      transferred: entry.transferredTo !== null,
      received: attendances.map((a) => ({ mode: a.interaction.fact.mode, entries: a.interaction.participants })),
      plenaryBefore: plenaryAt !== null,
    });
    // THE wait (one definition): from the first arrival on the floor to the first interaction, a plenary
    // included, here or at a table that sent them here uncoached (where it counts here, as for the outcome).
    const firstAt = Math.min(attendances[0]?.participation.joinedAt ?? Infinity, plenaryAt ?? Infinity);
    const firstCoaching = attendances.find((a) => a.interaction.fact.mode !== 'plenary');
    const gone = GONE.has(entry.status) || entry.transferredTo !== null;
    const wait: WaitFacts = {
      arrivedAt: arrived,
      firstInteractionAt: Number.isFinite(firstAt) ? firstAt : null,
      goneAt: gone ? entry.statusAt : null,
    };
    const waitedMs = waitEndAt(wait) === null ? null : waitMs(wait, facts.readAt);
    const leftQueueAt = firstCoaching
      ? firstCoaching.participation.joinedAt
      : gone
        ? entry.statusAt
        : null;
    return {
      entry,
      ticket: ticketText({ ticket: entry.ticket, ticketSuffix: suffixes.get(entry.id) ?? '' }),
      table: tableOf(entry.tableId),
      arrivedAt: arrived,
      attendances,
      waitedMs,
      waitEnded: waitEndedAtInteraction(wait),
      outcome,
      leftQueueAt,
      followUp: followUpOf.get(entry.id) ?? null,
      transferredIn: entry.transferredFrom !== null,
    };
  });

  // Someone sent on uncoached and put back: that entry is folded into the one that came back (shared/domain/put-back.ts):
  // no row of its own. The arrival is then the first entry of theirs left (every one before it was folded).
  const folded = new Set(
    people.filter((p) => p.outcome === 'transferred' && cameBack(p.entry, (id) => entryById.get(id))).map((p) => p.entry.id),
  );
  if (folded.size === 0) return { tables: facts.tables, tableById, people, interactions };
  const kept = people.filter((p) => !folded.has(p.entry.id));
  for (const p of kept) {
    let from = p.entry.transferredFrom;
    let before = false;
    for (let hops = 0; from && hops < 50 && !before; hops++) {
      before = !folded.has(from);
      from = entryById.get(from)?.transferredFrom ?? null;
    }
    p.transferredIn = before;
  }
  return { tables: facts.tables, tableById, people: kept, interactions };
}

function modeKey(mode: TurnMode): ModeKey {
  return mode;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A person counts once: an entry sent to another table is represented by its copy there. */
export const counted = (p: Person): boolean => countsAsPerson(p.outcome);

/** Median and other percentiles (nearest rank) of numbers. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

export const minutes = (ms: number): number => Math.round(ms / 6_000) / 10;

/** How many were coached, and how long people waited for it: at one table, or everywhere. */
export interface ServedFigures {
  /** Queue entries whose outcome is served or served in a group (COACHED; a party is one entry). */
  servedEntries: number;
  /** The same people counted as heads (party sizes added up). */
  servedHeads: number;
  /** Each wait (ms) of a person counted here whose wait ended at an interaction (`Person.waitedMs`, `waitEnded`). */
  waitsMs: number[];
  /** The median (nearest rank) of `waitsMs`; null when nobody has had an interaction yet. */
  medianWaitMs: number | null;
}

/**
 * THE "Served" and "Median wait" of a table (`tableId`) or of the whole floor
 * (null), from the outcome rules (shared/domain/outcome.ts) over `derive`'s
 * people counted there (someone sent on counts at the table they were sent
 * to). The dashboard (through the core's reads), the report and the tables
 * sheet of every export all use this, so they cannot disagree.
 */
export function servedFigures(d: Pick<Derived, 'people'>, tableId: string | null): ServedFigures {
  let servedEntries = 0;
  let servedHeads = 0;
  const waitsMs: number[] = [];
  for (const p of d.people) {
    if ((tableId !== null && p.entry.tableId !== tableId) || !counted(p)) continue;
    if (COACHED.has(p.outcome)) {
      servedEntries += 1;
      servedHeads += headcount([p.entry]);
    }
    if (p.waitEnded && p.waitedMs !== null) waitsMs.push(p.waitedMs);
  }
  return { servedEntries, servedHeads, waitsMs, medianWaitMs: percentile(waitsMs, 50) };
}
