/**
 * Issue 18: every script the UI may show prints. An event, a table and
 * topics named in Chinese, Arabic and Russian; the report printed to PDF by
 * Chromium on this machine (which, like a bare Linux laptop, may have no CJK
 * or Arabic fonts installed), then read back with poppler: pdffonts must list
 * an embedded font for each script and pdftotext must return the text.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, createEvent, createTable, addWalkIn, openApp, today } from './fixtures.js';

const CHINESE = '职业发展与学习计划';
const ARABIC = 'التطوير المهني';
const RUSSIAN = 'Карьерный рост';
const EVENT_NAME = 'Коучинг 教练 تدريب';

function poppler(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('the report with Chinese, Arabic and Cyrillic prints with an embedded font for each script, and its text reads back', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  test.skip(!poppler('pdffonts') || !poppler('pdftotext'), 'poppler-utils (pdffonts, pdftotext) is not installed');
  await openApp(page, host.url);
  await createEvent(page, { name: EVENT_NAME, date: today(), start: '00:00', end: '23:59', place: 'Зал 1' });
  await createTable(page, { coaches: '王芳, سارة', topics: [], newTopics: [CHINESE, ARABIC, RUSSIAN] });
  await addWalkIn(page, { name: 'Анна Иванова', topics: [RUSSIAN] });
  await addWalkIn(page, { name: '李明', topics: [CHINESE] });
  await addWalkIn(page, { name: 'فاطمة', topics: [ARABIC] });

  await page.getByRole('navigation').getByRole('button', { name: 'Export and report' }).click();
  await page.getByRole('button', { name: 'Open the report' }).click();
  const report = page.getByRole('article', { name: `Report: ${EVENT_NAME}` });
  await expect(report).toBeVisible();
  await expect(report.getByTestId('chart-topics')).toContainText(CHINESE);
  // The report's font family is its own, and its faces for these scripts have loaded.
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Tableside Print' && f.status === 'loaded').length;
  });
  expect(loaded).toBeGreaterThanOrEqual(3);

  const pdfPath = testInfo.outputPath('report.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  await testInfo.attach('report.pdf', { path: pdfPath, contentType: 'application/pdf' });

  // pdffonts: name, type, encoding, emb, sub, uni, object id. Every font is embedded, one of each family.
  const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  await testInfo.attach('pdffonts', { body: fonts.join('\n'), contentType: 'text/plain' });
  const embedded = (family: RegExp) => fonts.filter((l) => family.test(l.split(/\s+/)[0] ?? '') && / yes +yes +yes /.test(l));
  expect(embedded(/\+NotoSansSC/), 'Chinese').not.toHaveLength(0);
  expect(embedded(/\+NotoSansArabic-/), 'Arabic').not.toHaveLength(0);
  expect(embedded(/\+NotoSans-/), 'Latin and Cyrillic').not.toHaveLength(0);
  expect(fonts.filter((l) => !/ yes +yes +yes /.test(l)), 'a font not embedded').toEqual([]);

  // pdftotext: the text comes back, in every script (it marks right-to-left runs with
  // embedding controls, which are not text; presentation forms are normalised away).
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' })
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .normalize('NFKC');
  await testInfo.attach('pdftotext', { body: text, contentType: 'text/plain' });
  expect(text).toContain(`Report: ${EVENT_NAME}`.normalize('NFKC'));
  expect(text).toContain(CHINESE);
  expect(text).toContain(RUSSIAN);
  expect(text).toContain('تدريب');
  // The chart's Arabic label is SVG text placed glyph run by glyph run: pdftotext puts spaces
  // between some runs ("الت طوير المهن ي"), but every letter is there, in order.
  expect(text.replace(/\s+/g, '')).toContain(ARABIC.replace(/\s+/g, ''));
});
