/**
 * Finding the hub on the network by mDNS (DNS-SD, _tableside._tcp), as a
 * coach does who does not know the hub's address: two web hosts that
 * announce and browse for real over this machine's network interface
 * (multicast), the hub listening on all interfaces as on the floor.
 */
import { startHostProcess, type HostProcess } from '../support/host.js';
import { becomeHub, createEvent, createTable, expect, joinByCode, openApp, test, today } from './fixtures.js';

test('a coach laptop finds the hub nearby, takes its address from the list and joins with the code', async ({ browser }) => {
  test.setTimeout(90_000);
  const hosts: HostProcess[] = [];
  try {
    const hub = await startHostProcess({ mdns: true, args: ['--sync-host', '0.0.0.0', '--sync-port', '0'] });
    hosts.push(hub);
    const hubPage = await (await browser.newContext()).newPage();
    await openApp(hubPage, hub.url);
    await createEvent(hubPage, { name: 'Nearby test', date: today(), start: '00:00', end: '23:59', place: 'Hall 3' });
    const { code, address } = await becomeHub(hubPage);
    // Where it listens: an IPv4 address of this machine other than loopback, and its sync port.
    expect(address).toMatch(/^(?!127\.)\d+\.\d+\.\d+\.\d+:\d+$/);

    const coach = await startHostProcess({ mdns: true });
    hosts.push(coach);
    const page = await (await browser.newContext()).newPage();
    await openApp(page, coach.url);
    await page.getByRole('button', { name: 'Join an event' }).click();
    const form = page.getByRole('form', { name: 'Join an event' });
    await form.getByRole('button', { name: 'Look for hubs nearby' }).click();
    const found = form.getByRole('list', { name: 'Hubs found on this network' });
    // This hub (other hubs may be announcing on the same network too).
    const entry = found.getByRole('button', { name: `(${address})` });
    await expect(entry).toHaveText(new RegExp(`^Tableside .+ \\(${address.replace(/\./g, '\\.')}\\)$`), { timeout: 15_000 });
    await entry.click();
    await expect(form.getByLabel('Hub address')).toHaveValue(address);
    await form.getByLabel('Event code', { exact: true }).fill(code);
    await form.getByRole('button', { name: 'Join', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Nearby test' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(page.getByRole('heading', { name: 'This laptop syncs with a hub' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'This laptop syncs with a hub' })).toContainText(address);
    await hubPage.reload();
    await hubPage.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(hubPage.getByRole('list', { name: 'Laptops that have synced' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});

test('when the hub moves to another laptop, a coach finds the new one nearby among the hubs of this event only', async ({ browser }) => {
  test.setTimeout(150_000);
  const hosts: HostProcess[] = [];
  const SHAREABLE = ['--sync-host', '0.0.0.0', '--sync-port', '0'];
  const open = async (args: string[] = []) => {
    const host = await startHostProcess({ mdns: true, args });
    hosts.push(host);
    const page = await (await browser.newContext()).newPage();
    await openApp(page, host.url);
    return { host, page };
  };
  try {
    // Another event's hub runs on the same network.
    const other = await open(SHAREABLE);
    await createEvent(other.page, { name: 'Another event', date: today(), start: '00:00', end: '23:59', place: 'Hall 9' });
    const otherHub = await becomeHub(other.page);

    const organiser = await open(SHAREABLE);
    await createEvent(organiser.page, { name: 'Moving hub', date: today(), start: '00:00', end: '23:59', place: 'Hall 3' });
    const first = await becomeHub(organiser.page);
    const [one, two] = [await open(), await open(SHAREABLE)];
    for (const coach of [one, two]) {
      await joinByCode(coach.page, first.code, first.address);
      await expect(coach.page.getByRole('heading', { level: 1, name: 'Moving hub' })).toBeVisible({ timeout: 20_000 });
    }

    // The organiser's laptop is lost; work goes on, and Table 2's laptop takes over.
    await organiser.host.kill('SIGKILL');
    await createTable(one.page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [] });
    await expect(one.page.locator('.sync-line')).toContainText(/changes? waiting to go/, { timeout: 15_000 });
    const second = await becomeHub(two.page, { takeoverFrom: first.address });
    expect(second.code).toBe(first.code);

    await one.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await one.page.getByText('The hub moved to another laptop').click();
    const member = one.page.getByRole('region', { name: 'This laptop syncs with a hub' });
    await member.getByRole('button', { name: 'Look for hubs nearby' }).click();
    const found = member.getByRole('list', { name: 'Hubs found on this network' });
    await expect(found.getByRole('button', { name: `(${second.address})` })).toBeVisible({ timeout: 15_000 });
    // The other event's hub is not offered, nor the lost one.
    await expect(found.getByRole('button', { name: `(${otherHub.address})` })).toHaveCount(0);
    await expect(found.getByRole('button', { name: `(${first.address})` })).toHaveCount(0);
    await found.getByRole('button', { name: `(${second.address})` }).click();
    await expect(member.getByLabel('Hub address')).toHaveValue(second.address);
    await member.getByRole('button', { name: 'Use this hub' }).click();
    await expect(member).toContainText(`Hub: ${second.address}`);
    await expect(one.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });
    await expect(two.page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /Table 1/ })).toBeVisible({ timeout: 30_000 });
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
