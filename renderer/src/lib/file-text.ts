import type { Envelope } from '../../../shared/contract';
import { decodeTextFile, FILE_ENCODING_MESSAGE } from '../../../shared/text-file';
import { translateError } from '../api';

/**
 * A chosen file's text by the one rule (shared/text-file.ts `decodeTextFile`:
 * UTF-8 or UTF-16 by its byte order mark, else UTF-8), or the translated
 * refusal `file_encoding` as an envelope a form's useAction shows. Unlike
 * `File.text()`, bytes that are not UTF-8 are refused, never turned into
 * replacement characters.
 */
export async function fileText(file: Blob): Promise<Envelope<string>> {
  const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
  if (decoded.ok) return { ok: true, value: decoded.text };
  return { ok: false, error: translateError({ code: 'rejected', message: FILE_ENCODING_MESSAGE, params: { reason: decoded.reason } }) };
}
