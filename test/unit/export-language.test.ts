/**
 * Issue 14, exports: headers, sheet names and value labels in the language
 * chosen at export time (English by default), each language's catalogue
 * complete, and the JSON log the same whatever the language.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName } from '../../shared/contract.js';
import { EXPORT_LANGUAGES, EXPORT_WORDS, fill } from '../../shared/export/words/index.js';
import { privacySentence } from '../../shared/export/scope.js';
import { EVENT, TABLE, ok, tempDir, testCore } from './helpers.js';

type Tree = { [k: string]: string | Tree };
const flat = (o: Tree, prefix = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));

/** Words a language shares with English: cognates and codes, not forgotten translations. */
const SAME_AS_ENGLISH = new Set(['Coaches', 'Ticket', 'Ticket {n}', 'Laptop', 'Laptops', 'Name', '{header} (UTC)', '{laptop} ({tables})', 'no', 'Table', 'Tables', 'Note', 'Date']);

describe('the export words of every language', () => {
  const english = new Map(flat(EXPORT_WORDS.en as unknown as Tree));
  for (const language of EXPORT_LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language}: every key, no other, none empty, placeholders kept, nothing left in English but the allow-list`, () => {
      const words = new Map(flat(EXPORT_WORDS[language] as unknown as Tree));
      expect([...words.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, en] of english) {
        const value = words.get(key) ?? '';
        expect(value.trim(), key).not.toBe('');
        for (const placeholder of en.match(/\{\w+\}/g) ?? []) expect(value, key).toContain(placeholder);
        if (value === en) expect(SAME_AS_ENGLISH.has(value), `${language} ${key} = "${value}" is English`).toBe(true);
      }
    });
  }

  it('sheet names are valid and distinct worksheet names in every language (31 characters, no []:*?/\\)', () => {
    for (const language of EXPORT_LANGUAGES) {
      const names = Object.values(EXPORT_WORDS[language].sheets);
      expect(new Set(names).size, language).toBe(names.length);
      for (const name of names) {
        expect(name.length, name).toBeLessThanOrEqual(31);
        expect(name, name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });
});

describe('an export in a chosen language', () => {
  let core: Core;
  let clock: ManualClock;
  let service: ExportService;
  let dir: ReturnType<typeof tempDir>;

  async function exportFiles(args: Record<string, unknown>) {
    const r = await core.dispatchAsync('export.start' as MethodName, args);
    if (!r.ok) throw new Error(`export.start: ${r.error.code} ${r.error.message}`);
    const status = await service.settled((r.value as ExportStatus).exportId);
    expect(status.state, status.error ?? '').toBe('done');
    return status.files.map((f) => ({ ...f, bytes: readFileSync(join(status.folder, f.name)) }));
  }

  const csvRows = (bytes: Buffer) => {
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed;
  };

  beforeEach(() => {
    dir = tempDir('tableside-export-language');
    ({ core, clock } = testCore());
    service = attachExports(core, { dir: dir.dir, log: () => {} });
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    const served = ok(core.call('walkin.add', { tableId, name: 'Zofia Kowalska', topics: ['Personal branding'], partySize: 1 }));
    const gone = ok(core.call('walkin.add', { tableId, name: 'محمد الحسيني', topics: [], partySize: 1 }));
    clock.advance(60_000);
    const { turnId } = ok(core.call('turn.start', { tableId, entryId: served.entryId }));
    ok(core.call('followup.record', { entryId: served.entryId, turnId, consent: true, contact: 'zofia@example.org', note: 'Monthly' }));
    clock.advance(10 * 60_000);
    ok(core.call('turn.end', { turnId }));
    ok(core.call('entry.setStatus', { entryId: gone.entryId, status: 'no_show' }));
  });

  afterEach(() => {
    core.close();
    dir.remove();
  });

  it('XLSX in German: German sheet names, headers (UTC twins too), outcomes, modes, yes/no and About labels', async () => {
    const [file] = await exportFiles({ format: 'xlsx', privacy: 'full', language: 'de' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file!.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Über diesen Export', 'Gespräche', 'Tische', 'Laptops']);
    const header = (name: string) => (book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    const interactions = header('Gespräche');
    expect(interactions.slice(0, 4)).toEqual(['Tisch', 'Coaches', 'Ticket', 'Teilnehmende Person']);
    expect(interactions).toContain('Ergebnis');
    expect(interactions).toContain('Beginn (UTC)');
    expect(interactions).not.toContain('Outcome');
    const rows = book.getWorksheet('Gespräche')!.getRows(2, 2)!.map((r) => Object.fromEntries(interactions.map((h, k) => [h, r.getCell(k + 1).text])));
    const zofia = rows.find((r) => r['Teilnehmende Person'] === 'Zofia Kowalska')!;
    expect(zofia['Ergebnis']).toBe('betreut');
    expect(zofia['Form']).toBe('Einzelgespräch');
    expect(zofia['Nachbetreuung gewünscht']).toBe('ja');
    expect(rows.find((r) => r['Teilnehmende Person'] === 'محمد الحسيني')!['Ergebnis']).toBe('nicht erschienen');
    const tables = book.getWorksheet('Tische')!;
    expect((tables.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['Tisch', 'Coaches', 'Sprachen', 'Einträge']);
    expect(tables.getRow(3).getCell(1).text).toBe('Alle Tische');
    const about = book.getWorksheet('Über diesen Export')!;
    expect(about.getRow(1).getCell(1).text).toBe('Veranstaltung');
    expect(about.getColumn(1).values).toContain('Datenschutzstufe');
    expect(about.getColumn(2).values).toContain(privacySentence('full', EXPORT_WORDS.de));
    expect(privacySentence('full', EXPORT_WORDS.de)).toMatch(/^Vollständig: Namen der Teilnehmenden, .* und Kommentare der Teilnehmenden/);
    // The sentences too: what is included, and how the times read.
    const sentences = (about.getColumn(2).values as unknown[]).map(String);
    expect(sentences).toContainEqual(expect.stringMatching(/^Vorgänge in diesem Export: \d+, von einem Laptop; der neueste um /));
    expect(sentences).toContain(EXPORT_WORDS.de.sentences.onlyThisLaptop);
    expect(sentences).toContainEqual(expect.stringMatching(/^In der Zeitzone der Veranstaltung, /));
    expect(sentences.join('\n')).not.toMatch(/This export holds|the newest|time zone/);
  });

  it('CSV in Arabic and in Chinese: UTF-8 headers and outcomes read back as written; English by default', async () => {
    for (const language of ['ar', 'zh'] as const) {
      const w = EXPORT_WORDS[language];
      const files = await exportFiles({ format: 'csv', privacy: 'anonymised', language });
      const interactions = csvRows(files.find((f) => f.kind === 'interactions')!.bytes);
      expect(interactions.meta.fields?.slice(0, 4)).toEqual([w.columns.table, w.columns.coaches, w.columns.ticket, w.columns.participant]);
      expect(interactions.meta.fields).toContain(fill(w.utcColumn, { header: w.columns.started }));
      const outcomes = interactions.data.map((r) => r[w.columns.outcome]).sort();
      expect(outcomes).toEqual([w.outcomes.no_show, w.outcomes.served].sort());
      // Anonymised: the ticket label in the language, never the name.
      expect(interactions.data.map((r) => r[w.columns.participant])).toEqual(expect.arrayContaining([fill(w.values.ticket, { n: 1 })]));
      const devices = csvRows(files.find((f) => f.kind === 'devices')!.bytes);
      expect(devices.data[0]?.[w.columns.thisLaptop]).toBe(w.values.yes);
    }
    expect(EXPORT_WORDS.ar.outcomes.served).toBe('خُدم');
    expect(EXPORT_WORDS.zh.columns.outcome).toBe('结果');
    const english = csvRows((await exportFiles({ format: 'csv', privacy: 'full' })).find((f) => f.kind === 'interactions')!.bytes);
    expect(english.meta.fields?.slice(0, 4)).toEqual(['Table', 'Coaches', 'Ticket', 'Participant']);
    expect(english.data.map((r) => r['Outcome']).sort()).toEqual(['no-show', 'served']);
  });

  it('the JSON log is the same byte for byte whatever the language', async () => {
    const texts: string[] = [];
    for (const language of [undefined, ...EXPORT_LANGUAGES]) {
      const [file] = await exportFiles({ format: 'json', privacy: 'full', ...(language ? { language } : {}) });
      texts.push(file!.bytes.toString('utf8'));
    }
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).not.toMatch(/Gespräche|betreut/);
  });

  it('a language outside the seven is refused with the field named, and no export starts', async () => {
    const r = await core.dispatchAsync('export.start', { format: 'csv', privacy: 'full', language: 'he' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('language');
    expect(service.kept().files).toEqual([]);
  });
});
