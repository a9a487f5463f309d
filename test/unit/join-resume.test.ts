/**
 * A join cut off halfway resumes, or leaves nothing (issue 18, case 5), over
 * real loopback HTTP: a hub holding 2,500 changes, an empty laptop joining it
 * through a proxy that cuts the connection after the first answer (1,000
 * changes), then the next try, or giving up.
 */
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { deriveEventKey, openFrame } from '../../electron/sync/crypto.js';
import { parseFrame } from '../../electron/sync/protocol.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import type { Envelope } from '../../shared/contract.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  core: Core;
  sharing: Sharing;
}

async function laptop(name: string): Promise<Laptop> {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const clock = new ManualClock(T0);
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  const sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, clock, mdns: false, log: () => {} });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
  });
  return { core, sharing };
}

async function attempt(lap: Laptop, method: string, args: unknown = {}): Promise<Envelope<unknown>> {
  return (await lap.core.dispatchAsync(method, args)) as Envelope<unknown>;
}

/** A proxy to the hub that lets `allow` sync answers through, then cuts every connection (the lid closed). */
async function cuttingProxy(target: string): Promise<{ address: string; allow: number; answers: Buffer[] }> {
  const state = { address: '', allow: Infinity, answers: [] as Buffer[] };
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isSync = req.url === '/sync';
      if (isSync && state.allow <= 0) return res.destroy();
      const out = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        const back: Buffer[] = [];
        up.on('data', (c: Buffer) => back.push(c));
        up.on('end', () => {
          const body = Buffer.concat(back);
          if (isSync) {
            state.allow -= 1;
            state.answers.push(body);
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body);
        });
      });
      out.on('error', () => res.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  cleanups.push(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  );
  state.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** JSON with every object's keys in order (a payload parsed on arrival may list its fields in another order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The event as a laptop holds it: its operations (id, type, payload) and its tables, hashed. */
function digest(core: Core): string {
  const ops = core
    .ops()
    .map((op) => canonical([op.id, op.deviceId, op.seq, op.hlc, op.type, op.payload]))
    .sort();
  // (All walk-ins here arrive at the same instant, so the queue is compared as a set of names.)
  const queues = core.snapshot().tables.map((t) => t.queue.map((e) => e.name ?? '').sort());
  return createHash('sha256').update(ops.join('\n')).update(JSON.stringify(queues)).digest('hex');
}

async function bigHub(): Promise<{ hub: Laptop; code: string; address: string }> {
  const hub = await laptop('hub');
  expect(hub.core.call('event.create', EVENT).ok).toBe(true);
  const table = hub.core.call('table.create', TABLE);
  if (!table.ok) throw new Error('table');
  const tableId = (table.value as { tableId: string }).tableId;
  // 2 + 2,498 = 2,500 changes.
  for (let i = 1; i <= 2498; i++) hub.core.call('walkin.add', { tableId, name: `Guest ${i}`, topics: [], partySize: 1 });
  expect(hub.core.ops()).toHaveLength(2500);
  const r = (await hub.core.dispatchAsync('sync.becomeHub', {})) as Envelope<{ code: string }>;
  if (!r.ok) throw new Error('hub');
  const address = hub.core.snapshot().sync.listening[0]!.replace('http://', '');
  return { hub, code: r.value.code, address };
}

describe('a join cut off halfway', () => {
  it('keeps what arrived aside (no event), says how far it got, and the next try continues from there to identical digests', async () => {
    const { hub, code, address } = await bigHub();
    const proxy = await cuttingProxy(`http://${address}`);
    const member = await laptop('member');
    proxy.allow = 1; // The first answer (1,000 changes) arrives, then the lid closes.

    const cut = await attempt(member, 'sync.join', { code, hubAddress: proxy.address });
    expect(cut.ok).toBe(false);
    if (cut.ok) return;
    expect(cut.error.params).toMatchObject({ reason: 'join_paused', done: 1000, total: 2500 });
    expect(cut.error.message).toContain('1000 of 2500 changes have arrived; they wait aside, not as an event.');
    // Nothing shown: no event, no table, no operation in the log; sharing not set up; the copy paused at 1,000 of 2,500.
    expect(member.core.snapshot().event).toBeNull();
    expect(member.core.snapshot().tables).toEqual([]);
    expect(member.core.ops()).toHaveLength(0);
    expect(member.core.snapshot().sync).toMatchObject({ role: 'alone', joining: { done: 1000, total: 2500, paused: true } });

    // The next try (the lid opens): progress is reported from 1,000 on, and only the 1,500 missing changes travel.
    proxy.allow = Infinity;
    const before = proxy.answers.length;
    const seen: { done: number; total: number | null }[] = [];
    const watch = setInterval(() => {
      const j = member.sharing.sync.view().joining;
      if (j && !j.paused && (seen.length === 0 || seen.at(-1)!.done !== j.done)) seen.push({ done: j.done, total: j.total });
    }, 1);
    const resumed = await attempt(member, 'sync.join', { code, hubAddress: proxy.address });
    clearInterval(watch);
    expect(resumed.ok).toBe(true);
    // Reported from where it stopped, each step of the same 2,500 (the last, whole, is applied at once).
    expect(seen[0]).toEqual({ done: 1000, total: 2500 });
    expect(seen.length).toBeGreaterThan(1);
    for (const step of seen) expect(step.total).toBe(2500);
    expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
    const key = deriveEventKey(code, hub.core.snapshot().event!.id);
    const carried = proxy.answers.slice(before).reduce((n, raw) => {
      const frame = parseFrame(raw)!;
      return n + (openFrame(key, frame.header, frame.data) as { ops: unknown[] }).ops.length;
    }, 0);
    expect(carried).toBe(1500);
    expect(member.core.ops()).toHaveLength(2500);
    expect(member.core.snapshot().tables[0]?.queue).toHaveLength(2498);
    expect(digest(member.core)).toBe(digest(hub.core));
    expect(member.core.snapshot().sync).toMatchObject({ role: 'member', joining: null });
  }, 120_000);

  it('giving up leaves an empty laptop: nothing aside, no event, and a later join starts from nothing', async () => {
    const { hub, code, address } = await bigHub();
    const proxy = await cuttingProxy(`http://${address}`);
    const member = await laptop('member');
    proxy.allow = 1;
    const cut = await attempt(member, 'sync.join', { code, hubAddress: proxy.address });
    expect(cut).toMatchObject({ ok: false, error: { params: { reason: 'join_paused' } } });

    const gaveUp = (await attempt(member, 'sync.joinGiveUp')) as Envelope<{ cleared: number }>;
    expect(gaveUp).toEqual({ ok: true, value: { cleared: 1000 } });
    expect(member.core.snapshot().sync).toMatchObject({ role: 'alone', joining: null });
    expect(member.core.snapshot().event).toBeNull();
    expect(member.core.ops()).toHaveLength(0);
    // Nothing of the copy is left in the database either.
    const left = member.core.database.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'join_stage%'").get() as { n: number };
    expect(left.n).toBe(0);

    // A later join takes all 2,500 from the start.
    proxy.allow = Infinity;
    const before = proxy.answers.length;
    expect((await attempt(member, 'sync.join', { code, hubAddress: proxy.address })).ok).toBe(true);
    const key = deriveEventKey(code, hub.core.snapshot().event!.id);
    const carried = proxy.answers.slice(before).reduce((n, raw) => {
      const frame = parseFrame(raw)!;
      return n + (openFrame(key, frame.header, frame.data) as { ops: unknown[] }).ops.length;
    }, 0);
    expect(carried).toBe(2500);
    expect(digest(member.core)).toBe(digest(hub.core));
  }, 120_000);
});
