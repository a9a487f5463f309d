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
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Op } from '../../shared/ops.js';

export const EVENT_PART = 'event';

/** The parts an operation touches, or null when it cannot be placed. */
export type Footprint = readonly string[] | null;

class Unplaceable extends Error {}

export class Footprints {
  private readonly entry: Statement<[string], { table_id: string; transferred_to: string | null }>;
  private readonly turn: Statement<[string], { table_id: string }>;
  private readonly rotation: Statement<[string], { table_id: string }>;
  private readonly group: Statement<[string], { rotation_id: string }>;
  private readonly members: Statement<[string], { entry_id: string }>;
  private readonly table: Statement<[string], { one: number }>;
  private readonly note: Statement<[string], { interaction_id: string }>;
  private readonly followup: Statement<[string], { one: number }>;
  private readonly broadcast: Statement<[string], { one: number }>;
  private readonly event: Statement<[string], { one: number }>;
  private readonly topic: Statement<[string], { one: number }>;

  constructor(db: Database) {
    this.entry = db.prepare(`SELECT table_id, transferred_to FROM queue_entries WHERE id = ?`);
    this.turn = db.prepare(`SELECT table_id FROM interactions WHERE id = ?`);
    this.rotation = db.prepare(`SELECT table_id FROM rotations WHERE id = ?`);
    this.group = db.prepare(`SELECT rotation_id FROM rotation_groups WHERE id = ?`);
    this.members = db.prepare(`SELECT entry_id FROM rotation_members WHERE group_id = ?`);
    this.table = db.prepare(`SELECT 1 AS one FROM coaching_tables WHERE id = ?`);
    this.note = db.prepare(`SELECT interaction_id FROM notes WHERE id = ?`);
    this.followup = db.prepare(`SELECT 1 AS one FROM followups WHERE id = ?`);
    this.broadcast = db.prepare(`SELECT 1 AS one FROM broadcasts WHERE id = ?`);
    this.event = db.prepare(`SELECT 1 AS one FROM events WHERE id = ?`);
    this.topic = db.prepare(`SELECT 1 AS one FROM topics WHERE id = ?`);
  }

  /** Read against the tables as they are just before `op` applies. */
  of(op: Op): Footprint {
    try {
      return this.place(op);
    } catch (error) {
      if (error instanceof Unplaceable) return null;
      throw error;
    }
  }

  /** The parts of the operation being placed (one at a time; reused). */
  private readonly parts = new Set<string>();

  /**
   * A row not held (yet): the operation reads its absence (it changes
   * nothing, or fails and is skipped), and conflicts with a late arrival
   * that makes the row.
   */
  private absent(id: string): undefined {
    this.parts.add(rowPart(id));
    return undefined;
  }

  /** A row this operation makes: nothing may hold it already. */
  private makes(id: string, held: unknown): void {
    if (held) throw new Unplaceable();
    this.parts.add(rowPart(id));
  }

  /**
   * A row this operation needs to exist (a foreign key). Rows are never
   * deleted, so one that exists stays; one that does not is an absence read.
   */
  private needs(id: string, held: unknown): void {
    if (!held) this.absent(id);
  }

  /** An entry (of `tableId`, if given), and the table its copy went to, if it was sent on. */
  private entryAt(entryId: string, tableId: string | undefined): string | undefined {
    const row = this.entry.get(entryId);
    if (!row) return this.absent(entryId);
    if (tableId !== undefined && row.table_id !== tableId) throw new Unplaceable();
    this.parts.add(row.table_id);
    if (row.transferred_to) {
      const copy = this.entry.get(row.transferred_to);
      if (!copy) throw new Unplaceable();
      this.parts.add(copy.table_id);
    }
    return row.table_id;
  }

  private tableAt(tableId: string): string | undefined {
    if (!this.table.get(tableId)) return this.absent(tableId);
    this.parts.add(tableId);
    return tableId;
  }

  private turnAt(turnId: string): string | undefined {
    const row = this.turn.get(turnId);
    if (!row) return this.absent(turnId);
    this.parts.add(row.table_id);
    return row.table_id;
  }

  private rotationAt(rotationId: string): string | undefined {
    const row = this.rotation.get(rotationId);
    if (!row) return this.absent(rotationId);
    this.parts.add(row.table_id);
    return row.table_id;
  }

  private place(op: Op): string[] {
    const parts = this.parts;
    parts.clear();
    switch (op.type) {
      case 'event.created':
        this.makes(op.payload.eventId, this.event.get(op.payload.eventId));
        for (const t of op.payload.topics) this.makes(t.topicId, this.topic.get(t.topicId));
        parts.add(EVENT_PART);
        break;
      case 'event.updated':
        this.needs(op.payload.eventId, this.event.get(op.payload.eventId));
        parts.add(EVENT_PART);
        break;
      case 'topic.added':
        this.makes(op.payload.topicId, this.topic.get(op.payload.topicId));
        this.needs(op.payload.eventId, this.event.get(op.payload.eventId));
        parts.add(EVENT_PART);
        break;
      case 'topic.removed':
        this.needs(op.payload.topicId, this.topic.get(op.payload.topicId));
        parts.add(EVENT_PART);
        break;
      case 'table.created':
        this.makes(op.payload.tableId, this.table.get(op.payload.tableId));
        this.needs(op.payload.eventId, this.event.get(op.payload.eventId));
        parts.add(op.payload.tableId);
        break;
      case 'table.updated':
      case 'table.configured':
      case 'table.closed':
      case 'table.reopened':
        this.tableAt(op.payload.tableId);
        break;
      case 'walkin.added':
        this.makes(op.payload.entryId, this.entry.get(op.payload.entryId));
        this.tableAt(op.payload.tableId);
        break;
      case 'entry.ranked':
      case 'entry.status':
        this.entryAt(op.payload.entryId, undefined);
        break;
      case 'turn.started':
        this.makes(op.payload.turnId, this.turn.get(op.payload.turnId));
        this.entryAt(op.payload.entryId, this.tableAt(op.payload.tableId));
        break;
      case 'group.started': {
        this.makes(op.payload.turnId, this.turn.get(op.payload.turnId));
        const tableId = this.tableAt(op.payload.tableId);
        for (const entryId of op.payload.entryIds) this.entryAt(entryId, tableId);
        break;
      }
      case 'turn.ended':
        this.turnAt(op.payload.turnId);
        break;
      case 'note.saved': {
        this.turnAt(op.payload.turnId);
        const held = this.note.get(op.payload.noteId);
        if (held && held.interaction_id !== op.payload.turnId) throw new Unplaceable();
        break;
      }
      case 'followup.recorded': {
        if (this.followup.get(op.payload.followupId)) throw new Unplaceable();
        const tableId = this.entryAt(op.payload.entryId, undefined);
        if (op.payload.turnId !== null) {
          const turnTable = this.turnAt(op.payload.turnId);
          if (tableId !== undefined && turnTable !== undefined && turnTable !== tableId) throw new Unplaceable();
        }
        break;
      }
      case 'rotation.started': {
        this.makes(op.payload.rotationId, this.rotation.get(op.payload.rotationId));
        const tableId = this.tableAt(op.payload.tableId);
        for (const g of op.payload.groups) {
          this.makes(g.groupId, this.group.get(g.groupId));
          for (const entryId of g.entryIds) this.entryAt(entryId, tableId);
        }
        break;
      }
      case 'rotation.groupStarted': {
        this.makes(op.payload.turnId, this.turn.get(op.payload.turnId));
        const tableId = this.tableAt(op.payload.tableId);
        const rotationTable = this.rotationAt(op.payload.rotationId);
        if (tableId !== undefined && rotationTable !== undefined && rotationTable !== tableId) throw new Unplaceable();
        const group = this.group.get(op.payload.groupId);
        if (!group) this.absent(op.payload.groupId);
        else if (group.rotation_id !== op.payload.rotationId) throw new Unplaceable();
        // Those called are the group's members still present: each may have a copy elsewhere.
        else for (const m of this.members.all(op.payload.groupId)) this.entryAt(m.entry_id, rotationTable);
        break;
      }
      case 'rotation.joined': {
        const tableId = this.rotationAt(op.payload.rotationId);
        const group = this.group.get(op.payload.groupId);
        if (op.payload.newGroupPosition !== undefined) this.makes(op.payload.groupId, group);
        else if (!group) this.absent(op.payload.groupId);
        else if (group.rotation_id !== op.payload.rotationId) throw new Unplaceable();
        this.entryAt(op.payload.entryId, tableId);
        break;
      }
      case 'rotation.autoAdvance':
      case 'rotation.ended':
        this.rotationAt(op.payload.rotationId);
        break;
      case 'entry.transferred':
        this.makes(op.payload.newEntryId, this.entry.get(op.payload.newEntryId));
        this.entryAt(op.payload.entryId, undefined);
        this.tableAt(op.payload.toTableId);
        break;
      case 'broadcast.sent':
        // Written once, read by no other operation: it commutes with everything.
        if (this.broadcast.get(op.payload.broadcastId)) throw new Unplaceable();
        break;
    }
    return [...parts];
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
