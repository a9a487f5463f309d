/**
 * One rule for reading a text file's bytes (a floor plan's CSV, a JSON
 * export, a sync file, a backup), on every way a file comes in. Zod-free.
 *
 * - A byte order mark decides: UTF-8 (EF BB BF), UTF-16 LE (FF FE) or
 *   UTF-16 BE (FE FF) — what Excel's "CSV UTF-8" and "Unicode text" and
 *   Notepad's "UTF-16" write. The mark is not part of the text.
 * - Without one, the bytes must be UTF-8.
 * - Anything else is refused (`file_encoding`), never guessed: bytes that are
 *   not valid in their encoding, or text holding NUL characters (UTF-16
 *   without its mark reads as UTF-8 with a NUL beside every Latin letter). A
 *   legacy code page (Windows-1252, -1251, -1256, GBK…) cannot be told apart
 *   from another by its bytes: read as Latin-1, a Russian or Arabic plan
 *   would import as garbage names with no warning. The error says how to
 *   save the file again (as UTF-8).
 */

/** The refusal's English words (the renderer shows `errors.rejected.file_encoding` in the shown language). */
export const FILE_ENCODING_MESSAGE =
  'Tableside cannot read the letters of this file: it is not saved as UTF-8 or UTF-16 (Unicode). Save it again as UTF-8 (in Excel: “CSV UTF-8”) and choose it again.';

/** How a file's bytes were read. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A file's text, or why it is refused (reason code `file_encoding`, translated as `errors.rejected.file_encoding`). */
export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: 'file_encoding' };

/** The encoding a byte order mark names and the mark's length in bytes; null without one. */
function byteOrderMark(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** A file's bytes as text by the rule above (the byte order mark left out); refused rather than guessed. */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const mark = byteOrderMark(bytes);
  const encoding = mark?.encoding ?? 'utf-8';
  const body = mark ? bytes.subarray(mark.length) : bytes;
  if (encoding !== 'utf-8' && body.byteLength % 2 !== 0) return { ok: false, reason: 'file_encoding' };
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return { ok: false, reason: 'file_encoding' };
  }
  if (text.includes('\u0000')) return { ok: false, reason: 'file_encoding' };
  return { ok: true, text, encoding };
}
