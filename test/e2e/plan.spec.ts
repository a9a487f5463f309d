/**
 * The floor plan from a spreadsheet (issue 15): a plan with three bad rows is
 * previewed with each problem and changes nothing; the fixed plan imports,
 * and its tables reach a second laptop by sync; the same plan again changes
 * nothing.
 */
import type { Browser, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { allOfTomorrow, becomeHub, createEvent, expect, joinByCode, openApp, startLaptops, test } from './fixtures.js';

const SYNC = ['--sync-host', '127.0.0.1'];

async function laptop(browser: Browser, args: string[] = []) {
  const host = await startHostProcess({ args: [...SYNC, ...args] });
  const page = await (await browser.newContext()).newPage();
  await openApp(page, host.url);
  return { host, page };
}

async function snapshot(page: Page, url: string) {
  const res = await page.request.post(`${url}api/rpc`, { data: { method: 'snapshot.get', args: {} } });
  const { tables, event } = ((await res.json()) as { value: { tables: { name: string; coaches: string[]; topics: string[]; languages: string[]; turnMinutes: number }[]; event: { topics: { label: string }[] } } }).value;
  // The event and its tables (the sync's own state, such as when a laptop was last seen, moves by itself).
  return { tables, event };
}

const HEADER = ['Table', 'Coaches', 'Topics', 'Languages', 'Turn length (minutes)'];
const BAD_ROWS = [
  ['1', 'Amara Okafor', 'Career and professional development', 'en', '15'],
  ['2', 'Henrik Lindqvist; Fatima Zahra Benali', 'Leadership and management styles', 'fr, en', '20'],
  ['3', '', 'Networking and social media', 'en', '15'],
  ['4', 'Lucía Fernández', 'Free online and distance learning', 'Klingonese', '15'],
  ['5', 'Wei Zhang', 'Work-life balance', 'zh', '500'],
];
const GOOD_ROWS = [
  ['1', 'Amara Okafor', 'Career and professional development', 'en', '15'],
  ['2', 'Henrik Lindqvist, Fatima Zahra Benali', 'Leadership and management styles', 'fr, en', '20'],
  ['3', 'Priya Raghavan', 'Networking and social media', 'en', '15'],
  ['4', 'Lucía Fernández', 'Free online and distance learning', 'es', '15'],
  ['5', 'Wei Zhang', 'Work-life balance; Planning the next step', 'zh', '20'],
];
// As a European Excel saves CSV: semicolons between cells.
const csv = (rows: string[][]) => Papa.unparse({ fields: HEADER, data: rows }, { delimiter: ';' });

function planFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

test('import a floor plan: three bad rows change nothing; the fixed plan reaches a second laptop; the same plan again changes nothing', async ({ browser }) => {
  test.setTimeout(180_000);
  const hosts: HostProcess[] = [];
  try {
    const [organiser, coach] = await startLaptops(hosts, [laptop(browser, ['--sync-port', '0']), laptop(browser)] as const);
    const page = organiser.page;
    await createEvent(page, { name: 'Plan test', ...allOfTomorrow(), place: 'Hall 1' });
    const { code, address } = await becomeHub(page);
    await joinByCode(coach.page, code, address);
    await expect(coach.page.getByRole('heading', { level: 1, name: 'Plan test' })).toBeVisible();

    await page.getByRole('button', { name: 'Event settings' }).click();
    await page.getByRole('button', { name: 'Import the floor plan' }).click();
    const before = await snapshot(page, organiser.host.url);

    // Three bad rows: each shown by row and column; nothing can be imported.
    await page.getByLabel('Choose a plan file (.csv or .xlsx)').setInputFiles(planFile('plan.csv', csv(BAD_ROWS)));
    const problems = page.getByRole('table', { name: /3 problems to fix/ });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole('row', { name: /^4 B \(Coaches\) Error: A coach's name is empty\./ })).toBeVisible();
    await expect(problems.getByRole('row', { name: /^5 D \(Languages\) Error: "Klingonese" is not a language/ })).toBeVisible();
    await expect(problems.getByRole('row', { name: /^6 E \(Turn length \(minutes\)\) Error: A turn of "500" minutes/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Fix the problems in the file first' })).toBeDisabled();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: test.info().outputPath('plan-bad-1280.png'), fullPage: true });
    expect(await snapshot(page, organiser.host.url)).toEqual(before);

    // The fixed plan: five new tables, and a topic not in the event's list offered to add.
    await page.getByLabel('Choose a plan file (.csv or .xlsx)').setInputFiles(planFile('plan.csv', csv(GOOD_ROWS)));
    await expect(page.getByRole('status').filter({ hasText: 'Rows: 5. New tables: 5, changed: 0, unchanged: 0.' })).toBeVisible();
    const offer = page.getByRole('checkbox', { name: /Add these topics to the event's list: .*Planning the next step/ });
    await expect(offer).toBeChecked();
    // Lists read as the page's language writes them (Intl.ListFormat), not joined by hand with ", " or "; ".
    const changes = page.getByRole('table', { name: 'What the import will do' });
    await expect(changes.getByRole('cell', { name: 'Henrik Lindqvist and Fatima Zahra Benali', exact: true })).toBeVisible();
    await expect(changes.getByRole('cell', { name: 'French and English', exact: true })).toBeVisible();
    await expect(changes.getByRole('cell', { name: 'Work-life balance and Planning the next step', exact: true })).toBeVisible();
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: test.info().outputPath('plan-good-1024.png'), fullPage: true });
    expect(await snapshot(page, organiser.host.url)).toEqual(before);
    await page.getByRole('button', { name: 'Import 5 tables' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Imported\. New tables: 5, changed: 0, topics added: \d+\.$/ })).toBeVisible();
    const after = await snapshot(page, organiser.host.url);
    expect(after.tables.map((t) => [t.name, t.coaches, t.turnMinutes])).toEqual([
      ['Table 1', ['Amara Okafor'], 15],
      ['Table 2', ['Henrik Lindqvist', 'Fatima Zahra Benali'], 20],
      ['Table 3', ['Priya Raghavan'], 15],
      ['Table 4', ['Lucía Fernández'], 15],
      ['Table 5', ['Wei Zhang'], 20],
    ]);
    expect(after.event.topics.map((t) => t.label)).toContain('Planning the next step');
    // Several languages per table (issue 14): a row's every language is kept, in its order.
    expect(after.tables.map((t) => t.languages)).toEqual([['en'], ['fr', 'en'], ['en'], ['es'], ['zh']]);

    // The second laptop gets the tables by sync.
    const nav = coach.page.getByRole('navigation', { name: 'Tables' });
    await expect(nav.getByRole('button', { name: /^Table 5/ })).toBeVisible({ timeout: 30_000 });
    await expect(nav.getByRole('button', { name: /^Table \d/ })).toHaveCount(5);
    await expect(nav.getByRole('button', { name: /^Table 2/ })).toContainText('Henrik Lindqvist and Fatima Zahra Benali');
    expect((await snapshot(coach.page, coach.host.url)).tables.map((t) => t.languages)).toEqual([['en'], ['fr', 'en'], ['en'], ['es'], ['zh']]);

    // The same plan again (as an .xlsx this time): nothing to change.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plan');
    sheet.addRow(HEADER);
    for (const row of GOOD_ROWS) sheet.addRow(row.map((c, i) => (i === 0 || i === 4 ? Number(c) : c)));
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByLabel('Choose a plan file (.csv or .xlsx)').setInputFiles({ name: 'plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await expect(page.getByRole('status').filter({ hasText: 'Rows: 5. New tables: 0, changed: 0, unchanged: 5.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nothing to change' })).toBeDisabled();
    expect(await snapshot(page, organiser.host.url)).toEqual(after);
  } finally {
    await Promise.all(hosts.map((h) => h.kill('SIGTERM')));
  }
});
