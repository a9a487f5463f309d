/** A coach's first launch: create the session and a table; it all survives a restart. */
import { startHostProcess } from '../support/host.js';
import { createEvent, createTable, expect, openApp, queueItems, test } from './fixtures.js';

test('a new event and a table, with a topic added to the list, survive a host restart', async ({ page, host }) => {
  await openApp(page, host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
  await createEvent(page);
  await expect(page.getByText('Hall 1/2')).toBeVisible();

  // No tables yet: the form to add one is shown.
  await expect(page.getByRole('heading', { name: 'Add a table' })).toBeVisible();
  // A topic typed again (another case) is ticked, not only said to be in the list: the table offers it.
  const form = page.getByRole('form', { name: 'Table details' });
  await form.getByLabel('New topic').fill('Personal branding');
  await form.getByRole('button', { name: 'Add topic' }).click();
  await form.getByRole('checkbox', { name: 'Personal branding' }).uncheck();
  await form.getByLabel('New topic').fill('personal branding');
  await form.getByRole('button', { name: 'Add topic' }).click();
  await expect(form.getByRole('checkbox', { name: 'Personal branding' })).toBeChecked();
  await expect(form.getByRole('status')).toHaveText('"Personal branding" is already in the list: ticked for this table.');
  await expect(form.getByLabel('New topic')).toHaveValue('');
  await createTable(page, {
    coaches: 'Amara Okafor, Henrik Lindqvist',
    topics: [],
    newTopics: ['Open access publishing'],
    languages: ['fr'],
  });
  const header = page.getByRole('region', { name: /Table 1/ }).locator('header');
  await expect(header.getByRole('heading', { name: 'Table 1 Amara Okafor and Henrik Lindqvist' })).toBeVisible();
  await expect(header.getByRole('list', { name: 'Topics offered' })).toHaveText(/Personal branding.*Open access publishing/s);
  // Turn length defaults to 15 minutes; the language is named through Intl.
  await expect(header).toContainText('In French · turns of 15 minutes');

  await host.kill('SIGKILL');
  const again = await startHostProcess({ dataDir: host.dataDir });
  try {
    await openApp(page, again.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Drop-in coaching' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Table 1 Amara Okafor and Henrik Lindqvist' })).toBeVisible();
    await expect(page.getByRole('region', { name: /Table 1/ }).locator('header')).toContainText('In French · turns of 15 minutes');
  } finally {
    await again.kill('SIGTERM');
  }
});

test('the topic list can be edited and the session details changed', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  await page.getByRole('button', { name: 'Event settings' }).click();
  const catalogue = page.getByRole('region', { name: 'Topic list' });
  await catalogue.getByLabel('New topic').fill('Work-life balance');
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await catalogue.getByLabel('New topic').fill('Networking');
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await expect(catalogue.getByRole('listitem')).toHaveText([/Work-life balance/, /Networking/]);
  await catalogue.getByRole('button', { name: 'Remove topic Work-life balance' }).click();
  await expect(catalogue.getByRole('listitem')).toHaveText([/Networking/]);

  // Adding a topic twice is refused with a clear message.
  await catalogue.getByLabel('New topic').fill('networking');
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await expect(catalogue.getByRole('alert')).toHaveText('"Networking" is already in the list.');

  const details = page.getByRole('form', { name: 'Session details' });
  await details.getByLabel('Place').fill('Conference Hall 3');
  await details.getByRole('button', { name: 'Save session details' }).click();
  await expect(page.locator('.event-meta')).toContainText('Conference Hall 3');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(page.locator('.event-meta')).toContainText('Conference Hall 3');
});

test('a session that ends when it starts is refused and nothing is created; one that ends before it starts ends the next day', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'New event' }).click();
  await page.getByLabel('Session name').fill('Backwards');
  await page.getByLabel('Starts at').fill('13:30');
  await page.getByLabel('Ends at').fill('13:30');
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please correct the fields marked below.');
  await expect(page.getByText('The session must end at another time than it starts')).toBeVisible();
  await expect(page.getByLabel('Ends at')).toHaveAttribute('aria-invalid', 'true');

  const snapshot = await page.request.post(`${host.url}api/rpc`, { data: { method: 'snapshot.get', args: {} } });
  expect((await snapshot.json()).value.event).toBeNull();

  // 22:00 to 01:30 is a session across midnight, and the header says it ends the next day.
  await page.getByLabel('Starts at').fill('22:00');
  await page.getByLabel('Ends at').fill('01:30');
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.locator('.event-meta')).toContainText('10:00 PM–1:30 AM (ends the next day)');
});

test('the demo event opens a working floor in one click', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Demo event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /WLIC 2018 demo/ })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Tables' });
  await expect(nav.getByRole('button', { name: /^Table \d/ })).toHaveCount(4);
  await expect(queueItems(page)).toHaveCount(3);
  await expect(page.getByText('Next: Lucía Fernández')).toBeVisible();
});

test('the web host starts on the demo with --demo', async ({ page }) => {
  const demo = await startHostProcess({ demo: true });
  try {
    await openApp(page, demo.url);
    await expect(page.getByRole('heading', { level: 1, name: /WLIC 2018 demo/ })).toBeVisible();
  } finally {
    await demo.kill('SIGTERM');
  }
});

test('the layout mirrors for a right-to-left language, in that language', async ({ page, host }) => {
  await openApp(page, `${host.url}?lang=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.getByRole('button', { name: 'فعالية تجريبية' }).click();
  const nav = await page.getByRole('navigation', { name: 'الطاولات' }).boundingBox();
  const main = await page.getByRole('main').boundingBox();
  expect(nav && main && nav.x > main.x).toBe(true);
  // Nothing spills sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'استدعاء التالي' })).toBeVisible();
});

test('typing the next topic while the last one is still being added keeps what was typed', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  // The host answers "add a topic" slowly, as a busy laptop might.
  await page.route('**/api/rpc', async (route) => {
    if ((route.request().postDataJSON() as { method?: string } | null)?.method === 'topic.add') {
      await new Promise((resolve) => setTimeout(resolve, 600));
    }
    await route.continue();
  });
  await page.getByRole('button', { name: 'Event settings' }).click();
  const catalogue = page.getByRole('region', { name: 'Topic list' });
  await catalogue.getByLabel('New topic').fill('Work-life balance');
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await catalogue.getByLabel('New topic').fill('Networking');
  await expect(catalogue.getByRole('listitem')).toHaveText([/Work-life balance/]);
  await expect(catalogue.getByLabel('New topic')).toHaveValue('Networking');
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await expect(catalogue.getByRole('listitem')).toHaveText([/Work-life balance/, /Networking/]);
  await expect(catalogue.getByLabel('New topic')).toHaveValue('');
});
