/**
 * Which parts of the tables an operation reads or writes: its footprint.
 *
 * The tables are the fold of the log in HLC order. An operation that arrives
 * late (another laptop made it earlier than something this laptop already
 * holds) can still be applied where it stands, without replaying the log,
 * when nothing held after it touched what it touches: operations with
 * disjoint footprints commute. Reconnecting laptops mostly bring exactly
 * that (each coach's changes are to their own table), so a reconnect costs
 * its own rows rather than a rebuild of the day.
 *
 * Parts are coaching tables (by id), the event itself ('event'), and single
 * rows by id: one an operation makes, or one it refers to that is not held
 * (then it changes nothing or fails; either way it read that absence, and a
 * late operation making that row must not slip in before it). Every row of a
 * coaching table's queue, turns, rotations, notes and follow-ups belongs to
 * that table; the one sanctioned link between two tables is a transfer (an
 * entry and its copy), and a footprint names both tables. An operation that
 * cannot be placed so (an id that already exists, a link across tables that
 * no handler makes) has no footprint: `null`, and it commutes with nothing
 * until the next replay.
 *
 * Each operation type states its footprint in its registry entry
 * (`footprint` in electron/core/areas/), as calls on the `Placer` this class
 * is; there is no default, since an empty footprint would mean "commutes
 * with everything".
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Op, OpType } from '../../shared/ops.js';
import type { OpSpec, Placer, RowKind } from './operation.js';
import { opSpec } from './registry.js';

export const EVENT_PART = 'event';

/** The parts an operation touches, or null when it cannot be placed. */
export type Footprint = readonly string[] | null;

class Unplaceable extends Error {}

/**
 * Places operations: runs each type's `footprint` (its registry entry, in
 * electron/core/areas/) against the tables, as the `Placer` it is given.
 */
export class Footprints implements Placer {
  private readonly entryRow: Statement<[string], { table_id: string; transferred_to: string | null }>;
  private readonly turnRow: Statement<[string], { table_id: string }>;
  private readonly rotationRow: Statement<[string], { table_id: string }>;
  private readonly groupRow: Statement<[string], { rotation_id: string }>;
  private readonly members: Statement<[string], { entry_id: string }>;
  private readonly noteRow: Statement<[string], { interaction_id: string }>;
  private readonly followUpRow: Statement<[string], { entry_id: string }>;
  /** Whether a row of each kind is held. */
  private readonly held: Record<RowKind, Statement<[string], unknown>>;

  constructor(db: Database) {
    this.entryRow = db.prepare(`SELECT table_id, transferred_to FROM queue_entries WHERE id = ?`);
    this.turnRow = db.prepare(`SELECT table_id FROM interactions WHERE id = ?`);
    this.rotationRow = db.prepare(`SELECT table_id FROM rotations WHERE id = ?`);
    this.groupRow = db.prepare(`SELECT rotation_id FROM rotation_groups WHERE id = ?`);
    this.members = db.prepare(`SELECT entry_id FROM rotation_members WHERE group_id = ?`);
    this.noteRow = db.prepare(`SELECT interaction_id FROM notes WHERE id = ?`);
    this.followUpRow = db.prepare(`SELECT entry_id FROM followups WHERE id = ?`);
    // Whether a row is held is read from the primary key's index alone (the row itself is not needed).
    const one = (table: string) => db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM ${table} WHERE id = ?`);
    this.held = {
      event: one('events'),
      topic: one('topics'),
      table: one('coaching_tables'),
      entry: one('queue_entries'),
      turn: one('interactions'),
      rotation: one('rotations'),
      group: one('rotation_groups'),
      note: one('notes'),
      followup: one('followups'),
      broadcast: one('broadcasts'),
    };
  }

  /**
   * Coaching tables found held during one batch (Core.applyOps, in its
   * transaction): no operation deletes a coaching table (only a replay or
   * leaving the event empties the tables, never inside a batch), so one
   * found held stays held until the batch ends. Null outside a batch.
   */
  private heldTables: Set<string> | null = null;

  /** Place the operations of one batch, applied in one transaction: `place` runs with the held tables noted once each. */
  batch<T>(place: () => T): T {
    if (this.heldTables) return place();
    this.heldTables = new Set();
    try {
      return place();
    } finally {
      this.heldTables = null;
    }
  }

  /** Whether a coaching table is held (noted for the rest of the batch once found). */
  private tableHeld(tableId: string): boolean {
    if (this.heldTables?.has(tableId)) return true;
    if (!this.held.table.get(tableId)) return false;
    this.heldTables?.add(tableId);
    return true;
  }

  private isHeld(kind: RowKind, id: string): boolean {
    return kind === 'table' ? this.tableHeld(id) : this.held[kind].get(id) !== undefined;
  }

  /** Read against the tables as they are just before `op` applies. */
  of(op: Op): Footprint {
    this.parts.clear();
    try {
      (opSpec(op.type) as OpSpec<OpType>).footprint(op.payload, this);
      return [...this.parts];
    } catch (error) {
      if (error instanceof Unplaceable) return null;
      throw error;
    }
  }

  /** The parts of the operation being placed (one at a time; reused). */
  private readonly parts = new Set<string>();

  event(): void {
    this.parts.add(EVENT_PART);
  }

  /**
   * A row not held (yet): the operation reads its absence (it changes
   * nothing, or fails and is skipped), and conflicts with a late arrival
   * that makes the row.
   */
  absent(id: string): undefined {
    this.parts.add(rowPart(id));
    return undefined;
  }

  makes(kind: RowKind, id: string): void {
    if (this.isHeld(kind, id)) throw new Unplaceable();
    this.parts.add(rowPart(id));
  }

  /**
   * A row this operation needs to exist (a foreign key). Rows are never
   * deleted, so one that exists stays; one that does not is an absence read.
   */
  needs(kind: RowKind, id: string): void {
    if (!this.isHeld(kind, id)) this.absent(id);
  }

  once(kind: RowKind, id: string): void {
    if (this.isHeld(kind, id)) throw new Unplaceable();
  }

  followUpEntry(followupId: string): string | undefined {
    return this.followUpRow.get(followupId)?.entry_id;
  }

  unplaceable(): never {
    throw new Unplaceable();
  }

  entry(entryId: string, tableId?: string): string | undefined {
    const row = this.entryRow.get(entryId);
    if (!row) return this.absent(entryId);
    if (tableId !== undefined && row.table_id !== tableId) throw new Unplaceable();
    this.parts.add(row.table_id);
    if (row.transferred_to) {
      const copy = this.entryRow.get(row.transferred_to);
      if (!copy) throw new Unplaceable();
      this.parts.add(copy.table_id);
    }
    return row.table_id;
  }

  table(tableId: string): string | undefined {
    if (!this.tableHeld(tableId)) return this.absent(tableId);
    this.parts.add(tableId);
    return tableId;
  }

  onTable(tableId: string): void {
    this.parts.add(tableId);
  }

  turn(turnId: string): string | undefined {
    const row = this.turnRow.get(turnId);
    if (!row) return this.absent(turnId);
    this.parts.add(row.table_id);
    return row.table_id;
  }

  rotation(rotationId: string): string | undefined {
    const row = this.rotationRow.get(rotationId);
    if (!row) return this.absent(rotationId);
    this.parts.add(row.table_id);
    return row.table_id;
  }

  groupRotation(groupId: string): string | undefined {
    return this.groupRow.get(groupId)?.rotation_id;
  }

  groupMembers(groupId: string): string[] {
    return this.members.all(groupId).map((m) => m.entry_id);
  }

  noteTurn(noteId: string): string | undefined {
    return this.noteRow.get(noteId)?.interaction_id;
  }
}

/** The part that stands for one row, made or found missing. */
const rowPart = (id: string) => `row:${id}`;

/**
 * For each part, the latest operation applied to it (by HLC); `null` while
 * unknown (just opened, or after an operation that could not be placed),
 * which a replay of the log sets right.
 */
export class PartClocks {
  private latest: Map<string, string> | null;

  constructor(known: boolean) {
    this.latest = known ? new Map() : null;
  }

  /** Start over, as a replay from empty does. */
  reset(): void {
    this.latest = new Map();
  }

  /** `op` was applied, touching `footprint`. */
  record(footprint: Footprint, hlc: string): void {
    if (!this.latest) return;
    if (footprint === null) {
      this.latest = null;
      return;
    }
    for (const part of footprint) {
      const before = this.latest.get(part);
      if (before === undefined || before < hlc) this.latest.set(part, hlc);
    }
  }

  /** Can an operation at `hlc` touching `footprint` apply now, as if in its place in the log? */
  commutes(footprint: Footprint, hlc: string): boolean {
    if (!this.latest || footprint === null) return false;
    for (const part of footprint) {
      const after = this.latest.get(part);
      if (after !== undefined && after > hlc) return false;
    }
    return true;
  }
}
