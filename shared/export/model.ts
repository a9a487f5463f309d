/**
 * The day's log as the export and the report see it: plain facts read from
 * the projection tables and the operation log (electron/core/export-facts.ts,
 * offered as Core.exportFacts), and the views the contract returns for exports, their scope and progress.
 *
 * Everything here is data; the pure functions beside this file (rows.ts,
 * report.ts, scope.ts) turn the facts into sheets and figures.
 */
import type { FeedbackFact } from '../domain/feedback.js';
import type { EntryStatus, SupportKind, TurnMode } from '../contract.js';
import type { Pause } from '../domain/outcome.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * - full: names, shared notes (never a private note, not even this laptop's), contacts given with consent;
 * - anonymised: tickets instead of names, no free text at all, no contacts;
 * - followups: only people who agreed to be contacted, with their contacts and coaches.
 */
export const PRIVACY_LEVELS = ['full', 'anonymised', 'followups'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

/**
 * Whether a level carries text a person typed (coaches' notes, follow-up
 * notes, participants' feedback comments): only `full` does. The anonymised
 * export and the printable report (`REPORT_PRIVACY`) carry none.
 */
export function carriesFreeText(privacy: PrivacyLevel): boolean {
  return privacy === 'full';
}

/**
 * What a person typed or gave that an export may carry. `EXPORT_CONTENTS` is
 * the one definition of what each privacy level carries: the sheets are
 * written by it (shared/export/rows.ts `carries`) and the About sheet's
 * sentence is made from it (scope.ts `privacySentence`), so the two cannot
 * say different things.
 */
export const EXPORT_ITEMS = ['names', 'sharedNotes', 'followUpNotes', 'contacts', 'comments'] as const;
export type ExportItem = (typeof EXPORT_ITEMS)[number];

export const EXPORT_CONTENTS: Record<PrivacyLevel, readonly ExportItem[]> = {
  // Participants' comments apart from everything else (the Comments sheet: by the hour, no name, no turn, no table).
  full: ['names', 'sharedNotes', 'followUpNotes', 'contacts', 'comments'],
  anonymised: [],
  // Only people who consented to a follow-up.
  followups: ['names', 'followUpNotes', 'contacts'],
};

/** Whether an export at `privacy` carries `item` (EXPORT_CONTENTS). */
export function carries(privacy: PrivacyLevel, item: ExportItem): boolean {
  return EXPORT_CONTENTS[privacy].includes(item);
}

/**
 * The printable report's privacy level: the anonymised export's rule, one
 * rule for both (no name, ticket, contact or free text: participants' comments
 * are counted, not printed; the full JSON export holds them).
 */
export const REPORT_PRIVACY: PrivacyLevel = 'anonymised';

/** How long a laptop may be silent, against the newest operation, before the export says so. */
export const DEFAULT_STALE_MINUTES = 15;

export interface EventFact {
  id: string;
  name: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  /** The session's last day (null: one day) and the event's zone (null: made before events had one). */
  endDate: string | null;
  timeZone: string | null;
}

export interface TableFact {
  id: string;
  name: string;
  coaches: string[];
  topics: string[];
  /** BCP 47 tags, the first the table's main language. */
  languages: string[];
  createdAt: number;
  closedAt: number | null;
}

export interface EntryFact {
  id: string;
  tableId: string;
  ticket: number;
  name: string | null;
  topics: string[];
  /** The languages the person said they speak (BCP 47); empty: not said. */
  languages: string[];
  partySize: number;
  joinedAt: number;
  status: EntryStatus;
  statusAt: number;
  /** Sent to another table: the entry there (schema 3 and later). */
  transferredTo: string | null;
  /** Arrived from another table: the entry there. */
  transferredFrom: string | null;
}

export interface NoteFact {
  text: string;
  /** Entry ids the note is about; empty: everyone in the interaction. */
  about: string[];
  topics: string[];
  supportKind: SupportKind | null;
  shared: boolean;
  /** The latest version was written on the laptop making the export. */
  ownDevice: boolean;
}

export interface InteractionFact {
  id: string;
  tableId: string;
  mode: TurnMode;
  topic: string | null;
  rotationId: string | null;
  groupId: string | null;
  startedAt: number;
  endedAt: number | null;
  /** When its clock stood still (issue 13): left out of minutes received. Absent: never paused. */
  pauses?: readonly Pause[];
  note: NoteFact | null;
}

export interface ParticipationFact {
  interactionId: string;
  entryId: string;
  joinedAt: number;
  leftAt: number | null;
}

export interface FollowUpFact {
  id: string;
  entryId: string;
  interactionId: string | null;
  consent: boolean;
  contact: string | null;
  note: string;
  recordedAt: number;
}

/** One laptop whose operations the database holds. */
export interface DeviceFact {
  deviceId: string;
  /** This laptop's own; another's as the log carries it (its latest claim or takeover), else null. */
  name: string | null;
  operations: number;
  /** Wall-clock part of its first and last operation's timestamp. */
  firstOpAt: number;
  lastOpAt: number;
  /** Tables its operations touched. */
  tableIds: string[];
}

export interface ExportFacts {
  event: EventFact;
  /** When the facts were read: the export's "as of" time. */
  readAt: number;
  device: { id: string; name: string };
  schemaVersion: number;
  /**
   * The IANA zone every time in the export is read in: the event's (an event
   * made before events had one: the exporting laptop's).
   */
  timeZone: string;
  tables: TableFact[];
  entries: EntryFact[];
  interactions: InteractionFact[];
  participations: ParticipationFact[];
  followUps: FollowUpFact[];
  /** Participants' anonymous feedback cards (issue 15); absent in facts read before there were any. */
  feedback?: FeedbackFact[];
  devices: DeviceFact[];
  operations: number;
}

// ---------------------------------------------------------------------------
// Views returned through the contract.

export interface ScopeDevice {
  deviceId: string;
  name: string | null;
  thisLaptop: boolean;
  operations: number;
  firstOpAt: number;
  lastOpAt: number;
  tables: string[];
  /** Its last operation is older than the stale limit, against the newest one; or the live sync has not heard from it for over 2 minutes (alerts.ts isSilent). */
  notHeardFrom: boolean;
}

/** What an export made now would include. */
export interface ExportScope {
  event: { id: string; name: string; date: string } | null;
  /** The zone its instants are stated in (ExportFacts.timeZone; the laptop's with no event). */
  timeZone: string;
  device: { id: string; name: string };
  asOf: number;
  newestOpAt: number | null;
  staleMinutes: number;
  operations: number;
  devices: ScopeDevice[];
  counts: { tables: number; people: number; interactions: number; followUps: number };
}

export type ExportState = 'running' | 'done' | 'cancelled' | 'failed';

export type ExportFileKind = 'interactions' | 'tables' | 'devices' | 'followups' | 'comments' | 'workbook' | 'log';

export interface ExportFileView {
  index: number;
  kind: ExportFileKind;
  name: string;
  bytes: number;
}

/**
 * The finished export files kept in this laptop's exports folder. They hold
 * what was exported (names and contacts, in a full export) until someone
 * deletes them, so the export screen lists them and can delete them.
 */
export interface KeptExports {
  folder: string;
  files: { name: string; bytes: number; madeAt: number }[];
}

export interface ExportStatus {
  exportId: string;
  format: ExportFormat;
  privacy: PrivacyLevel;
  state: ExportState;
  /** Rows (or operations) written so far, of `total`. */
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
  /** The folder the files go to, and the files once written (empty until done). */
  folder: string;
  files: ExportFileView[];
}
