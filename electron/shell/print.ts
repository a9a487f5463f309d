/**
 * Table signs through Electron's native print and PDF (issue 15). The page
 * lays the signs out (renderer/src/views/SignsView.tsx: one landscape page
 * per table through CSS named pages); the shell only hands that page to the
 * system's print dialog (`webContents.print`) or renders it to one PDF
 * (`webContents.printToPDF`) saved where the Save dialog says. Thin on
 * purpose: Electron's types stay out (structural `SignsTarget`), so the unit
 * test drives it with a fake and test/electron/app.spec.ts with the real one.
 */
import { writeFile } from 'node:fs/promises';

export type SignPaper = 'a4' | 'letter';

/** What the shell needs of a window's webContents (Electron's shape, structurally). */
export interface SignsTarget {
  print(options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void): void;
  printToPDF(options: Record<string, unknown>): Promise<Buffer | Uint8Array>;
}

/** Electron's page size names for each paper. */
const PAGE_SIZE: Record<SignPaper, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };

/**
 * The options of both ways out: landscape, the paper, backgrounds; the PDF
 * also takes the page's own @page sizes first (print's options have no such
 * field: the system's dialog lets the person choose).
 */
export function signsPrintOptions(paper: SignPaper, how: 'pdf' | 'print'): Record<string, unknown> {
  const options = { landscape: true, pageSize: PAGE_SIZE[paper], printBackground: true };
  return how === 'pdf' ? { ...options, preferCSSPageSize: true } : { ...options, silent: false };
}

/**
 * The system's print dialog for the signs on screen (it can save a PDF too).
 * Resolves when the dialog closes: printed, or not (cancelled, or the
 * system's reason).
 */
export function printSigns(target: SignsTarget, paper: SignPaper): Promise<{ printed: boolean }> {
  return new Promise((done) => {
    target.print(signsPrintOptions(paper, 'print'), (success) => done({ printed: success }));
  });
}

/**
 * All the signs as one PDF, saved where `ask` says (the Save dialog; null:
 * cancelled, nothing written). Returns the path and the PDF's size in bytes.
 */
export async function saveSignsPdf(
  target: SignsTarget,
  paper: SignPaper,
  ask: (defaultName: string) => Promise<string | null>,
): Promise<{ path: string | null; bytes: number }> {
  const pdf = await target.printToPDF(signsPrintOptions(paper, 'pdf'));
  const path = await ask('table-signs.pdf');
  if (!path) return { path: null, bytes: 0 };
  await writeFile(path, pdf);
  return { path, bytes: pdf.length };
}
