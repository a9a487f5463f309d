/**
 * Issue 5's checks on a generated full day (export-day.ts): every format and
 * privacy level exported through the contract, read back with independent
 * parsers (Papa Parse for CSV, exceljs's reader for the workbook, JSON.parse
 * and a second, empty Tableside for the log), and compared with what the
 * generator did. The anonymised files are searched for every generated name,
 * contact and note.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName, PrivacyLevel, ReportData } from '../../shared/contract.js';
import type { Op } from '../../shared/ops.js';
import { generateDay, type DayTruth, type TruthPerson } from './export-day.js';
import { dumpTables, T0, tempDir, testCore } from './helpers.js';

// A day of exports on a shared, sometimes busy machine: generous limits (each takes about a second alone).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let core: Core;
let service: ExportService;
let truth: DayTruth;
let dir: ReturnType<typeof tempDir>;
let db: ReturnType<typeof testCore>['db'];

async function call<T>(method: MethodName, args: unknown, on: Core = core): Promise<T> {
  const r = await on.dispatchAsync(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function exportDone(format: 'csv' | 'xlsx' | 'json', privacy: PrivacyLevel): Promise<ExportStatus> {
  const started = await call<ExportStatus>('export.start', { format, privacy });
  expect(started.state).toBe('running');
  const status = await service.settled(started.exportId);
  expect(status.state, status.error ?? '').toBe('done');
  return status;
}

const text = (status: ExportStatus, kind: string) => {
  const file = status.files.find((f) => f.kind === kind);
  if (!file) throw new Error(`no ${kind} file in ${JSON.stringify(status.files)}`);
  return readFileSync(join(status.folder, file.name), 'utf8');
};

/** Papa Parse, as a stranger's program would read the file: header row, BOM stripped. */
function parseCsv(content: string): Record<string, string>[] {
  expect(content.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(content.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
const tenth = (ms: number) => Math.round(ms / 6_000) / 10;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length / 2) - 1)] ?? 0;
};

function waitedMs(p: TruthPerson): number | null {
  const first = p.interactions[0];
  if (first) return first.startedAt - p.joinedAt;
  return p.goneAt === null ? null : p.goneAt - p.joinedAt;
}

const OUTCOME: Record<TruthPerson['outcome'], string> = {
  served: 'served',
  served_group: 'served in a group',
  plenary_only: 'plenary only',
  no_show: 'no-show',
  left: 'left before being served',
  not_reached: 'not reached',
  waiting: 'waiting',
};

beforeAll(() => {
  dir = tempDir('tableside-export-day');
  const made = testCore({ clock: new ManualClock(T0) });
  core = made.core;
  db = made.db;
  service = attachExports(core, { dir: dir.dir });
  truth = generateDay(core, made.clock);
});

afterAll(() => {
  core.close();
  dir.remove();
});

describe('the generated day', () => {
  it('has 20 tables, 2,000 interactions, rotations, no-shows, and follow-ups with and without consent', () => {
    expect(truth.tables).toHaveLength(20);
    expect(truth.interactions).toHaveLength(2000);
    expect(truth.rotations).toBeGreaterThan(20);
    const modes = new Set(truth.interactions.map((i) => i.mode));
    expect([...modes].sort()).toEqual(['group', 'one_to_one', 'plenary', 'rotation', 'topic_focus']);
    for (const o of ['served', 'served_group', 'plenary_only', 'no_show', 'left', 'not_reached'] as const) {
      expect(truth.people.filter((p) => p.outcome === o).length, o).toBeGreaterThan(50);
    }
    const followUps = truth.people.filter((p) => p.followUp);
    expect(followUps.filter((p) => p.followUp?.consent).length).toBeGreaterThan(50);
    expect(followUps.filter((p) => !p.followUp?.consent).length).toBeGreaterThan(30);
    expect(truth.secrets.names.some((n) => /[^\p{Script=Latin}\s\d]/u.test(n))).toBe(true);
  });
});

/** The full CSV's per-table totals, which the workbook must repeat. */
let tables: Record<string, string>[];

describe('CSV, full', () => {
  let status: ExportStatus;
  let rows: Record<string, string>[];

  beforeAll(async () => {
    status = await exportDone('csv', 'full');
    rows = parseCsv(text(status, 'interactions'));
    tables = parseCsv(text(status, 'tables'));
  });

  it('writes three files: interactions, per-table totals, and the laptops included', () => {
    expect(status.files.map((f) => f.kind)).toEqual(['interactions', 'tables', 'devices']);
    expect(status.done).toBe(status.total);
    for (const f of status.files) {
      expect(f.name).toMatch(/\.csv$/);
      expect(readFileSync(join(status.folder, f.name)).length).toBe(f.bytes);
    }
    // RFC 4180: CRLF between records.
    const raw = text(status, 'interactions');
    expect(raw.split('\r\n').length).toBeGreaterThan(2000);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\r/);
  });

  it('has one row per person per interaction, and one for each person never seen', () => {
    const expected = sum(truth.people.map((p) => Math.max(1, p.interactions.length)));
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r.Mode !== '')).toHaveLength(sum(truth.people.map((p) => p.interactions.length)));
    const modes = new Map<string, number>();
    for (const r of rows) if (r.Mode) modes.set(r.Mode, (modes.get(r.Mode) ?? 0) + 1);
    const people = (m: string) => sum(truth.interactions.filter((i) => i.mode === m).map((i) => i.entryIds.length));
    expect(Object.fromEntries(modes)).toEqual({
      'one-to-one': people('one_to_one'),
      group: people('group'),
      plenary: people('plenary'),
      'topic focus': people('topic_focus'),
      'sub-group rotation': people('rotation'),
    });
  });

  it('gives each person their name, outcome, wait and minutes as generated', () => {
    const byKey = new Map<string, Record<string, string>[]>();
    const tableName = new Map(truth.tables.map((t) => [t.tableId, t.name]));
    for (const r of rows) {
      const key = `${r.Table}#${r.Ticket}`;
      byKey.set(key, [...(byKey.get(key) ?? []), r]);
    }
    for (const p of truth.people) {
      const mine = byKey.get(`${tableName.get(p.tableId)}#${p.ticket}`) ?? [];
      expect(mine.length).toBe(Math.max(1, p.interactions.length));
      for (const r of mine) {
        expect(r.Participant).toBe(p.name ?? `Ticket ${p.ticket}`);
        expect(r.Outcome).toBe(OUTCOME[p.outcome]);
        expect(num(r['Party size'])).toBe(p.partySize);
        const w = waitedMs(p);
        expect(num(r['Minutes waited'])).toBe(w === null ? null : tenth(w));
        expect(r['Follow-up requested']).toBe(p.followUp ? 'yes' : 'no');
        if (p.followUp?.consent) expect(r.Contact).toBe(p.followUp.contact);
        else expect(r.Contact).toBe('');
      }
      const received = sum(mine.map((r) => num(r['Minutes received']) ?? 0));
      expect(received).toBeCloseTo(tenth(sum(p.interactions.map((i) => i.endedAt - i.startedAt))), 5);
    }
  });

  it('carries the shared notes\' text and tags, and no private note (not even this laptop\'s own)', () => {
    const noteTexts = new Set(rows.map((r) => r.Note).filter(Boolean));
    for (const i of truth.interactions) if (i.note) expect(noteTexts.has(i.note.text)).toBe(i.note.shared);
    const kept = new Set(rows.map((r) => r['Note kept']));
    expect(kept).toEqual(new Set(['', 'shared']));
  });

  it("the export screen's privacy sentences say what the full export carries: never a private note, follow-up notes", () => {
    // The claim the organiser reads before choosing (en.json export.*Hint), checked against this export's rows.
    const hints = JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/src/i18n/locales/en.json'), 'utf8')) as {
      export: Record<string, string>;
    };
    const privateTexts = truth.interactions.filter((i) => i.note && !i.note.shared).map((i) => i.note!.text);
    expect(privateTexts.length).toBeGreaterThan(0);
    const carried = new Set(rows.map((r) => r.Note));
    expect(privateTexts.some((x) => carried.has(x))).toBe(false);
    expect(hints.export.privacyFullHint).toMatch(/never a private note, not even this laptop's/);
    expect(hints.export.privacyFullHint).not.toMatch(/own private notes\)/);
    expect(hints.export.formatJsonHint).toMatch(/never a private note/);
    // Follow-up notes are in the full export and in the follow-up list: both sentences say so.
    expect(rows.some((r) => (r['Follow-up note'] ?? '') !== '')).toBe(true);
    expect(hints.export.privacyFullHint).toMatch(/follow-up notes/);
    expect(hints.export.privacyFollowupsHint).toMatch(/follow-up notes/);
  });

  it('sums per table to the generated truth, with an "All tables" row', () => {
    expect(tables).toHaveLength(21);
    expect(tables.at(-1)?.Table).toBe('All tables');
    for (const t of truth.tables) {
      const row = tables.find((r) => r.Table === t.name);
      const mine = truth.people.filter((p) => p.tableId === t.tableId);
      const its = truth.interactions.filter((i) => i.tableId === t.tableId);
      const is = (o: string) => mine.filter((p) => p.outcome === o).length;
      const seen = mine.filter((p) => p.interactions.length > 0).map((p) => waitedMs(p) ?? 0);
      expect(row?.Coaches).toBe(t.coaches.join('; '));
      expect({
        people: num(row?.Entries),
        party: num(row?.['People (heads)']),
        served: num(row?.['Served one-to-one']),
        servedGroup: num(row?.['Served in a group']),
        plenaryOnly: num(row?.['Plenary only']),
        noShows: num(row?.['No-shows']),
        left: num(row?.['Left before being served']),
        notReached: num(row?.['Not reached']),
        interactions: num(row?.Interactions),
        oneToOne: num(row?.['One-to-one']),
        group: num(row?.Group),
        plenary: num(row?.Plenary),
        focus: num(row?.['Topic focus']),
        rotation: num(row?.['Rotation turns']),
        coached: num(row?.['Minutes coached']),
        median: num(row?.['Median wait (minutes)']),
        longest: num(row?.['Longest wait (minutes)']),
        followUps: num(row?.['Follow-ups requested']),
        consent: num(row?.['Follow-ups with consent']),
      }).toEqual({
        people: mine.length,
        party: sum(mine.map((p) => p.partySize)),
        served: is('served'),
        servedGroup: is('served_group'),
        plenaryOnly: is('plenary_only'),
        noShows: is('no_show'),
        left: is('left'),
        notReached: is('not_reached'),
        interactions: its.length,
        oneToOne: its.filter((i) => i.mode === 'one_to_one').length,
        group: its.filter((i) => i.mode === 'group').length,
        plenary: its.filter((i) => i.mode === 'plenary').length,
        focus: its.filter((i) => i.mode === 'topic_focus').length,
        rotation: its.filter((i) => i.mode === 'rotation').length,
        coached: tenth(sum(its.map((i) => i.endedAt - i.startedAt))),
        median: tenth(median(seen)),
        longest: tenth(Math.max(...seen)),
        followUps: mine.filter((p) => p.followUp).length,
        consent: mine.filter((p) => p.followUp?.consent).length,
      });
    }
    const all = tables.at(-1);
    expect(num(all?.Interactions)).toBe(2000);
    expect(num(all?.Entries)).toBe(truth.people.length);
  });

  it('states which laptops it holds, in its own small CSV', () => {
    const devices = parseCsv(text(status, 'devices'));
    expect(devices).toHaveLength(1);
    expect(devices[0]?.Laptop).toBe(core.deviceId);
    expect(devices[0]?.['This laptop']).toBe('yes');
    // The operations the exports carry: no private note, no feedback card (feedback-privacy.test.ts).
    const carried = core.ops().filter((op) => !(op.type === 'note.saved' && !op.payload.shared) && op.type !== 'feedback.given');
    expect(num(devices[0]?.Operations)).toBe(carried.length);
    expect(devices[0]?.['Not heard from']).toBe('no');
  });
});

describe('anonymised exports', () => {
  const secrets = () => [
    ...truth.secrets.names,
    ...truth.secrets.contacts,
    ...truth.secrets.notes,
    ...truth.secrets.followUpNotes,
  ];

  function expectClean(content: string, where: string) {
    const found = secrets().filter((s) => content.includes(s));
    expect(found.slice(0, 5), where).toEqual([]);
  }

  it('CSV: tickets instead of names, and no name, contact or note anywhere in any file', async () => {
    const status = await exportDone('csv', 'anonymised');
    expect(status.files).toHaveLength(3);
    for (const f of status.files) expectClean(readFileSync(join(status.folder, f.name), 'utf8'), f.name);
    const rows = parseCsv(text(status, 'interactions'));
    expect(rows.length).toBe(sum(truth.people.map((p) => Math.max(1, p.interactions.length))));
    for (const r of rows) expect(r.Participant).toMatch(/^Ticket \d+$/);
    expect(Object.keys(rows[0] ?? {})).not.toContain('Contact');
    expect(Object.keys(rows[0] ?? {})).not.toContain('Note');
    expect(Object.keys(rows[0] ?? {})).not.toContain('Follow-up note');
    // The same figures as the full export.
    const tables = parseCsv(text(status, 'tables'));
    expect(num(tables.at(-1)?.Interactions)).toBe(2000);
  });

  it('XLSX: no name, contact or note in any cell of any sheet', async () => {
    const status = await exportDone('xlsx', 'anonymised');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(status.folder, status.files[0]?.name ?? ''));
    const cells: string[] = [];
    wb.eachSheet((ws) => {
      cells.push(ws.name);
      ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    });
    expectClean(cells.join('\n'), 'workbook');
  });

  it('the report carries no personal data at all', async () => {
    const report = await call<ReportData>('report.get', {});
    expectClean(JSON.stringify(report), 'report');
    expect(JSON.stringify(report)).not.toMatch(/Ticket \d/);
  });
});

describe('the follow-up list', () => {
  it('holds only people who consented, with their contact and the coaches who met them', async () => {
    const status = await exportDone('csv', 'followups');
    expect(status.files.map((f) => f.kind)).toEqual(['followups', 'devices']);
    const rows = parseCsv(text(status, 'followups'));
    const consented = truth.people.filter((p) => p.followUp?.consent);
    expect(rows).toHaveLength(consented.length);
    const coaches = new Map(truth.tables.map((t) => [t.name, t.coaches.join('; ')]));
    const byContact = new Map(rows.map((r) => [r.Contact, r]));
    for (const p of consented) {
      const r = byContact.get(p.followUp?.contact ?? '');
      expect(r, p.followUp?.contact ?? '').toBeDefined();
      expect(r?.Participant).toBe(p.name ?? `Ticket ${p.ticket}`);
      expect(r?.Coaches).toBe(coaches.get(r?.Table ?? ''));
      expect(r?.['Follow-up note']).toBe(p.followUp?.note);
    }
    const all = readFileSync(join(status.folder, status.files[0]?.name ?? ''), 'utf8');
    for (const p of truth.people.filter((q) => q.followUp && !q.followUp.consent)) {
      expect(all.includes(p.followUp?.note ?? '')).toBe(false);
    }
  });
});

describe('XLSX, full', () => {
  it('has the About sheet and the same sheets and totals as the CSV, with times as dates', async () => {
    const status = await exportDone('xlsx', 'full');
    expect(status.files).toHaveLength(1);
    expect(status.files[0]?.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(status.folder, status.files[0]?.name ?? ''));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About this export', 'Interactions', 'Tables', 'Laptops']);

    const about = wb.getWorksheet('About this export');
    const aboutText: string[] = [];
    about?.eachRow((row) => aboutText.push(row.values?.toString() ?? ''));
    expect(aboutText.join('\n')).toContain('WLIC drop-in coaching — full day');
    expect(aboutText.join('\n')).toContain('operations from 1 laptop');

    const interactions = wb.getWorksheet('Interactions');
    expect((interactions?.rowCount ?? 0) - 1).toBe(sum(truth.people.map((p) => Math.max(1, p.interactions.length))));
    const header = (interactions?.getRow(1).values as unknown[]).slice(1);
    const queued = header.indexOf('Queued at') + 1;
    const cell = interactions?.getRow(2).getCell(queued).value;
    expect(cell).toBeInstanceOf(Date);

    const sheet = wb.getWorksheet('Tables');
    const csv = tables;
    expect((sheet?.rowCount ?? 0) - 1).toBe(csv.length);
    const tableHeader = (sheet?.getRow(1).values as unknown[]).slice(1).map(String);
    for (let i = 0; i < csv.length; i++) {
      const values = (sheet?.getRow(i + 2).values as unknown[]).slice(1);
      tableHeader.forEach((h, k) => {
        const v = values[k];
        const c = csv[i]?.[h] ?? '';
        if (typeof v === 'number') expect(v, `${h} row ${i}`).toBeCloseTo(Number(c), 5);
        else expect(String(v ?? ''), `${h} row ${i}`).toBe(c);
      });
    }
  });
});

describe('JSON: the complete log', () => {
  it('rebuilds the same event in an empty Tableside, and is refused by one that holds an event', async () => {
    const status = await exportDone('json', 'full');
    expect(status.files[0]?.name).toMatch(/\.tableside$/);
    const log = JSON.parse(readFileSync(join(status.folder, status.files[0]?.name ?? ''), 'utf8')) as {
      format: string;
      schemaVersion: number;
      eventId: string;
      ops: unknown[];
    };
    expect(log.format).toBe('tableside-event-log');
    expect(log.schemaVersion).toBe(db.pragma('user_version', { simple: true }));
    // Every operation but the private notes (their drafts too): the same rule as sync.
    const privateNotes = core.ops().filter((op) => op.type === 'note.saved' && !op.payload.shared);
    expect(privateNotes.length).toBeGreaterThan(0);
    expect(log.ops).toHaveLength(core.ops().length - privateNotes.length);
    const secret = new Set(privateNotes.map((op) => (op.type === 'note.saved' ? op.payload.text : '')));
    expect(log.ops.some((op) => secret.has((op as { payload: { text?: string } }).payload.text ?? ''))).toBe(false);
    expect(log.eventId).toBe(core.snapshot().event?.id);

    const empty = testCore({ prefix: 'other' });
    try {
      attachExports(empty.core);
      const imported = await call<{ eventId: string; operations: number }>('export.importJson', { log }, empty.core);
      expect(imported.operations).toBe(log.ops.length);
      // The same event, less the private notes; a timestamp the tables keep is the operation's as the log renumbered it
      // (clock counters dense within each millisecond, feedback-privacy.test.ts).
      const renumbered = new Map(core.ops().map((op) => [op.hlc, (log.ops as Op[]).find((o) => o.id === op.id)?.hlc ?? op.hlc]));
      const asLogged = (rows: unknown[]) =>
        rows.map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? (renumbered.get(v) ?? v) : v])));
      const withoutPrivate = (d: Record<string, unknown[]>) => ({ ...d, notes: d.notes!.filter((n) => (n as { shared: number }).shared === 1) });
      const source = Object.fromEntries(Object.entries(withoutPrivate(dumpTables(db))).map(([t, rows]) => [t, asLogged(rows)]));
      expect(dumpTables(empty.db)).toEqual(source);
      // A second import, or into this event, is refused and changes nothing.
      const again = await empty.core.dispatchAsync('export.importJson', { log });
      expect(again.ok ? 'ok' : again.error.code).toBe('rejected');
      expect(empty.core.ops()).toHaveLength(log.ops.length);
    } finally {
      empty.core.close();
    }
  });
});

describe('the report', () => {
  it('adds up to the generated truth', async () => {
    const report = await call<ReportData>('report.get', {});
    const h = report.headline;
    const is = (o: string) => truth.people.filter((p) => p.outcome === o).length;
    expect(h.tables).toBe(20);
    expect(h.people).toBe(truth.people.length);
    expect(h.interactions).toBe(2000);
    expect([h.served, h.servedGroup, h.plenaryOnly, h.noShows, h.left, h.notReached]).toEqual(
      ['served', 'served_group', 'plenary_only', 'no_show', 'left', 'not_reached'].map(is),
    );
    expect(h.followUps).toBe(truth.people.filter((p) => p.followUp).length);
    expect(h.followUpsWithConsent).toBe(truth.people.filter((p) => p.followUp?.consent).length);
    expect(sum(report.modes.map((m) => m.interactions))).toBe(2000);
    // The waits and the timeline count people (heads: everyone in a party); the waits say the entries too.
    const coached = truth.people.filter((p) => p.interactions.length > 0);
    expect(sum(report.waits.map((w) => w.entries))).toBe(coached.length);
    expect(sum(report.waits.map((w) => w.people))).toBe(sum(coached.map((p) => p.partySize)));
    expect(sum(report.waits.map((w) => w.people))).toBeGreaterThan(coached.length);
    expect(sum(report.timeline.points.map((p) => p.arrivals))).toBe(sum(truth.people.map((p) => p.partySize)));
    // People waiting: at each minute (everything happens on whole minutes), joined and not yet
    // coached (a plenary does not count) nor gone; the report gives each bucket's peak.
    const size = report.timeline.bucketMinutes * 60_000;
    const exits = truth.people.map((p) => p.interactions.find((i) => i.mode !== 'plenary')?.startedAt ?? p.goneAt ?? Infinity);
    const waitingAt = (m: number) => sum(truth.people.filter((p, i) => p.joinedAt <= m && (exits[i] ?? Infinity) > m).map((p) => p.partySize));
    for (const point of report.timeline.points) {
      let peak = 0;
      for (let m = point.at; m < point.at + size; m += 60_000) peak = Math.max(peak, waitingAt(m));
      expect(point.waiting, new Date(point.at).toISOString()).toBe(peak);
    }
    expect(Math.max(...report.timeline.points.map((p) => p.waiting))).toBeGreaterThan(20);
    expect(sum(report.tables.map((t) => t.interactions))).toBe(2000);
    expect(sum(report.followUps.map((f) => f.withConsent))).toBe(h.followUpsWithConsent);

    // Demand by topic, in people (a party of three is three): wanted from the walk-ins, discussed from notes' tags and topic focus.
    const wanted = new Map<string, number>();
    const discussed = new Map<string, number>();
    for (const p of truth.people) {
      for (const t of p.topics) wanted.set(t, (wanted.get(t) ?? 0) + p.partySize);
      const topics = new Set<string>();
      for (const a of p.interactions) {
        const i = truth.interactions.find((x) => x.turnId === a.turnId);
        // A private note's tags are in no export: only shared notes' count.
        if (i?.note?.shared) for (const t of i.note.topics) topics.add(t);
        if (i?.topic) topics.add(i.topic);
      }
      for (const t of topics) discussed.set(t, (discussed.get(t) ?? 0) + p.partySize);
    }
    for (const row of report.topics) {
      expect([row.topic, row.wanted, row.discussed]).toEqual([row.topic, wanted.get(row.topic) ?? 0, discussed.get(row.topic) ?? 0]);
    }
  });
});

describe('progress, cancelling, and all-or-nothing files', () => {
  const leftovers = () => readdirSync(dir.dir).filter((n) => n.endsWith('.part'));

  it('pushes progress and can be cancelled midway, leaving no file and no temporary file behind', async () => {
    const before = new Set(readdirSync(dir.dir));
    const seen: ExportStatus[] = [];
    let exportId = '';
    const stop = core.subscribe((push) => {
      if (push.type !== 'exportProgress' || push.payload.exportId !== exportId) return;
      seen.push(push.payload);
      if (push.payload.done > 0 && push.payload.state === 'running') void core.dispatchAsync('export.cancel', { exportId });
    });
    try {
      exportId = (await call<ExportStatus>('export.start', { format: 'xlsx', privacy: 'full' })).exportId;
      const end = await service.settled(exportId);
      expect(end.state).toBe('cancelled');
      expect(end.files).toEqual([]);
      expect(seen.some((s) => s.state === 'running' && s.done > 0 && s.done < s.total)).toBe(true);
      expect(seen.at(-1)?.state).toBe('cancelled');
      expect(readdirSync(dir.dir).filter((n) => !before.has(n))).toEqual([]);
      expect(leftovers()).toEqual([]);
      const status = await call<ExportStatus>('export.status', { exportId });
      expect(status.state).toBe('cancelled');
    } finally {
      stop();
    }
  });

  it('a cancel right after the start writes nothing at all', async () => {
    const before = new Set(readdirSync(dir.dir));
    const { exportId } = await call<ExportStatus>('export.start', { format: 'csv', privacy: 'full' });
    await call('export.cancel', { exportId });
    expect((await service.settled(exportId)).state).toBe('cancelled');
    expect(readdirSync(dir.dir).filter((n) => !before.has(n))).toEqual([]);
  });

  it('a failure while naming the files takes back every file of the export', async () => {
    const { mkdirSync } = await import('node:fs');
    // The CSV's second file cannot take its name: a folder is in the way.
    const target = join(dir.dir, 'chosen.csv');
    mkdirSync(join(dir.dir, 'chosen-tables.csv'));
    const before = new Set(readdirSync(dir.dir));
    const status = service.start({ format: 'csv', privacy: 'anonymised' }, { path: target });
    const end = await service.settled(status.exportId);
    expect(end.state).toBe('failed');
    expect(end.error).toBeTruthy();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir.dir).filter((n) => !before.has(n))).toEqual([]);
  });

  it('the Electron shell can name the file (a path from its save dialog)', async () => {
    const target = join(dir.dir, 'For the board.csv');
    const status = service.start({ format: 'csv', privacy: 'anonymised' }, { path: target });
    expect((await service.settled(status.exportId)).state).toBe('done');
    expect(existsSync(target)).toBe(true);
    expect(existsSync(join(dir.dir, 'For the board-tables.csv'))).toBe(true);
    expect(existsSync(join(dir.dir, 'For the board-devices.csv'))).toBe(true);
  });
});

describe('export files kept on this laptop', () => {
  it('lists finished exports only, refuses to delete while one is written, then deletes exactly those', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    await exportDone('json', 'full');
    await exportDone('csv', 'anonymised');
    writeFileSync(join(dir.dir, 'read-me.txt'), 'not an export');
    mkdirSync(join(dir.dir, 'a-folder.xlsx'), { recursive: true });
    const kept = await call<{ folder: string; files: { name: string; bytes: number; madeAt: number }[] }>('export.kept', {});
    expect(kept.folder).toBe(service.kept().folder);
    const names = kept.files.map((f) => f.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names.every((n) => /\.(csv|xlsx|tableside)$/.test(n) && !n.startsWith('.'))).toBe(true);
    expect(names).not.toContain('read-me.txt');
    expect(names).not.toContain('a-folder.xlsx');
    expect(kept.files.every((f) => f.bytes > 0 && f.madeAt > 0)).toBe(true);

    const { exportId } = await call<ExportStatus>('export.start', { format: 'xlsx', privacy: 'full' });
    const refused = await core.dispatchAsync('export.deleteKept', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringMatching(/being written/) } });
    expect(service.kept().files.map((f) => f.name)).toEqual(names);
    expect((await service.settled(exportId)).state).toBe('done');

    const { deleted } = await call<{ deleted: number }>('export.deleteKept', {});
    expect(deleted).toBe(names.length + 1);
    expect(service.kept().files).toEqual([]);
    const left = readdirSync(dir.dir);
    expect(left.filter((n) => /\.(csv|xlsx|tableside)$/.test(n) && n !== 'chosen-tables.csv')).toEqual(['a-folder.xlsx']);
    expect(left).toContain('read-me.txt');
    // Their download links are gone with them.
    expect(service.status(exportId)).toBeNull();
  });
});
