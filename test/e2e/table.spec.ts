/** A coach at a table: walk-ins, the queue, a timed turn, a note; restarts in the middle. */
import { startHostProcess } from '../support/host.js';
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
  queueItems,
  secondsOf,
  test,
} from './fixtures.js';

const TOPICS = ['Personal branding', 'Work-life balance'];

test.beforeEach(async ({ page, host }) => {
  await countChimes(page);
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: TOPICS });
});

test('walk-ins queue in arrival order; anonymous people get a ticket', async ({ page }) => {
  await addWalkIn(page, { name: 'Lucía Fernández', topics: ['Personal branding'], partySize: 1 });
  await addWalkIn(page, { topics: ['Work-life balance'], partySize: 3 });
  await expect(page.getByRole('form', { name: 'Add a walk-in' }).getByRole('status')).toHaveText(
    'Ticket 2 is in the queue.',
  );
  await addWalkIn(page, { name: 'Kenji Watanabe' });

  await expect(queueItems(page)).toHaveCount(3);
  await expect(page.getByRole('listitem', { name: '1. Lucía Fernández' })).toBeVisible();
  const second = page.getByRole('listitem', { name: '2. Ticket 2' });
  await expect(second).toContainText('party of 3');
  await expect(second.getByRole('list', { name: 'Topics Ticket 2 came for' })).toHaveText('Work-life balance');
  await expect(page.getByRole('listitem', { name: '3. Kenji Watanabe' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Waiting (3)' })).toBeVisible();
  await expect(page.getByText('Next: Lucía Fernández')).toBeVisible();

  // A party size of 0 is refused beside the field, and the queue is unchanged.
  const form = page.getByRole('form', { name: 'Add a walk-in' });
  await form.getByLabel('Party size').fill('0');
  await form.getByRole('button', { name: 'Add walk-in' }).click();
  await expect(form.getByLabel('Party size')).toHaveAttribute('aria-invalid', 'true');
  await expect(queueItems(page)).toHaveCount(3);
});

test('a turn counts down, warns at 2 minutes, chimes and alerts at zero, then counts overtime', async ({ page, host }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await addWalkIn(page, { name: 'Kenji Watanabe' });
  await page.getByRole('button', { name: 'Start next' }).click();

  const timer = page.getByRole('timer');
  await expect(timer).toHaveAccessibleName('Time left');
  await expect(page.locator('.now-who')).toContainText('Lucía Fernández');
  await expect(page.getByText('Next: Kenji Watanabe')).toBeVisible();
  const first = secondsOf(await countdownText(page));
  expect(first).toBeGreaterThan(14 * 60 + 50);
  expect(first).toBeLessThanOrEqual(15 * 60);
  await expect.poll(async () => secondsOf(await countdownText(page))).toBeLessThan(first);

  // 13 minutes later: under 2 minutes left. (The chimes so far: someone
  // joining the empty queue.)
  const before = await oscillatorsStarted(page);
  await advanceClock(page, host, 13 * 60_000);
  await expect(timer).toHaveAccessibleName('Time left, under 2 minutes');
  await expect(page.getByRole('status').filter({ hasText: '2 minutes left for Lucía Fernández.' })).toBeVisible();
  await expect.poll(() => oscillatorsStarted(page)).toBe(before + 1);

  // At zero: a visible alert and a three-note chime; then overtime counts up.
  await advanceClock(page, host, 2 * 60_000 + 5_000);
  await expect(page.getByRole('alert')).toHaveText(/Time is up for Lucía Fernández\./);
  await expect(timer).toHaveAccessibleName('Over time by');
  await expect.poll(() => oscillatorsStarted(page)).toBe(before + 4);
  const over = secondsOf(await countdownText(page));
  expect(over).toBeLessThanOrEqual(-5);
  await expect.poll(async () => secondsOf(await countdownText(page))).toBeLessThan(over);

  await page.getByRole('button', { name: 'End turn' }).click();
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Earlier turns' })).toContainText('Lucía Fernández');
  await expect(page.getByText('Next: Kenji Watanabe')).toBeVisible();
});

test('the coach can start a chosen person out of turn', async ({ page }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await addWalkIn(page, {});
  await page.getByRole('button', { name: 'Start turn with Ticket 2' }).click();
  await expect(page.locator('.now-who')).toContainText('Ticket 2');
  await expect(queueItems(page)).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: '1. Lucía Fernández' })).toBeVisible();
  // Only one turn at a time: the queue's start buttons wait for this turn to end.
  // During a turn a row offers no Start: the row keeps its width for the person.
  await expect(page.getByRole('button', { name: 'Start turn with Lucía Fernández' })).toHaveCount(0);
});

test('a note saves as the coach types, during and after the turn', async ({ page }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await page.getByRole('button', { name: 'Start next' }).click();
  const note = page.getByLabel('Note', { exact: true });
  await note.pressSequentially('Wants a personal learning plan.', { delay: 15 });
  await expect(page.getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();

  await page.getByRole('button', { name: 'End turn' }).click();
  const after = page.getByLabel('Note for Lucía Fernández');
  await expect(after).toHaveValue('Wants a personal learning plan.');
  await after.press('End');
  await after.pressSequentially(' Follow up about IFLA sections.');
  await expect(page.getByRole('region', { name: 'Earlier turns' }).getByRole('status')).toHaveText(/^Saved at /);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(page.getByLabel('Note for Lucía Fernández')).toHaveValue(
    'Wants a personal learning plan. Follow up about IFLA sections.',
  );
});

test('text typed just before the window reloads is not lost', async ({ page }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await page.getByRole('button', { name: 'Start next' }).click();
  const note = page.getByLabel('Note', { exact: true });
  await note.fill('Typed, then the window closed at once');
  // No wait for "Saved": the page goes away while the save is still pending.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Typed, then the window closed at once');
});

test('a host restart in the middle of a turn keeps the turn, its countdown and the note', async ({ page, host }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await addWalkIn(page, { name: 'Kenji Watanabe' });
  await page.getByRole('button', { name: 'Start next' }).click();
  await page.getByLabel('Note', { exact: true }).fill('Typed just before the crash');
  await expect(page.getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();
  const before = secondsOf(await countdownText(page));

  // The host dies the hard way; the page says so and waits.
  await host.kill('SIGKILL');
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting to the Tableside host…' })).toBeVisible();

  const again = await startHostProcess({ dataDir: host.dataDir, port: host.port });
  try {
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    await expect(page.locator('.now-who')).toContainText('Lucía Fernández');
    await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Typed just before the crash');
    const after = secondsOf(await countdownText(page));
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(before - 30);
    await expect(queueItems(page)).toHaveCount(1);

    // And a fresh page load on the restarted host shows the same.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Typed just before the crash');
    await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  } finally {
    await again.kill('SIGTERM');
  }
});

test('a laptop that slept through the end of a turn shows the overtime on waking', async ({ page, host }) => {
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await page.getByRole('button', { name: 'Start next' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('Time left');
  await advanceClock(page, host, 20 * 60_000);
  await expect(page.getByRole('timer')).toHaveAccessibleName('Over time by');
  const over = secondsOf(await countdownText(page));
  expect(over).toBeLessThanOrEqual(-(5 * 60 - 5));
  expect(over).toBeGreaterThan(-(5 * 60 + 30));
  await expect(page.getByRole('alert')).toHaveText(/Time is up for Lucía Fernández\./);
});
