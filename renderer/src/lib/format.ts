/**
 * The one place numbers, dates, times, durations, lists and language names
 * are formatted: through Intl, in the language the page shows (never the
 * browser's own locale), so every screen writes a time the same way. One
 * clock style per language, the language's own: English "1:30 PM", French,
 * German, Russian, Spanish and Chinese "13:30", Arabic "١:٣٠ م". The
 * event's start and end ("11:45", as typed) go through the same clock.
 * Instants are shown as the event's wall clock (its time zone).
 */
import { countdownPhrase, formatCountdown } from '../../../shared/domain/timer';
import { localTimeZone, zonedDate, zoneOffsetMs } from '../../../shared/domain/zone';
import { limitSize } from '../../../shared/size';
import { isPrivateUseTag } from '../../../shared/domain/languages';
import { i18n, intlLocale } from '../i18n';
import { formatNumberIn } from '../i18n/interpolate';

// Making an Intl formatter costs far more than using one, and a queue of a
// thousand people formats a time or a duration for each of them: keep one
// per language (and kind).
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat | Intl.DisplayNames;
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: (locale: string) => T): T {
  const full = `${i18n.language}|${key}`;
  let f = cache.get(full) as T | undefined;
  if (!f) {
    f = make(intlLocale(i18n.language));
    cache.set(full, f);
  }
  return f;
}

/**
 * The zone times on screen are read in: the event's (set from each snapshot),
 * or, for an event without one, this laptop's (undefined).
 */
let displayZone: string | undefined;
/** This laptop's zone, looked up when the display zone is set (making a formatter to ask costs). */
let laptopZone = localTimeZone();

/** Show every time in the event's zone from now on (null: this laptop's). */
export function setDisplayZone(zone: string | null): void {
  displayZone = zone ?? undefined;
  laptopZone = localTimeZone();
}

/**
 * A time of day as the event's wall clock shows it. On a laptop whose own
 * zone reads another wall time at that instant (still on home time), the
 * zone is named beside it ("11:45 AM GMT+2"), so nobody reads it as local.
 */
export function formatClockTime(ms: number, withSeconds = false): string {
  const named =
    displayZone !== undefined && displayZone !== laptopZone && zoneOffsetMs(ms, displayZone) !== zoneOffsetMs(ms, laptopZone);
  return cached(`${withSeconds ? 'clock:s' : 'clock'}|${displayZone ?? ''}|${named ? 'named' : ''}`, (locale) =>
    new Intl.DateTimeFormat(locale, {
      hour: 'numeric',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      ...(displayZone ? { timeZone: displayZone } : {}),
      ...(named ? { timeZoneName: 'short' } : {}),
    }),
  ).format(ms);
}

/** A wall-clock time as the event stores it ("13:30") in the same clock style as every other time. */
export function formatWallTime(hhmm: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return hhmm;
  // A wall time is no instant: read in UTC both ways, so no zone shifts it.
  return cached('wall', (locale) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })).format(
    Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])),
  );
}

/** An event's day (YYYY-MM-DD), written out in full. */
export function formatEventDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return cached('date', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'full' })).format(new Date(y, m - 1, d));
}

export function formatMinutes(ms: number): string {
  return formatWholeMinutes(Math.round(ms / 60_000));
}

/** "5 minutes", in the page's language; never negative. */
export function formatWholeMinutes(minutes: number): string {
  return cached('minutes', (locale) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
  ).format(Math.max(0, minutes));
}

/** A number in the page's language and digits (at most one decimal). */
export function formatNumber(value: number): string {
  return formatNumberIn(i18n.language, value);
}

/** A turn's countdown ("4:59", "+0:30") in the page's digits. */
export function formatCountdownShown(remainingMs: number): string {
  return localDigits(formatCountdown(remainingMs));
}

/** A countdown's phrase and digits (shared/domain/timer.ts countdownPhrase), in the page's digits. */
export function countdownWords(remainingMs: number, paused: boolean): { key: 'left' | 'over' | 'paused'; time: string } {
  const phrase = countdownPhrase(remainingMs, paused);
  return { ...phrase, time: localDigits(phrase.time) };
}

/** Replace ASCII digits by the page language's digits (for text made elsewhere, like the countdown). */
export function localDigits(text: string): string {
  return text.replace(/\d/g, (d) => formatNumber(Number(d)));
}

/**
 * A message's parameters with the limit they name written as a size in the
 * page's language (`size`: "64 MB", "64 Mo"), when they name one
 * (`maxBytes`, or `maxChars` read as bytes: shared/size.ts); as given otherwise.
 */
export function withSize<P extends Record<string, unknown>>(params: P | undefined): P & { size?: string } {
  const size = limitSize(params, intlLocale(i18n.language));
  return size === null ? { ...(params as P) } : { ...(params as P), size };
}

/** "Ana, Ben and Chen", in the page's language. */
export function formatList(items: readonly string[]): string {
  return listFormat().format(items);
}

/**
 * Typed text (a name, a topic, a table) set apart from the sentence around it
 * for the bidi algorithm (U+2068 … U+2069, what <bdi> does for an element), for
 * places that take a string: a `t()` parameter, an aria-label, a title.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Typed items as a list in the page's language, each isolated ("⁨Ana⁩, ⁨مريم⁩ and ⁨Chen⁩"). */
export function formatTypedList(items: readonly string[]): string {
  return listFormat().format(items.map(isolate));
}

function listFormat(): Intl.ListFormat {
  return cached('list', (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
}

/**
 * The list as formatList writes it, in parts: each item (`element`) and the
 * words between them (`literal`), so a view can isolate each name's
 * direction (a Latin name in an Arabic list, "A و B").
 */
export function formatListParts(items: readonly string[], joined: 'and' | 'comma' = 'and'): { type: 'element' | 'literal'; value: string }[] {
  return (joined === 'and' ? listFormat() : commaListFormat()).formatToParts(items);
}

/** A list without "and" ("A, B"), for names a "+N more" follows. */
function commaListFormat(): Intl.ListFormat {
  return cached('list:unit', (locale) => new Intl.ListFormat(locale, { style: 'short', type: 'unit' }));
}

/** "5 min", in the page's language; for compact rows. Never negative. */
export function formatShortMinutes(minutes: number): string {
  return cached('minutes:short', (language) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'short' }),
  ).format(Math.max(0, minutes));
}

/**
 * A BCP 47 language tag named in the page's language ("fr" → "French",
 * "français", "法语"…; "ase" → "American Sign Language" where Intl knows
 * it); the tag itself where Intl cannot name it ("bfi", "x-klingon"), and a
 * private-use part kept beside the name ("en-x-easy" → "English (x-easy)").
 */
export function languageName(tag: string): string {
  if (isPrivateUseTag(tag)) return tag;
  const [main, privateUse] = tag.split(/-x-/i, 2) as [string, string | undefined];
  let name: string;
  try {
    name = cached('languages', (locale) => new Intl.DisplayNames([locale], { type: 'language' })).of(main) ?? main;
  } catch {
    name = main;
  }
  return privateUse ? `${name} (x-${privateUse})` : name;
}

/** The day it is in the event's zone (this laptop's for an event without one), as YYYY-MM-DD. */
export function eventToday(now = Date.now()): string {
  return displayZone ? zonedDate(now, displayZone) : todayIso(new Date(now));
}

/** A day at this laptop as YYYY-MM-DD (today by default, for a new event's date field). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
