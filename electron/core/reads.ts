/**
 * Queries over the projection tables: everything the handlers check and the
 * snapshot the UI shows. Nothing here writes.
 */
import type { Database } from 'better-sqlite3';
import type {
  EventView,
  NoteView,
  QueueEntryView,
  TableView,
  TopicView,
  TurnView,
} from '../../shared/contract.js';

interface EventRow {
  id: string;
  name: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
}
interface TableRow {
  id: string;
  name: string;
  coaches: string;
  topics: string;
  language: string;
  turn_minutes: number;
}
interface EntryRow {
  id: string;
  table_id: string;
  ticket: number;
  name: string | null;
  topics: string;
  party_size: number;
  joined_at: number;
  status: 'waiting' | 'in_turn' | 'served';
}
interface TurnRow {
  id: string;
  table_id: string;
  entry_id: string;
  started_at: number;
  deadline: number;
  ended_at: number | null;
  ticket: number;
  name: string | null;
  topics: string;
  party_size: number;
}
interface NoteRow {
  id: string;
  turn_id: string;
  text: string;
  saved_at: number;
}

export interface RunningTurn {
  turnId: string;
  tableId: string;
  deadline: number;
}

/** How many ended turns the snapshot carries per table. */
export const PAST_TURNS_SHOWN = 20;

export class Reads {
  private readonly q;

  constructor(db: Database) {
    const turnColumns = `t.id, t.table_id, t.entry_id, t.started_at, t.deadline, t.ended_at,
      e.ticket, e.name, e.topics, e.party_size`;
    this.q = {
      event: db.prepare<[], EventRow>(`SELECT * FROM events LIMIT 1`),
      topics: db.prepare<[string], TopicView>(
        `SELECT id, label FROM topics WHERE event_id = ? AND removed = 0 ORDER BY added_hlc, id`,
      ),
      topic: db.prepare<[string], { id: string; removed: number }>(
        `SELECT id, removed FROM topics WHERE id = ?`,
      ),
      tables: db.prepare<[], TableRow>(`SELECT * FROM coaching_tables ORDER BY created_at, id`),
      table: db.prepare<[string], TableRow>(`SELECT * FROM coaching_tables WHERE id = ?`),
      waiting: db.prepare<[string], EntryRow>(
        `SELECT * FROM queue_entries WHERE table_id = ? AND status = 'waiting'
         ORDER BY joined_at, ticket`,
      ),
      entry: db.prepare<[string], EntryRow>(`SELECT * FROM queue_entries WHERE id = ?`),
      maxTicket: db.prepare<[string], { n: number | null }>(
        `SELECT max(ticket) AS n FROM queue_entries WHERE table_id = ?`,
      ),
      runningTurn: db.prepare<[string], TurnRow>(
        `SELECT ${turnColumns} FROM turns t JOIN queue_entries e ON e.id = t.entry_id
         WHERE t.table_id = ? AND t.ended_at IS NULL`,
      ),
      allRunning: db.prepare<[], RunningTurn>(
        `SELECT id AS turnId, table_id AS tableId, deadline FROM turns WHERE ended_at IS NULL`,
      ),
      pastTurns: db.prepare<[string, number], TurnRow>(
        `SELECT ${turnColumns} FROM turns t JOIN queue_entries e ON e.id = t.entry_id
         WHERE t.table_id = ? AND t.ended_at IS NOT NULL
         ORDER BY t.ended_at DESC, t.id LIMIT ?`,
      ),
      turn: db.prepare<[string], TurnRow>(
        `SELECT ${turnColumns} FROM turns t JOIN queue_entries e ON e.id = t.entry_id WHERE t.id = ?`,
      ),
      noteForTurn: db.prepare<[string], NoteRow>(
        `SELECT * FROM notes WHERE turn_id = ? ORDER BY saved_hlc DESC LIMIT 1`,
      ),
    };
  }

  event(): EventView | null {
    const row = this.q.event.get();
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      date: row.date,
      startTime: row.start_time,
      endTime: row.end_time,
      place: row.place,
      topics: this.q.topics.all(row.id),
    };
  }

  topic(topicId: string): { id: string; removed: boolean } | null {
    const row = this.q.topic.get(topicId);
    return row ? { id: row.id, removed: row.removed === 1 } : null;
  }

  tableExists(tableId: string): boolean {
    return this.q.table.get(tableId) !== undefined;
  }

  turnMinutes(tableId: string): number | null {
    return this.q.table.get(tableId)?.turn_minutes ?? null;
  }

  waiting(tableId: string): QueueEntryView[] {
    return this.q.waiting.all(tableId).map((row, i) => ({
      id: row.id,
      ticket: row.ticket,
      name: row.name,
      topics: JSON.parse(row.topics) as string[],
      partySize: row.party_size,
      joinedAt: row.joined_at,
      position: i + 1,
    }));
  }

  entry(entryId: string): { id: string; tableId: string; status: EntryRow['status'] } | null {
    const row = this.q.entry.get(entryId);
    return row ? { id: row.id, tableId: row.table_id, status: row.status } : null;
  }

  nextTicket(tableId: string): number {
    return (this.q.maxTicket.get(tableId)?.n ?? 0) + 1;
  }

  runningTurn(tableId: string): TurnView | null {
    const row = this.q.runningTurn.get(tableId);
    return row ? this.turnView(row) : null;
  }

  runningTurns(): RunningTurn[] {
    return this.q.allRunning.all();
  }

  turn(turnId: string): (TurnView & { tableId: string }) | null {
    const row = this.q.turn.get(turnId);
    return row ? { ...this.turnView(row), tableId: row.table_id } : null;
  }

  noteIdForTurn(turnId: string): string | null {
    return this.q.noteForTurn.get(turnId)?.id ?? null;
  }

  tables(): TableView[] {
    return this.q.tables.all().map((row) => ({
      id: row.id,
      name: row.name,
      coaches: JSON.parse(row.coaches) as string[],
      topics: JSON.parse(row.topics) as string[],
      language: row.language,
      turnMinutes: row.turn_minutes,
      queue: this.waiting(row.id),
      currentTurn: this.runningTurn(row.id),
      pastTurns: this.q.pastTurns.all(row.id, PAST_TURNS_SHOWN).map((t) => this.turnView(t)),
    }));
  }

  private turnView(row: TurnRow): TurnView {
    const note = this.q.noteForTurn.get(row.id);
    const noteView: NoteView | null = note
      ? { id: note.id, text: note.text, savedAt: note.saved_at }
      : null;
    return {
      id: row.id,
      entryId: row.entry_id,
      ticket: row.ticket,
      name: row.name,
      topics: JSON.parse(row.topics) as string[],
      partySize: row.party_size,
      startedAt: row.started_at,
      deadline: row.deadline,
      endedAt: row.ended_at,
      note: noteView,
    };
  }
}
