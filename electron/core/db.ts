/**
 * Opening the event's SQLite database with the settings Tableside relies on.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DatabaseTooNewError, LATEST_VERSION, migrate } from './migrations.js';
import { StorageRefusedError, storageFault } from './storage.js';

export const DATABASE_FILE = 'tableside.db';

export interface OpenOptions {
  /**
   * Path of the better-sqlite3 native addon to load. The Electron app passes
   * the copy built for Electron's ABI; plain Node leaves it unset.
   */
  nativeBinding?: string;
}

/**
 * WAL keeps readers off the writer's back; synchronous=FULL makes every
 * committed transaction durable before the call returns, so a note the UI
 * shows as saved survives a power cut (NORMAL in WAL mode can lose the last
 * transactions). Foreign keys are on so a projection can't point at nothing.
 */
export function applyPragmas(db: Db): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // No automatic checkpoint inside a command's commit: the core checkpoints
  // when it is idle (Core.scheduleCheckpoint), so a command's latency does not
  // include copying the WAL back into the database now and then.
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * Open (or create) the event's database, checked before anything is changed:
 *
 * 1. the schema version is read first, on a read-only connection: a
 *    database from a newer Tableside is refused with the file byte-identical
 *    (the journal mode is switched to WAL only afterwards);
 * 2. `quick_check`, or `integrity_check` when a write-ahead log is left from a
 *    crash: a damaged file is refused (`storage_damaged`); a `-wal` that does
 *    not belong to the file beside it (an old backup of tableside.db put back
 *    after a crash) is refused too (`storage_foreign_wal`): the file alone
 *    checks out but not with the log, or the two name different laptops;
 * 3. storage that cannot be written (a read-only mount, a locked folder)
 *    opens read-only (`readOnlyStorage`): the coach can read, and every
 *    change is refused as `storage_readonly`.
 *
 * Throws StorageRefusedError (code, params, English message) or
 * DatabaseTooNewError; neither leaves anything changed.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (file === ':memory:') return prepared(new Database(file, binding));
  // A folder (or a device) where the database should be: SQLite says only "disk I/O error".
  if (existsSync(file) && !statSync(file).isFile()) {
    throw new StorageRefusedError('storage_damaged', { detail: `${basename(file)} is not a file` });
  }
  const existing = existsSync(file) && statSync(file).size > 0;
  if (!existing) mkdirSync(dirname(file), { recursive: true });
  if (existing && !writable(file)) return openReadOnly(file, binding);
  if (existing) checkBeforeOpening(file, binding);
  return prepared(new Database(file, binding));
}

/** Pragmas and migrations; the connection is closed if either fails. */
function prepared(db: Db): Db {
  try {
    applyPragmas(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Whether the database, its folder and any log beside it can be written. */
function writable(file: string): boolean {
  try {
    accessSync(dirname(file), constants.W_OK);
    accessSync(file, constants.W_OK);
    if (existsSync(`${file}-wal`)) accessSync(`${file}-wal`, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run `check` on a copy of `files` in a fresh temporary folder (SQLite as
 * built here takes no URI options such as immutable=1, so a copy is how the
 * main file is read alone, or a read-only folder is read at all).
 */
function inCopy<T>(files: { from: string; name: string }[], check: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tableside-check-'));
  try {
    for (const f of files) copyFileSync(f.from, join(dir, f.name));
    return check(join(dir, files[0]!.name), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function damaged(check: string): StorageRefusedError {
  return new StorageRefusedError('storage_damaged', { detail: check.replace(/\s+/g, ' ').slice(0, 120) });
}

/** What a file says of itself: its check, its laptop, and its operation log (which only ever grows). */
interface Reading {
  verdict: string;
  deviceId: string | null;
  ops: number;
  lastOpId: string | null;
}

function read(file: string, binding: object, thorough: boolean, lastOpOf?: string | null): Reading & { hasOp: boolean } {
  const db = new Database(file, { ...binding, readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new DatabaseTooNewError(version, LATEST_VERSION);
    const verdict = String(db.pragma(thorough ? 'integrity_check(1)' : 'quick_check(1)', { simple: true }));
    if (verdict !== 'ok') return { verdict, deviceId: null, ops: 0, lastOpId: null, hasOp: false };
    return { verdict, ...logOf(db, lastOpOf ?? null) };
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw error;
    const fault = storageFault(error);
    if (fault?.code === 'storage_damaged') return { verdict: fault.detail, deviceId: null, ops: 0, lastOpId: null, hasOp: false };
    throw error;
  } finally {
    db.close();
  }
}

function logOf(db: Db, lookFor: string | null): Omit<Reading, 'verdict'> & { hasOp: boolean } {
  try {
    const deviceId = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'device_id'`).get()?.value ?? null;
    const ops = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ops`).get()!.n;
    const lastOpId = db.prepare<[], { id: string }>(`SELECT id FROM ops ORDER BY rowid DESC LIMIT 1`).get()?.id ?? null;
    const hasOp = lookFor !== null && db.prepare(`SELECT 1 FROM ops WHERE id = ?`).get(lookFor) !== undefined;
    return { deviceId, ops, lastOpId, hasOp };
  } catch {
    // No meta or ops table yet (a database made before the first migration).
    return { deviceId: null, ops: 0, lastOpId: null, hasOp: false };
  }
}

function checkBeforeOpening(file: string, binding: object): void {
  const wal = `${file}-wal`;
  const walLeft = existsSync(wal) && statSync(wal).size > 0;
  if (!walLeft) {
    const merged = read(file, binding, false);
    if (merged.verdict !== 'ok') throw damaged(merged.verdict);
    return;
  }
  // A log was left by a crash: does it belong to this file? The file alone
  // (a copy, so the log is not replayed into it) is compared with the two
  // together, which must check out and hold everything the file alone holds.
  const alone = inCopy([{ from: file, name: 'alone.db' }], (copy) => read(copy, binding, false));
  const merged = read(file, binding, true, alone.lastOpId);
  const foreign =
    (merged.verdict !== 'ok' && alone.verdict === 'ok') ||
    (merged.verdict === 'ok' &&
      alone.verdict === 'ok' &&
      ((alone.deviceId !== null && merged.deviceId !== alone.deviceId) ||
        merged.ops < alone.ops ||
        (alone.lastOpId !== null && !merged.hasOp)));
  if (foreign) throw new StorageRefusedError('storage_foreign_wal', { file: wal });
  if (merged.verdict !== 'ok') throw damaged(merged.verdict);
}

/**
 * Storage that cannot be written: the database (and its log, if any) is
 * copied to a temporary folder and opened read-only from there, after the
 * same checks (a read-only mount cannot hold the WAL's shared memory, so the
 * files cannot be read in place). Reads work; every write fails with
 * SQLITE_READONLY, which the core names to the coach. The copy is removed
 * when the process exits.
 */
function openReadOnly(file: string, binding: object): Db {
  const dir = mkdtempSync(join(tmpdir(), 'tableside-readonly-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, DATABASE_FILE);
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  checkBeforeOpening(copy, binding);
  const db = new Database(copy, { ...binding, readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < LATEST_VERSION) {
      throw new StorageRefusedError('storage_readonly', { detail: 'the data must be updated, and this folder cannot be written' });
    }
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Whether a database was opened read-only because its storage cannot be written. */
export function isReadOnly(db: Db): boolean {
  return db.readonly;
}
