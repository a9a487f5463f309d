/**
 * Issue 18, case 5: a join cut off halfway. An empty laptop joins a hub
 * holding 1,102 changes; the hub answers each message late (a test hook), so
 * the laptop is seen saying "Joining: 1,000 of 1,102 changes"; then the hub
 * freezes (SIGSTOP, the lid closed). The join stops with a message; what
 * arrived waits aside, not shown as an event (still the welcome screen),
 * with "Joining paused: 1,000 of 1,102". Giving up clears it (nothing left
 * behind); cut off again, the next try after the hub wakes continues from
 * 1,000 and ends with the whole event.
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
  sync: unknown;
  event: { name: string } | null;
  tables: { queue: unknown[] }[];
}

test('an interrupted first copy waits aside, not as an event; giving up leaves nothing; the next try continues to the whole event', async ({ browser }) => {
  test.setTimeout(300_000);
  const hosts: HostProcess[] = [];
  try {
    const hub = await startHostProcess({ args: ['--sync-host', '127.0.0.1', '--sync-port', '0'], env: { TABLESIDE_TEST_SYNC_DELAY_MS: '1500' } });
    hosts.push(hub);
    // The 1,100 walk-ins go in through the API, 50 at a time, before the hub's screen opens on them.
    const hubPage = await (await browser.newContext()).newPage();
    const session = allOfTomorrow();
    await rpc(hubPage.request, hub.url, 'event.create', { name: 'Big floor', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
    const { tableId } = await rpc<{ tableId: string }>(hubPage.request, hub.url, 'table.create', {
      name: 'Table 1', coaches: ['Amara Okafor'], topics: [], languages: ['en'], turnMinutes: 15,
    });
    for (let i = 0; i < PEOPLE; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) => rpc(hubPage.request, hub.url, 'walkin.add', { tableId, name: `Guest ${i + k + 1}`, topics: [], partySize: 1 })),
      );
    }
    await openApp(hubPage, hub.url);
    await expect(hubPage.getByRole('heading', { level: 1, name: 'Big floor' })).toBeVisible();
    const { code, address } = await becomeHub(hubPage);

    // A sync message the frozen hub does not answer is given up after 6 s here, not the 15 s of a laptop
    // (TABLESIDE_TEST_POST_TIMEOUT_MS, test hosts only): the hub's answers take 1.5 s, so 6 s still waits them out.
    const member = await startHostProcess({ args: ['--sync-host', '127.0.0.1'], env: { TABLESIDE_TEST_POST_TIMEOUT_MS: '6000' } });
    hosts.push(member);
    const page = await (await browser.newContext()).newPage();
    await openApp(page, member.url);
    await joinByCode(page, code, address);
    // The first message has come back: the laptop says how far the copy is.
    const progress = page.getByRole('status').filter({ hasText: /^Joining: / });
    await expect(progress).toContainText(new RegExp(`Joining: 1,?000 of ${PEOPLE + 2} changes`.replace(String(PEOPLE + 2), `${String(PEOPLE + 2).slice(0, 1)},?${String(PEOPLE + 2).slice(1)}`)), { timeout: 30_000 });
    await expect(progress).toContainText('Nothing is shown as an event until the copy is whole; if it is cut off, the next try continues from here.');
    // The lid closes on the hub.
    hub.child.kill('SIGSTOP');
    await expect(page.getByRole('alert')).toContainText(
      `The hub did not answer in time. 1000 of ${PEOPLE + 2} changes have arrived; they wait aside, not as an event. Join again to continue, or give up to clear them.`,
      { timeout: 40_000 },
    );
    // Not an event: no event, no queue, still the welcome screen; the copy waits, paused, and says how far it got.
    const after = await rpc<Snap>(page.request, member.url, 'snapshot.get', {});
    expect(after.event).toBeNull();
    expect(after.tables).toEqual([]);
    expect(after).toMatchObject({ sync: { role: 'alone', joining: { done: 1000, total: PEOPLE + 2, paused: true } } });
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
    const paused = page.getByRole('status').filter({ hasText: /^Joining paused: / });
    await expect(paused).toContainText(/Joining paused: 1,?000 of 1,?102 changes have arrived\./);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/join-paused-1280x800.png', fullPage: false });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: 'test-results/join-paused-1024x700.png', fullPage: false });

    // Giving up leaves nothing behind.
    await paused.getByRole('button', { name: 'Give up and clear them' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Cleared: this laptop is as empty as before.' })).toBeVisible();
    await expect(paused).toHaveCount(0);
    expect(await rpc<Snap>(page.request, member.url, 'snapshot.get', {})).toMatchObject({ event: null, tables: [], sync: { role: 'alone', joining: null } });

    // The hub wakes; a new try is cut off again after 1,000 …
    hub.child.kill('SIGCONT');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(progress).toContainText(/Joining: 1,?000 of 1,?102 changes/, { timeout: 30_000 });
    hub.child.kill('SIGSTOP');
    await expect(paused).toContainText(/Joining paused: 1,?000 of 1,?102/, { timeout: 40_000 });
    // … and once the hub is back, the next continues from 1,000 (its first words) to the whole event.
    hub.child.kill('SIGCONT');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(progress).toContainText(/Joining: 1,?000 of 1,?102 changes/);
    await expect(page.getByRole('heading', { level: 1, name: 'Big floor' })).toBeVisible({ timeout: 60_000 });
    const whole = await rpc<Snap>(page.request, member.url, 'snapshot.get', {});
    expect(whole.tables[0]?.queue).toHaveLength(PEOPLE);
    expect(whole).toMatchObject({ sync: { role: 'member', joining: null } });
  } finally {
    for (const h of hosts) {
      h.child.kill('SIGCONT');
      await h.kill();
    }
  }
});
