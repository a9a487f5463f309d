/**
 * This laptop's own backup, private notes included, sealed with a passphrase
 * the coach types (node:crypto only: scrypt, HMAC-SHA256, AES-256-GCM).
 *
 * A backup file is one JSON document (text, like a sync file, so it crosses
 * IPC and HTTP as a string):
 *
 *   { "format": "tableside-backup", "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": <16 bytes, base64> },
 *     "cipher": "aes-256-gcm", "nonce": <12 bytes, base64>, "createdAt": <ms>,
 *     "check": <16 bytes, base64>, "body": <ciphertext and its 16-byte tag, base64> }
 *
 * scrypt(passphrase, salt) gives 64 bytes: the first 32 are the AES key, the
 * last 32 an HMAC key whose tag over a fixed text is `check`, so a wrong
 * passphrase is told apart from a damaged file (it gives an attacker no
 * shortcut: trying a guess against the GCM tag costs the same one scrypt).
 * Everything but `body` is the GCM's associated data, so changing the format
 * version, the cost, the salt, the nonce or the time is caught like a changed
 * byte of the body. The body is the complete event log as the JSON export
 * writes it, with every operation, private notes and their drafts included.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { parseBounded } from '../../shared/guard.js';

export const BACKUP_FORMAT = 'tableside-backup';
export const BACKUP_VERSION = 1;

/**
 * scrypt N=2^17, r=8, p=1: 128 MiB of memory and about half a second per
 * guess on a laptop (OWASP's first recommended setting). A passphrase a
 * person types holds far fewer bits than the event code's 60, so each guess
 * costs twice the event key's (N=2^16); a restore waits half a second once.
 */
export const BACKUP_KDF = { name: 'scrypt', N: 1 << 17, r: 8, p: 1 } as const;

/** What a file may ask for: a doctored header cannot make this laptop spend gigabytes. */
const MAX_N = 1 << 20;
const MAX_R = 16;
const MAX_P = 4;
const CHECK_TEXT = 'tableside backup passphrase check v1';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  nonce: string;
  createdAt: number;
  check: string;
}

/** Why a backup did not open: the file is not one, is from a newer Tableside, the passphrase is wrong, or it was altered or cut short. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly reason: 'backup_not_file' | 'backup_newer' | 'backup_wrong_passphrase' | 'backup_damaged',
    message: string,
  ) {
    super(message);
  }
}

function derive(passphrase: string, kdf: BackupHeader['kdf']): Promise<{ key: Buffer; checkKey: Buffer }> {
  const salt = Buffer.from(kdf.salt, 'base64');
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128 * N * r bytes, and a little more.
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r }, (error, out) => {
      if (error) reject(error);
      else resolve({ key: out.subarray(0, 32), checkKey: out.subarray(32) });
    });
  });
}

const checkTag = (checkKey: Buffer) => createHmac('sha256', checkKey).update(CHECK_TEXT).digest().subarray(0, 16);

/** The associated data: every header field, in a fixed order. */
const aad = (h: BackupHeader) =>
  Buffer.from(JSON.stringify([h.format, h.version, h.kdf.name, h.kdf.N, h.kdf.r, h.kdf.p, h.kdf.salt, h.cipher, h.nonce, h.createdAt, h.check]));

/**
 * Seal `plaintext` (the log as JSON text) under `passphrase`: a fresh random
 * 16-byte salt and 96-bit nonce each time. Returns the file's text.
 */
export async function sealBackup(plaintext: string, passphrase: string, createdAt: number): Promise<string> {
  const kdf = { ...BACKUP_KDF, salt: randomBytes(16).toString('base64') };
  const { key, checkKey } = await derive(passphrase, kdf);
  const nonce = randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf,
    cipher: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
    createdAt,
    check: checkTag(checkKey).toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(header));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({ ...header, body: body.toString('base64') });
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isB64 = (v: unknown, bytes?: number): v is string =>
  typeof v === 'string' && B64.test(v) && (bytes === undefined || Buffer.from(v, 'base64').length === bytes);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The header and body of a backup file's text, checked field by field; throws BackupError. */
export function readBackup(content: string): { header: BackupHeader; body: Buffer } {
  // The gate's depth and size limits before anything reads it (shared/guard.ts).
  const parsed = parseBounded(content, { clean: false, maxDepth: 4 });
  const f = parsed.ok ? (parsed.value as Record<string, unknown> | null) : null;
  if (!f || typeof f !== 'object' || Array.isArray(f) || f.format !== BACKUP_FORMAT) {
    // A file cut short is no longer JSON: it may still say what it was.
    if (!parsed.ok && content.startsWith(`{"format":"${BACKUP_FORMAT}"`)) throw damaged();
    throw new BackupError('backup_not_file', 'This is not a Tableside backup.');
  }
  if (!isInt(f.version, 1, 1_000_000)) throw damaged();
  if (f.version > BACKUP_VERSION) {
    throw new BackupError('backup_newer', 'This backup was made by a newer version of Tableside. Update Tableside to open it.');
  }
  const kdf = f.kdf as Record<string, unknown> | null;
  if (
    !kdf ||
    typeof kdf !== 'object' ||
    kdf.name !== 'scrypt' ||
    !isInt(kdf.N, 2, MAX_N) ||
    ((kdf.N as number) & ((kdf.N as number) - 1)) !== 0 ||
    !isInt(kdf.r, 1, MAX_R) ||
    !isInt(kdf.p, 1, MAX_P) ||
    !isB64(kdf.salt, 16) ||
    f.cipher !== 'aes-256-gcm' ||
    !isB64(f.nonce, 12) ||
    !isInt(f.createdAt, 0, Number.MAX_SAFE_INTEGER) ||
    !isB64(f.check, 16) ||
    !isB64(f.body)
  ) {
    throw damaged();
  }
  const body = Buffer.from(f.body, 'base64');
  if (body.length < 16) throw damaged();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: f.version,
    kdf: { name: 'scrypt', N: kdf.N as number, r: kdf.r as number, p: kdf.p as number, salt: kdf.salt },
    cipher: 'aes-256-gcm',
    nonce: f.nonce,
    createdAt: f.createdAt,
    check: f.check,
  };
  return { header, body };
}

const damaged = () => new BackupError('backup_damaged', 'This backup is damaged or was altered: it cannot be opened.');

/**
 * Open a backup file's text with `passphrase`: the log's JSON text. Throws
 * BackupError: not a backup, newer, wrong passphrase (the check differs), or
 * damaged (the header is malformed or the GCM tag does not verify).
 */
export async function openBackup(content: string, passphrase: string): Promise<string> {
  const { header, body } = readBackup(content);
  const { key, checkKey } = await derive(passphrase, header.kdf);
  if (!timingSafeEqual(checkTag(checkKey), Buffer.from(header.check, 'base64'))) {
    throw new BackupError('backup_wrong_passphrase', 'That passphrase does not open this backup.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'base64'));
  decipher.setAAD(aad(header));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw damaged();
  }
}
