/**
 * Undo of End turn and of Start turn (issue 13), by role and label: the Undo
 * stands where the action was (End turn's in the "now" card, Start turn's
 * beside End turn), is still there after a reload within its 20 seconds, and
 * restores what was: the turn running with its time left and its person, or
 * the person back in the queue at their place.
 */
import {
  addWalkIn,
  countdownText,
  createEvent,
  createTable,
  expect,
  openApp,
  queueItems,
  secondsOf,
  test,
} from './fixtures.js';

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await addWalkIn(page, { name: 'Kenji Watanabe' });
  await addWalkIn(page, { name: 'Aiko Arai' });
});

test('Alt+E ends a turn; Undo beside it brings the turn back with its time left, also after a reload', async ({ page, host }) => {
  await page.getByRole('button', { name: /^Start next/ }).click();
  const now = page.getByRole('region', { name: 'Now at the table' });
  await expect(page.getByRole('timer')).toBeVisible();
  await expect.poll(async () => secondsOf(await countdownText(page))).toBeLessThan(15 * 60);
  await page.keyboard.press('Alt+e');
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(now.getByRole('status')).toHaveText(/Turn with Lucía Fernández ended\./);

  // A reload inside the window: the Undo is still there, in the now card.
  await openApp(page, host.url);
  const undo = now.getByRole('button', { name: 'Undo End turn' });
  await expect(undo).toBeVisible();
  await undo.click();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(now.locator('.now-who')).toContainText('Lucía Fernández');
  const left = secondsOf(await countdownText(page));
  expect(left).toBeGreaterThan(14 * 60 - 30);
  expect(left).toBeLessThan(15 * 60);
  await expect(queueItems(page)).toHaveCount(2);
  await expect(page.getByText('Next: Kenji Watanabe')).toBeVisible();
  await openApp(page, host.url);
  await expect(now.locator('.now-who')).toContainText('Lucía Fernández');
  await expect(page.getByRole('region', { name: 'Earlier turns' })).toHaveCount(0);
});

test('Undo start puts the person back in the queue at their place, also after a reload', async ({ page, host }) => {
  await page.getByRole('button', { name: 'Start turn with Kenji Watanabe' }).click();
  const now = page.getByRole('region', { name: 'Now at the table' });
  await expect(now.locator('.now-who')).toContainText('Kenji Watanabe');
  await expect(queueItems(page)).toHaveCount(2);

  await openApp(page, host.url);
  const undo = now.getByRole('button', { name: 'Undo start of this turn' });
  await expect(undo).toBeVisible();
  await undo.click();
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(queueItems(page)).toHaveCount(3);
  await expect(page.getByRole('listitem', { name: '2. Kenji Watanabe' })).toBeVisible();
  await openApp(page, host.url);
  await expect(page.getByRole('listitem', { name: '1. Lucía Fernández' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: '2. Kenji Watanabe' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: '3. Aiko Arai' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Earlier turns' })).toHaveCount(0);
});

test('the Undo goes by itself after its 20 seconds', async ({ page, host }) => {
  // The page's own clock (reloaded on it), so its seconds can be run through rather than waited out: the Undo's
  // time-out is the page's (useStillWithin), from the turn's start.
  await page.clock.install();
  await openApp(page, host.url);
  await page.getByRole('button', { name: /^Start next/ }).click();
  const now = page.getByRole('region', { name: 'Now at the table' });
  await expect(now.getByRole('button', { name: 'Undo start of this turn' })).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(now.getByRole('button', { name: 'Undo start of this turn' })).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(now.getByRole('button', { name: 'Undo start of this turn' })).toHaveCount(0);
});
