/**
 * "This is my table" on a laptop (issue 13): the coach ticks it once; after a
 * reload the laptop opens there; another table is shown read-only on it (its
 * buttons disabled, with why) and the core refuses a command there too, with
 * a reason and nothing changed; "Take over this table" with a confirm makes
 * it this laptop's, is logged (on the table, on the dashboard, in the
 * complete JSON export) and holds after a reload.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { addWalkIn, allOfTomorrow, becomeHub, createEvent, createTable, expect, joinByCode, openApp, startLaptops, test } from './fixtures.js';

async function rpc(page: Page, host: HostProcess, method: string, args: unknown) {
  const response = await page.request.post(`${host.url}api/rpc`, { data: { method, args } });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; params?: Record<string, unknown> } };
}

async function shoot(page: Page, path: string): Promise<void> {
  for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.replace('.png', `-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a laptop claims its table, opens there after a reload, shows another table read-only until it takes it over (logged)', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  const nav = page.getByRole('navigation', { name: 'Tables' });
  await nav.getByRole('button', { name: 'Add table' }).click();
  await createTable(page, { name: 'Table 2', coaches: 'Jonas Weber', topics: ['Personal branding'] });
  // Before any claim the laptop acts everywhere, as the organiser's does.
  await addWalkIn(page, { name: 'Lena Fischer' });

  // Claim Table 1.
  await nav.getByRole('button', { name: /^Table 1/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Table 1/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'This is my table' }).check();
  await expect(nav.getByRole('button', { name: /^Table 1 · yours/ })).toBeVisible();

  // After a reload the laptop opens at its own table, though Table 2 was shown last.
  await nav.getByRole('button', { name: /^Table 2/ }).click();
  await openApp(page, host.url);
  await expect(page.getByRole('heading', { level: 2, name: /^Table 1/ })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'This is my table' })).toBeChecked();

  // Table 2 is read-only here, and says why.
  await nav.getByRole('button', { name: /^Table 2/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Table 2/ })).toBeVisible();
  const readOnly = page.getByRole('region', { name: 'This table is read-only on this laptop' });
  await expect(readOnly).toContainText('this laptop runs Table 1');
  // The truth about who runs it: nobody claims Table 2 (not "another laptop runs this table").
  await expect(readOnly).toContainText('Claimed by no laptop.');
  await expect(readOnly).not.toContainText('another laptop');
  await expect(page.getByRole('button', { name: /^Start next/ })).toBeDisabled();
  await expect(page.getByRole('form', { name: 'Add a walk-in' }).getByRole('button', { name: 'Add walk-in' })).toBeDisabled();
  await expect(page.getByText('Lena Fischer').first()).toBeVisible();
  // The shortcut does nothing either.
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('button', { name: /^Start next/ })).toBeDisabled();
  await shoot(page, testInfo.outputPath('read-only.png'));

  // The core refuses too, with a reason, and nothing changes.
  const snap = (await rpc(page, host, 'snapshot.get', {})).value as { tables: { id: string; name: string; currentTurn: unknown }[] };
  const table2 = snap.tables.find((t) => t.name === 'Table 2')!;
  const refused = await rpc(page, host, 'turn.start', { tableId: table2.id });
  expect(refused.ok).toBe(false);
  expect(refused.error?.params).toMatchObject({ reason: 'table_not_yours', table: 'Table 2' });
  const after = (await rpc(page, host, 'snapshot.get', {})).value as typeof snap;
  expect(after.tables.find((t) => t.id === table2.id)?.currentTurn).toBeNull();

  // Take it over, with a confirm that can be cancelled.
  await readOnly.getByRole('button', { name: 'Take over this table' }).click();
  const confirm = readOnly.getByRole('group', { name: 'Take over Table 2' });
  await expect(confirm).toContainText("The event's log records who took it over");
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(readOnly).toBeVisible();
  await readOnly.getByRole('button', { name: 'Take over this table' }).click();
  await shoot(page, testInfo.outputPath('take-over-confirm.png'));
  await readOnly.getByRole('group', { name: 'Take over Table 2' }).getByRole('button', { name: 'Take over Table 2' }).click();
  await expect(readOnly).toBeHidden();
  await expect(page.getByText(/^Taken over by this laptop at /)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Start next/ })).toBeEnabled();
  await shoot(page, testInfo.outputPath('taken-over.png'));

  // After a reload: still this laptop's (kept in its settings and the log); it opens at its first table.
  await openApp(page, host.url);
  await expect(page.getByRole('heading', { level: 2, name: /^Table 1/ })).toBeVisible();
  await nav.getByRole('button', { name: /^Table 2 · yours/ }).click();
  await expect(page.getByRole('region', { name: 'This table is read-only on this laptop' })).toBeHidden();
  await page.getByRole('button', { name: /^Start next/ }).click();
  await expect(page.getByRole('button', { name: /^End turn/ })).toBeVisible();

  // The dashboard says who took it over.
  await nav.getByRole('button', { name: "Organiser's dashboard" }).click();
  await expect(page.getByRole('article', { name: /^Table 2/ })).toContainText(/Taken over by this laptop at /);

  // The complete JSON export holds the takeover, with this laptop's name.
  await nav.getByRole('button', { name: 'Export and report' }).click();
  const form = page.getByRole('form', { name: 'Export options' });
  await form.getByRole('radio', { name: /^Complete log/ }).check();
  await form.getByRole('button', { name: 'Start export' }).click();
  await expect(form.getByRole('status')).toHaveText('Export finished.');
  const link = form.getByRole('list', { name: 'Exported files' }).getByRole('link').first();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const log = JSON.parse(readFileSync(path, 'utf8')) as { ops: { type: string; payload: { tableId?: string; deviceName?: string } }[] };
  const takeovers = log.ops.filter((o) => o.type === 'table.takenOver');
  expect(takeovers).toHaveLength(1);
  expect(takeovers[0]?.payload.tableId).toBe(table2.id);
  expect(takeovers[0]?.payload.deviceName).toBeTruthy();
});

async function laptop(browser: Browser, name: string, args: string[] = []) {
  const host = await startHostProcess({ args: ['--sync-host', '127.0.0.1', ...args] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openApp(page, host.url);
  expect((await rpc(page, host, 'settings.update', { deviceName: name })).ok).toBe(true);
  return { host, page };
}

test('two laptops claiming one table: the second is asked at claim time, both are told by name, also after a reload', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const hosts: HostProcess[] = [];
  try {
    const [ana, ben] = await startLaptops(hosts, [laptop(browser, "Ana's laptop", ['--sync-port', '0']), laptop(browser, "Ben's laptop")] as const);
    await createEvent(ana.page, { name: 'Claims', ...allOfTomorrow(), place: 'Hall 1' });
    await createTable(ana.page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });
    await ana.page.getByRole('checkbox', { name: 'This is my table' }).check();
    const { code, address } = await becomeHub(ana.page);

    await joinByCode(ben.page, code, address);
    await ben.page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ }).click();
    // Claiming it asks first, naming the laptop that claims it.
    await ben.page.getByRole('checkbox', { name: 'This is my table' }).check();
    const ask = ben.page.getByRole('group', { name: 'Table 1 is already claimed' });
    await expect(ask).toContainText("Table 1 is already claimed by Ana's laptop.");
    await shoot(ben.page, testInfo.outputPath('claim-ask.png'));
    await ask.getByRole('button', { name: 'Claim it too (we coach together)' }).click();
    await expect(ask).toBeHidden();

    // Both laptops say who else runs the table, by name; neither is read-only (co-coaches).
    const warning = (page: Page) => page.getByRole('region', { name: 'Another laptop runs this table too' });
    await expect(warning(ben.page)).toContainText("Also claimed by Ana's laptop");
    await ana.page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ }).click();
    await expect(warning(ana.page)).toContainText("Also claimed by Ben's laptop", { timeout: 15_000 });
    for (const l of [ana, ben]) {
      await expect(l.page.getByRole('form', { name: 'Add a walk-in' }).getByRole('button', { name: 'Add walk-in' })).toBeEnabled();
    }
    await shoot(ana.page, testInfo.outputPath('claim-shared.png'));

    // After a reload: still told.
    for (const l of [ana, ben]) {
      await openApp(l.page, l.host.url);
      await expect(l.page.getByRole('checkbox', { name: 'This is my table' })).toBeChecked();
    }
    await expect(warning(ana.page)).toContainText("Ben's laptop");
    await expect(warning(ben.page)).toContainText("Ana's laptop");

    // Ben takes it over: from Ana's laptop (the one that claims it, not "hub" as Ben's peer list calls the hub),
    // and Ana's laptop no longer calls it its own.
    await warning(ben.page).getByRole('button', { name: 'Take over this table' }).click();
    await ben.page.getByRole('group', { name: 'Take over Table 1' }).getByRole('button', { name: 'Take over Table 1' }).click();
    const lost = ana.page.getByRole('region', { name: 'This table is read-only on this laptop' });
    await expect(lost).toContainText("Taken over by Ben's laptop from this laptop", { timeout: 15_000 });
    await expect(ana.page.getByRole('checkbox', { name: 'This is my table' })).not.toBeChecked();
    await expect(ana.page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ })).toContainText(
      "Table 1 · taken over by Ben's laptop",
    );
    await shoot(ana.page, testInfo.outputPath('claim-lost.png'));

    // Ticking it again on Ana's laptop asks for what is true there: taken over from this laptop, not "fine for co-coaches".
    await ana.page.getByRole('checkbox', { name: 'This is my table' }).check();
    const askBack = ana.page.getByRole('group', { name: 'Table 1 is already claimed' });
    await expect(askBack).toContainText("Ben's laptop took Table 1 over from this laptop at");
    await expect(askBack).toContainText('“This is my table” again does not give it back');
    await expect(askBack).not.toContainText('co-coaches');
    await expect(askBack.getByRole('button', { name: 'Claim it too (we coach together)' })).toHaveCount(0);
    await shoot(ana.page, testInfo.outputPath('claim-ask-taken.png'));
    await askBack.getByRole('button', { name: 'Cancel' }).click();

    // Ben renames his laptop: Ana's laptop names it by its new name at once.
    expect((await rpc(ben.page, ben.host, 'settings.update', { deviceName: 'Ben at the door' })).ok).toBe(true);
    await expect(lost).toContainText('Taken over by Ben at the door from this laptop', { timeout: 15_000 });
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
