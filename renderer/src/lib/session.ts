/** The event's session as this page reads it (shared/domain/session.ts). */
import type { EventView } from '../../../shared/contract';
import { sessionPlanOf, type SessionPlan } from '../../../shared/domain/session';
import { localTimeZone } from '../../../shared/domain/zone';

/**
 * The event's session plan in the event's time zone; an event made before
 * events had a zone is read in this laptop's (ARCHITECTURE.md, "Time").
 */
export function eventSession(event: Pick<EventView, 'date' | 'startTime' | 'endTime'> & { endDate?: string | null; timeZone?: string | null } | null | undefined): SessionPlan | null {
  return sessionPlanOf(event, localTimeZone());
}
