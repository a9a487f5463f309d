/**
 * Several languages per table and per walk-in (issue 14): a table offering
 * two languages, a walk-in who speaks one of them, and "send elsewhere"
 * preferring the table in their language; everything survives a reload. An
 * unknown language typed in the table form is refused beside the box.
 *
 * With TABLESIDE_SCREENSHOTS=DIR set, the table form and the table screen
 * (English and Arabic, 1280×800 and 1024×700) are saved there, to look at.
 */
import type { Page } from '@playwright/test';
import { addWalkIn, allOfTomorrow, createEvent, createTable, expect, openApp, test } from './fixtures.js';

function dashboardCard(page: Page, table: string) {
  return page.getByRole('article', { name: new RegExp(`^${table} `) });
}

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.TABLESIDE_SCREENSHOTS;
  if (!dir) return;
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${dir}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe.configure({ timeout: 180_000 });

test('a table in two languages; the walk-in who speaks one is sent there first; it all survives a reload', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Hall 1' });
  await createTable(page, { name: 'Front desk', coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });

  await page.getByRole('button', { name: 'Add table' }).click();
  await createTable(page, { name: 'German corner', coaches: 'Jonas Becker', topics: ['Careers'], languages: ['de'] });

  await page.getByRole('button', { name: 'Add table' }).click();
  const form = page.getByRole('form', { name: 'Table details' });
  const offered = form.getByRole('group', { name: 'Languages offered' });
  // Any language, by its name or its tag; one Intl does not know is refused beside the box.
  await offered.getByLabel('Another language').fill('Klingonese');
  await offered.getByRole('button', { name: 'Add language' }).click();
  await expect(offered.getByRole('alert')).toHaveText(/does not know “Klingonese”/);
  // A special code is refused by name; a real code is named before it is added ("asl" is not American Sign Language).
  await offered.getByLabel('Another language').fill('und');
  await offered.getByRole('button', { name: 'Add language' }).click();
  await expect(offered.getByRole('alert')).toHaveText(/“und” is a special code, not a language/);
  await offered.getByLabel('Another language').fill('asl');
  await expect(offered.getByText('Adds Asilulu (asl)')).toBeVisible();
  await offered.getByLabel('Another language').fill('ase');
  await expect(offered.getByText('Adds American Sign Language')).toBeVisible();
  await offered.getByLabel('Another language').fill('Swahili');
  await offered.getByRole('button', { name: 'Add language' }).click();
  await expect(offered.getByRole('checkbox', { name: 'Swahili' })).toBeChecked();
  await offered.getByRole('checkbox', { name: 'Swahili' }).uncheck();
  await shoot(page, 'table-form-languages');
  await createTable(page, { name: 'Arabic table', coaches: 'Karim Haddad', topics: ['Careers'], languages: ['fr', 'ar'] });
  const header = page.getByRole('region', { name: /Arabic table/ }).locator('header');
  await expect(header).toContainText('In French and Arabic · turns of 15 minutes');

  // At the front desk, a walk-in who speaks Arabic, and one who said nothing.
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /Front desk/ }).click();
  const walkIn = page.getByRole('form', { name: 'Add a walk-in' });
  const speaks = walkIn.getByRole('group', { name: 'Speaks' });
  // The languages the event's open tables offer, this table's first.
  await expect(speaks.getByRole('checkbox')).toHaveCount(4);
  await expect(speaks.getByRole('checkbox').first()).toHaveAccessibleName('English');
  await addWalkIn(page, { name: 'Lina Haddad', topics: ['Careers'], speaks: ['ar'] });
  await expect(speaks.getByRole('checkbox', { name: 'Arabic' })).not.toBeChecked();
  await addWalkIn(page, { name: 'Tom Silent', topics: ['Careers'] });
  await shoot(page, 'table-walkin-languages');

  for (const reloaded of [false, true]) {
    if (reloaded) {
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    }
    await page.getByRole('button', { name: "Organiser's dashboard" }).click();
    const card = dashboardCard(page, 'Front desk');
    await expect(dashboardCard(page, 'Arabic table')).toContainText('French and Arabic');
    await expect(card).toContainText('Lina Haddad · Careers · Arabic');
    await card.getByRole('button', { name: 'Send Lina Haddad to another table' }).click();
    const options = card.getByRole('list', { name: 'Tables for Lina Haddad' }).getByRole('listitem');
    // Both tables offer her topic and have nobody waiting: the one in her language comes first.
    await expect(options.first()).toContainText('Send to Arabic table');
    await expect(options.first()).toContainText('in Arabic');
    await expect(options.nth(1)).toContainText('Send to German corner');
    await expect(options.nth(1)).not.toContainText(/ · in /);
    await card.getByRole('button', { name: 'Cancel' }).click();
  }

  // She is sent there, and her languages go with her.
  const card = dashboardCard(page, 'Front desk');
  await card.getByRole('button', { name: 'Send Lina Haddad to another table' }).click();
  await card.getByRole('button', { name: 'Send to Arabic table' }).click();
  await expect(dashboardCard(page, 'Arabic table')).toContainText('Lina Haddad · Careers · Arabic');

  // The same screens in Arabic (right to left), to look at.
  if (process.env.TABLESIDE_SCREENSHOTS) {
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('navigation').getByRole('button', { name: /Front desk/ }).click();
    await shoot(page, 'table-walkin-languages-ar');
    await page.getByRole('navigation').getByRole('button', { name: 'إضافة طاولة' }).click();
    await page.getByRole('group', { name: 'اللغات المتاحة' }).getByRole('checkbox').nth(2).check();
    await shoot(page, 'table-form-languages-ar');
  }
});
