/**
 * Command latency: how long a command takes through core.dispatch, from the
 * handler's entry to the committed (durable) transaction, against the floor
 * of a raw better-sqlite3 single-row INSERT in its own transaction.
 *
 * Both run on temp-file databases in the same folder with the same pragmas
 * (WAL, synchronous=FULL, foreign keys), in the same process, measured in
 * alternating blocks whose order rotates each round, so disk and CPU drift
 * hit both alike. dispatch is synchronous and returns after the commit, so
 * timing the call is timing the whole command.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Core } from '../electron/core/core.js';
import { applyPragmas, openDatabase } from '../electron/core/db.js';
import { memorySettings } from '../electron/core/settings.js';
import { type Report, us } from './lib/report.js';
import { summarize, timeNs, type Summary } from './lib/stats.js';

export interface CommandLatencyOptions {
  iterations: number;
  warmup: number;
  block: number;
  /**
   * Coaching tables the walk-ins are spread over, round-robin. A walk-in's
   * ticket is the table's highest ticket + 1, which SQLite finds by scanning
   * that table's entries, so piling thousands of walk-ins onto one table
   * measures that scan more than the command (try --tables 1).
   */
  tables: number;
}

/** The goal: a command costs at most this many raw single-row commits at p99. */
export const P99_RATIO_GOAL = 3;

/** A table shaped like queue_entries, with its parent, index and foreign key. */
const RAW_SCHEMA = `
  CREATE TABLE raw_tables (id TEXT PRIMARY KEY) STRICT;
  CREATE TABLE raw_entries (
    id TEXT PRIMARY KEY,
    table_id TEXT NOT NULL REFERENCES raw_tables (id),
    ticket INTEGER NOT NULL,
    name TEXT,
    topics TEXT NOT NULL,
    party_size INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'in_turn', 'served'))
  ) STRICT;
  CREATE INDEX raw_by_table ON raw_entries (table_id, status, joined_at);
  INSERT INTO raw_tables (id) VALUES ('t1');
`;

interface Subject {
  name: string;
  db: Db;
  run: (i: number) => void;
  samples: bigint[];
}

/**
 * How many WAL frames (pages) one commit writes: more pages mean a bigger
 * fsync and, every wal_autocheckpoint pages, a checkpoint that the commit
 * crossing it pays for. Measured after the timed runs, with checkpoints off.
 */
function walPagesPerCommit(s: Subject, from: number, n = 50): number {
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  const saved = Number(s.db.pragma('wal_autocheckpoint', { simple: true }));
  s.db.pragma('wal_autocheckpoint = 0');
  try {
    for (let k = 0; k < n; k++) s.run(from + k);
    const [row] = s.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    return (row?.log ?? Number.NaN) / n;
  } finally {
    s.db.pragma(`wal_autocheckpoint = ${saved}`);
  }
}

function pragmas(db: Db): string {
  const journal = String(db.pragma('journal_mode', { simple: true }));
  const sync = String(db.pragma('synchronous', { simple: true }));
  const fk = String(db.pragma('foreign_keys', { simple: true }));
  const checkpoint = String(db.pragma('wal_autocheckpoint', { simple: true }));
  return `journal_mode=${journal} synchronous=${sync} foreign_keys=${fk} wal_autocheckpoint=${checkpoint}`;
}

export async function commandLatency(options: CommandLatencyOptions): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'tableside-bench-'));
  const coreDb = openDatabase(join(dir, 'core.db'));
  const rawDb = new Database(join(dir, 'raw.db'));
  applyPragmas(rawDb);
  rawDb.exec(RAW_SCHEMA);

  const core = new Core({ db: coreDb, settings: memorySettings('Bench laptop'), log: () => {} });
  try {
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    must(
      core.call('event.create', {
        name: 'Bench',
        date: '2026-08-26',
        startTime: '11:45',
        endTime: '13:30',
        place: 'Hall 1',
      }),
    );
    const tableIds: string[] = [];
    for (let t = 0; t < options.tables; t++) {
      const { tableId } = must(
        core.call('table.create', {
          name: `Table ${t + 1}`,
          coaches: ['Amara Okafor'],
          topics: ['Personal branding'],
          languages: ['en'],
          turnMinutes: 15,
        }),
      );
      tableIds.push(tableId);
    }
    const tableId = tableIds[0] ?? '';
    must(core.call('walkin.add', { tableId, name: 'First', topics: [], partySize: 1 }));
    const { turnId } = must(core.call('turn.start', { tableId }));

    const note = (i: number) =>
      `Wants a learning plan; talked about networking and a mentor. Edit ${i}. `.repeat(3);
    const insert = rawDb.prepare(
      `INSERT INTO raw_entries (id, table_id, ticket, name, topics, party_size, joined_at, status)
       VALUES (?, 't1', ?, ?, '["Personal branding"]', 1, ?, 'waiting')`,
    );
    const insertTx = rawDb.transaction((i: number) => insert.run(`raw-${i}`, i, `Person ${i}`, Date.now()));

    let failures = 0;
    const dispatch = (method: string, args: unknown) => () => {
      if (!core.dispatch(method, args).ok) failures += 1;
    };
    const subjects: Subject[] = [
      {
        name: 'walkin.add via core.dispatch',
        db: coreDb,
        run: (i) =>
          dispatch('walkin.add', {
            tableId: tableIds[i % tableIds.length],
            name: `Person ${i}`,
            topics: ['Personal branding'],
            partySize: 1,
          })(),
        samples: [],
      },
      {
        name: 'note.save via core.dispatch',
        db: coreDb,
        run: (i) => dispatch('note.save', { turnId, text: note(i) })(),
        samples: [],
      },
      {
        name: 'raw INSERT, own transaction',
        db: rawDb,
        run: (i) => insertTx.immediate(i),
        samples: [],
      },
    ];
    const [walkin, noteSave, raw] = subjects as [Subject, Subject, Subject];

    let i = 0;
    for (let w = 0; w < options.warmup; w++) for (const s of subjects) s.run(i++);
    await nextTurn();

    const rounds = Math.ceil(options.iterations / options.block);
    for (let round = 0; round < rounds; round++) {
      const n = Math.min(options.block, options.iterations - round * options.block);
      for (let k = 0; k < subjects.length; k++) {
        const s = subjects[(round + k) % subjects.length] as Subject;
        for (let j = 0; j < n; j++) {
          const at = i++;
          s.samples.push(timeNs(() => s.run(at)));
        }
        // Let the event loop run what a commit queued (the snapshot push,
        // timer wake-ups) between blocks, as it would between real clicks.
        await nextTurn();
      }
    }
    if (failures > 0) throw new Error(`${failures} benchmark commands failed`);

    const pages = new Map(subjects.map((s) => [s, walPagesPerCommit(s, (i += 50))]));
    const stats = subjects.map((s) => [s, summarize(s.samples)] as const);
    const rawStats = summarize(raw.samples);
    const ratio = (a: Summary, key: 'p50' | 'p99') => a[key] / rawStats[key];
    const rows = stats.map(([s, st]) => [
      s.name,
      st.n,
      us(st.p50),
      us(st.p90),
      us(st.p99),
      us(st.max),
      s === raw ? '1.00' : ratio(st, 'p50').toFixed(2),
      s === raw ? '1.00' : ratio(st, 'p99').toFixed(2),
      (pages.get(s) ?? Number.NaN).toFixed(1),
    ]);
    const verdicts = [walkin, noteSave].map((s) => {
      const r = ratio(summarize(s.samples), 'p99');
      const met = r <= P99_RATIO_GOAL;
      return `Goal p99 ratio <= ${P99_RATIO_GOAL} for ${s.name}: ${r.toFixed(2)} -> ${met ? 'MET' : 'NOT MET'}`;
    });
    const sqlite = rawDb.prepare<[], { v: string }>(`SELECT sqlite_version() AS v`).get()?.v ?? '?';
    return {
      title: 'Command latency: core.dispatch vs a raw single-row commit',
      preamble: [
        `Node ${process.version}, SQLite ${sqlite}, ${process.platform}/${process.arch}`,
        `Databases in ${dir}`,
        `  core: ${pragmas(coreDb)}`,
        `  raw:  ${pragmas(rawDb)}`,
        `${options.iterations} timed iterations each after ${options.warmup} warm-up, ` +
          `in blocks of ${options.block} rotating order each round. Times in microseconds.`,
        `walkin.add spreads people over ${options.tables} table(s): ` +
          `${Math.ceil((options.iterations + options.warmup) / options.tables)} entries per table by the end.`,
        `note.save edits one running turn's note (an upsert of the same row each time).`,
      ],
      columns: [
        'measurement',
        'n',
        'p50 us',
        'p90 us',
        'p99 us',
        'max us',
        'p50 ratio',
        'p99 ratio',
        'WAL pages/commit',
      ],
      rows,
      verdicts,
    };
  } finally {
    core.close();
    rawDb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
