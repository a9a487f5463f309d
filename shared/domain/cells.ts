/** Text of a cell or a name, made comparable (zod-free, used by the renderer too). */

/** NFC, trimmed, inner whitespace collapsed. */
export function cleanCell(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
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
