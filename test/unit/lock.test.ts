/** One Tableside process per data folder (electron/core/lock.ts). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootedAt, LOCK_FILE, processAlive, takeDataLock } from '../../electron/core/lock.js';
import { tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
function folder(): string {
  const t = tempDir('tableside-lock');
  cleanups.push(t.remove);
  return t.dir;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(processAlive(pid)).toBe(false);
  return pid;
}

/** A lock taken a minute ago (since this computer started) by `pid`. */
const takenAt = new Date(Date.now() - 60_000).toISOString();
const other = (pid: number) => ({ pid, host: hostname(), startedAt: takenAt });

describe('the data folder lock', () => {
  it('records pid, host and start time, and is removed on release', () => {
    const dir = folder();
    const lock = takeDataLock(dir);
    const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    expect(typeof held.startedAt).toBe('string');
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('a second process is refused with a message naming the holder', () => {
    const dir = folder();
    // A running process (this test's parent) holds it.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other(process.ppid)));
    let error: { code?: string; message?: string; params?: Record<string, unknown> } = {};
    try {
      takeDataLock(dir);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('storage_locked');
    expect(error.params).toMatchObject({ pid: process.ppid, host: hostname() });
    expect(error.message).toMatch(new RegExp(`process ${process.ppid} on ${hostname()}, started ${takenAt.slice(0, 10)}`));
    // The holder's lock is left alone.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual(other(process.ppid));
  });

  it('a stale lock from a dead process is taken over; so is a half-written one', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other(deadPid())));
    const lock = takeDataLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    takeDataLock(dir).release();
  });

  it('a lock taken before this computer last started is stale, though its pid now runs another program', () => {
    const dir = folder();
    // Tableside died with the laptop's battery; after the restart its pid is this test's parent.
    const beforeBoot = { pid: process.ppid, host: hostname(), startedAt: new Date(bootedAt() - 3_600_000).toISOString() };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(beforeBoot));
    const lock = takeDataLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    // The same pid with a lock taken since the start is a live holder.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other(process.ppid)));
    expect(() => takeDataLock(dir)).toThrow(/process \d+ on/);
  });

  it('a lock held on another computer (a shared folder) is respected', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...other(deadPid()), host: 'another-laptop' }));
    expect(() => takeDataLock(dir)).toThrow(/another-laptop/);
  });

  it('release does not remove a lock that another process took over meanwhile', () => {
    const dir = folder();
    const lock = takeDataLock(dir);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other(process.ppid)));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
