/**
 * Exports across the end of daylight saving (issue 18, case 2): Berlin,
 * 25 October 2026, 03:00 back to 02:00. A 15-minute turn from 02:50 (+02:00)
 * to 02:05 (+01:00) must read as 15 minutes in order, in the CSV (ISO 8601
 * with each instant's own offset, and UTC beside it) and in the workbook
 * (date cells: the wall time, and the UTC instant whose difference is 15
 * minutes); the laptops sheet's first and last operations keep their order;
 * the About sheet states the change of offset instead of one offset.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName } from '../../shared/contract.js';
import { EVENT, TABLE, ok, tempDir, testCore } from './helpers.js';
import { zonedFileStamp } from '../../shared/domain/zone.js';

const MIN = 60_000;
const savedTz = process.env.TZ;

let core: Core;
let clock: ManualClock;
let service: ExportService;
let dir: ReturnType<typeof tempDir>;

async function call<T>(method: MethodName, args: unknown): Promise<T> {
  const r = await core.dispatchAsync(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function exportDone(format: 'csv' | 'xlsx') {
  const { exportId } = await call<ExportStatus>('export.start', { format, privacy: 'full' });
  const status = await service.settled(exportId);
  expect(status.state, status.error ?? '').toBe('done');
  return status;
}

const csvRows = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

beforeEach(() => {
  // The laptop still runs on New York time; the event is in Berlin, and its times are Berlin's.
  process.env.TZ = 'America/New_York';
  dir = tempDir('tableside-export-zone');
  ({ core, clock } = testCore({ clock: new ManualClock(Date.parse('2026-10-25T02:30:00+02:00')) }));
  service = attachExports(core, { dir: dir.dir, log: () => {} });
  ok(core.call('event.create', { ...EVENT, date: '2026-10-25', startTime: '01:00', endTime: '04:00', timeZone: 'Europe/Berlin' }));
  const { tableId } = ok(core.call('table.create', TABLE));
  clock.set(Date.parse('2026-10-25T02:45:00+02:00'));
  const { entryId } = ok(core.call('walkin.add', { tableId, name: 'Ana Lima', topics: [], partySize: 1 }));
  clock.set(Date.parse('2026-10-25T02:50:00+02:00'));
  const { turnId } = ok(core.call('turn.start', { tableId, entryId }));
  clock.advance(15 * MIN); // 02:05 +01:00
  ok(core.call('turn.end', { turnId }));
  clock.advance(10 * MIN);
});

afterEach(() => {
  core.close();
  dir.remove();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('exports across the end of daylight saving (Berlin, 25 October 2026)', () => {
  it('CSV: each time in ISO 8601 with its own offset, and in UTC beside it; a 15-minute turn reads as 15 minutes', async () => {
    const status = await exportDone('csv');
    const text = (kind: string) => readFileSync(join(status.folder, status.files.find((f) => f.kind === kind)?.name ?? ''), 'utf8');
    const [row] = csvRows(text('interactions'));
    expect(row).toMatchObject({
      'Queued at': '2026-10-25T02:45:00+02:00',
      Started: '2026-10-25T02:50:00+02:00',
      'Started (UTC)': '2026-10-25T00:50:00Z',
      Ended: '2026-10-25T02:05:00+01:00',
      'Ended (UTC)': '2026-10-25T01:05:00Z',
      'Minutes received': '15',
    });
    // Any ISO 8601 reader gets the order and the length right from either column.
    expect(Date.parse(row!.Ended!) - Date.parse(row!.Started!)).toBe(15 * MIN);
    expect(Date.parse(row!['Ended (UTC)']!) - Date.parse(row!['Started (UTC)']!)).toBe(15 * MIN);

    const [laptop] = csvRows(text('devices'));
    expect(laptop?.['First operation']).toBe('2026-10-25T02:30:00+02:00');
    expect(laptop?.['Last operation']).toBe('2026-10-25T02:05:00+01:00');
    expect(Date.parse(laptop!['Last operation']!)).toBeGreaterThan(Date.parse(laptop!['First operation']!));
  });

  it('XLSX: date cells with the wall time, and UTC date cells whose difference is the 15 minutes; the About sheet names the change of offset', async () => {
    const status = await exportDone('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(status.folder, status.files[0]?.name ?? ''));
    const sheet = wb.getWorksheet('Interactions')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).value as Date;
    for (const name of ['Started', 'Ended', 'Started (UTC)', 'Ended (UTC)']) expect(cell(name)).toBeInstanceOf(Date);
    // A cell has no zone: its value is the wall time as a spreadsheet shows it.
    expect(cell('Started').toISOString()).toBe('2026-10-25T02:50:00.000Z');
    expect(cell('Ended').toISOString()).toBe('2026-10-25T02:05:00.000Z');
    expect(cell('Ended (UTC)').getTime() - cell('Started (UTC)').getTime()).toBe(15 * MIN);
    expect(sheet.getRow(2).getCell(header.indexOf('Minutes received') + 1).value).toBe(15);

    const about = new Map<string, string>();
    wb.getWorksheet('About this export')!.eachRow((r) => about.set(String(r.getCell(1).value ?? ''), String(r.getCell(2).value ?? '')));
    expect(about.get('Times')).toContain('Europe/Berlin (UTC+02:00 until 2026-10-25T03:00+02:00, then UTC+01:00)');
    expect(about.get('Exported at')).toBe('2026-10-25T02:15:00+01:00');
  });

  it("file names carry the event's wall date and time, not the laptop's nor UTC's (one rule: zonedFileStamp)", async () => {
    // 02:15 in Berlin is 21:15 the day before on this laptop (New York) and 01:15 in UTC.
    const csv = await exportDone('csv');
    expect(csv.files.map((f) => f.name).every((n) => n.includes('-20261025-021500'))).toBe(true);
    const xlsx = await exportDone('xlsx');
    expect(xlsx.files[0]?.name).toContain('-20261025-021500');
    const backup = await call<{ fileName: string }>('backup.make', { passphrase: 'correct horse battery staple' });
    expect(backup.fileName).toMatch(/-2026-10-25-backup-20261025-021500\.tablesidebackup$/);
    // An event in Tokyo exported at 08:00 there: that day (UTC still says the day before).
    expect(zonedFileStamp(Date.parse('2026-08-26T08:00:00+09:00'), 'Asia/Tokyo')).toBe('20260826-080000');
  });
});
