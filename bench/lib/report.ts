/** Printing benchmark results as plain-text tables. */

export interface Report {
  title: string;
  /** Lines printed before the table: setup, environment. */
  preamble: string[];
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed after the table: goals and whether they were met. */
  verdicts: string[];
}

export function formatTable(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [columns, ...rows].map((row) => row.map((c) => String(c)));
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = cells;
  return [line(head ?? []), rule, ...body.map(line)].join('\n');
}

export function printReport(report: Report): void {
  const out = [
    '',
    report.title,
    '='.repeat(report.title.length),
    ...report.preamble,
    '',
    formatTable(report.columns, report.rows),
    '',
    ...report.verdicts,
  ];
  console.log(out.join('\n'));
}

/** Microseconds with two decimals. */
export const us = (n: number): string => n.toFixed(2);
