/**
 * The rehearsal floor end to end (issue 15): from the welcome screen a
 * rehearsal starts and plays by itself; at 20× the crowded tables fill up,
 * the coach runs a rotation on one; every screen (table, dashboard, board,
 * report) says "Rehearsal" at 1024×700; the hub of a real event refuses the
 * rehearsal laptop with its translated reason; a reload keeps the rehearsal
 * and its speed; leaving goes back to the welcome screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { advanceClock, allOfTomorrow, becomeHub, createEvent, expect, joinByCode, openApp, test } from './fixtures.js';

const SHOTS = process.env.TABLESIDE_SHOTS_DIR;

async function laptop(browser: Browser, hosts: HostProcess[], args: string[] = []) {
  const host = await startHostProcess({ args: ['--sync-host', '127.0.0.1', ...args] });
  hosts.push(host);
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
  await openApp(page, host.url);
  return { host, page };
}

const bar = (page: Page) => page.getByRole('region', { name: 'Rehearsal' });

/** The bar is on screen, in the window (not scrolled away), at this size. */
async function expectBanner(page: Page) {
  await expect(bar(page)).toBeVisible();
  await expect(bar(page)).toBeInViewport();
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
}

test('a rehearsal at 20× reaches a crowded table with a rotation, says Rehearsal on every screen, is refused by the hub of a real event, and survives a reload', async ({ browser }) => {
  test.setTimeout(240_000);
  const hosts: HostProcess[] = [];
  try {
    // The organisers' real event, with its hub.
    const real = await laptop(browser, hosts, ['--sync-port', '0']);
    await createEvent(real.page, { name: 'WLIC drop-in coaching', ...allOfTomorrow(), place: 'Hall 1/2' });
    const { code, address } = await becomeHub(real.page);

    // A coach in training starts a rehearsal from the welcome screen.
    const { host, page } = await laptop(browser, hosts, ['--sync-port', '0']);
    await shoot(page, 'rehearsal-welcome');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Start a rehearsal' }).click();
    await expectBanner(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rehearsal: WLIC drop-in coaching');
    const controls = bar(page).getByRole('group', { name: 'Rehearsal controls' });
    await expect(controls.getByRole('button', { name: '5×' })).toHaveAttribute('aria-pressed', 'true');
    await controls.getByRole('button', { name: '20×' }).click();
    await expect(controls.getByRole('button', { name: '20×' })).toHaveAttribute('aria-pressed', 'true');
    await expect(controls.getByRole('button', { name: 'Pause' })).toBeVisible();

    // 90 s of the floor's clock at 20× is half an hour of the session: the surge has arrived.
    await advanceClock(page, host, 90_000);
    await expect(bar(page).getByRole('status')).toContainText(/Minute (3\d|[4-9]\d) of 105/, { timeout: 15_000 });

    // Table 1 is one of the two crowded tables: the coach splits the crowd and runs a rotation.
    await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1\b/ }).click();
    const crowd = page.getByRole('region', { name: /: handle the crowd$/ });
    await expect(crowd).toBeVisible({ timeout: 15_000 });
    await expectBanner(page);
    await shoot(page, 'rehearsal-table');
    await page.setViewportSize({ width: 1024, height: 700 });
    await crowd.getByRole('button', { name: 'Split into groups' }).click();
    await crowd.getByLabel('Largest group').fill('4');
    await crowd.getByRole('button', { name: 'Propose groups' }).click();
    await expect(page.getByRole('list', { name: 'Proposed groups' }).getByRole('listitem', { name: /^Group \d+$/ }).first()).toBeVisible();
    await page.getByRole('button', { name: /^Start rotation with \d+ groups$/ }).click();
    const rotation = page.getByRole('region', { name: /^Rotation:/ });
    await expect(rotation).toBeVisible();
    await expect(rotation.getByRole('listitem', { name: 'Group 1', exact: true })).toContainText('now at the table');
    await expectBanner(page);
    // The bar and the screen under it pass axe-core.
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await shoot(page, 'rehearsal-rotation');
    await page.setViewportSize({ width: 1024, height: 700 });

    // The organiser's dashboard and the report say it too.
    await page.getByRole('button', { name: "Organiser's dashboard" }).click();
    await expectBanner(page);
    await shoot(page, 'rehearsal-dashboard');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Export and report' }).click();
    await page.getByRole('button', { name: 'Open the report' }).click();
    await expect(page.getByRole('heading', { name: /Rehearsal: WLIC/ }).first()).toBeVisible();
    await expectBanner(page);
    await expect(page.getByRole('article').getByText('Rehearsal', { exact: true })).toBeVisible();
    await shoot(page, 'rehearsal-report');
    await page.setViewportSize({ width: 1024, height: 700 });

    // The queue board says it, in big letters.
    const board = await page.context().newPage();
    await board.setViewportSize({ width: 1024, height: 700 });
    await board.goto(`${host.url}board`);
    await expect(board.getByText('Rehearsal', { exact: true })).toBeVisible();
    await expect(board.getByText('Rehearsal', { exact: true })).toBeInViewport();
    await shoot(board, 'rehearsal-board');
    await board.close();

    // The hub of the real event refuses the rehearsal laptop, saying why; nothing is kept.
    await page.getByRole('button', { name: 'Sharing between laptops' }).click();
    const join = page.getByRole('form', { name: 'Join an event' });
    await join.getByLabel('Event code', { exact: true }).fill(code);
    await join.getByLabel('Hub address').fill(address);
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('That hub runs a real event; a rehearsal laptop cannot join or sync with it.');
    await expect(join).toBeVisible();
    await expectBanner(page);

    // A reload keeps the rehearsal, playing at 20×.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expectBanner(page);
    await expect(bar(page).getByRole('button', { name: '20×' })).toHaveAttribute('aria-pressed', 'true');
    await expect(bar(page).getByRole('button', { name: 'Pause' })).toBeVisible();

    // A second screen joins the rehearsal's hub: the script plays once, on the hub; this laptop shows the hub's
    // minute (its rehearsal time) and has no Play or speed of its own (two players added every walk-in twice).
    const shared = await becomeHub(page);
    const second = await laptop(browser, hosts);
    await joinByCode(second.page, shared.code, shared.address);
    await expectBanner(second.page);
    const secondBar = bar(second.page);
    await expect(secondBar.getByRole('status')).toContainText('Playing on the laptop that shares this rehearsal (the hub)', { timeout: 15_000 });
    await expect(secondBar.getByRole('status')).toContainText(/Minute [1-9]\d* of 105/);
    await expect(secondBar.getByRole('button', { name: /^(Play|Pause|20×)$/ })).toHaveCount(0);
    await shoot(second.page, 'rehearsal-second-screen');

    // Leaving goes back to the welcome screen; the real event's hub never heard of it.
    await bar(page).getByRole('button', { name: 'Leave the rehearsal' }).click();
    await bar(page).getByRole('button', { name: 'Leave the rehearsal' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Tableside' })).toBeVisible();
    await expect(bar(page)).toHaveCount(0);
  } finally {
    await Promise.all(hosts.map((h) => h.kill('SIGTERM')));
  }
});

test('after the host restarts, the rehearsal is back, paused where it was, and says so until played on', async ({ browser }) => {
  test.setTimeout(120_000);
  const hosts: HostProcess[] = [];
  try {
    const { host, page } = await laptop(browser, hosts);
    await page.getByRole('button', { name: 'Start a rehearsal' }).click();
    await bar(page).getByRole('button', { name: '20×' }).click();
    await advanceClock(page, host, 60_000);
    await expect(bar(page).getByRole('status')).toContainText(/Minute (2\d|3\d) of 105/, { timeout: 15_000 });
    // Tableside stops the hard way, and starts again on the same data folder.
    await host.kill('SIGKILL');
    const again = await startHostProcess({ dataDir: host.dataDir, args: ['--sync-host', '127.0.0.1'] });
    hosts.push(again);
    await openApp(page, again.url);
    await expectBanner(page);
    await expect(bar(page).getByRole('status')).toContainText('Paused: Tableside restarted. Play to go on.');
    await expect(bar(page).getByRole('status')).toContainText(/Minute (2\d|3\d) of 105/);
    await bar(page).getByRole('button', { name: 'Play' }).click();
    await expect(bar(page).getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(bar(page).getByRole('status')).not.toContainText('Paused');
  } finally {
    await Promise.all(hosts.map((h) => h.kill('SIGTERM')));
  }
});
