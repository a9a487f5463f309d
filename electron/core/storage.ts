/**
 * What the disk under the data folder can do to Tableside, named so that a
 * coach can act on it: a full disk, storage that cannot be written, a
 * damaged or foreign database. Each is an error with a code the renderer
 * translates (`errors.<code>` with `params`) and an English message.
 */

/** The kinds of storage trouble a person can do something about. */
export type StorageFaultCode = 'storage_full' | 'storage_readonly' | 'storage_damaged';

/** Why a data folder is refused at opening (nothing in it is changed). */
export type RefusalCode =
  | 'storage_damaged'
  | 'storage_readonly'
  | 'storage_foreign_wal'
  | 'storage_foreign'
  | 'storage_locked'
  | 'storage_lock_not_file'
  | 'storage_lock_contended';

const REFUSALS: Record<RefusalCode, (p: Record<string, string | number>) => string> = {
  storage_damaged: (p) =>
    `The database is damaged (${p.detail}). Tableside has not changed it; restore a backup or export from another laptop.`,
  storage_readonly: (p) => `This laptop's data folder is read-only: ${p.detail}.`,
  storage_foreign_wal: (p) =>
    `A write-ahead log (${p.file}) that does not belong to this database lies beside it, as when an old copy of ` +
    `tableside.db is put back after a crash. Tableside has changed nothing; move one of the two files away.`,
  storage_foreign: (p) =>
    `This database belongs to another laptop or event (${p.what}: ${p.found}, expected ${p.expected}). ` +
    `Tableside has changed nothing; open the folder that belongs to this laptop.`,
  storage_locked: (p) =>
    `Another Tableside (process ${p.pid} on ${p.host}, started ${p.startedAt}) has this data folder open. ` +
    `Close it first, or use another --data-dir.`,
  storage_lock_not_file: (p) =>
    `Something that is not a file (a folder?) sits where Tableside keeps its lock: ${p.file}. ` +
    `Tableside has changed nothing; move it away and start again.`,
  storage_lock_contended: (p) =>
    `Other programs keep taking and removing Tableside's lock (${p.file}). Close every other Tableside and start again.`,
};

/**
 * The data folder was refused at opening: a code the renderer translates
 * (`errors.<code>`), its parameters, and an English message. Nothing was changed.
 */
export class StorageRefusedError extends Error {
  override name = 'StorageRefusedError';
  constructor(
    readonly code: RefusalCode,
    readonly params: Record<string, string | number>,
  ) {
    super(REFUSALS[code](params));
  }
}

export interface StorageFault {
  code: StorageFaultCode;
  /** SQLite's or the system's own words, short (for the log and the message's end). */
  detail: string;
}

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'EFBIG']);
const READONLY = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_PERM', 'SQLITE_AUTH']);
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/**
 * The storage fault behind an error from better-sqlite3 or node:fs, or null
 * for anything else. SQLite's extended codes (SQLITE_READONLY_DBMOVED,
 * SQLITE_IOERR_WRITE, SQLITE_CORRUPT_INDEX, …) count as their family; an I/O
 * error while writing is reported as read-only storage, since that is what
 * a coach can check (a removed USB stick, a locked folder). SQLITE_FULL is
 * also what `max_page_count` raises, which the tests use to fill a database.
 */
export function storageFault(error: unknown): StorageFault | null {
  if (!(error instanceof Error)) return null;
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const detail = error.message.slice(0, 200);
  if (FULL.has(code) || code.startsWith('SQLITE_FULL')) return { code: 'storage_full', detail };
  if (
    READONLY.has(code) ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR_WRITE') ||
    code.startsWith('SQLITE_IOERR_FSYNC') ||
    code.startsWith('SQLITE_CANTOPEN')
  ) {
    return { code: 'storage_readonly', detail };
  }
  if (DAMAGED.has(code) || code.startsWith('SQLITE_CORRUPT')) return { code: 'storage_damaged', detail };
  return null;
}

/** English for each fault; the renderer shows `errors.<code>` in the coach's language instead. */
export function storageMessage(fault: StorageFault): string {
  switch (fault.code) {
    case 'storage_full':
      return `The disk is full: ${fault.detail}. Nothing was changed; free some space and try again. You can keep reading.`;
    case 'storage_readonly':
      return `This laptop's data folder is read-only: ${fault.detail}. Nothing was changed; you can keep reading.`;
    case 'storage_damaged':
      return `The database is damaged: ${fault.detail}. Nothing was changed.`;
  }
}
