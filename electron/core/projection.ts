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

/** Children before parents, so clearing respects the foreign keys. */
export const PROJECTION_TABLES = [
  'broadcasts',
  'followups',
  'notes',
  'participants',
  'rotation_members',
  'rotation_groups',
  'rotations',
  'interactions',
  'queue_entries',
  'coaching_tables',
  'topics',
  'events',
] as const;

const json = (v: unknown) => JSON.stringify(v);

export class Projection {
  private readonly appliers: Appliers;

  constructor(private readonly db: Database) {
    const s = <P extends unknown[] = unknown[]>(sql: string): Statement<P> => db.prepare<P>(sql);

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
    const configureTable = s(
      `UPDATE coaching_tables SET hold_minutes = @holdMinutes, max_group_size = @maxGroupSize,
         rotation_minutes = @rotationMinutes, auto_advance = @autoAdvance, questions = @questions
       WHERE id = @tableId`,
    );
    const closeTable = s(`UPDATE coaching_tables SET closed_at = @closedAt WHERE id = @tableId`);
    const notReached = s(
      `UPDATE queue_entries SET status = 'not_reached', status_at = @closedAt
       WHERE table_id = @tableId AND status IN ('waiting', 'away')`,
    );
    const reopenTable = s(`UPDATE coaching_tables SET closed_at = NULL WHERE id = ?`);

    // Positional: the one applier every walk-in runs, and the hottest in a replay.
    const insertEntry = s<[string, string, number, string | null, string, number, number, number, number]>(
      `INSERT OR IGNORE INTO queue_entries
         (id, table_id, ticket, name, topics, party_size, joined_at, rank, status, status_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
    );
    const rankEntry = s(`UPDATE queue_entries SET rank = @rank WHERE id = @entryId`);
    const entryStatus = s(
      `UPDATE queue_entries SET status = @status, away_until = @awayUntil, status_at = @at,
         rank = coalesce(@rank, rank)
       WHERE id = @entryId`,
    );
    const entryInTurn = s(`UPDATE queue_entries SET status = 'in_turn', status_at = ? WHERE id = ?`);
    const entryRow = db.prepare<[string], { status: string; transferred_to: string | null; table_id: string }>(
      `SELECT status, transferred_to, table_id FROM queue_entries WHERE id = ?`,
    );
    const markConflict = s(`UPDATE queue_entries SET conflict = ? WHERE id = ?`);
    const withdrawCopy = s(
      `UPDATE queue_entries SET status = 'removed', status_at = ? WHERE id = ? AND status IN ('waiting', 'away')`,
    );
    const transferOut = s(
      `UPDATE queue_entries SET status = 'removed', status_at = @at, transferred_to = @newEntryId WHERE id = @entryId`,
    );
    const transferIn = s(
      `INSERT OR IGNORE INTO queue_entries
         (id, table_id, ticket, name, topics, party_size, joined_at, rank, status, status_at, transferred_from)
       SELECT @newEntryId, @toTableId, ticket, name, topics, party_size, @at, @at,
         CASE WHEN (SELECT closed_at FROM coaching_tables WHERE id = @toTableId) IS NULL THEN 'waiting' ELSE 'not_reached' END,
         @at, id
       FROM queue_entries WHERE id = @entryId`,
    );
    const insertBroadcast = s(
      `INSERT OR IGNORE INTO broadcasts (id, text, sent_at, sent_by) VALUES (@broadcastId, @text, @sentAt, @deviceId)`,
    );

    const insertInteraction = s(
      `INSERT OR IGNORE INTO interactions
         (id, table_id, mode, topic, rotation_id, group_id, started_at, deadline)
       VALUES (@turnId, @tableId, @mode, @topic, @rotationId, @groupId, @startedAt, @deadline)`,
    );
    const insertParticipant = s(
      `INSERT OR IGNORE INTO participants (interaction_id, entry_id, joined_at) VALUES (?, ?, ?)`,
    );
    const endInteraction = s(
      `UPDATE interactions SET ended_at = @endedAt WHERE id = @turnId AND ended_at IS NULL`,
    );
    const participantsLeave = s(
      `UPDATE participants SET left_at = @endedAt WHERE interaction_id = @turnId AND left_at IS NULL`,
    );
    const servedAfter = s(
      `UPDATE queue_entries SET status = 'served', status_at = @endedAt
       WHERE status = 'in_turn' AND id IN (SELECT entry_id FROM participants WHERE interaction_id = @turnId)`,
    );
    const groupEnded = s(
      `UPDATE rotation_groups SET ended_at = @endedAt
       WHERE id = (SELECT group_id FROM interactions WHERE id = @turnId) AND ended_at IS NULL`,
    );
    const leaveRunningTurn = s(
      `UPDATE participants SET left_at = @at
       WHERE entry_id = @entryId AND left_at IS NULL
         AND interaction_id IN (SELECT id FROM interactions WHERE ended_at IS NULL)`,
    );
    const leaveFutureGroups = s(
      `DELETE FROM rotation_members WHERE entry_id = @entryId
         AND group_id IN (SELECT id FROM rotation_groups WHERE started_at IS NULL)`,
    );

    const upsertNote = s(
      `INSERT INTO notes (id, interaction_id, text, about, topics, support_kind, shared, saved_at, saved_hlc)
       VALUES (@noteId, @turnId, @text, @about, @topics, @supportKind, @shared, @savedAt, @hlc)
       ON CONFLICT (id) DO UPDATE SET text = excluded.text, about = excluded.about,
         topics = excluded.topics, support_kind = excluded.support_kind, shared = excluded.shared,
         saved_at = excluded.saved_at, saved_hlc = excluded.saved_hlc
       WHERE excluded.saved_hlc > notes.saved_hlc`,
    );

    const insertRotation = s(
      `INSERT OR IGNORE INTO rotations (id, table_id, turn_minutes, max_group_size, auto_advance, started_at)
       VALUES (@rotationId, @tableId, @turnMinutes, @maxGroupSize, @autoAdvance, @startedAt)`,
    );
    const insertGroup = s(
      `INSERT OR IGNORE INTO rotation_groups (id, rotation_id, position) VALUES (?, ?, ?)`,
    );
    const insertMember = s(`INSERT OR IGNORE INTO rotation_members (group_id, entry_id) VALUES (?, ?)`);
    const groupStarted = s(
      `UPDATE rotation_groups SET started_at = @startedAt WHERE id = @groupId AND started_at IS NULL`,
    );
    const presentMembers = db.prepare<[string], { entry_id: string }>(
      `SELECT m.entry_id FROM rotation_members m JOIN queue_entries e ON e.id = m.entry_id
       WHERE m.group_id = ? AND e.status IN ('waiting', 'away')`,
    );
    const rotationAuto = s(`UPDATE rotations SET auto_advance = @autoAdvance WHERE id = @rotationId`);
    const rotationEnded = s(
      `UPDATE rotations SET ended_at = @endedAt WHERE id = @rotationId AND ended_at IS NULL`,
    );

    const insertFollowUp = s(
      `INSERT OR IGNORE INTO followups
         (id, entry_id, interaction_id, consent, contact, note, recorded_at, recorded_hlc)
       VALUES (@followupId, @entryId, @turnId, @consent, @contact, @note, @recordedAt, @hlc)`,
    );

    /**
     * Someone is being coached: that wins over anything else that happened to
     * their queue entry concurrently on another laptop. If the organiser had
     * sent them to another table, the copy there is withdrawn; if the other
     * table had already called them too, both turns stand and this entry is
     * marked so its coach sees it (rules in ARCHITECTURE.md).
     */
    const beingCoached = (entryId: string, at: number) => {
      const row = entryRow.get(entryId);
      if (!row) return;
      if (row.transferred_to) {
        const copy = entryRow.get(row.transferred_to);
        if (copy && (copy.status === 'waiting' || copy.status === 'away')) withdrawCopy.run(at, row.transferred_to);
        else if (copy) markConflict.run('called_twice', entryId);
      }
      entryInTurn.run(at, entryId);
    };

    const startInteraction = (p: {
      turnId: string;
      tableId: string;
      mode: string;
      topic: string | null;
      rotationId: string | null;
      groupId: string | null;
      startedAt: number;
      deadline: number;
    }) => insertInteraction.run(p).changes > 0;

    this.appliers = {
      'event.created': (p, op) => {
        insertEvent.run(p);
        for (const t of p.topics) insertTopic.run({ ...t, eventId: p.eventId, hlc: op.hlc });
      },
      'event.updated': (p) => updateEvent.run(p),
      'topic.added': (p, op) => insertTopic.run({ ...p, hlc: op.hlc }),
      'topic.removed': (p) => removeTopic.run(p.topicId),
      'table.created': (p) => insertTable.run({ ...p, coaches: json(p.coaches), topics: json(p.topics) }),
      'table.updated': (p) => updateTable.run({ ...p, coaches: json(p.coaches), topics: json(p.topics) }),
      'table.configured': (p) =>
        configureTable.run({ ...p, autoAdvance: p.autoAdvance ? 1 : 0, questions: json(p.questions) }),
      'table.closed': (p) => {
        closeTable.run(p);
        notReached.run(p);
      },
      'table.reopened': (p) => reopenTable.run(p.tableId),
      'walkin.added': (p) =>
        insertEntry.run(p.entryId, p.tableId, p.ticket, p.name, json(p.topics), p.partySize, p.joinedAt, p.rank ?? p.joinedAt, p.joinedAt),
      'entry.ranked': (p) => rankEntry.run(p),
      'entry.status': (p) => {
        const row = entryRow.get(p.entryId);
        if (!row) return;
        // A change made concurrently elsewhere to someone who is by now being
        // coached, was served, or was sent to another table, is void; only
        // "left" applies mid-turn.
        if (row.status === 'served' || row.transferred_to !== null) return;
        if (row.status === 'in_turn' && p.status !== 'left') return;
        entryStatus.run({ ...p, rank: p.rank ?? null });
        if (p.status === 'left' || p.status === 'no_show' || p.status === 'removed') {
          leaveRunningTurn.run(p);
          leaveFutureGroups.run(p);
        }
      },
      'turn.started': (p) => {
        if (!startInteraction({ ...p, mode: 'one_to_one', topic: null, rotationId: null, groupId: null })) return;
        insertParticipant.run(p.turnId, p.entryId, p.startedAt);
        beingCoached(p.entryId, p.startedAt);
      },
      'group.started': (p) => {
        if (!startInteraction({ ...p, rotationId: null, groupId: null })) return;
        for (const entryId of p.entryIds) {
          insertParticipant.run(p.turnId, entryId, p.startedAt);
          // A plenary is an introduction: afterwards everyone still waits for
          // their own turn. A topic focus is their coaching.
          if (p.mode === 'topic_focus') beingCoached(entryId, p.startedAt);
        }
      },
      'turn.ended': (p) => {
        if (endInteraction.run(p).changes === 0) return;
        participantsLeave.run(p);
        servedAfter.run(p);
        groupEnded.run(p);
      },
      'note.saved': (p, op) =>
        upsertNote.run({
          ...p,
          // Notes from before tags existed have none of these fields.
          about: json(p.about ?? []),
          topics: json(p.topics ?? []),
          supportKind: p.supportKind ?? null,
          shared: p.shared ? 1 : 0,
          hlc: op.hlc,
        }),
      'rotation.started': (p) => {
        insertRotation.run({ ...p, autoAdvance: p.autoAdvance ? 1 : 0 });
        p.groups.forEach((g, position) => {
          insertGroup.run(g.groupId, p.rotationId, position);
          for (const entryId of g.entryIds) insertMember.run(g.groupId, entryId);
        });
      },
      'rotation.groupStarted': (p) => {
        groupStarted.run(p);
        const members = presentMembers.all(p.groupId);
        if (
          !startInteraction({ ...p, mode: 'rotation', topic: null, rotationId: p.rotationId, groupId: p.groupId })
        ) {
          return;
        }
        for (const m of members) {
          insertParticipant.run(p.turnId, m.entry_id, p.startedAt);
          beingCoached(m.entry_id, p.startedAt);
        }
      },
      'rotation.joined': (p) => {
        if (p.newGroupPosition !== undefined) insertGroup.run(p.groupId, p.rotationId, p.newGroupPosition);
        insertMember.run(p.groupId, p.entryId);
      },
      'rotation.autoAdvance': (p) => rotationAuto.run({ ...p, autoAdvance: p.autoAdvance ? 1 : 0 }),
      'rotation.ended': (p) => rotationEnded.run(p),
      'entry.transferred': (p) => {
        const row = entryRow.get(p.entryId);
        // Only someone still waiting can be sent elsewhere; being coached wins.
        if (!row || (row.status !== 'waiting' && row.status !== 'away') || row.transferred_to !== null) return;
        transferIn.run(p);
        transferOut.run(p);
        leaveFutureGroups.run(p);
      },
      'broadcast.sent': (p, op) => insertBroadcast.run({ ...p, deviceId: op.deviceId }),
      'followup.recorded': (p, op) =>
        insertFollowUp.run({
          ...p,
          consent: p.consent ? 1 : 0,
          contact: p.consent ? p.contact : null,
          hlc: op.hlc,
        }),
    };
  }

  /**
   * Apply one operation. Its payload was validated where it entered: typed
   * by the handler that made it, or parsed with its schema by the sync
   * protocol or an import (defaults filled). Operations written before a
   * field existed are defaulted by the appliers themselves.
   */
  apply(op: Op): void {
    const apply = this.appliers[op.type] as (payload: unknown, op: Op) => void;
    apply(op.payload, op);
  }

  /** Empty every projection table (for a replay from the log). */
  clear(): void {
    for (const table of PROJECTION_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
  }
}
