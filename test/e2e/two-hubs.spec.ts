/**
 * Issue 18, case 4: two hubs for one event. Hub H runs the event; a second
 * organiser opens the same event from a sync file on laptop M and makes it a
 * hub too, so neither hub knows the other. Walk-ins are added on each side.
 * Coach C, a member of H, is pointed at M: it still knows H, which still says
 * it is the hub, so C says so calmly ("Two laptops say they are the hub: …").
 * C names H to M, M looks there at its next look, the two hubs exchange what
 * each lacks, H (the hub for longer) stays, and M and C end up syncing with
 * H, holding every walk-in.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { allOfTomorrow, becomeHub, expect, joinByCode, openApp, test } from './fixtures.js';

async function rpc<T>(request: APIRequestContext, base: string, method: string, args: unknown = {}): Promise<T> {
  const res = await request.post(`${base}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

interface Snap {
  tables: { id: string; queue: { name: string | null }[] }[];
  sync: { role: string; hubUrl: string | null; listening: string[] };
}

const SYNC = ['--sync-host', '127.0.0.1', '--sync-port', '0'];

test('two hubs of one event: a member says so calmly, the hubs merge by themselves, and every walk-in ends up on all', async ({ browser }) => {
  test.setTimeout(240_000);
  const hosts: HostProcess[] = [];
  const open = async (name: string, probeMs: number): Promise<{ host: HostProcess; page: Page }> => {
    const host = await startHostProcess({ args: SYNC, env: { TABLESIDE_TEST_HUB_PROBE_MS: String(probeMs) } });
    hosts.push(host);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await openApp(page, host.url);
    await rpc(page.request, host.url, 'settings.update', { deviceName: name });
    return { host, page };
  };
  try {
    // H: the event, a table, and the hub.
    const h = await open('Hub H', 2000);
    const session = allOfTomorrow();
    await rpc(h.page.request, h.host.url, 'event.create', { name: 'Two hubs', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
    const { tableId } = await rpc<{ tableId: string }>(h.page.request, h.host.url, 'table.create', {
      name: 'Table 1', coaches: ['Amara Okafor'], topics: [], languages: ['en'], turnMinutes: 15,
    });
    await expect(h.page.getByRole('heading', { level: 1, name: 'Two hubs' })).toBeVisible();
    const { code, address: hAddress } = await becomeHub(h.page);

    // C joins H.
    const c = await open('Coach C', 2000);
    await joinByCode(c.page, code, hAddress);
    await expect(c.page.getByRole('heading', { level: 1, name: 'Two hubs' })).toBeVisible({ timeout: 30_000 });

    // M opens the event from a sync file and is made a hub as well; it looks for other hubs only every 12 s.
    const m = await open('Hub M', 12_000);
    const file = await rpc<{ content: string }>(h.page.request, h.host.url, 'sync.exportFile');
    await rpc(m.page.request, m.host.url, 'sync.importFile', { content: file.content, code });
    await rpc(m.page.request, m.host.url, 'sync.becomeHub');
    const mAddress = (await rpc<Snap>(m.page.request, m.host.url, 'snapshot.get')).sync.listening[0]!.replace('http://', '');

    // Walk-ins on each side before they meet.
    const add = (lap: { host: HostProcess; page: Page }, name: string) =>
      rpc(lap.page.request, lap.host.url, 'walkin.add', { tableId, name, topics: [], partySize: 1 });
    await add(h, 'Hana at H');
    await add(c, 'Chen at C');
    await add(m, 'Mia at M');
    const queue = async (lap: { host: HostProcess; page: Page }) =>
      (await rpc<Snap>(lap.page.request, lap.host.url, 'snapshot.get')).tables[0]!.queue.map((e) => e.name).sort();
    await expect.poll(() => queue(h), { timeout: 30_000 }).toEqual(['Chen at C', 'Hana at H']);
    expect(await queue(m)).toEqual(['Mia at M']);

    // C is pointed at M by hand.
    await c.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await c.page.getByText('The hub moved to another laptop').click();
    const member = c.page.getByRole('region', { name: 'This laptop syncs with a hub' });
    await member.getByLabel('Hub address').fill(mAddress);
    await member.getByRole('button', { name: 'Use this hub' }).click();
    await expect(member).toContainText(`Hub: ${mAddress}`);

    // C still knows H, which still says it is the hub: said calmly, with both names.
    const warning = c.page.getByRole('status').filter({ hasText: 'Two laptops say they are the hub' });
    await expect(warning).toHaveText(
      'Two laptops say they are the hub: Hub M and Hub H. They share what each has and settle on one as soon as they reach each other.',
      { timeout: 15_000 },
    );
    await c.page.screenshot({ path: 'test-results/two-hubs-warning-1280x800.png' });
    await c.page.setViewportSize({ width: 1024, height: 700 });
    await c.page.screenshot({ path: 'test-results/two-hubs-warning-1024x700.png' });
    await c.page.setViewportSize({ width: 1280, height: 800 });

    // M looks, the hubs meet and exchange; H stays (the hub for longer), M becomes its member, C is sent to H.
    await expect(warning).toHaveCount(0, { timeout: 60_000 });
    await expect(member).toContainText(`Hub: ${hAddress}`, { timeout: 30_000 });
    await expect.poll(async () => (await rpc<Snap>(m.page.request, m.host.url, 'snapshot.get')).sync, { timeout: 30_000 }).toMatchObject({
      role: 'member',
      hubUrl: `http://${hAddress}`,
    });
    const all = ['Chen at C', 'Hana at H', 'Mia at M'];
    for (const lap of [h, m, c]) await expect.poll(() => queue(lap), { timeout: 30_000 }).toEqual(all);
    // On C's screen: the table's queue holds everyone.
    await c.page.getByRole('button', { name: /^Table 1/ }).click();
    const list = c.page.getByRole('list', { name: 'Queue, in order of arrival' });
    for (const name of all) await expect(list).toContainText(name);
    await expect(c.page.locator('.sync-line')).toHaveText('Live with the hub: changes go at once', { timeout: 30_000 });
    await c.page.screenshot({ path: 'test-results/two-hubs-merged-1280x800.png' });
    await c.page.setViewportSize({ width: 1024, height: 700 });
    await c.page.screenshot({ path: 'test-results/two-hubs-merged-1024x700.png' });
    // M says it is H's member now.
    await m.page.reload();
    await m.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(m.page.getByRole('region', { name: 'This laptop syncs with a hub' })).toContainText(`Hub: ${hAddress}`);

    // M restarts: it listens again only to send members on (its /hello names no event: never a second hub),
    // and its Sharing page still says plainly whose member it is, and that it stepped down.
    await m.host.kill('SIGTERM');
    const mAgain = await startHostProcess({ dataDir: m.host.dataDir, args: SYNC });
    hosts.push(mAgain);
    await m.page.goto(mAgain.url);
    await expect(m.page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await m.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    const memberAgain = m.page.getByRole('region', { name: 'This laptop syncs with a hub' });
    await expect(memberAgain).toContainText(`Hub: ${hAddress} (Hub H)`);
    await expect(memberAgain).toContainText('it stepped down and now syncs with the hub that stays');
    expect(((await (await m.page.request.get(`http://${mAddress}/hello`)).json()) as { eventId: unknown }).eventId).toBeNull();
    await m.page.screenshot({ path: 'test-results/two-hubs-stepped-down-restart-1280x800.png' });
    await m.page.setViewportSize({ width: 1024, height: 700 });
    await m.page.screenshot({ path: 'test-results/two-hubs-stepped-down-restart-1024x700.png' });
  } finally {
    for (const host of hosts) await host.kill('SIGTERM');
  }
});
