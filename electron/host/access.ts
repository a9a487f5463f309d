/**
 * The web host's access code, for when it listens beyond this computer
 * (`--host` an address other than loopback: an organiser's browser on the
 * floor's network). The floor's Wi-Fi is open to strangers, and the web host
 * can change the event, so there every request must show the code:
 *
 * - the host makes a random code at start and prints its address with it
 *   (`http://192.168.1.5:5173/?access=…`); the organiser opens that link;
 * - the first request with a matching `?access=` gets the code as an
 *   HttpOnly, SameSite=Strict cookie and is sent on to the same page without
 *   it in the address (so it is not left in the history or shown on screen);
 * - every later request (pages, calls, downloads, the WebSocket) must carry
 *   the cookie; otherwise 401, with the reason in the seven languages, and
 *   nothing is read or changed.
 *
 * On loopback (the default) no code is asked: only this computer can reach it,
 * and the Host/Origin guard in server.ts keeps other web pages out.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import ar from '../../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import de from '../../renderer/src/i18n/locales/de.json' with { type: 'json' };
import en from '../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../renderer/src/i18n/locales/es.json' with { type: 'json' };
import fr from '../../renderer/src/i18n/locales/fr.json' with { type: 'json' };
import ru from '../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/locales/zh.json' with { type: 'json' };

/** The query parameter of the printed link. */
export const ACCESS_PARAM = 'access';

/** Addresses only this computer can reach (127.0.0.0/8, ::1, localhost): no access code there unless asked for. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A new access code: 144 random bits, URL-safe. */
export function newAccessCode(): string {
  return randomBytes(18).toString('base64url');
}

/** Where `npm run serve` keeps its access code, in the data folder. */
export const ACCESS_CODE_FILE = 'web-access-code';

/**
 * The data folder's access code, made (and written, readable by this account
 * only) the first time: the printed link stays valid across restarts.
 */
export function storedAccessCode(dataDir: string): string {
  const file = join(dataDir, ACCESS_CODE_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{24,128}$/.test(kept)) return kept;
  } catch {
    /* none yet */
  }
  const code = newAccessCode();
  writeFileSync(file, code, { mode: 0o600 });
  return code;
}

/** The cookie's name: one per port, since browsers share cookies between ports of one address. */
export function accessCookieName(port: number): string {
  return `tableside_access_${port}`;
}

function sameSecret(given: string, code: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(code, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of one cookie in the request's Cookie header, if present. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the request carries this host's access cookie. */
export function hasAccess(req: IncomingMessage, code: string, port: number): boolean {
  const given = cookieValue(req, accessCookieName(port));
  return given !== undefined && sameSecret(given, code);
}

/**
 * For a GET whose address carries the right `?access=`: set the cookie and
 * send the browser on to the same address without the code (303). Returns
 * whether it answered.
 */
export function admitFromLink(req: IncomingMessage, res: ServerResponse, url: URL, code: string, port: number): boolean {
  const given = url.searchParams.get(ACCESS_PARAM);
  if (req.method !== 'GET' || given === null || !sameSecret(given, code)) return false;
  const next = new URL(url.href);
  next.searchParams.delete(ACCESS_PARAM);
  res.writeHead(303, {
    'Set-Cookie': `${accessCookieName(port)}=${code}; HttpOnly; SameSite=Strict; Path=/`,
    Location: `${next.pathname}${next.search}${next.hash}`,
  });
  res.end();
  return true;
}

const LOCALES = { en, ar, de, es, fr, ru, zh } as const;

/** The refusal in every language Tableside speaks, each in its own direction. */
export function accessRequiredLines(): { lang: string; dir: 'ltr' | 'rtl'; text: string }[] {
  return Object.entries(LOCALES).map(([lang, strings]) => ({
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    text: (strings as { errors: { rejected: { access_required: string } } }).errors.rejected.access_required,
  }));
}

/**
 * Answer 401: a refusal with the reason `access_required` for calls (the
 * renderer translates it), a short page in the seven languages for anything else.
 */
export function refuseWithoutAccess(res: ServerResponse, path: string): void {
  if (path.startsWith('/api/')) {
    const text = JSON.stringify({
      ok: false,
      error: { code: 'rejected', message: en.errors.rejected.access_required, params: { reason: 'access_required' } },
    });
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>Tableside</title></head><body><main>` +
    accessRequiredLines()
      .map((l) => `<p lang="${l.lang}" dir="${l.dir}">${escape(l.text)}</p>`)
      .join('') +
    `</main></body></html>`;
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
