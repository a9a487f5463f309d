/**
 * Issue 13's checks on the queue that no other spec makes: an Undo appears
 * next to what it undoes and stays reachable for at least ten seconds (its
 * box inside the window at 1280x800 and 1024x700, for a no-show near the
 * bottom of a twelve-person queue), and the virtualised queue keeps keyboard
 * order and accessible names (Tab goes through a long queue's rows in order).
 */
import type { Page } from '@playwright/test';
import type { HostProcess } from '../support/host.js';
import { createEvent, createTable, entryAction, expect, openApp, test } from './fixtures.js';

async function rpc<T>(page: Page, host: HostProcess, method: string, args: unknown): Promise<T> {
  const response = await page.request.post(`${host.url}api/rpc`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

/** A table with `count` people waiting, named Person 01…; the page reloaded on it. */
async function tableWith(page: Page, host: HostProcess, count: number): Promise<string[]> {
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  const { tables } = await rpc<{ tables: { id: string }[] }>(page, host, 'snapshot.get', {});
  const names = Array.from({ length: count }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);
  for (const name of names) await rpc(page, host, 'walkin.add', { tableId: tables[0]!.id, name, topics: [], partySize: 1 });
  await openApp(page, host.url);
  return names;
}

async function expectInWindow(page: Page, box: { x: number; y: number; width: number; height: number } | null): Promise<void> {
  const size = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
}

for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
  test(`at ${width}x${height}, the Undo of a no-show near the bottom of twelve is beside it and stays in the window for 10 s`, async ({ page, host }, testInfo) => {
    await page.setViewportSize({ width, height });
    // The page's own clock, so its ten seconds can be run through rather than waited out (below).
    await page.clock.install();
    const names = await tableWith(page, host, 12);
    const who = names[10]!;
    await (await entryAction(page, who, `${who} did not show`)).click();
    const undo = page.getByRole('status').filter({ hasText: `${who} marked as a no-show.` }).getByRole('button', { name: 'Undo' });
    await expect(undo).toBeVisible();
    // Where the person stood: between the rows that were around them.
    const before = page.getByRole('listitem', { name: `10. ${names[9]}`, exact: true });
    const after = page.getByRole('listitem', { name: `11. ${names[11]}`, exact: true });
    const undoBox = await undo.boundingBox();
    await expectInWindow(page, undoBox);
    const [above, below] = [await before.boundingBox(), await after.boundingBox()];
    if (above) expect(undoBox!.y).toBeGreaterThanOrEqual(above.y);
    if (below) expect(undoBox!.y).toBeLessThanOrEqual(below.y + below.height);
    await page.screenshot({ path: testInfo.outputPath(`undo-${width}.png`) });
    // Ten seconds later it is still there, in the window, and still undoes: the page's clock runs 10.5 s on,
    // firing every timer due in them (the Undo's own time-out is the page's), without the test waiting them out.
    await page.clock.runFor(10_500);
    await expect(undo).toBeVisible();
    await expectInWindow(page, await undo.boundingBox());
    await undo.click();
    await expect(page.getByRole('listitem', { name: `11. ${who}`, exact: true })).toBeVisible();
  });
}

test('Tab goes through a long virtualised queue in order, each row keeping its accessible name', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const names = await tableWith(page, host, 60);
  const list = page.getByRole('list', { name: 'Queue, in order of arrival' });
  // Not every row is in the page at once (the list is virtualised), yet each one that is says where it stands.
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '60');
  await page.getByRole('button', { name: `More for ${names[0]}`, exact: true }).focus();
  const seen: string[] = [];
  for (let i = 0; i < 200 && seen.length < names.length; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const row = el?.closest('[role="listitem"], li');
      return {
        label: el?.getAttribute('aria-label') ?? '',
        row: row?.getAttribute('aria-posinset') ?? null,
      };
    });
    const match = /^More for (.+)$/.exec(focused.label);
    if (match) {
      seen.push(match[1]!);
      expect(focused.row).toBe(String(seen.length));
    }
    await page.keyboard.press('Tab');
  }
  expect(seen).toEqual(names);
  // The last rows, reached by keyboard alone, are drawn and named.
  await expect(page.getByRole('listitem', { name: `60. ${names[59]}`, exact: true })).toBeVisible();
});
