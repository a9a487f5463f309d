/**
 * "Put back" for a person sent to another table (issue 11): at the first
 * table they show as sent there, not "removed"; "Put back" brings them back
 * to their old place (and the other table shows them sent on), and is not
 * offered once the other table has called them; once back, the first table's
 * list of who left no longer says they were sent on. A reload keeps it all.
 */
import type { Page } from '@playwright/test';
import { addWalkIn, createEvent, createTable, expect, openApp, queueItems, test } from './fixtures.js';

function dashboardCard(page: Page, table: string) {
  return page.getByRole('article', { name: new RegExp(`^${table} `) });
}

async function openTable(page: Page, table: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: new RegExp(`^${table}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(table) })).toBeVisible();
}

async function sendTo(page: Page, from: string, who: string, to: string): Promise<void> {
  await page.getByRole('button', { name: "Organiser's dashboard" }).click();
  const card = dashboardCard(page, from);
  await card.getByRole('button', { name: `Send ${who} to another table` }).click();
  await card.getByRole('button', { name: `Send to ${to}` }).click();
  await expect(card.getByRole('button', { name: `Send ${who} to another table` })).toHaveCount(0);
}

test('a person sent to Table 2 shows as sent there, comes back to their place with Put back, and is not offered once called', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { name: 'Table 1', coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: 'Add table' }).click();
  await createTable(page, { name: 'Table 2', coaches: 'Ben Osei', topics: ['Careers'] });
  await openTable(page, 'Table 1');
  await addWalkIn(page, { name: 'Ana Lima' });
  await addWalkIn(page, { name: 'Bo Chen' });
  await addWalkIn(page, { name: 'Cy Diaz' });

  await sendTo(page, 'Table 1', 'Ana Lima', 'Table 2');
  await openTable(page, 'Table 1');
  const gone = page.getByRole('region', { name: 'Left the queue' });
  await expect(gone.getByRole('listitem').filter({ hasText: 'Ana Lima' })).toContainText('sent to Table 2');
  await expect(gone).not.toContainText('removed');
  await expect(queueItems(page)).toHaveCount(2);
  await gone.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('put-back-1280x800.png') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await gone.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('put-back-1024x700.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  // At Table 2 she shows where she came from.
  await openTable(page, 'Table 2');
  await expect(page.getByRole('listitem', { name: '1. Ana Lima' })).toContainText('sent from Table 1');

  // Put back, at Table 1: she is first again there, and gone from Table 2's queue.
  await openTable(page, 'Table 1');
  await gone.getByRole('button', { name: 'Put Ana Lima back in the queue' }).click();
  await expect(page.getByRole('listitem', { name: '1. Ana Lima' })).toBeVisible();
  await expect(queueItems(page)).toHaveCount(3);
  await expect(gone.getByRole('button', { name: 'Put Ana Lima back in the queue' })).toHaveCount(0);
  // She is back: Table 1's list of who left no longer says she was sent to Table 2.
  await expect(gone.getByRole('listitem').filter({ hasText: 'Ana Lima' })).toHaveCount(0);
  for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`put-back-after-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await openTable(page, 'Table 2');
  await expect(queueItems(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Left the queue' }).getByRole('listitem').filter({ hasText: 'Ana Lima' })).toContainText(
    'sent to Table 1',
  );

  // Bo is sent on and Table 2 calls him: Table 1 no longer offers to put him back.
  await sendTo(page, 'Table 1', 'Bo Chen', 'Table 2');
  await openTable(page, 'Table 2');
  await page.getByRole('button', { name: 'Start next' }).click();
  await expect(page.getByRole('button', { name: 'End turn' })).toBeVisible();
  await openTable(page, 'Table 1');
  const bo = gone.getByRole('listitem').filter({ hasText: 'Bo Chen' });
  await expect(bo).toContainText('sent to Table 2');
  await expect(bo.getByRole('button')).toHaveCount(0);

  // A reload keeps it all.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await openTable(page, 'Table 1');
  await expect(page.getByRole('listitem', { name: '1. Ana Lima' })).toBeVisible();
  await expect(gone.getByRole('listitem').filter({ hasText: 'Bo Chen' })).toContainText('sent to Table 2');
  await expect(gone.getByRole('listitem').filter({ hasText: 'Ana Lima' })).toHaveCount(0);
  await expect(gone.getByRole('listitem').filter({ hasText: 'Bo Chen' }).getByRole('button')).toHaveCount(0);
});
