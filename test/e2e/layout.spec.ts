/**
 * The coach's table screen at a glance: at the three laptop sizes a floor
 * sees (1280×800, 1366×768, 1024×700) the countdown, who is at the table,
 * the button that ends the turn (or calls the next group), the next five
 * waiting (three at 1024×700) and the note box are all within the window
 * with the page not scrolled (and "+5 min" and Pause beside the countdown), in a one-to-one turn, a plenary for ten, a
 * topic focus and a rotation, and again after a reload.
 *
 * With TABLESIDE_SCREENSHOTS=DIR set, each case is also saved as a PNG there,
 * to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { allOfTomorrow, createEvent, createTable, expect, openApp, queueItems, test } from './fixtures.js';

const A = 'Personal branding';
const B = 'Work-life balance';
const C = 'Leadership styles';

const SIZES = [
  { width: 1280, height: 800, next: 5 },
  { width: 1366, height: 768, next: 5 },
  { width: 1024, height: 700, next: 3 },
] as const;

const PEOPLE = [
  { name: 'Amina Abdullahi-Okonkwo', topics: [A, B] },
  { name: 'Bruno Bellini', topics: [B] },
  { name: 'Chen Wei', topics: [C] },
  { name: 'Anna Andersson', topics: [A] },
  { name: 'Bea Baumgartner', topics: [B, C] },
  { name: 'Carlos Castillo', topics: [C] },
  { name: 'Aiko Arai', topics: [A] },
  { name: 'Ben Bradshaw', topics: [B] },
  { name: 'Chiara Colombo', topics: [C, A] },
  { name: 'Ade Adeyemi', topics: [A] },
  { name: 'Björn Berg', topics: [B] },
  { name: 'Cyrus Cohen', topics: [C] },
  { name: 'Dana Dimitrova', topics: [A] },
  { name: 'Eli Eriksen', topics: [] },
  { name: 'Farah Farouk', topics: [B] },
];

async function rpc<T>(page: Page, url: string, method: string, args: unknown): Promise<T> {
  const response = await page.request.post(`${url}api/rpc`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

interface TableState {
  id: string;
  queue: { id: string; name: string | null; topics: string[] }[];
  currentTurn: { id: string } | null;
  rotation: { id: string } | null;
}

async function table(page: Page, url: string): Promise<TableState> {
  const snapshot = await rpc<{ tables: TableState[] }>(page, url, 'snapshot.get', {});
  return snapshot.tables[0]!;
}

async function expectInView(page: Page, what: string, locator: Locator): Promise<void> {
  const size = page.viewportSize()!;
  await expect(locator, what).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  const b = box!;
  if (process.env.TABLESIDE_SCREENSHOTS) console.log(`${size.width}x${size.height} ${what}: y ${Math.round(b.y)}–${Math.round(b.y + b.height)}`);
  expect.soft(b.y, `${what}: top at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(0);
  expect.soft(b.x, `${what}: start at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(0);
  expect.soft(b.y + b.height, `${what}: bottom at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
  expect.soft(b.x + b.width, `${what}: end at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
}

/** A rotation's two actions, Call next group and End turn, side by side on one row (End turn once wrapped below at 1024×700). */
async function expectSideBySide(page: Page, what: string, a: Locator, b: Locator): Promise<void> {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  expect(boxA && boxB, what).toBeTruthy();
  const size = page.viewportSize()!;
  // Their vertical extents overlap: one row, not one under the other.
  expect.soft(boxB!.y < boxA!.y + boxA!.height && boxA!.y < boxB!.y + boxB!.height, `${what} at ${size.width}×${size.height}: ${JSON.stringify([boxA, boxB])}`).toBe(true);
}

/** Every size, before and after a reload: the page unscrolled, the essentials inside the window. */
async function checkAtEverySize(page: Page, mode: string, who: string, endButton: RegExp): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const reloaded of [false, true]) {
      if (reloaded) await openApp(page, page.url());
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const now = page.getByRole('region', { name: 'Now at the table' });
      await expectInView(page, `${mode}: countdown`, page.getByRole('timer'));
      await expectInView(page, `${mode}: who`, now.getByText(who, { exact: true }).first());
      await expectInView(page, `${mode}: end or next`, now.getByRole('button', { name: endButton }).first());
      if (mode === 'rotation') {
        await expectInView(page, `${mode}: end turn`, now.getByRole('button', { name: /^End turn/ }));
        await expectSideBySide(page, `${mode}: next group and end turn`, now.getByRole('button', { name: endButton }), now.getByRole('button', { name: /^End turn/ }));
      }
      // More time and a pause, beside the countdown (issue 13).
      const turnTime = now.getByRole('group', { name: 'Turn time' });
      await expectInView(page, `${mode}: +5 min`, turnTime.getByRole('button', { name: 'Add 5 minutes' }));
      await expectInView(page, `${mode}: pause`, turnTime.getByRole('button', { name: 'Pause' }));
      await expectInView(page, `${mode}: note`, page.getByLabel('Note', { exact: true }));
      const waiting = queueItems(page);
      const count = Math.min(size.next, await waiting.count());
      for (let i = 0; i < count; i++) await expectInView(page, `${mode}: waiting #${i + 1}`, waiting.nth(i));
      const dir = process.env.TABLESIDE_SCREENSHOTS;
      if (dir && !reloaded) await page.screenshot({ path: `${dir}/${mode}-${size.width}x${size.height}.png` });
    }
  }
}

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Conference Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor, Jean-Baptiste Lefèvre', topics: [], newTopics: [A, B, C] });
  const { id } = await table(page, host.url);
  for (const p of PEOPLE) await rpc(page, host.url, 'walkin.add', { tableId: id, name: p.name, topics: p.topics, partySize: 1 });
  await expect(queueItems(page)).toHaveCount(PEOPLE.length);
});

test('a one-to-one turn at a glance at 1280×800, 1366×768 and 1024×700', async ({ page, host }) => {
  await page.getByRole('button', { name: /^Start next/ }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await checkAtEverySize(page, 'one-to-one', PEOPLE[0]!.name, /^End turn/);

  // An hour before the session ends, at 1024×700: a row likely not reached says so in full, and its
  // topics keep at least their first word (the warning once left them "P.").
  await page.setViewportSize({ width: 1024, height: 700 });
  const local = (at: Date) => ({
    date: `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`,
    time: `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`,
  });
  const [from, to] = [local(new Date(Date.now() - 10 * 60_000)), local(new Date(Date.now() + 60 * 60_000))];
  await rpc(page, host.url, 'event.update', {
    name: 'Drop-in coaching', place: 'Conference Hall 1/2', date: from.date, startTime: from.time, endTime: to.time, endDate: to.date === from.date ? null : to.date,
  });
  const late = queueItems(page).filter({ hasText: 'likely not reached before the end' }).filter({ has: page.getByRole('list', { name: /^Topics / }) });
  await expect(late.first()).toBeVisible();
  for (const row of (await late.all()).slice(0, 3)) {
    await row.scrollIntoViewIfNeeded();
    const seen = await row.evaluate((li) => {
      const estimate = li.querySelector('.estimate') as HTMLElement;
      const list = li.querySelector('.topics-inline') as HTMLElement;
      const text = list.querySelector('li')!.firstChild as Text;
      const word = /^\S+/.exec(text.data)![0];
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, word.length);
      const w = range.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      return { estimateCut: estimate.scrollWidth > estimate.clientWidth, word, wordShown: w.left >= box.left - 0.5 && w.right <= box.right + 0.5 };
    });
    expect(seen, await row.getAttribute('aria-label') ?? '').toMatchObject({ estimateCut: false, wordShown: true });
  }
  const dir = process.env.TABLESIDE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/one-to-one-late-1024x700.png` });
});

/**
 * Right after a crowd mode is started from its form (low on the page at 1024×700), the page shows the running
 * turn by itself, not scrolled back by the test: the countdown and the end button wholly in the window (a started
 * rotation once left the countdown at y = −622, a topic focus at y ≈ −100 above the window's top).
 */
async function expectStartedInView(page: Page, mode: string, endButton: RegExp): Promise<void> {
  const now = page.getByRole('region', { name: 'Now at the table' });
  await expect(page.getByRole('timer'), `${mode}: countdown after starting`).toBeInViewport({ ratio: 1 });
  await expect(now.getByRole('button', { name: endButton }).first(), `${mode}: end button after starting`).toBeInViewport({ ratio: 1 });
  await expect(page.getByLabel('Note', { exact: true }), `${mode}: note after starting`).toBeInViewport();
  const dir = process.env.TABLESIDE_SCREENSHOTS;
  if (dir) {
    console.log(`${mode} started: scrollY ${await page.evaluate(() => window.scrollY)}, countdown ${JSON.stringify(await page.getByRole('timer').boundingBox())}`);
    await page.screenshot({ path: `${dir}/started-${mode}-1024x700.png` });
  }
}

test('a plenary for ten shows their names compactly, the countdown and the note in view', async ({ page, host }) => {
  const t = await table(page, host.url);
  // Ten waiting: five of the fifteen step out first.
  for (const e of t.queue.slice(10)) await rpc(page, host.url, 'entry.setStatus', { entryId: e.id, status: 'removed' });
  await expect(queueItems(page)).toHaveCount(10);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Plenary', exact: true }).click();
  await page.getByRole('button', { name: 'Start plenary for 10 people' }).click();
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveCount(10);
  await expectStartedInView(page, 'plenary', /^End turn/);
  // Ten are a count in large type; their names follow in two lines (the rest behind "+N more").
  await checkAtEverySize(page, 'plenary', '10 people', /^End turn/);
});

test('a topic focus at a glance', async ({ page, host }) => {
  const t = await table(page, host.url);
  const chosen = t.queue.filter((e) => e.topics.includes(B)).map((e) => e.id);
  // Started from its form at 1024×700, as a coach would.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Topic focus', exact: true }).click();
  await page.getByRole('radio', { name: new RegExp(`^${B} \\(`) }).check();
  await page.getByLabel('Focus length (minutes)').fill('20');
  await page.getByRole('button', { name: 'Start topic focus' }).click();
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveCount(chosen.length);
  await expectStartedInView(page, 'topic focus', /^End turn/);
  await checkAtEverySize(page, 'topic-focus', 'Bruno Bellini', /^End turn/);
});

/**
 * What of a queue row's first line is cut: the name's first word (its start, in either direction) must show, and the
 * tags and the wait so far must show whole. Empty when nothing is cut.
 */
async function rowCuts(row: Locator): Promise<string[]> {
  return row.evaluate((li) => {
    const cut: string[] = [];
    const line = li.querySelector('.who-line') as HTMLElement;
    const lineBox = line.getBoundingClientRect();
    const name = line.querySelector('strong') as HTMLElement;
    const text = name.querySelector('bdi')!.firstChild as Text;
    const word = /^\S+/.exec(text.data)![0];
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, word.length);
    const w = range.getBoundingClientRect();
    const box = name.getBoundingClientRect();
    if (w.left < box.left - 0.5 || w.right > box.right + 0.5) cut.push(`the name's first word "${word}" at x ${Math.round(w.left)}–${Math.round(w.right)}, shown ${Math.round(box.left)}–${Math.round(box.right)}`);
    for (const part of Array.from(line.children).filter((c) => c !== name) as HTMLElement[]) {
      const r = part.getBoundingClientRect();
      const outside = r.left < lineBox.left - 0.5 || r.right > lineBox.right + 0.5 || r.bottom > lineBox.bottom + 0.5;
      if (part.scrollWidth > part.clientWidth + 1 || outside) cut.push(`"${part.textContent}" ${Math.round(r.width)} px at x ${Math.round(r.left)}, the line ${Math.round(lineBox.left)}–${Math.round(lineBox.right)}`);
    }
    return cut;
  });
}

test('a rotation at a glance', async ({ page, host }) => {
  // An Arabic name with a party of two among them: its given name (its start, on the right) shows, not "…لحسيني".
  await rpc(page, host.url, 'walkin.add', { tableId: (await table(page, host.url)).id, name: 'مريم الحسيني', topics: [], partySize: 2 });
  // Proposed and started from its form at 1024×700, as a coach would: the proposal's start button shows without
  // scrolling (it sat at y = 810, under the fold), and once started the running group's countdown shows.
  await page.setViewportSize({ width: 1024, height: 700 });
  const crowd = page.getByRole('region', { name: /handle the crowd$/ });
  await crowd.getByRole('button', { name: 'Split into groups' }).click();
  await crowd.getByLabel('Largest group').fill('4');
  await crowd.getByLabel('Minutes per group').fill('15');
  await crowd.getByRole('button', { name: 'Propose groups' }).click();
  const startRotation = crowd.getByRole('button', { name: /^Start rotation with \d+ groups$/ });
  await expect(startRotation).toBeInViewport({ ratio: 1 });
  const groups = Number(/(\d+) groups$/.exec((await startRotation.textContent()) ?? '')![1]);
  await startRotation.click();
  await expect(page.locator('.mode')).toHaveText(`Sub-group 1 of ${groups}`);
  await expectStartedInView(page, 'rotation', /^Call next group/);
  // At 1024 px the rows' first lines carry a group tag each: names keep their start, the tags and waits show whole
  // (they were cut: "Anna Anders… Group 3 waitin…").
  for (const row of await queueItems(page).all()) expect(await rowCuts(row), (await row.getAttribute('aria-label')) ?? '').toEqual([]);
  // The Arabic name is last in the queue: scrolled to.
  await page.locator('.queue-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const arabic = queueItems(page).filter({ hasText: 'مريم الحسيني' });
  await expect(arabic.getByText('party of 2')).toBeVisible();
  expect(await rowCuts(arabic)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));

  const first = PEOPLE.find((p) => p.name === 'Amina Abdullahi-Okonkwo')!;
  await checkAtEverySize(page, 'rotation', first.name, /^Call next group/);
  await page.setViewportSize({ width: 1024, height: 700 });
  // Seven tables at 1024×700: one chosen low in the side list opens at its top (it opened 342 px down).
  for (let n = 2; n <= 7; n++) await rpc(page, host.url, 'table.create', { name: `Table ${n}`, coaches: [`Coach ${n}`], topics: [], languages: ['en'], turnMinutes: 20 });
  const seventh = page.getByRole('navigation').getByRole('button', { name: /^Table 7/ });
  await seventh.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await seventh.click();
  await expect(page.getByRole('heading', { name: /^Table 7/, level: 2 })).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

/** Twelve with full-length names, as a real crowd signs in (the names, not a count, are what filled the screen). */
const CROWD = [
  'Amina Abdullahi-Okonkwo', 'Bartholomew Bellini-Vasquez', 'Chen Wei-Lin Zhang', 'Annika Andersson-Lindqvist',
  'Beatrix Baumgartner-Hofstetter', 'Carlos Castillo de la Fuente', 'Aiko Arai-Nakamura', 'Benedict Bradshaw-Whitmore',
  'Chiara Colombo-Ferraresi', 'Adebayo Adeyemi-Ogunleye', 'Björn Bergström-Halvorsen', 'Cyrus Cohen-Rosenthal',
];

/** The essentials of a crowd mode inside the window at each size, the page unscrolled (no reload: the other tests do those). */
async function checkCrowd(page: Page, mode: string, endButton: RegExp): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.evaluate(() => window.scrollTo(0, 0));
    const now = page.getByRole('region', { name: 'Now at the table' });
    await expectInView(page, `${mode}: countdown`, page.getByRole('timer'));
    await expectInView(page, `${mode}: who`, now.getByRole('list', { name: 'Taking part' }));
    await expectInView(page, `${mode}: end or next`, now.getByRole('button', { name: endButton }).first());
    if (mode === 'rotation') {
      await expectSideBySide(page, `${mode}: next group and end turn`, now.getByRole('button', { name: endButton }), now.getByRole('button', { name: /^End turn/ }));
    }
    await expectInView(page, `${mode}: note`, page.getByLabel('Note', { exact: true }));
    const waiting = queueItems(page);
    const count = Math.min(size.next, await waiting.count());
    for (let i = 0; i < count; i++) await expectInView(page, `${mode}: waiting #${i + 1}`, waiting.nth(i));
    const dir = process.env.TABLESIDE_SCREENSHOTS;
    if (dir) await page.screenshot({ path: `${dir}/crowd-${mode}-${size.width}x${size.height}.png` });
  }
}

test('a crowd of twelve with long names: plenary, topic focus and rotation keep the essentials in view', async ({ page, host }) => {
  const { id } = await table(page, host.url);
  const add = async (names: readonly string[], topics: string[] = []) => {
    for (const name of names) await rpc(page, host.url, 'walkin.add', { tableId: id, name, topics, partySize: 1 });
  };
  // The fifteen of beforeEach step out; twelve come for the plenary, three more join while it runs.
  for (const e of (await table(page, host.url)).queue) await rpc(page, host.url, 'entry.setStatus', { entryId: e.id, status: 'removed' });
  await add(CROWD);
  await rpc(page, host.url, 'plenary.start', { tableId: id, minutes: 5 });
  await add(['Dana Dimitrova', 'Eli Eriksen', 'Farah Farouk']);
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveCount(12);
  await expect(queueItems(page)).toHaveCount(15);
  await checkCrowd(page, 'plenary', /^End turn/);
  // The names cut short open on demand, and close again.
  const taking = page.getByRole('list', { name: 'Taking part' });
  await expect(taking.getByText(CROWD[11]!)).not.toBeInViewport({ ratio: 1 });
  await page.getByRole('button', { name: /^\+\d+ more$/ }).click();
  await expect(taking.getByText(CROWD[11]!)).toBeInViewport({ ratio: 1 });
  await page.getByRole('button', { name: 'Show fewer' }).click();
  await expectInView(page, 'plenary: note, the names closed again', page.getByLabel('Note', { exact: true }));
  // The organisers' dashboard says a plenary is on, not only whose names.
  await page.getByRole('button', { name: "Organiser's dashboard" }).click();
  // Its "Now" counts them and names two, not twelve, so the card stays as short as the others (it ran to 12 names).
  const nowLine = page.getByRole('article', { name: /^Table 1 / }).getByRole('definition').filter({ hasText: 'Plenary for everyone waiting' });
  await expect(nowLine).toHaveText(/^Plenary for everyone waiting · 12 people · Amina Abdullahi-Okonkwo, Bartholomew Bellini-Vasquez \+10 more( · .+)?$/);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const dir = process.env.TABLESIDE_SCREENSHOTS;
    if (dir) await page.screenshot({ path: `${dir}/crowd-dashboard-${size.width}x${size.height}.png` });
  }
  await page.getByRole('button', { name: /^Table 1/ }).click();

  await rpc(page, host.url, 'turn.end', { turnId: (await table(page, host.url)).currentTurn!.id });
  await add(CROWD, [B]);
  const chosen = (await table(page, host.url)).queue.filter((e) => e.topics.includes(B)).map((e) => e.id);
  await rpc(page, host.url, 'focus.start', { tableId: id, topic: B, entryIds: chosen, minutes: 20 });
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveCount(12);
  await checkCrowd(page, 'focus', /^End turn/);

  await rpc(page, host.url, 'turn.end', { turnId: (await table(page, host.url)).currentTurn!.id });
  await add(CROWD);
  const { groups } = await rpc<{ groups: string[][] }>(page, host.url, 'rotation.propose', { tableId: id, maxGroupSize: 5 });
  await rpc(page, host.url, 'rotation.start', { tableId: id, maxGroupSize: 5, turnMinutes: 15, autoAdvance: false, groups });
  await expect(page.locator('.mode')).toHaveText(`Sub-group 1 of ${groups.length}`);
  await checkCrowd(page, 'rotation', /^Call next group/);
});
