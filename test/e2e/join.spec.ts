/**
 * Issue 18, case 5: a join cut off halfway. An empty laptop joins a hub
 * holding 1,102 changes; the hub answers each message late (a test hook), so
 * the laptop is seen saying "Joining: 1,000 of 1,102 changes"; then the hub
 * freezes (SIGSTOP, the lid closed). The join fails with a message, and the
 * laptop keeps nothing: no event, no half-copied queue. Once the hub wakes,
 * the next try takes the whole event.
 */
import type { APIRequestContext } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { allOfTomorrow, becomeHub, expect, joinByCode, openApp, test } from './fixtures.js';

const PEOPLE = 1100;

async function rpc<T>(request: APIRequestContext, base: string, method: string, args: unknown): Promise<T> {
  const res = await request.post(`${base}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

interface Snap {
  event: { name: string } | null;
  tables: { queue: unknown[] }[];
}

test('an interrupted first copy leaves nothing behind, and the next try takes the whole event', async ({ browser }) => {
  test.setTimeout(300_000);
  const hosts: HostProcess[] = [];
  try {
    const hub = await startHostProcess({ args: ['--sync-host', '127.0.0.1', '--sync-port', '0'], env: { TABLESIDE_TEST_SYNC_DELAY_MS: '1500' } });
    hosts.push(hub);
    const hubPage = await (await browser.newContext()).newPage();
    await openApp(hubPage, hub.url);
    const session = allOfTomorrow();
    await rpc(hubPage.request, hub.url, 'event.create', { name: 'Big floor', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
    const { tableId } = await rpc<{ tableId: string }>(hubPage.request, hub.url, 'table.create', {
      name: 'Table 1', coaches: ['Amara Okafor'], topics: [], language: 'en', turnMinutes: 15,
    });
    for (let i = 0; i < PEOPLE; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => rpc(hubPage.request, hub.url, 'walkin.add', { tableId, name: `Guest ${i + k + 1}`, topics: [], partySize: 1 })),
      );
    }
    await expect(hubPage.getByRole('heading', { level: 1, name: 'Big floor' })).toBeVisible();
    const { code, address } = await becomeHub(hubPage);

    const member = await startHostProcess({ args: ['--sync-host', '127.0.0.1'] });
    hosts.push(member);
    const page = await (await browser.newContext()).newPage();
    await openApp(page, member.url);
    await joinByCode(page, code, address);
    // The first message has come back: the laptop says how far the copy is.
    const progress = page.getByRole('status').filter({ hasText: /^Joining: / });
    await expect(progress).toContainText(new RegExp(`Joining: 1,?000 of ${PEOPLE + 2} changes`.replace(String(PEOPLE + 2), `${String(PEOPLE + 2).slice(0, 1)},?${String(PEOPLE + 2).slice(1)}`)), { timeout: 30_000 });
    await expect(progress).toContainText('Nothing is kept until the copy is whole.');
    // The lid closes on the hub.
    hub.child.kill('SIGSTOP');
    await expect(page.getByRole('alert')).toContainText('The hub did not answer in time. Nothing was kept; try again.', { timeout: 40_000 });
    // Nothing behind: no event, no queue, still the welcome screen.
    const after = await rpc<Snap>(page.request, member.url, 'snapshot.get', {});
    expect(after.event).toBeNull();
    expect(after.tables).toEqual([]);
    expect(after).toMatchObject({ sync: { role: 'alone' } });
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();

    // The hub wakes; the next try takes it all.
    hub.child.kill('SIGCONT');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Big floor' })).toBeVisible({ timeout: 60_000 });
    const whole = await rpc<Snap>(page.request, member.url, 'snapshot.get', {});
    expect(whole.tables[0]?.queue).toHaveLength(PEOPLE);
  } finally {
    for (const h of hosts) {
      h.child.kill('SIGCONT');
      await h.kill();
    }
  }
});
