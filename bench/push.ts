/**
 * What one change costs to push to the UIs: bytes of JSON and milliseconds in
 * the core to build and serialise the push, for one walk-in added at a busy
 * event (ten tables, 1,000 people waiting, 310 past turns).
 *
 * The full-snapshot path (every table rebuilt and sent after each change) is
 * measured in the same run as the path the core pushes now, on the same
 * database, alternating, so drift hits both alike.
 *
 * Run: `npx tsx bench/push.ts [--pushes N]`, or through `npm run bench push`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../electron/core/clock.js';
import { Core } from '../electron/core/core.js';
import { openDatabase } from '../electron/core/db.js';
import { memorySettings } from '../electron/core/settings.js';
import type { Push } from '../shared/contract.js';
import type { Report } from './lib/report.js';
import { percentile } from './lib/stats.js';

export interface PushOptions {
  /** Walk-ins added (and pushes measured) per path. */
  pushes?: number;
}

const TABLES = 10;
const WAITING = 1000;
const PAST_TURNS = 310;
/** The goals from the issue, per push, in the core. */
export const BYTES_GOAL = 5 * 1024;
export const MS_GOAL = 2;

function ok<T>(e: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value;
}

/** A busy event: ten tables, 31 past turns each, 100 waiting each. */
function busyEvent(): { core: Core; tableIds: string[]; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 7, 26, 3, 45));
  let n = 0;
  const core = new Core({
    db: openDatabase(':memory:'),
    clock,
    newId: () => `id-${(++n).toString().padStart(6, '0')}`,
    settings: memorySettings('Bench laptop'),
    log: () => {},
  });
  ok(core.call('event.create', { name: 'Drop-in coaching', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: 'Hall 1/2' }));
  const topics = ['Personal branding', 'Work-life balance', 'Leadership styles'];
  const tableIds: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    tableIds.push(ok(core.call('table.create', { name: `Table ${i + 1}`, coaches: [`Coach ${i + 1}`], topics, languages: ['en'], turnMinutes: 15 })).tableId);
  }
  for (let p = 0; p < PAST_TURNS; p++) {
    const tableId = tableIds[p % TABLES]!;
    ok(core.call('walkin.add', { tableId, name: `Served ${p + 1}`, topics: [topics[p % 3]!], partySize: 1 }));
    const { turnId } = ok(core.call('turn.start', { tableId }));
    ok(core.call('note.save', { turnId, text: `Talked about ${topics[p % 3]!}; next steps agreed.` }));
    clock.advance(60_000);
    ok(core.call('turn.end', { turnId }));
  }
  for (let w = 0; w < WAITING; w++) {
    ok(core.call('walkin.add', { tableId: tableIds[w % TABLES]!, name: `Waiting ${w + 1}`, topics: [topics[w % 3]!], partySize: 1 }));
    clock.advance(1_000);
  }
  return { core, tableIds, clock };
}

interface Sample {
  bytes: number;
  ms: number;
}

export async function pushBench(options: PushOptions = {}): Promise<Report> {
  const pushes = options.pushes ?? 40;
  const setupStarted = performance.now();
  const { core, tableIds, clock } = busyEvent();
  const setupMs = performance.now() - setupStarted;

  // The push the core makes now, as a UI receives it: caught from its listener.
  const pushed: Push[] = [];
  core.subscribe((p) => {
    if (p.type === 'snapshot' || p.type === 'changes') pushed.push(p);
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  await settle();
  pushed.length = 0;

  const full: Sample[] = [];
  const now: Sample[] = [];
  for (let i = 0; i < pushes * 2; i++) {
    ok(core.call('walkin.add', { tableId: tableIds[i % TABLES]!, name: `Late ${i + 1}`, topics: [], partySize: 1 }));
    clock.advance(1_000);
    // Alternate which path is timed first. Times are this process's CPU time
    // (user + system), which other work on the machine does not inflate.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    const measureFull = () => {
      const c0 = process.cpuUsage();
      const json = JSON.stringify({ type: 'snapshot', payload: core.snapshot() });
      full.push({ ms: cpuMs(c0), bytes: Buffer.byteLength(json) });
    };
    const measureNow = async () => {
      // The push is built in the core's deferred emit, right after the
      // commit's turn of the event loop; from here to the serialised push covers it.
      const c0 = process.cpuUsage();
      await settle();
      const p = pushed.shift();
      const json = JSON.stringify(p ?? null);
      now.push({ ms: cpuMs(c0), bytes: Buffer.byteLength(json) });
      pushed.length = 0;
    };
    if (i % 2 === 0) {
      await measureNow();
      measureFull();
    } else {
      measureFull();
      await measureNow();
    }
  }

  const stats = (xs: Sample[], key: keyof Sample) => {
    const v = xs.map((x) => x[key]).sort((a, b) => a - b);
    return { p50: percentile(v, 50), p90: percentile(v, 90), max: v.at(-1) ?? Number.NaN };
  };
  const row = (name: string, xs: Sample[]) => {
    const b = stats(xs, 'bytes');
    const m = stats(xs, 'ms');
    return [name, xs.length, (b.p50 / 1024).toFixed(1), (b.max / 1024).toFixed(1), m.p50.toFixed(2), m.p90.toFixed(2), m.max.toFixed(2)];
  };
  const nowBytes = stats(now, 'bytes').p50;
  const nowMs = stats(now, 'ms').p50;
  const met = nowBytes <= BYTES_GOAL && nowMs <= MS_GOAL;
  return {
    title: `Push per change: one walk-in at ${TABLES} tables, ${WAITING} waiting, ${PAST_TURNS} past turns`,
    preamble: [
      `Node ${process.version}; in-memory SQLite; the event built in ${(setupMs / 1000).toFixed(1)} s.`,
      `"full snapshot": core.snapshot() and JSON.stringify after each walk-in (the old path, every table rebuilt);`,
      `"pushed now": what the core's listener receives after the commit (what changed, from the operation's footprint), serialised.`,
    ],
    columns: ['path', 'pushes', 'KiB p50', 'KiB max', 'CPU ms p50', 'CPU ms p90', 'CPU ms max'],
    rows: [row('full snapshot', full), row('pushed now', now)],
    verdicts: [
      `Goal: under ${BYTES_GOAL / 1024} KiB and ${MS_GOAL} ms per push in the core: ` +
        `${(nowBytes / 1024).toFixed(1)} KiB, ${nowMs.toFixed(2)} ms -> ${met ? 'MET' : 'NOT MET'}`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { pushes: { type: 'string' } } });
  const { printReport } = await import('./lib/report.js');
  printReport(await pushBench({ pushes: values.pushes ? Number(values.pushes) : 40 }));
}
