/**
 * The live link: one long-lived WebSocket from each member to the hub, on
 * the hub's sync port (GET /live, upgraded), so a change reaches every
 * laptop in about one network round trip instead of at the next 2-second
 * round.
 *
 * - It carries only sealed frames (crypto.ts), in both directions, under the
 *   same key, counters and size limit as POST /sync. A member's messages are
 *   ordinary sync requests, which the hub answers as it answers POST /sync
 *   (SyncService.handleRequest); the hub also sends, unasked, a sealed
 *   `push` of the operations a member lacks whenever it gets new ones.
 * - Opening it is a sync request too: the upgrade carries a sealed request
 *   with no operations in the X-Tableside-Hello header, which the hub checks
 *   (key, event, a counter above the last one seen from that laptop) before
 *   it upgrades. A stranger, or a recorded hello replayed, gets an HTTP
 *   refusal and no socket. A frame on an open link from another laptop than
 *   the one that opened it, or one refused (a replay, another key), closes
 *   the link.
 * - Bounded: one link per laptop (a new one replaces the old), at most
 *   MAX_LIVE_PER_ADDRESS from one address and MAX_LIVE in all; a link
 *   silent for SILENT_LIMIT_MS is dropped.
 * - Idle costs nothing: the member sends a WebSocket ping every KEEPALIVE_MS
 *   (the hub's pong answers it), and nothing else travels while nothing
 *   changes.
 * - When the link drops, the member falls back to the sync rounds of
 *   service.ts (every 2 s, backing off while the hub is unreachable) and
 *   tries the link again after 1, 2, 4 … up to 30 s. Nothing waits on it:
 *   commands commit locally as always.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Push } from '../../shared/contract.js';
import type { Core } from '../core/core.js';
import { addressOf, OncePerAddress } from './port-gate.js';
import { MAX_MESSAGE_BYTES, parseFrame } from './protocol.js';

/** A push that follows a commit: the whole snapshot, or only what changed (timers and alerts are not changes). */
function isChange(push: Push): boolean {
  return push.type === 'snapshot' || push.type === 'changes';
}

export const LIVE_PATH = '/live';
/** The header that carries the sealed hello (a sync request with no operations), base64url. */
export const HELLO_HEADER = 'x-tableside-hello';
/** A hello is small: a version vector and a few fields. */
export const MAX_HELLO_CHARS = 16 * 1024;
/** How often a member pings the hub over an idle link. */
export const KEEPALIVE_MS = 30_000;
/** The hub drops a link it has heard nothing on (not even a ping) for this long. */
export const SILENT_LIMIT_MS = 75_000;
/** Links the hub holds at most, in all and from one address. */
export const MAX_LIVE = 64;
export const MAX_LIVE_PER_ADDRESS = 16;
/** How long a member waits for the answer to a request on the link. */
export const ANSWER_TIMEOUT_MS = 15_000;
export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/**
 * A round on the link cut short because the link closed: not a failure to
 * show (the link's state says it is down), and the rounds over HTTP that
 * take over send what it was sending.
 */
export class LinkClosedError extends Error {
  override name = 'LinkClosedError';
  constructor() {
    super('The live link to the hub closed.');
  }
}

/** The state of a member's live link, for the UI: none (not a member), up, or down (rounds instead). */
export type LiveState = 'none' | 'live' | 'down';

/** What the live link needs from the sync service (SyncService implements it). */
export interface LiveSync {
  readonly core: Core;
  readonly role: 'alone' | 'hub' | 'member';
  /** Hub: answer one sealed request, as POST /sync does. */
  handleRequest(raw: Buffer, from: string): { status: number; body: Buffer | { ok: false; error: string } };
  /** Hub: a sealed push of what a member holding `have` lacks (one batch at most), or null if it lacks nothing. */
  pushFor(have: Readonly<Record<string, number>>): { frame: Buffer; more: boolean } | null;
  /** Member: the sealed hello (a request without operations) and the hub's address; null when not a member. */
  liveHello(): { frame: Buffer; hubUrl: string } | null;
  /**
   * Member: take a sealed push from the hub, in one commit. 'more' when a
   * round should follow (the hub has more, or the push does not continue
   * what this laptop holds, so it was not applied). Throws if refused.
   */
  takePush(raw: Buffer): 'done' | 'more';
  /** Member: run rounds over this exchange (the link) instead of HTTP; null: back to HTTP. */
  useExchange(exchange: ((frame: Buffer) => Promise<Buffer>) | null): void;
  /** Member: whether this laptop holds operations the hub lacks. */
  hasPending(): boolean;
  syncNow(): Promise<void>;
  startLoop(): void;
  stopLoop(): void;
  /** Tell the UI the link's state. */
  setLiveState(state: LiveState): void;
  /** Hub: which members hold a live link open now (by device id), for "heard from" (a linked laptop is heard from now). */
  setLinked(deviceIds: ReadonlySet<string>): void;
}

// ---------------------------------------------------------------------------
// The hub's side.

interface Link {
  ws: WebSocket;
  deviceId: string;
  address: string;
  /** What the member holds, as far as the hub knows; null until its first request on the link is answered. */
  have: Record<string, number> | null;
}

/** The hub's end of the live links: upgrades, answers, and pushes to every member at once. */
export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  private readonly links = new Map<string, Link>();
  private unsubscribe: (() => void) | null = null;
  private readonly refusals: OncePerAddress;

  constructor(
    private readonly sync: LiveSync,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.refusals = new OncePerAddress(log);
  }

  /** How many links are open. */
  get size(): number {
    return this.links.size;
  }

  /**
   * Answer an HTTP upgrade on the hub's listener: a live link if the hello
   * is sound (true: the connection is a member's), else a refusal (false),
   * logged once per address and status (OncePerAddress).
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const from = addressOf(req.socket);
    const refuse = (status: number, reason: string): false => {
      this.refusals.note(`${from} ${status}`, `Tableside live: refused a link from ${from}: ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return false;
    };
    if (new URL(req.url ?? '/', 'http://hub').pathname !== LIVE_PATH) return refuse(404, 'not the live path');
    if (this.sync.role !== 'hub') return refuse(503, 'this laptop is not the hub now');
    const hello = req.headers[HELLO_HEADER];
    if (typeof hello !== 'string' || hello.length > MAX_HELLO_CHARS || !/^[A-Za-z0-9_-]+$/.test(hello)) {
      return refuse(401, 'no sealed hello');
    }
    const raw = Buffer.from(hello, 'base64url');
    const frame = parseFrame(raw);
    if (!frame || frame.header.kind !== 'request') return refuse(400, 'malformed hello');
    // The bounds, before any decryption. A laptop's own link does not count against it: a new one replaces it
    // (a member that noticed a drop before the hub did, in a storm of reconnects, gets its place back). Only a
    // hello that opens under the key below replaces anything.
    const own = this.links.get(frame.header.deviceId);
    let fromHere = 0;
    for (const link of this.links.values()) if (link.address === from && link !== own) fromHere += 1;
    if (this.links.size - (own ? 1 : 0) >= MAX_LIVE || fromHere >= MAX_LIVE_PER_ADDRESS) return refuse(503, 'too many links');
    // The same checks as any sync request: key, event, a counter above the last (a replayed hello is refused).
    const answer = this.sync.handleRequest(raw, from);
    if (answer.status !== 200) {
      const reason = Buffer.isBuffer(answer.body) ? '' : `: ${answer.body.error}`;
      return refuse(answer.status, `hello refused${reason}`);
    }
    const deviceId = frame.header.deviceId;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, deviceId, from, req));
    return true;
  }

  private attach(ws: WebSocket, deviceId: string, address: string, req: IncomingMessage): void {
    const previous = this.links.get(deviceId);
    if (previous) {
      this.links.delete(deviceId);
      previous.ws.close(4000, 'replaced');
    }
    const link: Link = { ws, deviceId, address, have: null };
    this.links.set(deviceId, link);
    this.sync.setLinked(new Set(this.links.keys()));
    this.unsubscribe ??= this.sync.core.subscribe((push) => this.onPush(push));
    // A link that goes silent (no ping either) is dropped, so a vanished laptop frees its place.
    req.socket.setTimeout(SILENT_LIMIT_MS, () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(link, data, isBinary));
    ws.on('close', () => this.drop(link));
    ws.on('error', () => ws.terminate());
  }

  private onMessage(link: Link, data: RawData, isBinary: boolean): void {
    const raw = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    const frame = isBinary ? parseFrame(raw) : null;
    if (!frame || frame.header.kind !== 'request' || frame.header.deviceId !== link.deviceId) {
      this.log(`Tableside live: closed the link of ${link.deviceId}: a frame that is not its sealed request`);
      link.ws.close(1008, 'not a sealed request');
      return;
    }
    const answer = this.sync.handleRequest(raw, link.address);
    if (!Buffer.isBuffer(answer.body)) {
      link.ws.close(1008, 'refused');
      return;
    }
    link.ws.send(answer.body);
    // Optimistic: the member will hold what the hub holds (if not, its next push shows a gap and it asks).
    link.have = this.sync.core.vector();
    // On to every other member now, before the hub's own screens redraw.
    this.forward();
  }

  /** After any change on the hub (its own commands too): send each member what it lacks. */
  private onPush(push: Push): void {
    if (isChange(push)) this.forward();
  }

  private forward(): void {
    for (const link of this.links.values()) {
      if (!link.have || link.ws.readyState !== WebSocket.OPEN) continue;
      const sealed = this.sync.pushFor(link.have);
      if (!sealed) continue;
      link.ws.send(sealed.frame);
      // More than one push holds: the member asks for the rest, which tells the hub its vector again.
      link.have = sealed.more ? null : this.sync.core.vector();
    }
  }

  private drop(link: Link): void {
    if (this.links.get(link.deviceId) === link) {
      this.links.delete(link.deviceId);
      this.sync.setLinked(new Set(this.links.keys()));
    }
    if (this.links.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = null;
    }
  }

  /**
   * The hub is leaving: send every linked member what it lacks (its last
   * changes: its claims released), then close each link with a close frame
   * after them and wait for the member's answer, which it sends only after
   * it has taken every frame before it (a push is taken in one commit as it
   * arrives), at most `withinMs`; a link not closed by then is cut.
   */
  async handOver(withinMs: number): Promise<void> {
    this.forward();
    const links = [...this.links.values()].filter((l) => l.ws.readyState === WebSocket.OPEN);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closed = Promise.all(
      links.map((link) => new Promise<void>((done) => {
        link.ws.once('close', () => done());
        link.ws.close(1001, 'the hub left the event');
      })),
    );
    await Promise.race([closed, new Promise<void>((done) => (timer = setTimeout(done, withinMs)))]).finally(() => clearTimeout(timer));
    for (const link of links) if (link.ws.readyState !== WebSocket.CLOSED) link.ws.terminate();
  }

  /** Close every member's link, keeping the server (this laptop stepped down as the hub; they reconnect and are sent on). */
  dropAll(): void {
    for (const link of [...this.links.values()]) link.ws.terminate();
  }

  close(): void {
    for (const link of [...this.links.values()]) link.ws.terminate();
    this.links.clear();
    this.sync.setLinked(new Set());
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wss.close();
  }
}

// ---------------------------------------------------------------------------
// The member's side.

interface Waiting {
  resolve(frame: Buffer): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** A member's end of the live link: keeps it open, sends each change at once, takes the hub's pushes. */
export class LiveMember {
  private ws: WebSocket | null = null;
  private state: LiveState = 'none';
  private stopped = true;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private keepAlive: ReturnType<typeof setInterval> | null = null;
  private answered = true;
  private readonly waiting = new Map<string, Waiting>();
  private unsubscribe: (() => void) | null = null;
  private flushing = false;
  private again = false;
  private connecting = false;

  constructor(
    private readonly sync: LiveSync,
    private readonly log: (line: string) => void = (line) => console.warn(line),
    private readonly options: { keepAliveMs?: number; retryMinMs?: number; retryMaxMs?: number } = {},
  ) {}

  /** Whether the link is up. */
  get live(): boolean {
    return this.state === 'live';
  }

  /** Open the link (and keep reopening it) while this laptop is a member. */
  start(): void {
    if (this.sync.role !== 'member') return;
    this.stopped = false;
    this.retryMs = this.options.retryMinMs ?? RETRY_MIN_MS;
    this.unsubscribe ??= this.sync.core.subscribe((push) => {
      if (isChange(push) && this.state === 'live' && this.sync.hasPending()) void this.flush();
    });
    if (!this.ws && !this.retryTimer && !this.connecting) void this.connect();
  }

  /**
   * A sync round over HTTP reached the hub while the link is down (the hub
   * is back, or shares again): reopen the link now rather than after the
   * backoff (up to RETRY_MAX_MS), so the member is live again by itself.
   */
  hubAnswered(): void {
    if (this.stopped || this.state !== 'down' || this.ws || this.connecting || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryMs = this.options.retryMinMs ?? RETRY_MIN_MS;
    void this.connect();
  }

  /** Close the link and stop reopening it (left the event, or became the hub). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const ws = this.ws;
    this.ws = null;
    this.teardown();
    ws?.terminate();
    this.setState('none');
  }

  /** What an open link held: its keep-alive, the requests waiting on it, and the rounds going over it. */
  private teardown(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
    for (const [nonce, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new LinkClosedError());
      this.waiting.delete(nonce);
    }
    this.sync.useExchange(null);
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.sync.setLiveState(state);
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped || this.sync.role !== 'member') return;
    // No round may overtake the hello on its way (its counter must be the newest the hub has from here):
    // the rounds stop, and the one running (or one now, catching up) ends first.
    this.connecting = true;
    this.sync.stopLoop();
    await this.sync.syncNow().catch(() => {});
    this.connecting = false;
    if (this.stopped || this.sync.role !== 'member' || this.ws) return;
    const hello = this.sync.liveHello();
    if (!hello) {
      this.sync.startLoop();
      return;
    }
    const url = new URL(LIVE_PATH, hello.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, {
      headers: { [HELLO_HEADER]: hello.frame.toString('base64url') },
      maxPayload: MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: 10_000,
    });
    this.ws = ws;
    ws.on('open', () => this.opened(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(ws, data, isBinary));
    ws.on('pong', () => (this.answered = true));
    ws.on('close', () => this.closed(ws));
    ws.on('error', () => {
      // 'close' follows; the state says the rest calmly.
    });
  }

  private opened(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.retryMs = this.options.retryMinMs ?? RETRY_MIN_MS;
    this.sync.stopLoop();
    this.sync.useExchange((frame) => this.exchange(ws, frame));
    this.setState('live');
    this.answered = true;
    this.keepAlive = setInterval(() => {
      // No pong since the last ping: the hub is gone without a word (Wi-Fi lost). Drop and fall back.
      if (!this.answered) return ws.terminate();
      this.answered = false;
      ws.ping();
    }, this.options.keepAliveMs ?? KEEPALIVE_MS);
    this.keepAlive.unref?.();
    // Catch up both ways now (also what was made while the link was down).
    void this.flush();
  }

  private closed(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.teardown();
    if (this.stopped) return;
    this.setState('down');
    // Today's rounds, with their backoff, until the link is back.
    this.sync.startLoop();
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, this.options.retryMaxMs ?? RETRY_MAX_MS);
  }

  /** Send one sealed request on the link and wait for the hub's answer to it. */
  private exchange(ws: WebSocket, frame: Buffer): Promise<Buffer> {
    const nonce = parseFrame(frame)?.header.nonce;
    if (!nonce || ws.readyState !== WebSocket.OPEN) return Promise.reject(new LinkClosedError());
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(nonce);
        reject(Object.assign(new Error('The hub did not answer in time.'), { name: 'TimeoutError' }));
        ws.terminate();
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(nonce, { resolve, reject, timer });
      ws.send(frame);
    });
  }

  private onMessage(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const raw = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    const frame = isBinary ? parseFrame(raw) : null;
    if (!frame) {
      this.log('Tableside live: the hub sent something that is not a Tableside message; link closed.');
      ws.close(1008, 'not sealed');
      return;
    }
    if (frame.header.kind === 'response') {
      const w = frame.header.inReplyTo ? this.waiting.get(frame.header.inReplyTo) : undefined;
      if (!w) return; // An answer to nothing asked (or asked and given up on): the round checks and ignores it.
      this.waiting.delete(frame.header.inReplyTo!);
      clearTimeout(w.timer);
      w.resolve(raw);
      return;
    }
    try {
      if (this.sync.takePush(raw) === 'more') void this.flush();
    } catch (error) {
      this.log(`Tableside live: refused a push: ${(error as Error).message}; link closed.`);
      ws.close(1008, 'refused');
    }
  }

  /** Rounds on the link until neither side has more; a change made meanwhile gets another. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        await this.sync.syncNow();
      } while (this.again && this.state === 'live');
    } finally {
      this.flushing = false;
    }
  }
}
