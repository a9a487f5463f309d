import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  parseLanguage,
  previewPlan,
  splitList,
  tableKey,
  type ExistingTable,
  type PlanContext,
  type PlanProblem,
} from '../../shared/domain/floorplan.js';
import { PlanFileError, readPlanCsv, readPlanFile } from '../../electron/plan/read.js';
import { decodeTextFile } from '../../shared/text-file.js';

const HEADER = ['Table', 'Coaches', 'Topics', 'Languages', 'Turn length (minutes)'];
const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  topics: ['Career and professional development', 'Networking and social media', 'Work-life balance'],
  tables: [],
  ...over,
});
const errors = (problems: PlanProblem[]) => problems.filter((p) => p.severity === 'error');
const one = (grid: string[][], c = ctx()) => previewPlan(grid, c);

describe('the floor plan parser', () => {
  it('reads a good plan into tables to create, with languages as canonical BCP 47 tags', () => {
    const p = one([
      HEADER,
      ['1', 'Anna Berg; Ben Okafor', 'Career and professional development; networking and social media', 'en, fr', '20'],
      ['Table 2', 'Chen Li', 'Work-life balance', 'zh-hans; English', ''],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.importable).toBe(true);
    expect(p.rows).toBe(2);
    expect(p.changes.map((c) => c.kind)).toEqual(['create', 'create']);
    const [a, b] = p.changes.map((c) => c.table);
    expect(a).toMatchObject({
      row: 2,
      name: 'Table 1',
      coaches: ['Anna Berg', 'Ben Okafor'],
      // Matched to the catalogue's own spelling.
      topics: ['Career and professional development', 'Networking and social media'],
      languages: ['en', 'fr'],
      turnMinutes: 20,
    });
    expect(b).toMatchObject({ name: 'Table 2', languages: ['zh-Hans', 'en'], turnMinutes: 15 });
  });

  it('finds headers in English or in the UI language, in any order, and notes columns it ignores', () => {
    const p = one(
      [
        ['Langues', 'Notes', 'Coachs', 'Tisch'],
        ['Français', 'by the window', 'Élise', '4'],
      ],
      ctx({ headers: { table: 'Tisch', coaches: 'Coachs', languages: 'Langues' }, tableWord: 'Tisch', uiLanguage: 'fr' }),
    );
    expect(errors(p.problems)).toEqual([]);
    expect(p.problems).toEqual([
      { row: 1, column: { letter: 'B', header: 'Notes' }, code: 'plan_unknown_column', params: { header: 'Notes' }, severity: 'notice' },
    ]);
    expect(p.changes[0]!.table).toMatchObject({ name: 'Tisch 4', coaches: ['Élise'], languages: ['fr'] });
  });

  it('refuses a plan without a table or coach column, and an empty one', () => {
    const p = one([['Topics'], ['Work-life balance']]);
    expect(p.importable).toBe(false);
    expect(p.problems.map((x) => [x.code, x.params.column])).toEqual([
      ['plan_missing_column', 'table'],
      ['plan_missing_column', 'coach'],
    ]);
    expect(one([]).problems.map((x) => x.code)).toEqual(['plan_empty']);
    expect(one([HEADER, ['', '', '', '', '']]).problems.map((x) => x.code)).toEqual(['plan_empty']);
    expect(one([['Table', 'Coach', 'Coaches'], ['1', 'A', 'B']]).problems[0]).toMatchObject({
      code: 'plan_duplicate_column',
      column: { letter: 'C' },
    });
  });

  it('reports an unknown language by row and column', () => {
    const p = one([HEADER, ['1', 'Anna', '', 'en; Klingonese; xx', '15']]);
    expect(p.importable).toBe(false);
    expect(errors(p.problems)).toEqual([
      { row: 2, column: { letter: 'D', header: 'Languages' }, code: 'plan_unknown_language', params: { language: 'Klingonese' }, severity: 'error' },
      { row: 2, column: { letter: 'D', header: 'Languages' }, code: 'plan_unknown_language', params: { language: 'xx' }, severity: 'error' },
    ]);
    expect(p.changes).toEqual([]);
  });

  it('reports an empty coach, whether the cell is empty or a name is missing between separators', () => {
    const p = one([HEADER, ['1', '', '', 'en', ''], ['2', 'Anna;;Ben', '', 'en', ''], ['3', 'Anna', '', 'en', '']]);
    expect(errors(p.problems).map((x) => [x.row, x.column?.letter, x.code])).toEqual([
      [2, 'B', 'plan_empty_coach'],
      [3, 'B', 'plan_empty_coach'],
    ]);
    // Rows without problems are still previewed; none is imported while any row has an error.
    expect(p.changes.map((c) => c.table.name)).toEqual(['Table 3']);
    expect(p.importable).toBe(false);
  });

  it('reports a duplicate table, by number or by name, naming the first row', () => {
    const p = one([HEADER, ['3', 'Anna', '', '', ''], ['Table 3', 'Ben', '', '', ''], ['table  three', 'C', '', '', ''], ['Table Three', 'D', '', '', '']]);
    expect(errors(p.problems).map((x) => [x.row, x.column?.letter, x.code, x.params.firstRow])).toEqual([
      [3, 'A', 'plan_duplicate_table', 2],
      [5, 'A', 'plan_duplicate_table', 4],
    ]);
  });

  it('reports a turn of 0 or 500 minutes, or one that is not a whole number', () => {
    const p = one([HEADER, ['1', 'A', '', '', '0'], ['2', 'B', '', '', '500'], ['3', 'C', '', '', 'twenty'], ['4', 'D', '', '', '12.5'], ['5', 'E', '', '', '120']]);
    expect(errors(p.problems).map((x) => [x.row, x.column?.letter, x.code, x.params.value])).toEqual([
      [2, 'E', 'plan_bad_turn', '0'],
      [3, 'E', 'plan_bad_turn', '500'],
      [4, 'E', 'plan_bad_turn', 'twenty'],
      [5, 'E', 'plan_bad_turn', '12.5'],
    ]);
    expect(p.changes.map((c) => c.table.turnMinutes)).toEqual([120]);
  });

  it('offers to add topics not in the event\'s list, once each, without blocking the import', () => {
    const p = one([HEADER, ['1', 'A', 'Personal branding; Work-life balance', '', ''], ['2', 'B', 'personal branding; Internships', '', '']]);
    expect(p.importable).toBe(true);
    expect(p.problems.map((x) => [x.row, x.column?.letter, x.code, x.params.topics, x.severity])).toEqual([
      [2, 'C', 'plan_new_topic', ['Personal branding'], 'notice'],
      [3, 'C', 'plan_new_topic', ['Personal branding', 'Internships'], 'notice'],
    ]);
    expect(p.newTopics).toEqual(['Personal branding', 'Internships']);
    expect(p.changes[1]!.table.topics).toEqual(['Personal branding', 'Internships']);
  });

  it('reports an empty table name, too many coaches or topics, and over-long cells', () => {
    const many = Array.from({ length: 31 }, (_, i) => `Topic ${i}`).join(';');
    const p = one([
      HEADER,
      ['', 'A', '', '', ''],
      ['2', 'A;B;C;D;E;F;G', '', '', ''],
      ['3', 'A', many, '', ''],
      ['x'.repeat(61), 'A', '', '', ''],
      ['5', 'y'.repeat(81), '', '', ''],
      ['6', 'A', '', 'en;fr;de;es;ar;zh;ru;pt;ja;it;nl', ''],
    ]);
    expect(errors(p.problems).map((x) => [x.row, x.column?.letter, x.code])).toEqual([
      [2, 'A', 'plan_empty_table'],
      [3, 'B', 'plan_too_many_coaches'],
      [4, 'C', 'plan_too_many_topics'],
      [5, 'A', 'plan_too_long'],
      [6, 'B', 'plan_too_long'],
      [7, 'D', 'plan_too_many_languages'],
    ]);
    // Eleven languages are too many languages, not too long a text (it said "at most 10" as if of characters).
    expect(p.problems.find((x) => x.code === 'plan_too_many_languages')?.params).toEqual({ count: 11, max: 10 });
  });

  it('reads a cell of invisible characters as empty, as the import will: the preview never offers what the import refuses', () => {
    const p = one([
      HEADER,
      ['\u200B', 'Anna', '', '', ''],
      ['Garden', '\u2067\u200D', '', '', ''],
      ['Lobby', 'Ben; \u200B ', '', '', ''],
      ['\u200B', '\u200B', '', '', ''],
    ]);
    expect(errors(p.problems).map((x) => [x.row, x.column?.letter, x.code])).toEqual([
      [2, 'A', 'plan_empty_table'],
      [3, 'B', 'plan_empty_coach'],
    ]);
    expect(p.importable).toBe(false);
    // A row with nothing visible is a blank row, as a spreadsheet's empty line.
    expect(p.rows).toBe(3);
    expect(splitList('Ben; \u200B ')).toEqual(['Ben']);
  });

  it('refuses a plan of more than 500 tables', () => {
    const grid = [HEADER, ...Array.from({ length: 501 }, (_, i) => [String(i + 1), 'A', '', '', ''])];
    expect(one(grid).problems.map((x) => x.code)).toEqual(['plan_too_many_rows']);
  });

  it('matches existing tables by number or name and emits only the differences: importing twice changes nothing', () => {
    const grid = [HEADER, ['1', 'Anna', 'Work-life balance', 'en; fr', '20'], ['Table 2', 'Ben', '', 'de', ''], ['Garden', 'Chen', '', '', '']];
    const first = one(grid);
    expect(first.changes.map((c) => c.kind)).toEqual(['create', 'create', 'create']);
    // The event after the import: the tables as the plan made them.
    const tables: ExistingTable[] = first.changes.map((c, i) => ({ id: `t${i}`, ...c.table }));
    const second = one(grid, ctx({ tables }));
    expect(second.changes.map((c) => c.kind)).toEqual(['same', 'same', 'same']);

    // One coach changed, a table named differently ("table 1" for "Table 1") but the same number.
    const edited = [HEADER, ['Table 1', 'Anna; Dora', 'Work-life balance', 'en; fr', '20'], ['2', 'Ben', '', 'de', ''], ['garden', 'Chen', '', '', '']];
    const third = one(edited, ctx({ tables }));
    expect(third.changes.map((c) => c.kind)).toEqual(['update', 'same', 'same']);
    expect(third.changes[0]).toMatchObject({ kind: 'update', tableId: 't0', fields: ['coaches'], table: { name: 'Table 1' } });
    // An empty turn cell keeps the table's own turn length.
    const kept = one([HEADER, ['1', 'Anna', 'Work-life balance', 'en; fr', '']], ctx({ tables }));
    expect(kept.changes[0]!.kind).toBe('same');
  });

  it('splits lists on semicolons or line breaks, else commas; letters columns like a spreadsheet', () => {
    expect(splitList('Smith, Jane; Doe, John')).toEqual(['Smith, Jane', 'Doe, John']);
    expect(splitList('Anna, Ben')).toEqual(['Anna', 'Ben']);
    expect(splitList('Anna\nBen')).toEqual(['Anna', 'Ben']);
    expect(splitList('  ')).toEqual([]);
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(tableKey('Table 07')).toBe(tableKey('7'));
    expect(tableKey('Mesa 7')).toBe(tableKey('7'));
    expect(tableKey('Garden')).not.toBe(tableKey('7'));
  });

  it('parses languages as tags or names in English, the UI language or their own', () => {
    expect(parseLanguage('EN-gb')).toBe('en-GB');
    expect(parseLanguage('Français')).toBe('fr');
    expect(parseLanguage('Russian')).toBe('ru');
    expect(parseLanguage('العربية')).toBe('ar');
    expect(parseLanguage('Spanisch', 'de')).toBe('es');
    expect(parseLanguage('xx')).toBeNull();
    expect(parseLanguage('Elvish')).toBeNull();
    expect(parseLanguage('')).toBeNull();
  });

  it('keeps as many languages as a table holds and notes the others', () => {
    const p = one([HEADER, ['1', 'A', '', 'fr; en', '']], ctx({ languagesKept: 1 }));
    expect(p.importable).toBe(true);
    expect(p.problems).toEqual([
      { row: 2, column: { letter: 'D', header: 'Languages' }, code: 'plan_extra_languages', params: { kept: ['fr'], dropped: ['en'] }, severity: 'notice' },
    ]);
    expect(p.changes[0]!.table.languages).toEqual(['fr']);
  });

  it('normalises text to NFC', () => {
    const decomposed = 'Ele\u0301onore';
    const p = one([HEADER, ['1', decomposed, '', '', '']]);
    expect(p.changes[0]!.table.coaches).toEqual(['Eléonore'.normalize('NFC')]);
  });
});

describe('reading plan files', () => {
  it('reads CSV with a BOM, semicolons as Excel writes them, quotes and line breaks in cells', async () => {
    const csv = '\uFEFFTable;Coaches;Topics\r\n1;"Smith, Jane\nDoe, John";"Work-life balance"\r\n';
    const grid = await readPlanFile('plan.csv', new TextEncoder().encode(csv));
    expect(grid[0]).toEqual(['Table', 'Coaches', 'Topics']);
    expect(grid[1]).toEqual(['1', 'Smith, Jane\nDoe, John', 'Work-life balance']);
    expect(previewPlan(grid, ctx()).changes[0]!.table.coaches).toEqual(['Smith, Jane', 'Doe, John']);
    expect(readPlanCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads CSV in UTF-16 LE or BE by its byte order mark (Excel\'s "Unicode text"), and UTF-8 with or without one', async () => {
    const text = 'Table\tCoaches\n1\tÉlise Dupont; Paola I.\n2\tЧэнь Ли; مريم\n';
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = Uint8Array.from([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [le, be, new TextEncoder().encode(text), Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])]) {
      const grid = await readPlanFile('plan.txt', bytes);
      expect(grid).toEqual([['Table', 'Coaches'], ['1', 'Élise Dupont; Paola I.'], ['2', 'Чэнь Ли; مريم'], ['']]);
    }
    expect(decodeTextFile(le)).toMatchObject({ ok: true, encoding: 'utf-16le' });
    expect(decodeTextFile(be)).toMatchObject({ ok: true, encoding: 'utf-16be' });
  });

  it('refuses, never guesses: a legacy code page (Windows-1252), UTF-16 without its mark, an odd or broken UTF-16', async () => {
    const latin = Uint8Array.from([...new TextEncoder().encode('Table,Coach\n1,'), 0xc9, ...new TextEncoder().encode('lise\n')]);
    const bare16 = Uint8Array.from(Buffer.from('Table,Coach\n1,Ana\n', 'utf16le'));
    const odd = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]);
    const loneSurrogate = Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]);
    for (const bytes of [latin, bare16, odd, loneSurrogate]) {
      await expect(readPlanFile('plan.csv', bytes)).rejects.toMatchObject({ code: 'file_encoding' });
      expect(decodeTextFile(bytes)).toEqual({ ok: false, reason: 'file_encoding' });
    }
  });

  it('reads the first worksheet of an XLSX: numbers, formulas, rich text', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plan');
    sheet.addRow(['Table', 'Coaches', 'Topics', 'Languages', 'Turn length']);
    sheet.addRow([1, 'Anna', 'Work-life balance', 'en', 20]);
    sheet.addRow([{ formula: '1+1', result: 2 }, { richText: [{ text: 'Be' }, { text: 'n' }] }, '', 'fr', { formula: '10*3', result: 30 }]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const grid = await readPlanFile('plan.xlsx', bytes);
    expect(grid).toEqual([
      ['Table', 'Coaches', 'Topics', 'Languages', 'Turn length'],
      ['1', 'Anna', 'Work-life balance', 'en', '20'],
      ['2', 'Ben', '', 'fr', '30'],
    ]);
    expect(previewPlan(grid, ctx()).changes.map((c) => [c.table.name, c.table.turnMinutes])).toEqual([
      ['Table 1', 20],
      ['Table 2', 30],
    ]);
  });

  it('refuses an unknown format, a damaged workbook and a file over 2 MiB', async () => {
    await expect(readPlanFile('plan.pdf', new Uint8Array(3))).rejects.toMatchObject({ code: 'plan_unreadable' });
    await expect(readPlanFile('plan.xlsx', new TextEncoder().encode('not a zip'))).rejects.toBeInstanceOf(PlanFileError);
    await expect(readPlanFile('plan.csv', new Uint8Array(2 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'plan_too_large' });
  });
});
