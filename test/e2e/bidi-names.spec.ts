/**
 * Latin names on an Arabic screen: the table's name and each coach's name keep
 * their own place in the right-to-left line ("Table 2", then "Henrik
 * Lindqvist", then "و", then "Fatima Zahra Benali", read from the right); they
 * ran together before, the table's name between the two coaches.
 */
import { addWalkIn, createEvent, createTable, expect, openApp, test } from './fixtures.js';

test('in Arabic, the table heading, the side list and the queue keep each Latin name in its place', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { name: 'Table 2', coaches: 'Henrik Lindqvist, Fatima Zahra Benali', topics: [], newTopics: ['Careers'] });
  await addWalkIn(page, { name: 'Chiara U.' });
  await page.getByLabel('Language').selectOption('ar');
  const heading = page.locator('#table-title');
  await expect(heading).toContainText('Henrik Lindqvist');
  const box = async (text: string) => (await heading.locator('bdi', { hasText: text }).boundingBox())!;
  const table = await box('Table 2');
  const first = await box('Henrik Lindqvist');
  const second = await box('Fatima Zahra Benali');
  // Right to left: the table's name rightmost, then the first coach, then the second.
  expect(table.x).toBeGreaterThan(first.x);
  expect(first.x).toBeGreaterThan(second.x);
  expect(first.x + first.width).toBeLessThanOrEqual(table.x + 1);
  // A queue row's Latin name keeps its full stop at its end (it read ".Chiara U" before its <bdi>).
  const inQueue = page.locator('.queue-entry bdi', { hasText: 'Chiara U.' });
  await expect(inQueue).toHaveCount(1);
  expect(await inQueue.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  // The side list's table name is typed text too: in its <bdi>, left to right inside the Arabic line (it had none).
  const side = page.locator('nav.side .nav-name bdi', { hasText: 'Table 2' });
  await expect(side).toHaveCount(1);
  expect(await side.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  await heading.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('bidi-ar-1024x700.png') });
});
