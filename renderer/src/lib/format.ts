/** Dates, times and durations through Intl, in the page's language. */
import { i18n } from '../i18n';

export function formatClockTime(ms: number, withSeconds = false): string {
  return new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  }).format(ms);
}

export function formatEventDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date(y, m - 1, d));
}

export function formatMinutes(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    minutes,
  );
}

export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Today at this laptop, for a new event's date field. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
