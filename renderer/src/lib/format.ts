/** Dates, times and durations through Intl, in the page's language. */
import { i18n } from '../i18n';

// Making an Intl formatter costs far more than using one, and a queue of a
// thousand people formats a time or a duration for each of them: keep one
// per language (and kind).
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: (language: string) => T): T {
  const full = `${i18n.language}|${key}`;
  let f = cache.get(full) as T | undefined;
  if (!f) {
    f = make(i18n.language);
    cache.set(full, f);
  }
  return f;
}

export function formatClockTime(ms: number, withSeconds = false): string {
  return cached(withSeconds ? 'clock:s' : 'clock', (language) =>
    new Intl.DateTimeFormat(language, {
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
    }),
  ).format(ms);
}

export function formatEventDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date(y, m - 1, d));
}

export function formatMinutes(ms: number): string {
  return formatWholeMinutes(Math.round(ms / 60_000));
}

/** "5 minutes", in the page's language; never negative. */
export function formatWholeMinutes(minutes: number): string {
  return cached('minutes', (language) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
  ).format(Math.max(0, minutes));
}

export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A day at this laptop as YYYY-MM-DD (today by default, for a new event's date field). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
