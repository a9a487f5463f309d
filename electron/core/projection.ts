/**
 * Applying operations to the tables the UI reads.
 *
 * This is the only code that writes the projection tables. Every apply is
 * idempotent for the same operation and carries all its data in the payload,
 * so replaying the log from empty rebuilds the same rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Op, OpPayload, OpType } from '../../shared/ops.js';

type Appliers = { [T in OpType]: (payload: OpPayload<T>, op: Op) => void };

export const PROJECTION_TABLES = [
  'notes',
  'turns',
  'queue_entries',
  'coaching_tables',
  'topics',
  'events',
] as const;

export class Projection {
  private readonly appliers: Appliers;

  constructor(private readonly db: Database) {
    const s = <P extends unknown[] = unknown[]>(sql: string): Statement<P> =>
      db.prepare<P>(sql);

    const insertEvent = s(
      `INSERT OR IGNORE INTO events (id, name, date, start_time, end_time, place)
       VALUES (@eventId, @name, @date, @startTime, @endTime, @place)`,
    );
    const updateEvent = s(
      `UPDATE events SET name = @name, date = @date, start_time = @startTime,
         end_time = @endTime, place = @place WHERE id = @eventId`,
    );
    const insertTopic = s(
      `INSERT OR IGNORE INTO topics (id, event_id, label, added_hlc)
       VALUES (@topicId, @eventId, @label, @hlc)`,
    );
    const removeTopic = s(`UPDATE topics SET removed = 1 WHERE id = ?`);
    const insertTable = s(
      `INSERT OR IGNORE INTO coaching_tables
         (id, event_id, name, coaches, topics, language, turn_minutes, created_at)
       VALUES (@tableId, @eventId, @name, @coaches, @topics, @language, @turnMinutes, @createdAt)`,
    );
    const updateTable = s(
      `UPDATE coaching_tables SET name = @name, coaches = @coaches, topics = @topics,
         language = @language, turn_minutes = @turnMinutes WHERE id = @tableId`,
    );
    const insertEntry = s(
      `INSERT OR IGNORE INTO queue_entries
         (id, table_id, ticket, name, topics, party_size, joined_at, status)
       VALUES (@entryId, @tableId, @ticket, @name, @topics, @partySize, @joinedAt, 'waiting')`,
    );
    const insertTurn = s(
      `INSERT OR IGNORE INTO turns (id, table_id, entry_id, started_at, deadline)
       VALUES (@turnId, @tableId, @entryId, @startedAt, @deadline)`,
    );
    const entryInTurn = s(`UPDATE queue_entries SET status = 'in_turn' WHERE id = ?`);
    const endTurn = s(`UPDATE turns SET ended_at = @endedAt WHERE id = @turnId AND ended_at IS NULL`);
    const entryServed = s(
      `UPDATE queue_entries SET status = 'served'
       WHERE id = (SELECT entry_id FROM turns WHERE id = ?)`,
    );
    const upsertNote = s(
      `INSERT INTO notes (id, turn_id, text, saved_at, saved_hlc)
       VALUES (@noteId, @turnId, @text, @savedAt, @hlc)
       ON CONFLICT (id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at,
         saved_hlc = excluded.saved_hlc
       WHERE excluded.saved_hlc > notes.saved_hlc`,
    );

    this.appliers = {
      'event.created': (p, op) => {
        insertEvent.run(p);
        for (const t of p.topics) insertTopic.run({ ...t, eventId: p.eventId, hlc: op.hlc });
      },
      'event.updated': (p) => updateEvent.run(p),
      'topic.added': (p, op) => insertTopic.run({ ...p, hlc: op.hlc }),
      'topic.removed': (p) => removeTopic.run(p.topicId),
      'table.created': (p) =>
        insertTable.run({ ...p, coaches: JSON.stringify(p.coaches), topics: JSON.stringify(p.topics) }),
      'table.updated': (p) =>
        updateTable.run({ ...p, coaches: JSON.stringify(p.coaches), topics: JSON.stringify(p.topics) }),
      'walkin.added': (p) => insertEntry.run({ ...p, topics: JSON.stringify(p.topics) }),
      'turn.started': (p) => {
        if (insertTurn.run(p).changes > 0) entryInTurn.run(p.entryId);
      },
      'turn.ended': (p) => {
        if (endTurn.run(p).changes > 0) entryServed.run(p.turnId);
      },
      'note.saved': (p, op) => upsertNote.run({ ...p, hlc: op.hlc }),
    };
  }

  apply(op: Op): void {
    const apply = this.appliers[op.type] as (payload: unknown, op: Op) => void;
    apply(op.payload, op);
  }

  /** Empty every projection table (for a replay from the log). */
  clear(): void {
    for (const table of PROJECTION_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
  }
}
