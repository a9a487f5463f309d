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
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { StorageRefusedError } from './storage.js';

export const LOCK_FILE = 'tableside.lock';

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

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt };
    }
  } catch {
    /* unreadable: half-written by a process that died while taking it */
  }
  return null;
}

/**
 * Take the data folder's lock, or throw StorageRefusedError('storage_locked',
 * { pid, host, startedAt }) naming the process that holds it.
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
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { file: null, release: () => {} };
      if (code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      const stale = holder === null || (holder.host === me.host && holderGone(holder, me, bootMs));
      if (!stale) throw new StorageRefusedError('storage_locked', { ...holder });
      try {
        unlinkSync(file);
      } catch {
        /* another process took it over first: try again */
      }
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
  throw new StorageRefusedError('storage_locked', { pid: 0, host: me.host, startedAt: 'unknown' });
}
