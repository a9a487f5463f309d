/**
 * A request past its size limit gets its 413 (electron/host/http.ts readBody),
 * whether its length is declared or it arrives chunked; before, the
 * connection was destroyed first and the client saw only a reset.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, sendJson } from '../../electron/host/http.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server?.closeAllConnections();
  server = undefined;
});

async function listen(maxBytes: number): Promise<number> {
  server = createServer((req, res) => {
    readBody(req, maxBytes).then(
      (body) => sendJson(res, 200, { ok: true, value: body.length }),
      () => sendJson(res, 413, { ok: false, error: { code: 'too_large' } }),
    );
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
  return (server.address() as AddressInfo).port;
}

/** Send `chunks` x `chunkBytes`; the status and body the client got, or the error it met. */
function send(port: number, chunks: number, chunkBytes: number, declare: boolean): Promise<string> {
  return new Promise((done) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (declare) headers['Content-Length'] = chunks * chunkBytes;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => done(`${res.statusCode} ${text}`));
      res.on('error', (e) => done(`error ${e.message}`));
    });
    req.on('error', (e) => done(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    let n = 0;
    const write = (): void => {
      if (n >= chunks || req.destroyed) {
        req.end();
        return;
      }
      n += 1;
      req.write(chunk, write);
    };
    write();
  });
}

describe('readBody: a body past its limit', () => {
  it('a chunked body over the cap is answered 413, not reset', async () => {
    const port = await listen(64 * 1024);
    expect(await send(port, 64, 16 * 1024, false)).toMatch(/^413 .*too_large/);
  });
  it('a declared Content-Length over the cap is answered 413 before the body is read', async () => {
    const port = await listen(64 * 1024);
    expect(await send(port, 64, 16 * 1024, true)).toMatch(/^413 .*too_large/);
  });
  it('a body within the cap is read whole', async () => {
    const port = await listen(64 * 1024);
    expect(await send(port, 4, 1024, false)).toBe('200 {"ok":true,"value":4096}');
  });
});
