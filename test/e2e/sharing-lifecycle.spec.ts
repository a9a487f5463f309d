/**
 * Stopping and sharing again on the hub, with two real laptops on loopback
 * (each its own web host): "Stop sharing" asks first, saying how many member
 * laptops are linked and what happens to them; the member keeps working and
 * its header says the same as its Sharing page; "Share again" keeps the
 * event code, and the member reconnects by itself, without joining again.
 * Each screen is reloaded after its step.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { allOfTomorrow, becomeHub, expect, joinByCode, openApp, test } from './fixtures.js';

async function rpc<T>(request: APIRequestContext, base: string, method: string, args: unknown = {}): Promise<T> {
  const res = await request.post(`${base}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

/** Reload, and open the Sharing page again. */
async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await page.getByRole('button', { name: 'Sharing between laptops' }).click();
}

async function shoot(page: Page, name: string, show?: Locator): Promise<void> {
  for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width, height });
    if (show) await show.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: `test-results/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('Stop sharing asks first, naming the linked member laptops; sharing again keeps the code and the member reconnects by itself', async ({ browser }) => {
  test.setTimeout(150_000);
  const hosts: HostProcess[] = [];
  const open = async (args: string[]) => {
    const host = await startHostProcess({ args: ['--sync-host', '127.0.0.1', ...args] });
    hosts.push(host);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await openApp(page, host.url);
    return { host, page };
  };
  try {
    // Both laptops start at once (each host is kept in `hosts` as it starts).
    const [hub, coach] = await Promise.all([open(['--sync-port', '0']), open([])]);
    const session = allOfTomorrow();
    await rpc(hub.page.request, hub.host.url, 'event.create', { name: 'Lifecycle', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
    await rpc(hub.page.request, hub.host.url, 'table.create', { name: 'Table 1', coaches: ['Amara Okafor'], topics: [], languages: ['en'], turnMinutes: 15 });
    await expect(hub.page.getByRole('heading', { level: 1, name: 'Lifecycle' })).toBeVisible();
    const { code, address } = await becomeHub(hub.page);

    await joinByCode(coach.page, code, address);
    await expect(coach.page.locator('.sync-line')).toHaveText('Live with the hub: changes go at once', { timeout: 30_000 });
    // One status in the header: the link to the hub, not also "Connected" (this page to its own host).
    await expect(coach.page.getByRole('status').filter({ hasText: /^Connected$/ })).toHaveCount(0);

    // The confirm says how many member laptops are linked and what happens to them; Cancel changes nothing.
    await expect(hub.page.locator('.sync-line')).toContainText('1 laptop has synced');
    await hub.page.getByRole('button', { name: 'Stop sharing on this laptop' }).click();
    const confirm = hub.page.getByRole('group', { name: 'Confirm stopping sharing' });
    await expect(confirm).toContainText('Stop sharing on this laptop?');
    await expect(confirm).toContainText('1 member laptop is linked to this hub.');
    await expect(confirm).toContainText('When you share again on this laptop, with the same event code, they reconnect by themselves');
    // Opened at the foot of the page, its words and buttons are in view whole.
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeInViewport();
    await shoot(hub.page, 'stop-sharing-confirm', confirm);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    await reload(hub.page);
    await expect(hub.page.getByLabel('Event code', { exact: true })).toHaveText(code);

    await hub.page.getByRole('button', { name: 'Stop sharing on this laptop' }).click();
    await hub.page.getByRole('group', { name: 'Confirm stopping sharing' }).getByRole('button', { name: 'Stop sharing' }).click();
    const again = hub.page.getByRole('region', { name: 'Share again' });
    await expect(again).toContainText(code);
    await reload(hub.page);
    await expect(again).toContainText(code);
    await shoot(hub.page, 'share-again');

    // The member keeps working; its header and its Sharing page say the same: the link is lost, why, and what waits.
    await rpc(coach.page.request, coach.host.url, 'walkin.add', {
      tableId: (await rpc<{ tables: { id: string }[] }>(coach.page.request, coach.host.url, 'snapshot.get')).tables[0]!.id,
      name: 'Lucía Fernández', topics: [], partySize: 1,
    });
    const header = coach.page.locator('.sync-line');
    await expect(header).toContainText('Link to the hub lost. The hub cannot be reached right now.', { timeout: 30_000 });
    await expect(header).toContainText('1 change waiting to go');
    await coach.page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await shoot(coach.page, 'link-lost-member');
    await expect(coach.page.locator('.sync-facts')).toHaveText((await header.textContent()) ?? '');
    await reload(coach.page);
    await expect(header).toContainText('1 change waiting to go');

    // Sharing again: the same code; the member reconnects by itself and its walk-in arrives.
    await again.getByRole('button', { name: 'Share again with the same code' }).click();
    await expect(hub.page.getByLabel('Event code', { exact: true })).toHaveText(code);
    await expect(hub.page.getByRole('list', { name: 'Addresses of this hub' })).toContainText(address);
    await expect(header).toHaveText('Live with the hub: changes go at once', { timeout: 40_000 });
    await expect
      .poll(async () => (await rpc<{ tables: { queue: { name: string | null }[] }[] }>(hub.page.request, hub.host.url, 'snapshot.get')).tables[0]!.queue.map((e) => e.name))
      .toEqual(['Lucía Fernández']);
    await shoot(hub.page, 'sharing-again-hub');
    await shoot(coach.page, 'sharing-again-member');
    await reload(coach.page);
    await expect(header).toHaveText('Live with the hub: changes go at once', { timeout: 30_000 });
    await expect(coach.page.getByRole('region', { name: 'This laptop syncs with a hub' })).toContainText(`Hub: ${address}`);

    // A new sharing, chosen: the hub counts the member apart (it needs the new code), and on the member a
    // mistyped new code is refused, its error stays, and nothing changes (nothing invented as waiting to go).
    await hub.page.getByRole('button', { name: 'Stop sharing on this laptop' }).click();
    await hub.page.getByRole('group', { name: 'Confirm stopping sharing' }).getByRole('button', { name: 'Stop sharing' }).click();
    await again.getByRole('button', { name: 'Start a new sharing with a new code' }).click();
    await again.getByRole('button', { name: 'Start the new sharing' }).click();
    const codeNow = hub.page.getByLabel('Event code', { exact: true });
    await expect(codeNow).not.toHaveText(code);
    await expect(hub.page.locator('.sync-line')).toContainText('0 laptops have synced');
    await hub.page.getByRole('button', { name: 'Stop sharing on this laptop' }).click();
    const renewedConfirm = hub.page.getByRole('group', { name: 'Confirm stopping sharing' });
    await expect(renewedConfirm).toContainText('No member laptop has synced with this hub yet.');
    await expect(renewedConfirm).toContainText('1 laptop that synced in an earlier sharing is not linked: it needs the new event code to link again.');
    await shoot(hub.page, 'new-sharing-confirm', renewedConfirm);
    await renewedConfirm.getByRole('button', { name: 'Cancel' }).click();
    const newCode = (await codeNow.textContent())!;
    const wrong = newCode.slice(0, -1) + (newCode.endsWith('A') ? 'B' : 'A');
    const form = coach.page.getByRole('form', { name: "The hub's new event code" });
    await form.getByLabel('New event code').fill(wrong, { timeout: 40_000 });
    await form.getByRole('button', { name: 'Join again' }).click();
    const refused = form.getByText('The hub refused this code: it is not the code of its sharing now.');
    await expect(refused).toBeVisible();
    // The refused member's page says one thing: the hub has a new code, type it here (everything here is kept);
    // not its old code beside the form, nor "Sync now", "The hub moved" or "Make this laptop the hub".
    const member = coach.page.getByRole('region', { name: 'This laptop syncs with a hub' });
    await expect(member.getByText(/^The hub started a new sharing/)).toHaveText(
      'The hub started a new sharing with a new event code: the code this laptop joined with no longer opens it. ' +
        'Ask the organiser for the new code and type it below. Everything on this laptop is kept.',
    );
    await expect(member).not.toContainText(code);
    await expect(member).not.toContainText('Event code:');
    await expect(coach.page.getByText('The hub moved to another laptop')).toHaveCount(0);
    await expect(coach.page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
    await expect(coach.page.getByRole('button', { name: 'Make this laptop the hub' })).toHaveCount(0);
    // Another round with the hub leaves the form, its error and the changes waiting as they were.
    await rpc(coach.page.request, coach.host.url, 'sync.now');
    await expect(refused).toBeVisible();
    await expect(header).toContainText('The hub started a new sharing with a new event code');
    await expect(header).not.toContainText('waiting to go');
    await shoot(coach.page, 'join-again-refused', form);
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
