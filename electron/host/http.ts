/**
 * The two small pieces of HTTP both listeners need (the loopback web host
 * and the hub's network listener): a JSON answer, and a request body read
 * whole up to a limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { humanSize } from '../../shared/size.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** How long a request past its limit may go on sending (discarded) while its 413 goes out. */
export const OVERSIZE_GRACE_MS = 2_000;

/**
 * The request's bytes; rejects past `maxBytes` (at once when Content-Length
 * says so). What arrives after the limit is discarded, not kept, and the
 * connection is closed shortly after, so the caller's 413 reaches the client
 * first (destroying at once left it a reset connection and no answer).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((done, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => {
      req.removeListener('data', collect);
      req.resume(); // discard the rest
      setTimeout(() => req.destroy(), OVERSIZE_GRACE_MS).unref();
      reject(new Error(`The request is larger than ${humanSize(maxBytes)}.`));
    };
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return tooLarge();
      chunks.push(chunk);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
    req.on('data', collect);
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
