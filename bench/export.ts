/**
 * Exporting a full day (20 tables, 2,000 interactions: test/unit/export-day.ts)
 * in every format and privacy level, against the floor of reading the same
 * rows from SQLite with plain SELECTs in the same run.
 *
 * The database is a temp file with the app's pragmas; the export runs as the
 * app runs it (ExportService: one read transaction, rows built, files written
 * in chunks with yields, fsync and rename). Each measurement is timed from
 * the start call to the export settling. "Raw read" runs the queries the
 * export's read runs (every projection row, the log's summary), and "raw log
 * read" the log's rows, with .all() and nothing else.
 */
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../electron/core/clock.js';
import { Core } from '../electron/core/core.js';
import { openDatabase } from '../electron/core/db.js';
import { memorySettings } from '../electron/core/settings.js';
import { attachExports } from '../electron/export/attach.js';
import type { ExportFormat, PrivacyLevel } from '../shared/contract.js';
import { generateDay } from '../test/unit/export-day.js';
import type { Report } from './lib/report.js';

/** The goal: any format of the full day, start to file on disk, within this (p50). */
export const GOAL_MS = 3_000;
const RUNS = 5;

const RAW_QUERIES = [
  `SELECT * FROM events`,
  `SELECT * FROM coaching_tables`,
  `SELECT * FROM queue_entries`,
  `SELECT i.*, n.* FROM interactions i LEFT JOIN notes n ON n.interaction_id = i.id`,
  `SELECT * FROM participants`,
  `SELECT * FROM followups`,
  `SELECT device_id, count(*), min(hlc), max(hlc) FROM ops GROUP BY device_id`,
];

function timeMs(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

function rawRead(db: Database): number {
  let rows = 0;
  db.transaction(() => {
    for (const sql of RAW_QUERIES) rows += db.prepare(sql).all().length;
  })();
  return rows;
}

export async function exportBench(): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'tableside-bench-export-'));
  const clock = new ManualClock(Date.UTC(2026, 7, 26, 7, 0));
  const db = openDatabase(join(dir, 'tableside.db'));
  let n = 0;
  const core = new Core({ db, clock, newId: () => `id-${++n}`, settings: memorySettings('Bench laptop'), log: () => {} });
  try {
    // Setting up is not what is measured: the day is generated without an fsync per command.
    db.pragma('synchronous = OFF');
    const generated = timeMs(() => generateDay(core, clock));
    db.pragma('synchronous = FULL');
    const truth = { ops: core.ops().length };
    db.pragma('wal_checkpoint(TRUNCATE)');
    const service = attachExports(core, { dir: join(dir, 'exports') });

    const raw: number[] = [];
    const rawLog: number[] = [];
    let rawRows = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const a = timeMs(() => (rawRows = rawRead(db)));
      const b = timeMs(() => db.prepare(`SELECT * FROM ops ORDER BY hlc, device_id, seq`).all());
      if (i > 0) {
        raw.push(a);
        rawLog.push(b);
      }
    }
    const rawP50 = median(raw);
    const rawLogP50 = median(rawLog);

    const cases: [ExportFormat, PrivacyLevel][] = [
      ['csv', 'full'],
      ['csv', 'anonymised'],
      ['csv', 'followups'],
      ['xlsx', 'full'],
      ['xlsx', 'anonymised'],
      ['json', 'full'],
    ];
    const rows: (string | number)[][] = [
      ['raw read (projection rows + log summary)', RUNS, rawP50.toFixed(1), Math.min(...raw).toFixed(1), '1.00', rawRows, '-'],
      ['raw log read (every operation)', RUNS, rawLogP50.toFixed(1), Math.min(...rawLog).toFixed(1), '1.00', truth.ops, '-'],
    ];
    const verdicts: string[] = [];
    for (const [format, privacy] of cases) {
      const times: number[] = [];
      let written = { rows: 0, bytes: 0 };
      for (let i = 0; i < RUNS + 1; i++) {
        const t = await timeAsync(async () => {
          const { exportId } = service.start({ format, privacy });
          const end = await service.settled(exportId);
          if (end.state !== 'done') throw new Error(`${format}/${privacy}: ${end.state} ${end.error ?? ''}`);
          written = { rows: end.total, bytes: end.files.reduce((s, f) => s + f.bytes, 0) };
        });
        if (i > 0) times.push(t);
      }
      const p50 = median(times);
      const base = format === 'json' ? rawLogP50 : rawP50;
      rows.push([
        `export ${format} ${privacy}`,
        RUNS,
        p50.toFixed(1),
        Math.min(...times).toFixed(1),
        (p50 / base).toFixed(1),
        written.rows,
        `${(written.bytes / 1024).toFixed(0)} KiB`,
      ]);
      verdicts.push(`Goal p50 <= ${GOAL_MS} ms for ${format} ${privacy}: ${p50.toFixed(0)} ms -> ${p50 <= GOAL_MS ? 'MET' : 'NOT MET'}`);
    }
    const reportTimes: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t = timeMs(() => service.report());
      if (i > 0) reportTimes.push(t);
    }
    rows.push(['report.get (figures for the charts)', RUNS, median(reportTimes).toFixed(1), Math.min(...reportTimes).toFixed(1), (median(reportTimes) / rawP50).toFixed(1), '-', '-']);

    return {
      title: 'Export: the full day in every format vs reading its rows from SQLite',
      preamble: [
        `Node ${process.version}, ${process.platform}/${process.arch}; database and exports in ${dir}`,
        `The day: 20 tables, 2,000 interactions, ${truth.ops} operations, generated through the core in ${(generated / 1000).toFixed(1)} s.`,
        `${RUNS} timed runs each after one warm-up; times in milliseconds; ratio = p50 / the raw read's p50`,
        '(the raw log read for JSON). An export is timed from its start call to its files renamed into place.',
      ],
      columns: ['measurement', 'runs', 'p50 ms', 'min ms', 'ratio', 'rows', 'size'],
      rows,
      verdicts,
    };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
