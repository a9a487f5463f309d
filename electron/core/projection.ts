/**
 * Applying operations to the tables the UI reads.
 *
 * This is the only code that writes the projection tables: each operation
 * type's applier is its registry entry's `project` (electron/core/areas/),
 * built here once per database with the shared rules of the kit. Every apply
 * is idempotent for the same operation and carries all its data in the
 * payload, so replaying the log from empty rebuilds the same rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Op, OpType } from '../../shared/ops.js';
import type { Applier, ProjectionKit } from './operation.js';
import { OP_TYPES, opSpec } from './registry.js';

type Appliers = { [T in OpType]: Applier<T> };

/** Children before parents, so clearing respects the foreign keys. */
export const PROJECTION_TABLES = [
  'rehearsal_player',
  'laptop_names',
  'laptop_claims',
  'feedback',
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

/** The statements and rules several operation types share. */
function projectionKit(db: Database): ProjectionKit {
  const prepare = <P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> => db.prepare<P, R>(sql);
  const entryRow = db.prepare<[string], { status: string; transferred_to: string | null; table_id: string }>(
    `SELECT status, transferred_to, table_id FROM queue_entries WHERE id = ?`,
  );
  const entryInTurn = prepare<[number, string]>(
    `UPDATE queue_entries SET status = 'in_turn', status_at = ? WHERE id = ?`,
  );
  const markConflict = prepare<[string, string]>(`UPDATE queue_entries SET conflict = ? WHERE id = ?`);
  const withdrawCopy = prepare<[number, string]>(
    `UPDATE queue_entries SET status = 'removed', status_at = ? WHERE id = ? AND status IN ('waiting', 'away')`,
  );
  const insertInteraction = prepare(
    `INSERT OR IGNORE INTO interactions
       (id, table_id, mode, topic, rotation_id, group_id, started_at, deadline)
     VALUES (@turnId, @tableId, @mode, @topic, @rotationId, @groupId, @startedAt, @deadline)`,
  );
  const insertParticipant = prepare<[string, string, number]>(
    `INSERT OR IGNORE INTO participants (interaction_id, entry_id, joined_at) VALUES (?, ?, ?)`,
  );
  const leaveRunningTurn = prepare(
    `UPDATE participants SET left_at = @at
     WHERE entry_id = @entryId AND left_at IS NULL
       AND interaction_id IN (SELECT id FROM interactions WHERE ended_at IS NULL)`,
  );
  const leaveFutureGroups = prepare(
    `DELETE FROM rotation_members WHERE entry_id = @entryId
       AND group_id IN (SELECT id FROM rotation_groups WHERE started_at IS NULL)`,
  );
  const insertGroup = prepare<[string, string, number]>(
    `INSERT OR IGNORE INTO rotation_groups (id, rotation_id, position) VALUES (?, ?, ?)`,
  );
  const insertMember = prepare<[string, string]>(
    `INSERT OR IGNORE INTO rotation_members (group_id, entry_id) VALUES (?, ?)`,
  );

  return {
    prepare,
    db,
    json,
    entryRow: (entryId) => entryRow.get(entryId),
    /**
     * Someone is being coached: that wins over anything else that happened to
     * their queue entry concurrently on another laptop. If the organiser had
     * sent them to another table, the copy there is withdrawn; if the other
     * table had already called them too, both turns stand and this entry is
     * marked so its coach sees it (rules in ARCHITECTURE.md).
     */
    beingCoached: (entryId, at) => {
      const row = entryRow.get(entryId);
      if (!row) return;
      if (row.transferred_to) {
        const copy = entryRow.get(row.transferred_to);
        if (copy && (copy.status === 'waiting' || copy.status === 'away')) withdrawCopy.run(at, row.transferred_to);
        else if (copy) markConflict.run('called_twice', entryId);
      }
      entryInTurn.run(at, entryId);
    },
    startInteraction: (p) => insertInteraction.run(p).changes > 0,
    insertParticipant: (turnId, entryId, at) => void insertParticipant.run(turnId, entryId, at),
    leaveRunningTurn: (p) => void leaveRunningTurn.run(p),
    leaveFutureGroups: (p) => void leaveFutureGroups.run(p),
    insertGroup: (groupId, rotationId, position) => void insertGroup.run(groupId, rotationId, position),
    insertMember: (groupId, entryId) => void insertMember.run(groupId, entryId),
  };
}

export class Projection {
  private readonly appliers: Appliers;

  constructor(private readonly db: Database) {
    const kit = projectionKit(db);
    const appliers: Partial<Record<OpType, unknown>> = {};
    for (const type of OP_TYPES) appliers[type] = opSpec(type).project(kit);
    this.appliers = appliers as Appliers;
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
