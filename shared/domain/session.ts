/**
 * The event's session as instants, computed in the event's own time zone.
 *
 * An event names its session as wall times where it happens: a first date, a
 * last date (a congress runs over several days; the same as the first for one
 * day), the daily hours, and the IANA time zone of the venue. Every laptop
 * turns those into the same instants whatever zone its own clock is set to,
 * so a coach whose laptop still runs on home time sees the same minutes left
 * and the same people likely not reached as one set to the venue's zone.
 *
 * - Each day of the session runs from `startTime` to `endTime` on that date;
 *   an `endTime` at or before `startTime` ends the next day (22:00–01:30
 *   crosses midnight). Equal times are refused: zero minutes or a whole day
 *   is a typing slip more often than a plan.
 * - Wall times are read in the zone with zone.ts's rule: across the end of
 *   daylight saving a day from 01:00 to 04:00 lasts four hours, across its
 *   start two; a start in the skipped hour moves forward with the clocks.
 * - Which day matters at an instant (`sessionAt`): the day running then; else
 *   the day whose date it is in the event's zone (before its start, or after
 *   its end); else the next day to come; else the last day.
 *
 * `sessionEndsAt(plan, now)` is the one answer to "when does the session end"
 * that every wait estimate, "likely not reached", minutes left, the board and
 * the keep-awake rule use.
 */
import { addDays, daysBetween, ISO_DATE_RE, isTimeZone, TIME_OF_DAY_RE, zonedDate, zonedInstant } from './zone.js';

/** The session as the organiser states it, in the event's time zone. */
export interface SessionPlan {
  /** The first day, `YYYY-MM-DD`. */
  date: string;
  /** The last day, `YYYY-MM-DD`; absent, null or equal to `date` for one day. */
  endDate?: string | null;
  /** Each day's start, `HH:MM`. */
  startTime: string;
  /** Each day's end, `HH:MM`; at or before `startTime` means the next day. */
  endTime: string;
  /** The IANA zone the times are in ("Europe/Berlin"). */
  timeZone: string;
}

/** One day of the session as instants (ms since the epoch); `date` is the day it starts, in the event's zone. */
export interface SessionDay {
  date: string;
  startAt: number;
  endAt: number;
}

/** A session may run over at most this many days. */
export const MAX_SESSION_DAYS = 31;

/**
 * The years a session may be in: a mistyped "0100" or "9999" would
 * otherwise be a valid plan whose minutes left and exports are nonsense.
 */
export const SESSION_YEARS = { min: 2000, max: 2099 } as const;

/**
 * Where an instant stands: `upcoming` (the day that matters has not started),
 * `running`, `paused` (today's day is over and another day follows), `over`
 * (the last day is over).
 */
export type SessionPhase = 'upcoming' | 'running' | 'paused' | 'over';

export interface SessionMoment {
  day: SessionDay;
  /** 0-based index of `day` among the session's days, and how many there are. */
  dayIndex: number;
  dayCount: number;
  phase: SessionPhase;
}

/** Why a plan cannot be a session: a code for translation and the field it belongs to. */
export interface SessionProblem {
  code:
    | 'session_bad_date'
    | 'session_date_out_of_range'
    | 'session_bad_time'
    | 'session_bad_zone'
    | 'session_same_times'
    | 'session_end_date_before_start'
    | 'session_too_many_days'
    | 'session_empty_day';
  path: 'date' | 'endDate' | 'startTime' | 'endTime' | 'timeZone';
  params?: Record<string, string | number>;
}

/** Whether `endTime` is on the day after `startTime` (at or before it); false if either is malformed. */
export function endsNextDay(plan: Pick<SessionPlan, 'startTime' | 'endTime'>): boolean {
  return TIME_OF_DAY_RE.test(plan.startTime) && TIME_OF_DAY_RE.test(plan.endTime) && plan.endTime <= plan.startTime;
}

/** The last day as a date: `endDate`, or `date` when absent. */
export function lastDate(plan: Pick<SessionPlan, 'date' | 'endDate'>): string {
  return plan.endDate ?? plan.date;
}

/**
 * What is wrong with a plan, or null if it makes a session: malformed dates
 * or times, an unknown zone, equal start and end times, a last day before
 * the first, more than MAX_SESSION_DAYS days, or a day that daylight saving
 * leaves empty (02:00–03:00 on the night clocks jump over that hour).
 */
export function sessionProblem(plan: SessionPlan): SessionProblem | null {
  if (!isIsoDate(plan.date)) return { code: 'session_bad_date', path: 'date' };
  if (plan.endDate !== undefined && plan.endDate !== null && !isIsoDate(plan.endDate)) return { code: 'session_bad_date', path: 'endDate' };
  if (!inSessionYears(plan.date)) return { code: 'session_date_out_of_range', path: 'date', params: { ...SESSION_YEARS } };
  if (plan.endDate !== undefined && plan.endDate !== null && !inSessionYears(plan.endDate)) {
    return { code: 'session_date_out_of_range', path: 'endDate', params: { ...SESSION_YEARS } };
  }
  if (!TIME_OF_DAY_RE.test(plan.startTime)) return { code: 'session_bad_time', path: 'startTime' };
  if (!TIME_OF_DAY_RE.test(plan.endTime)) return { code: 'session_bad_time', path: 'endTime' };
  if (!isTimeZone(plan.timeZone)) return { code: 'session_bad_zone', path: 'timeZone', params: { zone: plan.timeZone } };
  if (plan.startTime === plan.endTime) return { code: 'session_same_times', path: 'endTime' };
  const span = daysBetween(plan.date, lastDate(plan));
  if (span < 0) return { code: 'session_end_date_before_start', path: 'endDate' };
  if (span + 1 > MAX_SESSION_DAYS) return { code: 'session_too_many_days', path: 'endDate', params: { max: MAX_SESSION_DAYS } };
  for (let i = 0; i <= span; i++) {
    const day = dayOf(plan, addDays(plan.date, i));
    if (!(day.endAt > day.startAt)) return { code: 'session_empty_day', path: 'endTime', params: { date: day.date } };
  }
  return null;
}

function inSessionYears(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= SESSION_YEARS.min && year <= SESSION_YEARS.max;
}

function isIsoDate(date: string): boolean {
  return ISO_DATE_RE.test(date) && addDays(date, 0) === date;
}

function dayOf(plan: SessionPlan, date: string): SessionDay {
  const endDay = endsNextDay(plan) ? addDays(date, 1) : date;
  return {
    date,
    startAt: zonedInstant(date, plan.startTime, plan.timeZone),
    endAt: zonedInstant(endDay, plan.endTime, plan.timeZone),
  };
}

/** The session's days as instants, first to last; empty if the plan has a problem (sessionProblem). */
export function sessionDays(plan: SessionPlan): SessionDay[] {
  if (sessionProblem(plan)) return [];
  const span = daysBetween(plan.date, lastDate(plan));
  return Array.from({ length: span + 1 }, (_, i) => dayOf(plan, addDays(plan.date, i)));
}

/** Which day of the session matters at `now` and where `now` stands in it; null for a plan with a problem. */
export function sessionAt(plan: SessionPlan, now: number): SessionMoment | null {
  const days = sessionDays(plan);
  if (days.length === 0) return null;
  const at = (dayIndex: number, phase: SessionPhase): SessionMoment => ({
    day: days[dayIndex]!,
    dayIndex,
    dayCount: days.length,
    phase,
  });
  const running = days.findIndex((d) => d.startAt <= now && now < d.endAt);
  if (running >= 0) return at(running, 'running');
  const today = zonedDate(now, plan.timeZone);
  const todays = days.findIndex((d) => d.date === today);
  const last = days.length - 1;
  if (todays >= 0) {
    if (now < days[todays]!.startAt) return at(todays, 'upcoming');
    return at(todays, todays === last ? 'over' : 'paused');
  }
  const next = days.findIndex((d) => d.startAt > now);
  if (next >= 0) return at(next, 'upcoming');
  return at(last, 'over');
}

/**
 * When the session ends for anyone waiting at `now`, in ms since the epoch:
 * the end of the day that matters then (sessionAt). Null when there is no
 * session (no event) or its plan has a problem. Wait estimates compare their
 * start times with this to say "likely not reached".
 */
export function sessionEndsAt(plan: SessionPlan | null, now: number): number | null {
  if (!plan) return null;
  return sessionAt(plan, now)?.day.endAt ?? null;
}

/**
 * Whole minutes from `now` to the session's end (sessionEndsAt), rounded up so
 * the last minute still reads "1 minute"; 0 once it has ended; null without a
 * session.
 */
export function sessionMinutesLeft(plan: SessionPlan | null, now: number): number | null {
  const end = sessionEndsAt(plan, now);
  if (end === null) return null;
  return Math.max(0, Math.ceil((end - now) / 60_000));
}

/** Whether `now` is within a day of the session (start included, end excluded). */
export function inSession(plan: SessionPlan | null, now: number): boolean {
  return plan !== null && sessionAt(plan, now)?.phase === 'running';
}

/**
 * Whether `date` (`YYYY-MM-DD`, in the event's zone) falls after the
 * session's last day: reopening a table then offers to extend or move the
 * session (extendSessionTo, moveSessionTo).
 */
export function isAfterSession(plan: SessionPlan, date: string): boolean {
  return daysBetween(lastDate(plan), date) > 0;
}

/** The plan with its last day moved out to `date` (same hours, same first day). */
export function extendSessionTo(plan: SessionPlan, date: string): SessionPlan {
  return { ...plan, endDate: date };
}

/** The plan moved to start on `date`, keeping its hours and its number of days. */
export function moveSessionTo(plan: SessionPlan, date: string): SessionPlan {
  const span = daysBetween(plan.date, lastDate(plan));
  return { ...plan, date, endDate: span > 0 ? addDays(date, span) : null };
}

/** The fields of an event that make its session (EventView, the export's event, a snapshot's). */
export interface SessionFields {
  date: string;
  endDate?: string | null;
  startTime: string;
  endTime: string;
  /** The event's IANA zone; null or absent for an event made before events had one. */
  timeZone?: string | null;
}

/**
 * An event's session plan, or null without an event. An event made before
 * events had a time zone is read in `fallbackZone` (the caller says which:
 * see ARCHITECTURE.md, "Time").
 */
export function sessionPlanOf(event: SessionFields | null | undefined, fallbackZone: string): SessionPlan | null {
  if (!event) return null;
  return {
    date: event.date,
    endDate: event.endDate ?? null,
    startTime: event.startTime,
    endTime: event.endTime,
    timeZone: event.timeZone ?? fallbackZone,
  };
}
