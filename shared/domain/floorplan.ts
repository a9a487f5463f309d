/**
 * The floor plan from a spreadsheet (issue 15): one row a table, read into a
 * preview that lists every problem by row and column and the differences
 * from the tables the event already has. Pure: the grid of cell texts comes
 * from a CSV or XLSX reader (electron/plan/read.ts), and nothing changes
 * until the organiser confirms the preview; applying it emits only the
 * differences, so importing the same file twice changes nothing the second
 * time.
 */
import { cleanCell, fold } from './cells.js';
import { checkLanguage, registryLanguageByName } from './language-registry.js';
import { parseLanguage } from './language-names.js';
import { topicKey, uniqueTopics } from './topic.js';

export { cleanCell, fold } from './cells.js';
export { parseLanguage } from './language-names.js';

/** The columns a plan has; `table` and `coaches` are required. */
export const PLAN_COLUMNS = ['table', 'coaches', 'topics', 'languages', 'turnMinutes'] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Header names accepted in English whatever the UI language (compared folded: lower case, letters and digits only). */
export const ENGLISH_HEADERS: Record<PlanColumn, readonly string[]> = {
  table: ['table', 'table number', 'table name', 'table no', 'name', 'number', 'no'],
  coaches: ['coach', 'coaches', 'coach names', 'coach name'],
  topics: ['topic', 'topics'],
  languages: ['language', 'languages', 'language tags'],
  turnMinutes: ['turn length', 'turn length minutes', 'turn minutes', 'turn', 'minutes', 'turn length min'],
};

/** Bounds on what one plan may hold (refused beyond them, row by row). */
export const PLAN_LIMITS = {
  rows: 500,
  columns: 30,
  cellChars: 2000,
  nameChars: 60,
  coachChars: 80,
  coaches: 6,
  topicChars: 80,
  topics: 30,
  languages: 10,
  minTurnMinutes: 1,
  maxTurnMinutes: 120,
} as const;

/** The default turn length for a new table when the plan leaves it empty, in minutes. */
export const DEFAULT_TURN_MINUTES = 15;

/** Why a plan, a row or a cell is refused; `params` fill the translated message. */
export type PlanProblemCode =
  | 'plan_empty'
  | 'plan_too_many_rows'
  | 'plan_missing_column'
  | 'plan_unknown_column'
  | 'plan_duplicate_column'
  | 'plan_empty_table'
  | 'plan_duplicate_table'
  | 'plan_empty_coach'
  | 'plan_too_many_coaches'
  | 'plan_too_many_topics'
  | 'plan_unknown_language'
  | 'plan_not_a_language'
  | 'plan_bad_turn'
  | 'plan_too_long'
  | 'plan_too_many_languages'
  | 'plan_new_topic'
  | 'plan_extra_languages';

export interface PlanProblem {
  /** The spreadsheet's row number (the header is row 1); null for the whole file. */
  row: number | null;
  /** The column's letter (A, B, …) and its header as written; null for the whole row or file. */
  column: { letter: string; header: string } | null;
  code: PlanProblemCode;
  /** Lists (topics, language tags) stay lists: the page joins them as its language does (Intl.ListFormat). */
  params: Record<string, string | number | string[]>;
  /** 'error' blocks the import; 'notice' (a topic to add, a column ignored) does not. */
  severity: 'error' | 'notice';
}

/** A table as a plan row describes it (and as the import compares it). */
export interface PlanTable {
  /** The spreadsheet row it came from. */
  row: number;
  name: string;
  coaches: string[];
  topics: string[];
  /** Canonical BCP 47 tags, in the order written, at least one (the default language if the cell was empty). */
  languages: string[];
  turnMinutes: number;
}

/** A table the event already has, as the import matches and compares it. */
export interface ExistingTable {
  id: string;
  name: string;
  coaches: readonly string[];
  topics: readonly string[];
  languages: readonly string[];
  turnMinutes: number;
}

export type PlanChange =
  | { kind: 'create'; table: PlanTable }
  | { kind: 'update'; tableId: string; table: PlanTable; fields: (keyof Omit<PlanTable, 'row'>)[] }
  | { kind: 'same'; tableId: string; table: PlanTable };

export interface PlanPreview {
  /** Every problem, by row and column, in the order of the file. */
  problems: PlanProblem[];
  /** True when nothing blocks the import (no problem of severity 'error'). */
  importable: boolean;
  /** What the import would do, row by row (only rows without errors). */
  changes: PlanChange[];
  /** Topics the plan names that the event's list lacks (offered to add), as first written. */
  newTopics: string[];
  /** How many data rows the file had (blank rows skipped). */
  rows: number;
}

export interface PlanContext {
  /** The event's topic list (labels). */
  topics: readonly string[];
  /** The tables the event has now. */
  tables: readonly ExistingTable[];
  /** Header names in the UI language, accepted beside the English ones. */
  headers?: Partial<Record<PlanColumn, string>>;
  /** A table named only by a number N becomes "<tableWord> N" (the UI language's word for a table). */
  tableWord?: string;
  /** The language of a table whose languages cell is empty (BCP 47). */
  defaultLanguage?: string;
  /** Languages to match names against besides English and each language's own name (the UI language). */
  uiLanguage?: string;
  /** How many languages a table holds (the first ones are kept, the rest noted); all when absent. */
  languagesKept?: number;
}

/** A, B, …, Z, AA, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A list cell split into items: on semicolons (also ；and ؛) or line breaks
 * when it has any, else on commas (also ，، and 、) ("Anna, Ben"; "Smith, Jane; Doe, John"). Empty items
 * between separators are kept as '' so an empty coach can be reported.
 */
export function splitList(raw: string): string[] {
  const text = raw.normalize('NFC').trim();
  if (text === '') return [];
  const parts = (/[;；؛\n\r]/.test(text) ? text.split(/\r\n|[;；؛\n\r]/) : text.split(/[,，،、]/)).map(cleanCell);
  // A separator at either end ("Anna;") is a habit, not a missing name.
  while (parts[0] === '') parts.shift();
  while (parts.at(-1) === '') parts.pop();
  return parts;
}

/** The key a table is matched by: a bare number N matches "Table N", "Tisch 3" matches 3. */
export function tableKey(name: string): string {
  const folded = fold(name);
  const number = /^(?:\p{L}+ )?(\d+)$/u.exec(folded);
  return number ? `#${Number(number[1])}` : folded;
}

/** Names each once, compared in NFC without case by the one locale-free rule (toLowerCase, as topicKey), the first spelling kept. */
function uniqueNames(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = x.normalize('NFC').toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}


/**
 * Reads a plan's grid of cell texts (first row: headers) into a preview:
 * every problem by row and column, and what importing it would change.
 * Never throws on bad content; each problem is listed instead.
 */
export function previewPlan(grid: readonly (readonly string[])[], ctx: PlanContext): PlanPreview {
  const problems: PlanProblem[] = [];
  const fail = (p: Omit<PlanProblem, 'severity'>) => problems.push({ ...p, severity: 'error' });
  const empty: PlanPreview = { problems, importable: false, changes: [], newTopics: [], rows: 0 };

  const headerRow = grid.findIndex((r) => r.some((c) => cleanCell(c) !== ''));
  if (headerRow < 0) {
    fail({ row: null, column: null, code: 'plan_empty', params: {} });
    return empty;
  }

  // Headers: English or the UI language's names.
  const aliases = new Map<string, PlanColumn>();
  for (const col of PLAN_COLUMNS) {
    for (const name of ENGLISH_HEADERS[col]) aliases.set(fold(name), col);
  }
  for (const col of PLAN_COLUMNS) {
    const local = ctx.headers?.[col];
    if (local && fold(local)) aliases.set(fold(local), col);
  }
  const headers = (grid[headerRow] ?? []).slice(0, PLAN_LIMITS.columns).map(cleanCell);
  const where = new Map<PlanColumn, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const col = aliases.get(fold(h)) ?? aliases.get(fold(h.replace(/\(.*\)/, '')));
    const column = { letter: columnLetter(i), header: h };
    if (!col) {
      problems.push({ row: headerRow + 1, column, code: 'plan_unknown_column', params: { header: h }, severity: 'notice' });
    } else if (where.has(col)) {
      fail({ row: headerRow + 1, column, code: 'plan_duplicate_column', params: { header: h } });
    } else {
      where.set(col, i);
    }
  });
  for (const col of ['table', 'coaches'] as const) {
    if (!where.has(col)) {
      fail({ row: headerRow + 1, column: null, code: 'plan_missing_column', params: { column: ctx.headers?.[col] ?? ENGLISH_HEADERS[col][0]! } });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return empty;

  const dataRows = grid
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(headerRow + 1)
    .filter(({ cells }) => cells.some((c) => cleanCell(c) !== ''));
  if (dataRows.length === 0) {
    fail({ row: null, column: null, code: 'plan_empty', params: {} });
    return empty;
  }
  if (dataRows.length > PLAN_LIMITS.rows) {
    fail({ row: null, column: null, code: 'plan_too_many_rows', params: { rows: dataRows.length, max: PLAN_LIMITS.rows } });
    return { ...empty, rows: dataRows.length };
  }

  const catalogue = new Map(ctx.topics.map((label) => [topicKey(label), label] as const));
  const newTopics = new Map<string, string>();
  const seenTables = new Map<string, number>();
  const tables: PlanTable[] = [];
  const defaultLanguage = ctx.defaultLanguage ?? 'en';

  for (const { cells, row } of dataRows) {
    const before = problems.filter((p) => p.severity === 'error').length;
    const cellOf = (col: PlanColumn) => {
      const i = where.get(col);
      return i === undefined ? undefined : { raw: (cells[i] ?? '').normalize('NFC'), column: { letter: columnLetter(i), header: headers[i]! } };
    };
    const tooLong = (col: PlanColumn, text: string, max: number) => {
      const c = cellOf(col)!;
      if (text.length <= max) return false;
      fail({ row, column: c.column, code: 'plan_too_long', params: { max } });
      return true;
    };

    // Table number or name.
    const tableCell = cellOf('table')!;
    let name = cleanCell(tableCell.raw);
    if (name === '') {
      fail({ row, column: tableCell.column, code: 'plan_empty_table', params: {} });
    } else if (!tooLong('table', name, PLAN_LIMITS.nameChars)) {
      if (/^\d+$/.test(name)) name = `${ctx.tableWord ?? 'Table'} ${Number(name)}`;
      const key = tableKey(name);
      const first = seenTables.get(key);
      if (first !== undefined) {
        fail({ row, column: tableCell.column, code: 'plan_duplicate_table', params: { name, firstRow: first } });
      } else {
        seenTables.set(key, row);
      }
    }

    // Coaches: at least one, none empty.
    const coachCell = cellOf('coaches')!;
    const coaches = coachCell.raw.length > PLAN_LIMITS.cellChars ? [] : splitList(coachCell.raw);
    if (coachCell.raw.length > PLAN_LIMITS.cellChars) {
      fail({ row, column: coachCell.column, code: 'plan_too_long', params: { max: PLAN_LIMITS.cellChars } });
    } else if (coaches.length === 0 || coaches.some((c) => c === '')) {
      fail({ row, column: coachCell.column, code: 'plan_empty_coach', params: {} });
    } else if (coaches.length > PLAN_LIMITS.coaches) {
      fail({ row, column: coachCell.column, code: 'plan_too_many_coaches', params: { count: coaches.length, max: PLAN_LIMITS.coaches } });
    } else {
      coaches.some((c) => tooLong('coaches', c, PLAN_LIMITS.coachChars));
    }

    // Topics: any; those not in the event's list are offered to add.
    const topicCell = cellOf('topics');
    let topics: string[] = [];
    if (topicCell) {
      if (topicCell.raw.length > PLAN_LIMITS.cellChars) {
        fail({ row, column: topicCell.column, code: 'plan_too_long', params: { max: PLAN_LIMITS.cellChars } });
      } else {
        topics = uniqueTopics(splitList(topicCell.raw));
        if (topics.length > PLAN_LIMITS.topics) {
          fail({ row, column: topicCell.column, code: 'plan_too_many_topics', params: { count: topics.length, max: PLAN_LIMITS.topics } });
        } else if (!topics.some((x) => tooLong('topics', x, PLAN_LIMITS.topicChars))) {
          topics = topics.map((x) => catalogue.get(topicKey(x)) ?? newTopics.get(topicKey(x)) ?? x);
          const fresh = topics.filter((x) => !catalogue.has(topicKey(x)));
          if (fresh.length > 0) {
            problems.push({ row, column: topicCell.column, code: 'plan_new_topic', params: { topics: fresh }, severity: 'notice' });
            for (const x of fresh) if (!newTopics.has(topicKey(x))) newTopics.set(topicKey(x), x);
          }
        }
      }
    }

    // Languages: BCP 47 tags or names; every one must be known.
    const languageCell = cellOf('languages');
    let languages: string[] = [];
    if (languageCell) {
      const written = languageCell.raw.length > PLAN_LIMITS.cellChars ? null : splitList(languageCell.raw.replace(/\//g, ',')).filter((x) => x !== '');
      if (!written) {
        fail({ row, column: languageCell.column, code: 'plan_too_long', params: { max: PLAN_LIMITS.cellChars } });
      } else if (written.length > PLAN_LIMITS.languages) {
        fail({ row, column: languageCell.column, code: 'plan_too_many_languages', params: { count: written.length, max: PLAN_LIMITS.languages } });
      } else {
        for (const w of written) {
          // A name or a tag (parseLanguage), or a name only the registry holds ("Auslan"); then THE check of new input.
          const checked = checkLanguage(parseLanguage(w, ctx.uiLanguage) ?? registryLanguageByName(w) ?? w);
          if (checked.ok) languages.push(checked.tag);
          else {
            const code = checked.code === 'language_not_a_language' ? 'plan_not_a_language' : 'plan_unknown_language';
            fail({ row, column: languageCell.column, code, params: { language: w } });
          }
        }
        languages = [...new Set(languages)];
      }
    }
    if (languages.length === 0) languages = [defaultLanguage];
    if (ctx.languagesKept !== undefined && languages.length > ctx.languagesKept && languageCell) {
      const dropped = languages.slice(ctx.languagesKept);
      languages = languages.slice(0, ctx.languagesKept);
      problems.push({
        row,
        column: languageCell.column,
        code: 'plan_extra_languages',
        params: { kept: languages, dropped },
        severity: 'notice',
      });
    }

    // Turn length in whole minutes, 1 to 120.
    const turnCell = cellOf('turnMinutes');
    let turnMinutes: number | null = null;
    const turnText = turnCell ? cleanCell(turnCell.raw) : '';
    if (turnCell && turnText !== '') {
      const n = /^\d+([.,]0+)?$/.test(turnText) ? Number.parseInt(turnText, 10) : NaN;
      if (!Number.isInteger(n) || n < PLAN_LIMITS.minTurnMinutes || n > PLAN_LIMITS.maxTurnMinutes) {
        fail({
          row,
          column: turnCell.column,
          code: 'plan_bad_turn',
          params: { value: turnText.slice(0, 20), min: PLAN_LIMITS.minTurnMinutes, max: PLAN_LIMITS.maxTurnMinutes },
        });
      } else {
        turnMinutes = n;
      }
    }

    if (problems.filter((p) => p.severity === 'error').length === before) {
      const existing = ctx.tables.find((t) => tableKey(t.name) === tableKey(name));
      tables.push({
        row,
        name,
        coaches: uniqueNames(coaches),
        topics,
        languages,
        turnMinutes: turnMinutes ?? existing?.turnMinutes ?? DEFAULT_TURN_MINUTES,
      });
    }
  }

  const changes = tables.map((table) => diffTable(table, ctx.tables));
  const importable = !problems.some((p) => p.severity === 'error');
  return { problems, importable, changes, newTopics: [...newTopics.values()], rows: dataRows.length };
}

/** What importing one plan row would do to the event's tables (matched by number or name). */
export function diffTable(table: PlanTable, existing: readonly ExistingTable[]): PlanChange {
  const match = existing.find((t) => tableKey(t.name) === tableKey(table.name));
  if (!match) return { kind: 'create', table };
  const fields: (keyof Omit<PlanTable, 'row'>)[] = [];
  // A matched table keeps its own name ("3" matches "Table 3", "table a" matches "Table A").
  const name = match.name;
  if (!sameList(table.coaches, match.coaches)) fields.push('coaches');
  if (!sameList(table.topics, match.topics)) fields.push('topics');
  if (!sameList(table.languages, match.languages)) fields.push('languages');
  if (table.turnMinutes !== match.turnMinutes) fields.push('turnMinutes');
  const kept = { ...table, name };
  return fields.length === 0 ? { kind: 'same', tableId: match.id, table: kept } : { kind: 'update', tableId: match.id, table: kept, fields };
}
