import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPragmas, DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import {
  DatabaseTooNewError,
  LATEST_VERSION,
  migrate,
  migrations,
  schemaVersion,
} from '../../electron/core/migrations.js';
import { tempDir } from './helpers.js';

/**
 * What each migration must leave behind: the tables it creates (all STRICT)
 * with their columns in order, and its indexes. A new migration adds one
 * entry here and gets its own test.
 */
const EXPECTED: Record<number, { tables: Record<string, string[]>; indexes: string[] }> = {
  1: {
    tables: {
      meta: ['key', 'value'],
      ops: ['id', 'device_id', 'seq', 'hlc', 'type', 'payload'],
      events: ['id', 'name', 'date', 'start_time', 'end_time', 'place'],
      topics: ['id', 'event_id', 'label', 'removed', 'added_hlc'],
      coaching_tables: [
        'id',
        'event_id',
        'name',
        'coaches',
        'topics',
        'language',
        'turn_minutes',
        'created_at',
      ],
      queue_entries: [
        'id',
        'table_id',
        'ticket',
        'name',
        'topics',
        'party_size',
        'joined_at',
        'status',
      ],
      turns: ['id', 'table_id', 'entry_id', 'started_at', 'deadline', 'ended_at'],
      notes: ['id', 'turn_id', 'text', 'saved_at', 'saved_hlc', 'private'],
    },
    indexes: ['ops_by_hlc', 'queue_by_table', 'turns_by_table', 'notes_by_turn'],
  },
};

function userTables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
}

function columns(db: Db, table: string): string[] {
  return db
    .prepare<[string], { name: string }>(`SELECT name FROM pragma_table_info(?) ORDER BY cid`)
    .all(table)
    .map((r) => r.name);
}

function isStrict(db: Db, table: string): boolean {
  const row = db
    .prepare<[string], { strict: number }>(`SELECT strict FROM pragma_table_list WHERE name = ?`)
    .get(table);
  return row?.strict === 1;
}

function schemaSql(db: Db): unknown[] {
  return db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all();
}

describe('migrations', () => {
  it('has one expectation per migration, numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: migrations.length }, (_, i) => i + 1),
    );
    expect(Object.keys(EXPECTED).map(Number)).toEqual(migrations.map((m) => m.version));
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  for (const migration of migrations) {
    it(`migration ${migration.version} (${migration.name}) creates its tables as STRICT`, () => {
      const db = new Database(':memory:');
      migrate(db, migration.version - 1);
      const before = new Set(userTables(db));
      migrate(db, migration.version);
      expect(schemaVersion(db)).toBe(migration.version);

      const expected = EXPECTED[migration.version];
      if (!expected) throw new Error(`Add expectations for migration ${migration.version}`);
      const created = userTables(db).filter((t) => !before.has(t));
      expect(created.sort()).toEqual(Object.keys(expected.tables).sort());
      for (const [table, cols] of Object.entries(expected.tables)) {
        expect(columns(db, table), table).toEqual(cols);
        expect(isStrict(db, table), `${table} is STRICT`).toBe(true);
      }
      const indexes = db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
        .all()
        .map((r) => r.name);
      for (const index of expected.indexes) expect(indexes).toContain(index);
      db.close();
    });
  }

  it('is idempotent: migrating again changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    const schema = schemaSql(db);
    migrate(db);
    migrate(db, LATEST_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(schemaSql(db)).toEqual(schema);
    db.close();
  });

  it('a STRICT table refuses a value of the wrong type', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(() =>
      db.prepare(`INSERT INTO meta (key, value) VALUES ('k', ?)`).run(Buffer.from('not text')),
    ).toThrow(/cannot store BLOB value in TEXT column/);
    db.close();
  });

  it('refuses a database from a newer Tableside and leaves it untouched', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE future (x INTEGER) STRICT; INSERT INTO future VALUES (42);`);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const schema = schemaSql(db);

    let error: unknown;
    try {
      migrate(db);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    const message = (error as Error).message;
    expect(message).toMatch(/Update Tableside/);
    expect(message).toMatch(/the data has not been changed/);
    expect(message).toContain(`schema ${LATEST_VERSION + 1}`);

    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
    expect(schemaSql(db)).toEqual(schema);
    expect(db.prepare(`SELECT x FROM future`).all()).toEqual([{ x: 42 }]);
    db.close();
  });

  describe('on a file', () => {
    const dirs: (() => void)[] = [];
    afterEach(() => dirs.splice(0).forEach((remove) => remove()));

    it('openDatabase sets WAL, synchronous=FULL and foreign keys, and migrates', () => {
      const { dir, remove } = tempDir();
      dirs.push(remove);
      const db = openDatabase(join(dir, 'nested', DATABASE_FILE));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      db.close();
    });

    it('openDatabase refuses a newer database and closes it with its rows intact', () => {
      const { dir, remove } = tempDir();
      dirs.push(remove);
      const file = join(dir, DATABASE_FILE);
      const seed = new Database(file);
      applyPragmas(seed);
      seed.exec(`CREATE TABLE future (x INTEGER) STRICT; INSERT INTO future VALUES (7);`);
      seed.pragma(`user_version = ${LATEST_VERSION + 5}`);
      const schema = schemaSql(seed);
      seed.close();

      expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);

      const check = new Database(file, { readonly: true });
      expect(schemaVersion(check)).toBe(LATEST_VERSION + 5);
      expect(schemaSql(check)).toEqual(schema);
      expect(check.prepare(`SELECT x FROM future`).all()).toEqual([{ x: 7 }]);
      check.close();
    });
  });
});
