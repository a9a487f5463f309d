/**
 * Who may hold a connection to the hub's sync port, and for how long.
 *
 * The port is open to anyone on the floor's Wi-Fi (board screens and
 * participants' phones use it without any key), so nobody may shut the
 * others out by holding connections. Each connection is either
 *
 * - a **stranger's** until proven otherwise: a board screen, a phone, a
 *   laptop's first request, or an attacker. At most
 *   MAX_STRANGERS_PER_ADDRESS from one address and MAX_STRANGERS in all.
 *   A stranger's connection must send a complete request head within
 *   STRANGER_IDLE_MS of opening (an idle connection, or a request sent a
 *   byte at a time, is closed), and a request's body within
 *   STRANGER_REQUEST_MS. Its answer closes it (`Connection: close`): no
 *   stranger holds a kept-alive connection, and no client reuses one the
 *   hub is closing (ECONNRESET). A request being answered holds no
 *   deadline (the board's event stream stays open; board-feed.ts bounds it).
 * - a **member's**, once it carried a sealed request the hub accepted (a
 *   `POST /sync` answered 200, or a live link opened: `prove`). Members'
 *   connections have their own MAX_MEMBER_SOCKETS places, which strangers
 *   never take, and the usual keep-alive.
 *
 * At a bound, a newcomer first takes the place of one of its own address's
 * connections that sits idle (a member's stale sockets after a Wi-Fi drop,
 * or a browser's spare ones, never shut that address out), then, when the
 * strangers' places are all taken, the place of the oldest connection of
 * the address holding the most, if that address holds at least two more
 * than the newcomer's would (so one address, or a few, cannot crowd out
 * a new one). Otherwise the newcomer is refused: a 503 and the connection
 * closed, nothing else changes. Refusals are logged once per address per
 * REFUSAL_LOG_MS (OncePerAddress), with how many went unsaid.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Strangers' connections from one address: a browser opens up to 6 per host (board page, assets, event stream), a laptop's own rounds and look-arounds 2–3; room for two browsers and a laptop behind one address. */
export const MAX_STRANGERS_PER_ADDRESS = 16;
/** Strangers' connections in all: ~20 board screens and dozens of phones at once. */
export const MAX_STRANGERS = 128;
/** Members' proven connections in all: a live link and a kept-alive round or two each, for the 64 live links the hub takes (live.ts MAX_LIVE). */
export const MAX_MEMBER_SOCKETS = 128;
/** Connections the hub's listener holds at most: strangers' and members' places together. */
export const MAX_CONNECTIONS = MAX_STRANGERS + MAX_MEMBER_SOCKETS;
/** A stranger's connection must send a complete request head within this long of opening (its answer then closes it). */
export const STRANGER_IDLE_MS = 5_000;
/** A stranger's request must arrive whole (its body) within this long of its head: as long as a member waits for an answer (service.ts POST_TIMEOUT_MS). */
export const STRANGER_REQUEST_MS = 15_000;
/** The same address's refusals are logged once in this long. */
export const REFUSAL_LOG_MS = 10 * 60_000;
/** Addresses remembered for the log at most (the oldest is forgotten first). */
const MAX_LOGGED_ADDRESSES = 1024;

/** The bounds and deadlines of a gate, in connections and ms (tests shorten the deadlines). */
export interface GateLimits {
  strangersPerAddress: number;
  strangers: number;
  members: number;
  strangerIdleMs: number;
  strangerRequestMs: number;
}

export const GATE_LIMITS: GateLimits = {
  strangersPerAddress: MAX_STRANGERS_PER_ADDRESS,
  strangers: MAX_STRANGERS,
  members: MAX_MEMBER_SOCKETS,
  strangerIdleMs: STRANGER_IDLE_MS,
  strangerRequestMs: STRANGER_REQUEST_MS,
};

/**
 * A log that says a refusal once per address per `everyMs` (how many were
 * not said comes with the next line), so a stranger knocking a thousand
 * times writes one line. Remembers at most 1,024 addresses.
 */
export class OncePerAddress {
  private readonly said = new Map<string, { at: number; unsaid: number }>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly everyMs = REFUSAL_LOG_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Log `line` for `address` (its `key`: the address, or the address and a kind of refusal) unless said within everyMs. */
  note(key: string, line: string): void {
    const t = this.now();
    const before = this.said.get(key);
    if (before && t - before.at < this.everyMs) {
      before.unsaid += 1;
      return;
    }
    this.said.delete(key);
    this.said.set(key, { at: t, unsaid: 0 });
    if (this.said.size > MAX_LOGGED_ADDRESSES) this.said.delete(this.said.keys().next().value!);
    this.log(before?.unsaid ? `${line} (and ${before.unsaid} more like it unsaid since the last such line)` : line);
  }
}

interface Held {
  socket: Socket;
  address: string;
  member: boolean;
  /** Requests in flight on it, or an upgrade (then it is not HTTP any more). */
  busy: number;
  upgraded: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/** An address as one: IPv4 mapped into IPv6 ('::ffff:10.0.0.5') is the IPv4 address. */
export function addressOf(socket: { remoteAddress?: string | undefined }): string {
  const a = socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** The hub listener's gate (see the file's comment): attach it to the server before it listens. */
export class PortGate {
  private readonly held = new Map<Socket, Held>();
  /** Strangers' connections by address, oldest first. */
  private readonly strangers = new Map<string, Set<Held>>();
  private strangerCount = 0;
  /** Members' connections, oldest first. */
  private readonly members = new Set<Held>();
  private readonly refusals: OncePerAddress;
  /** Whether the client asked to keep the connection alive, for a stranger's answer in progress. */
  private readonly keepAliveAsked = new WeakMap<ServerResponse, boolean>();

  constructor(
    server: Server,
    log: (line: string) => void,
    private readonly limits: GateLimits = GATE_LIMITS,
  ) {
    this.refusals = new OncePerAddress(log);
    // Before the server's own listeners: a request is counted (and a stranger's answer marked to close) before it is answered.
    server.on('connection', (socket: Socket) => this.admit(socket));
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
    server.prependListener('upgrade', (req: IncomingMessage) => {
      const h = this.held.get(req.socket);
      if (!h) return;
      h.upgraded = true;
      this.clear(h);
    });
  }

  /** How many connections are held: strangers' and members'. */
  get counts(): { strangers: number; members: number } {
    return { strangers: this.strangerCount, members: this.members.size };
  }

  /**
   * The connection carried a sealed request the hub accepted: it is a
   * member's from now on (no stranger's deadline, a member's place, and
   * `res`, the answer being given, keeps it alive if the client asked). When
   * the members' places are all taken, it takes the place of the oldest one
   * sitting idle (a stale socket); if none is, it stays a stranger's.
   */
  prove(socket: Socket, res?: ServerResponse): void {
    const h = this.held.get(socket);
    if (!h || h.member) return;
    if (res && !res.headersSent && this.keepAliveAsked.get(res)) res.shouldKeepAlive = true;
    if (this.members.size >= this.limits.members) {
      const stale = first(this.members, idle);
      if (!stale) return;
      this.evict(stale);
    }
    this.forgetStranger(h);
    h.member = true;
    this.members.add(h);
    this.clear(h);
  }

  private admit(socket: Socket): void {
    const address = addressOf(socket);
    const mine = this.strangers.get(address);
    const atOwnBound = (mine?.size ?? 0) >= this.limits.strangersPerAddress;
    if (atOwnBound || this.strangerCount >= this.limits.strangers) {
      // Its own address's idle connection makes room first (a stale socket never shuts its laptop out).
      const spare = mine && first(mine, idle);
      if (spare) {
        if (atOwnBound) {
          this.refusals.note(address, `Tableside hub: closed idle connections from ${address} to make room: more than ${this.limits.strangersPerAddress} at once from one address`);
        }
        this.evict(spare);
      } else if (atOwnBound) {
        return this.refuse(socket, address, `more than ${this.limits.strangersPerAddress} connections from one address are busy`);
      } else {
        // All strangers' places taken: the address holding the most gives one up, if it holds two more than this one would.
        let most: Set<Held> | null = null;
        for (const set of this.strangers.values()) if (!most || set.size > most.size) most = set;
        if (!most || most.size < (mine?.size ?? 0) + 2) {
          return this.refuse(socket, address, `all ${this.limits.strangers} places for connections not yet known as members' are taken`);
        }
        const giving = first(most, idle) ?? most.values().next().value!;
        this.refusals.note(
          giving.address,
          `Tableside hub: closed connections from ${giving.address} to make room for another address: all ${this.limits.strangers} places for connections not yet known as members' are taken`,
        );
        this.evict(giving);
      }
    }
    const h: Held = { socket, address, member: false, busy: 0, upgraded: false, timer: null };
    this.held.set(socket, h);
    let set = this.strangers.get(address);
    if (!set) this.strangers.set(address, (set = new Set()));
    set.add(h);
    this.strangerCount += 1;
    socket.once('close', () => this.forget(h));
    this.deadline(h, this.limits.strangerIdleMs);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const h = this.held.get(req.socket);
    if (!h) return;
    h.busy += 1;
    this.clear(h);
    // A stranger's answer closes its connection (Connection: close), so no client keeps it for a next request
    // the hub would not wait for (a client reusing a connection as the server closes it gets ECONNRESET, 65c03c8);
    // an answer that proves the connection a member's keeps it alive, as the client asked (prove).
    if (!h.member) {
      this.keepAliveAsked.set(res, res.shouldKeepAlive);
      res.shouldKeepAlive = false;
    }
    // A stranger's body must arrive within its deadline; then the answer takes as long as it takes.
    const body = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!h.member && body && !req.complete) {
      this.deadline(h, this.limits.strangerRequestMs);
      req.once('end', () => {
        if (!h.member && h.busy > 0) this.clear(h);
      });
    }
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      h.busy = Math.max(0, h.busy - 1);
      if (h.busy === 0 && !h.member && !h.upgraded && this.held.has(h.socket)) this.deadline(h, this.limits.strangerIdleMs);
    };
    res.once('finish', finished);
    res.once('close', finished);
  }

  private refuse(socket: Socket, address: string, reason: string): void {
    this.refusals.note(address, `Tableside hub: refused connections from ${address}: ${reason}`);
    // A short answer and the connection closed at once: nothing is read, nothing changes.
    socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  }

  private deadline(h: Held, ms: number): void {
    this.clear(h);
    h.timer = setTimeout(() => h.socket.destroy(), ms);
    h.timer.unref?.();
  }

  private clear(h: Held): void {
    if (h.timer) clearTimeout(h.timer);
    h.timer = null;
  }

  /** Close a connection to make room: its place is free at once. */
  private evict(h: Held): void {
    this.forget(h);
    h.socket.destroy();
  }

  private forgetStranger(h: Held): void {
    const set = this.strangers.get(h.address);
    if (!set?.delete(h)) return;
    this.strangerCount -= 1;
    if (set.size === 0) this.strangers.delete(h.address);
  }

  private forget(h: Held): void {
    if (this.held.get(h.socket) !== h) return;
    this.held.delete(h.socket);
    this.clear(h);
    if (h.member) this.members.delete(h);
    else this.forgetStranger(h);
  }
}

/** A connection with no request in flight and not upgraded: closing it loses nothing. */
function idle(h: Held): boolean {
  return h.busy === 0 && !h.upgraded;
}

function first<T>(set: Set<T>, test: (item: T) => boolean): T | undefined {
  for (const item of set) if (test(item)) return item;
  return undefined;
}
