/** The event's session as this page reads and names it (shared/domain/session.ts). */
import type { TFunction } from 'i18next';
import type { EventView } from '../../../shared/contract';
import { endsNextDay, sessionPlanOf, type SessionPlan } from '../../../shared/domain/session';
import { localTimeZone, zoneOffsetMs } from '../../../shared/domain/zone';
import { formatEventDate, formatWallTime } from './format';
import { joinParts } from './parts';

type EventSession = Pick<EventView, 'date' | 'startTime' | 'endTime'> & { endDate?: string | null; timeZone?: string | null };

/**
 * The event's session plan in the event's time zone; an event made before
 * events had a zone is read in this laptop's (ARCHITECTURE.md, "Time").
 */
export function eventSession(event: EventSession | null | undefined): SessionPlan | null {
  return sessionPlanOf(event, localTimeZone());
}

/**
 * Whether this laptop's clock reads another wall time than the event's zone
 * at `at` (a laptop still on home time): then times on screen name the zone.
 */
export function zoneDiffers(eventZone: string | null | undefined, at = Date.now()): boolean {
  if (!eventZone) return false;
  try {
    return zoneOffsetMs(at, eventZone) !== zoneOffsetMs(at, localTimeZone());
  } catch {
    return false;
  }
}

/**
 * The session's days and hours as people read them: one day, one day that
 * ends the next day, or several days; with the event's zone named when this
 * laptop's differs ("… · times in Europe/Berlin").
 */
export function sessionWhen(t: TFunction, event: EventSession): string {
  const several = event.endDate && event.endDate !== event.date;
  const nextDay = endsNextDay(event);
  const key = several ? (nextDay ? 'event.whenDaysNextDay' : 'event.whenDays') : nextDay ? 'event.whenNextDay' : 'event.when';
  const text = t(key, {
    date: formatEventDate(event.date),
    endDate: several ? formatEventDate(event.endDate ?? event.date) : '',
    start: formatWallTime(event.startTime),
    end: formatWallTime(event.endTime),
  });
  return joinParts([text, zoneDiffers(event.timeZone) && t('event.zoneNote', { zone: event.timeZone?.replace(/_/g, ' ') })]);
}
