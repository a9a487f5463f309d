/**
 * The main flows in the pseudo-locale (`?lang=en-XA`: every translated
 * string accented, 40% longer, between ⟦ and ⟧), at 1024×700. On every
 * screen visited, each visible text node and each aria-label or placeholder
 * must carry the pseudo-locale's marks, unless it is data typed in the test
 * (names, topics), a number, punctuation, a key as printed on the keyboard
 * (Alt+N), or what Intl writes (times, dates, "5 minutes", "and" in a list): anything else did not go through i18next.
 * And nothing may spill sideways.
 */
import type { Page } from '@playwright/test';
import { allOfTomorrow, expect, openApp, spilledText, test } from './fixtures.js';
import { literal, textsFor } from './i18n-text.js';

const t = textsFor('en-XA');

const EVENT = 'Drop-in coaching';
const COACH = 'Amara Okafor';
const TOPIC = 'Personal branding';
const PEOPLE = ['Lucía', 'Kenji', 'Noor'];
const TABLE = 'Blue table';
const NOTE = 'Wants a personal learning plan';

/** Words Intl writes in the pseudo-locale's formatting language (English): times, dates, and the names Intl.DisplayNames gives the table form's languages. */
const INTL_WORDS =
  /\b(AM|PM|minutes?|and|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|English|French|German|Spanish|Russian|Arabic|Chinese|Portuguese|Japanese|Italian|Dutch|Swedish|Malay|Hindi)\b/g;

/** Texts on screen that did not come through i18next (nor are data, numbers or Intl's). */
async function untranslated(page: Page, data: readonly string[]): Promise<string[]> {
  const found = await page.evaluate(() => {
    const mark = /[áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ⟦⟧]/;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const parent = n.parentElement;
      if (!text || !parent || mark.test(text)) continue;
      if (parent.closest('option, script, style, [aria-hidden="true"]')) continue;
      if (parent.getClientRects().length === 0) continue;
      out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v && !mark.test(v)) out.push(`@${attr}=${v}`);
      }
    }
    return out;
  });
  return found.filter((text) => {
    let rest = text.replace(/^@[a-z-]+=/, '');
    for (const d of data) rest = rest.split(d).join(' ');
    rest = rest.replace(INTL_WORDS, ' ');
    // Shortcut keys as printed on the keyboard (Alt+N).
    rest = rest.replace(/\bAlt\+[A-Z]\b/g, ' ');
    // Left: letters in a row (a word) that no allowance covers.
    return /\p{L}{2,}/u.test(rest);
  });
}

async function expectAllTranslated(page: Page, data: readonly string[]): Promise<void> {
  expect(await untranslated(page, data)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // No word longer than its box spills out of it (the pseudo-locale's words are 40% longer).
  expect(await spilledText(page)).toEqual([]);
}

test.use({ viewport: { width: 1024, height: 700 } });

test('the main flows in the pseudo-locale: every visible text through i18next, nothing wider than 1024 px', async ({ page, host }) => {
  test.setTimeout(180_000);
  // Data the test types, and the laptop's own name (the host's).
  const data = [EVENT, COACH, TOPIC, TABLE, NOTE, ...PEOPLE, 'Tableside', 'KB'];
  await openApp(page, `${host.url}?lang=en-XA`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  const device = await page.evaluate(async () => {
    const r = await fetch('/api/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'snapshot.get', args: {} }) });
    return ((await r.json()) as { value: { device: { name: string } } }).value.device.name;
  });
  data.push(device);
  // The check finds text that bypasses i18next: a planted English line is caught.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'planted';
    p.textContent = 'Start next';
    document.body.append(p);
  });
  expect(await untranslated(page, data)).toContain('Start next');
  await page.evaluate(() => document.getElementById('planted')?.remove());
  // And a long word that does not break spills out of its box: caught too.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'planted';
    p.style.cssText = 'inline-size: 4rem; overflow-wrap: normal; hyphens: none';
    p.textContent = 'Führungskräfteentwicklungsprogramm';
    document.body.append(p);
  });
  expect(await spilledText(page)).toEqual(['p.: Führungskräfteentwicklungsprogramm']);
  await page.evaluate(() => document.getElementById('planted')?.remove());
  // The language picker names each language in itself (العربية, 中文, Deutsch…): names, not UI text.
  await expectAllTranslated(page, data);

  // A new event.
  const when = allOfTomorrow();
  await page.getByRole('button', { name: t('welcome.newEvent') }).click();
  const eventForm = page.getByRole('form', { name: t('event.formLabel') });
  await expectAllTranslated(page, data);
  await eventForm.getByLabel(t('event.name')).fill(EVENT);
  await eventForm.getByLabel(t('event.date'), { exact: true }).fill(when.date);
  await eventForm.getByLabel(t('event.startTime')).fill(when.start);
  await eventForm.getByLabel(t('event.endTime')).fill(when.end);
  await eventForm.getByRole('button', { name: t('event.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: EVENT })).toBeVisible();

  // A table.
  const tableForm = page.getByRole('form', { name: t('table.formLabel') });
  await tableForm.getByLabel(t('table.name')).fill(TABLE);
  await tableForm.getByLabel(t('table.coaches')).fill(COACH);
  await tableForm.getByLabel(t('topics.newTopic')).fill(TOPIC);
  await tableForm.getByRole('button', { name: t('topics.add') }).click();
  await expect(tableForm.getByRole('checkbox', { name: TOPIC })).toBeChecked();
  await expectAllTranslated(page, data);
  await tableForm.getByRole('button', { name: t('table.create') }).click();
  await expect(page.getByRole('heading', { level: 2, name: literal(COACH) })).toBeVisible();

  // Walk-ins.
  const walkIn = page.getByRole('form', { name: t('walkIn.title') });
  for (const name of PEOPLE) {
    await walkIn.getByLabel(t('walkIn.name'), { exact: true }).fill(name);
    await walkIn.getByRole('checkbox', { name: TOPIC }).check();
    await walkIn.getByRole('button', { name: t('walkIn.add') }).click();
    await expect(walkIn.getByRole('status')).toHaveText(t('walkIn.addedNamed', { name }));
  }
  await expectAllTranslated(page, data);

  // A turn with a note, then its end.
  await page.getByRole('button', { name: t('turn.startNext') }).click();
  const now = page.getByRole('region', { name: t('turn.now') });
  await now.getByLabel(t('note.label'), { exact: true }).fill(NOTE);
  await expect(now.getByRole('status').filter({ hasText: literal(t('note.savedAt', { time: '\u0000' }).split('\u0000')[0]!) })).toBeVisible();
  await expectAllTranslated(page, data);
  await page.getByRole('button', { name: literal(t('turn.end')) }).click();
  await expect(page.getByLabel(t('past.noteFor', { who: PEOPLE[0]! }))).toHaveValue(NOTE);
  await expectAllTranslated(page, data);

  // The crowd tools, each open in turn.
  const crowd = page.getByRole('region', { name: t('crowd.title', { count: 2 }) });
  for (const tool of ['crowd.plenary', 'crowd.focus', 'crowd.split']) {
    await crowd.getByRole('button', { name: t(tool), exact: true }).click();
    await expectAllTranslated(page, data);
  }

  // The organiser's screens.
  for (const [nav, heading] of [
    ['nav.dashboard', 'dashboard.title'],
    ['nav.sharing', 'sharing.title'],
    ['nav.export', 'export.title'],
    ['nav.settings', 'settings.title'],
  ] as const) {
    await page.getByRole('navigation').getByRole('button', { name: t(nav) }).click();
    await expect(page.getByRole('heading', { level: 2, name: t(heading) })).toBeVisible();
    await expectAllTranslated(page, data);
  }
});
