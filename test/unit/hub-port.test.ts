/**
 * The hub's sync port cannot be exhausted by a stranger (electron/sync/port-gate.ts),
 * over real loopback sockets: a hub and laptops with their own databases, and
 * strangers holding raw TCP connections from 127.0.0.x (every 127.0.0.0/8
 * address is this machine; the hub listens on 127.0.0.1 and sees each as
 * its own address).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { get, globalAgent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { deriveEventKey, sealFrame } from '../../electron/sync/crypto.js';
import { MAX_VIEWERS, MAX_VIEWERS_PER_ADDRESS } from '../../electron/sync/board-feed.js';
import { MAX_MEMBER_SOCKETS, MAX_STRANGERS, MAX_STRANGERS_PER_ADDRESS, OncePerAddress, REFUSAL_LOG_MS } from '../../electron/sync/port-gate.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir, call, until } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.unstubAllEnvs();
});

interface Laptop {
  core: Core;
  sharing: Sharing;
  logs: string[];
}

async function laptop(name: string): Promise<Laptop> {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const logs: string[] = [];
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock: new ManualClock(Date.now()), newId: sequentialIds(name), log: () => {} });
  const sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, mdns: false, log: (line) => logs.push(line) });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
  });
  return { core, sharing, logs };
}

async function hubWithEvent(): Promise<{ hub: Laptop; code: string; address: string; port: number; key: Buffer; eventId: string }> {
  const hub = await laptop('hub');
  await call(hub, 'event.create', EVENT);
  const { code } = await call<{ code: string }>(hub, 'sync.becomeHub');
  const address = hub.core.snapshot().sync.listening[0]!.replace('http://', '');
  const eventId = hub.core.snapshot().event!.id;
  return { hub, code, address, port: Number(address.split(':')[1]), key: deriveEventKey(code, eventId), eventId };
}

/** A raw connection from `from` to the hub; `closed` is set when the hub (or anyone) closes it. */
interface Raw {
  socket: Socket;
  closed: boolean;
  closedAt: number;
  received: Buffer[];
}

function openRaw(port: number, from: string): Promise<Raw> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: from });
    const raw: Raw = { socket, closed: false, closedAt: 0, received: [] };
    socket.on('data', (d: Buffer) => raw.received.push(d));
    socket.on('error', () => {});
    socket.on('close', () => {
      raw.closed = true;
      raw.closedAt = performance.now();
      resolve(raw);
    });
    socket.on('connect', () => resolve(raw));
    cleanups.push(() => void socket.destroy());
  });
}

/**
 * A stranger on the Wi-Fi holding `count` connections to the hub from each of
 * `addresses`: half idle (nothing sent), half slow partial requests (a header
 * byte every 200 ms, never finished), and each reopened a second after the hub
 * closes it, for as long as the attack runs.
 */
function attack(port: number, addresses: string[], count: number): { opened: () => number; held: () => Promise<number>; stop: () => void } {
  let stopped = false;
  let opened = 0;
  const live = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };
  const slot = (from: string, slow: boolean) => {
    if (stopped) return;
    opened += 1;
    const socket = connect({ host: '127.0.0.1', port, localAddress: from });
    socket.on('error', () => {});
    socket.on('connect', () => {
      live.add(socket);
      if (!slow) return;
      socket.write('GET /hello HTTP/1.1\r\nHost: hub\r\nX-Slow: ');
      const drip = () => {
        if (socket.destroyed || stopped) return;
        socket.write('a');
        later(200, drip);
      };
      later(200, drip);
    });
    socket.on('close', () => {
      live.delete(socket);
      later(1000, () => slot(from, slow));
    });
  };
  for (const from of addresses) for (let i = 0; i < count; i++) slot(from, i % 2 === 1);
  const stop = () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    for (const s of live) s.destroy();
  };
  cleanups.push(stop);
  /** How many of its connections the hub holds: it stops knocking and lets the hub's last closes arrive (no change for 500 ms). */
  const held = async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    let last = -1;
    for (let i = 0; i < 20 && live.size !== last; i++) {
      last = live.size;
      await new Promise((r) => setTimeout(r, 500));
    }
    return live.size;
  };
  return { opened: () => opened, held, stop };
}

/**
 * GET on a new connection, as a board screen or a phone on the floor asks (this process's laptops share
 * Node's pools, which would otherwise carry it on a connection opened before the stranger came): the status,
 * or 0 if no answer came within 5 s.
 */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** The laptops in this process drop their kept-alive connections, as a laptop back on the Wi-Fi has none: their next round opens a new one. */
function forgetPooledConnections(): void {
  globalAgent.destroy();
}

let counter = 1_000_000;
/** A sealed sync request as a member would send it, from `deviceId`. */
function sealed(key: Buffer, eventId: string, deviceId: string): Buffer {
  return sealFrame(key, { v: 1, kind: 'request', eventId, deviceId, counter: ++counter }, `{"have":{},"ops":[],"want":1,"deviceName":"x","sentAt":${T0}}`).frame;
}

/** POST `body` to /sync on a raw kept-alive connection; the answer's status (0 if the connection closed first). */
function postOn(raw: Raw, body: Buffer): Promise<number> {
  const start = raw.received.length;
  raw.socket.write(`POST /sync HTTP/1.1\r\nHost: hub\r\nContent-Type: application/vnd.tableside.sealed\r\nContent-Length: ${body.length}\r\n\r\n`);
  raw.socket.write(body);
  return new Promise((resolve) => {
    const look = () => {
      const text = Buffer.concat(raw.received.slice(start));
      const head = text.indexOf('\r\n\r\n');
      if (head >= 0) {
        const length = Number(/content-length: (\d+)/i.exec(text.subarray(0, head).toString('latin1'))?.[1] ?? 0);
        if (text.length >= head + 4 + length) return resolve(Number(text.subarray(9, 12).toString('latin1')));
      }
      if (raw.closed) return resolve(0);
      setTimeout(look, 10);
    };
    look();
  });
}

describe("the hub's sync port under a stranger's connections", () => {
  it('a stranger holding idle sockets and slow partial requests from one address cannot stop a member\'s round, the board or a new join; its refusals are logged once', async () => {
    const { hub, code, address, port } = await hubWithEvent();
    const coach = await laptop('coach');
    await call(coach, 'sync.join', { code, hubAddress: address });
    const { tableId } = await call<{ tableId: string }>(coach, 'table.create', TABLE);
    // The coach's rounds go over HTTP (as while its live link is down or being reopened), on new connections.
    coach.sharing.live.stop();

    // 300 connections from one address: more than the hub's listener held in all before (256).
    const stranger = attack(port, ['127.0.0.2'], 300);
    await until(() => stranger.opened() >= 300);
    await new Promise((r) => setTimeout(r, 300));

    // A member's round on a new connection.
    forgetPooledConnections();
    await call(coach, 'walkin.add', { tableId, name: 'Amara Okafor', topics: [], partySize: 1 });
    await call(coach, 'sync.now');
    expect(coach.core.snapshot().sync).toMatchObject({ pending: 0, lastError: null });
    expect(hub.core.snapshot().tables[0]?.queue.map((e) => e.name)).toEqual(['Amara Okafor']);
    // The board's data and page, as a screen on the floor asks them.
    expect(await freshGet(`http://${address}/api/board`)).toBe(200);
    expect(await freshGet(`http://${address}/board`)).toBe(200);
    // A new laptop joins.
    forgetPooledConnections();
    const late = await laptop('late');
    await call(late, 'sync.join', { code, hubAddress: address });
    expect(late.core.snapshot().tables[0]?.queue.map((e) => e.name)).toEqual(['Amara Okafor']);

    // The stranger holds no more than its address's places, however hard it knocks.
    expect(await stranger.held()).toBeLessThanOrEqual(MAX_STRANGERS_PER_ADDRESS);
    stranger.stop();
    // Hundreds of connections refused or closed to make room, one line.
    expect(hub.logs.filter((l) => /connections from 127\.0\.0\.2/.test(l))).toHaveLength(1);
    expect(hub.core.snapshot().sync.role).toBe('hub');
  });

  it("a stranger from many addresses cannot take every place, and a member's own stale sockets never shut it out", async () => {
    const { hub, code, address, port, key, eventId } = await hubWithEvent();
    const coach = await laptop('coach');
    await call(coach, 'sync.join', { code, hubAddress: address });
    await until(() => coach.core.snapshot().sync.live === 'live');
    const { tableId } = await call<{ tableId: string }>(coach, 'table.create', TABLE);
    coach.sharing.live.stop();

    // The stale sockets of a member at 127.0.0.30 whose Wi-Fi dropped: connections the hub took as a member's
    // (each carried a sealed request), as many as the members' places, and a stranger's place of each kind from
    // there that never sent a request; the hub has not noticed any of them close.
    const staleMembers: Raw[] = [];
    for (let i = 0; i < MAX_MEMBER_SOCKETS; i++) {
      const raw = await openRaw(port, '127.0.0.30');
      expect(await postOn(raw, sealed(key, eventId, 'dropped-member'))).toBe(200);
      staleMembers.push(raw);
    }
    const staleStrangers = await Promise.all(Array.from({ length: MAX_STRANGERS_PER_ADDRESS }, () => openRaw(port, '127.0.0.30')));
    expect(staleStrangers.every((r) => !r.closed)).toBe(true);
    expect(staleMembers.every((r) => !r.closed)).toBe(true);

    // Then a stranger from 24 addresses, 16 connections each: 384, more than the 256 held in all before.
    const addresses = Array.from({ length: 24 }, (_, i) => `127.0.0.${i + 2}`);
    const stranger = attack(port, addresses, MAX_STRANGERS_PER_ADDRESS);
    await until(() => stranger.opened() >= 24 * MAX_STRANGERS_PER_ADDRESS);
    await new Promise((r) => setTimeout(r, 300));

    // The member back on the Wi-Fi, from its own address: its own idle sockets make room, and its new connection
    // takes a member's place from its oldest stale one.
    const back = await openRaw(port, '127.0.0.30');
    expect(back.closed).toBe(false);
    expect(await postOn(back, sealed(key, eventId, 'dropped-member'))).toBe(200);
    expect(await postOn(back, sealed(key, eventId, 'dropped-member'))).toBe(200);
    await until(() => staleMembers[0]!.closed);
    // A member's round, the board and a join from another address, all on new connections.
    forgetPooledConnections();
    await call(coach, 'walkin.add', { tableId, name: 'Amara Okafor', topics: [], partySize: 1 });
    await call(coach, 'sync.now');
    expect(coach.core.snapshot().sync).toMatchObject({ pending: 0, lastError: null });
    expect(await freshGet(`http://${address}/api/board`)).toBe(200);
    forgetPooledConnections();
    const late = await laptop('late');
    await call(late, 'sync.join', { code, hubAddress: address });
    expect(late.core.snapshot().tables[0]?.queue.map((e) => e.name)).toEqual(['Amara Okafor']);

    // The stranger never held more than the strangers' places in all.
    expect(await stranger.held()).toBeLessThanOrEqual(MAX_STRANGERS);
    stranger.stop();
    // One line per address at most, not one per connection.
    const lines = hub.logs.filter((l) => /connections from/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => /connections from (\S+?):? /.exec(l)?.[1])).size).toBe(lines.length);
  });

  it("closes a stranger's idle connection, a request sent a byte at a time and a body that never ends within the deadlines, but never a member's or a board's stream", async () => {
    // Tests only: short deadlines for a stranger's connection (the floor's are 5 s and 15 s).
    vi.stubEnv('TABLESIDE_TEST_CLOCK', '1');
    vi.stubEnv('TABLESIDE_TEST_STRANGER_IDLE_MS', '400');
    vi.stubEnv('TABLESIDE_TEST_STRANGER_REQUEST_MS', '800');
    const { hub, port, key, eventId } = await hubWithEvent();
    const from = '127.0.0.7';
    const started = performance.now();

    // Connected, nothing sent.
    const silent = await openRaw(port, from);
    // A request head a byte every 100 ms, never finished.
    const slow = await openRaw(port, from);
    slow.socket.write('GET /hello HTTP/1.1\r\nHost: hub\r\n');
    let dripped = 0;
    const drip = setInterval(() => {
      if (slow.closed) return clearInterval(drip);
      slow.socket.write('X');
      dripped += 1;
    }, 100);
    cleanups.push(() => clearInterval(drip));
    // A body announced and never sent whole.
    const body = await openRaw(port, from);
    body.socket.write('POST /sync HTTP/1.1\r\nHost: hub\r\nContent-Type: application/vnd.tableside.sealed\r\nContent-Length: 100000\r\n\r\nxx');
    const bodyDrip = setInterval(() => (body.closed ? clearInterval(bodyDrip) : body.socket.write('x')), 100);
    cleanups.push(() => clearInterval(bodyDrip));
    // A stranger's connection asking to be kept alive: its answer closes it.
    const kept = await openRaw(port, from);
    kept.socket.write('GET /hello HTTP/1.1\r\nHost: hub\r\nConnection: keep-alive\r\n\r\n');
    await until(() => Buffer.concat(kept.received).includes('"app":"tableside"'));
    expect(Buffer.concat(kept.received).toString('latin1')).toMatch(/\r\nConnection: close\r\n/i);
    const answeredAt = performance.now();
    // A member's kept-alive connection, and a board screen's event stream.
    const member = await openRaw(port, from);
    expect(await postOn(member, sealed(key, eventId, 'coach-m'))).toBe(200);
    const screen = await openRaw(port, from);
    screen.socket.write('GET /api/board/events HTTP/1.1\r\nHost: hub\r\n\r\n');
    await until(() => Buffer.concat(screen.received).includes('data: '));

    await until(() => silent.closed && slow.closed && kept.closed && body.closed, 5000);
    expect(silent.closedAt - started).toBeLessThan(2000);
    expect(slow.closedAt - started).toBeLessThan(2000);
    expect(dripped).toBeGreaterThan(1);
    expect(kept.closedAt - answeredAt).toBeLessThan(2000);
    expect(body.closedAt - started).toBeLessThan(3000);
    // Three times the stranger's idle deadline later, the member's connection still carries a round, and the
    // board's stream is still open.
    await new Promise((r) => setTimeout(r, 1200));
    expect(member.closed).toBe(false);
    expect(await postOn(member, sealed(key, eventId, 'coach-m'))).toBe(200);
    expect(screen.closed).toBe(false);
    expect(hub.core.snapshot().sync.role).toBe('hub');
  });

  it("a stranger holding every board stream cannot keep a screen off the board, and a screen back from a Wi-Fi drop takes its own stale stream's place", async () => {
    const { port } = await hubWithEvent();
    /** A board screen's event stream from `from`: the HTTP status it got (200 once the first board arrived). */
    const screen = async (from: string): Promise<{ raw: Raw; status: number }> => {
      const raw = await openRaw(port, from);
      raw.socket.write('GET /api/board/events HTTP/1.1\r\nHost: hub\r\n\r\n');
      await until(() => raw.closed || /^HTTP\/1\.1 (200[\s\S]*data: |[^2])/.test(Buffer.concat(raw.received).toString('latin1')));
      return { raw, status: Number(Buffer.concat(raw.received).subarray(9, 12).toString('latin1')) || 0 };
    };
    // A stranger fills every place, from as few addresses as it can.
    const addresses = MAX_VIEWERS / MAX_VIEWERS_PER_ADDRESS;
    const held: Raw[] = [];
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < MAX_VIEWERS_PER_ADDRESS; i++) {
        const s = await screen(`127.0.0.${50 + a}`);
        expect(s.status).toBe(200);
        held.push(s.raw);
      }
    }
    // A screen from another address still gets the board: one of the stranger's streams gives up its place.
    expect((await screen('127.0.0.70')).status).toBe(200);
    await until(() => held.filter((r) => r.closed).length === 1);
    // A screen whose address holds its bound (its old streams, dead since its Wi-Fi dropped, unseen by the hub)
    // gets the board too, in its oldest stream's place.
    const own = held.filter((r) => !r.closed && r.socket.localAddress === '127.0.0.51');
    expect(own).toHaveLength(MAX_VIEWERS_PER_ADDRESS);
    expect((await screen('127.0.0.51')).status).toBe(200);
    await until(() => own[0]!.closed);
    expect(own.slice(1).every((r) => !r.closed)).toBe(true);
  });
});

describe('refusals logged once per address', () => {
  it('a thousand refusals from one address write one line, the next after the window says how many went unsaid; other addresses have their own line', () => {
    const lines: string[] = [];
    let now = 0;
    const log = new OncePerAddress((line) => lines.push(line), REFUSAL_LOG_MS, () => now);
    for (let i = 0; i < 1000; i++) log.note('10.0.0.5', 'refused connections from 10.0.0.5');
    log.note('10.0.0.6', 'refused connections from 10.0.0.6');
    expect(lines).toEqual(['refused connections from 10.0.0.5', 'refused connections from 10.0.0.6']);
    now += REFUSAL_LOG_MS - 1;
    log.note('10.0.0.5', 'refused connections from 10.0.0.5');
    expect(lines).toHaveLength(2);
    now += 1;
    log.note('10.0.0.5', 'refused connections from 10.0.0.5');
    expect(lines.at(-1)).toBe('refused connections from 10.0.0.5 (and 1000 more like it unsaid since the last such line)');
    // Thousands of addresses (a stranger making up more): the memory stays bounded, the newest are still said once.
    for (let i = 0; i < 5000; i++) log.note(`10.1.${i >> 8}.${i & 255}`, 'x');
    expect(lines).toHaveLength(3 + 5000);
    log.note('10.1.19.135', 'x');
    expect(lines).toHaveLength(3 + 5000);
  });
});
