/**
 * The hub's listener on the local network. It is a separate server from the
 * loopback web host: it answers only
 *   GET  /hello      which event this hub runs (public: its id, and the hub's
 *                    name and device id),
 *   POST /sync       sealed sync messages, binary frames (crypto.ts;
 *                    SyncService.handleRequest),
 *   GET  /board      the queue board page, and GET /api/board its data:
 *                    tables, coaches, topics, languages, expected waits; no
 *                    participant's name, note or contact;
 *   GET  /api/board/events  the same, pushed whenever it changes (board-feed.ts),
 *   GET  /live       upgraded to a member's live link: sealed frames only (live.ts);
 *   GET  /feedback, POST /api/feedback  a participant's card from a phone,
 *                    with a one-time token (electron/feedback/route.ts).
 * Everything else is 404; the event's API stays on the loopback host.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { readBody, sendJson } from '../host/http.js';
import { answerSafely, CONTENT_SECURITY_POLICY } from '../host/server.js';
import { boardView } from './board.js';
import { feedbackRoute } from '../feedback/route.js';
import type { FeedbackAnswer, FeedbackRefusal } from '../../shared/feedback.js';
import { FeedbackRateLimit, type TokenClaims } from '../feedback/token.js';
import { BOARD_EVENTS_PATH, BoardFeed } from './board-feed.js';
import { LiveHub } from './live.js';
import { addressOf, GATE_LIMITS, MAX_CONNECTIONS, PortGate, type GateLimits } from './port-gate.js';
import { MAX_MESSAGE_BYTES } from './protocol.js';
import { FRAME_TYPE, type SyncService } from './service.js';
import type { Core } from '../core/core.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * A hard bound on the listener's sockets behind the gate's (port-gate.ts
 * MAX_CONNECTIONS): a socket the gate closed to make room counts with Node
 * until it has closed, so the gate's places are never short of one.
 */
const MAX_SOCKETS = 2 * MAX_CONNECTIONS;

/**
 * Tests only (with TABLESIDE_TEST_CLOCK=1): the gate's deadlines for a
 * stranger's connection, in ms (TABLESIDE_TEST_STRANGER_IDLE_MS,
 * TABLESIDE_TEST_STRANGER_REQUEST_MS), read when the hub starts.
 */
function gateLimits(): GateLimits {
  const env = process.env;
  if (env.TABLESIDE_TEST_CLOCK !== '1') return GATE_LIMITS;
  const ms = (value: string | undefined, otherwise: number) => (Number(value) > 0 ? Number(value) : otherwise);
  return {
    ...GATE_LIMITS,
    strangerIdleMs: ms(env.TABLESIDE_TEST_STRANGER_IDLE_MS, GATE_LIMITS.strangerIdleMs),
    strangerRequestMs: ms(env.TABLESIDE_TEST_STRANGER_REQUEST_MS, GATE_LIMITS.strangerRequestMs),
  };
}

/**
 * Tests only (with TABLESIDE_TEST_CLOCK=1): answer each sync message this
 * many ms late, so a web test can freeze the hub in the middle of a join.
 */
const TEST_SYNC_DELAY_MS =
  process.env.TABLESIDE_TEST_CLOCK === '1' ? Math.max(0, Number(process.env.TABLESIDE_TEST_SYNC_DELAY_MS ?? 0) || 0) : 0;

export interface HubServer {
  port: number;
  addresses: string[];
  /** Close every member's live link (this laptop stepped down as the hub: they reconnect and are sent on). */
  dropLinks(): void;
  /** The hub leaves the event: its members' live links get its last changes, then close (LiveHub.handOver). */
  handOver(withinMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHubServer(options: {
  sync: SyncService;
  staticDir: string;
  host?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<HubServer> {
  const { sync } = options;
  const log = options.log ?? ((line: string) => console.warn(`Tableside hub: ${line}`));
  const root = resolve(options.staticDir);
  const board = new BoardFeed(sync.core);
  const live = new LiveHub(sync, log);
  // No throw escapes a request: it gets a 500 and the hub stays up.
  const server: Server = createServer((req, res) => void answerSafely(res, log, () => route(req, res)));
  // Who may hold a connection, and how long (port-gate.ts): strangers bounded per address and in all, members' places kept.
  const gate = new PortGate(server, log, gateLimits());
  // Participants' feedback from phones (issue 15): its own module, electron/feedback/route.ts.
  const feedback = feedbackRoute({
    tokens: () => (sync.role === 'hub' ? sync.feedbackTokens() : null),
    limit: new FeedbackRateLimit(() => sync.core.clock.now()),
    alreadyUsed: () => false,
    record: (claims, answer) => recordPhoneCard(sync.core, claims, answer),
    servePage: (res) => {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.writeHead(200, { 'Content-Type': TYPES['.html']! });
      createReadStream(join(root, 'index.html')).pipe(res);
    },
  });
  const route = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const from = addressOf(req.socket);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    const json = (status: number, body: unknown) => sendJson(res, status, body);
    const answered = feedback(req, res, url, from);
    if (answered !== false) return answered;
    if (req.method === 'GET' && url.pathname === '/hello') {
      const event = sync.core.event();
      if (sync.role !== 'hub' || !event) return json(200, { app: 'tableside', v: 1, eventId: null });
      // A hub also says its name and device id: a member seeing two hubs names them, and a hub never probes itself (hubs.ts).
      // Whether it is a rehearsal is public too: a laptop is told plainly that the two never mix (issue 15).
      return json(200, {
        app: 'tableside',
        v: 1,
        eventId: event.id,
        name: sync.core.deviceName || null,
        deviceId: sync.core.deviceId,
        rehearsal: event.rehearsal === true,
      });
    }
    if (req.method === 'POST' && url.pathname === '/sync') {
      return readBody(req, MAX_MESSAGE_BYTES).then(
        async (body) => {
          if (TEST_SYNC_DELAY_MS > 0) await new Promise((done) => setTimeout(done, TEST_SYNC_DELAY_MS));
          const answer = sync.handleRequest(body, from);
          // A sealed request the hub took: this connection is a member's from now on.
          if (answer.status === 200) gate.prove(req.socket, res);
          if (!Buffer.isBuffer(answer.body)) return json(answer.status, answer.body);
          res.writeHead(answer.status, { 'Content-Type': FRAME_TYPE, 'Content-Length': answer.body.length });
          res.end(answer.body);
        },
        () => json(413, { ok: false, error: 'too_large' }),
      );
    }
    if (req.method === 'GET' && url.pathname === BOARD_EVENTS_PATH) return board.handle(req, res);
    if (req.method === 'GET' && url.pathname === '/api/board') {
      return json(200, boardView(sync.core.snapshot(), sync.core.clock.now()));
    }
    if (req.method === 'GET' && (url.pathname === '/board' || url.pathname.startsWith('/assets/'))) {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      const file = url.pathname === '/board' ? join(root, 'index.html') : normalize(join(root, url.pathname));
      if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) return json(404, { ok: false });
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    json(404, { ok: false, error: 'Not found' });
  };
  // The live links: anything else asking to upgrade is refused there, with no socket kept.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (live.upgrade(req, socket, head)) gate.prove(req.socket);
  });
  // A member's request head within 10 s (a stranger's within the gate's few seconds), and a hard bound behind the gate's.
  server.headersTimeout = 10_000;
  server.maxConnections = MAX_SOCKETS;
  // As on the web host (65c03c8): Node closes an idle kept-alive connection after 5 s, racing a member that
  // reuses it for its next round at that moment (ECONNRESET); members' agents drop idle sockets after 5 s,
  // so they close first. The 10 s headers bound above still holds for every request (checked: a kept-alive
  // socket idle 13 s is reused, Node 20). This is for members' connections: a stranger's answer closes
  // its connection (port-gate.ts).
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const addresses = reachableAddresses(host).map((a) => `http://${a}:${port}`);
  await sync.setListening(addresses);
  return {
    port,
    addresses,
    dropLinks: () => live.dropAll(),
    handOver: (withinMs) => live.handOver(withinMs),
    close: () =>
      new Promise<void>((done) => {
        board.close();
        live.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The addresses other laptops can use: this one's LAN IPv4 addresses, or the one it is bound to. */
export function reachableAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) found.push(a.address);
  }
  return found.length > 0 ? found : ['127.0.0.1'];
}

/** Commits a phone's card to the hub's log (feedback.record); why not, as the phone says it, if the log refuses it. */
export function recordPhoneCard(core: Core, claims: TokenClaims, answer: FeedbackAnswer): FeedbackRefusal | void {
  const r = core.call('feedback.record', { turnId: claims.turnId, tokenId: claims.tokenId, ...answer });
  if (!r.ok) return phoneRefusal(r.error.params?.reason);
}

/**
 * Why the log refused a phone's card, as the phone says it: the answer itself passed the gate before, so a refusal
 * here is never "choose how useful it was" (the tester's phone said so of a turn that ran again).
 */
export function phoneRefusal(reason: unknown): FeedbackRefusal {
  switch (reason) {
    case 'feedback_token_used':
    case 'feedback_turn_running':
      return reason;
    case 'no_turn':
      return 'feedback_turn_gone';
    default:
      return 'feedback_not_kept';
  }
}
