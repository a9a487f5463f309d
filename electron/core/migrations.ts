/**
 * Numbered schema migrations, tracked with PRAGMA user_version.
 *
 * Each migration runs in the same transaction as the bump of user_version, so
 * a crash leaves the database at one version or the next, never between. A
 * database written by a newer Tableside is refused rather than guessed at.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export class DatabaseTooNewError extends Error {
  /** For the renderer's translation (errors.storage_newer) and the hosts' messages. */
  readonly code = 'storage_newer';
  get params(): Record<string, number> {
    return { found: this.found, supported: this.supported };
  }
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data was written by a newer version of Tableside (schema ${found}; ` +
        `this version understands up to ${supported}). Update Tableside to open it; ` +
        `the data has not been changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'operation log and the walking-skeleton tables',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        -- The operation log: every change, immutable, in the order it was made.
        CREATE TABLE ops (
          id TEXT PRIMARY KEY,
          device_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          type TEXT NOT NULL,
          payload TEXT NOT NULL,
          UNIQUE (device_id, seq)
        ) STRICT;
        CREATE INDEX ops_by_hlc ON ops (hlc);

        -- Projections: what the UI reads, rebuilt by applying the log.
        CREATE TABLE events (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          date TEXT NOT NULL,
          start_time TEXT NOT NULL,
          end_time TEXT NOT NULL,
          place TEXT NOT NULL
        ) STRICT;

        CREATE TABLE topics (
          id TEXT PRIMARY KEY,
          event_id TEXT NOT NULL REFERENCES events (id),
          label TEXT NOT NULL,
          removed INTEGER NOT NULL DEFAULT 0,
          added_hlc TEXT NOT NULL
        ) STRICT;

        CREATE TABLE coaching_tables (
          id TEXT PRIMARY KEY,
          event_id TEXT NOT NULL REFERENCES events (id),
          name TEXT NOT NULL,
          coaches TEXT NOT NULL,
          topics TEXT NOT NULL,
          language TEXT NOT NULL,
          turn_minutes INTEGER NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE queue_entries (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES coaching_tables (id),
          ticket INTEGER NOT NULL,
          name TEXT,
          topics TEXT NOT NULL,
          party_size INTEGER NOT NULL,
          joined_at INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('waiting', 'in_turn', 'served'))
        ) STRICT;
        CREATE INDEX queue_by_table ON queue_entries (table_id, status, joined_at);

        CREATE TABLE turns (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES coaching_tables (id),
          entry_id TEXT NOT NULL REFERENCES queue_entries (id),
          started_at INTEGER NOT NULL,
          deadline INTEGER NOT NULL,
          ended_at INTEGER
        ) STRICT;
        CREATE INDEX turns_by_table ON turns (table_id, started_at);

        CREATE TABLE notes (
          id TEXT PRIMARY KEY,
          turn_id TEXT NOT NULL REFERENCES turns (id),
          text TEXT NOT NULL,
          saved_at INTEGER NOT NULL,
          -- Last writer wins by hybrid logical clock, so replays and (later)
          -- replicas agree on which edit is the latest.
          saved_hlc TEXT NOT NULL,
          -- Notes are private to the laptop they were written on unless the
          -- coach shares them; sync must never send a private note.
          private INTEGER NOT NULL DEFAULT 1
        ) STRICT;
        CREATE INDEX notes_by_turn ON notes (turn_id);
      `);
    },
  },
  {
    version: 2,
    name: 'group interactions, queue states, rotations, richer notes, follow-ups',
    up(db) {
      // Projections are a cache of the operation log: rather than reshape
      // them in place, drop them (children first, for the foreign keys),
      // create the new ones, and let the core replay the log into them.
      db.exec(`
        DROP TABLE notes;
        DROP TABLE turns;
        DROP TABLE queue_entries;
        DROP TABLE coaching_tables;
        DROP TABLE topics;
        DROP TABLE events;

        CREATE TABLE events (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          date TEXT NOT NULL,
          start_time TEXT NOT NULL,
          end_time TEXT NOT NULL,
          place TEXT NOT NULL
        ) STRICT;

        CREATE TABLE topics (
          id TEXT PRIMARY KEY,
          event_id TEXT NOT NULL REFERENCES events (id),
          label TEXT NOT NULL,
          removed INTEGER NOT NULL DEFAULT 0,
          added_hlc TEXT NOT NULL
        ) STRICT;

        CREATE TABLE coaching_tables (
          id TEXT PRIMARY KEY,
          event_id TEXT NOT NULL REFERENCES events (id),
          name TEXT NOT NULL,
          coaches TEXT NOT NULL,
          topics TEXT NOT NULL,
          language TEXT NOT NULL,
          turn_minutes INTEGER NOT NULL,
          hold_minutes INTEGER NOT NULL DEFAULT 10,
          max_group_size INTEGER NOT NULL DEFAULT 4,
          rotation_minutes INTEGER NOT NULL DEFAULT 15,
          auto_advance INTEGER NOT NULL DEFAULT 0,
          questions TEXT NOT NULL DEFAULT '[]',
          created_at INTEGER NOT NULL,
          closed_at INTEGER
        ) STRICT;

        CREATE TABLE queue_entries (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES coaching_tables (id),
          ticket INTEGER NOT NULL,
          name TEXT,
          topics TEXT NOT NULL,
          party_size INTEGER NOT NULL,
          joined_at INTEGER NOT NULL,
          rank REAL NOT NULL,
          status TEXT NOT NULL CHECK (status IN
            ('waiting', 'away', 'in_turn', 'served', 'no_show', 'left', 'removed', 'not_reached')),
          away_until INTEGER,
          status_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX queue_by_table ON queue_entries (table_id, status, rank);
        CREATE INDEX queue_tickets ON queue_entries (table_id, ticket);

        -- One coaching interaction: a one-to-one turn, a plenary, a topic
        -- focus, or one sub-group's turn in a rotation.
        CREATE TABLE interactions (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES coaching_tables (id),
          mode TEXT NOT NULL CHECK (mode IN ('one_to_one', 'plenary', 'topic_focus', 'rotation')),
          topic TEXT,
          rotation_id TEXT,
          group_id TEXT,
          started_at INTEGER NOT NULL,
          deadline INTEGER NOT NULL,
          ended_at INTEGER
        ) STRICT;
        CREATE INDEX interactions_by_table ON interactions (table_id, ended_at, started_at);

        -- Who took part, and from when to when: the minutes each person received.
        CREATE TABLE participants (
          interaction_id TEXT NOT NULL REFERENCES interactions (id),
          entry_id TEXT NOT NULL REFERENCES queue_entries (id),
          joined_at INTEGER NOT NULL,
          left_at INTEGER,
          PRIMARY KEY (interaction_id, entry_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX participants_by_entry ON participants (entry_id);

        CREATE TABLE rotations (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES coaching_tables (id),
          turn_minutes INTEGER NOT NULL,
          max_group_size INTEGER NOT NULL,
          auto_advance INTEGER NOT NULL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER
        ) STRICT;

        CREATE TABLE rotation_groups (
          id TEXT PRIMARY KEY,
          rotation_id TEXT NOT NULL REFERENCES rotations (id),
          position INTEGER NOT NULL,
          started_at INTEGER,
          ended_at INTEGER
        ) STRICT;

        CREATE TABLE rotation_members (
          group_id TEXT NOT NULL REFERENCES rotation_groups (id),
          entry_id TEXT NOT NULL REFERENCES queue_entries (id),
          PRIMARY KEY (group_id, entry_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX rotation_members_by_entry ON rotation_members (entry_id);

        CREATE TABLE notes (
          id TEXT PRIMARY KEY,
          interaction_id TEXT NOT NULL REFERENCES interactions (id),
          text TEXT NOT NULL,
          about TEXT NOT NULL DEFAULT '[]',
          topics TEXT NOT NULL DEFAULT '[]',
          support_kind TEXT CHECK (support_kind IN
            ('coaching', 'mentoring', 'training', 'consulting', 'supervision')),
          -- Private to the laptop it was written on unless the coach shares
          -- it; sync must never send a private note.
          shared INTEGER NOT NULL DEFAULT 0,
          saved_at INTEGER NOT NULL,
          -- Last writer wins by hybrid logical clock.
          saved_hlc TEXT NOT NULL
        ) STRICT;
        CREATE INDEX notes_by_interaction ON notes (interaction_id);

        -- A wish for a longer mentoring relationship. Contact details only
        -- with the participant's consent: the CHECK refuses anything else.
        CREATE TABLE followups (
          id TEXT PRIMARY KEY,
          entry_id TEXT NOT NULL REFERENCES queue_entries (id),
          interaction_id TEXT REFERENCES interactions (id),
          consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
          contact TEXT,
          note TEXT NOT NULL,
          recorded_at INTEGER NOT NULL,
          recorded_hlc TEXT NOT NULL,
          CHECK (consent = 1 OR contact IS NULL)
        ) STRICT;
        CREATE INDEX followups_by_entry ON followups (entry_id);

        INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', '1');
      `);
    },
  },
  {
    version: 3,
    name: 'many laptops: transfers between tables, broadcasts, sync peers',
    up(db) {
      db.exec(`
        -- A person the organiser sent to another table: the old entry points
        -- at the new one, the new one at where it came from.
        ALTER TABLE queue_entries ADD COLUMN transferred_to TEXT;
        ALTER TABLE queue_entries ADD COLUMN transferred_from TEXT;
        -- Set when two tables called the same person at once (see ARCHITECTURE.md).
        ALTER TABLE queue_entries ADD COLUMN conflict TEXT;

        CREATE TABLE broadcasts (
          id TEXT PRIMARY KEY,
          text TEXT NOT NULL,
          sent_at INTEGER NOT NULL,
          sent_by TEXT NOT NULL
        ) STRICT;

        -- Not a projection: what this laptop knows of the others it syncs with.
        CREATE TABLE sync_peers (
          device_id TEXT PRIMARY KEY,
          -- The highest message counter accepted from it (replays are refused).
          last_counter INTEGER NOT NULL DEFAULT 0,
          -- When this laptop last heard from it, by this laptop's clock.
          last_seen_at INTEGER,
          name TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'the session in the event\'s time zone, over one or several days',
    up(db) {
      db.exec(`
        -- The session's last day (null: one day) and the event's IANA zone
        -- (null: made before events had one; read in each laptop's own).
        ALTER TABLE events ADD COLUMN end_date TEXT;
        ALTER TABLE events ADD COLUMN time_zone TEXT;
        -- Operations logged since the form sent a zone carry it: replay them into the new columns.
        INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', '1');
      `);
    },
  },
  {
    version: 5,
    name: 'participants\' feedback cards',
    up(db) {
      db.exec(`
        -- One anonymous card after a turn (issue 15): no name, no entry.
        CREATE TABLE feedback (
          id TEXT PRIMARY KEY,
          interaction_id TEXT NOT NULL,
          table_id TEXT NOT NULL,
          useful INTEGER NOT NULL CHECK (useful BETWEEN 1 AND 5),
          wants_mentoring INTEGER NOT NULL,
          comment TEXT,
          token_id TEXT UNIQUE,
          via TEXT NOT NULL,
          given_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 6,
    name: 'follow-ups edited and withdrawn',
    up(db) {
      db.exec(`
        -- When consent was withdrawn (null: never): the contact is erased and
        -- stays erased. edited_hlc: the latest edit applied (the latest wins).
        ALTER TABLE followups ADD COLUMN withdrawn_at INTEGER;
        ALTER TABLE followups ADD COLUMN edited_hlc TEXT NOT NULL DEFAULT '';
      `);
    },
  },
  {
    version: 7,
    name: 'turns paused and extended',
    up(db) {
      db.exec(`
        -- Since when a turn's clock stands still (null: it runs); pauses: the
        -- ended pauses as JSON [[from, to], ...], which minutes received leave out.
        ALTER TABLE interactions ADD COLUMN paused_at INTEGER;
        ALTER TABLE interactions ADD COLUMN pauses TEXT NOT NULL DEFAULT '[]';
      `);
    },
  },
  {
    version: 8,
    name: 'the raw local time beside each operation',
    up(db) {
      db.exec(`
        -- For audit: the authoring laptop's own clock when it made the
        -- operation (its HLC and payload hold floor time). NULL for
        -- operations made before it was kept.
        ALTER TABLE ops ADD COLUMN local_at INTEGER;
      `);
    },
  },
  {
    version: 9,
    name: 'rehearsal events',
    up(db) {
      db.exec(`
        -- A rehearsal floor (issue 15): 1, never synced with or exported as a real event.
        ALTER TABLE events ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  {
    version: 10,
    name: 'tables taken over by another laptop',
    up(db) {
      db.exec(`
        -- The latest table.takenOver (by HLC, taken_over_hlc): which laptop
        -- took the table over, from which one, and when. Null: never.
        ALTER TABLE coaching_tables ADD COLUMN taken_over_by TEXT;
        ALTER TABLE coaching_tables ADD COLUMN taken_over_by_name TEXT;
        ALTER TABLE coaching_tables ADD COLUMN taken_over_from TEXT;
        ALTER TABLE coaching_tables ADD COLUMN taken_over_from_name TEXT;
        ALTER TABLE coaching_tables ADD COLUMN taken_over_at INTEGER;
        ALTER TABLE coaching_tables ADD COLUMN taken_over_hlc TEXT NOT NULL DEFAULT '';
      `);
    },
  },
  {
    version: 11,
    name: 'several languages per table, and the languages a walk-in speaks',
    up(db) {
      db.exec(`
        -- JSON lists of BCP 47 tags (issue 14). A table's list is read from
        -- the one 'language' of operations written before; the replay fills
        -- both columns from the log.
        ALTER TABLE coaching_tables ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE queue_entries ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
        INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', '1');
      `);
    },
  },
  {
    version: 12,
    name: 'which tables each laptop claims',
    up(db) {
      db.exec(`
        -- The latest laptop.claimed of each laptop (by HLC, claim_hlc): the
        -- tables it says are its own ("This is my table", a JSON list of ids)
        -- and its name then. Lets every laptop say who else claims a table.
        CREATE TABLE laptop_claims (
          device_id TEXT PRIMARY KEY,
          device_name TEXT NOT NULL,
          table_ids TEXT NOT NULL,
          claimed_at INTEGER NOT NULL,
          claim_hlc TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 13,
    name: 'feedback cards unlinked from their turn',
    up(db) {
      db.exec(`
        -- A card keeps its table and the hour it was given, not its turn: with
        -- the turn, a full export joined an anonymous card to the person. The
        -- replay refills it from the log (an old operation's turn dropped).
        DROP TABLE feedback;
        CREATE TABLE feedback (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL,
          useful INTEGER NOT NULL CHECK (useful BETWEEN 1 AND 5),
          wants_mentoring INTEGER NOT NULL,
          comment TEXT,
          token_id TEXT UNIQUE,
          via TEXT NOT NULL,
          given_at INTEGER NOT NULL
        ) STRICT;
        INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', '1');
      `);
    },
  },
  {
    version: 14,
    name: "every laptop's name, and every laptop a takeover took a table from",
    up(db) {
      db.exec(`
        -- Each laptop's name as the log says it (laptop-names.ts), one row a
        -- laptop, so reading a name no longer scans the log: the latest name
        -- it gave itself (laptop.claimed, table.takenOver: name, name_hlc)
        -- and the latest another laptop gave it (a takeover's laptops taken
        -- from: heard_name, heard_hlc), each latest by HLC.
        CREATE TABLE laptop_names (
          device_id TEXT PRIMARY KEY,
          name TEXT,
          name_hlc TEXT NOT NULL DEFAULT '',
          heard_name TEXT,
          heard_hlc TEXT NOT NULL DEFAULT ''
        ) STRICT;
        -- Every laptop the latest takeover took the table from (JSON list of
        -- {deviceId, name}): two laptops may claim one table.
        ALTER TABLE coaching_tables ADD COLUMN taken_over_froms TEXT NOT NULL DEFAULT '[]';
        INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', '1');
      `);
    },
  },
  {
    version: 15,
    name: "the rehearsal's player, as the log says it",
    up(db) {
      db.exec(`
        -- The latest rehearsal.played (by HLC, hlc): which laptop plays the
        -- rehearsal (or paused it), where the script stood and at what speed,
        -- as of floor_at. One row at most (a database holds one event).
        CREATE TABLE rehearsal_player (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          device_id TEXT NOT NULL,
          device_name TEXT NOT NULL,
          playing INTEGER NOT NULL,
          speed INTEGER NOT NULL,
          minute REAL NOT NULL,
          next INTEGER NOT NULL,
          floor_at INTEGER NOT NULL,
          hlc TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the database up to `target` (default: the latest). */
export function migrate(db: Database, target = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) throw new DatabaseTooNewError(current, LATEST_VERSION);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
