/**
 * Versions of what the table views are read from, so the parts of a table
 * view that an operation did not touch can be kept rather than read again
 * (Reads caches them per table, keyed by these versions).
 *
 * The versions are kept by TEMP triggers on this connection (nothing is
 * stored in the database file; no migration): every row written to the
 * tables a table view reads bumps the version of the coaching table the row
 * belongs to, or the version of everything when the row can reach another
 * table (a transfer, a table's name) or it is a deletion (a replay clears
 * every table). One write is left out on purpose: a new queue entry. A
 * plain walk-in (waiting, no transfer) needs no bump, since nothing else can
 * refer to a row that did not exist (foreign keys are on) and the queue
 * itself is always read whole; the ticket letters such an entry can change
 * (1B) are compared by Reads itself. The one other way an entry is made, a
 * transfer's copy (entry.transferred), is always written together with the
 * update of the entry it copies (transferred_to), whose trigger bumps every
 * table. So queue_entries has no insert trigger at all: its mere presence
 * cost every walk-in applied about 2 µs, even with its WHEN false (SQLite
 * runs a trigger's WHEN inside the trigger's own program, once per row).
 * view-versions.test counts the statements that insert queue entries.
 *
 * Bumps are conservative: a write that is rolled back still counts, which
 * only costs a read. A view is cached only outside a transaction, so a view
 * of writes later rolled back is never kept.
 *
 * A large batch (operations received from sync, a replay) runs `quiet`: the
 * triggers are switched off by a one-row TEMP flag they test first, and the
 * version of everything is bumped once after the batch (about 5 µs a row
 * written saved; such a batch changes most tables anyway).
 */
import type { Database, Statement } from 'better-sqlite3';

const FUNCTION = 'tableside_view_touched';
/** One-row TEMP flag: 1 while a batch runs `quiet` (every trigger's WHEN tests it first). */
const QUIET = 'tv_quiet';

/** The coaching table(s) of a row of each table a table view reads, as SQL over NEW (or OLD); NULL: every table. */
/** `insert` null: no insert trigger (queue_entries, see above). */
const OWNERS: Record<string, { insert: string[] | null; update: string[] }> = {
  queue_entries: {
    // A new entry bumps nothing by itself (see above): a plain walk-in needs none, a transfer's copy comes with its original's update.
    insert: null,
    update: [
      // Its own table, unless it can show at another: a transfer, or (only in a hand-made log) a turn or group there.
      `CASE WHEN NEW.transferred_from IS NULL AND NEW.transferred_to IS NULL AND OLD.transferred_to IS NULL
         AND OLD.transferred_from IS NULL AND OLD.table_id = NEW.table_id
         AND NOT EXISTS (SELECT 1 FROM participants p JOIN interactions i ON i.id = p.interaction_id
                          WHERE p.entry_id = NEW.id AND i.table_id <> NEW.table_id)
         AND NOT EXISTS (SELECT 1 FROM rotation_members m JOIN rotation_groups g ON g.id = m.group_id
                          JOIN rotations r ON r.id = g.rotation_id WHERE m.entry_id = NEW.id AND r.table_id <> NEW.table_id)
         THEN NEW.table_id END`,
    ],
  },
  interactions: {
    insert: [`NEW.table_id`],
    update: [`CASE WHEN OLD.table_id = NEW.table_id THEN NEW.table_id END`],
  },
  participants: {
    insert: [`(SELECT table_id FROM interactions WHERE id = NEW.interaction_id)`, `(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`],
    update: [
      `(SELECT table_id FROM interactions WHERE id = NEW.interaction_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`,
      `(SELECT table_id FROM interactions WHERE id = OLD.interaction_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = OLD.entry_id)`,
    ],
  },
  notes: {
    insert: [`(SELECT table_id FROM interactions WHERE id = NEW.interaction_id)`],
    update: [`(SELECT table_id FROM interactions WHERE id = NEW.interaction_id)`, `(SELECT table_id FROM interactions WHERE id = OLD.interaction_id)`],
  },
  followups: {
    insert: [`(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`, `CASE WHEN NEW.interaction_id IS NULL THEN '' ELSE (SELECT table_id FROM interactions WHERE id = NEW.interaction_id) END`],
    update: [
      `(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = OLD.entry_id)`,
      `CASE WHEN NEW.interaction_id IS NULL THEN '' ELSE (SELECT table_id FROM interactions WHERE id = NEW.interaction_id) END`,
    ],
  },
  rotations: {
    insert: [`NEW.table_id`],
    update: [`CASE WHEN OLD.table_id = NEW.table_id THEN NEW.table_id END`],
  },
  rotation_groups: {
    insert: [`(SELECT table_id FROM rotations WHERE id = NEW.rotation_id)`],
    update: [`(SELECT table_id FROM rotations WHERE id = NEW.rotation_id)`, `(SELECT table_id FROM rotations WHERE id = OLD.rotation_id)`],
  },
  rotation_members: {
    insert: [
      `(SELECT r.table_id FROM rotation_groups g JOIN rotations r ON r.id = g.rotation_id WHERE g.id = NEW.group_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`,
    ],
    update: [
      `(SELECT r.table_id FROM rotation_groups g JOIN rotations r ON r.id = g.rotation_id WHERE g.id = NEW.group_id)`,
      `(SELECT r.table_id FROM rotation_groups g JOIN rotations r ON r.id = g.rotation_id WHERE g.id = OLD.group_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = NEW.entry_id)`,
      `(SELECT table_id FROM queue_entries WHERE id = OLD.entry_id)`,
    ],
  },
  coaching_tables: {
    insert: [`NEW.id`],
    // Another table's view shows a table's name (sent to, sent from).
    update: [`NULL`],
  },
};

/** Every table a table view reads (electron/core/reads.ts), each with triggers. */
export const VERSIONED_TABLES = Object.keys(OWNERS);

const known = new WeakMap<Database, ViewVersions>();

export class ViewVersions {
  private all = 0;
  private readonly tables = new Map<string, number>();
  private readonly db: Database;
  /** How many `quiet` calls are running (nested: a receive around applyOps). */
  private quietDepth = 0;
  /** Sets the TEMP flag (prepared on the first quiet batch). */
  private flag: Statement<[number]> | null = null;

  /** The versions of this connection (one per connection: the triggers call back into it). Null if they cannot be set up. */
  static of(db: Database): ViewVersions | null {
    const held = known.get(db);
    if (held) return held;
    try {
      const versions = new ViewVersions(db);
      known.set(db, versions);
      return versions;
    } catch {
      return null;
    }
  }

  private constructor(db: Database) {
    this.db = db;
    // '' (a write that concerns no table's cached parts): nothing; NULL: every table; else that table.
    db.function(FUNCTION, { deterministic: false, varargs: false }, (tableId: unknown) => {
      if (tableId === '') return null;
      if (typeof tableId !== 'string') this.all += 1;
      else this.tables.set(tableId, (this.tables.get(tableId) ?? 0) + 1);
      return null;
    });
    const sql: string[] = [
      `CREATE TEMP TABLE IF NOT EXISTS ${QUIET} (on_ INTEGER NOT NULL);`,
      `INSERT INTO temp.${QUIET} (on_) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.${QUIET});`,
    ];
    const awake = `(SELECT on_ FROM temp.${QUIET}) = 0`;
    for (const [table, owners] of Object.entries(OWNERS)) {
      const calls = (exprs: string[]) => exprs.map((e) => `SELECT ${FUNCTION}(${e});`).join(' ');
      if (owners.insert) {
        sql.push(`CREATE TEMP TRIGGER IF NOT EXISTS tv_${table}_i AFTER INSERT ON main.${table} WHEN ${awake} BEGIN ${calls(owners.insert)} END;`);
      }
      sql.push(
        `CREATE TEMP TRIGGER IF NOT EXISTS tv_${table}_u AFTER UPDATE ON main.${table} WHEN ${awake} BEGIN ${calls(owners.update)} END;`,
        `CREATE TEMP TRIGGER IF NOT EXISTS tv_${table}_d AFTER DELETE ON main.${table} WHEN ${awake} BEGIN ${calls(['NULL'])} END;`,
      );
    }
    db.exec(sql.join('\n'));
  }

  /**
   * Run `write` (inside the caller's transaction) with the triggers off, then
   * count everything as changed once: for a batch that writes many rows.
   * Everything counts as changed even if `write` throws (conservative).
   */
  quiet<T>(write: () => T): T {
    if (this.quietDepth > 0) return write();
    const flag = (this.flag ??= this.db.prepare(`UPDATE temp.${QUIET} SET on_ = ?`));
    flag.run(1);
    this.quietDepth = 1;
    try {
      return write();
    } finally {
      this.quietDepth = 0;
      this.all += 1;
      // Back on (a rollback of the caller's transaction would put the flag back to 0 too).
      flag.run(0);
    }
  }

  /** The version of what a coaching table's view reads (a string to compare; it changes whenever that may have changed). */
  of(tableId: string): string {
    return `${this.all}.${this.tables.get(tableId) ?? 0}`;
  }
}
