/**
 * Storage faults (issue 12): a newer version's file, a damaged file, a
 * foreign write-ahead log, another laptop's database, read-only storage and
 * a full disk. Each ends with the data untouched and a clear message that
 * carries a code the renderer translates.
 *
 * Read-only storage and the full disk use a real small tmpfs when this
 * machine lets the test mount one (root, as in CI's container); otherwise
 * they are simulated (chmod for read-only; SQLite's max_page_count for a
 * full disk), and the test says which in its name's suffix.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync, closeSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { DatabaseTooNewError, LATEST_VERSION } from '../../electron/core/migrations.js';
import { settingsFrom } from '../../electron/core/settings.js';
import { StorageRefusedError, storageFault } from '../../electron/core/storage.js';
import { EVENT, T0, TABLE, ok, sequentialIds, tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function folder(): string {
  const t = tempDir('tableside-storage');
  cleanups.push(t.remove);
  return t.dir;
}

/** A key-value map standing in for conf / electron-store (the settings beside the database). */
function mapStore() {
  const map = new Map<string, unknown>();
  return { get: (k: string) => map.get(k), set: (k: string, v: unknown) => void map.set(k, v) };
}

function core(file: string, options: { prefix?: string; store?: ReturnType<typeof mapStore>; log?: string[] } = {}) {
  const logs = options.log ?? [];
  return new Core({
    db: openDatabase(file),
    clock: new ManualClock(T0),
    newId: sequentialIds(options.prefix ?? 'id'),
    settings: settingsFrom(options.store ?? mapStore(), 'Test laptop'),
    log: (m) => logs.push(m),
  });
}

/** An event with a table and `people` walk-ins, closed cleanly. */
function filled(file: string, people = 20, prefix = 'id'): string[] {
  const c = core(file, { prefix });
  ok(c.call('event.create', EVENT));
  const tableId = ok(c.call('table.create', TABLE)).tableId;
  const names: string[] = [];
  for (let i = 0; i < people; i += 1) {
    names.push(`Person ${i}`);
    ok(c.call('walkin.add', { tableId, name: `Person ${i}`, topics: [], partySize: 1 }));
  }
  c.close();
  return names;
}

const bytes = (file: string) => (existsSync(file) ? readFileSync(file) : null);

function refusal(open: () => unknown): { code: string; message: string } {
  try {
    open();
  } catch (error) {
    return { code: String((error as { code?: string }).code), message: (error as Error).message };
  }
  throw new Error('opened');
}

describe('opening checks the database before any change', () => {
  it('a database from a newer version is refused and left byte-identical (journal mode not switched)', () => {
    const file = join(folder(), DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = bytes(file);
    const r = refusal(() => openDatabase(file));
    expect(r.code).toBe('storage_newer');
    expect(r.message).toMatch(/newer version of Tableside.*not been changed/);
    expect(bytes(file)!.equals(before!)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('its error carries the versions as parameters for the translation', () => {
    const e = new DatabaseTooNewError(99, 5);
    expect(e.code).toBe('storage_newer');
    expect(e.params).toEqual({ found: 99, supported: 5 });
  });

  it('a damaged file (64 bytes overwritten mid-file) is refused, unchanged, with a clear message', () => {
    const file = join(folder(), DATABASE_FILE);
    filled(file, 300);
    const pageSize = 4096;
    const pages = readFileSync(file).length / pageSize;
    // The start of a page in the middle of the file: its b-tree header.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, Math.floor(pages / 2) * pageSize);
    closeSync(fd);
    const before = bytes(file);
    const r = refusal(() => openDatabase(file));
    expect(r.code).toBe('storage_damaged');
    expect(r.message).toMatch(/The database is damaged .*has not changed it/s);
    expect(bytes(file)!.equals(before!)).toBe(true);
  }, 60_000);

  it('a file that is not a database at all is refused as damaged', () => {
    const file = join(folder(), DATABASE_FILE);
    writeFileSync(file, 'this is not SQLite'.repeat(400));
    const before = bytes(file);
    expect(refusal(() => openDatabase(file)).code).toBe('storage_damaged');
    expect(bytes(file)!.equals(before!)).toBe(true);
  });

  it('a folder where the database should be is refused as damaged, naming it, and left alone', () => {
    const file = join(folder(), DATABASE_FILE);
    mkdirSync(file);
    const r = refusal(() => openDatabase(file));
    expect(r.code).toBe('storage_damaged');
    expect(r.message).toMatch(/tableside\.db is not a file/);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it('an old copy of tableside.db put back beside a crashed -wal is refused, both files unchanged', () => {
    const dir = folder();
    const file = join(dir, DATABASE_FILE);
    filled(file, 30);
    copyFileSync(file, join(dir, 'backup.db'));
    // Later: much more work, checkpointed into the file, then more in the log, then a crash.
    const c = core(file);
    const tableId = c.snapshot().tables[0]!.id;
    for (let i = 0; i < 150; i += 1) ok(c.call('walkin.add', { tableId, name: `Later ${i} ${'x'.repeat(60)}`, topics: [], partySize: 1 }));
    expect(c.checkpoint('TRUNCATE')).toBe(true);
    for (let i = 0; i < 50; i += 1) ok(c.call('walkin.add', { tableId, name: `After ${i}`, topics: [], partySize: 1 }));
    copyFileSync(`${file}-wal`, join(dir, 'crashed-wal'));
    c.close();
    // The person restores the backup; the crashed log is still there.
    copyFileSync(join(dir, 'backup.db'), file);
    copyFileSync(join(dir, 'crashed-wal'), `${file}-wal`);
    const before = [bytes(file), bytes(`${file}-wal`)];
    const r = refusal(() => openDatabase(file));
    expect(r.code).toBe('storage_foreign_wal');
    expect(r.message).toMatch(/does not belong to this database.*changed nothing/);
    expect(bytes(file)!.equals(before[0]!)).toBe(true);
    expect(bytes(`${file}-wal`)!.equals(before[1]!)).toBe(true);
  }, 60_000);

  it("another laptop's -wal beside this database is refused", () => {
    const dir = folder();
    const mine = join(dir, DATABASE_FILE);
    filled(mine, 5, 'mine');
    const otherDir = join(dir, 'other');
    mkdirSync(otherDir);
    const other = join(otherDir, DATABASE_FILE);
    const c = core(other, { prefix: 'other' });
    ok(c.call('event.create', EVENT));
    c.checkpoint('TRUNCATE');
    ok(c.call('table.create', TABLE));
    copyFileSync(`${other}-wal`, `${mine}-wal`);
    c.close();
    const before = [bytes(mine), bytes(`${mine}-wal`)];
    expect(refusal(() => openDatabase(mine)).code).toBe('storage_foreign_wal');
    expect(bytes(mine)!.equals(before[0]!)).toBe(true);
    expect(bytes(`${mine}-wal`)!.equals(before[1]!)).toBe(true);
  });

  it("a crash's own -wal is this database's: it opens with every committed change", () => {
    const dir = folder();
    const file = join(dir, DATABASE_FILE);
    filled(file, 3);
    const c = core(file);
    const tableId = c.snapshot().tables[0]!.id;
    ok(c.call('walkin.add', { tableId, name: 'Committed before the crash', topics: [], partySize: 1 }));
    // The crash: the files as they are on disk while the process runs.
    const crashDir = join(dir, 'crash');
    mkdirSync(crashDir);
    copyFileSync(file, join(crashDir, DATABASE_FILE));
    copyFileSync(`${file}-wal`, join(crashDir, `${DATABASE_FILE}-wal`));
    c.close();
    const again = core(join(crashDir, DATABASE_FILE));
    expect(again.snapshot().tables[0]!.queue.map((e) => e.name)).toContain('Committed before the crash');
    again.close();
  });

  it("another laptop's database put in this folder is refused by the identity the settings remember", () => {
    const dir = folder();
    const file = join(dir, DATABASE_FILE);
    const store = mapStore();
    const mine = core(file, { prefix: 'mine', store });
    ok(mine.call('event.create', EVENT));
    mine.close();
    const otherFile = join(dir, 'other.db');
    filled(otherFile, 2, 'other');
    copyFileSync(otherFile, file);
    rmSync(`${file}-wal`, { force: true });
    const before = bytes(file);
    const r = refusal(() => core(file, { store }));
    expect(r.code).toBe('storage_foreign');
    expect(r.message).toMatch(/belongs to another laptop/);
    expect(bytes(file)!.equals(before!)).toBe(true);
    // A new, empty database in the folder is this laptop's new start, not a stranger.
    rmSync(file);
    const fresh = core(file, { store, prefix: 'fresh' });
    expect(fresh.snapshot().event).toBeNull();
    fresh.close();
  });
});

describe('storageFault names what a coach can act on', () => {
  const err = (code: string) => Object.assign(new Error(`${code} happened`), { code });
  it.each([
    ['SQLITE_FULL', 'storage_full'],
    ['ENOSPC', 'storage_full'],
    ['SQLITE_READONLY', 'storage_readonly'],
    ['SQLITE_READONLY_DBMOVED', 'storage_readonly'],
    ['SQLITE_IOERR_WRITE', 'storage_readonly'],
    ['EROFS', 'storage_readonly'],
    ['EACCES', 'storage_readonly'],
    ['SQLITE_CORRUPT', 'storage_damaged'],
    ['SQLITE_NOTADB', 'storage_damaged'],
  ])('%s is %s', (code, kind) => {
    expect(storageFault(err(code))?.code).toBe(kind);
  });
  it('anything else is not a storage fault', () => {
    expect(storageFault(err('SQLITE_CONSTRAINT'))).toBeNull();
    expect(storageFault('text')).toBeNull();
  });
  it('refusals carry their parameters', () => {
    const e = new StorageRefusedError('storage_locked', { pid: 42, host: 'hall-a', startedAt: '2026-08-26T09:00:00Z' });
    expect(e.message).toMatch(/process 42 on hall-a/);
  });
});

/** A small tmpfs at a fresh mount point, or null where this machine does not allow mounting. */
function smallDisk(sizeKb: number): { dir: string; readOnly(on: boolean): void } | null {
  const dir = folder();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  cleanups.push(() => {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  });
  return {
    dir,
    readOnly: (on) => execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'ignore' }),
  };
}

// TABLESIDE_TEST_NO_MOUNT=1 runs the simulated path on a machine that could mount.
const canMount = process.env.TABLESIDE_TEST_NO_MOUNT !== '1' && smallDisk(64) !== null;
const how = canMount ? 'a real read-only / full tmpfs' : 'simulated: chmod / max_page_count';

describe(`storage that fails while Tableside runs (${how})`, () => {
  it('read-only storage: opens read-only, the coach keeps reading, a change is named as such, closing is clean', () => {
    // Root writes through file modes: without a read-only mount there is nothing to test as root.
    if (!canMount && process.getuid?.() === 0) return;
    const disk = canMount ? smallDisk(4096)! : null;
    const dir = disk?.dir ?? folder();
    const file = join(dir, DATABASE_FILE);
    const names = filled(file, 5);
    const before = bytes(file);
    if (disk) disk.readOnly(true);
    else {
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
      cleanups.push(() => chmodSync(dir, 0o755));
    }
    const logs: string[] = [];
    const c = core(file, { log: logs });
    expect(c.readOnly).toBe(true);
    expect(c.snapshot().tables[0]!.queue.map((e) => e.name)).toEqual(names);
    const tableId = c.snapshot().tables[0]!.id;
    const r = c.call('walkin.add', { tableId, name: 'Nope', topics: [], partySize: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'storage_readonly' } });
    if (!r.ok) expect(r.error.message).toMatch(/^This laptop's data folder is read-only: /);
    expect(() => c.close()).not.toThrow();
    if (disk) disk.readOnly(false);
    expect(bytes(file)!.equals(before!)).toBe(true);
  });

  it('a full disk: the change is refused as "The disk is full", reading goes on, writes resume when space returns, nothing acknowledged is lost', async () => {
    const disk = canMount ? smallDisk(1536)! : null;
    const dir = disk?.dir ?? folder();
    const file = join(dir, DATABASE_FILE);
    filled(file, 1);
    const logs: string[] = [];
    const c = core(file, { log: logs });
    const raw = c.database;
    if (!disk) raw.pragma(`max_page_count = ${(raw.pragma('page_count', { simple: true }) as number) + 40}`);
    // Something else fills the rest of the disk.
    const filler = join(dir, 'filler.bin');
    if (disk) {
      try {
        writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        /* the disk is full now */
      }
    }
    const tableId = c.snapshot().tables[0]!.id;
    const acknowledged: string[] = [];
    let refused: { code: string; message: string } | null = null;
    for (let i = 0; i < 5000 && !refused; i += 1) {
      const name = `P${i} ${'x'.repeat(70)}`;
      const r = c.call('walkin.add', { tableId, name, topics: ['Personal branding'], partySize: 1 });
      if (r.ok) acknowledged.push(name);
      else refused = r.error;
    }
    expect(refused?.code).toBe('storage_full');
    expect(refused?.message).toMatch(/^The disk is full: /);
    // Reading goes on.
    expect(c.snapshot().tables[0]!.queue.length).toBe(acknowledged.length + 1);
    // The idle checkpoint (2 s after the last change) may fail meanwhile: logged and retried, never fatal.
    await new Promise((r) => setTimeout(r, 2_300));
    expect(logs.filter((l) => !/checkpoint \(PASSIVE\) failed|failed/.test(l))).toEqual([]);
    c.checkpoint('PASSIVE');
    // Space returns.
    if (disk) unlinkSync(filler);
    else raw.pragma('max_page_count = 1073741823');
    const after = c.call('walkin.add', { tableId, name: 'After the space came back', topics: [], partySize: 1 });
    expect(after.ok).toBe(true);
    acknowledged.push('After the space came back');
    c.close();
    const again = core(file);
    const names = again.snapshot().tables[0]!.queue.map((e) => e.name);
    for (const n of acknowledged) expect(names).toContain(n);
    expect(again.database.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
    console.log(`full disk (${how}): ${acknowledged.length} walk-ins acknowledged, refused with ${refused?.code}, all present after reopening`);
  }, 60_000);
});
