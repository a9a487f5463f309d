/**
 * One laptop of the sync benchmark, in its own process: the hub, or a coach
 * laptop. The parent (sync-convergence.ts) drives it over IPC; laptops talk
 * to each other only over loopback HTTP, sealed, as on the floor.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { Core } from '../electron/core/core.js';
import { applyPragmas, DATABASE_FILE, openDatabase } from '../electron/core/db.js';
import { PROJECTION_TABLES } from '../electron/core/projection.js';
import { deriveEventKey, pairingUri } from '../electron/sync/crypto.js';
import { startSharing, type Sharing } from '../electron/sync/sharing.js';
import { startHost, type RunningHost } from '../electron/host/server.js';
import { attachExports } from '../electron/export/attach.js';
import type { Op } from '../shared/ops.js';

export type Command =
  | { cmd: 'hub'; dir: string }
  | { cmd: 'member'; dir: string; code: string; address: string }
  | { cmd: 'work'; index: number; ops: number }
  | { cmd: 'count' }
  | { cmd: 'mark' }
  | { cmd: 'sync'; total: number }
  | { cmd: 'state' }
  | { cmd: 'raw'; dir: string; runs: number }
  | { cmd: 'fresh'; dir: string; pairing: string; total: number }
  | { cmd: 'settle' }
  | { cmd: 'live' }
  | { cmd: 'unlive' }
  | { cmd: 'watch' }
  | { cmd: 'unwatch' }
  | { cmd: 'change' }
  | { cmd: 'seen'; deviceId: string; seq: number }
  | { cmd: 'idle'; ms: number }
  | { cmd: 'webhost'; dir: string }
  | { cmd: 'close' };

let core: Core;
let sharing: Sharing;
let applyMs = 0;
let applied = 0;
let answerMs = 0;
let requests = 0;
/** Hub: requests that carried no operations either way (a member looking again while others still send), and their CPU time. */
let emptyRequests = 0;
let emptyCpuMs = 0;
/** Hub: CPU time answering requests, and inside applyOps, from the reconnect on. */
let requestCpuMs = 0;
let applyCpuMs = 0;
/** Operations in the last answer the hub built (Core.missingBytes). */
let lastSent = 0;
/** What this laptop received, batch by batch, from the reconnect on. */
const received: (readonly Op[])[] = [];
let recording = false;
let cpuMark = process.cpuUsage();
/** This coach laptop's table (member laptops). */
let myTable = '';
/** When each snapshot push went out here (the instant a dashboard redraws), with what this laptop held then. */
const pushes: { at: number; vector: Record<string, number> }[] = [];
const waitingFor: { deviceId: string; seq: number; resolve: (at: number) => void }[] = [];
/** An instant comparable between processes on this machine, in fractional milliseconds. */
const wallNow = () => performance.timeOrigin + performance.now();

const ok = <T,>(e: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!e.ok) throw new Error(e.error?.message);
  return e.value as T;
};
const cpuMsSince = (mark: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(mark);
  return (d.user + d.system) / 1000;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(dir: string): Promise<void> {
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html>');
  core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), log: () => {} });
  sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, mdns: false, log: () => {} });
  // Time what this laptop spends applying operations it receives.
  const apply = core.applyOps.bind(core);
  core.applyOps = (ops: readonly Op[]) => {
    if (recording) received.push(ops);
    const t = performance.now();
    const c = process.cpuUsage();
    const n = apply(ops);
    applyMs += performance.now() - t;
    applyCpuMs += cpuMsSince(c);
    applied += n;
    return n;
  };
  const missing = core.missingBytes.bind(core);
  core.missingBytes = (have, limit, maxBytes) => {
    const m = missing(have, limit, maxBytes);
    lastSent = m.count;
    return m;
  };
  const handle = sharing.sync.handleRequest.bind(sharing.sync);
  sharing.sync.handleRequest = (raw, from) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const receivedBefore = received.length;
    lastSent = 0;
    const answer = handle(raw, from);
    const cpu = cpuMsSince(c);
    answerMs += performance.now() - t;
    requestCpuMs += cpu;
    requests += 1;
    const carried = received.slice(receivedBefore).reduce((s, b) => s + b.length, 0);
    if (recording && carried === 0 && lastSent === 0) {
      emptyRequests += 1;
      emptyCpuMs += cpu;
    }
    return answer;
  };
}

let host: RunningHost | null = null;

/** Note when each push of a change (whole snapshot or only what changed) goes out, with what this laptop holds then (once). */
let unwatch: (() => void) | null = null;
function watch(): void {
  if (unwatch) return;
  unwatch = core.subscribe((push) => {
    if (push.type !== 'snapshot' && push.type !== 'changes') return;
    const at = wallNow();
    const vector = core.vector();
    pushes.push({ at, vector });
    for (let i = waitingFor.length - 1; i >= 0; i--) {
      const w = waitingFor[i]!;
      if ((vector[w.deviceId] ?? 0) >= w.seq) {
        waitingFor.splice(i, 1);
        w.resolve(at);
      }
    }
  });
}

let session: Session | null = null;

/** BENCH_PROFILE=DIR: a CPU profile of each laptop from the reconnect to convergence. */
async function profiler(step: 'start' | 'stop'): Promise<void> {
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session!.post(method, (err, result) => (err ? reject(err) : resolve(result))));
  if (step === 'start') {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return;
  }
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(join(process.env.BENCH_PROFILE!, `laptop-${process.pid}.cpuprofile`), JSON.stringify(profile));
  session?.disconnect();
}

/** A digest of every projection table: equal digests, equal tables. */
function tablesDigest(): string {
  const hash = createHash('sha256');
  for (const t of PROJECTION_TABLES) {
    hash.update(t);
    hash.update(JSON.stringify(core.database.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()));
  }
  return hash.digest('hex').slice(0, 16);
}

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'hub': {
      await open(c.dir);
      ok(core.dispatch('event.create', { name: 'Bench', date: '2026-08-26', startTime: '09:00', endTime: '17:00', place: '' }));
      const { code } = ok<{ code: string }>(await core.dispatchAsync('sync.becomeHub', {}));
      const listening = core.snapshot().sync.listening[0]!;
      const eventId = core.snapshot().event!.id;
      // What the hub's QR code carries (the key itself: joining by it runs no scrypt).
      const pairing = pairingUri(listening, eventId, deriveEventKey(code, eventId), code);
      return { code, address: listening.replace('http://', ''), pairing, opCount: core.opCount() };
    }
    case 'member': {
      await open(c.dir);
      ok(await core.dispatchAsync('sync.join', { code: c.code, hubAddress: c.address }));
      sharing.live.stop();
      sharing.sync.stopLoop();
      return {};
    }
    case 'count':
      return { opCount: core.opCount() };
    case 'work': {
      // The partition: the hub is unreachable while this laptop works.
      const { tableId } = ok<{ tableId: string }>(
        core.dispatch('table.create', { name: `Table ${c.index + 1}`, coaches: [`Coach ${c.index}`], topics: [], languages: ['en'], turnMinutes: 15 }),
      );
      for (let n = 1; n < c.ops; n++) ok(core.dispatch('walkin.add', { tableId, name: `P${c.index}-${n}`, topics: [], partySize: 1 }));
      return { opCount: core.opCount() };
    }
    case 'mark':
      if (process.env.BENCH_PROFILE) await profiler('start');
      applyMs = 0;
      applied = 0;
      answerMs = 0;
      requests = 0;
      emptyRequests = 0;
      emptyCpuMs = 0;
      requestCpuMs = 0;
      applyCpuMs = 0;
      recording = true;
      cpuMark = process.cpuUsage();
      return {};
    case 'sync': {
      // Reconnect: sync until this laptop holds every operation, then bring its tables up to date.
      const start = performance.now();
      const cpu = process.cpuUsage();
      let rounds = 0;
      while (core.opCount() < c.total) {
        rounds += 1;
        await sharing.sync.syncNow();
        // Not everyone has reached the hub yet: look again shortly (the app waits 2 s).
        if (core.opCount() < c.total) await sleep(20);
        if (rounds > 2000) throw new Error('did not converge');
      }
      const fresh = performance.now();
      core.ensureFresh();
      applyMs += performance.now() - fresh;
      return {
        ms: performance.now() - start,
        cpuMs: cpuMsSince(cpu),
        applyCpuMs,
        applyMs,
        applied,
        rounds,
        replays: core.replays,
        lastError: sharing.sync.view().lastError,
      };
    }
    case 'state': {
      const fresh = performance.now();
      core.ensureFresh();
      const freshMs = performance.now() - fresh;
      // This laptop's work ends here: stopping the profiler and the digest of its tables are the bench's.
      const cpuMs = cpuMsSince(cpuMark);
      if (process.env.BENCH_PROFILE) await profiler('stop');
      return {
        opCount: core.opCount(),
        digest: tablesDigest(),
        freshMs,
        applyMs: applyMs + freshMs,
        applied,
        answerMs,
        requests,
        requestCpuMs,
        applyCpuMs,
        emptyRequests,
        emptyCpuMs,
        cpuMs,
        replays: core.replays,
      };
    }
    case 'raw': {
      recording = false;
      // The same batches in the same order, applied again into a fresh copy of this laptop as it
      // was before the reconnect, now that the other laptops are idle.
      const arrived = new Set(received.flatMap((batch) => batch.map((op) => op.id)));
      const before = core.ops().filter((op) => !arrived.has(op.id));
      const replayRuns: number[] = [];
      const replayCpu: number[] = [];
      let replayed = 0;
      for (let run = 0; run < c.runs; run++) {
        const again = new Core({ db: openDatabase(join(c.dir, `again-${run}.db`)), log: () => {} });
        again.applyOps(before);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        replayed = 0;
        // As they arrived: each in the transaction of its message (Core.receive), as the sync service applies it.
        for (const batch of received) replayed += again.receive(batch);
        again.ensureFresh();
        replayRuns.push(performance.now() - t0);
        replayCpu.push(cpuMsSince(c0));
        again.close();
      }
      // The baseline: the same rows, raw, in one transaction, same pragmas, fresh database each run.
      const rows = core.ops();
      const runs: number[] = [];
      const rawCpu: number[] = [];
      for (let run = 0; run < c.runs; run++) {
        const raw = new Database(join(c.dir, `raw-${run}.db`));
        applyPragmas(raw);
        raw.exec(`CREATE TABLE ops (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL, hlc TEXT NOT NULL,
          type TEXT NOT NULL, payload TEXT NOT NULL, UNIQUE (device_id, seq)) STRICT; CREATE INDEX ops_by_hlc ON ops (hlc);`);
        const insert = raw.prepare(`INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?)`);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        raw.transaction(() => {
          for (const op of rows) insert.run(op.id, op.deviceId, op.seq, op.hlc, op.type, JSON.stringify(op.payload));
        })();
        runs.push(performance.now() - t0);
        rawCpu.push(cpuMsSince(c0));
        raw.close();
      }
      return { rows: rows.length, runs, rawCpu, replayed, replayRuns, replayCpu };
    }
    case 'fresh': {
      // A laptop new to the event (a coach's laptop replaced mid-session) scans the hub's QR code.
      await open(c.dir);
      const start = performance.now();
      const cpu = process.cpuUsage();
      if (process.env.BENCH_VERBOSE) console.error('[fresh] joining');
      ok(await core.dispatchAsync('sync.joinScanned', { pairing: c.pairing }));
      if (process.env.BENCH_VERBOSE) console.error(`[fresh] joined: ${core.opCount()}`);
      sharing.live.stop();
      sharing.sync.stopLoop();
      let rounds = 1;
      while (core.opCount() < c.total) {
        if (process.env.BENCH_VERBOSE) console.error(`[fresh] round ${rounds}: ${core.opCount()} of ${c.total}, ${sharing.sync.view().lastError}`);
        if (++rounds > 50) throw new Error(`did not catch up: ${core.opCount()} of ${c.total}, ${sharing.sync.view().lastError}`);
        await sharing.sync.syncNow();
      }
      core.ensureFresh();
      const ms = performance.now() - start;
      return { ms, cpuMs: cpuMsSince(cpu), opCount: core.opCount(), digest: tablesDigest(), rounds, replays: core.replays };
    }
    case 'settle':
      // Copy the write-ahead log back now, rather than on the core's idle timer in the middle of a later measurement.
      core.database.pragma('wal_checkpoint(TRUNCATE)');
      return {};
    case 'watch':
      watch();
      return {};
    case 'unwatch':
      unwatch?.();
      unwatch = null;
      return {};
    case 'unlive':
      // Back to the partition: no link, no rounds, nobody watching.
      sharing.live.stop();
      sharing.sync.stopLoop();
      unwatch?.();
      unwatch = null;
      return {};
    case 'live': {
      // This coach laptop opens its live link to the hub and keeps it.
      watch();
      sharing.live.start();
      const start = performance.now();
      while (core.snapshot().sync.live !== 'live') {
        if (performance.now() - start > 20_000) throw new Error(`no live link: ${core.snapshot().sync.lastError}`);
        await sleep(10);
      }
      await sharing.sync.syncNow();
      return {};
    }
    case 'change': {
      // One change at this coach's table, as a coach makes it; the instant before the command.
      if (!myTable) {
        myTable = ok<{ tableId: string }>(
          core.dispatch('table.create', { name: 'Live table', coaches: ['Coach'], topics: [], languages: ['en'], turnMinutes: 15 }),
        ).tableId;
        await sleep(50);
      }
      const at = wallNow();
      ok(core.dispatch('walkin.add', { tableId: myTable, name: 'Live', topics: [], partySize: 1 }));
      const deviceId = core.deviceId;
      return { at, deviceId, seq: core.vector()[deviceId] ?? 0 };
    }
    case 'seen': {
      // When this laptop's screens were first pushed a snapshot holding that change.
      const done = pushes.find((p) => (p.vector[c.deviceId] ?? 0) >= c.seq);
      if (done) return done.at;
      return new Promise<number>((resolve) => waitingFor.push({ deviceId: c.deviceId, seq: c.seq, resolve }));
    }
    case 'idle': {
      // CPU time over `ms` with nothing happening but what this laptop does by itself.
      const cpu = process.cpuUsage();
      await sleep(c.ms);
      return { cpuMs: cpuMsSince(cpu) };
    }
    case 'webhost': {
      // The web host as `npm run serve` runs it (core, sharing, exports, HTTP and WebSocket), with a turn running.
      await open(c.dir);
      attachExports(core);
      ok(core.dispatch('event.create', { name: 'Idle', date: '2026-08-26', startTime: '00:00', endTime: '23:59', place: '' }));
      const { tableId } = ok<{ tableId: string }>(
        core.dispatch('table.create', { name: 'Table 1', coaches: ['Coach'], topics: [], languages: ['en'], turnMinutes: 120 }),
      );
      ok(core.dispatch('walkin.add', { tableId, name: 'Ana', topics: [], partySize: 1 }));
      ok(core.dispatch('turn.start', { tableId }));
      core.timers.refresh();
      mkdirSync(join(c.dir, 'static'), { recursive: true });
      host = await startHost({ core, staticDir: join(c.dir, 'static') });
      return { url: host.url };
    }
    case 'close':
      await host?.close();
      await sharing.close();
      core.close();
      setImmediate(() => process.exit(0));
      return {};
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  handle(message.command).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});
process.send?.({ id: 0, ok: true, value: 'ready' });
