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
import { Core } from '../../electron/core/core.js';
import { tempDir } from './helpers.js';

/**
 * What each migration must leave behind: the tables it creates (all STRICT)
 * with their columns in order, and its indexes. A new migration adds one
 * entry here and gets its own test.
 */
const EXPECTED: Record<number, { tables: Record<string, string[]>; indexes: string[]; dropped?: string[] }> = {
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
  2: {
    tables: {
      events: ['id', 'name', 'date', 'start_time', 'end_time', 'place'],
      topics: ['id', 'event_id', 'label', 'removed', 'added_hlc'],
      coaching_tables: [
        'id', 'event_id', 'name', 'coaches', 'topics', 'language', 'turn_minutes', 'hold_minutes',
        'max_group_size', 'rotation_minutes', 'auto_advance', 'questions', 'created_at', 'closed_at',
      ],
      queue_entries: [
        'id', 'table_id', 'ticket', 'name', 'topics', 'party_size', 'joined_at', 'rank', 'status',
        'away_until', 'status_at',
      ],
      interactions: ['id', 'table_id', 'mode', 'topic', 'rotation_id', 'group_id', 'started_at', 'deadline', 'ended_at'],
      participants: ['interaction_id', 'entry_id', 'joined_at', 'left_at'],
      rotations: ['id', 'table_id', 'turn_minutes', 'max_group_size', 'auto_advance', 'started_at', 'ended_at'],
      rotation_groups: ['id', 'rotation_id', 'position', 'started_at', 'ended_at'],
      rotation_members: ['group_id', 'entry_id'],
      notes: ['id', 'interaction_id', 'text', 'about', 'topics', 'support_kind', 'shared', 'saved_at', 'saved_hlc'],
      followups: ['id', 'entry_id', 'interaction_id', 'consent', 'contact', 'note', 'recorded_at', 'recorded_hlc'],
    },
    indexes: ['queue_by_table', 'queue_tickets', 'interactions_by_table', 'participants_by_entry', 'notes_by_interaction'],
    dropped: ['turns'],
  },
  3: {
    tables: {
      queue_entries: [
        'id', 'table_id', 'ticket', 'name', 'topics', 'party_size', 'joined_at', 'rank', 'status',
        'away_until', 'status_at', 'transferred_to', 'transferred_from', 'conflict',
      ],
      broadcasts: ['id', 'text', 'sent_at', 'sent_by'],
      sync_peers: ['device_id', 'last_counter', 'last_seen_at', 'name'],
    },
    indexes: [],
  },
  4: {
    tables: {
      events: ['id', 'name', 'date', 'start_time', 'end_time', 'place', 'end_date', 'time_zone'],
    },
    indexes: [],
  },
  5: {
    tables: {
      feedback: ['id', 'interaction_id', 'table_id', 'useful', 'wants_mentoring', 'comment', 'token_id', 'via', 'given_at'],
    },
    indexes: [],
  },
  6: {
    tables: {
      followups: ['id', 'entry_id', 'interaction_id', 'consent', 'contact', 'note', 'recorded_at', 'recorded_hlc', 'withdrawn_at', 'edited_hlc'],
    },
    indexes: [],
  },
  7: {
    tables: {
      interactions: ['id', 'table_id', 'mode', 'topic', 'rotation_id', 'group_id', 'started_at', 'deadline', 'ended_at', 'paused_at', 'pauses'],
    },
    indexes: [],
  },
  8: {
    tables: {
      ops: ['id', 'device_id', 'seq', 'hlc', 'type', 'payload', 'local_at'],
    },
    indexes: [],
  },
  9: {
    tables: {
      events: ['id', 'name', 'date', 'start_time', 'end_time', 'place', 'end_date', 'time_zone', 'rehearsal'],
    },
    indexes: [],
  },
  10: {
    tables: {
      coaching_tables: [
        'id', 'event_id', 'name', 'coaches', 'topics', 'language', 'turn_minutes', 'hold_minutes',
        'max_group_size', 'rotation_minutes', 'auto_advance', 'questions', 'created_at', 'closed_at',
        'taken_over_by', 'taken_over_by_name', 'taken_over_from', 'taken_over_from_name', 'taken_over_at', 'taken_over_hlc',
      ],
    },
    indexes: [],
  },
  11: {
    tables: {
      coaching_tables: [
        'id', 'event_id', 'name', 'coaches', 'topics', 'language', 'turn_minutes', 'hold_minutes',
        'max_group_size', 'rotation_minutes', 'auto_advance', 'questions', 'created_at', 'closed_at',
        'taken_over_by', 'taken_over_by_name', 'taken_over_from', 'taken_over_from_name', 'taken_over_at', 'taken_over_hlc', 'languages',
      ],
      queue_entries: [
        'id', 'table_id', 'ticket', 'name', 'topics', 'party_size', 'joined_at', 'rank', 'status',
        'away_until', 'status_at', 'transferred_to', 'transferred_from', 'conflict', 'languages',
      ],
    },
    indexes: [],
  },
  12: {
    tables: {
      laptop_claims: ['device_id', 'device_name', 'table_ids', 'claimed_at', 'claim_hlc'],
    },
    indexes: [],
  },
  13: {
    tables: {
      feedback: ['id', 'table_id', 'useful', 'wants_mentoring', 'comment', 'token_id', 'via', 'given_at'],
    },
    indexes: [],
  },
  14: {
    tables: {
      laptop_names: ['device_id', 'name', 'name_hlc', 'heard_name', 'heard_hlc'],
      coaching_tables: [
        'id', 'event_id', 'name', 'coaches', 'topics', 'language', 'turn_minutes', 'hold_minutes',
        'max_group_size', 'rotation_minutes', 'auto_advance', 'questions', 'created_at', 'closed_at',
        'taken_over_by', 'taken_over_by_name', 'taken_over_from', 'taken_over_from_name', 'taken_over_at', 'taken_over_hlc', 'languages',
        'taken_over_froms',
      ],
    },
    indexes: [],
  },
  15: {
    tables: {
      rehearsal_player: ['id', 'device_id', 'device_name', 'playing', 'speed', 'minute', 'next', 'floor_at', 'hlc'],
    },
    indexes: [],
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
      const after = new Set(userTables(db));
      for (const table of expected.dropped ?? []) expect(after.has(table), `${table} dropped`).toBe(false);
      // Every table it brings is there; nothing else appeared.
      const created = [...after].filter((t) => !before.has(t));
      for (const table of created) expect(Object.keys(expected.tables)).toContain(table);
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

  it('migration 2 keeps a version-1 event: the core replays the log into the new tables', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, 1);
    // A version-1 log, as Tableside 0.1 wrote it (no ranks, no note tags).
    const ops = [
      ['event.created', { eventId: 'e', name: 'Drop-in', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: 'Hall', topics: [{ topicId: 't1', label: 'Branding' }] }],
      ['table.created', { tableId: 'tb', eventId: 'e', name: 'Table 1', coaches: ['Amara'], topics: ['Branding'], language: 'en', turnMinutes: 15, createdAt: 1000 }],
      ['walkin.added', { entryId: 'a', tableId: 'tb', ticket: 1, name: 'Lucía', topics: ['Branding'], partySize: 1, joinedAt: 2000 }],
      ['walkin.added', { entryId: 'b', tableId: 'tb', ticket: 2, name: null, topics: [], partySize: 2, joinedAt: 3000 }],
      ['turn.started', { turnId: 'u', tableId: 'tb', entryId: 'a', startedAt: 4000, deadline: 904000 }],
      ['note.saved', { noteId: 'n', turnId: 'u', text: 'Wants a learning plan', savedAt: 5000 }],
      ['turn.ended', { turnId: 'u', endedAt: 6000 }],
    ] as const;
    const insert = db.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, 'dev', ?, ?, ?, ?)`);
    ops.forEach(([type, payload], i) =>
      insert.run(`op${i}`, i + 1, `${String(10_000 + i).padStart(15, '0')}:000000:dev`, type, JSON.stringify(payload)),
    );
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev')`).run();
    migrate(db);
    const core = new Core({ db, log: () => {} });
    const table = core.snapshot().tables[0];
    expect(table?.queue.map((e) => [e.ticket, e.name, e.rank])).toEqual([[2, null, 3000]]);
    const past = table?.pastTurns[0];
    expect(past?.participants.map((p) => p.name)).toEqual(['Lucía']);
    expect(past?.mode).toBe('one_to_one');
    expect(past?.note).toMatchObject({ text: 'Wants a learning plan', about: [], topics: [], supportKind: null, shared: false });
    expect(table?.turnDurationsMs).toEqual([2000]);
    // The flag is consumed: a second open does not replay again.
    expect(db.prepare(`SELECT count(*) AS n FROM meta WHERE key = 'rebuild_projection'`).get()).toEqual({ n: 0 });
    core.close();
  });

  it('migration 13 unties a feedback card from its turn: the replayed card keeps its table and hour, not its turn or minute', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, 12);
    const at = 1_787_737_543_210;
    const ops = [
      ['event.created', { eventId: 'e', name: 'Drop-in', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: 'Hall', topics: [] }],
      ['table.created', { tableId: 'tb', eventId: 'e', name: 'Table 1', coaches: ['Amara'], topics: [], language: 'en', turnMinutes: 15, createdAt: 1000 }],
      ['feedback.given', { feedbackId: 'f', turnId: 'u', tableId: 'tb', useful: 4, wantsMentoring: true, comment: 'Good', tokenId: null, via: 'laptop', at }],
    ] as const;
    const insert = db.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, 'dev', ?, ?, ?, ?)`);
    ops.forEach(([type, payload], i) =>
      insert.run(`op${i}`, i + 1, `${String(10_000 + i).padStart(15, '0')}:000000:dev`, type, JSON.stringify(payload)),
    );
    // The card as schema 11 held it: with its turn and its minute.
    db.prepare(`INSERT INTO feedback (id, interaction_id, table_id, useful, wants_mentoring, comment, token_id, via, given_at) VALUES ('f', 'u', 'tb', 4, 1, 'Good', NULL, 'laptop', ?)`).run(at);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev')`).run();
    migrate(db);
    const core = new Core({ db, log: () => {} });
    core.snapshot();
    expect(db.prepare(`SELECT * FROM feedback`).all()).toEqual([
      { id: 'f', table_id: 'tb', useful: 4, wants_mentoring: 1, comment: 'Good', token_id: null, via: 'laptop', given_at: at - (at % 3_600_000) },
    ]);
    core.close();
  });

  it("migration 14 names every laptop from the log it holds (its own latest name, else one another gave it) and a takeover's laptop taken from", () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, 13);
    const ops = [
      ['a', 'event.created', { eventId: 'e', name: 'Drop-in', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: 'Hall', topics: [] }],
      ['a', 'table.created', { tableId: 'tb', eventId: 'e', name: 'Table 1', coaches: ['Amara'], topics: [], language: 'en', turnMinutes: 15, createdAt: 1000 }],
      ['b', 'laptop.claimed', { tableIds: ['tb'], deviceName: 'Ben', at: 2000 }],
      ['b', 'laptop.claimed', { tableIds: ['tb'], deviceName: 'Ben renamed', at: 3000 }],
      ['c', 'table.takenOver', { tableId: 'tb', deviceName: 'Cara', fromDeviceId: 'b', fromDeviceName: 'Ben renamed', at: 4000 }],
      ['d', 'table.takenOver', { tableId: 'tb', deviceName: 'Dan', fromDeviceId: 'a', fromDeviceName: 'Front desk', at: 5000 }],
    ] as const;
    const insert = db.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, ?, ?, ?, ?, ?)`);
    ops.forEach(([device, type, payload], i) =>
      insert.run(`op${i}`, device, i + 1, `${String(10_000 + i).padStart(15, '0')}:000000:${device}`, type, JSON.stringify(payload)),
    );
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'a')`).run();
    migrate(db);
    const core = new Core({ db, log: () => {} });
    const table = core.snapshot().tables[0]!;
    expect(db.prepare(`SELECT device_id, name, heard_name FROM laptop_names ORDER BY device_id`).all()).toEqual([
      { device_id: 'a', name: null, heard_name: 'Front desk' },
      { device_id: 'b', name: 'Ben renamed', heard_name: 'Ben renamed' },
      { device_id: 'c', name: 'Cara', heard_name: null },
      { device_id: 'd', name: 'Dan', heard_name: null },
    ]);
    expect(table.takenOver).toMatchObject({ byName: 'Dan', fromDeviceId: 'a', fromName: 'Front desk', from: [{ deviceId: 'a', name: 'Front desk' }] });
    core.close();
  });

  it('migration 4 reads an event made before zones as zone-less, and replays a zone the log already holds', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, 3);
    const insert = db.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, 'dev', ?, ?, ?, ?)`);
    const created = { eventId: 'e', name: 'Drop-in', date: '2026-10-24', startTime: '09:00', endTime: '17:00', place: 'Hall', topics: [] };
    insert.run('op1', 1, `${String(10_000).padStart(15, '0')}:000000:dev`, 'event.created', JSON.stringify(created));
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev')`).run();
    migrate(db);
    let core = new Core({ db, log: () => {} });
    expect(core.snapshot().event).toMatchObject({ date: '2026-10-24', endDate: null, timeZone: null });
    core.close();

    // A later update from a form that sent the zone and a last day (as the contract has since issue 18).
    const db2 = new Database(':memory:');
    applyPragmas(db2);
    migrate(db2, 3);
    const insert2 = db2.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, 'dev', ?, ?, ?, ?)`);
    insert2.run('op1', 1, `${String(10_000).padStart(15, '0')}:000000:dev`, 'event.created', JSON.stringify(created));
    insert2.run('op2', 2, `${String(10_001).padStart(15, '0')}:000000:dev`, 'event.updated', JSON.stringify({ ...created, topics: undefined, endDate: '2026-10-26', timeZone: 'Europe/Berlin' }));
    db2.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev')`).run();
    migrate(db2);
    core = new Core({ db: db2, log: () => {} });
    expect(core.snapshot().event).toMatchObject({ endDate: '2026-10-26', timeZone: 'Europe/Berlin' });
    core.close();
  });

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
