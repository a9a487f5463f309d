/**
 * Queries over the projection tables: everything the handlers check and the
 * snapshot the UI shows. Nothing here writes.
 */
import { hlcToString } from '../../shared/domain/hlc.js';
import { personOutcome, type Received } from '../../shared/domain/outcome.js';
import type { Database } from 'better-sqlite3';
import { ticketSuffixes } from '../../shared/domain/ticket.js';
import { cameBack, type MovedEntry } from '../../shared/domain/put-back.js';
import { deriveFloor, servedFigures, type FloorFacts } from '../../shared/export/derive.js';
import {
  entryFact,
  interactionFact,
  interactionFactColumns,
  parsePauses,
  participationFact,
  type EntryFactRow,
  type InteractionFactRow,
  type ParticipationFactRow,
} from './fact-rows.js';
import type {
  BroadcastView,
  ClaimView,
  EntryStatus,
  EventView,
  FollowUpView,
  GoneEntryView,
  NoteView,
  ParticipantView,
  PersonView,
  QueueEntryView,
  RotationGroupView,
  RotationView,
  SupportKind,
  TableView,
  TakeoverView,
  TopicView,
  TurnMode,
  TurnView,
} from '../../shared/contract.js';
import { ViewVersions } from './view-versions.js';
import { LAPTOP_NAMES_KEY_SQL, LAPTOP_NAMES_SQL } from './laptop-names.js';

interface EventRow {
  id: string;
  name: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  end_date: string | null;
  time_zone: string | null;
  rehearsal: number;
}
interface TableRow {
  id: string;
  name: string;
  coaches: string;
  topics: string;
  language: string;
  /** JSON list of BCP 47 tags (migration 11); '[]' until the replay fills it: then `language`. */
  languages: string;
  turn_minutes: number;
  hold_minutes: number;
  max_group_size: number;
  rotation_minutes: number;
  auto_advance: number;
  questions: string;
  closed_at: number | null;
  taken_over_by?: string | null;
  taken_over_by_name?: string | null;
  taken_over_from?: string | null;
  taken_over_from_name?: string | null;
  /** JSON list of {deviceId, name} (migration 14): every laptop the latest takeover took the table from. */
  taken_over_froms?: string | null;
  taken_over_at?: number | null;
  taken_over_hlc?: string | null;
}
/** The rehearsal's player as the log last said it (`rehearsal.played`): which laptop, playing or paused, where and how fast. */
export interface RehearsalPlayerState {
  deviceId: string;
  /** That laptop's latest name. */
  name: string;
  playing: boolean;
  speed: 1 | 5 | 20;
  /** The session's minute reached at `floorAt` (with fractions). */
  minute: number;
  /** Steps of the script applied by then. */
  next: number;
  /** Floor time (epoch ms) of `minute`. */
  floorAt: number;
}

interface EntryRow {
  conflict?: string | null;
  id: string;
  table_id: string;
  ticket: number;
  name: string | null;
  topics: string;
  /** JSON list of BCP 47 tags the person speaks (migration 11). */
  languages?: string;
  party_size: number;
  joined_at: number;
  rank: number;
  status: EntryStatus;
  away_until: number | null;
  status_at: number;
  transferred_to?: string | null;
  transferred_from?: string | null;
}
interface InteractionRow {
  id: string;
  table_id: string;
  mode: TurnMode;
  topic: string | null;
  rotation_id: string | null;
  group_id: string | null;
  started_at: number;
  deadline: number;
  ended_at: number | null;
  paused_at: number | null;
  /** Ended pauses, JSON [[from, to], ...]. */
  pauses: string;
}
interface ParticipantRow extends EntryRow {
  p_joined_at: number;
  p_left_at: number | null;
}
interface NoteRow {
  id: string;
  text: string;
  about: string;
  topics: string;
  support_kind: SupportKind | null;
  shared: number;
  saved_at: number;
}
interface RotationRow {
  id: string;
  table_id: string;
  turn_minutes: number;
  max_group_size: number;
  auto_advance: number;
  started_at: number;
  ended_at: number | null;
}
interface GroupRow {
  id: string;
  position: number;
  started_at: number | null;
  ended_at: number | null;
}
interface FollowUpRow {
  id: string;
  entry_id: string;
  consent: number;
  contact: string | null;
  note: string;
  recorded_at: number;
  withdrawn_at: number | null;
  name: string | null;
  ticket: number;
}

/** A follow-up as the commands see it. */
export interface FollowUpState {
  id: string;
  entryId: string;
  consent: boolean;
  contact: string | null;
  note: string;
  withdrawnAt: number | null;
}

export interface RunningTurn {
  turnId: string;
  tableId: string;
  deadline: number;
  /** Set while its clock is paused: since when (no warning, chime or auto-advance then). */
  pausedAt: number | null;
  /** Set for a rotation group's turn whose rotation advances by itself. */
  autoAdvanceRotationId: string | null;
}

export interface EntryState {
  id: string;
  tableId: string;
  status: EntryStatus;
  awayUntil: number | null;
  rank: number;
  topics: string[];
  /** The languages the person said they speak (BCP 47); empty: not said. */
  languages: string[];
  partySize: number;
  joinedAt: number;
  /** The copy of this entry at the table the organiser sent them to (null: never sent on). */
  transferredTo: string | null;
}

export interface TableSettingsRow {
  turnMinutes: number;
  holdMinutes: number;
  maxGroupSize: number;
  rotationMinutes: number;
  closed: boolean;
}

/** How many ended turns (and gone entries) the snapshot carries per table. */
export const PAST_TURNS_SHOWN = 30;

const parseList = (text: string) => JSON.parse(text) as string[];

/**
 * Every laptop a table's latest takeover took it from: the list it recorded
 * (migration 14), or the one laptop a takeover written before named.
 */
function takenFrom(row: TableRow): { deviceId: string; name: string | null }[] {
  const list = row.taken_over_froms ? (JSON.parse(row.taken_over_froms) as { deviceId: string; name: string | null }[]) : [];
  if (list.length > 0) return list;
  return row.taken_over_from ? [{ deviceId: row.taken_over_from, name: row.taken_over_from_name ?? null }] : [];
}
const moved = (row: EntryRow): MovedEntry => ({ tableId: row.table_id, transferredTo: row.transferred_to ?? null });
/** No laptop claims the table (one object, so an unchanged table compares equal). */
const NO_CLAIMS: ClaimView[] = [];

const pausedMsOf = (text: string | null | undefined): number =>
  parsePauses(text).reduce((n, p) => n + Math.max(0, p.to - p.from), 0);

/** A table row's languages: its list, or its one `language` (a row not yet replayed after migration 11). */
function tableLanguages(row: TableRow): string[] {
  const list = row.languages ? parseList(row.languages) : [];
  return list.length > 0 ? list : [row.language];
}

/** Whether two rows as read hold the same values (same columns: the same statement read both). */
function sameCells(a: QueueCells, b: QueueCells): boolean {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function person(row: EntryRow, suffix: string): PersonView {
  return {
    id: row.id,
    ticket: row.ticket,
    ticketSuffix: suffix,
    name: row.name,
    topics: parseList(row.topics),
    languages: row.languages ? parseList(row.languages) : [],
    partySize: row.party_size,
    joinedAt: row.joined_at,
  };
}

/** The entries a table's figures count and those they were sent from (figureEntries, and the interactions they took part in), as a `chain` CTE. */
const FIGURE_SENT_FROM = `WITH RECURSIVE here (id) AS (
           SELECT p.entry_id FROM interactions i JOIN participants p ON p.interaction_id = i.id WHERE i.table_id = @tableId
           UNION
           SELECT id FROM queue_entries WHERE table_id = @tableId AND status = 'served'),
         chain (id) AS (
           SELECT id FROM here
           UNION
           SELECT s.transferred_from FROM queue_entries s JOIN chain c ON s.id = c.id WHERE s.transferred_from IS NOT NULL)`;

/** A table view but its id, its laptops and its queue: what Reads keeps per table while nothing it reads changed. */
type TableParts = Omit<TableView, 'id' | 'deviceId' | 'claimedBy' | 'queue'>;

/** A queue row as read, with what its view adds, and the view made of it. */
interface HeldEntry {
  cells: QueueCells;
  position: number;
  groupId: string | null;
  suffix: string;
  view: QueueEntryView;
}

type QueueRow = EntryRow & { from_table: string | null; arrived_at: number; came_back: number; wait_ended_at: number | null };

/** The columns of a queue entry its view reads, in order (then from_table, arrived_at, came_back and wait_ended_at: queueSql). */
const QUEUE_CELLS = ['id', 'table_id', 'ticket', 'name', 'topics', 'languages', 'party_size', 'joined_at', 'rank', 'status', 'away_until', 'status_at', 'conflict'] as const;
type QueueCells = [
  id: string,
  tableId: string,
  ticket: number,
  name: string | null,
  topics: string,
  languages: string,
  partySize: number,
  joinedAt: number,
  rank: number,
  status: EntryStatus,
  awayUntil: number | null,
  statusAt: number,
  conflict: string | null,
  fromTable: string | null,
  arrivedAt: number,
  cameBack: number,
  waitEndedAt: number | null,
];

/** A queue's entries in serving order (waiting and stepped away), `columns` of each, then where they were sent from, their first arrival, whether they came back and when their wait ended. */
function queueSql(columns: string): string {
  return `SELECT ${columns},
           CASE WHEN e.transferred_from IS NULL THEN NULL ELSE
             (SELECT ct.name FROM queue_entries s JOIN coaching_tables ct ON ct.id = s.table_id
               WHERE s.id = e.transferred_from) END AS from_table,
           -- The first arrival on the floor: back along the transfers (the wait is kept across them).
           -- Most people were never transferred: CASE skips the walk for them (a push reads every waiting entry).
           CASE WHEN e.transferred_from IS NULL THEN e.joined_at ELSE
             (WITH RECURSIVE chain (joined_at, prev, hops) AS (
                SELECT e.joined_at, e.transferred_from, 0
                UNION ALL
                SELECT s.joined_at, s.transferred_from, c.hops + 1 FROM queue_entries s JOIN chain c ON s.id = c.prev WHERE c.hops < 50
              ) SELECT min(joined_at) FROM chain) END AS arrived_at,
           -- Back where they were before (Put back, or sent back): an entry back along the transfers was at this table.
           CASE WHEN e.transferred_from IS NULL THEN 0 ELSE
             (WITH RECURSIVE back (table_id, prev, hops) AS (
                SELECT s.table_id, s.transferred_from, 0 FROM queue_entries s WHERE s.id = e.transferred_from
                UNION ALL
                SELECT s.table_id, s.transferred_from, b.hops + 1 FROM queue_entries s JOIN back b ON s.id = b.prev WHERE b.hops < 50
              ) SELECT count(*) > 0 FROM back WHERE table_id = e.table_id) END AS came_back,
           -- When their wait ended (THE wait, shared/domain/wait.ts; derive.ts's plenaryBefore): their first
           -- interaction here, a plenary included, or a plenary at a table that sent them here uncoached (back
           -- along the transfers, up to an entry that was coached: its interactions and those before it do not count).
           CASE WHEN e.transferred_from IS NULL THEN
             (SELECT min(p.joined_at) FROM participants p WHERE p.entry_id = e.id) ELSE
             (WITH RECURSIVE hop (id, prev, hops, coached) AS (
                SELECT e.id, e.transferred_from, 0, 0
                UNION ALL
                SELECT s.id, s.transferred_from, h.hops + 1,
                       EXISTS (SELECT 1 FROM participants p JOIN interactions i ON i.id = p.interaction_id
                                WHERE p.entry_id = s.id AND i.mode <> 'plenary')
                  FROM queue_entries s JOIN hop h ON s.id = h.prev WHERE h.hops < 50 AND h.coached = 0
              ) SELECT min(p.joined_at) FROM hop h JOIN participants p ON p.entry_id = h.id
                  JOIN interactions i ON i.id = p.interaction_id
                 WHERE h.hops = 0 OR h.coached = 0) END AS wait_ended_at
         FROM queue_entries e WHERE e.table_id = ? AND e.status IN ('waiting', 'away')
         ORDER BY e.rank, e.ticket`;
}

export interface ReadsOptions {
  /**
   * Keep each table's parts and queue entries between reads while what they
   * are read from is unchanged (view-versions.ts). Default true; false reads
   * everything each time (the benchmark's copy of the old path).
   */
  cache?: boolean;
}

export class Reads {
  private readonly q;
  /** Per table, each entry's ticket suffix, while one read builds views (see `withTickets`). */
  private tickets: Map<string, Map<string, string>> | null = null;
  private readonly db: Database;
  private readonly versions: ViewVersions | null;
  /** Per table: its parts as last read, with the version and ticket letters they were read at. */
  private readonly heldParts = new Map<string, { version: string; suffixes: ReadonlyMap<string, string>; parts: TableParts }>();
  /** Per table: its queue's entries as last read, by id. */
  private readonly heldEntries = new Map<string, Map<string, HeldEntry>>();

  constructor(db: Database, options: ReadsOptions = {}) {
    this.db = db;
    this.versions = options.cache === false ? null : ViewVersions.of(db);
    this.q = {
      event: db.prepare<[], EventRow>(`SELECT * FROM events LIMIT 1`),
      topics: db.prepare<[string], TopicView>(
        `SELECT id, label FROM topics WHERE event_id = ? AND removed = 0 ORDER BY added_hlc, id`,
      ),
      topic: db.prepare<[string], { id: string; removed: number }>(`SELECT id, removed FROM topics WHERE id = ?`),
      tables: db.prepare<[], TableRow>(`SELECT * FROM coaching_tables ORDER BY created_at, id`),
      table: db.prepare<[string], TableRow>(`SELECT * FROM coaching_tables WHERE id = ?`),
      tableCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM coaching_tables`),
      tableIds: db.prepare<[], string | null>(`SELECT group_concat(id, ' ') FROM coaching_tables`).pluck(),
      queue: db.prepare<[string], QueueRow>(queueSql('e.*')),
      // The same, as arrays of QUEUE_CELLS (better-sqlite3's raw mode: half the cost of rows as objects; a push reads it).
      queueCells: db.prepare<[string], QueueCells>(queueSql(QUEUE_CELLS.map((c) => `e.${c}`).join(', '))).raw(),
      gone: db.prepare<[string], EntryRow>(
        `SELECT * FROM queue_entries WHERE table_id = ?
           AND status IN ('no_show', 'left', 'removed', 'not_reached')
         ORDER BY status_at DESC, rank, ticket`,
      ),
      entry: db.prepare<[string], EntryRow>(`SELECT * FROM queue_entries WHERE id = ?`),
      // The tables people at these tables were sent from, back along every transfer.
      sendingTables: db
        .prepare<[string], string>(
          `WITH RECURSIVE back (id, hops) AS (
             SELECT transferred_from, 0 FROM queue_entries
              WHERE table_id IN (SELECT value FROM json_each(?)) AND transferred_from IS NOT NULL
             UNION
             SELECT s.transferred_from, b.hops + 1 FROM queue_entries s JOIN back b ON s.id = b.id
              WHERE s.transferred_from IS NOT NULL AND b.hops < 50
           ) SELECT DISTINCT q.table_id FROM back b JOIN queue_entries q ON q.id = b.id`,
        )
        .pluck(),
      receivingTables: db
        .prepare<[string], string>(
          `SELECT DISTINCT c.table_id FROM queue_entries s JOIN queue_entries c ON c.transferred_from = s.id
           WHERE s.table_id = ? AND s.transferred_to IS NOT NULL`,
        )
        .pluck(),
      followUp: db.prepare<[string], Omit<FollowUpRow, 'name' | 'ticket'>>(`SELECT * FROM followups WHERE id = ?`),
      liveFollowUpOf: db.prepare<[string], { id: string }>(
        `SELECT id FROM followups WHERE entry_id = ? AND withdrawn_at IS NULL ORDER BY recorded_at, id LIMIT 1`,
      ),
      // Only numbers held twice or more can need a letter (the suffix rule is per number), so only those are read.
      // The holders of a number held twice at a table, each with its person: the first entry back along its moves.
      ticketHolders: db.prepare<{ tableId: string }, { id: string; ticket: number; joinedAt: number; person: string }>(
        `WITH RECURSIVE dup AS (
           SELECT id, ticket, joined_at FROM queue_entries
            WHERE table_id = @tableId AND ticket IN (
              SELECT ticket FROM queue_entries WHERE table_id = @tableId GROUP BY ticket HAVING count(*) > 1)
         ), back (id, cur, hops) AS (
           SELECT id, id, 0 FROM dup
           UNION ALL
           SELECT b.id, q.transferred_from, b.hops + 1 FROM back b JOIN queue_entries q ON q.id = b.cur
            WHERE q.transferred_from IS NOT NULL AND b.hops < 50
         )
         SELECT d.id, d.ticket, d.joined_at AS joinedAt,
           (SELECT cur FROM back WHERE back.id = d.id ORDER BY hops DESC LIMIT 1) AS person
         FROM dup d`,
      ),
      maxTicket: db.prepare<[string], { n: number | null }>(
        `SELECT max(ticket) AS n FROM queue_entries WHERE table_id = ?`,
      ),
      running: db.prepare<[string], InteractionRow>(
        `SELECT * FROM interactions WHERE table_id = ? AND ended_at IS NULL ORDER BY started_at, id`,
      ),
      allRunning: db.prepare<[], RunningTurn>(
        `SELECT i.id AS turnId, i.table_id AS tableId, i.deadline, i.paused_at AS pausedAt,
           CASE WHEN r.auto_advance = 1 AND r.ended_at IS NULL THEN r.id END AS autoAdvanceRotationId
         FROM interactions i LEFT JOIN rotations r ON r.id = i.rotation_id
         WHERE i.ended_at IS NULL`,
      ),
      past: db.prepare<[string, number], InteractionRow>(
        `SELECT * FROM interactions WHERE table_id = ? AND ended_at IS NOT NULL
         ORDER BY ended_at DESC, id LIMIT ?`,
      ),
      pastCount: db
        .prepare<[string], number>(`SELECT count(*) FROM interactions WHERE table_id = ? AND ended_at IS NOT NULL`)
        .pluck(),
      durations: db.prepare<[string], { ms: number }>(
        `SELECT ended_at - started_at AS ms FROM interactions
         WHERE table_id = ? AND mode = 'one_to_one' AND ended_at IS NOT NULL ORDER BY ended_at`,
      ),
      interaction: db.prepare<[string], InteractionRow>(`SELECT * FROM interactions WHERE id = ?`),
      participants: db.prepare<[string], ParticipantRow>(
        `SELECT e.*, p.joined_at AS p_joined_at, p.left_at AS p_left_at
         FROM participants p JOIN queue_entries e ON e.id = p.entry_id
         WHERE p.interaction_id = ? ORDER BY e.rank, e.ticket`,
      ),
      feedbackToken: db.prepare<[string], { id: string }>(`SELECT id FROM feedback WHERE token_id = ?`),
      // What an entry received (outcome.ts Received): each interaction it took part in, its mode and how many entries.
      received: db.prepare<[string], { mode: Received['mode']; entries: number }>(
        `SELECT i.mode AS mode, (SELECT count(*) FROM participants q WHERE q.interaction_id = i.id) AS entries
         FROM participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.entry_id = ?`,
      ),
      // A plenary at a table that sent this entry here (back along the transfers): outcome.ts plenaryBefore.
      plenaryBefore: db
        .prepare<[string], number>(
          `WITH RECURSIVE hop (id, prev, hops) AS (
             SELECT s.id, s.transferred_from, 0 FROM queue_entries s WHERE s.id = (SELECT transferred_from FROM queue_entries WHERE id = ?)
             UNION ALL
             SELECT s.id, s.transferred_from, h.hops + 1 FROM queue_entries s JOIN hop h ON s.id = h.prev WHERE h.hops < 50
           ) SELECT EXISTS (SELECT 1 FROM hop h JOIN participants p ON p.entry_id = h.id
                              JOIN interactions i ON i.id = p.interaction_id WHERE i.mode = 'plenary')`,
        )
        .pluck(),
      turnRecords: db
        .prepare<[string, string], number>(
          `SELECT (SELECT count(*) FROM notes WHERE interaction_id = ?)
                + (SELECT count(*) FROM followups WHERE interaction_id = ?)`,
        )
        .pluck(),
      // A feedback card names no turn (privacy): the card given at the turn's table since the turn ended is its
      // card. Read from the log (the card's operation keeps its instant there, the projection only its hour),
      // from the end's instant on by the HLC index: the undo window is seconds, so this reads a few operations.
      feedbackSince: db
        .prepare<[string, string], number>(
          `SELECT count(*) FROM ops WHERE hlc >= ? AND type = 'feedback.given' AND json_extract(payload, '$.tableId') = ?`,
        )
        .pluck(),
      // When a turn that runs again ended before (its latest End turn undone: turn.reopened's endedAt), if it did.
      lastReopenedEnd: db
        .prepare<[string], number | null>(
          `SELECT max(json_extract(payload, '$.endedAt')) FROM ops
           WHERE type = 'turn.reopened' AND json_extract(payload, '$.turnId') = ?`,
        )
        .pluck(),
      note: db.prepare<[string], NoteRow>(
        `SELECT * FROM notes WHERE interaction_id = ? ORDER BY saved_hlc DESC LIMIT 1`,
      ),
      activeRotation: db.prepare<[string], RotationRow>(
        `SELECT * FROM rotations WHERE table_id = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1`,
      ),
      rotation: db.prepare<[string], RotationRow>(`SELECT * FROM rotations WHERE id = ?`),
      groups: db.prepare<[string], GroupRow>(
        `SELECT id, position, started_at, ended_at FROM rotation_groups WHERE rotation_id = ? ORDER BY position`,
      ),
      members: db.prepare<[string], EntryRow>(
        `SELECT e.* FROM rotation_members m JOIN queue_entries e ON e.id = m.entry_id
         WHERE m.group_id = ? ORDER BY e.rank, e.ticket`,
      ),
      broadcasts: db.prepare<[], BroadcastView>(
        `SELECT id, text, sent_at AS sentAt FROM broadcasts ORDER BY sent_at DESC, id LIMIT 5`,
      ),
      lastTableDevice: db.prepare<[string, string], { device_id: string }>(
        `SELECT device_id FROM ops
         WHERE json_extract(payload, '$.tableId') = ? AND device_id != ? ORDER BY hlc DESC LIMIT 1`,
      ),
      laptopName: db.prepare<[string], { name: string }>(`${LAPTOP_NAMES_SQL} AND device_id = ?`),
      laptopNames: db.prepare<[], { device_id: string; name: string }>(LAPTOP_NAMES_SQL),
      namesKey: db.prepare<[], string>(LAPTOP_NAMES_KEY_SQL).pluck(),
      existingTables: db
        .prepare<[string], string>(`SELECT id FROM coaching_tables WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
        .pluck(),
      laptopClaim: db.prepare<[string], { device_name: string; table_ids: string }>(
        `SELECT device_name, table_ids FROM laptop_claims WHERE device_id = ?`,
      ),
      claimsKey: db.prepare<[], { key: string | null }>(`SELECT count(*) || max(claim_hlc) AS key FROM laptop_claims`),
      rehearsalPlayer: db.prepare<
        [],
        { device_id: string; device_name: string; playing: number; speed: number; minute: number; next: number; floor_at: number }
      >(`SELECT device_id, device_name, playing, speed, minute, next, floor_at FROM rehearsal_player WHERE id = 1`),
      claimRegisters: db.prepare<[], { device_id: string; table_ids: string; claim_hlc: string }>(
        `SELECT device_id, table_ids, claim_hlc FROM laptop_claims`,
      ),
      claims: db.prepare<[], { table_id: string; device_id: string; device_name: string; claimed_at: number }>(
        `SELECT j.value AS table_id, c.device_id, c.device_name, c.claimed_at
           FROM laptop_claims c, json_each(c.table_ids) j ORDER BY c.claimed_at, c.device_id`,
      ),
      tableDevices: db.prepare<[], { table_id: string; device_id: string }>(
        `SELECT json_extract(payload, '$.tableId') AS table_id, device_id FROM ops WHERE type = 'table.created'`,
      ),
      // A table's people as the export's facts hold them, with the entries they were sent from (their arrival).
      // Only those who can count in servedFigures: in an interaction here, or recorded as served; someone
      // who never took part adds to neither the served nor the waits, so the figures are the same without them.
      figureEntries: db.prepare<{ tableId: string }, EntryFactRow>(
        `${FIGURE_SENT_FROM}
         SELECT id, table_id, ticket, name, topics, languages, party_size, joined_at, status, status_at, transferred_to, transferred_from
         FROM queue_entries WHERE id IN (SELECT id FROM chain)`,
      ),
      // This table's interactions, and those at a table that sent someone here (a plenary there ends their wait: wait.ts).
      figureInteractions: db.prepare<{ tableId: string }, InteractionFactRow>(
        `${FIGURE_SENT_FROM}
         SELECT ${interactionFactColumns()} FROM interactions
         WHERE table_id = @tableId OR id IN (SELECT interaction_id FROM participants WHERE entry_id IN (SELECT id FROM chain))`,
      ),
      figureParticipations: db.prepare<{ tableId: string }, ParticipationFactRow>(
        `${FIGURE_SENT_FROM}
         SELECT p.interaction_id, p.entry_id, p.joined_at, p.left_at
         FROM participants p JOIN interactions i ON i.id = p.interaction_id
         WHERE i.table_id = @tableId OR p.entry_id IN (SELECT id FROM chain)`,
      ),
      followUps: db.prepare<[string], FollowUpRow>(
        `SELECT f.*, e.name, e.ticket FROM followups f JOIN queue_entries e ON e.id = f.entry_id
         WHERE e.table_id = ? ORDER BY f.recorded_at DESC, f.id`,
      ),
    };
  }

  /**
   * Runs a read that builds views with the suffixes of each table's tickets
   * computed once for it (shared/domain/ticket.ts over every entry the table
   * ever had), then forgets them: the next read sees the tables as they are then.
   */
  private withTickets<T>(read: () => T): T {
    if (this.tickets) return read();
    this.tickets = new Map();
    try {
      return read();
    } finally {
      this.tickets = null;
    }
  }

  private suffix(tableId: string, entryId: string): string {
    return this.suffixes(tableId).get(entryId) ?? '';
  }

  /** A table's ticket letters by entry id (only entries that have one), as this read sees them. */
  private suffixes(tableId: string): Map<string, string> {
    let map = this.tickets?.get(tableId);
    if (!map) {
      map = ticketSuffixes(this.q.ticketHolders.all({ tableId }));
      this.tickets?.set(tableId, map);
    }
    return map;
  }

  /**
   * Someone who left a table's queue without being served, and whether "Put
   * back" can bring them back (the one rule the table screen follows): not
   * at a closed table, nor someone not reached; someone sent on only while
   * they still wait at the table they are at now, and that is another table
   * (`entry.bringBack`); anyone else by `entry.setStatus` waiting.
   */
  private goneView(e: EntryRow, table: TableRow): GoneEntryView {
    const open = table.closed_at === null;
    if (!e.transferred_to) {
      const status = e.status as Exclude<GoneEntryView['status'], 'transferred'>;
      return {
        ...this.person(e),
        status,
        // The one outcome definition (outcome.ts): after a plenary, "no-show" or "left" is "plenary only" here too.
        outcome: personOutcome({
          status,
          transferred: false,
          received: this.q.received.all(e.id),
          plenaryBefore: e.transferred_from ? this.q.plenaryBefore.get(e.id) === 1 : false,
        }) as GoneEntryView['outcome'], // a status off the queue: never in_turn, waiting or away
        at: e.status_at,
        sentTo: null,
        canPutBack: open && e.status !== 'not_reached',
      };
    }
    const first = this.q.entry.get(e.transferred_to);
    const now = this.sentOnTo(e.id);
    const waiting = now !== null && (now.status === 'waiting' || now.status === 'away');
    return {
      ...this.person(e),
      status: 'transferred',
      outcome: 'transferred',
      at: e.status_at,
      sentTo: first ? (this.q.table.get(first.table_id)?.name ?? null) : null,
      canPutBack: open && waiting && now.tableId !== table.id,
    };
  }

  /** An entry as the put-back fold reads it (shared/domain/put-back.ts), or undefined. */
  private readonly movedEntry = (id: string): MovedEntry | undefined => {
    const row = this.q.entry.get(id);
    return row ? moved(row) : undefined;
  };

  /** How often this person was moved before they came to this entry (sent on, or put back), back along every transfer. */
  moves(entryId: string): number {
    let n = 0;
    let row = this.q.entry.get(entryId);
    while (row?.transferred_from && n < 50) {
      n += 1;
      row = this.q.entry.get(row.transferred_from);
    }
    return n;
  }

  private person(row: EntryRow): PersonView {
    return person(row, this.suffix(row.table_id, row.id));
  }

  /** The event's row alone (no topics): cheap enough for every sync message. */
  eventRow(): { id: string; rehearsal: number } | null {
    return this.q.event.get() ?? null;
  }

  event(): EventView | null {
    const row = this.q.event.get();
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      date: row.date,
      endDate: row.end_date,
      startTime: row.start_time,
      endTime: row.end_time,
      place: row.place,
      timeZone: row.time_zone,
      topics: this.q.topics.all(row.id),
      rehearsal: row.rehearsal === 1,
    };
  }

  topic(topicId: string): { id: string; removed: boolean } | null {
    const row = this.q.topic.get(topicId);
    return row ? { id: row.id, removed: row.removed === 1 } : null;
  }

  broadcasts(): BroadcastView[] {
    return this.q.broadcasts.all();
  }

  /**
   * Which laptop created each table (its coach's laptop), by table id. Kept while the set of
   * tables stays the same (only table.created, the operation this reads,
   * adds one): reading it scans the op log, and every push reads it.
   */
  tableDevices(): ReadonlyMap<string, string> {
    const key = this.q.tableIds.get() ?? '';
    if (this.devicesMemo?.key !== key) {
      this.devicesMemo = { key, devices: new Map(this.q.tableDevices.all().map((r) => [r.table_id, r.device_id])) };
    }
    return this.devicesMemo.devices;
  }
  private devicesMemo: { key: string; devices: ReadonlyMap<string, string> } | null = null;

  /** Who may act on a table, as `tableAccess` needs it: its name and latest taker (by its latest name); null if there is no such table. */
  tableHolder(tableId: string): { name: string; takenOverBy: string | null; takenOverByName: string | null } | null {
    const row = this.q.table.get(tableId);
    if (!row) return null;
    const by = this.takeoverStands(row) ? (row.taken_over_by ?? null) : null;
    return { name: row.name, takenOverBy: by, takenOverByName: by === null ? null : (this.laptopName(by) ?? row.taken_over_by_name ?? null) };
  }

  /**
   * The laptop other than `exceptDevice` that last wrote an operation for
   * this table (a walk-in, a turn started, a takeover…), with its name
   * (`laptopName`); null if none did.
   */
  lastTableDevice(tableId: string, exceptDevice: string): { deviceId: string; name: string | null } | null {
    const row = this.q.lastTableDevice.get(tableId, exceptDevice);
    return row ? { deviceId: row.device_id, name: this.laptopName(row.device_id) } : null;
  }

  /**
   * A laptop's name as the log carries it (laptop-names.ts: the latest name
   * it gave itself, else one another laptop gave it); null if it has none.
   * Never the sync's peer list, which calls the hub "hub".
   */
  laptopName(deviceId: string): string | null {
    return this.q.laptopName.get(deviceId)?.name ?? null;
  }

  /** Changes whenever a laptop's name changes (a push after it carries every table: the names show on all). */
  namesKey(): string {
    return this.q.namesKey.get() ?? '';
  }

  /** Every named laptop's name (laptopName), by device id; kept until a name changes. */
  private names(): { key: string; names: ReadonlyMap<string, string> } {
    const key = this.namesKey();
    if (this.namesMemo?.key !== key) {
      this.namesMemo = { key, names: new Map(this.q.laptopNames.all().map((r) => [r.device_id, r.name])) };
    }
    return this.namesMemo;
  }
  private namesMemo: { key: string; names: ReadonlyMap<string, string> } | null = null;

  /**
   * A takeover as the screens show it: each laptop by its latest name (the
   * names recorded in the operation only where the log has none). The same
   * object while the takeover and the names are the same.
   */
  private namedTakeover(taken: TakeoverView | null): TakeoverView | null {
    if (!taken) return null;
    const { key, names } = this.names();
    const held = this.namedTakeovers.get(taken);
    if (held?.key === key) return held.view;
    const view: TakeoverView = {
      ...taken,
      byName: names.get(taken.byDeviceId) ?? taken.byName,
      fromName: taken.fromDeviceId === null ? taken.fromName : (names.get(taken.fromDeviceId) ?? taken.fromName),
      from: taken.from.map((f) => ({ deviceId: f.deviceId, name: names.get(f.deviceId) ?? f.name })),
    };
    this.namedTakeovers.set(taken, { key, view });
    return view;
  }
  private readonly namedTakeovers = new WeakMap<TakeoverView, { key: string; view: TakeoverView }>();

  /** Of `tableIds`, those that are tables of this event, sorted by id. */
  existingTables(tableIds: readonly string[]): string[] {
    return tableIds.length === 0 ? [] : this.q.existingTables.all(JSON.stringify(tableIds));
  }

  /** The rehearsal's player as the log last said it (rehearsal.played), its laptop by its latest name; null if never said. */
  rehearsalPlayer(): RehearsalPlayerState | null {
    const row = this.q.rehearsalPlayer.get();
    if (!row) return null;
    return {
      deviceId: row.device_id,
      name: this.laptopName(row.device_id) ?? row.device_name,
      playing: row.playing === 1,
      speed: row.speed as RehearsalPlayerState['speed'],
      minute: row.minute,
      next: row.next,
      floorAt: row.floor_at,
    };
  }

  /** What the log last said laptop `deviceId` claims (laptop.claimed), or null if nothing. */
  laptopClaim(deviceId: string): { name: string; tableIds: string[] } | null {
    const row = this.q.laptopClaim.get(deviceId);
    return row ? { name: row.device_name, tableIds: parseList(row.table_ids) } : null;
  }

  /**
   * Whether the table's latest takeover still stands: its taker has not
   * released it since. A laptop releases a table it took over by saying,
   * after the takeover (by HLC), that it claims tables without it
   * (`laptop.claimed`: leaving the event, unticking "This is my table"), or
   * by a laptop restored from its backup replacing its claims. The table is
   * then run by whoever claims it, as if never taken over. One rule, read
   * here for every screen and for the core's refusals (`tableHolder`).
   */
  private takeoverStands(row: Pick<TableRow, 'id' | 'taken_over_by' | 'taken_over_hlc'>): boolean {
    const by = row.taken_over_by;
    if (!by) return false;
    const said = this.claimRegisters().get(by);
    return !said || said.hlc <= (row.taken_over_hlc ?? '') || said.tableIds.has(row.id);
  }

  /** Each laptop's latest claim (laptop.claimed): its tables and HLC, by device id; kept until a claim changes. */
  private claimRegisters(): ReadonlyMap<string, { hlc: string; tableIds: ReadonlySet<string> }> {
    const key = this.q.claimsKey.get()?.key ?? '';
    if (this.registersMemo?.key !== key) {
      const registers = new Map(
        this.q.claimRegisters.all().map((r) => [r.device_id, { hlc: r.claim_hlc, tableIds: new Set(parseList(r.table_ids)) }] as const),
      );
      this.registersMemo = { key, registers };
    }
    return this.registersMemo.registers;
  }
  private registersMemo: { key: string; registers: ReadonlyMap<string, { hlc: string; tableIds: ReadonlySet<string> }> } | null = null;

  /** The laptops claiming each table (by table id), earliest claim first, each by its latest name; cached until a claim or a name changes. */
  private tableClaims(): ReadonlyMap<string, ClaimView[]> {
    const { key: namesKey, names } = this.names();
    const key = `${this.q.claimsKey.get()?.key ?? ''}/${namesKey}`;
    if (this.claimsMemo?.key !== key) {
      const claims = new Map<string, ClaimView[]>();
      for (const r of this.q.claims.all()) {
        const list = claims.get(r.table_id) ?? [];
        list.push({ deviceId: r.device_id, name: names.get(r.device_id) ?? r.device_name, at: r.claimed_at });
        claims.set(r.table_id, list);
      }
      this.claimsMemo = { key, claims };
    }
    return this.claimsMemo.claims;
  }
  private claimsMemo: { key: string; claims: ReadonlyMap<string, ClaimView[]> } | null = null;

  tableCount(): number {
    return this.q.tableCount.get()?.n ?? 0;
  }

  /**
   * The tables people now at `tableIds` were sent from (back along every
   * transfer): what those tables show of them ("sent to", whether "Put back"
   * is offered) follows what happens to them here, so a push of these tables
   * carries those too.
   */
  sendingTables(tableIds: readonly string[]): string[] {
    return tableIds.length === 0 ? [] : this.q.sendingTables.all(JSON.stringify(tableIds));
  }

  /** The tables people at `tableId` were sent to (their queue shows this table's name as where they came from). */
  receivingTables(tableId: string): string[] {
    return this.q.receivingTables.all(tableId);
  }

  /** A coaching table's name, or null if there is none by that id. */
  tableName(tableId: string): string | null {
    return this.q.table.get(tableId)?.name ?? null;
  }

  tableSettings(tableId: string): TableSettingsRow | null {
    const row = this.q.table.get(tableId);
    if (!row) return null;
    return {
      turnMinutes: row.turn_minutes,
      holdMinutes: row.hold_minutes,
      maxGroupSize: row.max_group_size,
      rotationMinutes: row.rotation_minutes,
      closed: row.closed_at !== null,
    };
  }

  /** The queue in serving order: waiting and stepped-away people. */
  queue(tableId: string): EntryState[] {
    return this.q.queue.all(tableId).map((r) => this.entryState(r));
  }

  entry(entryId: string): EntryState | null {
    const row = this.q.entry.get(entryId);
    return row ? this.entryState(row) : null;
  }

  private entryState(row: EntryRow): EntryState {
    return {
      id: row.id,
      tableId: row.table_id,
      status: row.status,
      awayUntil: row.away_until,
      rank: row.rank,
      topics: parseList(row.topics),
      languages: row.languages ? parseList(row.languages) : [],
      partySize: row.party_size,
      joinedAt: row.joined_at,
      transferredTo: row.transferred_to ?? null,
    };
  }

  /**
   * Where a person sent on from a table is now: the last entry along their
   * transfers (each sent-on entry names its copy), or null if they were
   * never sent on. At most 50 hops, as the wait's walk back.
   */
  sentOnTo(entryId: string): EntryState | null {
    let row = this.q.entry.get(entryId);
    if (!row?.transferred_to) return null;
    for (let hops = 0; row?.transferred_to && hops < 50; hops++) {
      const next = this.q.entry.get(row.transferred_to);
      if (!next) break;
      row = next;
    }
    return row && row.id !== entryId ? this.entryState(row) : null;
  }

  /** A follow-up by id, or null. */
  followUp(followUpId: string): FollowUpState | null {
    const f = this.q.followUp.get(followUpId);
    return f
      ? {
          id: f.id,
          entryId: f.entry_id,
          consent: f.consent === 1,
          contact: f.contact,
          note: f.note,
          withdrawnAt: f.withdrawn_at,
        }
      : null;
  }

  /** The id of this entry's follow-up that is not withdrawn, if any (a second one is a duplicate). */
  liveFollowUpOf(entryId: string): string | null {
    return this.q.liveFollowUpOf.get(entryId)?.id ?? null;
  }

  nextTicket(tableId: string): number {
    return (this.q.maxTicket.get(tableId)?.n ?? 0) + 1;
  }

  /** The turn a table's clock shows: its earliest-started running turn (then by id), or null. */
  runningTurn(tableId: string): TurnView | null {
    const row = this.q.running.get(tableId);
    return row ? this.turnView(row) : null;
  }

  /** Every turn running at a table, earliest started first (then by id): two when laptops apart each started one. */
  runningTurnsAt(tableId: string): TurnView[] {
    return this.q.running.all(tableId).map((row) => this.turnView(row));
  }

  runningTurns(): RunningTurn[] {
    return this.q.allRunning.all();
  }

  turn(turnId: string): (TurnView & { tableId: string }) | null {
    const row = this.q.interaction.get(turnId);
    return row ? { ...this.turnView(row), tableId: row.table_id } : null;
  }

  /**
   * What was recorded on a turn, the one rule both undos read (turns.ts):
   * `notes` and `followUps` (its notes and follow-ups), and `feedback`:
   * cards given at its table since it last ended (its end, or for a turn
   * running again the end that was undone; 0 if it never ended). An undo never
   * leaves a record without its turn, nor lets a turn's cards count twice:
   * Start turn cannot be undone once anything is recorded, End turn once
   * feedback was given.
   */
  turnRecords(turnId: string): { notesAndFollowUps: number; feedback: number } {
    const row = this.q.interaction.get(turnId);
    const notesAndFollowUps = this.q.turnRecords.get(turnId, turnId) ?? 0;
    if (!row) return { notesAndFollowUps, feedback: 0 };
    const endedAt = row.ended_at ?? this.q.lastReopenedEnd.get(turnId) ?? null;
    const feedback = endedAt === null ? 0 : (this.q.feedbackSince.get(hlcToString({ wall: endedAt, counter: 0, node: '' }), row.table_id) ?? 0);
    return { notesAndFollowUps, feedback };
  }

  /** Whether a phone's feedback token (its id) has already given an answer (issue 15). */
  feedbackTokenUsed(tokenId: string): boolean {
    return this.q.feedbackToken.get(tokenId) !== undefined;
  }

  noteIdForTurn(turnId: string): string | null {
    return this.q.note.get(turnId)?.id ?? null;
  }

  activeRotation(tableId: string): RotationView | null {
    const row = this.q.activeRotation.get(tableId);
    return row ? this.rotationView(row) : null;
  }

  rotation(rotationId: string): (RotationView & { tableId: string; ended: boolean }) | null {
    const row = this.q.rotation.get(rotationId);
    return row ? { ...this.rotationView(row), tableId: row.table_id, ended: row.ended_at !== null } : null;
  }

  tables(): TableView[] {
    const devices = this.tableDevices();
    return this.q.tables.all().map((row) => this.tableView(row, devices));
  }

  /** The topics a coaching table offers, as its coach spelt them (empty if there is no such table). */
  tableTopics(tableId: string): string[] {
    const row = this.q.table.get(tableId);
    return row ? parseList(row.topics) : [];
  }

  /** One coaching table as the UI shows it (what `tables()` holds for it), or null if there is none. */
  table(tableId: string): TableView | null {
    const row = this.q.table.get(tableId);
    return row ? this.tableView(row, this.tableDevices()) : null;
  }

  private tableView(row: TableRow, devices: ReadonlyMap<string, string>): TableView {
    return this.withTickets(() => this.tableViewNow(row, devices));
  }

  /**
   * A table's view: its parts as held when nothing they are read from has
   * changed since (same version, same ticket letters), else read again; the
   * queue read each time, each entry's view kept while its row is the same.
   */
  private tableViewNow(row: TableRow, devices: ReadonlyMap<string, string>): TableView {
    const suffixes = this.suffixes(row.id);
    const version = this.versions?.of(row.id);
    const held = this.heldParts.get(row.id);
    let parts: TableParts;
    if (held && held.version === version && sameEntries(held.suffixes, suffixes)) {
      parts = held.parts;
    } else {
      parts = this.tableParts(row);
      // Not inside a transaction: what it wrote may yet be rolled back.
      if (version !== undefined && !this.db.inTransaction) this.heldParts.set(row.id, { version, suffixes, parts });
    }
    // Whether it still stands is read each time too (a release is a claim, no part of the kept parts).
    const takenOver = this.takeoverStands(row) ? parts.takenOver : null;
    return {
      id: row.id,
      deviceId: takenOver?.byDeviceId ?? devices.get(row.id) ?? null,
      // Named each read (names are no part of the kept parts: a rename shows on every table at once).
      takenOver: this.namedTakeover(takenOver),
      // Read each time (claims are no part of the kept parts; tableClaims keeps its own until a claim changes).
      claimedBy: this.tableClaims().get(row.id) ?? NO_CLAIMS,
      name: parts.name,
      coaches: parts.coaches,
      topics: parts.topics,
      languages: parts.languages,
      turnMinutes: parts.turnMinutes,
      holdMinutes: parts.holdMinutes,
      maxGroupSize: parts.maxGroupSize,
      rotationMinutes: parts.rotationMinutes,
      autoAdvance: parts.autoAdvance,
      questions: parts.questions,
      closedAt: parts.closedAt,
      queue: this.queueView(row.id, parts.rotation),
      currentTurn: parts.currentTurn,
      alsoRunning: parts.alsoRunning,
      rotation: parts.rotation,
      pastTurns: parts.pastTurns,
      pastTurnsTotal: parts.pastTurnsTotal,
      turnDurationsMs: parts.turnDurationsMs,
      gone: parts.gone,
      goneTotal: parts.goneTotal,
      followUps: parts.followUps,
      stats: parts.stats,
    };
  }

  /** The queue in serving order, each entry's view the one held for it if its row, place, group and ticket letter are the same. */
  private queueView(tableId: string, rotation: RotationView | null): QueueEntryView[] {
    const groupOf = new Map<string, string>();
    for (const g of rotation?.groups ?? []) {
      if (g.endedAt === null) for (const m of g.members) groupOf.set(m.id, g.id);
    }
    const before = this.versions ? this.heldEntries.get(tableId) : undefined;
    const now = new Map<string, HeldEntry>();
    let position = 0;
    const queue = this.q.queueCells.all(tableId).map((cells) => {
      position += 1;
      const id = cells[0];
      const groupId = groupOf.get(id) ?? null;
      const suffix = this.suffix(tableId, id);
      const was = before?.get(id);
      let view: QueueEntryView;
      if (was && was.position === position && was.groupId === groupId && was.suffix === suffix && sameCells(was.cells, cells)) {
        view = was.view;
      } else {
        const [, tableIdOf, ticket, name, topics, languages, partySize, joinedAt, rank, status, awayUntil, statusAt, conflict, fromTable, arrivedAt, cameBack, waitEndedAt] = cells;
        const e: EntryRow = { id, table_id: tableIdOf, ticket, name, topics, languages, party_size: partySize, joined_at: joinedAt, rank, status, away_until: awayUntil, status_at: statusAt, conflict };
        view = {
          ...person(e, suffix),
          rank,
          status: status as 'waiting' | 'away',
          awayUntil,
          fromTable,
          cameBack: cameBack === 1,
          arrivedAt,
          waitEndedAt,
          conflict: conflict ?? null,
          position,
          groupId,
        };
      }
      now.set(id, { cells, position, groupId, suffix, view });
      return view;
    });
    if (this.versions) this.heldEntries.set(tableId, now);
    return queue;
  }

  /** Everything of a table's view but its id, laptops and queue, read now. */
  private tableParts(row: TableRow): TableParts {
    const rotation = this.activeRotation(row.id);
    const running = this.runningTurnsAt(row.id);
    // Not someone sent on and put back here: that entry is folded into the one that came back (put-back.ts).
    const goneRows = this.q.gone.all(row.id).filter((e) => !e.transferred_to || !cameBack(moved(e), this.movedEntry));
    const gone: GoneEntryView[] = goneRows.slice(0, PAST_TURNS_SHOWN).map((e) => this.goneView(e, row));
    const pastTurns = this.q.past.all(row.id, PAST_TURNS_SHOWN).map((t) => this.turnView(t));
    const followUps: FollowUpView[] = this.q.followUps.all(row.id).map((f) => ({
      id: f.id,
      entryId: f.entry_id,
      who: f.name,
      ticket: f.ticket,
      ticketSuffix: this.suffix(row.id, f.entry_id),
      consent: f.consent === 1,
      contact: f.contact,
      note: f.note,
      recordedAt: f.recorded_at,
      withdrawnAt: f.withdrawn_at,
    }));
    const takenOver = row.taken_over_by
      ? {
          byDeviceId: row.taken_over_by,
          byName: row.taken_over_by_name ?? '',
          fromDeviceId: row.taken_over_from ?? null,
          fromName: row.taken_over_from_name ?? null,
          from: takenFrom(row),
          at: row.taken_over_at ?? 0,
        }
      : null;
    return {
      takenOver,
      name: row.name,
      coaches: parseList(row.coaches),
      topics: parseList(row.topics),
      languages: tableLanguages(row),
      turnMinutes: row.turn_minutes,
      holdMinutes: row.hold_minutes,
      maxGroupSize: row.max_group_size,
      rotationMinutes: row.rotation_minutes,
      autoAdvance: row.auto_advance === 1,
      questions: parseList(row.questions),
      closedAt: row.closed_at,
      currentTurn: running[0] ?? null,
      alsoRunning: running.slice(1),
      rotation,
      pastTurns,
      pastTurnsTotal: pastTurns.length < PAST_TURNS_SHOWN ? pastTurns.length : (this.q.pastCount.get(row.id) ?? 0),
      turnDurationsMs: this.q.durations.all(row.id).map((d) => d.ms),
      gone,
      goneTotal: goneRows.length,
      followUps,
      stats: this.stats(row.id),
    };
  }

  /**
   * "Served" and "Median wait" of a table: the report's and the exports' own
   * (servedFigures over deriveFloor, shared/export/derive.ts, by the outcome
   * rules), fed with this table's facts.
   */
  private stats(tableId: string): TableView['stats'] {
    const f = servedFigures(deriveFloor(this.tableFacts(tableId)), tableId);
    return { served: f.servedEntries, servedHeads: f.servedHeads, medianWaitMs: f.medianWaitMs };
  }

  /**
   * The facts the dashboard's figures of one table read: its interactions and
   * their participations, the entries counted there and those they were sent
   * from (for the wait from the first arrival), mapped as the export maps them
   * (fact-rows.ts). No tables, notes or follow-ups: these figures need none.
   */
  tableFacts(tableId: string): FloorFacts {
    return {
      tables: [],
      entries: this.q.figureEntries.all({ tableId }).map(entryFact),
      interactions: this.q.figureInteractions.all({ tableId }).map((r) => interactionFact(r, null)),
      participations: this.q.figureParticipations.all({ tableId }).map(participationFact),
      followUps: [],
      // Only the minutes received read the facts' time; these figures do not.
      readAt: 0,
    };
  }

  private rotationView(row: RotationRow): RotationView {
    return this.withTickets(() => this.rotationViewNow(row));
  }

  private rotationViewNow(row: RotationRow): RotationView {
    const groups: RotationGroupView[] = this.q.groups.all(row.id).map((g) => ({
      id: g.id,
      position: g.position,
      members: this.q.members.all(g.id).map((m) => this.person(m)),
      startedAt: g.started_at,
      endedAt: g.ended_at,
    }));
    const current = groups.find((g) => g.startedAt !== null && g.endedAt === null);
    return {
      id: row.id,
      turnMinutes: row.turn_minutes,
      maxGroupSize: row.max_group_size,
      autoAdvance: row.auto_advance === 1,
      startedAt: row.started_at,
      groups,
      currentGroupId: current?.id ?? null,
    };
  }

  private turnView(row: InteractionRow): TurnView {
    return this.withTickets(() => this.turnViewNow(row));
  }

  private turnViewNow(row: InteractionRow): TurnView {
    const note = this.q.note.get(row.id);
    const noteView: NoteView | null = note
      ? {
          id: note.id,
          text: note.text,
          savedAt: note.saved_at,
          about: parseList(note.about),
          topics: parseList(note.topics),
          supportKind: note.support_kind,
          shared: note.shared === 1,
        }
      : null;
    const participants: ParticipantView[] = this.q.participants.all(row.id).map((p) => ({
      ...this.person(p),
      joinedTurnAt: p.p_joined_at,
      leftTurnAt: p.p_left_at,
    }));
    return {
      id: row.id,
      mode: row.mode,
      topic: row.topic,
      rotationId: row.rotation_id,
      groupId: row.group_id,
      participants,
      startedAt: row.started_at,
      deadline: row.deadline,
      endedAt: row.ended_at,
      pausedAt: row.paused_at ?? null,
      pausedMs: pausedMsOf(row.pauses),
      note: noteView,
    };
  }
}
