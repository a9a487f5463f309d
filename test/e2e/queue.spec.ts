/**
 * The queue at a coach's table, beyond the scripted crowd: moving people,
 * stepping away and coming back, no-shows and removals with undo, estimated
 * waits that learn, the session clock and closing the table, the keyboard
 * shortcuts, a topic focus, note tags, the questions panel, the table's
 * settings and the join cue. Every state that matters survives a restart.
 */
import type { Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';
import {
  addWalkIn,
  advanceClock,
  clockOffset,
  countChimes,
  createEvent,
  createTable,
  entryAction,
  expect,
  openApp,
  oscillatorsStarted,
  queueItems,
  test,
  today,
} from './fixtures.js';

const A = 'Personal branding';
const B = 'Work-life balance';

// ---------------------------------------------------------------------------
// Helpers

/** A local date in the browser, as the event form wants it. */
async function browserDate(page: Page, plusDays = 0): Promise<string> {
  return page.evaluate((days) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, plusDays);
}

/**
 * An event and a table. The session is tomorrow, all day, so its end is far
 * away and never marks anyone "likely not reached" in these tests.
 */
async function setUp(page: Page, host: HostProcess, minutes = 15): Promise<void> {
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', date: await browserDate(page, 1), start: '09:00', end: '17:00', place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: [A, B], minutes });
}

/**
 * A walk-in, waiting until this very person is confirmed (the form's status
 * already says "… is in the queue." from the previous one).
 */
async function join(page: Page, walkIn: { name: string; topics?: string[]; partySize?: number }): Promise<void> {
  await addWalkIn(page, walkIn);
  await expect(page.getByRole('form', { name: 'Add a walk-in' }).getByRole('status')).toHaveText(`${walkIn.name} is in the queue.`);
}

async function addPeople(page: Page, names: readonly string[]): Promise<void> {
  for (const name of names) await join(page, { name });
}

/** The queue as shown, top to bottom: "1. Ana", "2. Ben", … */
function queueOrder(page: Page): Promise<string[]> {
  return queueItems(page).evaluateAll((items) => items.map((li) => li.getAttribute('aria-label') ?? ''));
}

async function expectOrder(page: Page, names: readonly string[]): Promise<void> {
  await expect.poll(() => queueOrder(page)).toEqual(names.map((n, i) => `${i + 1}. ${n}`));
}

function entry(page: Page, position: number, name: string) {
  return page.getByRole('listitem', { name: `${position}. ${name}`, exact: true });
}

function undoBanner(page: Page) {
  return page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
}

function goneList(page: Page) {
  return page.getByRole('region', { name: 'Left the queue' });
}

function tableSettings(page: Page) {
  return page.getByRole('form', { name: 'Table settings' });
}

async function openTableSettings(page: Page): Promise<void> {
  const summary = page.getByText('Table settings', { exact: true });
  if (!(await tableSettings(page).isVisible())) await summary.click();
  await expect(tableSettings(page)).toBeVisible();
}

function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

const RANGE = /expected wait (\d+)–(\d+) min/;

/** Each queue entry's expected wait as [low, high] minutes, top to bottom. */
async function waitRanges(page: Page): Promise<[number, number][]> {
  const texts = await queueItems(page).allInnerTexts();
  return texts.map((text) => {
    const m = RANGE.exec(text);
    if (!m) throw new Error(`No expected wait in: ${text}`);
    return [Number(m[1]), Number(m[2])];
  });
}

/** The clock time as the app shows it (Intl in the page's language and time zone). */
function shownTime(page: Page, ms: number): Promise<string> {
  return page.evaluate(
    (at) => new Intl.DateTimeFormat(document.documentElement.lang, { hour: 'numeric', minute: '2-digit' }).format(at),
    ms,
  );
}

async function hostNow(page: Page, host: HostProcess): Promise<number> {
  const response = await page.request.get(`${host.url}__test__/clock`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { value: { now: number } }).value.now;
}

/**
 * Kill the host the hard way and start a new one on the same data, port and
 * clock; the page reconnects, then reloads from scratch.
 */
async function restart(page: Page, host: HostProcess): Promise<HostProcess> {
  const offset = await clockOffset(page, host);
  await host.kill('SIGKILL');
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting to the Tableside host…' })).toBeVisible();
  const again = await startHostProcess({ dataDir: host.dataDir, port: host.port, clockOffsetMs: offset });
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  return again;
}

// ---------------------------------------------------------------------------

test('moving someone up or down can be undone, and someone can be taken out of turn', async ({ page, host }) => {
  await setUp(page, host);
  await addPeople(page, ['Ana', 'Ben', 'Caro', 'Dev']);
  await expectOrder(page, ['Ana', 'Ben', 'Caro', 'Dev']);
  // The first cannot go up, the last cannot go down.
  await expect((await entryAction(page, 'Ana', 'Move Ana up'))).toBeDisabled();
  await expect((await entryAction(page, 'Dev', 'Move Dev down'))).toBeDisabled();

  await (await entryAction(page, 'Caro', 'Move Caro up')).click();
  await expectOrder(page, ['Ana', 'Caro', 'Ben', 'Dev']);
  await expect(undoBanner(page)).toContainText('Caro moved up.');
  await (await entryAction(page, 'Caro', 'Move Caro up')).click();
  await expectOrder(page, ['Caro', 'Ana', 'Ben', 'Dev']);
  await expect(page.getByText('Next: Caro')).toBeVisible();
  await undoBanner(page).getByRole('button', { name: 'Undo' }).click();
  await expectOrder(page, ['Ana', 'Caro', 'Ben', 'Dev']);
  await expect(undoBanner(page)).toHaveCount(0);

  await (await entryAction(page, 'Ana', 'Move Ana down')).click();
  await expectOrder(page, ['Caro', 'Ana', 'Ben', 'Dev']);
  await expect(undoBanner(page)).toContainText('Ana moved down.');
  await undoBanner(page).getByRole('button', { name: 'Undo' }).click();
  await expectOrder(page, ['Ana', 'Caro', 'Ben', 'Dev']);

  // Out of turn: Ben is coached now, the others keep their order.
  await page.getByRole('button', { name: 'Start turn with Ben' }).click();
  await expect(page.locator('.now-who')).toContainText('Ben');
  await expectOrder(page, ['Ana', 'Caro', 'Dev']);
  await expect(page.getByText('Next: Ana')).toBeVisible();

  // The order is in the database, not in the page.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expectOrder(page, ['Ana', 'Caro', 'Dev']);
  await expect(page.locator('.now-who')).toContainText('Ben');
});

test('a person who steps away keeps their place for the hold time; after it they go to the end', async ({ page, host }) => {
  await setUp(page, host);
  await openTableSettings(page);
  await tableSettings(page).getByLabel('Hold a place for (minutes)').fill('5');
  await tableSettings(page).getByRole('button', { name: 'Save table settings' }).click();
  await expect(tableSettings(page).getByRole('status')).toHaveText('Saved.');
  await addPeople(page, ['Ana', 'Ben', 'Caro']);

  // Ben steps away: his place is held for 5 minutes of the host's clock.
  const before = await hostNow(page, host);
  await (await entryAction(page, 'Ben', 'Ben steps away')).click();
  const after = await hostNow(page, host);
  const ben = entry(page, 2, 'Ben');
  await expect(ben).toContainText(/stepped away, place held until/);
  const held = /place held until (\S+(?: [AP]M)?)/.exec(await ben.innerText())?.[1];
  expect([await shownTime(page, before + 5 * 60_000), await shownTime(page, after + 5 * 60_000)]).toContain(held);
  await expect(undoBanner(page)).toContainText('Ben stepped away; their place is held.');
  await expect(page.getByRole('button', { name: 'Ben is back' })).toBeVisible();

  // A restart keeps the hold.
  const again = await restart(page, host);
  try {
    await expect(entry(page, 2, 'Ben')).toContainText(`stepped away, place held until ${held}`);

    // Back within the hold: the same place.
    await advanceClock(page, again, 2 * 60_000);
    await page.getByRole('button', { name: 'Ben is back' }).click();
    await expect((await entryAction(page, 'Ben', 'Ben steps away'))).toBeVisible();
    await expectOrder(page, ['Ana', 'Ben', 'Caro']);
    await expect(entry(page, 2, 'Ben')).not.toContainText('stepped away');

    // Away again, and back only after the hold has run out: the end of the queue.
    await (await entryAction(page, 'Ben', 'Ben steps away')).click();
    await expect(page.getByRole('button', { name: 'Ben is back' })).toBeVisible();
    await advanceClock(page, again, 5 * 60_000 + 5_000);
    await page.getByRole('button', { name: 'Ben is back' }).click();
    await expectOrder(page, ['Ana', 'Caro', 'Ben']);
    await expect((await entryAction(page, 'Ben', 'Ben steps away'))).toBeVisible();

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expectOrder(page, ['Ana', 'Caro', 'Ben']);
  } finally {
    await again.kill('SIGTERM');
  }
});

test('a no-show and a removal can be undone or put back from "Left the queue", and survive a restart', async ({ page, host }) => {
  await setUp(page, host);
  await addPeople(page, ['Ana', 'Ben', 'Caro', 'Dev']);

  // No-show, then undo: back in the same place.
  await (await entryAction(page, 'Ben', 'Ben did not show')).click();
  await expectOrder(page, ['Ana', 'Caro', 'Dev']);
  await expect(goneList(page).getByRole('listitem')).toHaveText([/^Ben · no-show · /]);
  await expect(undoBanner(page)).toContainText('Ben marked as a no-show.');
  await undoBanner(page).getByRole('button', { name: 'Undo' }).click();
  await expectOrder(page, ['Ana', 'Ben', 'Caro', 'Dev']);
  await expect(goneList(page)).toHaveCount(0);

  // Removal, then undo.
  await (await entryAction(page, 'Ana', 'Remove Ana')).click();
  await expectOrder(page, ['Ben', 'Caro', 'Dev']);
  await expect(undoBanner(page)).toContainText('Ana removed from the queue.');
  await undoBanner(page).getByRole('button', { name: 'Undo' }).click();
  await expectOrder(page, ['Ana', 'Ben', 'Caro', 'Dev']);

  // Removal, then "Put back" from the list of people who left.
  await (await entryAction(page, 'Caro', 'Remove Caro')).click();
  await (await entryAction(page, 'Dev', 'Dev did not show')).click();
  await expectOrder(page, ['Ana', 'Ben']);
  // Most recent first.
  await expect(goneList(page).getByRole('listitem')).toHaveText([/^Dev · no-show · /, /^Caro · removed · /]);
  await goneList(page).getByRole('button', { name: 'Put Caro back in the queue' }).click();
  await expectOrder(page, ['Ana', 'Ben', 'Caro']);
  await expect(goneList(page).getByRole('listitem')).toHaveText([/^Dev · no-show · /]);

  const again = await restart(page, host);
  try {
    await expectOrder(page, ['Ana', 'Ben', 'Caro']);
    await expect(goneList(page).getByRole('listitem')).toHaveText([/^Dev · no-show · /]);
    await goneList(page).getByRole('button', { name: 'Put Dev back in the queue' }).click();
    await expectOrder(page, ['Ana', 'Ben', 'Caro', 'Dev']);
  } finally {
    await again.kill('SIGTERM');
  }
});

test('expected waits are ranges that grow along the queue and learn from the turns this table runs', async ({ page, host }) => {
  await setUp(page, host, 15);
  await addPeople(page, ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
  await expect(queueItems(page)).toHaveCount(8);

  const nominal = await waitRanges(page);
  for (const [low, high] of nominal) {
    expect(low).toBeLessThan(high);
    expect(low % 5).toBe(0);
    expect(high % 5).toBe(0);
  }
  // Each place further back waits longer, at both ends of the range.
  for (let i = 1; i < nominal.length; i++) {
    expect(nominal[i]![0]).toBeGreaterThan(nominal[i - 1]![0]);
    expect(nominal[i]![1]).toBeGreaterThan(nominal[i - 1]![1]);
  }
  // The first in line can start now; the third waits for two turns of about 15 minutes.
  expect(nominal[0]![0]).toBe(0);
  const third = nominal[2]!;
  expect(third[0]).toBeGreaterThanOrEqual(15);
  expect(third[1]).toBeLessThanOrEqual(45);

  // Four turns that last 3 minutes each, far shorter than the nominal 15.
  for (let n = 1; n <= 4; n++) {
    await page.getByRole('button', { name: /^Start next/ }).click();
    await expect(page.locator('.now-who')).toContainText(`P${n}`);
    await advanceClock(page, host, 3 * 60_000);
    await page.getByRole('button', { name: /^End turn/ }).click();
    await expect(page.getByRole('region', { name: 'Earlier turns' }).getByRole('listitem')).toHaveCount(n);
  }
  await expectOrder(page, ['P5', 'P6', 'P7', 'P8']);

  // The same place in the queue now expects a shorter wait (polled: the
  // queue's rows are redrawn just after the rest of the screen).
  await expect.poll(async () => (await waitRanges(page))[2]![1]).toBeLessThan(third[1]);
  const learned = await waitRanges(page);
  const thirdNow = learned[2]!;
  test.info().annotations.push({
    type: 'estimate',
    description: `3rd in the queue: ${third[0]}–${third[1]} min with no history, ${thirdNow[0]}–${thirdNow[1]} min after four 3-minute turns`,
  });
  expect(thirdNow[0]).toBeLessThan(third[0]);
  expect(thirdNow[1]).toBeLessThan(third[1]);
  expect(thirdNow[0]).toBeLessThan(thirdNow[1]);
  expect(thirdNow[0] % 5).toBe(0);
  expect(thirdNow[1] % 5).toBe(0);
  for (let i = 1; i < learned.length; i++) expect(learned[i]![1]).toBeGreaterThanOrEqual(learned[i - 1]![1]);
});

test('the session clock names who will likely not be reached; closing the table records them; reopening works; a restart keeps it', async ({ page, host }) => {
  // A session ending about 32 minutes from the floor's now (the host's clock, which the page follows). Within
  // half an hour of midnight the end would fall on the next day, which an event cannot express: then the host's
  // test clock is moved two hours on, past midnight, and the page reloaded to follow it.
  if (new Date(Date.now() + 33 * 60_000).getDate() !== new Date().getDate()) await advanceClock(page, host, 2 * 3_600_000);
  await openApp(page, host.url);
  const now = new Date(Date.now() + (await clockOffset(page, host)));
  const end = new Date(now.getTime() + 33 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const session = {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    end: `${pad(end.getHours())}:${pad(end.getMinutes())}`,
  };
  await createEvent(page, { name: 'Drop-in coaching', date: session.date, start: '00:00', end: session.end, place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: [A], minutes: 15 });
  await addPeople(page, ['Ana', 'Ben', 'Caro', 'Dev', 'Eli']);

  // 32 to 33 minutes left, turns of about 15: Ana and Ben are likely done by 30; Caro would likely
  // start at 30 with 2 or 3 minutes left, so she, Dev and Eli are likely not reached (a likely
  // start after the last start that fits a turn; the low end, 24, would wrongly have counted her in).
  const clock = page.getByRole('status').filter({ hasText: 'The session ends at' });
  await expect(clock).toContainText(/\(3[23] minutes left\)/);
  // The live status line says how many, not who (it is read out on every change); the names sit beside it.
  await expect(clock).toContainText('3 people likely not reached before the end.');
  await expect(clock).not.toContainText('Caro');
  await expect(page.getByText('Tell them, or send them to another table: Caro, Dev, and Eli', { exact: true })).toBeVisible();
  for (const [i, name] of ['Ana', 'Ben'].entries()) {
    await expect(entry(page, i + 1, name)).toContainText(RANGE);
  }
  await expect(entry(page, 3, 'Caro')).toContainText('likely not reached before the end');
  await expect(entry(page, 4, 'Dev')).toContainText('likely not reached before the end');
  await expect(entry(page, 5, 'Eli')).toContainText('likely not reached before the end');

  // The coach closes the table: everyone still waiting is recorded as not reached.
  await openTableSettings(page);
  await page.getByRole('button', { name: 'Close table', exact: true }).click();
  const confirm = page.getByRole('group', { name: 'Close the table?' });
  await expect(confirm).toContainText('5 people still waiting will be recorded as not reached.');
  await confirm.getByRole('button', { name: 'Close table now' }).click();

  const expectClosed = async () => {
    await expect(page.getByRole('status').filter({ hasText: /^This table closed at / })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Waiting (0)' })).toBeVisible();
    await expect(queueItems(page)).toHaveCount(0);
    // All closed at the same instant, so in no particular order.
    await expect(goneList(page).getByRole('listitem')).toHaveCount(5);
    const gone = (await goneList(page).getByRole('listitem').allInnerTexts()).map((text) => text.replace(/ · [^·]+$/, '')).sort();
    expect(gone).toEqual(['Ana', 'Ben', 'Caro', 'Dev', 'Eli'].map((n) => `${n} · not reached`));
    await expect(goneList(page).getByRole('button', { name: /back in the queue/ })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Add a walk-in' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Start next/ })).toBeDisabled();
    await expect(clock).toHaveCount(0);
  };
  await expectClosed();

  const again = await restart(page, host);
  try {
    await expectClosed();
    await openTableSettings(page);
    await page.getByRole('button', { name: 'Reopen table' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^This table closed at / })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Add a walk-in' })).toBeVisible();
    // The record of who was not reached stays.
    await expect(goneList(page).getByRole('listitem')).toHaveCount(5);
    await join(page, { name: 'Fay' });
    await expectOrder(page, ['Fay']);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(page.getByRole('status').filter({ hasText: /^This table closed at / })).toHaveCount(0);
    await expectOrder(page, ['Fay']);
  } finally {
    await again.kill('SIGTERM');
  }
});

test('keyboard shortcuts add a walk-in, start the next turn, jump to the note and end the turn', async ({ page, host }) => {
  await setUp(page, host);
  // Each shortcut is shown beside what it does.
  const walkInHeading = page.getByRole('heading', { name: /^Add a walk-in/ });
  await expect(walkInHeading.getByText('Alt+W', { exact: true })).toBeVisible();
  const startNext = page.getByRole('button', { name: /^Start next/ });
  await expect(startNext.getByText('Alt+N', { exact: true })).toBeVisible();

  // Alt+W: the walk-in's name box, from anywhere.
  await page.getByRole('heading', { name: /Amara Okafor/ }).click();
  await page.keyboard.press('Alt+KeyW');
  const name = page.getByRole('form', { name: 'Add a walk-in' }).getByLabel('Name');
  await expect(name).toBeFocused();
  await page.keyboard.type('Ana');
  await page.keyboard.press('Enter');
  await expectOrder(page, ['Ana']);
  await expect(name).toBeFocused();
  await page.keyboard.type('Ben');
  await page.keyboard.press('Enter');
  await expectOrder(page, ['Ana', 'Ben']);

  // Alt+N: start the next turn.
  await page.keyboard.press('Alt+KeyN');
  await expect(page.locator('.now-who')).toContainText('Ana');
  await expect(page.getByRole('timer')).toBeVisible();
  const endTurn = page.getByRole('button', { name: /^End turn/ });
  await expect(endTurn.getByText('Alt+E', { exact: true })).toBeVisible();
  await expect(page.getByText('Alt+T jumps here.')).toBeVisible();

  // Alt+T: the note, ready to type in.
  await page.keyboard.press('Alt+KeyT');
  const note = page.getByLabel('Note', { exact: true });
  await expect(note).toBeFocused();
  await page.keyboard.type('Typed without the mouse.');
  await expect(page.getByRole('region', { name: 'Now at the table' }).getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();

  // Alt+E: end the turn.
  await page.keyboard.press('Alt+KeyE');
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByLabel('Note for Ana')).toHaveValue('Typed without the mouse.');
  await expectOrder(page, ['Ben']);

  // And Alt+N again for the next person.
  await page.keyboard.press('Alt+KeyN');
  await expect(page.locator('.now-who')).toContainText('Ben');
});

test('a topic focus: the common topics with counts, the chosen people, served together', async ({ page, host }) => {
  await setUp(page, host);
  await join(page, { name: 'Ana', topics: [A] });
  await join(page, { name: 'Ben', topics: [A, B] });
  await join(page, { name: 'Caro', topics: [B] });
  await join(page, { name: 'Dev', topics: [A], partySize: 2 });
  await join(page, { name: 'Eli' });

  const crowd = page.getByRole('region', { name: /: handle the crowd$/ });
  await crowd.getByRole('button', { name: 'Topic focus', exact: true }).click();
  await expect(crowd.getByRole('button', { name: 'Topic focus', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Most common first, counting people (Dev comes as two).
  const topics = crowd.getByRole('group', { name: 'Topic to focus on' }).getByRole('radio');
  await expect(topics).toHaveCount(2);
  await expect(crowd.getByRole('group', { name: 'Topic to focus on' }).getByRole('listitem')).toHaveText([`${A} (4 people)`, `${B} (2 people)`]);
  await expect(crowd.getByRole('radio', { name: `${A} (4 people)` })).toBeChecked();
  await crowd.getByRole('radio', { name: `${B} (2 people)` }).check();

  // Everyone waiting is offered; only those who asked for the topic are ticked.
  const who = crowd.getByRole('group', { name: 'Who joins' });
  await expect(who.getByRole('checkbox')).toHaveCount(5);
  for (const name of ['Ben', 'Caro']) await expect(who.getByRole('checkbox', { name, exact: true })).toBeChecked();
  for (const name of ['Ana', 'Dev', 'Eli']) await expect(who.getByRole('checkbox', { name, exact: true })).not.toBeChecked();
  // Back to the first topic: its askers instead; the coach adds Eli, then goes back to Ben and Caro.
  await crowd.getByRole('radio', { name: `${A} (4 people)` }).check();
  for (const name of ['Ana', 'Ben', 'Dev']) await expect(who.getByRole('checkbox', { name, exact: true })).toBeChecked();
  await who.getByRole('checkbox', { name: 'Eli', exact: true }).check();
  await expect(who.getByRole('checkbox', { name: 'Eli', exact: true })).toBeChecked();
  await crowd.getByRole('radio', { name: `${B} (2 people)` }).check();
  for (const name of ['Ana', 'Dev', 'Eli']) await expect(who.getByRole('checkbox', { name, exact: true })).not.toBeChecked();
  await crowd.getByLabel('Focus length (minutes)').fill('10');
  await crowd.getByRole('button', { name: 'Start topic focus' }).click();

  await expect(page.locator('.mode')).toHaveText(`Topic focus: ${B}`);
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveText([/^Ben/, /^Caro/]);
  await expect(page.getByRole('timer')).toBeVisible();
  await expectOrder(page, ['Ana', 'Dev', 'Eli']);

  await page.getByRole('button', { name: /^End turn/ }).click();
  const past = page.getByRole('region', { name: 'Earlier turns' }).getByRole('listitem');
  await expect(past).toHaveCount(1);
  await expect(past).toContainText('Ben and Caro');
  await expect(past).toContainText('topic focus');
  // Served: not back in the queue, and not among those who left it.
  await expectOrder(page, ['Ana', 'Dev', 'Eli']);
  await expect(goneList(page)).toHaveCount(0);
  const snapshot = await (await page.request.post(`${host.url}api/rpc`, { data: { method: 'snapshot.get', args: {} } })).json();
  const turn = snapshot.value.tables[0].pastTurns[0];
  expect(turn.mode).toBe('topic_focus');
  expect(turn.topic).toBe(B);
  expect(turn.participants.map((p: { name: string }) => p.name)).toEqual(['Ben', 'Caro']);
  expect(turn.endedAt - turn.startedAt).toBeGreaterThanOrEqual(0);
});

test('sharing a note with the organisers is kept after a reload, and can be taken back', async ({ page, host }) => {
  await setUp(page, host);
  await addPeople(page, ['Ana']);
  await page.getByRole('button', { name: /^Start next/ }).click();
  const share = page.getByRole('checkbox', { name: 'Share with the organisers' });
  await expect(share).not.toBeChecked();
  await expect(page.getByText('Private: this note stays on this laptop.')).toBeVisible();

  await share.check();
  // The hint follows the stored note, so it changes only once the core has saved it.
  await expect(page.getByText('Shared: the organisers can see this note.')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(page.getByRole('checkbox', { name: 'Share with the organisers' })).toBeChecked();
  await expect(page.getByText('Shared: the organisers can see this note.')).toBeVisible();

  await page.getByRole('checkbox', { name: 'Share with the organisers' }).uncheck();
  await expect(page.getByText('Private: this note stays on this laptop.')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(page.getByRole('checkbox', { name: 'Share with the organisers' })).not.toBeChecked();
});

test('the questions panel shows the four seed questions; a coach\'s own question is added and removed, and kept', async ({ page, host }) => {
  await setUp(page, host);
  const panel = page.getByRole('region', { name: 'Questions to ask' });
  const seeds = [
    'What is your most important need in continuing professional development?',
    'How will this help the organisation you are working in?',
    'What do you believe you need to develop further?',
    'What do you plan to do after this?',
  ];
  await expect(panel.getByRole('listitem')).toHaveText(seeds);

  const mine = 'Who else could help you with this?';
  await panel.getByLabel('Your own question').fill(mine);
  await panel.getByRole('button', { name: 'Add question' }).click();
  await expect(panel.getByRole('listitem')).toHaveText([...seeds, startsWith(mine)]);
  await expect(panel.getByLabel('Your own question')).toHaveValue('');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(panel.getByRole('listitem')).toHaveText([...seeds, startsWith(mine)]);

  await panel.getByRole('button', { name: `Remove question: ${mine}` }).click();
  await expect(panel.getByRole('listitem')).toHaveText(seeds);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expect(panel.getByRole('listitem')).toHaveText(seeds);
});

test('table settings are saved and kept, and the crowd tools start from them', async ({ page, host }) => {
  await setUp(page, host);
  await openTableSettings(page);
  const form = tableSettings(page);
  await expect(form.getByLabel('Hold a place for (minutes)')).toHaveValue('10');
  await form.getByLabel('Hold a place for (minutes)').fill('7');
  await form.getByLabel('Largest group').fill('3');
  await form.getByLabel('Minutes per group').fill('12');
  await form.getByRole('checkbox', { name: 'Call the next group automatically when time is up' }).check();
  await form.getByRole('button', { name: 'Save table settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  // A value out of range is refused beside its field and nothing changes.
  await form.getByLabel('Largest group').fill('1');
  await form.getByRole('button', { name: 'Save table settings' }).click();
  await expect(form.getByLabel('Largest group')).toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await openTableSettings(page);
  await expect(form.getByLabel('Hold a place for (minutes)')).toHaveValue('7');
  await expect(form.getByLabel('Largest group')).toHaveValue('3');
  await expect(form.getByLabel('Minutes per group')).toHaveValue('12');
  await expect(form.getByRole('checkbox', { name: 'Call the next group automatically when time is up' })).toBeChecked();

  await addPeople(page, ['Ana']);
  const crowd = page.getByRole('region', { name: /: handle the crowd$/ });
  await crowd.getByRole('button', { name: 'Split into groups' }).click();
  await expect(crowd.getByLabel('Largest group')).toHaveValue('3');
  await expect(crowd.getByLabel('Minutes per group')).toHaveValue('12');
  await expect(crowd.getByRole('checkbox', { name: 'Call the next group automatically when time is up' })).toBeChecked();
});

test('someone joining an empty queue is announced with a cue and a sound', async ({ page, host }) => {
  await countChimes(page);
  // The page's own clock, so the cue's seconds on screen can be run through rather than waited out (below).
  await page.clock.install();
  await setUp(page, host);
  const cue = page.getByRole('status').filter({ hasText: 'joined the queue.' });
  await expect(cue).toHaveCount(0);
  expect(await oscillatorsStarted(page)).toBe(0);

  await join(page, { name: 'Ana' });
  await expect(cue).toHaveText('Ana joined the queue.');
  // The join sound is two notes.
  await expect.poll(() => oscillatorsStarted(page)).toBe(2);

  // A second person joins a queue that is not empty: no new cue, no sound.
  await join(page, { name: 'Ben' });
  await expectOrder(page, ['Ana', 'Ben']);
  await expect(cue).toHaveText('Ana joined the queue.');
  expect(await oscillatorsStarted(page)).toBe(2);
  // The cue goes by itself, even though the queue changed meanwhile: the page's clock runs on past its
  // 8 seconds (TableScreen's JOIN_CUE_MS), firing every timer due in them (CONFIRMATION_MS).
  await page.clock.runFor(8_500);
  await expect(cue).toHaveCount(0);
  // So does the walk-in form's "Ben is in the queue." (lib/useTransient.ts, as every confirmation); it was announced.
  await expect(page.getByRole('form', { name: 'Add a walk-in' }).getByRole('status')).toHaveCount(0);

  // Putting someone back into an empty queue is not someone joining.
  await (await entryAction(page, 'Ana', 'Remove Ana')).click();
  await (await entryAction(page, 'Ben', 'Remove Ben')).click();
  await expect(queueItems(page)).toHaveCount(0);
  await goneList(page).getByRole('button', { name: 'Put Ana back in the queue' }).click();
  await expectOrder(page, ['Ana']);
  await expect(cue).toHaveCount(0);
  expect(await oscillatorsStarted(page)).toBe(2);

  // Once the queue is empty again, the next arrival is announced again.
  await page.getByRole('button', { name: 'Start turn with Ana' }).click();
  await expect(queueItems(page)).toHaveCount(0);
  await addWalkIn(page, {});
  await expect(cue).toHaveText('Ticket 3 joined the queue.');
  await expect.poll(() => oscillatorsStarted(page)).toBe(4);
});

test('on another day than the session, the clock gives its date instead of counting minutes; after the session, screen and board agree and the session can be moved to today', async ({ page, host }) => {
  await openApp(page, host.url);
  const days = await page.evaluate(() => {
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const long = (d: Date) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'full' }).format(d);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    return { tomorrow: iso(tomorrow), tomorrowLong: long(tomorrow), yesterday: iso(yesterday), yesterdayLong: long(yesterday) };
  });
  // Set up the evening before.
  await createEvent(page, { name: 'Drop-in coaching', date: days.tomorrow, start: '11:45', end: '13:30', place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], minutes: 15 });
  const clock = page.locator('.session-clock');
  await expect(clock).toHaveText(new RegExp(`^The session is on ${days.tomorrowLong}, until (13:30|1:30\\sPM)\\.$`));

  // The same event, dated yesterday: it ended then, not "at 13:30" today.
  await page.getByRole('button', { name: 'Event settings' }).click();
  const details = page.getByRole('form', { name: 'Session details' });
  await details.getByLabel('Date').fill(days.yesterday);
  await details.getByRole('button', { name: 'Save session details' }).click();
  await expect(page.locator('.event-meta')).toContainText(days.yesterdayLong.split(',')[0]!);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /Amara Okafor/ }).click();
  await expect(clock).toHaveText(new RegExp(`^The session ended on ${days.yesterdayLong} at (13:30|1:30\\sPM)\\.$`));
  await expect(clock).not.toContainText('minutes');

  // Two people come to the table today. The screen and the board agree: the session is over, so they
  // are likely not reached; the coach is offered to extend the session or move it to today.
  await addWalkIn(page, { name: 'Ana' });
  await addWalkIn(page, { name: 'Ben' });
  await expect(page.locator('.not-reached')).toContainText('2 people likely not reached');
  const board = await page.context().newPage();
  await board.goto(`${host.url}board`);
  await expect(board.getByRole('listitem', { name: /Table 1/ })).toContainText(/be reached here before the session ends/);
  const over = page.getByRole('group', { name: 'The session is over' });
  await expect(over).toContainText(`The session ended on ${days.yesterdayLong}.`);
  // Moved to today with its hours and the whole day long, the session runs now: nobody is flagged, and the board quotes a wait.
  await page.getByRole('button', { name: 'Event settings' }).click();
  await details.getByLabel('Starts at').fill('00:00');
  await details.getByLabel('Ends at').fill('23:59');
  await details.getByRole('button', { name: 'Save session details' }).click();
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /Amara Okafor/ }).click();
  await over.getByRole('button', { name: 'Move the session to today' }).click();
  await expect(over).toHaveCount(0);
  await expect(page.locator('.not-reached')).toHaveCount(0);
  await expect(clock).toContainText('The session ends at');
  await expect(board.getByRole('listitem', { name: /Table 1/ })).toContainText(/min/);
  await expect(board.getByRole('listitem', { name: /Table 1/ })).not.toContainText(/be reached here before the session ends/);
});

test('closing a table with more people waiting than the screen lists says how many there were in all', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', date: today(), start: '00:00', end: '23:59', place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [] });
  const snap = await page.request.post(`${host.url}api/rpc`, { data: { method: 'snapshot.get', args: {} } });
  const tableId = ((await snap.json()) as { value: { tables: { id: string }[] } }).value.tables[0]!.id;
  // A crowd of 33 arrives (through the same API the form uses; typing them all would say nothing more).
  for (let n = 1; n <= 33; n++) {
    const r = await page.request.post(`${host.url}api/rpc`, { data: { method: 'walkin.add', args: { tableId, name: `Guest ${n}`, topics: [], partySize: 1 } } });
    expect(r.ok()).toBe(true);
  }
  await expect(page.getByRole('heading', { name: 'Waiting (33)' })).toBeVisible();
  await openTableSettings(page);
  await page.getByRole('button', { name: 'Close table', exact: true }).click();
  await page.getByRole('group', { name: 'Close the table?' }).getByRole('button', { name: 'Close table now' }).click();

  const expectRecord = async () => {
    await expect(goneList(page).getByRole('listitem')).toHaveCount(30);
    await expect(goneList(page)).toContainText('The latest 30 of 33; the export has them all.');
  };
  await expectRecord();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await expectRecord();
});
