/**
 * More time and a pause for a running turn (issue 13), by role and label:
 * "+5 min", a custom extension beside the countdown, Pause / Resume; the
 * deadline is the main process's (the countdown and the chime follow it), and
 * each action survives a reload.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addWalkIn,
  advanceClock,
  countChimes,
  countdownText,
  createEvent,
  createTable,
  expect,
  openApp,
  oscillatorsStarted,
  secondsOf,
  test,
} from './fixtures.js';
import { literal, textsFor } from './i18n-text.js';

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page, host }) => {
  await countChimes(page);
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await addWalkIn(page, { name: 'Kenji Watanabe' });
  await page.getByRole('button', { name: 'Start next' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
});

const turnTime = (page: Page) => page.getByRole('group', { name: 'Turn time' });
const seconds = async (page: Page) => secondsOf(await countdownText(page));

/** The countdown shows about `minutes` (within the few seconds a loaded machine takes). */
async function expectAbout(page: Page, minutes: number): Promise<void> {
  // Waits for the floor first: after "Add 5 minutes" the old 15:00 already met the ceiling, before the push came.
  await expect.poll(() => seconds(page)).toBeGreaterThan(minutes * 60 - 20);
  expect(await seconds(page)).toBeLessThanOrEqual(minutes * 60);
}

test('+5 min and a custom extension move the countdown, also after a reload', async ({ page, host }) => {
  await expectAbout(page, 15);
  await turnTime(page).getByRole('button', { name: 'Add 5 minutes' }).click();
  await expectAbout(page, 20);
  await openApp(page, host.url);
  await expectAbout(page, 20);

  // A custom extension: a wrong number is refused beside the field and changes nothing.
  await turnTime(page).getByRole('button', { name: 'More time…' }).click();
  const form = page.getByRole('form', { name: 'Add more time' });
  await form.getByLabel('Minutes to add').fill('0');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter a whole number of minutes from 1 to 60.');
  await expect(form.getByLabel('Minutes to add')).toHaveAttribute('aria-invalid', 'true');
  await expectAbout(page, 20);
  await form.getByLabel('Minutes to add').fill('12');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expectAbout(page, 32);
  await openApp(page, host.url);
  await expectAbout(page, 32);

  // Over time, +5 gives five minutes from now.
  await advanceClock(page, host, 40 * 60_000);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Over time by');
  await turnTime(page).getByRole('button', { name: 'Add 5 minutes' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  await expectAbout(page, 5);
});

test('a paused turn stands still and chimes for no one; Resume carries on from where it stood', async ({ page, host }) => {
  await turnTime(page).getByRole('button', { name: 'Pause' }).click();
  const timer = page.getByRole('timer');
  await expect(timer).toHaveAccessibleName('Paused, time left');
  const stood = await seconds(page);
  const chimes = await oscillatorsStarted(page);
  // Paused, with "More time…" open: axe finds nothing.
  await turnTime(page).getByRole('button', { name: 'More time…' }).click();
  await expect(page.getByRole('form', { name: 'Add more time' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await turnTime(page).getByRole('button', { name: 'More time…' }).click();

  // Twenty minutes pass, far beyond the deadline: no warning, no chime, the same time left.
  await advanceClock(page, host, 20 * 60_000);
  await page.waitForTimeout(1500);
  expect(await seconds(page)).toBe(stood);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await oscillatorsStarted(page)).toBe(chimes);

  await openApp(page, host.url);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Paused, time left');
  await expect.poll(() => seconds(page)).toBe(stood);
  await expect(turnTime(page).getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');

  await turnTime(page).getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  await expect.poll(() => seconds(page)).toBeLessThan(stood);
  expect(await seconds(page)).toBeGreaterThan(stood - 20);
  await openApp(page, host.url);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  expect(await seconds(page)).toBeGreaterThan(stood - 30);

  // The warning now comes at the moved deadline: 13 minutes of coaching later.
  const before = await oscillatorsStarted(page);
  await advanceClock(page, host, 13 * 60_000);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left, under 2 minutes');
  await expect.poll(() => oscillatorsStarted(page)).toBe(before + 1);
});

test('"More time…" opens below the clock row, never over End turn, in German, French, Russian and Arabic at 1024×700 and 1280×800; Escape closes it', async ({ page, host }) => {
  for (const language of ['de', 'fr', 'ru', 'ar'] as const) {
    const t = textsFor(language);
    await openApp(page, `${host.url}?lang=${language}`);
    for (const [width, height] of [[1024, 700], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      const more = page.getByRole('group', { name: t('turn.timeControls') }).getByRole('button', { name: t('turn.moreTime') });
      await more.click();
      const form = page.getByRole('form', { name: t('turn.moreTimeForm') });
      await expect(form.getByLabel(t('turn.extendMinutes'))).toBeFocused();
      const box = (await form.boundingBox())!;
      const end = page.getByRole('button', { name: new RegExp(`^${literal(t('turn.end')).source}`) });
      const endBox = (await end.boundingBox())!;
      const where = `${language} ${width}×${height}`;
      const overlaps = box.x < endBox.x + endBox.width && endBox.x < box.x + box.width && box.y < endBox.y + endBox.height && endBox.y < box.y + box.height;
      expect(overlaps, where).toBe(false);
      expect(endBox.y + endBox.height, where).toBeLessThanOrEqual(height);
      // The hit test agrees: the middle of End turn is End turn, not the form.
      expect(await end.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      }), where).toBe(true);
      await page.keyboard.press('Escape');
      await expect(form).toHaveCount(0);
      await expect(more).toBeFocused();
    }
  }
});
