/**
 * The sharing lifecycle on real loopback laptops: a hub that stops sharing
 * and shares again keeps its event code, key and port, so its members
 * reconnect by themselves; a new sharing (new code) is said plainly to
 * members still holding the old key; a hub that stepped down (two hubs met)
 * and restarts listens only to send members on, never as a second hub.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, createServer, get, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { deriveEventKey, sealFrame } from '../../electron/sync/crypto.js';
import { fetchAgainIfClosed } from '../../electron/sync/fetch-again.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import type { Envelope } from '../../shared/contract.js';
import { linkState } from '../../shared/domain/sync-status.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir, call } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  name: string;
  dir: string;
  core: Core;
  sharing: Sharing;
  clock: ManualClock;
  /** Close it (the lid shut, the app quit) and start it again on the same folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function laptop(name: string): Promise<Laptop> {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const clock = new ManualClock(T0);
  const ids = sequentialIds(name);
  let closed = false;
  const open = async () => {
    const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: ids, log: () => {} });
    // The timed look stays out of the way: the test looks when it means to.
    const sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, clock, mdns: false, hubProbeMs: 3_600_000, log: () => {} });
    return { core, sharing };
  };
  const lap = { name, dir, clock, ...(await open()) } as Laptop;
  lap.close = async () => {
    if (closed) return;
    closed = true;
    await lap.sharing.close();
    lap.core.close();
  };
  lap.restart = async () => {
    await lap.close();
    Object.assign(lap, await open());
    closed = false;
  };
  cleanups.push(() => lap.close());
  await call(lap, 'settings.update', { deviceName: name });
  return lap;
}

const addressOf = (lap: Laptop) => lap.core.snapshot().sync.listening[0]!.replace('http://', '');
const names = (lap: Laptop) => (lap.core.snapshot().tables[0]?.queue ?? []).map((e) => e.name ?? '').sort();

async function walkIn(lap: Laptop, name: string): Promise<void> {
  await call(lap, 'walkin.add', { tableId: lap.core.snapshot().tables[0]!.id, name, topics: [], partySize: 1 });
}

/** A GET on a new connection (fetch's pool may hold one to the laptop before its restart). */
function getFresh(url: string): Promise<string> {
  return new Promise((done, fail) => {
    get(url, { agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done(text));
    }).on('error', fail);
  });
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`still not: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function hubAndMember(): Promise<{ hub: Laptop; coach: Laptop; code: string; address: string }> {
  const hub = await laptop('Hub');
  await call(hub, 'event.create', EVENT);
  await call(hub, 'table.create', TABLE);
  const { code } = await call<{ code: string }>(hub, 'sync.becomeHub');
  const coach = await laptop('Coach');
  await call(coach, 'sync.join', { code, hubAddress: addressOf(hub) });
  return { hub, coach, code, address: addressOf(hub) };
}

describe('stopping and sharing again on the hub', () => {
  it('keeps the code, key and port: the member, working meanwhile, reconnects by itself and its change arrives', async () => {
    const { hub, coach, code, address } = await hubAndMember();
    await call(hub, 'sync.leave');
    expect(hub.core.snapshot().sync).toMatchObject({ role: 'alone', eventCode: null, keptCode: code });
    // The member keeps working; its round fails, and the one link state says so with the reason.
    await walkIn(coach, 'Lucía');
    await call(coach, 'sync.now');
    const lost = linkState(coach.core.snapshot().sync);
    expect(lost).toMatchObject({ kind: 'lost', pending: 1, needsCode: false, problem: { code: 'sync_unreachable' } });

    hub.clock.advance(60_000);
    const again = await call<{ code: string }>(hub, 'sync.becomeHub');
    expect(again.code).toBe(code);
    // The same sharing: its member still counts as linked (it reconnects by itself).
    expect(linkState(hub.core.snapshot().sync)).toMatchObject({ kind: 'hub', laptops: 1, earlier: 0 });
    expect(addressOf(hub)).toBe(address);
    expect(hub.core.snapshot().sync.keptCode).toBeNull();
    // No new join: the member's own rounds reach the hub again.
    await until('the walk-in reaches the hub', async () => {
      await call(coach, 'sync.now');
      return names(hub).includes('Lucía');
    });
    expect(linkState(coach.core.snapshot().sync)).toMatchObject({ pending: 0 });
    expect(['live', 'rounds']).toContain(linkState(coach.core.snapshot().sync).kind);
  }, 60_000);

  it('a new sharing, chosen, has a new code; the member is told so (sync_renewed, not "wrong code") and joins again with it, keeping its work', async () => {
    const { hub, coach, code, address } = await hubAndMember();
    await call(hub, 'sync.leave');
    await walkIn(coach, 'Kenji');
    expect(linkState(hub.core.snapshot().sync)).toEqual({ kind: 'alone' });
    hub.clock.advance(60_000);
    const renewed = await call<{ code: string }>(hub, 'sync.becomeHub', { newCode: true });
    expect(renewed.code).not.toBe(code);
    // The hub counts the member apart: it synced in the earlier sharing and needs the new code.
    expect(linkState(hub.core.snapshot().sync)).toMatchObject({ kind: 'hub', laptops: 0, earlier: 1 });
    await call(coach, 'sync.now');
    expect(linkState(coach.core.snapshot().sync)).toMatchObject({ kind: 'lost', needsCode: true, pending: 1, problem: { code: 'sync_renewed' } });
    expect(linkState(hub.core.snapshot().sync)).toMatchObject({ kind: 'hub', laptops: 0, earlier: 1 });
    await call(coach, 'sync.join', { code: renewed.code, hubAddress: address });
    expect(names(hub)).toContain('Kenji');
    expect(linkState(hub.core.snapshot().sync)).toMatchObject({ kind: 'hub', laptops: 1, earlier: 0 });
    expect(coach.core.snapshot().sync.eventCode).toBe(renewed.code);
    expect(linkState(coach.core.snapshot().sync)).toMatchObject({ pending: 0 });
  }, 60_000);
});

describe('several new sharings in a row', () => {
  it('a member of any earlier sharing is told the code was renewed (sync_renewed), never accepted with its old key', async () => {
    const { hub, coach, code, address } = await hubAndMember();
    await call(hub, 'sync.leave');
    await walkIn(coach, 'Amaru');
    const codes = [code];
    // Two new codes in a row (the organiser renewed, then renewed again): the coach still holds the first.
    for (let i = 0; i < 2; i++) {
      hub.clock.advance(60_000);
      codes.push((await call<{ code: string }>(hub, 'sync.becomeHub', { newCode: true })).code);
      if (i === 0) await call(hub, 'sync.leave');
    }
    expect(new Set(codes).size).toBe(3);
    await call(coach, 'sync.now');
    expect(linkState(coach.core.snapshot().sync)).toMatchObject({ kind: 'lost', needsCode: true, pending: 1, problem: { code: 'sync_renewed' } });
    // Nothing sealed with an earlier key was taken in.
    expect(names(hub)).not.toContain('Amaru');
    await call(coach, 'sync.join', { code: codes[2], hubAddress: address });
    expect(names(hub)).toContain('Amaru');
  }, 60_000);
});

describe('joining again after a new sharing with a code the hub refuses', () => {
  /** A code of the right shape with one character changed. */
  const typo = (code: string) => code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');

  it('a mistyped new code or the old code is refused, saying which, and changes nothing (code, what the hub has, changes waiting, the reason shown)', async () => {
    const { hub, coach, code, address } = await hubAndMember();
    await call(hub, 'sync.leave');
    const renewed = await call<{ code: string }>(hub, 'sync.becomeHub', { newCode: true });
    await call(coach, 'sync.now');
    const before = coach.core.snapshot().sync;
    expect(linkState(before)).toMatchObject({ kind: 'lost', needsCode: true, pending: 0 });
    const meta = () => coach.core.sync.meta('sync_hub_have');
    const haveBefore = meta();

    for (const [typed, reason] of [
      [typo(renewed.code), 'join_wrong_code'],
      [code, 'join_old_code'],
    ] as const) {
      const r = (await coach.core.dispatchAsync('sync.join', { code: typed, hubAddress: address })) as Envelope<unknown>;
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.params?.['reason']).toBe(reason);
      const after = coach.core.snapshot().sync;
      expect(after).toMatchObject({ role: 'member', eventCode: code, pending: 0, lastErrorCode: { code: 'sync_renewed' } });
      expect(meta()).toBe(haveBefore);
      expect(linkState(after)).toMatchObject({ kind: 'lost', needsCode: true, pending: 0 });
    }
    // A round after the refusals still finds nothing waiting, and the right code then joins.
    await call(coach, 'sync.now');
    expect(linkState(coach.core.snapshot().sync)).toMatchObject({ kind: 'lost', needsCode: true, pending: 0 });
    await call(coach, 'sync.join', { code: renewed.code, hubAddress: address });
    expect(coach.core.snapshot().sync).toMatchObject({ eventCode: renewed.code, lastError: null, pending: 0 });
  }, 60_000);
});

describe('a hub that stepped down (two hubs met) and restarts', () => {
  it('listens only to send members on (409 hub_moved, /hello names no event), says whose member it is, and a member away meanwhile follows', async () => {
    const { hub: h, coach: a, code } = await hubAndMember();
    const m = await laptop('Coach-M');
    await call(m, 'sync.join', { code, hubAddress: addressOf(h) });
    const hAddress = addressOf(h);
    // A's lid is shut while M takes over and the two hubs meet.
    await a.close();
    await call(m, 'sync.becomeHub', { takeover: true });
    await m.sharing.sync.probeHubs();
    await until('H steps down', () => h.core.snapshot().sync.role === 'member');

    await h.restart();
    const view = h.core.snapshot().sync;
    expect(view).toMatchObject({ role: 'member', hubUrl: `http://${addressOf(m)}`, movedTo: `http://${addressOf(m)}`, listening: [] });
    const hello = JSON.parse(await getFresh(`http://${hAddress}/hello`)) as { eventId: string | null };
    expect(hello.eventId).toBeNull();
    await until("H names its hub (M's /hello)", () => h.core.snapshot().sync.hubName === 'Coach-M');

    // A opens again: its hub is H, which sends it on to M.
    await a.restart();
    await walkIn(a, 'Ana');
    await until('A follows to M and its walk-in arrives', async () => {
      await call(a, 'sync.now');
      return a.core.snapshot().sync.hubUrl === `http://${addressOf(m)}` && names(m).includes('Ana');
    });
    expect(m.core.snapshot().sync.role).toBe('hub');
    expect(h.core.snapshot().sync.role).toBe('member');
  }, 90_000);
});

describe("the hub's listener and kept-alive connections", () => {
  it("keeps a member's idle kept-alive connection past Node's 5 s, so a member reusing it then gets no ECONNRESET; a stranger's answer closes its connection", async () => {
    const hub = await laptop('Hub');
    await call(hub, 'event.create', EVENT);
    const { code } = await call<{ code: string }>(hub, 'sync.becomeHub');
    const eventId = hub.core.snapshot().event!.id;
    const key = deriveEventKey(code, eventId);
    let counter = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: 1, timeout: 30_000 });
    cleanups.push(() => agent.destroy());
    const ask = (method: 'GET' | 'POST', path: string) =>
      new Promise<{ status: number; reused: boolean; connection: string | undefined }>((done, fail) => {
        const req = request(`http://${addressOf(hub)}${path}`, { agent, method }, (res) => {
          res.resume();
          res.on('end', () => done({ status: res.statusCode ?? 0, reused: req.reusedSocket, connection: res.headers.connection }));
        });
        req.on('error', fail);
        const body = `{"have":{},"ops":[],"want":1,"deviceName":"m","sentAt":${T0}}`;
        req.end(method === 'POST' ? sealFrame(key, { v: 1, kind: 'request', eventId, deviceId: 'member-1', counter: ++counter }, body).frame : undefined);
      });
    // A member's round: the connection is a member's from its accepted sealed request, and kept alive.
    expect(await ask('POST', '/sync')).toEqual({ status: 200, reused: false, connection: 'keep-alive' });
    await new Promise((done) => setTimeout(done, 5_600));
    // Node's default (5 s) had closed it by now: a new socket, or a reset for a client reusing it at that moment.
    expect(await ask('POST', '/sync')).toEqual({ status: 200, reused: true, connection: 'keep-alive' });
    // A stranger's /hello (anyone may ask) is answered with Connection: close: the client keeps nothing the hub
    // would close under it, and its next request opens a new connection, without an error.
    const stranger = new Agent({ keepAlive: true, maxSockets: 1, timeout: 30_000 });
    cleanups.push(() => stranger.destroy());
    const hello = () =>
      new Promise<{ status: number; reused: boolean; connection: string | undefined }>((done, fail) => {
        const req = request(`http://${addressOf(hub)}/hello`, { agent: stranger }, (res) => {
          res.resume();
          res.on('end', () => done({ status: res.statusCode ?? 0, reused: req.reusedSocket, connection: res.headers.connection }));
        });
        req.on('error', fail);
        req.end();
      });
    expect(await hello()).toEqual({ status: 200, reused: false, connection: 'close' });
    expect(await hello()).toEqual({ status: 200, reused: false, connection: 'close' });
  }, 30_000);
});

describe('a /hello over a pooled connection the other side has closed', () => {
  /**
   * A listener like a laptop that restarted while fetch kept a connection to
   * it: the first connection answers one request and is then closed by this
   * side when the next request arrives on it; new connections answer.
   */
  async function restartingLaptop(): Promise<{ url: string; sockets: () => number }> {
    const seen = new Map<Socket, number>();
    const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      if (seen.size === 1 && n === 2) return void req.socket.destroy();
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ app: 'tableside', eventId: 'e1' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hello`, sockets: () => seen.size };
  }

  /** A moment for fetch to put the connection back in its pool once the answer is read. */
  const settle = () => new Promise((done) => setTimeout(done, 50));

  it('is tried once more on a new connection and answers (plain fetch fails once with "other side closed")', async () => {
    const plain = await restartingLaptop();
    // The answer read whole, so its connection goes back to fetch's pool.
    expect(await (await fetch(plain.url)).json()).toEqual({ app: 'tableside', eventId: 'e1' });
    await settle();
    const failed = await fetch(plain.url).then(
      () => null,
      (e: { cause?: { code?: string } }) => e.cause?.code ?? 'failed',
    );
    expect(failed).toBe('UND_ERR_SOCKET');

    const laptopB = await restartingLaptop();
    expect(await (await fetchAgainIfClosed(laptopB.url, 5_000)).json()).toEqual({ app: 'tableside', eventId: 'e1' });
    await settle();
    const again = await fetchAgainIfClosed(laptopB.url, 5_000);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ app: 'tableside', eventId: 'e1' });
    expect(laptopB.sockets()).toBe(2);
  }, 30_000);
});
