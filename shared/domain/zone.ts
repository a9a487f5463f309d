/**
 * Wall time in a named time zone, through Intl.
 *
 * The IANA time zone database ships with every JavaScript runtime Tableside
 * runs in (Node, Chromium, Electron), and `Intl.DateTimeFormat` with a
 * `timeZone` reads it: so no offsets or daylight-saving rules are written
 * here. What is written here is the one step Intl does not offer: from a wall
 * time ("2026-10-25 02:30 in Europe/Berlin") to the instant it names, with a
 * stated rule for the hour that happens twice (daylight saving ends) and the
 * hour that never happens (it begins). The rule is Temporal's `compatible`
 * disambiguation, which is also what `new Date(y, m, d, h)` does in a laptop's
 * own zone: a repeated wall time is its first occurrence; a skipped one is
 * read with the offset before the change, so it lands that far after it
 * (02:30 on the morning clocks jump from 02:00 to 03:00 is 03:30).
 */

/** A calendar date as `YYYY-MM-DD`. */
export const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A time of day as `HH:MM` (00:00–23:59). */
export const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: making one costs far more than using it. Throws RangeError for an unknown zone. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall time at an instant in a zone, as numbers (month 1–12). */
export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall time at `instant` (ms since the epoch) in `timeZone`. Throws RangeError for an unknown zone. */
export function wallParts(instant: number, timeZone: string): WallParts {
  const out: WallParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type in out) out[p.type as keyof WallParts] = Number(p.value);
  }
  return out;
}

/**
 * The zone's offset from UTC at `instant`, in ms (Berlin in summer: +7,200,000).
 * Whole seconds: the few historical offsets with seconds are kept, sub-second
 * parts of the instant are not. Throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const w = wallParts(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * Whether `name` is a time zone this runtime knows by an IANA name
 * ("Europe/Berlin", "America/New_York", "UTC"). Offsets ("+01:00") and
 * abbreviations ("CET" aside, which IANA itself lists) are refused.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name) || name.length > 64) return false;
  try {
    partsFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The runtime's canonical spelling of a known zone ("europe/berlin" → "Europe/Berlin"); the name itself if unknown. */
export function canonicalTimeZone(name: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return name;
  }
}

/** The time zone this runtime (the laptop) is set to, by IANA name; "UTC" if it cannot say. */
export function localTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** The zone an event's instants are read in: its own; an event made before events had one (or no event): this laptop's. */
export function eventZoneOf(eventZone: string | null | undefined): string {
  return eventZone && isTimeZone(eventZone) ? eventZone : localTimeZone();
}

/**
 * The instant that a wall date and time name in a zone, in ms since the
 * epoch; NaN for a malformed date or time or an unknown zone. A wall time
 * that happens twice is its first occurrence; one that never happens is read
 * with the offset before the change (see the module's note).
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const d = ISO_DATE_RE.exec(date);
  const t = TIME_OF_DAY_RE.exec(time);
  if (!d || !t || !isTimeZone(timeZone)) return Number.NaN;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall) || wallIso(wall) !== date) return Number.NaN; // 2026-02-30
  // A zone changes its offset at most once in a day around any wall time, so
  // the offsets a day before and a day after are the two candidates.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const fits = (offset: number) => zoneOffsetMs(wall - offset, timeZone) === offset;
  const candidates = [wall - before, wall - after].filter((_, i) => fits(i === 0 ? before : after));
  if (candidates.length > 0) return Math.min(...candidates); // the first occurrence
  return wall - before; // skipped: the offset before the change carries it forward
}

const pad = (n: number, width = 2): string => String(Math.trunc(n)).padStart(width, '0');

/** `YYYY-MM-DD` of a UTC instant's calendar fields (for wall times held as UTC numbers). */
function wallIso(wallAsUtc: number): string {
  const d = new Date(wallAsUtc);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The stamp in a file's name (an export, a backup, a sync file): the wall
 * date and time at `instant` in `timeZone` (the event's; its laptop's for
 * an event made before events had one), as `YYYYMMDD-HHMMSS`, so a file made
 * at 08:00 in Tokyo says that day whatever the laptop's own zone or UTC's.
 * Throws RangeError for an unknown zone.
 */
export function zonedFileStamp(instant: number, timeZone: string): string {
  const w = wallParts(instant, timeZone);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** The calendar date at `instant` in `timeZone`, as `YYYY-MM-DD`. */
export function zonedDate(instant: number, timeZone: string): string {
  const w = wallParts(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The wall clock at `instant` in `timeZone`, as `HH:MM`. */
export function zonedClock(instant: number, timeZone: string): string {
  const w = wallParts(instant, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** An offset in ms as `+02:00` / `-04:00` / `+05:45` (`+00:00` for UTC). */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * An instant as ISO 8601 with the zone's offset at that very instant, to the
 * second: `2026-10-25T02:50:00+02:00` and, fifteen minutes later across the
 * end of daylight saving, `2026-10-25T02:05:00+01:00`. Unambiguous, sorts by
 * instant only within one offset, so exports give the UTC beside it too.
 */
export function isoWithOffset(instant: number, timeZone: string): string {
  const w = wallParts(instant, timeZone);
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    formatOffset(zoneOffsetMs(instant, timeZone))
  );
}

/** `YYYY-MM-DD` plus `days` calendar days (negative goes back); the input unchanged if malformed. */
export function addDays(date: string, days: number): string {
  const d = ISO_DATE_RE.exec(date);
  if (!d) return date;
  return wallIso(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + days));
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); NaN if either is malformed. */
export function daysBetween(from: string, to: string): number {
  const a = ISO_DATE_RE.exec(from);
  const b = ISO_DATE_RE.exec(to);
  if (!a || !b) return Number.NaN;
  const ms = Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3])) - Date.UTC(Number(a[1]), Number(a[2]) - 1, Number(a[3]));
  return Math.round(ms / DAY_MS);
}

/** One stretch of a zone's offset: from `at` (ms since the epoch) on, `offsetMs`. */
export interface OffsetSpan {
  at: number;
  offsetMs: number;
}

/**
 * The zone's offsets from `from` to `to`: the offset at `from`, then each
 * change in between at the instant it takes effect (to the second). Changes
 * are looked for hour by hour (zones change at most a few times a year and
 * never twice within an hour), so a span of more than MAX_OFFSET_SCAN_DAYS is
 * scanned only at its ends. Throws RangeError for an unknown zone.
 */
export function zoneOffsetChanges(from: number, to: number, timeZone: string): OffsetSpan[] {
  const HOUR = 3_600_000;
  const first = { at: from, offsetMs: zoneOffsetMs(from, timeZone) };
  if (!(to > from)) return [first];
  if (to - from > MAX_OFFSET_SCAN_DAYS * DAY_MS) {
    const last = zoneOffsetMs(to, timeZone);
    return last === first.offsetMs ? [first] : [first, { at: to, offsetMs: last }];
  }
  const out: OffsetSpan[] = [first];
  let prevAt = from;
  let prevOffset = first.offsetMs;
  for (let t = Math.min(from + HOUR, to); ; t = Math.min(t + HOUR, to)) {
    const offset = zoneOffsetMs(t, timeZone);
    if (offset !== prevOffset) {
      // The change lies in (prevAt, t]: narrow it down to the second.
      let lo = prevAt;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.max(1000, Math.floor((hi - lo) / 2000) * 1000);
        if (zoneOffsetMs(mid, timeZone) === prevOffset) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, offsetMs: offset });
      prevOffset = offset;
    }
    prevAt = t;
    if (t >= to) break;
  }
  return out;
}

/** zoneOffsetChanges scans spans up to this many days hour by hour. */
export const MAX_OFFSET_SCAN_DAYS = 400;
