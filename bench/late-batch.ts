/**
 * A late batch: a coach laptop's table and ten walk-ins, made before another
 * laptop's 10,000 walk-ins, reach that laptop last. Applied in place
 * (footprint.ts) they cost their own rows; the baseline, measured in the same
 * run, is what the laptop did before: replaying its whole log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../electron/core/clock.js';
import { Core } from '../electron/core/core.js';
import { openDatabase } from '../electron/core/db.js';
import type { Report } from './lib/report.js';
import { median } from './lib/stats.js';

const HELD = 10_000;
const LATE_WALKINS = 10;
const RUNS = 5;

function laptops(root: string, run: number) {
  const start = Date.UTC(2026, 7, 26, 9);
  const clockA = new ManualClock(start);
  const clockB = new ManualClock(start);
  const a = new Core({ db: openDatabase(join(root, `a-${run}.db`)), clock: clockA, log: () => {} });
  const b = new Core({ db: openDatabase(join(root, `b-${run}.db`)), clock: clockB, log: () => {} });
  a.dispatch('event.create', { name: 'Bench', date: '2026-08-26', startTime: '09:00', endTime: '17:00', place: '' });
  b.applyOps(a.missingFor({}).ops);
  const mark = a.vector();
  const made = a.dispatch('table.create', { name: 'A', coaches: ['c'], topics: [], languages: ['en'], turnMinutes: 15 });
  const tableA = made.ok ? (made.value as { tableId: string }).tableId : '';
  for (let i = 0; i < LATE_WALKINS; i++) {
    clockA.advance(1000);
    a.dispatch('walkin.add', { tableId: tableA, name: `A${i}`, topics: [], partySize: 1 });
  }
  const madeB = b.dispatch('table.create', { name: 'B', coaches: ['c'], topics: [], languages: ['en'], turnMinutes: 15 });
  const tableB = madeB.ok ? (madeB.value as { tableId: string }).tableId : '';
  clockB.advance(60_000);
  b.database.transaction(() => {
    for (let i = 0; i < HELD; i++) {
      clockB.advance(10);
      b.dispatch('walkin.add', { tableId: tableB, name: `B${i}`, topics: [], partySize: 1 });
    }
  })();
  b.ensureFresh();
  const late = a.missingFor(mark).ops.filter((op) => op.deviceId === a.deviceId);
  return { a, b, late };
}

export async function lateBatch(): Promise<Report> {
  const root = mkdtempSync(join(tmpdir(), 'tableside-bench-late-'));
  try {
    const inPlace: number[] = [];
    const replay: number[] = [];
    let held = 0;
    let lateCount = 0;
    let replays = 0;
    for (let run = 0; run < RUNS; run++) {
      const { a, b, late } = laptops(root, run);
      held = b.opCount();
      lateCount = late.length;
      const before = b.replays;
      let t = performance.now();
      b.applyOps(late);
      b.ensureFresh();
      inPlace.push(performance.now() - t);
      replays += b.replays - before;
      t = performance.now();
      b.rebuildFromLog();
      replay.push(performance.now() - t);
      a.close();
      b.close();
    }
    const p = median(inPlace);
    const r = median(replay);
    return {
      title: 'Sync: a late batch reaches a laptop that holds a day',
      preamble: [
        `A coach laptop's table and ${LATE_WALKINS} walk-ins, older than another laptop's ${HELD} walk-ins, arrive after them (${lateCount} operations into a log of ${held}).`,
        `Median of ${RUNS} runs, each on fresh databases. Replays the late batch caused: ${replays}.`,
      ],
      columns: ['measurement', 'ms', 'ratio'],
      rows: [
        ['late batch applied, tables up to date', p.toFixed(2), (p / r).toFixed(3)],
        ['baseline: replaying the whole log (what a late batch used to cost)', r.toFixed(1), '1.000'],
      ],
      verdicts: [`A late batch that touches other tables costs ${(p / r * 100).toFixed(1)}% of a replay of the log (${(r / p).toFixed(0)}x less).`],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
