/**
 * The three file formats, each written in chunks: between chunks the writer
 * yields to the event loop (so commands and timers keep running), reports
 * progress, and stops if the export was cancelled.
 *
 * - CSV: RFC 4180 via Papa Parse (quoting, CRLF), UTF-8 with a byte order
 *   mark so Excel reads non-Latin names correctly, and every text cell that
 *   a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 *   carriage return, multi-line cells too) prefixed with ' (`neutralise`).
 * - Both: text cells hold only characters their readers accept (cleanText:
 *   no C0 controls but tab and line breaks, no U+FFFE/U+FFFF, no lone
 *   surrogates, which make an .xlsx unreadable). In the .xlsx a text cell is
 *   always a string cell (exceljs writes formulas only from { formula }), so
 *   nothing there runs either.
 * - XLSX: exceljs's streaming writer, an "About this export" sheet and one
 *   worksheet per sheet, times as real date cells: the wall time in the
 *   event's zone, and beside each the same instant in UTC (rows.ts).
 * - Times in CSV: ISO 8601 with each instant's own offset, and in UTC.
 * - JSON: the operation log, one operation per line, payloads as stored.
 */
import Papa from 'papaparse';
import { cleanText } from '../../shared/guard.js';
import type { Cell, Column, Sheet } from '../../shared/export/rows.js';
import { isoWithOffset, zoneOffsetMs } from '../../shared/domain/zone.js';
import type { AtomicFile } from './files.js';
import type { OpRow } from '../core/oplog.js';

/** Rows (or operations) written between two yields. */
export const CHUNK = 250;

export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** What a writer reports to, and asks whether to go on. */
export interface Control {
  /** `n` more rows written: report, yield, and throw CancelledError if cancelled. */
  step(n: number): Promise<void>;
}

export const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Starts like a formula to a spreadsheet (OWASP's list; the whole cell, whatever its line breaks). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as others may open it: readable characters only, and a cell
 * that a spreadsheet would run as a formula prefixed with ' (shown as text).
 */
export function neutralise(text: string): string {
  const clean = cleanText(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

function csvCell(value: Cell, column: Column, timeZone: string): string | number {
  if (value === null) return '';
  if (column.kind === 'time' && typeof value === 'number') return isoWithOffset(value, timeZone);
  if (column.kind === 'utc' && typeof value === 'number') return utcIso(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return neutralise(value);
}

/** `2026-10-25T00:50:00Z`: an instant in UTC, to the second. */
export function utcIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A spreadsheet cell's Date: exceljs writes a Date's UTC fields as the cell's
 * (zone-less) value, so a `time` cell gets the wall time in the sheet's zone
 * and a `utc` cell the instant itself.
 */
function sheetCell(value: Cell, column: Column | undefined, timeZone: string): Cell | Date {
  // XML readers turn CR LF (and a lone CR) into LF: written so, what is read back is what was written.
  if (typeof value === 'string') return cleanText(value).replace(/\r\n?/g, '\n');
  if (value === null) return value;
  if (!Number.isFinite(value)) return null;
  if (column?.kind === 'time') return new Date(value + zoneOffsetMs(value, timeZone));
  if (column?.kind === 'utc') return new Date(value);
  return value;
}

/** One sheet as one CSV file. */
export async function writeCsv(file: AtomicFile, sheet: Sheet, control: Control): Promise<void> {
  // Formulas are neutralised per cell (neutralise): Papa's own escapeFormulae misses multi-line cells.
  const options = { newline: CRLF, escapeFormulae: false, header: false } as const;
  file.write(BOM + Papa.unparse([sheet.columns.map((c) => neutralise(c.header))], options) + CRLF);
  for (let i = 0; i < sheet.rows.length; i += CHUNK) {
    const chunk = sheet.rows.slice(i, i + CHUNK).map((row) => row.map((v, k) => csvCell(v, sheet.columns[k] ?? { header: '', kind: 'text' }, sheet.timeZone)));
    file.write(Papa.unparse(chunk, options) + CRLF);
    await control.step(chunk.length);
  }
}

const WIDTHS: Record<Column['kind'], number> = { text: 22, int: 10, minutes: 12, time: 20, utc: 20 };

interface ZipLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  abort(): unknown;
}

/**
 * The sheets, after an "About this export" sheet, as one workbook, with
 * exceljs's streaming writer: rows are committed as they are added and the
 * zip is written as it goes. If the export stops midway the zip is aborted
 * and the stream destroyed (the caller removes the temporary file).
 */
export async function writeXlsx(
  file: AtomicFile,
  about: readonly [string, string][],
  sheets: readonly Sheet[],
  control: Control,
  aboutTitle = 'About this export',
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const stream = file.stream();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Tableside';
  // Errors surface here rather than as unhandled events or rejections.
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
  };
  const internals = workbook as unknown as { zip: ZipLike; promise: Promise<unknown> };
  internals.zip.on('error', fail);
  stream.on('error', fail);
  internals.promise.catch(fail);
  const check = () => {
    if (failure) throw failure;
  };
  try {
    const aboutSheet = workbook.addWorksheet(aboutTitle);
    aboutSheet.columns = [{ width: 22 }, { width: 110 }];
    for (const [label, value] of about) {
      const row = aboutSheet.addRow([cleanText(label), cleanText(value)]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    aboutSheet.commit();
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c) => ({
        width: WIDTHS[c.kind],
        ...(c.kind === 'time' || c.kind === 'utc' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
        ...(c.kind === 'minutes' ? { style: { numFmt: '0.0' } } : {}),
      }));
      const head = ws.addRow(sheet.columns.map((c) => cleanText(c.header)));
      head.font = { bold: true };
      head.commit();
      for (let i = 0; i < sheet.rows.length; i += CHUNK) {
        const chunk = sheet.rows.slice(i, i + CHUNK);
        for (const row of chunk) {
          ws.addRow(row.map((v, k) => sheetCell(v, sheet.columns[k], sheet.timeZone))).commit();
        }
        check();
        await control.step(chunk.length);
      }
      ws.commit();
    }
    check();
    await workbook.commit();
    check();
  } catch (error) {
    internals.zip.abort();
    stream.destroy();
    throw error;
  }
}

/** The log's header fields, then its operations one per line. */
/** One stored operation as the log's JSON writes it (its payload text as stored). */
export function opRowJson(op: OpRow): string {
  return (
    `{"id":${JSON.stringify(op.id)},"deviceId":${JSON.stringify(op.device_id)},"seq":${op.seq},` +
    `"hlc":${JSON.stringify(op.hlc)},"type":${JSON.stringify(op.type)},"payload":${op.payload},` +
    `"localAt":${op.local_at ?? null}}`
  );
}

/** The complete log as one JSON text (the backup's body, sealed whole). */
export function jsonLogText(header: Record<string, unknown>, ops: readonly OpRow[]): string {
  const head = JSON.stringify({ ...header, ops: [] });
  return `${head.slice(0, head.lastIndexOf('[]'))}[${ops.map(opRowJson).join(',')}]}`;
}

export async function writeJsonLog(
  file: AtomicFile,
  header: Record<string, unknown>,
  ops: readonly OpRow[],
  control: Control,
): Promise<void> {
  const head = JSON.stringify({ ...header, ops: [] }, null, 2);
  // `"ops": []\n}` becomes the opening of the array.
  file.write(`${head.slice(0, head.lastIndexOf('[]'))}[\n`);
  for (let i = 0; i < ops.length; i += CHUNK) {
    const chunk = ops.slice(i, i + CHUNK);
    const lines = chunk.map((op) => `    ${opRowJson(op)}`);
    file.write(lines.join(',\n') + (i + CHUNK < ops.length ? ',\n' : '\n'));
    await control.step(chunk.length);
  }
  file.write('  ]\n}\n');
}
