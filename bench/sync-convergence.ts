/**
 * Sync convergence: ten coach laptops each make 1,000 changes while cut off
 * from the hub, then reconnect at once. Every laptop is its own process
 * (sync-laptop.ts) with its own database, talking to the hub over real
 * loopback HTTP with sealed messages, as on the floor.
 *
 * Measured: the wall-clock time from the reconnect until every laptop holds
 * every operation and its tables are up to date (their digests compared);
 * each laptop's CPU time; and the hub's apply rate (operations per second
 * inside Core.applyOps, log and tables; replayed as they arrived, each batch
 * in its message's transaction, Core.receive) against raw better-sqlite3 bulk
 * inserts of the same rows in one transaction, same durability settings,
 * measured in the same run in the hub's process (wall clock, the goal; and
 * the process's CPU time beside it, which a loaded machine's waits leave out).
 *
 * Then, in the same run, the live floor (electron/sync/live.ts):
 * - four coach laptops hold the live link; one of them makes CHANGES
 *   changes one at a time, and each is timed from the coach's command to
 *   the snapshot push (what a dashboard redraws from) on the hub and on
 *   another coach laptop: p50 and p99;
 * - idle CPU over --idle-seconds (default 60) as a share of one core: the
 *   hub with four idle members holding their links, and a web host (core,
 *   sharing, HTTP and the page's WebSocket, connected) with a turn running.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BATCH, MAX_BATCH } from '../electron/sync/protocol.js';
import { WebSocket } from 'ws';
import type { BenchOptions } from './run.js';
import type { Command } from './sync-laptop.js';
import type { Report } from './lib/report.js';
import { median, percentile } from './lib/stats.js';

const LAPTOPS = 10;
const step = (what: string) => {
  if (process.env.BENCH_VERBOSE) console.error(`[sync bench] ${what}`);
};
const OPS_EACH = 1000;
/** Runs of the quiet replay and of the raw inserts; their medians are compared. */
const RUNS = 5;
/** Changes timed over the live link. */
const CHANGES = 120;
/** Members holding the live link while changes are timed and while idle. */
const LIVE_MEMBERS = 4;

interface Proc {
  call<T>(command: Command): Promise<T>;
  child: ChildProcess;
}

function spawnLaptop(): Promise<Proc> {
  const child = fork(fileURLToPath(new URL('./sync-laptop.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  return new Promise((resolve, reject) => {
    child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      if (m.id === 0) {
        resolve({
          child,
          call: <T,>(command: Command) =>
            new Promise<T>((res, rej) => {
              const id = next++;
              waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              child.send({ id, command });
            }),
        });
        return;
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.ok) w?.resolve(m.value);
      else w?.reject(new Error(m.error));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      for (const w of waiting.values()) w.reject(new Error(`laptop process exited (${code})`));
    });
  });
}

interface SyncResult {
  ms: number;
  cpuMs: number;
  applyCpuMs: number;
  applyMs: number;
  applied: number;
  rounds: number;
  replays: number;
  lastError: string | null;
}
interface StateResult {
  opCount: number;
  digest: string;
  freshMs: number;
  applyMs: number;
  applied: number;
  answerMs: number;
  requests: number;
  requestCpuMs: number;
  applyCpuMs: number;
  emptyRequests: number;
  emptyCpuMs: number;
  cpuMs: number;
  replays: number;
}

export async function syncConvergence(options: Pick<BenchOptions, 'idleSeconds'> = { idleSeconds: 60 }): Promise<Report> {
  const root = mkdtempSync(join(tmpdir(), 'tableside-bench-sync-'));
  const procs: Proc[] = [];
  try {
    const all = await Promise.all(Array.from({ length: LAPTOPS + 1 }, () => spawnLaptop()));
    procs.push(...all);
    const [hub, ...members] = all as [Proc, ...Proc[]];
    mkdirSync(join(root, 'hub'));
    const { code, address, pairing } = await hub.call<{ code: string; address: string; pairing: string }>({
      cmd: 'hub',
      dir: join(root, 'hub'),
    });
    // One at a time: joining runs scrypt (about 200 ms), which is not what is measured.
    for (const [index, m] of members.entries()) {
      await m.call({ cmd: 'member', dir: join(root, `coach-${index}`), code, address });
    }

    step('live latency');
    // (a) The live floor, on an event of a floor's size: four coach laptops hold the live link; one makes changes one at a time.
    const live = members.slice(0, LIVE_MEMBERS);
    const [writer, watcher] = live as [Proc, Proc];
    await hub.call({ cmd: 'watch' });
    for (const m of live) await m.call({ cmd: 'live' });
    const toHub: number[] = [];
    const toCoach: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const change = await writer.call<{ at: number; deviceId: string; seq: number }>({ cmd: 'change' });
      const [atHub, atCoach] = await Promise.all([
        hub.call<number>({ cmd: 'seen', deviceId: change.deviceId, seq: change.seq }),
        watcher.call<number>({ cmd: 'seen', deviceId: change.deviceId, seq: change.seq }),
      ]);
      toHub.push(atHub - change.at);
      toCoach.push(atCoach - change.at);
    }
    toHub.sort((a, b) => a - b);
    toCoach.sort((a, b) => a - b);
    await hub.call({ cmd: 'unwatch' });

    step('idle');
    // (b) Idle: the hub with four idle members on their links, and a web host with a turn running and its page connected.
    const webhost = await spawnLaptop();
    procs.push(webhost);
    const { url } = await webhost.call<{ url: string }>({ cmd: 'webhost', dir: join(root, 'webhost') });
    const page = new WebSocket(new URL('api/events', url.replace('http:', 'ws:')));
    let pushesSeen = 0;
    page.on('message', () => (pushesSeen += 1));
    await new Promise<void>((done, fail) => {
      page.once('open', () => done());
      page.once('error', fail);
    });
    const idleMs = options.idleSeconds * 1000;
    const [hubIdle, webIdle, ...memberIdle] = await Promise.all([
      hub.call<{ cpuMs: number }>({ cmd: 'idle', ms: idleMs }),
      webhost.call<{ cpuMs: number }>({ cmd: 'idle', ms: idleMs }),
      ...live.map((m) => m.call<{ cpuMs: number }>({ cmd: 'idle', ms: idleMs })),
    ]);
    page.close();
    // Done with it: out of the list, so later steps do not call a closed process.
    await webhost.call({ cmd: 'close' }).catch(() => {});
    procs.splice(procs.indexOf(webhost), 1);
    const share = (cpuMs: number) => (cpuMs / idleMs) * 100;
    const memberIdleMax = Math.max(...memberIdle.map((m) => m!.cpuMs));
    for (const m of live) await m.call({ cmd: 'unlive' });

    step('partition work');
    // The partition: each coach laptop works alone.
    await Promise.all(members.map((m, index) => m.call({ cmd: 'work', index, ops: OPS_EACH })));
    const { opCount: hubOps } = await hub.call<{ opCount: number }>({ cmd: 'count' });
    const total = hubOps + LAPTOPS * OPS_EACH;

    step('reconnect');
    // The partition heals: every laptop reconnects at once.
    await Promise.all(all.map((p) => p.call({ cmd: 'mark' })));
    const start = performance.now();
    const synced = await Promise.all(members.map((m) => m.call<SyncResult>({ cmd: 'sync', total })));
    const membersDone = performance.now() - start;
    const states = await Promise.all(all.map((p) => p.call<StateResult>({ cmd: 'state' })));
    const hubState = states[0]!;
    // The hub's tables too: if it had to replay, that is part of converging.
    const convergenceMs = membersDone + hubState.freshMs;
    const digests = new Set(states.map((s) => s.digest));
    const complete = states.every((s) => s.opCount === total);
    const errors = synced.map((s) => s.lastError).filter(Boolean);

    step('fresh join');
    // Then a laptop new to the event joins by the hub's QR code and takes all of it, alone on the network.
    const fresh = await spawnLaptop();
    procs.push(fresh);
    const joined = await fresh.call<{ ms: number; cpuMs: number; opCount: number; digest: string; rounds: number; replays: number }>({
      cmd: 'fresh',
      dir: join(root, 'newcomer'),
      pairing,
      total,
    });
    const joinedSame = joined.opCount === total && joined.digest === hubState.digest;

    // Every laptop writes its log back into its database now, not during the measurements below.
    await Promise.all(procs.map((p) => p.call({ cmd: 'settle' })));
    const raw = await hub.call<{ rows: number; runs: number[]; rawCpu: number[]; replayed: number; replayRuns: number[]; replayCpu: number[] }>({
      cmd: 'raw',
      dir: join(root, 'hub'),
      runs: RUNS,
    });
    const rawMs = median(raw.runs);
    const rawRate = raw.rows / (rawMs / 1000);
    const hubRate = hubState.applied / (hubState.applyMs / 1000);
    const quietMs = median(raw.replayRuns);
    const quietRate = raw.replayed / (quietMs / 1000);
    const ratio = quietRate / rawRate;
    // The same two in the process's CPU time: what a loaded machine's waits (the replay commits ten times) leave out.
    const cpuRatio = (raw.replayed / median(raw.replayCpu)) / (raw.rows / median(raw.rawCpu));

    const slowest = synced.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
    const cpuTotal = hubState.cpuMs + synced.reduce((s, r) => s + r.cpuMs, 0);
    const cores = availableParallelism();
    const critical = hubState.cpuMs + slowest.cpuMs;
    const replays = states.reduce((s, r) => s + r.replays, 0);
    return {
      title: 'Sync: ten laptops reconnect after a partition',
      preamble: [
        `${LAPTOPS} coach laptops x ${OPS_EACH} operations each, made while the hub was unreachable, then all reconnect at once.`,
        `Each laptop is its own process with its own database; real loopback HTTP, AES-256-GCM sealed messages,`,
        `batches of ${BATCH} operations growing to ${MAX_BATCH} while rounds are quick; ${total} operations in all. This machine has ${cores} cores for ${LAPTOPS + 1} laptops.`,
        `Converged: ${complete ? 'every laptop holds every operation' : 'NOT every laptop holds every operation'}; ` +
          `table digests ${digests.size === 1 ? 'identical on all' : `DIFFER (${digests.size} kinds)`}; ` +
          `replays of the log beyond opening: ${replays - (LAPTOPS + 1)}; errors: ${errors.length}.`,
      ],
      columns: ['measurement', 'operations', 'ms', 'ops/s'],
      rows: [
        ['full convergence, wall clock', total, convergenceMs.toFixed(0), ''],
        ['hub: CPU time (answer requests, apply)', total, hubState.cpuMs.toFixed(0), ''],
        [`  of which answering ${hubState.requests} sync requests (CPU; ${hubState.answerMs.toFixed(0)} ms wall clock)`, '', hubState.requestCpuMs.toFixed(0), ''],
        ['    of which applying what they carried (CPU)', '', hubState.applyCpuMs.toFixed(0), ''],
        [`    of which ${hubState.emptyRequests} requests carrying nothing either way (CPU)`, '', hubState.emptyCpuMs.toFixed(0), ''],
        ['slowest coach laptop: CPU time', slowest.applied, slowest.cpuMs.toFixed(0), ''],
        [`  of which applying what it received (CPU; ${slowest.applyMs.toFixed(0)} ms wall clock)`, slowest.applied, slowest.applyCpuMs.toFixed(0), ''],
        ['all 11 laptops: CPU time', '', cpuTotal.toFixed(0), ''],
        ["a new laptop joins by QR code and takes it all, alone", joined.opCount, joined.ms.toFixed(0), ''],
        ['  its CPU time', '', joined.cpuMs.toFixed(0), ''],
        ['hub: applyOps (log and tables), during the reconnect', hubState.applied, hubState.applyMs.toFixed(1), hubRate.toFixed(0)],
        [`hub: the same batches again, machine quiet (median of ${RUNS})`, raw.replayed, quietMs.toFixed(1), quietRate.toFixed(0)],
        [`raw bulk INSERT, one transaction (median of ${RUNS})`, raw.rows, rawMs.toFixed(1), rawRate.toFixed(0)],
        [`  the same batches again, CPU time (median of ${RUNS})`, raw.replayed, median(raw.replayCpu).toFixed(1), ''],
        [`  raw bulk INSERT, CPU time (median of ${RUNS})`, raw.rows, median(raw.rawCpu).toFixed(1), ''],
        [`live: coach change -> hub dashboard push, p50 (${CHANGES} changes, ${LIVE_MEMBERS} members linked)`, '', percentile(toHub, 50).toFixed(1), ''],
        ['live: coach change -> hub dashboard push, p99', '', percentile(toHub, 99).toFixed(1), ''],
        ['live: coach change -> another coach laptop push, p50', '', percentile(toCoach, 50).toFixed(1), ''],
        ['live: coach change -> another coach laptop push, p99', '', percentile(toCoach, 99).toFixed(1), ''],
        [`idle ${options.idleSeconds} s: hub CPU, ${LIVE_MEMBERS} members linked`, '', hubIdle.cpuMs.toFixed(0), ''],
        [`idle ${options.idleSeconds} s: busiest linked member CPU`, '', memberIdleMax.toFixed(0), ''],
        [`idle ${options.idleSeconds} s: web host CPU, turn running, page connected (${pushesSeen} pushes)`, '', webIdle.cpuMs.toFixed(0), ''],
      ],
      verdicts: [
        `Goal convergence under 1 s: ${(convergenceMs / 1000).toFixed(2)} s wall clock, ${LAPTOPS + 1} laptops sharing ${cores} cores -> ${convergenceMs < 1000 ? 'MET' : 'NOT MET'}`,
        `  (their CPU time adds up to ${(cpuTotal / 1000).toFixed(2)} s, so ${cores} cores need at least ${(cpuTotal / cores / 1000).toFixed(2)} s;` +
          ` on separate laptops the path is about the hub's ${(hubState.cpuMs / 1000).toFixed(2)} s plus the slowest coach's ${(slowest.cpuMs / 1000).toFixed(2)} s = ${(critical / 1000).toFixed(2)} s)`,
        `One laptop catching up alone (a coach's laptop replaced mid-session): ${total} operations in ${(joined.ms / 1000).toFixed(2)} s wall clock, ` +
          `${joinedSame ? 'same tables as the hub' : 'TABLES DIFFER from the hub'}; the same work on each of ten laptops at once is what 2 cores cannot do in 1 s.`,
        `Goal on separate laptops, hub CPU + slowest coach CPU under 1 s: ${(hubState.cpuMs / 1000).toFixed(2)} s + ${(slowest.cpuMs / 1000).toFixed(2)} s = ` +
          `${(critical / 1000).toFixed(2)} s -> ${critical < 1000 ? 'MET' : 'NOT MET'} (on this shared machine: ${(convergenceMs / 1000).toFixed(2)} s wall clock)`,
        `Goal live change p99 under 250 ms: to the hub's dashboard ${percentile(toHub, 99).toFixed(1)} ms, to another coach laptop ${percentile(toCoach, 99).toFixed(1)} ms -> ` +
          `${Math.max(percentile(toHub, 99), percentile(toCoach, 99)) < 250 ? 'MET' : 'NOT MET'} (p50 ${percentile(toHub, 50).toFixed(1)} / ${percentile(toCoach, 50).toFixed(1)} ms)`,
        `Goal idle under 1% of a core: hub with ${LIVE_MEMBERS} idle members ${share(hubIdle.cpuMs).toFixed(2)}%, web host with a running turn ${share(webIdle.cpuMs).toFixed(2)}% -> ` +
          `${share(hubIdle.cpuMs) < 1 && share(webIdle.cpuMs) < 1 ? 'MET' : 'NOT MET'} (busiest linked member ${share(memberIdleMax).toFixed(2)}%; over ${options.idleSeconds} s)`,
        `Goal hub apply rate at least 0.33 x raw bulk inserts: ${ratio.toFixed(2)} -> ${ratio >= 0.33 ? 'MET' : 'NOT MET'}` +
          ` (both measured with the other laptops idle; in CPU time ${cpuRatio.toFixed(2)}; during the reconnect, sharing ${cores} cores with them: ${(hubRate / rawRate).toFixed(2)})`,
      ],
    };
  } finally {
    await Promise.all(procs.map((p) => p.call({ cmd: 'close' }).catch(() => {})));
    for (const p of procs) p.child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}
