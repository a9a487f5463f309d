/**
 * Projection rows as the day's facts (shared/export/model.ts): the one
 * mapping from a stored queue entry, interaction or participation to the fact
 * the outcome rules read. The export and the report (export-facts.ts) and the
 * dashboard's Served and Median wait (reads.ts, `Reads.tableFacts`) both map
 * their rows here, so a fact one of them reads (a turn's pauses, a person's
 * languages) cannot be missing from the other (`test/unit/served-figures.test.ts`).
 *
 * Pure: no statements here, each reader keeps its own (the export reads every
 * schema from 2 on; the dashboard only the current one).
 */
import type { EntryStatus, TurnMode } from '../../shared/contract.js';
import type { Pause } from '../../shared/domain/outcome.js';
import type { EntryFact, InteractionFact, NoteFact, ParticipationFact } from '../../shared/export/model.js';

const list = (text: string | null | undefined): string[] => (text ? (JSON.parse(text) as string[]) : []);

/** A turn's ended pauses as stored (JSON [[from, to], ...], epoch ms). */
export function parsePauses(text: string | null | undefined): { from: number; to: number }[] {
  if (!text) return [];
  return (JSON.parse(text) as [number, number][]).map(([from, to]) => ({ from, to }));
}

/** The `queue_entries` columns an entry fact reads (`languages` and the transfers may be selected as constants on old schemas). */
export interface EntryFactRow {
  id: string;
  table_id: string;
  ticket: number;
  name: string | null;
  /** JSON list. */
  topics: string;
  /** JSON list of BCP 47 tags; null or absent: none said. */
  languages?: string | null;
  party_size: number;
  joined_at: number;
  status: EntryStatus;
  status_at: number;
  transferred_to: string | null;
  transferred_from: string | null;
}

/** A queue entry's fact. */
export function entryFact(r: EntryFactRow): EntryFact {
  return {
    id: r.id,
    tableId: r.table_id,
    ticket: r.ticket,
    name: r.name,
    topics: list(r.topics),
    languages: list(r.languages),
    partySize: r.party_size,
    joinedAt: r.joined_at,
    status: r.status,
    statusAt: r.status_at,
    transferredTo: r.transferred_to,
    transferredFrom: r.transferred_from,
  };
}

/** The `interactions` columns an interaction fact reads. */
export interface InteractionFactRow {
  id: string;
  table_id: string;
  mode: TurnMode;
  topic: string | null;
  rotation_id: string | null;
  group_id: string | null;
  started_at: number;
  ended_at: number | null;
  /** Paused now, since (epoch ms); null: running or ended unpaused. */
  paused_at: number | null;
  /** Ended pauses, JSON [[from, to], ...]. */
  pauses: string | null;
}

/** The columns of `InteractionFactRow`, for a SELECT (`alias`: the table's alias in it, e.g. `i.`). */
export const interactionFactColumns = (alias = ''): string =>
  ['id', 'table_id', 'mode', 'topic', 'rotation_id', 'group_id', 'started_at', 'ended_at', 'paused_at', 'pauses']
    .map((c) => alias + c)
    .join(', ');

/**
 * An interaction's fact, with its clock's pauses (the one still open last:
 * minutes received leave them out) and `note`: the note this reader may
 * show (null for the dashboard, which shows none).
 */
export function interactionFact(r: InteractionFactRow, note: NoteFact | null): InteractionFact {
  const pauses: Pause[] = [...parsePauses(r.pauses), ...(r.paused_at === null ? [] : [{ from: r.paused_at, to: null }])];
  return {
    id: r.id,
    tableId: r.table_id,
    mode: r.mode,
    topic: r.topic,
    rotationId: r.rotation_id,
    groupId: r.group_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    pauses,
    note,
  };
}

/** The `participants` columns a participation fact reads. */
export interface ParticipationFactRow {
  interaction_id: string;
  entry_id: string;
  joined_at: number;
  left_at: number | null;
}

/** Someone's time in one interaction. */
export function participationFact(p: ParticipationFactRow): ParticipationFact {
  return { interactionId: p.interaction_id, entryId: p.entry_id, joinedAt: p.joined_at, leftAt: p.left_at };
}
