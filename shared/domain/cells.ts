/** Text of a cell or a name, made comparable (zod-free, used by the renderer too). */
import { blankIfInvisible } from '../guard.js';

/** NFC, trimmed, inner whitespace collapsed; empty if no character shows (blankIfInvisible). */
export function cleanCell(value: string): string {
  // A cell of invisible characters only (U+200B, a bidi mark) is empty, by the gate's one rule (blankIfInvisible):
  // before, the preview took it for a table and the import then failed with "Required. Required.".
  return blankIfInvisible(value.normalize('NFC').replace(/\s+/g, ' ').trim());
}

/**
 * For comparing names and headers: lower case, letters and digits only. The
 * same on every laptop whatever its language (toLowerCase, not the locale's:
 * a Turkish laptop's "TITLE" would otherwise be "tıtle"), as topicKey.
 */
export function fold(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
