/**
 * The app in Arabic, Chinese and German, driven by role and label in that
 * language (the words come from the app's own resource files, i18n-text.ts):
 * Arabic right to left with its digits and a mirrored layout and a full turn
 * with a note; Chinese and German a full turn, the crowd tools and an
 * export. axe is clean on each screen, nothing spills sideways at 1024×700,
 * and screenshots of each are kept with the test's output. Also: the page
 * follows the language shown, not the browser's (a Hebrew browser gets
 * English, left to right), and a language chosen in the picker stays.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { allOfTomorrow, expect, openApp, spilledText, test } from './fixtures.js';
import { literal, textsFor, type Texts } from './i18n-text.js';

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Nothing wider than the window: no sideways scrolling at 1024×700, and no long word spilling out of its box. */
async function expectNoOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await spilledText(page)).toEqual([]);
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

async function createEvent(page: Page, t: Texts, name: string): Promise<void> {
  const when = allOfTomorrow();
  await page.getByRole('button', { name: t('welcome.newEvent') }).click();
  const form = page.getByRole('form', { name: t('event.formLabel') });
  await form.getByLabel(t('event.name')).fill(name);
  await form.getByLabel(t('event.date'), { exact: true }).fill(when.date);
  await form.getByLabel(t('event.startTime')).fill(when.start);
  await form.getByLabel(t('event.endTime')).fill(when.end);
  await form.getByRole('button', { name: t('event.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function createTable(page: Page, t: Texts, table: { name: string; coach: string; topics: string[] }): Promise<void> {
  const form = page.getByRole('form', { name: t('table.formLabel') });
  await form.getByLabel(t('table.name')).fill(table.name);
  await form.getByLabel(t('table.coaches')).fill(table.coach);
  for (const topic of table.topics) {
    await form.getByLabel(t('topics.newTopic')).fill(topic);
    await form.getByRole('button', { name: t('topics.add') }).click();
    await expect(form.getByRole('checkbox', { name: topic })).toBeChecked();
  }
  await form.getByRole('button', { name: t('table.create') }).click();
  await expect(page.getByRole('heading', { level: 2, name: literal(table.coach) })).toBeVisible();
}

async function addWalkIn(page: Page, t: Texts, name: string, topic?: string): Promise<void> {
  const form = page.getByRole('form', { name: t('walkIn.title') });
  await form.getByLabel(t('walkIn.name'), { exact: true }).fill(name);
  if (topic) await form.getByRole('checkbox', { name: topic }).check();
  await form.getByRole('button', { name: t('walkIn.add') }).click();
  await expect(form.getByRole('status')).toHaveText(t('walkIn.addedNamed', { name }));
}

/** Start the next turn, write a note, end the turn; the note is there afterwards under the person's name. */
async function fullTurnWithNote(page: Page, t: Texts, who: string, note: string): Promise<void> {
  await page.getByRole('button', { name: t('turn.startNext') }).click();
  const now = page.getByRole('region', { name: t('turn.now') });
  await expect(now.getByRole('timer')).toBeVisible();
  await now.getByLabel(t('note.label'), { exact: true }).fill(note);
  const savedPrefix = t('note.savedAt', { time: '\u0000' }).split('\u0000')[0]!;
  await expect(now.getByRole('status').filter({ hasText: literal(savedPrefix) })).toBeVisible();
  await page.getByRole('button', { name: literal(t('turn.end')) }).click();
  await expect(page.getByLabel(t('past.noteFor', { who }))).toHaveValue(note);
}

/** The crowd tools: a plenary for everyone waiting, then its end. */
async function plenary(page: Page, t: Texts, waiting: number): Promise<void> {
  const crowd = page.getByRole('region', { name: t('crowd.title', { count: waiting }) });
  await crowd.getByRole('button', { name: t('crowd.plenary'), exact: true }).click();
  await crowd.getByLabel(t('crowd.plenaryMinutes')).fill('5');
  await crowd.getByRole('button', { name: t('crowd.startPlenary', { count: waiting }) }).click();
  await expect(page.getByText(t('mode.plenary'), { exact: true })).toBeVisible();
  await page.getByRole('button', { name: literal(t('turn.end')) }).click();
  await expect(page.getByRole('region', { name: t('crowd.title', { count: waiting }) })).toBeVisible();
}

/** A CSV export from the export screen; its file is offered for download. */
async function exportCsv(page: Page, t: Texts): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: t('nav.export') }).click();
  await expect(page.getByRole('heading', { level: 2, name: t('export.title') })).toBeVisible();
  const form = page.getByRole('form', { name: t('export.formLabel') });
  await form.getByRole('radio', { name: literal(t('export.formatCsv')) }).check();
  await form.getByRole('radio', { name: new RegExp(`^${literal(t('export.privacyFull')).source}\\s`) }).check();
  await form.getByRole('button', { name: t('export.start') }).click();
  await expect(form.getByRole('status')).toHaveText(t('export.done'));
  const links = form.getByRole('list', { name: t('export.filesLabel') }).getByRole('link');
  await expect(links).toHaveCount(3);
  const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
}

test.use({ viewport: { width: 1024, height: 700 } });

test('in Arabic: right to left, its own digits, a mirrored layout, and a full turn with a note', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const t = textsFor('ar');
  await openApp(page, `${host.url}?lang=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: t('welcome.title') })).toBeVisible();
  await expectNoAxeViolations(page);

  await createEvent(page, t, 'جلسة الإرشاد المفتوحة');
  await createTable(page, t, { name: 'طاولة الإرشاد', coach: 'أمينة الحسيني', topics: ['التطوير المهني'] });
  await addWalkIn(page, t, 'ليلى', 'التطوير المهني');
  await addWalkIn(page, t, 'عمر');
  await addWalkIn(page, t, 'سارة');
  await expect(page.getByRole('heading', { name: t('queue.title', { count: 3 }) })).toBeVisible();

  // Mirrored: the tables list is on the right of the table screen.
  const nav = await page.getByRole('navigation', { name: t('nav.label') }).boundingBox();
  const main = await page.getByRole('main').boundingBox();
  expect(nav && main && nav.x > main.x).toBe(true);
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
  await shot(page, testInfo, 'ar-table');

  await fullTurnWithNote(page, t, 'ليلى', 'تريد خطة تعلم شخصية.');
  // Every number on the page is written in one set of digits, the language's own
  // (the digits Intl gives Arabic here), never Latin beside Arabic-Indic.
  const digits = await page.evaluate(() => {
    const own = new Intl.NumberFormat('ar').format(1234567890);
    const text = document.body.innerText;
    return { own, latin: /[0-9]/.test(text), arabicIndic: /[\u0660-\u0669]/.test(text) };
  });
  const ownIsArabicIndic = /[\u0660-\u0669]/.test(digits.own);
  expect(ownIsArabicIndic ? !digits.latin : !digits.arabicIndic).toBe(true);
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
  await shot(page, testInfo, 'ar-after-turn');
});

for (const language of ['zh', 'de'] as const) {
  test(`in ${language === 'zh' ? 'Chinese' : 'German'}: a full turn, the crowd tools and an export`, async ({ page, host }, testInfo) => {
    test.setTimeout(150_000);
    const t = textsFor(language);
    await openApp(page, `${host.url}?lang=${language}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-Hans' : language);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    const names =
      language === 'zh'
        ? { event: '随到随谈辅导', table: '职业发展', coach: '李明', topic: '职业发展', people: ['王芳', '张伟', '刘洋', '陈静'] }
        : {
            event: 'Offene Coaching-Sprechstunde',
            table: 'Weiterbildungsberatungstisch',
            coach: 'Anneliese Schwarzenberger-Hohenstein',
            topic: 'Führungskräfteentwicklungsprogramm',
            people: ['Jürgen', 'Katharina', 'Maximilian', 'Friederike'],
          };
    await createEvent(page, t, names.event);
    await createTable(page, t, { name: names.table, coach: names.coach, topics: [names.topic] });
    for (const person of names.people) await addWalkIn(page, t, person, names.topic);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
    await shot(page, testInfo, `${language}-table`);

    await fullTurnWithNote(page, t, names.people[0]!, language === 'zh' ? '想制定个人学习计划。' : 'Möchte einen persönlichen Lernplan.');
    await plenary(page, t, 3);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);

    await exportCsv(page, t);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
    await shot(page, testInfo, `${language}-export`);

    await page.getByRole('navigation').getByRole('button', { name: t('nav.dashboard') }).click();
    await expect(page.getByRole('heading', { level: 2, name: t('dashboard.title') })).toBeVisible();
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
    await shot(page, testInfo, `${language}-dashboard`);
  });
}

test('the page follows the language shown, not the browser: a Hebrew browser gets English, left to right', async ({ browser, host }) => {
  const context = await browser.newContext({ locale: 'he-IL' });
  const page = await context.newPage();
  try {
    await openApp(page, host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('a language chosen on this laptop stays (its settings, any browser on it); the board follows the viewer’s browser', async ({ browser, host }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  try {
    await openApp(page, host.url);
    await page.getByLabel('Language').selectOption('ru');
    const ru = textsFor('ru');
    await expect(page.getByRole('heading', { name: ru('welcome.title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.reload();
    await expect(page.getByRole('heading', { name: ru('welcome.title') })).toBeVisible();
    // Kept in the laptop's settings, not only in this browser: a fresh browser on this laptop shows it too.
    const other = await browser.newContext({ locale: 'en-GB' });
    try {
      const fresh = await other.newPage();
      await openApp(fresh, host.url);
      await expect(fresh.getByRole('heading', { name: ru('welcome.title') })).toBeVisible();
    } finally {
      await other.close();
    }
    await page.getByLabel(ru('language.label')).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // The board on this same browser still follows the browser's language.
    await page.goto(`${host.url}board`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  } finally {
    await context.close();
  }
});

test('refusals and wrong fields are told in the language shown (German): codes and parameters, translated', async ({ page, host }) => {
  const t = textsFor('de');
  await openApp(page, `${host.url}?lang=de`);
  await page.getByRole('button', { name: t('welcome.newEvent') }).click();
  const form = page.getByRole('form', { name: t('event.formLabel') });
  await form.getByLabel(t('event.name')).fill('Sprechstunde');
  await form.getByLabel(t('event.startTime')).fill('11:45');
  await form.getByLabel(t('event.endTime')).fill('11:45');
  await form.getByRole('button', { name: t('event.create') }).click();
  await expect(form.getByText(t('errors.field.session_same_times'))).toBeVisible();
  await form.getByLabel(t('event.endTime')).fill('13:30');
  await form.getByRole('button', { name: t('event.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sprechstunde' })).toBeVisible();

  // A refusal from the core: a topic already in the list.
  await page.getByRole('navigation').getByRole('button', { name: t('nav.settings') }).click();
  const list = page.getByRole('region', { name: t('settings.topics') });
  for (let i = 0; i < 2; i++) {
    await list.getByLabel(t('topics.newTopic')).fill('Netzwerken');
    await list.getByRole('button', { name: t('topics.add') }).click();
  }
  await expect(list.getByText(t('errors.rejected.topic_exists', { topic: 'Netzwerken' }))).toBeVisible();
});
