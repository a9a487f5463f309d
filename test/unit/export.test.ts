/**
 * Exports on small events: whose notes an export may show, CSV quoting and
 * formula cells, the JSON import's checks, what the scope says about laptops
 * not heard from, the download route, and the all-or-nothing file.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import { AtomicFile } from '../../electron/export/files.js';
import type { ExportService } from '../../electron/export/service.js';
import { contentDisposition } from '../../electron/host/download.js';
import { startHost } from '../../electron/host/server.js';
import type { ExportScope, ExportStatus, MethodName, ReportData } from '../../shared/contract.js';
import { hlcToString } from '../../shared/domain/hlc.js';
import type { Op } from '../../shared/ops.js';
import { EVENT, TABLE, dumpState, ok, T0, tempDir, testCore } from './helpers.js';

let core: Core;
let clock: ManualClock;
let service: ExportService;
let dir: ReturnType<typeof tempDir>;
let tableId: string;

async function call<T>(method: MethodName, args: unknown): Promise<T> {
  const r = await core.dispatchAsync(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function refused(method: MethodName, args: unknown) {
  const r = await core.dispatchAsync(method, args);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

async function exportFiles(format: 'csv' | 'xlsx' | 'json', privacy: 'full' | 'anonymised' | 'followups') {
  const { exportId } = await call<ExportStatus>('export.start', { format, privacy });
  const status = await service.settled(exportId);
  expect(status.state, status.error ?? '').toBe('done');
  return status.files.map((f) => ({ ...f, text: readFileSync(join(status.folder, f.name), 'utf8') }));
}

const csvRows = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

/** An operation as another laptop would have made it. */
let foreignSeq = 0;
function foreign(type: Op['type'], payload: Record<string, unknown>, at = clock.now()): Op {
  foreignSeq += 1;
  return {
    id: `remote-op-${foreignSeq}`,
    deviceId: 'remote-laptop',
    seq: foreignSeq,
    hlc: hlcToString({ wall: at, counter: foreignSeq, node: 'remote-laptop' }),
    type,
    payload,
  } as Op;
}

beforeEach(() => {
  dir = tempDir('tableside-export');
  ({ core, clock } = testCore());
  service = attachExports(core, { dir: dir.dir, log: () => {} });
  ok(core.call('event.create', EVENT));
  tableId = ok(core.call('table.create', TABLE)).tableId;
});

afterEach(() => {
  core.close();
  dir.remove();
});

function serveOne(name: string, note?: { text: string; shared: boolean }) {
  const { entryId } = ok(core.call('walkin.add', { tableId, name, topics: ['Personal branding'], partySize: 1 }));
  clock.advance(60_000);
  const { turnId } = ok(core.call('turn.start', { tableId, entryId }));
  if (note) ok(core.call('note.save', { turnId, text: note.text, shared: note.shared, topics: ['Networking'] }));
  clock.advance(10 * 60_000);
  ok(core.call('turn.end', { turnId }));
  return { entryId, turnId };
}

async function xlsxText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
  return cells.join('\n');
}

describe('notes: private stays with the laptop that wrote it', () => {
  it("no export carries a private note, this laptop's own included (nor its drafts): every format, every privacy level", async () => {
    const { turnId } = serveOne('Ana Lima', { text: 'Own private draft', shared: false });
    // Autosave: a later version of the same private note.
    ok(core.call('note.save', { turnId, text: 'Own private thought', shared: false, topics: ['Networking'], supportKind: 'mentoring' }));
    serveOne('Bo Chen', { text: 'Shared with organisers', shared: true });
    const seen: string[] = [];
    for (const [format, privacy] of [
      ['csv', 'full'],
      ['csv', 'anonymised'],
      ['csv', 'followups'],
      ['xlsx', 'full'],
      ['xlsx', 'anonymised'],
      ['xlsx', 'followups'],
      ['json', 'full'],
    ] as const) {
      const { exportId } = await call<ExportStatus>('export.start', { format, privacy });
      const status = await service.settled(exportId);
      expect(status.state, status.error ?? '').toBe('done');
      for (const f of status.files) {
        const bytes = readFileSync(join(status.folder, f.name));
        // xlsx is a zip of XML: search the raw bytes and, deflated or not, the shared strings.
        const text = format === 'xlsx' ? await xlsxText(bytes) : bytes.toString('utf8');
        for (const secret of ['Own private draft', 'Own private thought', 'private (this laptop)']) {
          expect(text, `${format}/${privacy}/${f.name}`).not.toContain(secret);
        }
        seen.push(`${format}/${privacy}/${f.name}`);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(7);
    const full = csvRows((await exportFiles('csv', 'full'))[0]?.text ?? '');
    // Its tags are not used either; the shared note is there in full.
    expect(full.find((r) => r.Participant === 'Ana Lima')).toMatchObject({ Note: '', 'Topics discussed': '', 'Support kind': '' });
    expect(full.find((r) => r.Participant === 'Bo Chen')).toMatchObject({ Note: 'Shared with organisers', 'Note kept': 'shared', 'Topics discussed': 'Networking' });
    // The report's support kinds count no private note.
    const report = await call<ReportData>('report.get', {});
    expect(report.supportKinds.find((k) => k.kind === 'mentoring')?.interactions).toBe(0);
  });

  it("another laptop's private note (text and tags) is in no export, not even the log", async () => {
    const { turnId } = serveOne('Ana Lima', { text: 'Mine', shared: true });
    clock.advance(60_000);
    core.applyOps([
      foreign('note.saved', {
        noteId: 'remote-note',
        turnId,
        text: 'Their private words',
        savedAt: clock.now(),
        about: [],
        topics: ['Work-life balance'],
        supportKind: 'mentoring',
        shared: false,
      }),
    ]);
    // The newer version (theirs, private) is what the projection holds now.
    const full = (await exportFiles('csv', 'full'))[0]?.text ?? '';
    expect(full).not.toContain('Their private words');
    const row = csvRows(full)[0];
    expect(row?.['Topics discussed']).toBe('');
    expect(row?.['Support kind']).toBe('');
    const log = (await exportFiles('json', 'full'))[0]?.text ?? '';
    expect(log).not.toContain('Their private words');
    expect(log).toContain('"Mine"');
  });

  it("another laptop's shared note is exported in full", async () => {
    const { turnId } = serveOne('Ana Lima');
    core.applyOps([
      foreign('note.saved', {
        noteId: 'remote-note',
        turnId,
        text: 'Shared by the other coach',
        savedAt: clock.now(),
        about: [],
        topics: [],
        supportKind: null,
        shared: true,
      }),
    ]);
    const row = csvRows((await exportFiles('csv', 'full'))[0]?.text ?? '')[0];
    expect(row?.Note).toBe('Shared by the other coach');
    expect(row?.['Note kept']).toBe('shared');
  });
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, keeps non-Latin names, and defuses formulas', async () => {
    const names = ['=HYPERLINK("http://x")', 'O\'Brien, "Pat"', 'Line\nbreak', 'Δήμητρα Οικονόμου', '@SUM(A1)', '+1 555'];
    for (const name of names) ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 }));
    ok(core.call('table.close', { tableId }));
    const text = (await exportFiles('csv', 'full'))[0]?.text ?? '';
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.Participant)).toEqual([
      '\'=HYPERLINK("http://x")',
      'O\'Brien, "Pat"',
      'Line\nbreak',
      'Δήμητρα Οικονόμου',
      "'@SUM(A1)",
      "'+1 555",
    ]);
    expect(parsed.data.every((r) => r.Outcome === 'not reached')).toBe(true);
  });
});

describe('files others will open (issue 12): every cell read back by another reader', () => {
  // Names as another laptop's (older) version may have sent them, so the
  // writers meet them even though this laptop's gate cleans what is typed.
  const hostile = [
    '=HYPERLINK("http://x")\nJo',
    '+1\r\n=cmd',
    '-2+3',
    '@SUM(A1)\nsecond line',
    '\tTabbed',
    '\r=CR first',
    'Jo\uFFFEe\uFFFF',
    'Bell\u0007 and \u0000nul',
    // DEL and C1 controls: exceljs's writer drops them, so the CSV must too.
    'Del\u007F, NEL\u0085 and CSI\u009B',
    'Plain Ana',
  ];
  const expectedCsv = [
    '\'=HYPERLINK("http://x")\nJo',
    "'+1\r\n=cmd",
    "'-2+3",
    "'@SUM(A1)\nsecond line",
    "'\tTabbed",
    "'\r=CR first",
    'Joe',
    'Bell and nul',
    'Del, NEL and CSI',
    'Plain Ana',
  ];

  function addForeign() {
    hostile.forEach((name, i) =>
      core.applyOps([
        foreign('walkin.added', { entryId: `h-${i}`, tableId, ticket: 100 + i, name, topics: [], partySize: 1, joinedAt: clock.now() + i }),
      ]),
    );
    ok(core.call('table.close', { tableId }));
  }

  it('CSV: formulas neutralised in every cell, multi-line ones too; papaparse reads each cell back as written', async () => {
    addForeign();
    const text = (await exportFiles('csv', 'full'))[0]?.text ?? '';
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.Participant)).toEqual(expectedCsv);
    for (const row of parsed.data) {
      for (const cell of Object.values(row)) {
        expect(/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)}`).toBe(false);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.test(cell)).toBe(false);
      }
    }
  });

  it('XLSX: exceljs reads the workbook back; every name is a string cell (no formula), cleaned, equal cell by cell to the CSV', async () => {
    addForeign();
    const csv = csvRows((await exportFiles('csv', 'full'))[0]?.text ?? '');
    const { default: ExcelJS } = await import('exceljs');
    const { exportId } = await call<ExportStatus>('export.start', { format: 'xlsx', privacy: 'full' });
    const status = await service.settled(exportId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(status.folder, status.files[0]?.name ?? ''));
    const sheet = wb.worksheets[1]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, k) => [h, values[k]])));
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    expect(rows).toHaveLength(csv.length);
    const col = header.indexOf('Participant');
    expect(col).toBeGreaterThanOrEqual(0);
    // Cell by cell: the CSV holds the xlsx's text, neutralised where it starts like a formula
    // (XML keeps line breaks as LF only, so the workbook writes them so).
    const lf = (t: string) => t.replace(/\r\n?/g, '\n');
    rows.forEach((row, i) => {
      for (const h of header) {
        const x = row[h];
        const c = lf(csv[i]?.[h] ?? '');
        if (typeof x === 'string') expect(c).toBe(/^[=+\-@\t\n]/.test(x) && !/^'/.test(x) && c.startsWith("'") ? `'${x}` : x);
        else if (typeof x === 'number') expect(Number(c)).toBeCloseTo(x, 6);
        else if (x === undefined || x === null) expect(c).toBe('');
      }
    });
    expect(rows.map((r) => r.Participant)).toEqual(expectedCsv.map((c) => lf(c.startsWith("'") ? c.slice(1) : c)));
  });
});

describe('what an export includes', () => {
  it('names a laptop not heard from for longer than the limit, against the newest operation', async () => {
    core.applyOps([
      foreign('table.created', {
        tableId: 'remote-table',
        eventId: core.snapshot().event?.id ?? '',
        name: 'Mesa remota',
        coaches: ['Rosa'],
        topics: [],
        language: 'es',
        turnMinutes: 15,
        createdAt: clock.now(),
      }),
    ]);
    clock.advance(40 * 60_000);
    serveOne('Ana Lima');
    const scope = await call<ExportScope>('export.scope', { staleMinutes: 30 });
    expect(scope.devices).toHaveLength(2);
    expect(scope.devices[0]).toMatchObject({ thisLaptop: true, notHeardFrom: false });
    expect(scope.devices[1]).toMatchObject({ deviceId: 'remote-laptop', notHeardFrom: true, tables: ['Mesa remota'], operations: 1 });
    expect((await call<ExportScope>('export.scope', { staleMinutes: 60 })).devices[1]?.notHeardFrom).toBe(false);
    const report = await call<ReportData>('report.get', {});
    expect(report.scope.devices.map((d) => d.notHeardFrom)).toEqual([false, true]);
    const devices = (await exportFiles('csv', 'anonymised')).find((f) => f.kind === 'devices')?.text ?? '';
    expect(csvRows(devices).map((r) => r['Not heard from'])).toEqual(['no', 'yes']);
  });

  it("the report's timeline spans the event's dates: a walk-in stamped in 2099 is counted as outside, not drawn minute by minute", async () => {
    // EVENT is 26 August 2026; one walk-in then, and a party of two added while this laptop's clock said December 2099.
    ok(core.call('walkin.add', { tableId, name: 'On the day', topics: ['Personal branding'], partySize: 1 }));
    clock.set(Date.UTC(2099, 11, 1));
    ok(core.call('walkin.add', { tableId, name: 'Far', topics: ['Personal branding'], partySize: 2 }));
    const report = await call<ReportData>('report.get', {});
    expect(report.headline.people).toBe(2);
    // Within the event's dates (26 August 2026 with a day's margin): a few dozen points at most, never 2026..2099.
    expect(report.timeline.points.length).toBeLessThanOrEqual(40);
    expect(report.timeline.points.every((p) => p.at >= Date.UTC(2026, 7, 24) && p.at < Date.UTC(2026, 7, 29))).toBe(true);
    expect(report.timeline.points.reduce((n, p) => n + p.arrivals, 0)).toBe(1);
    expect(report.timeline.outside).toEqual({ before: 0, after: 2 });
  });

  it('before any event: an empty scope and report, and exports refused', async () => {
    const empty = testCore({ prefix: 'empty' });
    try {
      attachExports(empty.core, { dir: dir.dir });
      const scope = await empty.core.dispatchAsync('export.scope', {});
      expect(scope.ok && scope.value).toMatchObject({ event: null, devices: [] });
      const report = await empty.core.dispatchAsync('report.get', {});
      expect(report.ok && (report.value as ReportData).headline.people).toBe(0);
      const start = await empty.core.dispatchAsync('export.start', { format: 'csv', privacy: 'full' });
      expect(start.ok ? 'ok' : start.error.code).toBe('rejected');
    } finally {
      empty.core.close();
    }
  });
});

describe('refusals', () => {
  it('the JSON log exists only in full', async () => {
    const error = await refused('export.start', { format: 'json', privacy: 'anonymised' });
    expect(error.code).toBe('rejected');
    expect(error.message).toMatch(/complete log/);
  });

  it('bad arguments name the field, and a path can never be sent', async () => {
    expect((await refused('export.start', { format: 'pdf', privacy: 'full' })).issues?.[0]?.path).toBe('format');
    expect((await refused('export.start', { format: 'csv', privacy: 'full', path: '/etc/passwd' })).code).toBe('bad_request');
    expect((await refused('export.cancel', { exportId: 'nope' })).code).toBe('rejected');
  });
});

describe('importing a log', () => {
  async function logOf(): Promise<Record<string, unknown> & { ops: Record<string, unknown>[] }> {
    serveOne('Ana Lima', { text: 'Plan', shared: false });
    const text = (await exportFiles('json', 'full'))[0]?.text ?? '';
    return JSON.parse(text) as Record<string, unknown> & { ops: Record<string, unknown>[] };
  }

  async function importInto(log: unknown) {
    const target = testCore({ prefix: 'target' });
    attachExports(target.core, { dir: dir.dir });
    const before = dumpState(target.db);
    const result = await target.core.dispatchAsync('export.importJson', { log });
    const after = dumpState(target.db);
    target.core.close();
    return { result, unchanged: JSON.stringify(before) === JSON.stringify(after) };
  }

  it('refuses what is not a log, with the field named', async () => {
    const log = await logOf();
    const { result, unchanged } = await importInto({ ...log, format: 'something-else' });
    expect(result.ok ? 'ok' : result.error.issues?.[0]?.path).toBe('log.format');
    expect(unchanged).toBe(true);
  });

  it('refuses an unknown operation or a bad payload, and changes nothing', async () => {
    const log = await logOf();
    const unknown = { ...log, ops: [...log.ops, { ...log.ops[1], id: 'x1', seq: 999, type: 'table.exploded' }] };
    const a = await importInto(unknown);
    expect(a.result.ok ? 'ok' : a.result.error.message).toMatch(/log\.ops\.\d+\.type: Unknown operation type/);
    expect(a.unchanged).toBe(true);
    const broken = structuredClone(log);
    (broken.ops[1]?.payload as Record<string, unknown>).tableId = 42;
    const b = await importInto(broken);
    expect(b.result.ok ? 'ok' : b.result.error.message).toMatch(/log\.ops\.1\.payload\.tableId/);
    expect(b.unchanged).toBe(true);
  });

  it('refuses an operation the rules cannot apply (a walk-in at a table the log never made), naming it, and keeps nothing', async () => {
    const log = await logOf();
    const bad = structuredClone(log);
    const at = bad.ops.findIndex((o) => o.type === 'walkin.added');
    (bad.ops[at]!.payload as Record<string, unknown>).tableId = '00000000-0000-4000-8000-000000000000';
    const target = testCore({ prefix: 'target' });
    attachExports(target.core, { dir: dir.dir });
    const before = JSON.stringify(dumpState(target.db));
    const result = await target.core.dispatchAsync('export.importJson', { log: bad });
    expect(result.ok ? 'ok' : result.error.params).toMatchObject({ reason: 'import_invalid', position: at + 1, type: 'walkin.added' });
    expect(JSON.stringify(dumpState(target.db))).toBe(before);
    expect(target.core.snapshot().event).toBeNull();
    // Nothing of the attempt stays, in the tables or in memory: the good log then imports whole.
    const good = await target.core.dispatchAsync('export.importJson', { log });
    expect(good.ok && (good.value as { operations: number }).operations).toBe(log.ops.length);
    target.core.close();
  });

  it('refuses an instant outside 2020-2099 (a walk-in joined in 2000, a timestamp in 2381), naming the operation', async () => {
    const log = await logOf();
    const at = log.ops.findIndex((o) => o.type === 'walkin.added');
    const past = structuredClone(log);
    (past.ops[at]!.payload as Record<string, unknown>).joinedAt = Date.UTC(2000, 0, 1);
    const a = await importInto(past);
    expect(a.result.ok ? 'ok' : a.result.error.params).toMatchObject({ reason: 'import_invalid', position: at + 1, type: 'walkin.added' });
    expect(a.unchanged).toBe(true);
    const future = structuredClone(log);
    future.ops[at]!.hlc = String(Date.UTC(2381, 0, 1)).padStart(15, '0') + String(future.ops[at]!.hlc).slice(15);
    const b = await importInto(future);
    expect(b.result.ok ? 'ok' : b.result.error.code).toBe('bad_request');
    expect(b.unchanged).toBe(true);
  });

  it('refuses a log from a newer Tableside', async () => {
    const log = await logOf();
    const { result, unchanged } = await importInto({ ...log, schemaVersion: 999 });
    expect(result.ok ? 'ok' : result.error.message).toMatch(/newer version/);
    expect(unchanged).toBe(true);
  });

  it('imports into an empty Tableside', async () => {
    const log = await logOf();
    const { result } = await importInto(log);
    expect(result.ok && result.value).toEqual({ eventId: core.snapshot().event?.id, operations: log.ops.length });
  });
});

describe('transfers between tables (sync)', () => {
  it('counts a person sent to another table once, with their wait from their first arrival', async () => {
    const other = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const { entryId } = ok(core.call('walkin.add', { tableId, name: 'Ana Lima', topics: [], partySize: 1 }));
    clock.advance(5 * 60_000);
    const moved = core.call('entry.transfer' as never, { entryId, toTableId: other } as never) as { ok: boolean; value?: { newEntryId: string } };
    if (!moved.ok) return; // Transfers not in this build.
    clock.advance(5 * 60_000);
    const { turnId } = ok(core.call('turn.start', { tableId: other }));
    clock.advance(10 * 60_000);
    ok(core.call('turn.end', { turnId }));
    const files = await exportFiles('csv', 'full');
    const rows = csvRows(files[0]?.text ?? '');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Table: 'Table 2', Participant: 'Ana Lima', 'Minutes waited': '10', Outcome: 'served' });
    const tables = csvRows(files[1]?.text ?? '');
    expect(tables.map((t) => [t.Table, t.Entries, t['Sent on (counted at the other table)']])).toEqual([
      ['Table 1', '0', '1'],
      ['Table 2', '1', '0'],
      ['All tables', '1', '1'],
    ]);
    const report = await call<ReportData>('report.get', {});
    expect(report.headline.people).toBe(1);
    expect(report.timeline.points.reduce((n, p) => n + p.arrivals, 0)).toBe(1);
  });
});

describe('files: all or nothing', () => {
  it('commit gives the file its name only after it is flushed; abort leaves nothing', () => {
    const target = join(dir.dir, 'a.csv');
    const file = new AtomicFile(target);
    file.write('hello');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir.dir)).toEqual([expect.stringMatching(/^\.a\.csv\.[0-9a-f]+\.part$/)]);
    file.commit();
    expect(readFileSync(target, 'utf8')).toBe('hello');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const other = new AtomicFile(join(dir.dir, 'b.csv'));
    other.write('half');
    other.abort();
    other.abort();
    expect(readdirSync(dir.dir)).toEqual(['a.csv']);
  });

  it('leftover temporary files from a crash are swept when exports start', () => {
    const crashed = new AtomicFile(join(dir.dir, 'c.csv'));
    crashed.write('half');
    crashed.finish();
    expect(service.sweepPartFiles()).toBe(1);
    expect(readdirSync(dir.dir)).toEqual([]);
  });
});

describe('download from the web host', () => {
  it('serves a finished export as an attachment, and nothing else', async () => {
    serveOne('Ana Lima');
    const { exportId } = await call<ExportStatus>('export.start', { format: 'csv', privacy: 'anonymised' });
    const status = await service.settled(exportId);
    const host = await startHost({ core, staticDir: dir.dir, port: 0 });
    try {
      const base = `http://127.0.0.1:${host.port}/api/exports/`;
      const ok200 = await fetch(`${base}${exportId}/0`);
      expect(ok200.status).toBe(200);
      expect(ok200.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(ok200.headers.get('content-disposition')).toContain(`filename="${status.files[0]?.name}"`);
      expect(ok200.headers.get('content-security-policy')).toBeTruthy();
      const body = new Uint8Array(await ok200.arrayBuffer());
      expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect((await fetch(`${base}${exportId}/7`)).status).toBe(404);
      expect((await fetch(`${base}nope/0`)).status).toBe(404);
      expect((await fetch(`${base}..%2F..%2Fsecret/0`)).status).toBe(404);
      expect((await fetch(`${base}${exportId}/0`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${base}${exportId}/0`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    } finally {
      await host.close();
    }
  });

  it('names files in UTF-8 for browsers, with an ASCII fallback', () => {
    expect(contentDisposition('Δήμητρα "x".csv')).toBe(
      `attachment; filename="_______ _x_.csv"; filename*=UTF-8''${encodeURIComponent('Δήμητρα "x".csv')}`,
    );
  });
});

it('T0 is a whole minute (the generated day relies on it)', () => {
  expect(T0 % 60_000).toBe(0);
});
