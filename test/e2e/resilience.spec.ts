/**
 * The built web host as a process (issue 12): killed with SIGKILL in the
 * middle of a burst of changes, every change it acknowledged is there after
 * a restart and the database passes integrity_check; a second host on the
 * same data folder says which process holds it and exits non-zero; a
 * 5,000-deep request is a short 400 and the host stays up.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { newDataDir, SERVE_SCRIPT, startHostProcess, type HostProcess } from '../support/host.js';

test.describe.configure({ mode: 'serial' });

async function rpc(host: HostProcess, method: string, args: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${host.url}api/rpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, args }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

async function valueOf<T>(host: HostProcess, method: string, args: unknown): Promise<T> {
  const r = await rpc(host, method, args);
  if (!r.body.ok) throw new Error(`${method}: ${JSON.stringify(r.body.error)}`);
  return r.body.value as T;
}

/** Trials of the kill; each is a restart on the same folder. Sized for CI (seconds each); TABLESIDE_KILL_TRIALS=N for a longer run. */
const TRIALS = Number(process.env.TABLESIDE_KILL_TRIALS ?? 6) || 6;

test('kill -9 mid-burst: every acknowledged change is there after a restart, integrity_check ok', async () => {
  test.setTimeout(60_000 + TRIALS * 20_000);
  const dataDir = newDataDir('tableside-kill');
  let host = await startHostProcess({ dataDir, testClock: false });
  await valueOf(host, 'event.create', { name: 'Kill test', date: '2026-08-26', startTime: '09:00', endTime: '17:00', place: '' });
  const { tableId } = await valueOf<{ tableId: string }>(host, 'table.create', {
    name: 'T1',
    coaches: ['Coach'],
    topics: [],
    languages: ['en'],
    turnMinutes: 10,
  });
  const acknowledged = new Set<string>();
  let sent = 0;
  for (let trial = 0; trial < TRIALS; trial += 1) {
    // A burst: 4 clients writing as fast as the host answers, killed after a random moment.
    let stop = false;
    const client = async (c: number) => {
      for (let i = 0; !stop; i += 1) {
        const name = `t${trial} c${c} n${i}`;
        sent += 1;
        try {
          const r = await rpc(host, 'walkin.add', { tableId, name, topics: [], partySize: 1 });
          if (r.body.ok) acknowledged.add(name);
        } catch {
          return; // the connection died with the host: not acknowledged
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 600)));
    await host.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    host = await startHostProcess({ dataDir, testClock: false });
    const snapshot = await valueOf<{ tables: { queue: { name: string | null }[] }[] }>(host, 'snapshot.get', {});
    const names = new Set(snapshot.tables[0]!.queue.map((e) => e.name));
    const lost = [...acknowledged].filter((n) => !names.has(n));
    expect(lost, `trial ${trial}: acknowledged but lost`).toEqual([]);
  }
  await host.kill('SIGTERM');
  const db = new Database(join(dataDir, 'tableside.db'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  console.log(`kill -9: ${TRIALS} trials, ${sent} requests sent, ${acknowledged.size} acknowledged, 0 lost`);
  expect(acknowledged.size).toBeGreaterThan(TRIALS);
});

test('a second host on the same data folder names the holder and exits non-zero; SIGTERM then exits 0', async () => {
  const dataDir = newDataDir('tableside-twice');
  const first = await startHostProcess({ dataDir });
  const second = spawn(process.execPath, [SERVE_SCRIPT, '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, TABLESIDE_NO_MDNS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  second.stdout.on('data', (d: Buffer) => (output += d.toString()));
  second.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((done) => second.once('exit', (c) => done(c)));
  expect(code).not.toBe(0);
  expect(output).toContain('storage_locked');
  expect(output).toContain(`process ${first.child.pid}`);
  // The first goes on.
  expect((await fetch(`${first.url}api/health`)).status).toBe(200);
  const exited = new Promise<number | null>((done) => first.child.once('exit', (c) => done(c)));
  first.child.kill('SIGTERM');
  expect(await exited).toBe(0);
  // Its lock went with it: a new host starts.
  const third = await startHostProcess({ dataDir });
  await third.kill('SIGTERM');
});

test('a 5,000-deep array in method is a short 400 that does not echo it, and the host stays up', async () => {
  const host = await startHostProcess();
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const res = await fetch(`${host.url}api/rpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: `{"method":${deep},"args":{}}`,
  });
  expect(res.status).toBe(400);
  const text = await res.text();
  expect(text.length).toBeLessThan(300);
  expect(text).not.toContain('[[[');
  expect((await fetch(`${host.url}api/health`)).status).toBe(200);
  await host.kill('SIGTERM');
});

test('read-only storage: the coach keeps reading, and a change is refused with the reason on screen', async ({ page }) => {
  // A real read-only mount where this machine allows one (root, as in CI's container).
  const { execFileSync } = await import('node:child_process');
  const dataDir = newDataDir('tableside-ro');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir], { stdio: 'ignore' });
  } catch {
    test.skip(true, 'mounting a tmpfs is not allowed here');
  }
  try {
    let host = await startHostProcess({ dataDir });
    await valueOf(host, 'event.create', { name: 'Read-only day', date: '2026-08-26', startTime: '09:00', endTime: '17:00', place: '' });
    const { tableId } = await valueOf<{ tableId: string }>(host, 'table.create', { name: 'T1', coaches: ['Coach'], topics: [], languages: ['en'], turnMinutes: 10 });
    await valueOf(host, 'walkin.add', { tableId, name: 'Saved Sam', topics: [], partySize: 1 });
    await host.kill('SIGTERM');
    execFileSync('mount', ['-o', 'remount,ro', dataDir]);
    host = await startHostProcess({ dataDir });
    expect(host.output()).toMatch(/cannot be written; the event opens read-only/);
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(page.getByText('Saved Sam').first()).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a walk-in' });
    await form.getByLabel('Name').fill('Not saved');
    await form.getByRole('button', { name: 'Add walk-in' }).click();
    await expect(page.locator('.storage-banner')).toContainText("This laptop's data folder is read-only:");
    await expect(page.getByText('Saved Sam').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('read-only.png') });
    // Closing normally on read-only storage exits cleanly.
    const exited = new Promise<number | null>((done) => host.child.once('exit', (c) => done(c)));
    host.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    try {
      execFileSync('umount', [dataDir], { stdio: 'ignore' });
    } catch {
      /* not mounted */
    }
  }
});
