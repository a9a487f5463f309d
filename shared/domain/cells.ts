/** Text of a cell or a name, made comparable (zod-free, used by the renderer too). */

/** NFC, trimmed, inner whitespace collapsed. */
export function cleanCell(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** For comparing names and headers: lower case, letters and digits only. */
export function fold(value: string): string {
  return value
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
