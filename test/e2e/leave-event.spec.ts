/**
 * Leaving an event on a laptop (issue 13: "leaving the demo event for a real
 * one"): Event settings → Leave this event, a confirm that names the event
 * and can be cancelled, then the welcome screen, which a reload keeps; a new
 * event can be made at once.
 */
import { createEvent, createTable, expect, openApp, test } from './fixtures.js';

test('leave the demo event from Event settings, after a warning, for a real one; a reload keeps the choice', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Demo event' }).click();
  const demoName = 'CPDWL drop-in career coaching (WLIC 2018 demo)';
  await expect(page.getByText(demoName).first()).toBeVisible();

  await page.getByRole('button', { name: 'Event settings' }).click();
  const card = page.getByRole('region', { name: 'Leave this event on this laptop' });
  await expect(card).toContainText(`Deletes “${demoName}” from this laptop`);
  await card.getByRole('button', { name: 'Leave this event…' }).click();
  const confirm = card.getByRole('group', { name: `Confirm leaving ${demoName}` });
  await expect(confirm).toContainText('This cannot be undone.');
  await confirm.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('leave-1024x700.png') });
  // Cancel changes nothing.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByText(demoName).first()).toBeVisible();

  await page.getByRole('button', { name: 'Event settings' }).click();
  await card.getByRole('button', { name: 'Leave this event…' }).click();
  await confirm.getByRole('button', { name: 'Leave and delete' }).click();
  await expect(page.getByRole('button', { name: 'New event' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'New event' })).toBeVisible();
  await expect(page.getByText(demoName)).toHaveCount(0);

  // A real event straight away, with nothing of the demo in it.
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Drop-in coaching' })).toBeVisible();
});
