/**
 * The gate every way in passes before a schema sees the data: HTTP calls,
 * IPC calls, sync messages and files, imported event logs.
 *
 * - Size and depth are checked on the text before JSON.parse
 *   (`parseBounded`), or on the value for what arrives already parsed (IPC's
 *   structured clone: `sanitizeValue`). Deeply nested input is what breaks
 *   recursive code (JSON.stringify, error formatting) with a stack overflow,
 *   so it never gets that far.
 * - Every string (and object key) is normalised to NFC, so "Carrière" typed
 *   with a combining accent is the same text as the precomposed one, and the
 *   characters XML and CSV readers cannot hold are removed: C0 controls but
 *   tab, line feed and carriage return; DEL and C1 controls; U+FFFE and
 *   U+FFFF; lone surrogates.
 *
 * Refusals carry a code and parameters, never the input itself: `too_deep`
 * { max } (levels), `too_large` { maxChars } (characters; the renderer shows
 * it as a size, shared/size.ts), `not_json` {} (unreadable, or a number JSON
 * cannot hold: NaN, Infinity), `not_utf8` {} (bytes that are not UTF-8: never
 * read as U+FFFD replacement characters and stored).
 * Pure: no Node, no DOM, used by the core, the hosts and the renderer.
 */

/** Deeper than any message Tableside sends (an event log is about 6 levels). */
export const MAX_JSON_DEPTH = 32;

export type GuardCode = 'too_deep' | 'too_large' | 'not_json' | 'not_utf8';

export interface GuardRefusal {
  ok: false;
  code: GuardCode;
  params: Record<string, number>;
}

export type Guarded<T> = { ok: true; value: T } | GuardRefusal;

export interface GuardLimits {
  /** Most nesting of arrays and objects (default MAX_JSON_DEPTH). */
  maxDepth?: number;
  /** Most characters of text (parseBounded) or of strings in all (sanitizeValue). */
  maxChars?: number;
  /** parseBounded only: false leaves the strings as they are (the core's gate cleans them later). */
  clean?: boolean;
}

/**
 * The deepest nesting of `[` and `{` in JSON text, outside strings; stops
 * counting past `limit`. A string is skipped whole (indexOf to each quote; it
 * ends at one after an even run of backslashes), about twice as fast as
 * looking at each of its characters: a reconnect reads megabytes of sealed
 * operations through here.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return deepest; // never closed: not JSON, which JSON.parse says
        let b = end - 1;
        while (text.charCodeAt(b) === 0x5c) b -= 1; // stops at the opening quote at the latest
        if ((end - 1 - b) % 2 === 0) break;
      }
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes that arrived over the network as text, decoded as UTF-8 (a leading
 * BOM dropped). Bytes that are not UTF-8 are refused (`not_utf8`) rather than
 * turned into U+FFFD and stored: the tester's "\xff\xfe bad utf8" broadcast
 * showed as "�� bad utf8" on every laptop's banner.
 */
export function decodeUtf8(bytes: Uint8Array): Guarded<string> {
  try {
    return { ok: true, value: utf8.decode(bytes) };
  } catch {
    return refuse('not_utf8', {});
  }
}

/**
 * JSON.parse behind the gate: refuses text longer than `maxChars` or nested
 * deeper than `maxDepth` before parsing, then sanitises every string.
 */
export function parseBounded(text: string, limits: GuardLimits = {}): Guarded<unknown> {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  if (limits.maxChars !== undefined && text.length > limits.maxChars) {
    return refuse('too_large', { maxChars: limits.maxChars });
  }
  if (jsonDepth(text, maxDepth) > maxDepth) return refuse('too_deep', { max: maxDepth });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('not_json', {});
  }
  return limits.clean === false ? { ok: true, value } : sanitizeValue(value, { maxDepth });
}

/**
 * Characters XML 1.0 and CSV readers cannot hold (lone surrogates are handled
 * apart): C0 controls but tab and line breaks, U+FFFE, U+FFFF; and DEL and
 * the C1 controls, which XML discourages and exceljs's writer drops (a name
 * with U+0085 read differently in the .xlsx and the CSV).
 */
// eslint-disable-next-line no-control-regex
const UNHOLDABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
/** Printable ASCII, tab and line breaks: already clean, and NFC. */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;
/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 * Typed text never needs them (the UI isolates every name itself), and an
 * unbalanced one reorders what follows it on screen and in a spreadsheet
 * ("Ana\u202Egnp.exe"). The marks U+200E, U+200F and U+061C stay: they only
 * place neutral characters and are what a writer of Arabic or Hebrew uses.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as Tableside keeps it: NFC, without characters other programs cannot read nor bidi overrides. */
export function cleanText(text: string): string {
  if (PLAIN.test(text)) return text; // the usual case, and the cheap one
  return text.replace(LONE_SURROGATE, '').replace(UNHOLDABLE, '').replace(BIDI_CONTROL, '').normalize('NFC');
}

/**
 * Characters that show nothing on their own: spaces of every kind, controls,
 * default-ignorable ones (zero-width space and joiners, bidi controls, soft
 * hyphen, U+FEFF, the Hangul fillers U+115F/U+1160/U+3164/U+FFA0, variation
 * selectors, tag characters U+E0000–E0FFF), combining marks with no base, and
 * the blank braille pattern U+2800 (a symbol by category, drawn as nothing).
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{M}\u2800]/gu;

/**
 * Whether text shows at least one character: a required label made only of
 * invisible ones (a lone U+200B, a bidi control, a combining accent) would
 * be an empty chip on screen and an empty cell in every export.
 */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

/**
 * An optional name as the gate keeps it: text that shows no character
 * (hasVisibleText) is empty, so a walk-in named only U+200B or U+2800 is
 * anonymous and gets a ticket, an invisible table name is numbered, and so on.
 */
export function blankIfInvisible(text: string): string {
  return hasVisibleText(text) ? text : '';
}

/** Whether text is already as cleanText would leave it. */
export function isCleanText(text: string): boolean {
  return cleanText(text) === text;
}

/**
 * A copy of a parsed value with every string and key cleaned (cleanText),
 * refused if nested deeper than `maxDepth` or holding more than `maxChars`
 * characters of strings. Iterative, so no input can overflow the stack.
 * Numbers other than finite ones (which JSON cannot carry, but IPC can) are
 * refused as not data JSON can hold (`not_json`).
 */
export function sanitizeValue(value: unknown, limits: GuardLimits = {}): Guarded<unknown> {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxChars = limits.maxChars ?? Infinity;
  let chars = 0;
  const clean = (s: string): string => {
    chars += s.length;
    return cleanText(s);
  };
  const leaf = (v: unknown): unknown => (typeof v === 'string' ? clean(v) : v);
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'number' && !Number.isFinite(value)) return refuse('not_json', {});
    const out = leaf(value);
    return chars > maxChars ? refuse('too_large', { maxChars }) : { ok: true, value: out };
  }
  const root: unknown = Array.isArray(value) ? [] : {};
  // Each item: a source container, its copy, and its depth.
  const stack: { from: object; to: Record<string, unknown> | unknown[]; depth: number }[] = [
    { from: value, to: root as Record<string, unknown>, depth: 1 },
  ];
  if (maxDepth < 1) return refuse('too_deep', { max: maxDepth });
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    const entries: [string, unknown][] = Array.isArray(from)
      ? from.map((v, i) => [String(i), v])
      : Object.entries(from);
    for (const [key, v] of entries) {
      let copy: unknown;
      if (typeof v === 'object' && v !== null) {
        if (depth + 1 > maxDepth) return refuse('too_deep', { max: maxDepth });
        copy = Array.isArray(v) ? [] : {};
        stack.push({ from: v, to: copy as Record<string, unknown>, depth: depth + 1 });
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        return refuse('not_json', {});
      } else {
        copy = leaf(v);
      }
      if (Array.isArray(to)) to.push(copy);
      // defineProperty: a key "__proto__" stays a plain key, never the prototype.
      else Object.defineProperty(to, clean(key), { value: copy, enumerable: true, writable: true, configurable: true });
    }
    if (chars > maxChars) return refuse('too_large', { maxChars });
  }
  return { ok: true, value: root };
}

function refuse(code: GuardCode, params: Record<string, number>): GuardRefusal {
  return { ok: false, code, params };
}
