/** Table signs (issue 15): one page per table, printed to one PDF and read back with pdftotext. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { becomeHub, expect, openApp, test } from './fixtures.js';

interface TableFacts {
  name: string;
  coaches: string[];
  topics: string[];
}

async function snapshotTables(page: Page, url: string): Promise<TableFacts[]> {
  const res = await page.request.post(`${url}api/rpc`, { data: { method: 'snapshot.get', args: {} } });
  const body = (await res.json()) as { value: { tables: TableFacts[] } };
  return body.value.tables.map(({ name, coaches, topics }) => ({ name, coaches, topics }));
}

function pdfPages(pdf: Buffer, name: string): { pages: number; size: string; text: (page: number) => string } {
  const file = test.info().outputPath(name);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? '';
  const text = (page: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').replace(/- /g, '-');
  return { pages, size, text };
}

test('print table signs: one page per table with its coaches, topics, languages, times and the board\'s QR code', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Demo event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /WLIC 2018 demo/ })).toBeVisible();
  await becomeHub(page);
  const tables = await snapshotTables(page, host.url);
  expect(tables.length).toBeGreaterThanOrEqual(3);

  await page.getByRole('button', { name: 'Event settings' }).click();
  await page.getByRole('button', { name: 'Print table signs' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Table signs' })).toBeVisible();
  for (const table of tables) await expect(page.getByRole('region', { name: `Sign for ${table.name}` })).toBeVisible();
  // The hub serves the queue board: every sign carries its QR code.
  await expect(page.getByRole('img', { name: 'QR code to the queue board' })).toHaveCount(tables.length);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: test.info().outputPath('signs-1280.png') });

  // A4, landscape: one page a table (Letter is the default in en-US).
  await expect(page.getByLabel('Paper')).toHaveValue('letter');
  await page.getByLabel('Paper').selectOption('a4');
  const a4 = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }), 'signs-a4.pdf');
  expect(a4.pages).toBe(tables.length);
  expect(a4.size).toContain("(A4)");
  tables.forEach((table, i) => {
    const text = a4.text(i + 1);
    expect(text).toContain(table.name);
    for (const coach of table.coaches) expect(text).toContain(coach);
    for (const topic of table.topics) expect(text).toContain(topic);
    expect(text).toContain('11:45–13:30');
    expect(text).toMatch(/Queue and waiting times: .+\/board/);
    // No other table's coach on this page.
    for (const other of tables.filter((o) => o !== table)) for (const coach of other.coaches) if (!table.coaches.includes(coach)) expect(text).not.toContain(coach);
  });
  // Each language in its own name and in the UI language's.
  expect(a4.text(1)).toMatch(/English|Español \(Spanish\)|Français \(French\)|Deutsch \(German\)/);

  // Letter, landscape.
  await page.getByLabel('Paper').selectOption('letter');
  const letter = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }), 'signs-letter.pdf');
  expect(letter.pages).toBe(tables.length);
  expect(letter.size).toContain("(letter)");
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: test.info().outputPath('signs-1024.png') });
});
