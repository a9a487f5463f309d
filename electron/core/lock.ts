/**
 * One Tableside process per data folder. Both hosts (the Electron app and
 * `npm run serve`) take `tableside.lock` in the data folder before opening
 * the database: two processes on one folder would each run their own timers
 * and answer their own windows, so one would show no countdown and play no
 * chime for a turn the other runs.
 *
 * The lock file holds the holder's pid, host name and start time. It is
 * created exclusively (O_EXCL); a lock whose process is gone (same host, pid
 * not alive) is stale and taken over, and so is one taken before this
 * computer last started: after a crash and a restart its pid may belong to
 * another program now, which would otherwise keep Tableside out for good. A folder that cannot be written holds
 * no lock (the database opens read-only there anyway).
 */
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { StorageRefusedError } from './storage.js';

export const LOCK_FILE = 'tableside.lock';
/**
 * Held (O_EXCL) by the one process that removes a stale lock, so two
 * launches that both find the same stale lock cannot both take over: the
 * second would otherwise remove the first one's fresh lock and both would run.
 */
export const TAKEOVER_FILE = 'tableside.lock.takeover';
/** A takeover guard older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;
/** A lock file this young that cannot be read is being written by the process that just created it. */
const HALF_WRITTEN_GRACE_MS = 2_000;
/** Tries before giving up on a lock that keeps changing hands. */
const ATTEMPTS = 40;

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601. */
  startedAt: string;
}

export interface DataLock {
  readonly file: string | null;
  /** Remove the lock (if it is still ours). Also done when the process exits. */
  release(): void;
}

/** Whether a process with this pid runs on this computer. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When this computer last started (ms since the epoch), from its uptime. */
export function bootedAt(): number {
  return Date.now() - uptime() * 1000;
}

/** Slack for the boot time (uptime is read in whole or fractional seconds, clocks get nudged). */
const BOOT_SLACK_MS = 60_000;

/** Whether a lock of this computer names a process that cannot be the holder: gone, or started before the computer did. */
function holderGone(holder: LockHolder, me: LockHolder, bootMs: number): boolean {
  if (holder.pid === me.pid) return true;
  const taken = Date.parse(holder.startedAt);
  if (Number.isFinite(taken) && taken < bootMs - BOOT_SLACK_MS) return true;
  return !processAlive(holder.pid);
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(raw: string | null): LockHolder | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt };
    }
  } catch {
    /* unreadable: half-written by a process that died while taking it */
  }
  return null;
}

function readHolder(file: string): LockHolder | null {
  return parseHolder(readRaw(file));
}

/** Milliseconds since the file was last written, or null when it is gone. */
function ageMs(file: string): number | null {
  try {
    return Date.now() - lstatSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Remove the lock file if it still holds exactly `staleRaw`, under the
 * takeover guard. False when another process is taking over right now (the
 * caller tries again, and then finds that process's fresh lock).
 */
export function removeStaleLock(dir: string, file: string, staleRaw: string | null): boolean {
  const guard = join(dir, TAKEOVER_FILE);
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = ageMs(guard);
    if (age !== null && age > TAKEOVER_STALE_MS) {
      try {
        unlinkSync(guard);
      } catch {
        /* removed by another process meanwhile */
      }
    }
    return false;
  }
  try {
    if (readRaw(file) === staleRaw) unlinkSync(file);
    return true;
  } catch {
    return true; // already gone: the next try creates it
  } finally {
    closeSync(fd);
    try {
      unlinkSync(guard);
    } catch {
      /* gone */
    }
  }
}

/**
 * Take the data folder's lock, or throw StorageRefusedError('storage_locked',
 * { pid, host, startedAt }) naming the process that holds it, or
 * StorageRefusedError('storage_lock_not_file', { file }) when something that
 * is not a file (a folder) sits where the lock goes.
 */
export function takeDataLock(
  dir: string,
  me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
  bootMs: number = bootedAt(),
): DataLock {
  const file = join(dir, LOCK_FILE);
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    /* a read-only parent: openSync says so below */
  }
  let lastHolder: LockHolder | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { file: null, release: () => {} };
      if (code === 'EISDIR') throw new StorageRefusedError('storage_lock_not_file', { file });
      if (code !== 'EEXIST') throw error;
      try {
        if (!lstatSync(file).isFile()) throw new StorageRefusedError('storage_lock_not_file', { file });
      } catch (statError) {
        if (statError instanceof StorageRefusedError) throw statError;
        continue; // removed meanwhile: try again
      }
      const raw = readRaw(file);
      const holder = parseHolder(raw);
      lastHolder = holder ?? lastHolder;
      if (holder === null && (ageMs(file) ?? Infinity) < HALF_WRITTEN_GRACE_MS) {
        pause(50); // its taker is writing it now
        continue;
      }
      const stale = holder === null || (holder.host === me.host && holderGone(holder, me, bootMs));
      if (!stale) throw new StorageRefusedError('storage_locked', { ...holder });
      if (!removeStaleLock(dir, file, raw)) pause(50);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      const holder = readHolder(file);
      if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) {
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      }
    };
    process.once('exit', release);
    return { file, release };
  }
  const holder = lastHolder ?? readHolder(file);
  if (holder) throw new StorageRefusedError('storage_locked', { ...holder });
  throw new StorageRefusedError('storage_lock_contended', { file });
}
