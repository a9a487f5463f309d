/**
 * Reads a floor plan file (CSV or XLSX) into the grid of cell texts that
 * `previewPlan` (shared/domain/floorplan.ts) checks, with well-kept readers:
 * papaparse for CSV (RFC 4180, any delimiter Excel writes; its bytes read as
 * UTF-8 or UTF-16 by shared/text-file.ts `decodeTextFile`, else refused),
 * exceljs for XLSX (the first worksheet; a formula's cached result, rich
 * text as plain text, numbers and dates as written). Bounded before parsing.
 */
import type { Cell } from 'exceljs';
import Papa from 'papaparse';
import { PLAN_LIMITS, type PlanProblemCode } from '../../shared/domain/floorplan.js';
import { decodeTextFile } from '../../shared/text-file.js';

export { PLAN_MAX_BYTES } from '../../shared/plan-limits.js';
import { PLAN_MAX_BYTES } from '../../shared/plan-limits.js';

export type PlanFormat = 'csv' | 'xlsx';

/** Refused before any row is read: the file itself is not a plan we can read. */
export class PlanFileError extends Error {
  constructor(
    readonly code: PlanProblemCode | 'plan_unreadable' | 'plan_too_large' | 'file_encoding',
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** The format from the file's name (.csv, .txt, .tsv → CSV; .xlsx → XLSX); null otherwise. */
export function planFormat(fileName: string): PlanFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

/** CSV text → rows of cells (at most PLAN_LIMITS.rows + a header and some blank rows). */
export function readPlanCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  // The delimiter guessed from the first rows without their blank lines: the blank line every spreadsheet ends a
  // file with made papaparse's guess miss tabs (Excel's "Unicode text", a .tsv) and read each row as one cell.
  const delimiter = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 20 }).meta.delimiter;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, preview: PLAN_LIMITS.rows * 2 + 10, delimiter });
  return result.data.filter((r): r is string[] => Array.isArray(r)).map((r) => r.map((c) => String(c ?? '')));
}

/** XLSX bytes → rows of cells of the first worksheet. Throws PlanFileError when the file is not a workbook. */
export async function readPlanXlsx(bytes: Uint8Array): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    // exceljs's typings want a Node Buffer.
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new PlanFileError('plan_unreadable');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const last = Math.min(sheet.rowCount, PLAN_LIMITS.rows * 2 + 10);
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const width = Math.min(row.cellCount, PLAN_LIMITS.columns);
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    if ('text' in v) return String(v.text);
  }
  return cell.text ?? '';
}

/**
 * A plan file's bytes → its grid, by the format its name says.
 * Throws PlanFileError for an unknown format, a file over PLAN_MAX_BYTES or an unreadable workbook.
 */
export async function readPlanFile(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  if (bytes.byteLength > PLAN_MAX_BYTES) throw new PlanFileError('plan_too_large', { maxBytes: PLAN_MAX_BYTES });
  const format = planFormat(fileName);
  if (format === 'xlsx') return readPlanXlsx(bytes);
  if (format === 'csv') {
    // UTF-8 or UTF-16 by its byte order mark, else UTF-8; never a guessed code page (shared/text-file.ts).
    const decoded = decodeTextFile(bytes);
    if (!decoded.ok) throw new PlanFileError(decoded.reason);
    return readPlanCsv(decoded.text);
  }
  throw new PlanFileError('plan_unreadable');
}
