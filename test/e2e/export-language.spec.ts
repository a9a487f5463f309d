/**
 * Issue 14: an organiser chooses German for the headers in the Export view,
 * exports CSV, and the downloaded file's header row is German.
 */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { addWalkIn, createEvent, createTable, expect, openApp, test, today } from './fixtures.js';

test('the export dialog writes the headers in the language chosen (German), English by default', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', date: today(), start: '00:00', end: '23:59', place: 'Hall 1' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  await addWalkIn(page, { name: 'Zofia Kowalska', topics: ['Personal branding'] });

  await page.getByRole('navigation').getByRole('button', { name: 'Export and report' }).click();
  const form = page.getByRole('form', { name: 'Export options' });
  const language = form.getByRole('combobox', { name: 'Language of the headers' });
  await expect(language).toHaveValue('en');
  await form.getByRole('radio', { name: /CSV/ }).check();
  await language.selectOption({ label: 'Deutsch' });
  await form.getByRole('button', { name: 'Start export' }).click();
  // The host writes each file and syncs it to disk before naming it; on a disk others share, that alone once
  // took longer than the 10 s the screen is given below. So first the files, as the host lists them (what it
  // keeps is only what finished), then the screen, which must say so within the usual time: a screen that
  // misses the end fails here, a slow disk does not.
  await expect
    .poll(async () => {
      const kept = (await (await page.request.post(`${host.url}api/rpc`, { data: { method: 'export.kept', args: {} } })).json()) as {
        value?: { files: { name: string }[] };
      };
      return kept.value?.files.filter((f) => f.name.includes('interactions')).length ?? 0;
    }, { timeout: 60_000 })
    .toBe(1);
  await expect(form.getByRole('status')).toHaveText('Export finished.');
  const link = form.getByRole('list', { name: 'Exported files' }).getByRole('link').first();
  await expect(link).toHaveText(/interactions/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields?.slice(0, 4)).toEqual(['Tisch', 'Coaches', 'Ticket', 'Teilnehmende Person']);
  expect(parsed.meta.fields).toContain('Ergebnis');
  expect(parsed.data[0]?.['Ergebnis']).toBe('wartet');

  // JSON: no headers to translate, so no language to choose.
  await form.getByRole('radio', { name: /JSON/ }).check();
  await expect(form.getByRole('combobox', { name: 'Language of the headers' })).toHaveCount(0);

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await form.getByRole('radio', { name: /CSV/ }).check();
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`export-language-${size.width}.png`), fullPage: true });
  }
});
