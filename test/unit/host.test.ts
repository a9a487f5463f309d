import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { Core } from '../../electron/core/core.js';
import { CONTENT_SECURITY_POLICY, ownAddresses, startHost, type RunningHost } from '../../electron/host/server.js';
import type { Push, Snapshot } from '../../shared/contract.js';
import { applyChanges } from '../../shared/push.js';
import { EVENT, TABLE, dumpState, ok, tempDir, testCore } from './helpers.js';

const INDEX_HTML = '<!doctype html><title>Tableside test page</title>';
const SECRET = 'secret-outside-the-static-folder';

let folder: ReturnType<typeof tempDir>;
let staticDir: string;
let core: Core;
let db: Database;
let host: RunningHost;
let origin: string;
let tableId: string;

beforeAll(() => {
  folder = tempDir('tableside-host');
  staticDir = join(folder.dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(folder.dir, 'secret.txt'), SECRET);
  mkdirSync(join(folder.dir, 'static-evil'));
  writeFileSync(join(folder.dir, 'static-evil', 'x.txt'), SECRET);
});
afterAll(() => folder.remove());

beforeEach(async () => {
  ({ core, db } = testCore());
  ok(core.call('event.create', EVENT));
  tableId = ok(core.call('table.create', TABLE)).tableId;
  host = await startHost({ core, staticDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});
afterEach(async () => {
  await host.close();
  core.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, for what fetch will not send (another Host, an unnormalised path). */
function raw(
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((done, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function rpc(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Run `act`, then check the database did not move. */
async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const before = dumpState(db);
  const result = await act();
  expect(dumpState(db)).toEqual(before);
  return result;
}

const walkIn = () => ({ method: 'walkin.add', args: { tableId, name: 'Ana', topics: [], partySize: 1 } });

describe('web host: hostile input', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('a 5,000-deep array in method is 400 with a short message that does not echo it; the host stays up', async () => {
    const text = `{"method":${deep(5000)},"args":{}}`;
    const res = await unchanged(() => rpc(text));
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body.length).toBeLessThan(300);
    expect(body).not.toContain('[[');
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'too_deep', params: { max: 32 } } });
    expect((await rpc(walkIn())).status).toBe(200);
  });

  it('a call over the size limit is 413, saying the limit as a size with its unit ("more than 64 MB"), never a bare byte count', async () => {
    const answer = await new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(`${origin}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(70 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', fail);
      req.write('{"method":"topic.add","args":{"label":"');
    });
    expect(answer.status).toBe(413);
    const error = (JSON.parse(answer.body) as { error: { code: string; message: string; params: Record<string, number> } }).error;
    expect(error).toMatchObject({ code: 'too_large', params: { maxBytes: 64 * 1024 * 1024 + 64 * 1024 } });
    expect(error.message).toContain('more than 64 MB');
    expect(error.message).not.toMatch(/\d{5}/);
  });

  it('deep arguments, and deep values inside arguments, are refused the same way', async () => {
    for (const text of [
      `{"method":"topic.add","args":${deep(3000)}}`,
      `{"method":"topic.add","args":{"label":${deep(40)}}}`,
      `{"method":"export.importJson","args":{"log":{"ops":[{"payload":${deep(100)}}]}}}`,
    ]) {
      const res = await unchanged(() => rpc(text));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'too_deep' } });
    }
  });

  it('a throw inside a request handler is a 500, and the host answers the next request', async () => {
    // The board reads the database, which is gone: the handler throws.
    db.close();
    const res = await fetch(`${origin}/api/board`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);
  });
});

describe("web host: the host's clock, not the browser's", () => {
  it("answers clock.now with this laptop's own clock, and the board's waits are at the core's floor time", async () => {
    // The core's clock is T0 (26 August 2026, before the session's 11:45 start); the machine's is whatever today is.
    const asked = (await (await rpc({ method: 'clock.now', args: {} })).json()) as { ok: boolean; value: { at: number } };
    expect(asked).toEqual({ ok: true, value: { at: core.clock.raw() } });
    core.setFloorOffset(90 * 60_000);
    // Uncorrected: the floor offset is the snapshot's, added by the screen (renderer/src/lib/hostClock.ts).
    expect(((await (await rpc({ method: 'clock.now', args: {} })).json()) as { value: { at: number } }).value.at).toBe(core.clock.raw());
    ok(core.call('walkin.add', { tableId, name: 'Ana', topics: ['Personal branding'], partySize: 1 }));
    const board = (await (await fetch(`${origin}/api/board`)).json()) as { value?: { tables: { notReached: boolean; expectedWait: unknown }[] }; tables?: { notReached: boolean; expectedWait: unknown }[] };
    const table = (board.value ?? board).tables?.[0];
    // At floor time the session is still to come: a wait range, not "not reached" (by the machine's own date it is long over).
    expect(table).toMatchObject({ notReached: false });
    expect(table?.expectedWait).not.toBeNull();
  });
});

describe('web host: calls', () => {
  it('answers a valid call and commits it', async () => {
    const res = await rpc(walkIn());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as { ok: boolean; value: { ticket: number } };
    expect(body).toMatchObject({ ok: true, value: { ticket: 1 } });
    expect(core.snapshot().tables[0]?.queue.map((q) => q.name)).toEqual(['Ana']);
  });

  it('answers a query', async () => {
    const res = await rpc({ method: 'snapshot.get', args: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { event: { name: string } } };
    expect(body.value.event.name).toBe(EVENT.name);
  });

  it('an unknown method is 404 with a clear message', async () => {
    const res = await unchanged(() => rpc({ method: 'table.delete', args: { tableId } }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method "table.delete".', params: { name: 'table.delete' } },
    });
  });

  it('arguments that break the contract are 400 with the issues', async () => {
    const res = await unchanged(() =>
      rpc({ method: 'walkin.add', args: { tableId, topics: [], partySize: 'two' } }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.issues.map((i) => i.path)).toEqual(['partySize']);
  });

  it('a rejected command is 409', async () => {
    const res = await unchanged(() => rpc({ method: 'turn.start', args: { tableId } }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it.each([
    ['invalid JSON', '{"method": "walkin.add", ', 'not_json'],
    ['a JSON array', '[1, 2]', 'bad_request'],
    ['a JSON string', '"walkin.add"', 'bad_request'],
    ['null', 'null', 'bad_request'],
  ])('%s is 400', async (_what, text, code) => {
    const res = await unchanged(() => rpc(text));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code } });
  });

  it('bytes that are not UTF-8 are 400 not_utf8, never stored as replacement characters', async () => {
    const text = JSON.stringify({ method: 'walkin.add', args: { tableId, name: 'XX bad', topics: [], partySize: 1 } });
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('XX');
    for (const bad of [[0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80]]) {
      const body = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at + 2)]);
      const res = await unchanged(() =>
        fetch(`${origin}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_utf8' } });
    }
    // A BOM is not a fault.
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ method: 'snapshot.get', args: {} }))]);
    const ok = await fetch(`${origin}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: withBom });
    expect(ok.status).toBe(200);
  });

  it('a body over the size limit is refused', async () => {
    const res = await unchanged(() =>
      raw({
        method: 'POST',
        path: '/api/rpc',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'note.save', args: { turnId: 'x', text: 'x'.repeat(300_000) } }),
      }).catch((error: unknown) => ({ status: 0, headers: {}, body: String(error) })),
    );
    // The host answers 400 and drops the connection; either way nothing is written.
    expect([0, 400]).toContain(res.status);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
    'content type %s is 415',
    async (type) => {
      const res = await unchanged(() =>
        fetch(`${origin}/api/rpc`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: JSON.stringify(walkIn()),
        }),
      );
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ ok: false, error: { message: /application\/json/ } });
    },
  );

  it('GET on the call endpoint is 405', async () => {
    const res = await unchanged(() => fetch(`${origin}/api/rpc`));
    expect(res.status).toBe(405);
  });

  it('other /api paths are 404', async () => {
    const res = await fetch(`${origin}/api/nothing`);
    expect(res.status).toBe(404);
    expect((await fetch(`${origin}/api/health`)).status).toBe(200);
  });

  it('has no test clock unless given one', async () => {
    const before = core.clock.now();
    const post = await unchanged(() => fetch(`${origin}/__test__/clock/advance?ms=600000`, { method: 'POST' }));
    expect(post.status).toBe(404);
    expect((await fetch(`${origin}/__test__/clock/advance?ms=600000`)).status).toBe(404);
    expect(core.clock.now()).toBe(before);
  });
});

describe('web host: who may call', () => {
  const port = () => host.port;

  it.each([
    ['another name (DNS rebinding)', () => `evil.example:${port()}`],
    ['our address on another port', () => `127.0.0.1:${port() + 1}`],
    ['a bare address without port', () => '127.0.0.1'],
  ])('a Host header of %s is 403', async (_what, hostHeader) => {
    const res = await unchanged(() =>
      raw({
        method: 'POST',
        path: '/api/rpc',
        headers: { host: hostHeader(), 'content-type': 'application/json' },
        body: JSON.stringify(walkIn()),
      }),
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { message: /Forbidden/ } });
    const page = await raw({ path: '/', headers: { host: hostHeader() } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('Tableside test page');
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a look-alike on our port', () => `http://evil.example:${port()}`],
    ['https on our address', () => `https://127.0.0.1:${port()}`],
    ['an opaque origin', 'null'],
  ])('an Origin of %s is 403', async (_what, o) => {
    const value = typeof o === 'function' ? o() : o;
    const res = await unchanged(() => rpc(walkIn(), { origin: value }));
    expect(res.status).toBe(403);
  });

  it.each([
    ['127.0.0.1', () => `http://127.0.0.1:${port()}`],
    ['localhost', () => `http://localhost:${port()}`],
  ])('its own origin (%s) is allowed', async (_what, o) => {
    const res = await rpc(walkIn(), { origin: o() });
    expect(res.status).toBe(200);
    expect(core.snapshot().tables[0]?.queue).toHaveLength(1);
  });

  it('a Host of localhost is allowed', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/rpc',
      headers: { host: `localhost:${port()}`, 'content-type': 'application/json' },
      body: JSON.stringify(walkIn()),
    });
    expect(res.status).toBe(200);
  });
});

describe('web host: static files', () => {
  it('serves the page and its assets with the security headers', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(INDEX_HTML);
    const js = await fetch(`${origin}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('app');
    // A client-side route gets the page.
    expect(await (await fetch(`${origin}/tables/1`)).text()).toBe(INDEX_HTML);
  });

  it.each([
    ['/../secret.txt'],
    ['/..%2fsecret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/%2e%2e%2fsecret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/%2e%2e%2fstatic-evil%2fx.txt'],
    ['/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'],
  ])('%s does not escape the static folder', async (path) => {
    const res = await unchanged(() => raw({ path, headers: { host: `127.0.0.1:${host.port}` } }));
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
    // Either refused, or normalised inside the folder to the app's page.
    if (res.status === 200) expect(res.body).toBe(INDEX_HTML);
    else expect(res.status).toBe(404);
  });

  it('refuses to write through a static path', async () => {
    const res = await unchanged(() => fetch(`${origin}/index.html`, { method: 'PUT', body: 'x' }));
    expect(res.status).toBe(405);
  });
});

describe('web host: pushed updates', () => {
  /** Open a socket and collect what it receives. */
  function connect(headers: { origin?: string; host?: string } = {}) {
    const received: Push[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, {
      origin: headers.origin,
      headers: headers.host ? { host: headers.host } : {},
    });
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Push));
    const opened = new Promise<void>((done, reject) => {
      ws.once('open', () => done());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`refused with ${res.statusCode ?? 0}`)),
      );
    });
    return { ws, received, opened };
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 2000) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('sends a snapshot on connect, and after each command what changed', async () => {
    const { ws, received, opened } = connect({ origin });
    await opened;
    await until(() => received.length >= 2, 'the initial pushes');
    expect(received[0]?.type).toBe('snapshot');
    expect(received[1]?.type).toBe('timers');

    const res = await rpc(walkIn());
    expect(res.status).toBe(200);
    const state = () => {
      let s: Snapshot | null = null;
      for (const p of received) {
        if (p.type === 'snapshot') s = p.payload;
        if (p.type === 'changes' && s) s = applyChanges(s, p.payload);
      }
      return s;
    };
    await until(() => received.length >= 3 && (state()?.tables[0]?.queue.length ?? 0) > 0, 'the walk-in pushed');
    expect(state()?.tables[0]?.queue.map((q) => q.name)).toEqual(['Ana']);
    ws.close();
  });

  it('connects without an Origin (not a browser)', async () => {
    const { ws, opened } = connect();
    await opened;
    ws.close();
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a foreign Host', { host: 'evil.example' }],
  ])('refuses an upgrade with %s', async (_what, headers) => {
    const before = dumpState(db);
    const { ws, received, opened } = connect(headers);
    await expect(opened).rejects.toThrow(/403|Unexpected server response/);
    expect(received).toEqual([]);
    ws.terminate();
    expect(dumpState(db)).toEqual(before);
  });

  it('refuses an upgrade on another path', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/rpc`, { origin });
    await expect(
      new Promise((done, reject) => {
        ws.once('open', done);
        ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode ?? 0}`)));
        ws.once('error', reject);
      }),
    ).rejects.toThrow(/403/);
    ws.terminate();
  });

  it('ignores what a client sends over the socket', async () => {
    const { ws, opened } = connect({ origin });
    await opened;
    const before = dumpState(db);
    ws.send(JSON.stringify(walkIn()));
    await new Promise((r) => setTimeout(r, 30));
    expect(dumpState(db)).toEqual(before);
    ws.close();
  });

  it('a 5,000-deep message on the socket closes that socket only; the host answers the next call', async () => {
    const { ws, opened } = connect({ origin });
    await opened;
    const before = dumpState(db);
    const closed = new Promise<number>((done) => ws.on('close', (code: number) => done(code)));
    ws.send('['.repeat(5000) + ']'.repeat(5000));
    expect(await closed).toBe(1009); // message too big (the page never sends more than 4 KiB)
    expect(dumpState(db)).toEqual(before);
    expect((await rpc(walkIn())).status).toBe(200);
  });
});

describe('web host beyond this computer: the access code (electron/host/access.ts)', () => {
  const CODE = 'A1b2C3d4E5f6G7h8I9j0K1l2';
  let guarded: RunningHost;
  let base: string;
  beforeEach(async () => {
    guarded = await startHost({ core, staticDir, port: 0, access: { required: true, code: CODE } });
    base = `http://127.0.0.1:${guarded.port}`;
  });
  afterEach(() => guarded.close());
  const cookieName = () => `tableside_access_${guarded.port}`;

  it('asks every request without the code: 401, the reason in seven languages, nothing read or changed', async () => {
    const before = dumpState(db);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).not.toContain('Tableside test page');
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html.match(/<p lang=/g)).toHaveLength(7);
    expect(html).toContain('?access=');
    for (const path of ['/assets/app.js', '/api/board', '/api/events']) expect((await fetch(`${base}${path}`)).status).toBe(401);
    const call = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(walkIn()) });
    expect(call.status).toBe(401);
    expect(await call.json()).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'access_required' } } });
    // A wrong code, one of another length, and the right code as a cookie of another port's host are all refused.
    for (const cookie of [`${cookieName()}=${CODE.slice(0, -1)}x`, `${cookieName()}=short`, `tableside_access_1=${CODE}`]) {
      const res = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(walkIn()) });
      expect(res.status).toBe(401);
    }
    expect((await fetch(`${base}/?access=${CODE.slice(0, -1)}x`, { redirect: 'manual' })).status).toBe(401);
    expect(dumpState(db)).toEqual(before);
    // Whether it is up stays answerable.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('the printed link sets the code as an HttpOnly, SameSite=Strict cookie and drops it from the address; then pages, calls and pushes work', async () => {
    expect(guarded.url).toBe(`${base}/?access=${CODE}`);
    const admitted = await fetch(`${base}/?access=${CODE}&lang=de`, { redirect: 'manual' });
    expect(admitted.status).toBe(303);
    expect(admitted.headers.get('location')).toBe('/?lang=de');
    const setCookie = admitted.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`${cookieName()}=${CODE}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = `${cookieName()}=${CODE}`;
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    const call = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(walkIn()) });
    expect(call.status).toBe(200);
    expect(core.snapshot().tables[0]?.queue).toHaveLength(1);

    const opens = (headers: Record<string, string>) =>
      new Promise<string>((done) => {
        const ws = new WebSocket(`ws://127.0.0.1:${guarded.port}/api/events`, { headers });
        ws.once('message', () => {
          ws.close();
          done('open');
        });
        ws.once('error', () => done('refused'));
        ws.once('unexpected-response', (_req, res) => {
          done(`refused ${res.statusCode}`);
          ws.terminate();
        });
      });
    expect(await opens({})).toBe('refused 403');
    expect(await opens({ cookie })).toBe('open');
  });

  it('is asked by default only beyond loopback', async () => {
    expect(host.accessCode).toBeNull();
    expect(host.url).not.toContain('access=');
    const { isLoopback } = await import('../../electron/host/access.js');
    expect(['127.0.0.1', '127.0.0.2', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.5', '::', 'fe80::1', '10.0.0.7'].some(isLoopback)).toBe(false);
    const open = await startHost({ core, staticDir, port: 0, host: '0.0.0.0' });
    try {
      expect(open.accessCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
      // The printed link names an address a browser can open (this laptop's on its network), never 0.0.0.0.
      const shown = new URL(open.url);
      expect(shown.hostname).not.toBe('0.0.0.0');
      expect(shown.searchParams.get('access')).toBe(open.accessCode);
      // Every address of this computer reaches it with the code, and only with it; another name does not.
      const addresses = ['127.0.0.1', 'localhost', shown.hostname, ...ownAddresses().filter((a) => !a.startsWith('['))];
      const rpcAt = (address: string, headers: Record<string, string>) =>
        fetch(`http://${address}:${open.port}/api/rpc`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ method: 'snapshot.get', args: {} }),
        }).then((r) => r.status);
      const cookie = `tableside_access_${open.port}=${open.accessCode}`;
      for (const address of new Set(addresses)) {
        expect(await rpcAt(address, { cookie }), address).toBe(200);
        expect(await rpcAt(address, {}), address).toBe(401);
      }
      const rebound = await new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: open.port, path: '/', headers: { host: `evil.example:${open.port}`, cookie } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end();
      });
      expect(rebound).toBe(403);
    } finally {
      await open.close();
    }
  });
});
