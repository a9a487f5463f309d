/**
 * The queue board pushed to every screen that shows it: Server-Sent Events
 * (GET /api/board/events) on the hub's network listener and on the loopback
 * web host. A board is sent when a viewer connects and again whenever a
 * change makes it differ, and nothing when it does not; while at least one
 * viewer is connected, the board is also looked at every REFRESH_MS, since
 * its waits move with the clock, and a comment line keeps the connection
 * alive. Without viewers the feed has no listener and no timer.
 *
 * Anyone on the floor may open the board, so viewers are bounded: at most
 * MAX_VIEWERS in all and MAX_VIEWERS_PER_ADDRESS from one address. A new
 * stream from an address at its bound takes the place of that address's
 * oldest (a screen that reconnected after a Wi-Fi drop, whose old stream the
 * hub has not seen die, is never shut out by it); with every place taken, a
 * new one takes the place of the oldest stream of the address holding the
 * most, if that address holds at least two more than the newcomer's would
 * (as port-gate.ts shares connections); else the answer is 503 and nothing
 * is held open.
 */
import { applyChanges } from '../../shared/push.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Push, Snapshot } from '../../shared/contract.js';
import type { Core } from '../core/core.js';
import { boardView } from './board.js';
import { addressOf } from './port-gate.js';

export const BOARD_EVENTS_PATH = '/api/board/events';
export const MAX_VIEWERS = 64;
export const MAX_VIEWERS_PER_ADDRESS = 8;
/** How often the board is looked at while someone views it (its waits move with the clock), and the keep-alive. */
export const REFRESH_MS = 30_000;

interface Viewer {
  res: ServerResponse;
  address: string;
}

export class BoardFeed {
  private readonly viewers = new Set<Viewer>();
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = '';

  constructor(
    private readonly core: Core,
    // Floor time (rehearsal time on a rehearsal floor), as every instant the board reads was recorded in: never this laptop's own clock.
    private readonly now: () => number = () => core.clock.now(),
  ) {}

  /** How many screens are connected. */
  get size(): number {
    return this.viewers.size;
  }

  /** Answer GET /api/board/events: hold the response open as an event stream. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const address = addressOf(req.socket);
    const byAddress = new Map<string, Viewer[]>();
    for (const v of this.viewers) byAddress.set(v.address, [...(byAddress.get(v.address) ?? []), v]);
    const mine = byAddress.get(address) ?? [];
    if (mine.length >= MAX_VIEWERS_PER_ADDRESS) {
      this.close1(mine[0]!);
    } else if (this.viewers.size >= MAX_VIEWERS) {
      let most: Viewer[] = [];
      for (const list of byAddress.values()) if (list.length > most.length) most = list;
      if (most.length < mine.length + 2) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' });
        res.end('Too many screens show the board.');
        return;
      }
      this.close1(most[0]!);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const viewer: Viewer = { res, address };
    this.viewers.add(viewer);
    req.socket.setNoDelay(true);
    res.on('close', () => this.drop(viewer));
    if (!this.unsubscribe) this.unsubscribe = this.core.subscribe((push) => this.onPush(push));
    if (!this.timer) {
      this.timer = setInterval(() => this.refresh(true), REFRESH_MS);
      this.timer.unref?.();
    }
    const text = JSON.stringify(boardView(this.core.snapshot(), this.now()));
    this.last = text;
    // Reconnect after 2 s if the connection drops (the browser does it by itself).
    res.write(`retry: 2000\ndata: ${text}\n\n`);
  }

  /** The event as last pushed: whole, then kept up to date with each push of what changed. */
  private latest: Snapshot | null = null;

  private onPush(push: Push): void {
    if (push.type === 'snapshot') this.latest = push.payload;
    else if (push.type === 'changes') this.latest = (this.latest && applyChanges(this.latest, push.payload)) ?? this.core.snapshot();
    else return;
    this.send(this.latest);
  }

  private refresh(keepAlive: boolean): void {
    if (this.viewers.size === 0) return;
    if (!this.send(this.core.snapshot()) && keepAlive) for (const v of this.viewers) v.res.write(':\n\n');
  }

  /** Send the board made from `snapshot` to every viewer if it differs from the last one sent; true if sent. */
  private send(snapshot: Snapshot): boolean {
    const text = JSON.stringify(boardView(snapshot, this.now()));
    if (text === this.last) return false;
    this.last = text;
    for (const v of this.viewers) v.res.write(`data: ${text}\n\n`);
    return true;
  }

  /** End one viewer's stream to make room (its place is free at once). */
  private close1(viewer: Viewer): void {
    this.drop(viewer);
    viewer.res.end();
    viewer.res.socket?.destroy();
  }

  private drop(viewer: Viewer): void {
    this.viewers.delete(viewer);
    if (this.viewers.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    for (const v of this.viewers) v.res.end();
    for (const v of [...this.viewers]) this.drop(v);
  }
}
