/**
 * The local web host: the same core and handler table as the Electron app,
 * served over HTTP (calls) and a WebSocket (pushed updates), with the same
 * React UI as static files.
 *
 * It listens on 127.0.0.1 unless told otherwise, and answers only requests
 * whose Host (and Origin, when a browser sends one) is its own address. That
 * keeps another web page in the same browser from reading or changing the
 * event, by cross-site requests or by DNS rebinding.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Envelope, ErrorCode, Push } from '../../shared/contract.js';
import { decodeUtf8, parseBounded } from '../../shared/guard.js';
import { gateFailure, type Core } from '../core/core.js';
import { boardView } from '../sync/board.js';
import { BOARD_EVENTS_PATH, BoardFeed } from '../sync/board-feed.js';
import type { ShiftableClock } from '../core/clock.js';
import { ACCESS_PARAM, admitFromLink, hasAccess, isLoopback, newAccessCode, refuseWithoutAccess } from './access.js';
import { EXPORTS_PATH, serveExport } from './download.js';
import { readBody, sendJson } from './http.js';

export const RPC_PATH = '/api/rpc';
export const EVENTS_PATH = '/api/events';
/** Calls are small, but a sync file being imported can be large. */
const MAX_BODY_BYTES = 64 * 1024 * 1024 + 64 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The page may load only its own scripts, styles and connections. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface HostOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Present only in end-to-end tests: lets them move the clock as if the laptop slept. */
  testClock?: ShiftableClock;
  /**
   * Ask every request for an access code (electron/host/access.ts). Default:
   * only when listening beyond this computer. `code` fixes the code (tests).
   */
  access?: { required: boolean; code?: string };
  log?: (line: string) => void;
}

export interface RunningHost {
  /** The address to open; with `?access=` when the host asks for its access code. */
  url: string;
  /** The access code, or null when none is asked. */
  accessCode: string | null;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const { core } = options;
  const staticRoot = resolve(options.staticDir);
  let allowedHosts = new Set<string>();
  let port = 0;
  const accessCode = (options.access?.required ?? !isLoopback(host)) ? (options.access?.code ?? newAccessCode()) : null;
  const board = new BoardFeed(core);

  const server = createServer((req, res) => {
    // No throw escapes a request: the request gets a 500, the host stays up.
    void answerSafely(res, log, () => route(req, res));
  });
  // Node closes an idle kept-alive connection after 5 s, which races a client reusing it at that
  // moment (the call fails with ECONNRESET); the page's and tools' own idle timeouts are shorter
  // than this, so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;

  const route = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    if (!hostAllowed(req, allowedHosts)) {
      log(`refused ${req.method} ${req.url}: Host ${req.headers.host ?? '(none)'} / Origin ${req.headers.origin ?? '(none)'}`);
      return sendJson(res, 403, failure('Forbidden: this Tableside host answers only its own address.'));
    }
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true, value: 'ready' });
    if (accessCode !== null && !hasAccess(req, accessCode, port)) {
      if (admitFromLink(req, res, url, accessCode, port)) return;
      log(`refused ${req.method} ${url.pathname}: no access code`);
      return refuseWithoutAccess(res, url.pathname);
    }
    if (url.pathname === RPC_PATH) return handleRpc(req, res, core);
    // The queue board's data, as the hub serves it to the floor (no personal data).
    if (url.pathname === BOARD_EVENTS_PATH) return board.handle(req, res);
    if (url.pathname === '/api/board') return sendJson(res, 200, boardView(core.snapshot(), core.clock.now()));
    if (url.pathname.startsWith('/__test__/')) {
      if (!options.testClock) return sendJson(res, 404, failure('No such endpoint.'));
      return handleTestClock(req, res, url, options.testClock, core);
    }
    if (url.pathname.startsWith(EXPORTS_PATH)) return serveExport(req, res, url.pathname, core);
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, failure('No such endpoint.'));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, failure('Method not allowed.'));
    }
    return serveStatic(res, staticRoot, url.pathname);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== EVENTS_PATH || !hostAllowed(req, allowedHosts) || (accessCode !== null && !hasAccess(req, accessCode, port))) {
      log(`refused WebSocket ${req.url}: Host ${req.headers.host ?? '(none)'} / Origin ${req.headers.origin ?? '(none)'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, core));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(host, port);
  const shownHost = shownAddress(host);
  const url = `http://${shownHost}:${port}/${accessCode === null ? '' : `?${ACCESS_PARAM}=${accessCode}`}`;

  return {
    url,
    accessCode,
    port,
    server,
    close: () =>
      new Promise<void>((done) => {
        board.close();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Whether the host listens on every address of this computer (0.0.0.0 or ::). */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** This computer's own addresses (every interface's), as a Host header names them. */
export function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => a !== undefined)
    .map((a) => (a.family === 'IPv6' ? `[${a.address.split('%')[0]}]` : a.address));
}

/**
 * Host header values that name this server (not some other name pointed at
 * it): its address and port; on loopback also localhost's names; listening
 * on every address (0.0.0.0, ::), each address of this computer, so a
 * browser elsewhere on the network reaches it by this laptop's address (the
 * access code guards that case: electron/host/access.ts).
 */
export function allowedHostHeaders(host: string, port: number, addresses: readonly string[] = isWildcard(host) ? ownAddresses() : []): Set<string> {
  const names = new Set([host.includes(':') ? `[${host}]` : host]);
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost' || isWildcard(host)) {
    names.add('127.0.0.1').add('localhost').add('[::1]');
  }
  for (const a of addresses) names.add(a);
  return new Set([...names].map((n) => `${n}:${port}`));
}

/** The address to print for a wildcard host: this laptop's first address on a network (IPv4), else loopback. */
export function shownAddress(host: string): string {
  if (!isWildcard(host)) return host.includes(':') ? `[${host}]` : host;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
  return lan?.address ?? '127.0.0.1';
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const hostHeader = req.headers.host?.toLowerCase();
  if (!hostHeader || !allowed.has(hostHeader)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true; // Not a browser's cross-origin request.
  try {
    const o = new URL(origin);
    return o.protocol === 'http:' && allowed.has(o.host.toLowerCase());
  } catch {
    return false;
  }
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function failure(message: string, code: 'bad_request' | 'internal' = 'bad_request'): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Run a request's handler; whatever it throws (synchronously or not) is
 * logged by name only and answered 500, if nothing was sent yet.
 */
export async function answerSafely(
  res: ServerResponse,
  log: (line: string) => void,
  handle: () => void | Promise<void>,
): Promise<void> {
  try {
    await handle();
  } catch (error) {
    log(`a request failed: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown error'}`);
    if (!res.headersSent) sendJson(res, 500, failure('Something went wrong; nothing was changed.', 'internal'));
    else res.destroy();
  }
}

/** The HTTP status of an envelope's error code. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'internal':
      return 500;
    case 'rejected':
      return 409;
    case 'unknown_method':
      return 404;
    case 'too_large':
      return 413;
    case 'storage_full':
      return 507;
    case 'storage_readonly':
    case 'storage_damaged':
      return 503;
    default:
      return 400;
  }
}

async function handleRpc(req: IncomingMessage, res: ServerResponse, core: Core): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, failure('Use POST for calls.'));
  // A JSON content type cannot be sent cross-site without a CORS preflight,
  // which this host never grants.
  if (!req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
    return sendJson(res, 415, failure('Send calls as application/json.'));
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, MAX_BODY_BYTES);
  } catch {
    return sendJson(res, 413, gateFailure('too_large', { maxBytes: MAX_BODY_BYTES }));
  }
  const text = decodeUtf8(bytes);
  if (!text.ok) return sendJson(res, statusOf(text.code), gateFailure(text.code, text.params));
  // Depth and size before parsing; the core's gate cleans the text after.
  const parsed = parseBounded(text.value, { clean: false });
  if (!parsed.ok) return sendJson(res, statusOf(parsed.code), gateFailure(parsed.code, parsed.params));
  const body = parsed.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendJson(res, 400, failure('Expected {"method": ..., "args": {...}}.'));
  }
  const { method, args } = body as { method?: unknown; args?: unknown };
  const envelope = await core.dispatchAsync(method, args);
  sendJson(res, envelope.ok ? 200 : statusOf(envelope.error.code), envelope);
}

function attachSocket(ws: WebSocket, core: Core): void {
  const send = (push: Push) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(push));
  };
  const unsubscribe = core.subscribe(send);
  send({ type: 'snapshot', payload: core.snapshot() });
  send({ type: 'timers', payload: core.timers.tick() });
  // The socket only carries pushes; anything sent to it is ignored.
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}

async function handleTestClock(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  clock: ShiftableClock,
  core: Core,
): Promise<void> {
  if (req.method === 'GET' && url.pathname === '/__test__/clock') {
    return sendJson(res, 200, { ok: true, value: { now: clock.now(), offsetMs: clock.offsetMs } });
  }
  if (req.method !== 'POST' || url.pathname !== '/__test__/clock/advance') {
    return sendJson(res, 404, failure('No such endpoint.'));
  }
  const ms = Number(url.searchParams.get('ms'));
  if (!Number.isFinite(ms) || ms <= 0) return sendJson(res, 400, failure('ms must be positive.'));
  clock.advance(ms);
  core.timers.refresh();
  sendJson(res, 200, { ok: true, value: clock.now() });
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendJson(res, 400, failure('Bad path.'));
  }
  const candidate = normalize(join(root, relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) {
    return sendJson(res, 404, failure('Not found.'));
  }
  let file = candidate;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // A client-side route or the root: the app's page.
    file = join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The UI has not been built: run `npm run build`.');
      return;
    }
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
  });
  createReadStream(file).pipe(res);
}
