/**
 * A size limit as a person reads it: bytes in binary units written the
 * language's way ("64 MB", "64 Mo", "64 МБ"), through Intl. Limits in
 * characters are shown the same way: UTF-8 text is never fewer bytes than it
 * has characters (UTF-16 code units), so "more than 64 MB" stays true of any
 * text refused for having more than 64 Mi characters. Pure and zod-free (the
 * renderer's first chunk may use it).
 */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * `bytes` in the largest unit (1 KB = 1,024 bytes) that keeps it at least 1,
 * whole from 10 up and with at most one decimal below ("64 MB", "1.5 KB",
 * "300 bytes"), in `locale` (a BCP 47 tag; English by default).
 */
export function humanSize(bytes: number, locale = 'en'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value >= 10 || unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * The size a refusal's parameters name (`maxBytes`, or `maxChars` read as
 * bytes), written by humanSize; null when they name neither.
 */
export function limitSize(params: Readonly<Record<string, unknown>> | undefined, locale = 'en'): string | null {
  const limit = typeof params?.maxBytes === 'number' ? params.maxBytes : typeof params?.maxChars === 'number' ? params.maxChars : null;
  return limit === null ? null : humanSize(limit, locale);
}
