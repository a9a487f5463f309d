/** One Tableside process per data folder (electron/core/lock.ts). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootedAt, LOCK_FILE, processAlive, removeStaleLock, takeDataLock, TAKEOVER_FILE } from '../../electron/core/lock.js';
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
    // Half-written by a process that died while taking it (a minute ago).
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), aMinuteAgo, aMinuteAgo);
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

  it('a folder where the lock goes is named as such, and left alone', () => {
    const dir = folder();
    mkdirSync(join(dir, LOCK_FILE));
    let error: { code?: string; params?: Record<string, unknown> } = {};
    try {
      takeDataLock(dir);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('storage_lock_not_file');
    expect(error.params).toEqual({ file: join(dir, LOCK_FILE) });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('a lock being written right now (unreadable, just created) is not taken over', async () => {
    const dir = folder();
    const file = join(dir, LOCK_FILE);
    // Another launch has created the lock and writes its holder 300 ms later.
    const writer = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      fs.writeFileSync(${JSON.stringify(file)}, '');
      process.stdout.write('created');
      setTimeout(() => fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify({ pid: process.pid, host: ${JSON.stringify(hostname())}, startedAt: new Date().toISOString() })), 300);
      setTimeout(() => {}, 3000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => writer.kill());
    await new Promise<void>((done) => writer.stdout.once('data', () => done()));
    let error: { code?: string; params?: Record<string, unknown> } = {};
    try {
      takeDataLock(dir);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('storage_locked');
    expect(error.params).toMatchObject({ pid: writer.pid });
  });

  it('of launches that all find the same stale lock, exactly one takes it over', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other(deadPid())));
    const lockModule = resolve('electron/core/lock.ts');
    const script = `
      const { takeDataLock } = await import(${JSON.stringify(lockModule)});
      const start = Number(process.argv[1]);
      while (Date.now() < start) {}
      try { takeDataLock(${JSON.stringify(dir)}); process.stdout.write('won'); setTimeout(() => {}, 1500); }
      catch (e) { process.stdout.write(e.code ?? 'error:' + e.message); }`;
    const start = Date.now() + 1500;
    const runs = Array.from({ length: 6 }, () =>
      new Promise<string>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString()));
        child.on('exit', () => done(out));
      }),
    );
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'storage_locked')).toHaveLength(5);
  });

  it('a takeover removes only the very lock it judged stale, and one at a time', () => {
    const dir = folder();
    const file = join(dir, LOCK_FILE);
    const stale = JSON.stringify(other(deadPid()));
    // Between reading the stale lock and removing it, another launch took over and wrote its fresh lock.
    writeFileSync(file, JSON.stringify(other(process.ppid)));
    expect(removeStaleLock(dir, file, stale)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(other(process.ppid));
    // While another launch holds the takeover guard, nothing is removed.
    writeFileSync(file, stale);
    writeFileSync(join(dir, TAKEOVER_FILE), '');
    expect(removeStaleLock(dir, file, stale)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(stale);
    // A guard left by a launch that died mid-takeover is cleared after a while.
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, TAKEOVER_FILE), old, old);
    expect(removeStaleLock(dir, file, stale)).toBe(false);
    expect(removeStaleLock(dir, file, stale)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(dir, TAKEOVER_FILE))).toBe(false);
  });
});
