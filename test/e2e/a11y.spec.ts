/**
 * axe-core on every screen a coach works with: the welcome screen and the
 * forms, a table with a queue, each crowd tool, a rotation, a turn in its
 * warning and overtime states, and the event settings. None may have a
 * violation; each test first checks that the screen is in the state it names.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { HostProcess } from '../support/host.js';
import { addWalkIn, advanceClock, createEvent, createTable, entryAction, expect, openApp, queueItems, test } from './fixtures.js';

const A = 'Personal branding';
const B = 'Work-life balance';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect(found).toEqual([]);
}

/** A walk-in, waiting until this very person is confirmed. */
async function join(page: Page, walkIn: { name: string; topics?: string[]; partySize?: number }): Promise<void> {
  await addWalkIn(page, walkIn);
  await expect(page.getByRole('form', { name: 'Add a walk-in' }).getByRole('status')).toHaveText(`${walkIn.name} is in the queue.`);
}

/** An event ending tomorrow evening, a table, and four people waiting with mixed topics. */
async function tableWithQueue(page: Page, host: HostProcess): Promise<void> {
  await openApp(page, host.url);
  const tomorrow = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await createEvent(page, { name: 'Drop-in coaching', date: tomorrow, start: '09:00', end: '17:00', place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: [A, B] });
  await join(page, { name: 'Lucía', topics: [A] });
  await join(page, { name: 'Kenji', topics: [B], partySize: 2 });
  await join(page, { name: 'Noor', topics: [A, B] });
  await join(page, { name: 'Ama', topics: [A] });
  await expect(queueItems(page)).toHaveCount(4);
}

function crowdTools(page: Page) {
  return page.getByRole('region', { name: /: handle the crowd$/ });
}

test('the welcome screen and the new-event form', async ({ page, host }) => {
  await openApp(page, host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'New event' }).click();
  await expect(page.getByRole('form', { name: 'Session details' })).toBeVisible();
  await expectNoViolations(page);
  // With errors shown beside the fields.
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByLabel('Session name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});

test('the table form', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  const form = page.getByRole('form', { name: 'Table details' });
  await expect(form).toBeVisible();
  await form.getByLabel('New topic').fill(A);
  await form.getByRole('button', { name: 'Add topic' }).click();
  await expect(form.getByRole('checkbox', { name: A })).toBeChecked();
  await expectNoViolations(page);
  // With an error: no coach.
  await form.getByRole('button', { name: 'Create table' }).click();
  await expect(form.getByLabel('Coaches')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});

test('a table with a queue: someone away, someone gone, the undo banner, the settings and questions open', async ({ page, host }) => {
  await tableWithQueue(page, host);
  await (await entryAction(page, 'Kenji', 'Kenji steps away')).click();
  await expect(page.getByRole('listitem', { name: '2. Kenji' })).toContainText('place held until');
  await (await entryAction(page, 'Ama', 'Ama did not show')).click();
  await expect(page.getByRole('region', { name: 'Left the queue' })).toContainText('Ama · no-show');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.getByText('Table settings', { exact: true }).click();
  await expect(page.getByRole('form', { name: 'Table settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Close table', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Close the table?' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Questions to ask' }).getByRole('listitem')).toHaveCount(4);
  await expectNoViolations(page);
});

test('the crowd tools, each one open', async ({ page, host }) => {
  await tableWithQueue(page, host);
  await crowdTools(page).getByRole('button', { name: 'Plenary', exact: true }).click();
  await expect(crowdTools(page).getByLabel('Plenary length (minutes)')).toBeVisible();
  await expectNoViolations(page);

  await crowdTools(page).getByRole('button', { name: 'Topic focus', exact: true }).click();
  await expect(crowdTools(page).getByRole('group', { name: 'Topic to focus on' })).toBeVisible();
  await expectNoViolations(page);

  await crowdTools(page).getByRole('button', { name: 'Split into groups', exact: true }).click();
  await crowdTools(page).getByLabel('Largest group').fill('2');
  await crowdTools(page).getByRole('button', { name: 'Propose groups' }).click();
  await expect(page.getByRole('list', { name: 'Proposed groups' }).getByRole('listitem', { name: /^Group \d$/ }).nth(1)).toBeVisible();
  await expectNoViolations(page);
});

test('a rotation running, with a group on and groups to come', async ({ page, host }) => {
  await tableWithQueue(page, host);
  await crowdTools(page).getByRole('button', { name: 'Split into groups', exact: true }).click();
  await crowdTools(page).getByLabel('Largest group').fill('2');
  await crowdTools(page).getByRole('button', { name: 'Propose groups' }).click();
  await page.getByRole('button', { name: /^Start rotation with \d+ groups$/ }).click();
  await expect(page.locator('.mode')).toHaveText(/^Sub-group 1 of \d+$/);
  await expect(page.getByRole('region', { name: /^Rotation:/ })).toContainText('expected at');
  await expect(page.getByRole('list', { name: 'Taking part' })).toBeVisible();
  const atTable = page.getByRole('region', { name: 'Now at the table' });
  await atTable.getByText('Mentoring follow-up', { exact: true }).click();
  await expect(atTable.getByRole('form', { name: 'Mentoring follow-up' })).toBeVisible();
  await expectNoViolations(page);

  // Between groups: the time is up and the next group waits for the coach.
  await advanceClock(page, host, 15 * 60_000 + 2_000);
  await expect(page.getByRole('alert')).toContainText('Call the next group when ready');
  await expectNoViolations(page);
});

test('a turn in its warning and overtime states', async ({ page, host }) => {
  await tableWithQueue(page, host);
  await page.getByRole('button', { name: /^Start next/ }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  await page.getByLabel('Note', { exact: true }).fill('Wants a learning plan.');
  await expect(page.getByRole('region', { name: 'Now at the table' }).getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();

  await advanceClock(page, host, 13 * 60_000 + 5_000);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left, under 2 minutes');
  await expect(page.getByRole('status').filter({ hasText: '2 minutes left for Lucía.' })).toBeVisible();
  await expectNoViolations(page);

  await advanceClock(page, host, 2 * 60_000);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Over time by');
  await expect(page.getByRole('alert')).toContainText('Time is up for Lucía.');
  await expectNoViolations(page);
});

test('the event settings', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  await page.getByRole('button', { name: 'Event settings' }).click();
  const catalogue = page.getByRole('region', { name: 'Topic list' });
  await catalogue.getByLabel('New topic').fill(A);
  await catalogue.getByRole('button', { name: 'Add topic' }).click();
  await expect(catalogue.getByRole('listitem')).toHaveText([new RegExp(A)]);
  await expect(page.getByRole('form', { name: 'Session details' })).toBeVisible();
  await expectNoViolations(page);
});
