/**
 * A laptop of one's own: its name is set in the UI and kept after a reload.
 */
import { createEvent, createTable, expect, openApp, test } from './fixtures.js';

test('a laptop is renamed in the UI; the name is kept after a reload; an empty name is refused and changes nothing', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  const nav = page.getByRole('navigation', { name: 'Tables' });
  await expect(nav.getByText(/^This laptop: /)).toBeVisible();

  await nav.getByRole('button', { name: 'Rename this laptop' }).click();
  const form = page.getByRole('form', { name: "This laptop's name" });
  await form.getByLabel('Laptop name').fill('   ');
  await form.getByRole('button', { name: 'Save name' }).click();
  await expect(form.getByRole('alert').or(form.getByText('The laptop needs a name.'))).toBeVisible();
  await form.getByLabel('Laptop name').fill('Table 1 laptop');
  await form.getByRole('button', { name: 'Save name' }).click();
  await expect(nav.getByText('This laptop: Table 1 laptop')).toBeVisible();

  await openApp(page, host.url);
  await expect(nav.getByText('This laptop: Table 1 laptop')).toBeVisible();
});
