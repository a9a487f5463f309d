/**
 * The live link (electron/sync/live.ts) over real loopback: a hub and
 * members with their own databases; a TCP proxy records the link's bytes;
 * strangers knock with ws clients of their own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { deriveEventKey, pairingUri, sealFrame } from '../../electron/sync/crypto.js';
import { HELLO_HEADER, KEEPALIVE_MS, LIVE_PATH, MAX_LIVE, MAX_LIVE_PER_ADDRESS, SILENT_LIMIT_MS } from '../../electron/sync/live.js';
import { parseFrame } from '../../electron/sync/protocol.js';
import { startSharing, type Sharing, type SharingOptions } from '../../electron/sync/sharing.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir, call, until } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  core: Core;
  sharing: Sharing;
  dir: string;
  logs: string[];
  close(): Promise<void>;
}

async function laptop(name: string, options: { dir?: string; hubPort?: number; timing?: SharingOptions['timing'] } = {}): Promise<Laptop> {
  const dir = options.dir ?? tempDir().dir;
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const logs: string[] = [];
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock: new ManualClock(Date.now()), newId: sequentialIds(name), log: () => {} });
  const sharing = await startSharing({
    core,
    staticDir: join(dir, 'static'),
    hubHost: '127.0.0.1',
    hubPort: options.hubPort ?? 0,
    mdns: false,
    log: (line) => logs.push(line),
    ...(options.timing ? { timing: options.timing } : {}),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sharing.close();
    core.close();
  };
  cleanups.push(close);
  return { core, sharing, dir, logs, close };
}

async function hubWithEvent(): Promise<{ hub: Laptop; code: string; address: string; key: Buffer; eventId: string }> {
  const hub = await laptop('hub');
  await call(hub, 'event.create', EVENT);
  const { code } = await call<{ code: string }>(hub, 'sync.becomeHub');
  const address = hub.core.snapshot().sync.listening[0]?.replace('http://', '') ?? '';
  const eventId = hub.core.snapshot().event!.id;
  return { hub, code, address, key: deriveEventKey(code, eventId), eventId };
}

/**
 * A TCP proxy that records every byte each way, per connection (the live link
 * is a WebSocket, which an HTTP proxy would not carry). Frozen, it holds
 * every byte each way and closes nothing, as a hub paused mid-session (its
 * process stopped, its sockets open) looks to a member; thawed, it lets
 * through what it held and carries on.
 */
async function tcpProxy(target: string): Promise<{
  address: string;
  connections: { up: Buffer[]; down: Buffer[]; closedBy: 'member' | 'hub' | null }[];
  freeze(): void;
  thaw(): void;
}> {
  const connections: { up: Buffer[]; down: Buffer[]; closedBy: 'member' | 'hub' | null }[] = [];
  const to = new URL(`http://${target}`);
  const sockets = new Set<Socket>();
  let frozen = false;
  const held: (() => void)[] = [];
  const pass = (send: () => void) => (frozen ? held.push(send) : send());
  const server = createServer((client) => {
    const hub = connect(Number(to.port), to.hostname);
    const recorded = { up: [] as Buffer[], down: [] as Buffer[], closedBy: null as 'member' | 'hub' | null };
    connections.push(recorded);
    sockets.add(client).add(hub);
    client.on('data', (d: Buffer) => {
      recorded.up.push(d);
      pass(() => hub.write(d));
    });
    hub.on('data', (d: Buffer) => {
      recorded.down.push(d);
      pass(() => client.write(d));
    });
    client.on('close', () => void (recorded.closedBy ??= 'member'));
    hub.on('close', () => void (recorded.closedBy ??= 'hub'));
    client.on('close', () => hub.destroy());
    hub.on('close', () => client.destroy());
    client.on('error', () => hub.destroy());
    hub.on('error', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  cleanups.push(
    () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  );
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    freeze: () => void (frozen = true),
    thaw: () => {
      frozen = false;
      for (const send of held.splice(0)) send();
    },
  };
}

/** The WebSocket frames in a recorded byte stream after the HTTP upgrade: opcode and (unmasked) payload. */
function wsFrames(stream: Buffer): { opcode: number; payload: Buffer }[] {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = stream.indexOf('\r\n\r\n');
  if (at < 0) return frames;
  at += 4;
  while (at + 2 <= stream.length) {
    const opcode = stream[at]! & 0x0f;
    const masked = (stream[at + 1]! & 0x80) !== 0;
    let length = stream[at + 1]! & 0x7f;
    let p = at + 2;
    if (length === 126) {
      length = stream.readUInt16BE(p);
      p += 2;
    } else if (length === 127) {
      length = Number(stream.readBigUInt64BE(p));
      p += 8;
    }
    const mask = masked ? stream.subarray(p, p + 4) : null;
    if (masked) p += 4;
    if (p + length > stream.length) break;
    const payload = Buffer.from(stream.subarray(p, p + length));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    at = p + length;
  }
  return frames;
}

/** Knock on the hub's live path as a stranger (or a replay): the HTTP status, or 101 and the open socket. */
function knock(address: string, hello: string | null, localAddress?: string): Promise<{ status: number; ws: WebSocket | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${address}${LIVE_PATH}`, {
      headers: hello === null ? {} : { [HELLO_HEADER]: hello },
      ...(localAddress ? { localAddress } : {}),
    });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws: null }));
    ws.on('error', () => resolve({ status: 0, ws: null }));
  });
}

let helloCounter = 1_000_000;
/** A sealed hello as a member would send it, from `deviceId`, with `key`. */
function hello(key: Buffer, eventId: string, deviceId: string, counter = ++helloCounter): string {
  const { frame } = sealFrame(
    key,
    { v: 1, kind: 'request', eventId, deviceId, counter },
    `{"have":{},"ops":[],"want":1,"deviceName":"x","sentAt":${T0}}`,
  );
  return frame.toString('base64url');
}

const closedWith = (ws: WebSocket) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

describe('the live link', () => {
  it('carries a change from a member to the hub and on to another member at once, in sealed frames only', async () => {
    const { hub, code, address } = await hubWithEvent();
    const proxy = await tcpProxy(address);
    const one = await laptop('one');
    const two = await laptop('two');
    await call(one, 'sync.join', { code, hubAddress: proxy.address });
    await call(two, 'sync.join', { code, hubAddress: address });
    await until(() => one.core.snapshot().sync.live === 'live' && two.core.snapshot().sync.live === 'live');
    // The hub counts both as linked now (heard from now, though idle: the dashboard's "not heard from" reads it).
    await until(() => hub.core.snapshot().sync.peers.filter((p) => p.linked).length === 2);

    const { tableId } = await call<{ tableId: string }>(one, 'table.create', TABLE);
    await call(one, 'walkin.add', { tableId, name: 'Zanele Mokoena', topics: [], partySize: 1 });
    const seen = (lap: Laptop) => () => lap.core.snapshot().tables.some((t) => t.queue.some((e) => e.name === 'Zanele Mokoena'));
    // No "sync now", no 2-second round: the hub and the other member have it within a second.
    await until(seen(hub), 1000);
    await until(seen(two), 1000);
    // And back: the hub's own change (a broadcast) reaches both members.
    await call(hub, 'broadcast.send', { text: 'Tea at the back' });
    await until(() => one.core.snapshot().broadcasts.some((b) => b.text === 'Tea at the back'), 1000);
    await until(() => two.core.snapshot().broadcasts.some((b) => b.text === 'Tea at the back'), 1000);

    // On the wire: after the upgrade, binary frames that are sealed Tableside frames, pings and pongs; nothing readable.
    const links = proxy.connections.filter((c) => Buffer.concat(c.up).toString('latin1').startsWith(`GET ${LIVE_PATH} `));
    expect(links).toHaveLength(1);
    const up = Buffer.concat(links[0]!.up);
    const down = Buffer.concat(links[0]!.down);
    const frames = [...wsFrames(up), ...wsFrames(down)];
    expect(frames.filter((f) => f.opcode === 2).length).toBeGreaterThanOrEqual(3);
    for (const f of frames) {
      expect([2, 9, 10]).toContain(f.opcode); // binary, ping, pong: no text frames
      if (f.opcode === 2) expect(parseFrame(f.payload)).not.toBeNull();
    }
    const kinds = frames.filter((f) => f.opcode === 2).map((f) => parseFrame(f.payload)!.header.kind);
    expect(kinds).toContain('push');
    for (const secret of ['Zanele', 'Tea at the back']) {
      expect(up.includes(secret)).toBe(false);
      expect(down.includes(secret)).toBe(false);
    }
  });

  it('a stranger cannot open it, replay on it or take another laptop\'s place on it; a refusal changes nothing', async () => {
    const { hub, address, key, eventId } = await hubWithEvent();
    const before = hub.core.opCount();
    // No hello, garbage, another key, another event: HTTP refusals, no socket.
    expect((await knock(address, null)).status).toBe(401);
    expect((await knock(address, 'not-a-frame')).status).toBe(400);
    expect((await knock(address, hello(deriveEventKey('AAAA-AAAA-AAAA', eventId), eventId, 'mallory'))).status).toBe(403);
    expect((await knock(address, hello(key, 'another-event', 'mallory'))).status).toBe(403);
    // A hello recorded and replayed: the first opens, the replay is refused.
    const recorded = hello(key, eventId, 'coach-x');
    const first = await knock(address, recorded);
    expect(first.status).toBe(101);
    expect((await knock(address, recorded)).status).toBe(409);
    // On an open link: a request replayed is refused and the link closed.
    const request = sealFrame(key, { v: 1, kind: 'request', eventId, deviceId: 'coach-x', counter: ++helloCounter }, '{"have":{},"ops":[],"deviceName":"x","sentAt":0}').frame;
    const answers: Buffer[] = [];
    first.ws!.on('message', (d: Buffer) => answers.push(d));
    first.ws!.send(request);
    await until(() => answers.length === 1);
    const closing = closedWith(first.ws!);
    first.ws!.send(request);
    expect(await closing).toBe(1008);
    // A frame of another laptop on this laptop's link closes it.
    const second = await knock(address, hello(key, eventId, 'coach-y'));
    const closing2 = closedWith(second.ws!);
    second.ws!.send(sealFrame(key, { v: 1, kind: 'request', eventId, deviceId: 'coach-z', counter: ++helloCounter }, '{}').frame);
    expect(await closing2).toBe(1008);
    // Text is not a sealed frame.
    const third = await knock(address, hello(key, eventId, 'coach-w'));
    const closing3 = closedWith(third.ws!);
    third.ws!.send('hello');
    expect(await closing3).toBe(1008);
    expect(hub.core.opCount()).toBe(before);
    expect(hub.logs.some((l) => /refused/.test(l))).toBe(true);
  });

  it('cannot be held open to exhaust the hub: one link per laptop, bounded per address and in all', async () => {
    const { hub, address, key, eventId } = await hubWithEvent();
    // One link per laptop: a new one replaces the old.
    const a1 = await knock(address, hello(key, eventId, 'coach-a'));
    const replaced = closedWith(a1.ws!);
    const a2 = await knock(address, hello(key, eventId, 'coach-a'));
    expect(a2.status).toBe(101);
    expect(await replaced).toBe(4000);
    // From one address: at most MAX_LIVE_PER_ADDRESS.
    const open: WebSocket[] = [a2.ws!];
    for (let i = 1; i < MAX_LIVE_PER_ADDRESS; i++) {
      const k = await knock(address, hello(key, eventId, `coach-${i}`));
      expect(k.status).toBe(101);
      open.push(k.ws!);
    }
    expect((await knock(address, hello(key, eventId, 'one-too-many'))).status).toBe(503);
    // In all: at most MAX_LIVE, whatever the addresses (127.0.0.x are all this machine).
    const extra = Math.ceil(MAX_LIVE / MAX_LIVE_PER_ADDRESS);
    for (let n = 2; n <= extra && open.length < MAX_LIVE; n++) {
      for (let i = 0; i < MAX_LIVE_PER_ADDRESS && open.length < MAX_LIVE; i++) {
        const k = await knock(address, hello(key, eventId, `far-${n}-${i}`), `127.0.0.${n}`);
        expect(k.status).toBe(101);
        open.push(k.ws!);
      }
    }
    expect((await knock(address, hello(key, eventId, 'the-last-straw'), `127.0.0.${extra + 1}`)).status).toBe(503);
    for (const ws of open) ws.terminate();
    // Places free up when links close.
    let again = 0;
    for (let tries = 0; tries < 100 && again !== 101; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      const k = await knock(address, hello(key, eventId, `again-${tries}`));
      again = k.status;
      k.ws?.terminate();
    }
    expect(again).toBe(101);
    expect(hub.core.snapshot().sync.role).toBe('hub');
  });

  it('when the hub is gone the member keeps working on rounds, says so, and everything arrives when the hub returns', async () => {
    const { hub, code, address } = await hubWithEvent();
    const port = Number(address.split(':')[1]);
    const coach = await laptop('coach');
    await call(coach, 'sync.join', { code, hubAddress: address });
    await until(() => coach.core.snapshot().sync.live === 'live');
    const { tableId } = await call<{ tableId: string }>(coach, 'table.create', TABLE);
    await until(() => hub.core.snapshot().tables.length === 1, 1000);

    const hubDir = hub.dir;
    await hub.close();
    await until(() => coach.core.snapshot().sync.live === 'down');
    await call(coach, 'walkin.add', { tableId, name: 'Kenji Watanabe', topics: [], partySize: 1 });
    expect(coach.core.snapshot().tables[0]!.queue).toHaveLength(1);
    await until(() => coach.core.snapshot().sync.pending > 0);

    const back = await laptop('hub', { dir: hubDir, hubPort: port });
    await until(() => coach.core.snapshot().sync.live === 'live', 15_000);
    await until(() => back.core.snapshot().tables[0]?.queue.some((e) => e.name === 'Kenji Watanabe') ?? false, 5000);
    expect(coach.core.snapshot().sync.pending).toBe(0);
  });

  it('a hub gone silent (no frame, no close) is noticed within the keep-alive bound: the link drops, rounds take over calmly, and it all arrives when the hub answers again', async () => {
    // The bound the floor runs with: a member notices a silent hub (two keep-alives unanswered) before the hub would drop it.
    expect(2 * KEEPALIVE_MS).toBeLessThanOrEqual(SILENT_LIMIT_MS);
    const { hub, code, address } = await hubWithEvent();
    const proxy = await tcpProxy(address);
    const keepAliveMs = 250;
    const coach = await laptop('coach', { timing: { intervalMs: 200, keepAliveMs, retryMinMs: 100, retryMaxMs: 400 } });
    await call(coach, 'sync.join', { code, hubAddress: proxy.address });
    await until(() => coach.core.snapshot().sync.live === 'live');
    const { tableId } = await call<{ tableId: string }>(coach, 'table.create', TABLE);
    await until(() => hub.core.snapshot().tables.length === 1, 1000);

    // The hub goes silent: its sockets stay open, nothing comes back.
    proxy.freeze();
    const silentFor = await until(() => coach.core.snapshot().sync.live === 'down', 10_000);
    expect(silentFor).toBeLessThan(3 * keepAliveMs + 1000);
    // Nobody closed the link but the member: it noticed the silence itself.
    const link = proxy.connections.find((c) => Buffer.concat(c.up).toString('latin1').startsWith(`GET ${LIVE_PATH} `))!;
    expect(link.closedBy).toBe('member');
    // Nothing waits on the network: the coach keeps working, and is told calmly what waits to go.
    await call(coach, 'walkin.add', { tableId, name: 'Kenji Watanabe', topics: [], partySize: 1 });
    expect(coach.core.snapshot().tables[0]!.queue.map((e) => e.name)).toEqual(['Kenji Watanabe']);
    const down = coach.core.snapshot().sync;
    expect(down).toMatchObject({ live: 'down' });
    expect(down.pending).toBeGreaterThan(0);
    expect(down.lastError ?? 'The hub did not answer in time.').toMatch(/^The hub (did not answer in time|cannot be reached right now)\.$/);
    // Meanwhile the hub itself carries on (it was its network that went quiet).
    await call(hub, 'broadcast.send', { text: 'Tea at the back' });
    await new Promise((r) => setTimeout(r, 4 * keepAliveMs));
    expect(coach.core.snapshot().sync.live).toBe('down');

    // The hub answers again: the member links again and everything arrives both ways.
    proxy.thaw();
    await until(() => coach.core.snapshot().sync.live === 'live', 20_000);
    await until(() => hub.core.snapshot().tables[0]?.queue.some((e) => e.name === 'Kenji Watanabe') ?? false, 10_000);
    await until(() => coach.core.snapshot().broadcasts.some((b) => b.text === 'Tea at the back'), 10_000);
    await until(() => coach.core.snapshot().sync.pending === 0 && coach.core.snapshot().sync.lastError === null, 10_000);
  });

  it('ten members reconnecting at once are all taken back, and at the bound a laptop whose old link the hub still holds gets its place back', async () => {
    const { hub, code, address, key, eventId } = await hubWithEvent();
    const port = Number(address.split(':')[1]);
    const pairing = pairingUri(`http://${address}`, eventId, key, code);
    const timing = { intervalMs: 200, keepAliveMs: 60_000, retryMinMs: 100, retryMaxMs: 400 };
    const members = await Promise.all(Array.from({ length: 10 }, (_, i) => laptop(`m${i}`, { timing })));
    for (const m of members) await call(m, 'sync.joinScanned', { pairing });
    await until(() => members.every((m) => m.core.snapshot().sync.live === 'live'), 20_000);

    // The hub restarts: every link drops at once, and all ten come back at once.
    const hubDir = hub.dir;
    await hub.close();
    await until(() => members.every((m) => m.core.snapshot().sync.live === 'down'));
    const back = await laptop('hub', { dir: hubDir, hubPort: port });
    await until(() => members.every((m) => m.core.snapshot().sync.live === 'live'), 20_000);
    const { tableId } = await call<{ tableId: string }>(back, 'table.create', TABLE);
    await until(() => members.every((m) => m.core.snapshot().tables.some((t) => t.id === tableId)), 5000);
    expect(back.logs.filter((l) => /refused/.test(l))).toEqual([]);

    // At the bound from one address, a laptop whose old link the hub still holds (it has not noticed the drop yet) gets its place back.
    const held: WebSocket[] = [];
    for (let i = members.length; i < MAX_LIVE_PER_ADDRESS; i++) {
      const k = await knock(address, hello(key, eventId, `coach-${i}`));
      expect(k.status).toBe(101);
      held.push(k.ws!);
    }
    const stale = held[0]!;
    const replaced = closedWith(stale);
    expect((await knock(address, hello(key, eventId, 'one-too-many'))).status).toBe(503);
    const again = await knock(address, hello(key, eventId, `coach-${members.length}`));
    expect(again.status).toBe(101);
    expect(await replaced).toBe(4000);
    again.ws!.terminate();
    for (const ws of held) ws.terminate();
  }, 120_000);
});
