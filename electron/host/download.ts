/**
 * GET /api/exports/<exportId>/<index>: a finished export's file, as a
 * download. Only files the export service wrote and remembers can be named
 * (by the export's random id and the file's position), never a path.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core.js';
import { exportsOf } from '../export/attach.js';

export const EXPORTS_PATH = '/api/exports/';

/** RFC 6266: an ASCII fallback and the UTF-8 name for browsers that read it. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function serveExport(req: IncomingMessage, res: ServerResponse, pathname: string, core: Core): void {
  const send = (status: number, message: string) => {
    const body = JSON.stringify({ ok: false, error: { code: 'bad_request', message } });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Use GET to download an export.');
  // A link on another site's page may not start a download of the event's data.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return send(403, 'Forbidden.');
  const m = /^([A-Za-z0-9_-]{1,64})\/(\d{1,2})$/.exec(pathname.slice(EXPORTS_PATH.length));
  const file = m ? exportsOf(core)?.file(m[1] ?? '', Number(m[2])) : null;
  if (!file) return send(404, 'No such export file.');
  let size: number;
  try {
    size = statSync(file.path).size;
  } catch {
    return send(404, 'That export file is no longer there.');
  }
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': size,
    'Content-Disposition': contentDisposition(file.name),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path).pipe(res);
}
