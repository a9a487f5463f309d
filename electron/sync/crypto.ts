/**
 * The event's secret and what crosses the network, with node:crypto only.
 *
 * - The event code a person types is 12 characters of Crockford base32
 *   (60 bits), shown as XXXX-XXXX-XXXX. The event key is scrypt(code) salted
 *   with the event id, so an eavesdropper who records traffic must run scrypt
 *   (~64 MiB and tens of milliseconds each) for every guess of a 2^60 space.
 * - The QR code carries the derived 256-bit key itself, so a laptop that scans
 *   it skips the slow derivation.
 * - Every message is sealed with AES-256-GCM under a key derived from the
 *   event key by HKDF. The header (event, sender, counter, purpose) is
 *   authenticated as associated data, so it cannot be altered or moved to
 *   another context.
 */
import { parseBounded } from '../../shared/guard.js';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt, scryptSync } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const CODE_LENGTH = 12;

/** scrypt cost: N=2^16, r=8 → 64 MiB of memory per guess. */
const SCRYPT = { N: 1 << 16, r: 8, p: 1, maxmem: 128 * 1024 * 1024 } as const;

export function newEventCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatCode(code);
}

export function formatCode(raw: string): string {
  const c = normalizeCode(raw);
  return [c.slice(0, 4), c.slice(4, 8), c.slice(8, 12)].join('-');
}

/** What a person typed, read forgivingly: case, spaces, dashes, and O/I/L typed for 0/1/1. */
export function normalizeCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function isValidCode(typed: string): boolean {
  const c = normalizeCode(typed);
  return c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch));
}

export function deriveEventKey(code: string, eventId: string): Buffer {
  return scryptSync(normalizeCode(code), `tableside event ${eventId}`, 32, SCRYPT);
}

/** The last message key derived, by event key: every message of a sync derives the same one. */
let lastSubKey: { eventKey: Buffer; purpose: string; key: Buffer } | null = null;

function subKey(eventKey: Buffer, purpose: string): Buffer {
  if (lastSubKey && lastSubKey.purpose === purpose && lastSubKey.eventKey.equals(eventKey)) return lastSubKey.key;
  const key = Buffer.from(hkdfSync('sha256', eventKey, Buffer.alloc(0), `tableside ${purpose} v1`, 32));
  lastSubKey = { eventKey: Buffer.from(eventKey), purpose, key };
  return key;
}

export interface SealedHeader {
  /** Protocol version. */
  v: 1;
  /** What the message is: a sync request, its response, the hub's unasked push on the live link (live.ts), or a sync file. */
  kind: 'request' | 'response' | 'push' | 'file';
  eventId: string;
  deviceId: string;
  /** Strictly increasing per sender device: a replay is refused. */
  counter: number;
  /** For a response: the nonce of the request it answers. */
  inReplyTo?: string;
  /** The sender holds a rehearsal (true) or a real event (false); absent: none yet (issue 15). Authenticated with the rest. */
  rehearsal?: boolean;
}

export interface Sealed extends SealedHeader {
  nonce: string;
  body: string;
}

export class SealError extends Error {
  override name = 'SealError';
}

// The rehearsal mark joins the associated data only when present, so headers without it seal as before.
const aad = (h: SealedHeader) =>
  Buffer.from(
    JSON.stringify([h.v, h.kind, h.eventId, h.deviceId, h.counter, h.inReplyTo ?? null, ...(h.rehearsal === undefined ? [] : [h.rehearsal])]),
  );

export function seal(eventKey: Buffer, header: SealedHeader, payload: unknown): Sealed {
  const { nonce, data } = encrypt(eventKey, header, JSON.stringify(payload));
  return { ...header, nonce: nonce.toString('base64'), body: data.toString('base64') };
}

/**
 * JSON text to seal: one string, or pieces sent one after the other (strings,
 * and UTF-8 bytes as kept for sending: encrypted as they are, never joined
 * into one string first).
 */
export type JsonText = string | readonly (string | Buffer)[];

/** Encrypt JSON text under the header: a fresh nonce, and the ciphertext followed by its 16-byte tag, in pieces. */
function encryptParts(eventKey: Buffer, header: SealedHeader, json: JsonText): { nonce: Buffer; parts: Buffer[] } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(eventKey, 'messages'), nonce);
  cipher.setAAD(aad(header));
  const parts: Buffer[] = [];
  if (typeof json === 'string') parts.push(cipher.update(json, 'utf8'));
  else for (const piece of json) parts.push(typeof piece === 'string' ? cipher.update(piece, 'utf8') : cipher.update(piece));
  parts.push(cipher.final());
  parts.push(cipher.getAuthTag());
  return { nonce, parts };
}

function encrypt(eventKey: Buffer, header: SealedHeader, json: string): { nonce: Buffer; data: Buffer } {
  const { nonce, parts } = encryptParts(eventKey, header, json);
  return { nonce, data: Buffer.concat(parts) };
}

/** The JSON text sealed in `data`; throws SealError if it was altered or made with another key. */
function decrypt(eventKey: Buffer, header: SealedHeader, nonce: Buffer, data: Buffer): string {
  if (data.length < 16 || nonce.length !== 12) throw new SealError('malformed message');
  const decipher = createDecipheriv('aes-256-gcm', subKey(eventKey, 'messages'), nonce);
  decipher.setAAD(aad(header));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('authentication failed: altered, or sealed with another event key');
  }
}

/** Open a sealed message (a sync file); throws SealError if it was altered or made with another key. */
export function open(eventKey: Buffer, sealed: Sealed): unknown {
  const data = Buffer.from(sealed.body, 'base64');
  return parseOpened(decrypt(eventKey, sealed, Buffer.from(sealed.nonce, 'base64'), data));
}

/**
 * JSON text that was sealed, through the gate's depth limit (shared/guard.ts):
 * anyone holding the event code can seal anything. Not cleaned: operations
 * are stored as their author made them, so every laptop holds the same.
 */
function parseOpened(text: string): unknown {
  const parsed = parseBounded(text, { clean: false });
  if (!parsed.ok) throw new SealError(`malformed message (${parsed.code})`);
  return parsed.value;
}

/*
 * On the network a sealed message is one binary frame, so nothing is
 * base64-encoded and no JSON string of megabytes is built around it:
 *
 *   2 bytes   length of the header, big-endian
 *   header    the SealedHeader and the nonce (base64), as UTF-8 JSON
 *   the rest  AES-256-GCM ciphertext, then its 16-byte tag
 *
 * The header is the same associated data as in a file, so it is
 * authenticated all the same.
 */

/** A header and its nonce, read from a frame before anything is decrypted. */
export type FrameHeader = SealedHeader & { nonce: string };

/** Seal JSON text (one string or pieces: JsonText) into a frame (the hub sends stored operations as kept UTF-8 text). */
export function sealFrame(eventKey: Buffer, header: SealedHeader, json: JsonText): { frame: Buffer; nonce: string } {
  const { nonce, parts } = encryptParts(eventKey, header, json);
  const sealedHeader: FrameHeader = { ...header, nonce: nonce.toString('base64') };
  // One copy of the ciphertext, into the frame.
  return { frame: framed(sealedHeader, parts), nonce: sealedHeader.nonce };
}

/** Put a header and sealed data into one frame. */
export function writeFrame(header: FrameHeader, data: Buffer): Buffer {
  return framed(header, [data]);
}

function framed(header: FrameHeader, data: readonly Buffer[]): Buffer {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  if (head.length > 0xffff) throw new SealError('header too long');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(head.length);
  return Buffer.concat([length, head, ...data]);
}

/**
 * Split a frame into its header (JSON, not yet checked: the caller parses it
 * with its schema) and its sealed data. Null if it is not a frame at all.
 */
export function readFrame(frame: Buffer): { header: unknown; data: Buffer } | null {
  if (frame.length < 2) return null;
  const length = frame.readUInt16BE(0);
  if (frame.length < 2 + length + 16) return null;
  try {
    const header = parseBounded(frame.toString('utf8', 2, 2 + length), { maxDepth: 2 });
    return header.ok ? { header: header.value, data: frame.subarray(2 + length) } : null;
  } catch {
    return null;
  }
}

/** Open a frame's data under its (checked) header; throws SealError as `open` does. */
export function openFrame(eventKey: Buffer, header: FrameHeader, data: Buffer): unknown {
  return parseOpened(decrypt(eventKey, header, Buffer.from(header.nonce, 'base64'), data));
}

/**
 * What the QR code holds: everything a laptop needs to join, the key itself
 * included (so it skips the slow derivation), and the code for showing.
 */
export function pairingUri(hubUrl: string, eventId: string, eventKey: Buffer, code?: string | null): string {
  const params = new URLSearchParams({ hub: hubUrl, event: eventId, key: eventKey.toString('base64url') });
  if (code) params.set('code', formatCode(code));
  return `tableside://join?${params.toString()}`;
}

export function parsePairingUri(
  uri: string,
): { hubUrl: string; eventId: string; eventKey: Buffer; code: string | null } | null {
  try {
    const u = new URL(uri);
    if (u.protocol !== 'tableside:' || u.hostname !== 'join') return null;
    const hub = u.searchParams.get('hub');
    const event = u.searchParams.get('event');
    const key = u.searchParams.get('key');
    const code = u.searchParams.get('code');
    if (!hub || !event || !key || event.length > 64) return null;
    if (!/^[A-Za-z0-9_-]{43}$/.test(key)) return null;
    const eventKey = Buffer.from(key, 'base64url');
    if (eventKey.length !== 32) return null;
    return { hubUrl: hub, eventId: event, eventKey, code: code && isValidCode(code) ? formatCode(code) : null };
  } catch {
    return null;
  }
}
