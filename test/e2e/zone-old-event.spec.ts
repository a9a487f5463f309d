/**
 * Issue 18: an event made before events had a time zone. The data folder's
 * log is made old-format (event.created without a zone, as older versions
 * wrote it); opened again on a laptop set to Berlin, the event gets Berlin,
 * recorded once, and the floor says so, with the way to change it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { APIRequestContext } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { allOfTomorrow, expect, openApp, test } from './fixtures.js';

async function rpc<T>(request: APIRequestContext, base: string, method: string, args: unknown = {}): Promise<T> {
  const res = await request.post(`${base}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

test('an event without a time zone gets the laptop\'s, once, and the floor says so', async ({ browser }) => {
  test.setTimeout(120_000);
  const hosts: HostProcess[] = [];
  try {
    const first = await startHostProcess({ env: { TZ: 'Europe/Berlin' } });
    hosts.push(first);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' })).newPage();
    await openApp(page, first.url);
    const session = allOfTomorrow();
    await rpc(page.request, first.url, 'event.create', { name: 'Old congress', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
    await rpc(page.request, first.url, 'table.create', { name: 'Table 1', coaches: ['Amara Okafor'], topics: [], languages: ['en'], turnMinutes: 15 });
    await first.kill('SIGTERM');

    // As an older version logged it: no zone in event.created, none in the event.
    const db = new Database(join(first.dataDir, 'tableside.db'));
    db.prepare("UPDATE ops SET payload = json_remove(payload, '$.timeZone', '$.endDate') WHERE type = 'event.created'").run();
    db.prepare('UPDATE events SET time_zone = NULL').run();
    db.close();

    const again = await startHostProcess({ dataDir: first.dataDir, env: { TZ: 'Europe/Berlin' } });
    hosts.push(again);
    await openApp(page, again.url);
    const note = page.getByRole('status').filter({ hasText: 'This event was made before events had a time zone.' });
    await expect(note).toContainText('Tableside recorded Europe/Berlin, this laptop\'s, so every laptop reads the session the same way.');
    const snap = await rpc<{ event: { timeZone: string } }>(page.request, again.url, 'snapshot.get');
    expect(snap.event.timeZone).toBe('Europe/Berlin');
    await page.screenshot({ path: 'test-results/zone-recorded-1280x800.png' });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: 'test-results/zone-recorded-1024x700.png' });
    await note.getByRole('button', { name: 'Got it' }).click();
    await expect(note).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Old congress' })).toBeVisible();
    await expect(note).toHaveCount(0);
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
