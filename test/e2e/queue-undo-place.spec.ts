/**
 * In a long (virtualised) queue (issue 13): the Undo of a no-show marked near
 * the bottom stands where that person stood, inside the window, not far
 * above; and the keyboard goes through the rows in queue order.
 */
import type { Page } from '@playwright/test';
import { allOfTomorrow, createEvent, createTable, entryAction, expect, openApp, queueItems, test } from './fixtures.js';

test.describe.configure({ timeout: 120_000 });

const NAMES = Array.from({ length: 40 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);

async function rpc(page: Page, url: string, method: string, args: unknown): Promise<unknown> {
  const response = await page.request.post(`${url}api/rpc`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value: unknown };
  expect(body.ok).toBe(true);
  return body.value;
}

test.beforeEach(async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });
  const { tables } = (await rpc(page, host.url, 'snapshot.get', {})) as { tables: { id: string }[] };
  for (const name of NAMES) await rpc(page, host.url, 'walkin.add', { tableId: tables[0]!.id, name, topics: [], partySize: 1 });
  await expect(page.getByRole('heading', { name: `Waiting (${NAMES.length})` })).toBeVisible();
});

test('the Undo of a no-show near the bottom stands where the person stood, inside the window', async ({ page }) => {
  const who = NAMES[37]!;
  const row = page.getByRole('listitem', { name: `38. ${who}`, exact: true });
  await row.scrollIntoViewIfNeeded();
  const rowBox = (await row.boundingBox())!;
  await (await entryAction(page, who, `${who} did not show`)).click();
  const undo = page.getByRole('status').filter({ hasText: `${who} marked as a no-show.` });
  await expect(undo).toBeVisible();
  const box = (await undo.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // Where the row was (within one row's height), not thousands of pixels above.
  expect(Math.abs(box.y - rowBox.y)).toBeLessThan(rowBox.height + 20);
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('listitem', { name: `38. ${who}`, exact: true })).toBeVisible();
});

test('Tab goes through the queue rows in queue order', async ({ page }) => {
  await page.getByRole('button', { name: 'Start turn with Person 01' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'More for Person 02', exact: true }).focus();
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    seen.push((await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')) || '');
    await page.keyboard.press('Tab');
  }
  const more = seen.filter((s) => s.startsWith('More for '));
  expect(more).toEqual(NAMES.slice(1, 1 + more.length).map((n) => `More for ${n}`));
  expect(more.length).toBeGreaterThanOrEqual(6);
  await expect(queueItems(page).first()).toHaveAttribute('aria-posinset', '1');
});
