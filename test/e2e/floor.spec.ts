/**
 * Many laptops on one floor, on loopback: a hub (the organiser) and two coach
 * laptops, each its own web host process and data folder. The hub dies
 * mid-session while both tables keep working; it comes back, everything
 * converges, and the dashboard shows both tables. A laptop without the code
 * is refused. And the hub lost for good: a coach laptop takes over as the
 * hub with the same code, the other is pointed at it, and both hold all.
 */
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { addWalkIn, allOfTomorrow, becomeHub, createEvent, createTable, expect, joinByCode, openApp, queueItems, startLaptops, test, today } from './fixtures.js';

const SYNC = ['--sync-host', '127.0.0.1'];

async function laptop(browser: Browser, options: { dataDir?: string; args?: string[] } = {}) {
  const host = await startHostProcess({ ...options, args: [...SYNC, ...(options.args ?? [])] });
  const page = await (await browser.newContext()).newPage();
  await openApp(page, host.url);
  return { host, page };
}

function dashboardCard(page: Page, table: string) {
  return page.getByRole('article', { name: new RegExp(`^${table} `) });
}

test('a hub and two coach laptops: the hub dies mid-session, comes back, and everything converges', async ({ browser }) => {
  test.setTimeout(180_000);
  const hosts: HostProcess[] = [];
  try {
    // The organiser's laptop becomes the hub.
    const [organiser, stranger, one, two] = await startLaptops(hosts, [
      laptop(browser, { args: ['--sync-port', '0'] }),
      laptop(browser),
      laptop(browser),
      laptop(browser),
    ] as const);
    await createEvent(organiser.page, { name: 'Floor test', ...allOfTomorrow(), place: 'Hall 1' });
    const { code, address } = await becomeHub(organiser.page);
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    await expect(organiser.page.getByRole('img', { name: /QR code/ })).toBeVisible();

    // A laptop without the code is refused and keeps nothing.
    const wrong = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    await joinByCode(stranger.page, wrong, address);
    await expect(stranger.page.getByRole('alert')).toContainText('the event code does not match');
    await expect(stranger.page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();

    // Two coaches join by typing the code and the address, and set up their tables.
    await joinByCode(one.page, code, address);
    await expect(one.page.getByRole('heading', { level: 1, name: 'Floor test' })).toBeVisible();
    await createTable(one.page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
    await addWalkIn(one.page, { name: 'Lucía Fernández', topics: ['Personal branding'] });
    await addWalkIn(one.page, { name: 'Kenji Watanabe' });
    await joinByCode(two.page, code, address);
    await expect(two.page.getByRole('heading', { level: 1, name: 'Floor test' })).toBeVisible();
    // Table 1 arrived with the event: this coach adds theirs.
    await two.page.getByRole('button', { name: 'Add table' }).click();
    await createTable(two.page, { name: 'Table 2', coaches: 'Henrik Lindqvist', topics: [] });

    await organiser.page.getByRole('button', { name: "Organiser's dashboard" }).click();
    await expect(dashboardCard(organiser.page, 'Table 1')).toContainText('Amara Okafor');
    await expect(dashboardCard(organiser.page, 'Table 2')).toContainText('Henrik Lindqvist');

    // The hub dies. Both tables keep working and say, calmly, what waits to go.
    const hubDir = organiser.host.dataDir;
    await organiser.host.kill('SIGKILL');
    await one.page.getByRole('button', { name: 'Start next' }).click();
    await one.page.getByLabel('Note', { exact: true }).fill('Offline note, shared later');
    await one.page.getByLabel('Share with the organisers').check();
    await addWalkIn(two.page, { name: 'Ana Souza' });
    await addWalkIn(two.page, {});
    await expect(one.page.locator('.sync-line')).toContainText(/changes? waiting to go/);
    await expect(two.page.locator('.sync-line')).toContainText(/changes? waiting to go/);

    // The hub comes back on the same folder (and so the same port).
    const back = await startHostProcess({ dataDir: hubDir, args: SYNC });
    hosts.push(back);
    await organiser.page.goto(back.url);
    await expect(organiser.page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(one.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });
    await expect(two.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });

    await organiser.page.getByRole('button', { name: "Organiser's dashboard" }).click();
    const card1 = dashboardCard(organiser.page, 'Table 1');
    const card2 = dashboardCard(organiser.page, 'Table 2');
    await expect(card1).toContainText(/State\s*in a turn/);
    await expect(card1).toContainText(/Now\s*Lucía Fernández · \d+:\d{2} left/);
    await expect(card1).toContainText(/In the queue\s*1/);
    await expect(card2).toContainText(/State\s*open/);
    await expect(card2).toContainText(/In the queue\s*2/);

    // The organiser sends Kenji to Table 2; he moves on both coaches' laptops.
    await card1.getByRole('button', { name: 'Send Kenji Watanabe to another table' }).click();
    await card1.getByRole('button', { name: 'Send to Table 2' }).click();
    await expect(card2).toContainText(/In the queue\s*3/);
    await expect(two.page.getByRole('listitem', { name: '3. Kenji Watanabe' })).toBeVisible({ timeout: 30_000 });
    await expect(queueItems(one.page)).toHaveCount(0, { timeout: 30_000 });

    // A broadcast reaches every table.
    await organiser.page.getByLabel('Message to all tables').fill('The session ends in 10 minutes');
    await organiser.page.getByRole('button', { name: 'Send to all tables' }).click();
    for (const coach of [one, two]) {
      await expect(coach.page.getByRole('status', { name: 'Message from the organisers' })).toContainText('The session ends in 10 minutes', { timeout: 30_000 });
    }

    // The queue board on the hub's network address: tables and waits, no names.
    const board = await (await browser.newContext()).newPage();
    await board.goto(`http://${address}/board`);
    const boardTables = board.getByRole('list', { name: 'Tables' });
    await expect(boardTables.getByRole('listitem', { name: 'Table 2' })).toContainText('Henrik Lindqvist');
    await expect(boardTables).toContainText(/Wait\s*\d+–\d+ min|Walk right up/);
    for (const name of ['Lucía', 'Kenji', 'Ana Souza']) await expect(board.locator('body')).not.toContainText(name);
    await organiser.page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});

test('the hub is lost for good: a coach laptop takes over as the hub, the other moves to it, and all of it comes together', async ({ browser }) => {
  test.setTimeout(180_000);
  const hosts: HostProcess[] = [];
  try {
    const [organiser, one, two] = await startLaptops(hosts, [
      laptop(browser, { args: ['--sync-port', '0'] }),
      laptop(browser),
      laptop(browser, { args: ['--sync-port', '0'] }),
    ] as const);
    await createEvent(organiser.page, { name: 'Takeover test', date: today(), start: '00:00', end: '23:59', place: 'Hall 2' });
    const { code, address } = await becomeHub(organiser.page);

    await joinByCode(one.page, code, address);
    await expect(one.page.getByRole('heading', { level: 1, name: 'Takeover test' })).toBeVisible();
    await createTable(one.page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [] });
    await addWalkIn(one.page, { name: 'Lucía Fernández' });
    await expect(one.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });
    await joinByCode(two.page, code, address);
    await expect(two.page.getByRole('heading', { level: 1, name: 'Takeover test' })).toBeVisible();
    await two.page.getByRole('button', { name: 'Add table' }).click();
    await createTable(two.page, { name: 'Table 2', coaches: 'Henrik Lindqvist', topics: [] });
    await expect(two.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });

    // The organiser's laptop is lost (a dead battery, a fall). Work goes on at both tables.
    await organiser.host.kill('SIGKILL');
    await addWalkIn(one.page, { name: 'Kenji Watanabe' });
    await addWalkIn(two.page, { name: 'Ana Souza' });

    // Table 2's laptop becomes the hub, with the same event code.
    const taken = await becomeHub(two.page, { takeoverFrom: address });
    expect(taken.code).toBe(code);
    const newAddress = taken.address;
    expect(newAddress).not.toBe(address);

    // Table 1's laptop is pointed at it.
    await one.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await one.page.getByText('The hub moved to another laptop').click();
    const member = one.page.getByRole('region', { name: 'This laptop syncs with a hub' });
    await member.getByLabel('Hub address').fill(newAddress);
    await member.getByRole('button', { name: 'Use this hub' }).click();
    await expect(member).toContainText(`Hub: ${newAddress}`);
    await expect(one.page.locator('.sync-line')).not.toContainText('waiting to go', { timeout: 30_000 });
    // The new hub lists Table 1's laptop, and the lost hub it synced with before.
    await expect(two.page.getByRole('list', { name: 'Laptops that have synced' }).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });

    // Both laptops hold both tables, each with what was added after the old hub was lost.
    for (const coach of [two, one]) {
      await coach.page.getByRole('button', { name: "Organiser's dashboard" }).click();
      await expect(dashboardCard(coach.page, 'Table 1')).toContainText(/In the queue\s*2/, { timeout: 30_000 });
      await expect(dashboardCard(coach.page, 'Table 2')).toContainText(/In the queue\s*1/, { timeout: 30_000 });
    }
    // And it stays so after the new hub restarts.
    const twoDir = two.host.dataDir;
    await two.host.kill('SIGTERM');
    const again = await startHostProcess({ dataDir: twoDir, args: SYNC });
    hosts.push(again);
    await openApp(two.page, again.url);
    await two.page.getByRole('button', { name: "Organiser's dashboard" }).click();
    await expect(dashboardCard(two.page, 'Table 1')).toContainText(/In the queue\s*2/);
    await two.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(two.page.getByRole('heading', { name: 'This laptop is the hub' })).toBeVisible();
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
