/**
 * The one contract between the UI and the core.
 *
 * Every method (a command that changes the event, or a query that reads it)
 * and every update the core pushes has a zod schema here. Both hosts (the
 * Electron IPC bridge and the local web host) parse what arrives against
 * these schemas before anything reaches the core, so a bad message from a
 * renderer or from the network is answered with an error and changes nothing.
 */
import type { SnapshotChanges } from './push.js';
import { z } from 'zod';
import { blankIfInvisible, hasVisibleText } from './guard.js';
import { BACKUP_MAX_CHARS, BACKUP_PASSPHRASE_MAX, BACKUP_PASSPHRASE_MIN } from './backup-limits.js';
import { SHORTCUT_IDS } from './shortcuts.js';
import { SUPPORT_KINDS, type SupportKind } from './support.js';
import { RANK_LIMIT } from './domain/rank.js';
import { MAX_SESSION_DAYS, SESSION_YEARS, sessionProblem, type SessionProblem } from './domain/session.js';
import { isTimeZone } from './domain/zone.js';
import { EXTEND_MAX_MINUTES } from './domain/timer.js';
import type { RehearsalClock } from './domain/rehearsal.js';
import { MAX_MY_TABLES } from './domain/laptop.js';
import { MAX_LANGUAGES } from './domain/languages.js';
import { spokenLanguage } from './language-schema.js';
import { eventLogFile } from './export/log.js';
import { EXPORT_LANGUAGES } from './export/words/languages.js';
import { LANGUAGES } from './ui-languages.js';
import {
  EXPORT_FORMATS,
  PRIVACY_LEVELS,
  type ExportScope,
  type ExportStatus,
  type KeptExports,
} from './export/model.js';
import type { ReportData } from './export/report.js';
import { planImportArgs, planPreviewArgs, type PlanImportResult, type PlanPreviewResult } from './plan.js';
import { feedbackAnswer } from './feedback.js';

const trimmed = (max: number) => z.string().trim().max(max);
/** Optional text that must show something to count: one of only invisible characters is empty (guard.ts blankIfInvisible). */
const optionalName = (max: number) => trimmed(max).transform(blankIfInvisible);
const required = (max: number) =>
  trimmed(max).refine(hasVisibleText, { message: 'Required', params: { code: 'required' } });

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const topicLabel = required(80);

export { SUPPORT_KINDS, type SupportKind } from './support.js';
/** The form of a language tag as operations carry it (languageTag, after trimming; readOp's fast path in electron/sync/protocol.ts). */
export const LANGUAGE_TAG_FORM = /^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*|[xX](?:-[a-zA-Z0-9]{1,8})+)$/;
/** A language tag as operations carry it: well-formed BCP 47, private use included ("ase", "en-x-easy", "x-klingon"). */
export const languageTag = z.string().trim().regex(LANGUAGE_TAG_FORM, 'Expected a language tag such as "en" or "pt-BR"');
export const entityId = z.string().min(1).max(64);

export { spokenLanguage } from './language-schema.js';
/** A queue rank as a caller may give it (queue.place: the undo of a move): finite and bounded (shared/domain/rank.ts). */
export const queueRank = z.number().min(-RANK_LIMIT).max(RANK_LIMIT);

/**
 * An event's details. The session: `date` is its first day, `endDate` its
 * last (absent or null: one day), `startTime`–`endTime` each day (an end at or
 * before the start is the next day), in `timeZone`, the venue's IANA zone
 * (absent: the core's laptop's). Checked by shared/domain/session.ts's
 * sessionProblem, so the form and the core refuse the same plans.
 */
export const eventFields = z
  .object({
    name: required(120),
    date: z.string().regex(ISO_DATE, 'Expected a date as YYYY-MM-DD'),
    endDate: z.string().regex(ISO_DATE, 'Expected a date as YYYY-MM-DD').nullable().optional(),
    startTime: z.string().regex(TIME_OF_DAY, 'Expected a time as HH:MM'),
    endTime: z.string().regex(TIME_OF_DAY, 'Expected a time as HH:MM'),
    place: optionalName(120),
    timeZone: z.string().trim().max(64).refine(isTimeZone, { message: 'Choose a time zone from the list', params: { code: 'session_bad_zone' } }).optional(),
  })
  .strict()
  // Checked only when the dates and times are well-formed, so a mistyped
  // start time is not also reported as something else.
  .superRefine((e, ctx) => {
    if (!TIME_OF_DAY.test(e.startTime) || !TIME_OF_DAY.test(e.endTime) || !ISO_DATE.test(e.date)) return;
    if (typeof e.endDate === 'string' && !ISO_DATE.test(e.endDate)) return;
    const zone = e.timeZone !== undefined && isTimeZone(e.timeZone) ? e.timeZone : 'UTC';
    const problem = sessionProblem({ ...e, timeZone: zone });
    if (problem) ctx.addIssue({ code: 'custom', message: SESSION_PROBLEM_MESSAGES[problem.code], path: [problem.path], params: { code: problem.code, ...problem.params } });
  });

/** The English words for each session problem (shared/domain/session.ts). */
export const SESSION_PROBLEM_MESSAGES: Record<SessionProblem['code'], string> = {
  session_bad_date: 'Expected a date as YYYY-MM-DD',
  session_date_out_of_range: `Choose a date between ${SESSION_YEARS.min} and ${SESSION_YEARS.max}`,
  session_bad_time: 'Expected a time as HH:MM',
  session_bad_zone: 'Choose a time zone from the list',
  session_same_times: 'The session must end at another time than it starts',
  session_end_date_before_start: 'The last day must be on or after the first',
  session_too_many_days: `A session runs over at most ${MAX_SESSION_DAYS} days`,
  session_empty_day: 'Daylight saving leaves no time between the start and the end that day',
};

export const tableFields = z
  .object({
    name: optionalName(60),
    coaches: z.array(required(80)).min(1, 'A table needs at least one coach').max(6),
    topics: z.array(topicLabel).max(30),
    /** BCP 47 tags, the first the table's main language (repeats dropped). */
    languages: z.array(spokenLanguage).min(1, 'A table works in at least one language').max(MAX_LANGUAGES),
    turnMinutes: z.number().int().min(1).max(120),
  })
  .strict();

export const walkInFields = z
  .object({
    tableId: entityId,
    /** Empty or absent: the person stays anonymous and gets a ticket number. */
    name: optionalName(80).optional(),
    topics: z.array(topicLabel).max(30),
    /** The languages the person speaks; absent or empty: not said. */
    languages: z.array(spokenLanguage).max(MAX_LANGUAGES).optional(),
    partySize: z.number().int().min(1).max(50),
  })
  .strict();

const noArgs = z.object({}).strict();

const minutes = z.number().int().min(1).max(120);

export const tableSettings = z
  .object({
    tableId: entityId,
    /** How long a person who stepped away keeps their place. */
    holdMinutes: z.number().int().min(1).max(120),
    maxGroupSize: z.number().int().min(2).max(30),
    rotationMinutes: minutes,
    autoAdvance: z.boolean(),
    /** The coach's own open questions, shown beside the four built-in ones (QuestionsPanel). */
    questions: z.array(required(300)).max(20),
  })
  .strict();

export const followUpFields = z
  .object({
    entryId: entityId,
    turnId: entityId.optional(),
    consent: z.boolean(),
    contact: trimmed(300).optional(),
    note: trimmed(2000).optional(),
  })
  .strict()
  .refine((f) => f.consent || !f.contact, {
    message: 'Contact details can be kept only with the participant\'s consent',
    path: ['contact'],
    params: { code: 'contact_needs_consent' },
  });

/** For exports: how long a laptop may be silent before the export names it (default DEFAULT_STALE_MINUTES). */
const staleMinutes = z.number().int().min(1).max(24 * 60);

/**
 * Which part of the app answers a method: the core's handler table
 * (electron/core/areas/), or a service registered on the core with a typed
 * handler map (`Core.registerService`): sync (electron/sync/), export
 * (electron/export/), the Electron shell (electron/main.ts: native dialogs) or
 * the floor plan's preview (electron/plan/: reading an XLSX is asynchronous),
 * or the rehearsal player (electron/rehearsal/: it owns timers and plays the
 * script through the core's own commands).
 */
export const SERVICES = ['core', 'sync', 'export', 'shell', 'plan', 'rehearsal'] as const;
export type Service = (typeof SERVICES)[number];

/** What every entry of `methods` declares. */
export interface MethodSpec {
  /** A query reads; a command may change the event (the core commits it in one transaction). */
  kind: 'query' | 'command';
  /** Which part answers it: the core's handler table or a registered service. */
  service: Service;
  /** Its arguments, parsed once on the way in. Its result type is `MethodResults[name]` below. */
  args: z.ZodType;
}

/**
 * Methods: name → kind, the part that answers it, and its argument schema.
 * Add one here, its result to `MethodResults`, and its handler to the map of
 * the part that answers it (ARCHITECTURE.md, "How to add a command").
 */
export const methods = {
  'snapshot.get': { kind: 'query', service: 'core', args: noArgs },
  /**
   * The answering laptop's own clock: a browser on another device measures
   * how far its clock is from its host's (renderer/src/lib/hostClock.ts).
   */
  'clock.now': { kind: 'query', service: 'core', args: noArgs },
  'event.create': { kind: 'command', service: 'core', args: eventFields },
  'event.createDemo': { kind: 'command', service: 'core', args: noArgs },
  /** A rehearsal floor (issue 15): the script's event and eight tables; the player (`rehearsal.*`) brings the walk-ins. */
  'event.createRehearsal': { kind: 'command', service: 'core', args: noArgs },
  'rehearsal.status': { kind: 'query', service: 'rehearsal', args: noArgs },
  /** Play or pause the rehearsal, and at which speed (changeable while it plays). */
  'rehearsal.control': {
    kind: 'command',
    service: 'rehearsal',
    args: z.object({ playing: z.boolean().optional(), speed: z.union([z.literal(1), z.literal(5), z.literal(20)]).optional() }).strict(),
  },
  /** Leave the rehearsal: its player stops and the rehearsal event is discarded from this laptop (back to the welcome screen). */
  'rehearsal.leave': { kind: 'command', service: 'rehearsal', args: noArgs },
  'event.update': { kind: 'command', service: 'core', args: eventFields },
  'topic.add': { kind: 'command', service: 'core', args: z.object({ label: topicLabel }).strict() },
  'topic.remove': { kind: 'command', service: 'core', args: z.object({ topicId: entityId }).strict() },
  /**
   * `tableWord`: the UI language's word for a table ("Tisch"), for the name of
   * a table left unnamed ("Tisch 3"); absent: "Table". As plan.preview's.
   */
  'table.create': { kind: 'command', service: 'core', args: tableFields.extend({ tableWord: trimmed(30).optional() }) },
  'table.update': {
    kind: 'command',
    service: 'core',
    args: z.object({ tableId: entityId, fields: tableFields }).strict(),
  },
  'table.configure': { kind: 'command', service: 'core', args: tableSettings },
  /** End of the session at this table: whoever still waits is recorded as not reached. */
  'table.close': { kind: 'command', service: 'core', args: z.object({ tableId: entityId }).strict() },
  'table.reopen': { kind: 'command', service: 'core', args: z.object({ tableId: entityId }).strict() },
  'walkin.add': { kind: 'command', service: 'core', args: walkInFields },
  'queue.move': {
    kind: 'command',
    service: 'core',
    args: z.object({ entryId: entityId, direction: z.enum(['up', 'down']) }).strict(),
  },
  /** Put someone back at an exact place (the undo of a move). */
  'queue.place': { kind: 'command', service: 'core', args: z.object({ entryId: entityId, rank: queueRank }).strict() },
  'entry.setStatus': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        entryId: entityId,
        status: z.enum(['waiting', 'away', 'no_show', 'left', 'removed']),
        /** For 'away': until when the place is held (default: the table's hold time). */
        awayUntil: z.number().int().nonnegative().nullable().optional(),
      })
      .strict(),
  },
  'turn.start': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        tableId: entityId,
        /** Absent: the next person in the queue. */
        entryId: entityId.optional(),
      })
      .strict(),
  },
  'plenary.start': {
    kind: 'command',
    service: 'core',
    args: z.object({ tableId: entityId, minutes }).strict(),
  },
  'focus.start': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        tableId: entityId,
        topic: topicLabel,
        entryIds: z.array(entityId).min(1, 'Choose who joins the focus'),
        minutes,
      })
      .strict(),
  },
  'rotation.propose': {
    kind: 'query',
    service: 'core',
    args: z.object({ tableId: entityId, maxGroupSize: z.number().int().min(2).max(30) }).strict(),
  },
  'rotation.start': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        tableId: entityId,
        maxGroupSize: z.number().int().min(2).max(30),
        turnMinutes: minutes,
        autoAdvance: z.boolean(),
        groups: z.array(z.array(entityId).min(1)).min(1),
      })
      .strict(),
  },
  /** End the current group's turn (if it runs) and call the next group. */
  'rotation.next': { kind: 'command', service: 'core', args: z.object({ rotationId: entityId }).strict() },
  'rotation.setAutoAdvance': {
    kind: 'command',
    service: 'core',
    args: z.object({ rotationId: entityId, autoAdvance: z.boolean() }).strict(),
  },
  'rotation.end': { kind: 'command', service: 'core', args: z.object({ rotationId: entityId }).strict() },
  'turn.end': { kind: 'command', service: 'core', args: z.object({ turnId: entityId }).strict() },
  /**
   * More time for a running turn (any mode): `minutes` (1–60) added to what
   * is left; a turn already over time gets that many minutes from now.
   */
  'turn.extend': {
    kind: 'command',
    service: 'core',
    args: z.object({ turnId: entityId, minutes: z.number().int().min(1).max(EXTEND_MAX_MINUTES) }).strict(),
  },
  /**
   * Take back End turn, for a short while (UNDO_TURN_ACCEPT_MS): the turn runs
   * again with its deadline and its people, as before. Refused once another
   * turn runs at the table, the rotation ended or the table closed.
   */
  'turn.undoEnd': { kind: 'command', service: 'core', args: z.object({ turnId: entityId }).strict() },
  /**
   * Take back Start turn (one-to-one, plenary or topic focus), for a short
   * while: its people are back in the queue at their places, and the turn is
   * gone. Refused once a note or a follow-up was recorded on it.
   */
  'turn.undoStart': { kind: 'command', service: 'core', args: z.object({ turnId: entityId }).strict() },
  /** Stop a running turn's clock: no warning, no chime, no auto-advance while paused. */
  'turn.pause': { kind: 'command', service: 'core', args: z.object({ turnId: entityId }).strict() },
  /** Start a paused turn's clock again: its deadline moves on by the time it stood still. */
  'turn.resume': { kind: 'command', service: 'core', args: z.object({ turnId: entityId }).strict() },
  'note.save': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        turnId: entityId,
        /** Absent: keep the stored text (a change of tags only). */
        text: z.string().max(20_000).optional(),
        about: z.array(entityId).max(50).optional(),
        topics: z.array(topicLabel).max(30).optional(),
        supportKind: z.enum(SUPPORT_KINDS).nullable().optional(),
        shared: z.boolean().optional(),
      })
      .strict(),
  },
  'followup.record': { kind: 'command', service: 'core', args: followUpFields },
  /** Change a follow-up's contact (only with consent) or note. */
  'followup.edit': {
    kind: 'command',
    service: 'core',
    args: z
      .object({ followUpId: entityId, contact: trimmed(300).optional(), note: trimmed(2000).optional() })
      .strict(),
  },
  /** The participant withdrew consent: the contact is erased from the projection and every later export. */
  'followup.withdraw': { kind: 'command', service: 'core', args: z.object({ followUpId: entityId }).strict() },
  // --- The organiser -----------------------------------------------------
  /** Send a waiting person to another table. */
  'entry.transfer': {
    kind: 'command',
    service: 'core',
    args: z.object({ entryId: entityId, toTableId: entityId }).strict(),
  },
  /**
   * "Put back" for someone sent to another table (`entryId`: their entry at
   * this table): they leave the queue where they wait now and come back here
   * at their old place (an entry.transferred back). Refused once they are no
   * longer waiting there.
   */
  'entry.bringBack': { kind: 'command', service: 'core', args: z.object({ entryId: entityId }).strict() },
  /** Other tables for a waiting person, best first. */
  'transfer.suggest': { kind: 'query', service: 'core', args: z.object({ entryId: entityId }).strict() },
  'broadcast.send': { kind: 'command', service: 'core', args: z.object({ text: required(280) }).strict() },
  // --- Which laptop runs which table (electron/core/areas/laptops.ts) -------
  /** Take another laptop's table over on this one (logged as table.takenOver). */
  'table.takeOver': { kind: 'command', service: 'core', args: z.object({ tableId: entityId }).strict() },

  // --- The Electron shell: native dialogs (electron/main.ts) ---------------
  /** Electron only: choose a folder with the system's dialog and copy a finished export there. */
  'export.saveAs': { kind: 'command', service: 'shell', args: z.object({ exportId: entityId }).strict() },
  /** Electron only: the report now on screen as a PDF, where the system's Save dialog says. */
  'report.savePdf': { kind: 'command', service: 'shell', args: noArgs },
  /** Electron only: the table signs on screen to the system's print dialog, or to one PDF where the Save dialog says (issue 15). */
  'signs.print': { kind: 'command', service: 'shell', args: z.object({ paper: z.enum(['a4', 'letter']) }).strict() },
  'signs.savePdf': { kind: 'command', service: 'shell', args: z.object({ paper: z.enum(['a4', 'letter']) }).strict() },
  // --- Sharing the event between laptops ---------------------------------
  // Answered by the sync service (electron/sync/sharing.ts): they talk to the
  // network or the disk, outside the operation log.
  /** takeover: make this laptop the hub even though the hub it syncs with answered recently (it names it). */
  /** `newCode`: a new sharing with a new event code and key (members need the new code); else the code kept on this laptop. */
  'sync.becomeHub': { kind: 'command', service: 'sync', args: z.object({ takeover: z.boolean().optional(), newCode: z.boolean().optional() }).strict() },
  'sync.join': {
    kind: 'command',
    service: 'sync',
    args: z.object({ code: z.string().trim().min(1).max(40), hubAddress: z.string().trim().min(1).max(200) }).strict(),
  },
  /** Join with what the hub's QR code holds (read by the camera). */
  'sync.joinScanned': { kind: 'command', service: 'sync', args: z.object({ pairing: z.string().trim().min(1).max(500) }).strict() },
  'sync.setHub': { kind: 'command', service: 'sync', args: z.object({ hubAddress: z.string().trim().min(1).max(200) }).strict() },
  'sync.leave': { kind: 'command', service: 'sync', args: noArgs },
  /**
   * Leave the event on this laptop: sharing stops, and the event and its log
   * are deleted here (Core.leaveEvent); other laptops keep it. `eventId`: the
   * one the person confirmed.
   */
  'event.leave': { kind: 'command', service: 'sync', args: z.object({ eventId: entityId }).strict() },
  /** Give up an interrupted join: what arrived of the first copy is cleared (nothing left behind). */
  'sync.joinGiveUp': { kind: 'command', service: 'sync', args: noArgs },
  'sync.now': { kind: 'command', service: 'sync', args: noArgs },
  /** Hubs of Tableside events announced on the local network (mDNS). */
  'sync.discover': { kind: 'query', service: 'sync', args: noArgs },
  'sync.exportFile': { kind: 'query', service: 'sync', args: noArgs },
  'sync.importFile': {
    kind: 'command',
    service: 'sync',
    args: z.object({ content: z.string().max(64 * 1024 * 1024), code: z.string().max(40).optional() }).strict(),
  },
  // --- This laptop's settings (not event data) -----------------------------
  'settings.get': { kind: 'query', service: 'core', args: noArgs },
  'settings.update': {
    kind: 'command',
    service: 'core',
    args: z
      .object({
        deviceName: optionalName(60).optional(),
        /** The language this laptop's screens show: one Tableside is written in (null: follow the system). */
        language: z.enum(LANGUAGES).nullable().optional(),
        /** "This is my table": the coaching tables this laptop runs (ids; empty: none, as an organiser's laptop). */
        myTables: z.array(entityId).max(MAX_MY_TABLES).optional(),
      })
      .strict(),
  },

  // --- The day's log: export, report and import ---------------------------
  // Answered by the export service (electron/export/service.ts): exports run
  // in chunks after the call returns and push 'exportProgress'. No method takes a file path: over IPC and HTTP the page
  // never chooses where the core writes (the Electron shell may pass a path
  // from its save dialog to ExportService.start in process).
  /** What an export made now would include: laptops heard from, counts. */
  'export.scope': { kind: 'query', service: 'export', args: z.object({ staleMinutes: staleMinutes.optional() }).strict() },
  'export.start': {
    kind: 'command',
    service: 'export',
    args: z
      .object({
        format: z.enum(EXPORT_FORMATS),
        privacy: z.enum(PRIVACY_LEVELS),
        staleMinutes: staleMinutes.optional(),
        /** The language of the headers, sheet names and value labels (CSV, XLSX); English when absent. The JSON log has none. */
        language: z.enum(EXPORT_LANGUAGES).optional(),
      })
      .strict(),
  },
  'export.status': { kind: 'query', service: 'export', args: z.object({ exportId: entityId }).strict() },
  'export.cancel': { kind: 'command', service: 'export', args: z.object({ exportId: entityId }).strict() },
  /** The finished export files kept on this laptop (they may hold personal data). */
  'export.kept': { kind: 'query', service: 'export', args: z.object({}).strict() },
  /** Delete every kept export file; refused while an export is being written. */
  'export.deleteKept': { kind: 'command', service: 'export', args: z.object({}).strict() },
  /** Rebuild an event from a JSON export, into a Tableside that holds nothing yet. */
  'export.importJson': { kind: 'command', service: 'export', args: z.object({ log: eventLogFile }).strict() },
  /**
   * This laptop's own backup, private notes included, sealed with a
   * passphrase the coach types (scrypt + AES-256-GCM, electron/export/backup.ts).
   * Returned as the file's text; never kept, never sent anywhere.
   */
  'backup.make': {
    kind: 'command',
    service: 'export',
    args: z.object({ passphrase: z.string().min(BACKUP_PASSPHRASE_MIN).max(BACKUP_PASSPHRASE_MAX) }).strict(),
  },
  /** Rebuild this laptop from its backup (the passphrase opens it), into a Tableside that holds nothing yet. */
  'backup.restore': {
    kind: 'command',
    service: 'export',
    args: z
      .object({ content: z.string().max(BACKUP_MAX_CHARS), passphrase: z.string().min(1).max(BACKUP_PASSPHRASE_MAX) })
      .strict(),
  },
  // --- The floor plan from a spreadsheet (issue 15) ------------------------
  /** Read a plan file (CSV or XLSX) and check it against the event: every problem, and what importing it would change. Changes nothing. */
  'plan.preview': { kind: 'query', service: 'plan', args: planPreviewArgs },
  /** Apply a previewed plan: only the differences from the event's tables, as ordinary operations (twice changes nothing). */
  'plan.import': { kind: 'command', service: 'core', args: planImportArgs },
  // --- Participants' feedback (issue 15) -----------------------------------
  /** A participant's anonymous card after a turn: on this laptop, or (with tokenId) from a phone through the hub. */
  'feedback.record': {
    kind: 'command',
    service: 'core',
    args: feedbackAnswer.extend({ turnId: entityId, tokenId: z.string().trim().min(1).max(40).optional() }).strict(),
  },
  /** A one-time card for a phone: the address its QR code carries (the hub's listener), valid a few minutes. */
  'feedback.offer': { kind: 'command', service: 'sync', args: z.object({ turnId: entityId }).strict() },
  /** Figures and chart data for the printable report: aggregates only, no personal data. */
  'report.get': {
    kind: 'query',
    service: 'export',
    args: z
      .object({ bucketMinutes: z.number().int().min(1).max(120).optional(), staleMinutes: staleMinutes.optional() })
      .strict(),
  },
} as const satisfies Record<string, MethodSpec>;

export type MethodName = keyof typeof methods;

/** The methods `service` answers, from the `service` of each entry in `methods`. */
export type MethodsOf<S extends Service> = {
  [K in MethodName]: (typeof methods)[K]['service'] extends S ? K : never;
}[MethodName];
/** The methods the core's handler table answers. */
export type CoreMethodName = MethodsOf<'core'>;
/** Methods a service registered on the core answers (async; side effects outside the log). */
export type ServiceMethodName = Exclude<MethodName, CoreMethodName>;
export type ExportMethodName = MethodsOf<'export'>;
export type SyncMethodName = MethodsOf<'sync'>;
export type ShellMethodName = MethodsOf<'shell'>;
export type MethodArgs<K extends MethodName> = z.input<(typeof methods)[K]['args']>;
export type ParsedArgs<K extends MethodName> = z.output<(typeof methods)[K]['args']>;

// ---------------------------------------------------------------------------
// What the core returns and pushes.

export interface TopicView {
  id: string;
  label: string;
}

/** The rehearsal player's state (electron/rehearsal/), for the rehearsal bar. */
export interface RehearsalView {
  speed: 1 | 5 | 20;
  playing: boolean;
  /** The session's minute (0–105, with fractions) at `baseAt`; while playing it moves `speed` minutes per minute of floor time. */
  baseMinute: number;
  /** Floor time (epoch ms) of `baseMinute`. */
  baseAt: number;
  /** The session's minute when this was read (with fractions). */
  minute: number;
  /** The script's length in minutes (105). */
  minutes: number;
  arrived: number;
  total: number;
  done: boolean;
  /** Paused because Tableside restarted while it played. */
  pausedByRestart: boolean;
  /**
   * This laptop joined the rehearsal's hub: the script plays there, once for the event, and this shows the hub's
   * minute and speed (its rehearsal time, sent with each sync answer); Play and the speeds are the hub's.
   */
  playsOnHub: boolean;
  /**
   * Another laptop plays the rehearsal, as the log last said it (`rehearsal.played`): its name (Play and the
   * speeds are refused here, `rehearsal_playing_elsewhere`: two players would add every walk-in twice); null
   * otherwise, and on a member (its bar says the hub plays). Absent from an older host: null.
   */
  playingElsewhere?: string | null;
  /** Rehearsal time, the floor's one clock (shared/domain/rehearsal.ts), anchored at this read: the screens' "now" follows it. */
  clock: RehearsalClock;
}

export interface EventView {
  id: string;
  name: string;
  /** The session's first day; `endDate` its last (null: one day). */
  date: string;
  endDate?: string | null;
  startTime: string;
  endTime: string;
  /** The event's IANA zone; null for an event made before events had one (read in each laptop's own zone until set: ARCHITECTURE.md, "Time"). */
  timeZone?: string | null;
  place: string;
  topics: TopicView[];
  /** A rehearsal floor (issue 15): never syncs with, nor exports as, a real event; every screen says "Rehearsal". Absent: false. */
  rehearsal?: boolean;
}

export type EntryStatus =
  | 'waiting'
  | 'away'
  | 'in_turn'
  | 'served'
  | 'no_show'
  | 'left'
  | 'removed'
  | 'not_reached';

export interface PersonView {
  /** The queue entry's id. */
  id: string;
  /** The number this person was handed at this table. */
  ticket: number;
  /**
   * '' or a letter ("B") telling apart two people at one table who hold the same
   * number (laptops apart, or a transfer): shown as "2B" (shared/domain/ticket.ts).
   */
  ticketSuffix: string;
  name: string | null;
  topics: string[];
  /** The languages the person said they speak (BCP 47); empty: not said. */
  languages: string[];
  partySize: number;
  joinedAt: number;
}

export interface QueueEntryView extends PersonView {
  rank: number;
  /** The table the organiser sent this person from, if any. */
  fromTable: string | null;
  /** Whether they were at this table before `fromTable` (put back, or sent back): "back from Table 2". */
  cameBack: boolean;
  /** When they first arrived on the floor (before any transfer): their wait runs from here. */
  arrivedAt: number;
  /**
   * When their wait ended (THE wait, shared/domain/wait.ts): their first interaction, a plenary included
   * (everyone who stays after a plenary), here or a plenary at a table that sent them here uncoached; null:
   * still waiting, the wait runs to now.
   */
  waitEndedAt: number | null;
  /** 'called_twice' when another table called this person at the same time. */
  conflict: string | null;
  status: 'waiting' | 'away';
  /** For 'away': the place is held until then. */
  awayUntil: number | null;
  /** 1-based place in the queue. */
  position: number;
  /** The rotation group this person is in, if a rotation runs. */
  groupId: string | null;
}

/** Someone who left the queue without being served (for the record and for undo). */
export interface GoneEntryView extends PersonView {
  /** 'transferred': the organiser sent them to another table (`sentTo`), before anyone coached them here. */
  status: 'no_show' | 'left' | 'removed' | 'not_reached' | 'transferred';
  /**
   * Their outcome here by the one definition (shared/domain/outcome.ts personOutcome), what the report and
   * exports count: 'plenary_only' for someone a plenary reached, whatever status was recorded after it.
   */
  outcome: 'no_show' | 'left' | 'removed' | 'not_reached' | 'transferred' | 'plenary_only' | 'served' | 'served_group';
  at: number;
  /** For 'transferred': the name of the table they were sent to. */
  sentTo: string | null;
  /**
   * Whether "Put back" brings them back now: `entry.setStatus` waiting, or
   * for someone sent on `entry.bringBack` (while they still wait there).
   */
  canPutBack: boolean;
}

export interface ParticipantView extends PersonView {
  joinedTurnAt: number;
  leftTurnAt: number | null;
}

export interface NoteView {
  id: string;
  text: string;
  savedAt: number;
  /** Entry ids of the participants the note is about. */
  about: string[];
  topics: string[];
  supportKind: SupportKind | null;
  /** Private to this laptop unless the coach shares it with the organisers. */
  shared: boolean;
}

export type TurnMode = 'one_to_one' | 'plenary' | 'topic_focus' | 'rotation';

export interface TurnView {
  id: string;
  mode: TurnMode;
  topic: string | null;
  rotationId: string | null;
  groupId: string | null;
  participants: ParticipantView[];
  startedAt: number;
  /** When the clock reaches zero; while paused, the deadline as it stood when the pause began. */
  deadline: number;
  endedAt: number | null;
  /** Set while the turn's clock is paused (issue 13): since when. */
  pausedAt: number | null;
  /** Pauses that have ended, in ms (the deadline has already moved on by them). */
  pausedMs: number;
  note: NoteView | null;
}

export interface RotationGroupView {
  id: string;
  position: number;
  members: PersonView[];
  startedAt: number | null;
  endedAt: number | null;
}

export interface RotationView {
  id: string;
  turnMinutes: number;
  maxGroupSize: number;
  autoAdvance: boolean;
  startedAt: number;
  groups: RotationGroupView[];
  currentGroupId: string | null;
}

export interface FollowUpView {
  id: string;
  entryId: string;
  who: string | null;
  ticket: number;
  /** As in PersonView. */
  ticketSuffix: string;
  consent: boolean;
  contact: string | null;
  note: string;
  recordedAt: number;
  /** When the participant withdrew consent (contact erased), or null. */
  withdrawnAt: number | null;
}

export interface TableView {
  id: string;
  /** The laptop that last took this table over, else the one that made it. Whose table it is now (for "last heard from"): laptop.ts tableLaptop. */
  deviceId: string | null;
  /** The latest takeover of this table by a laptop (table.takenOver), or null if never taken over. */
  takenOver: TakeoverView | null;
  /**
   * The laptops that say this table is theirs ("This is my table", as each
   * last said in a `laptop.claimed`), this one included, earliest claim first.
   * A claim grants nothing by itself; `shared/domain/laptop.ts` says who acts.
   */
  claimedBy: ClaimView[];
  name: string;
  coaches: string[];
  topics: string[];
  /** BCP 47 tags, at least one, the first the table's main language. */
  languages: string[];
  turnMinutes: number;
  holdMinutes: number;
  maxGroupSize: number;
  rotationMinutes: number;
  autoAdvance: boolean;
  questions: string[];
  closedAt: number | null;
  queue: QueueEntryView[];
  /**
   * The turn the table's clock shows: of its running turns, the earliest
   * started (then by id), or null when none runs. See `alsoRunning`.
   */
  currentTurn: TurnView | null;
  /**
   * The other turns running at this table at once, earliest started first
   * (then by id): started on two laptops while they were apart, or by two
   * co-coaches. Each is shown and can be ended; nobody in one is hidden.
   * `runningTurns`/`beingCoached` in shared/domain/table.ts read both fields.
   */
  alsoRunning: TurnView[];
  rotation: RotationView | null;
  /** Ended turns, newest first: the latest few (PAST_TURNS_SHOWN), of `pastTurnsTotal`. */
  pastTurns: TurnView[];
  pastTurnsTotal: number;
  /** How long this table's ended one-to-one turns lasted, for wait estimates. */
  turnDurationsMs: number[];
  /** Who left the queue unserved, latest first: the latest few, of `goneTotal`. */
  gone: GoneEntryView[];
  goneTotal: number;
  followUps: FollowUpView[];
  /**
   * For the organiser, by the outcome rules (servedFigures in shared/export/derive.ts, as the report and exports):
   * queue entries served so far (one-to-one or in a group) and as heads, and the median wait from arrival on the
   * floor to the first interaction, in ms (null before anyone had one).
   */
  stats: { served: number; servedHeads: number; medianWaitMs: number | null };
}

/** Who took a table over, from which laptop, and when (names as they were then; `from*` null: not known). */
/**
 * A table's latest takeover: by which laptop, from which ones, when (ms).
 * Names are each laptop's latest (electron/core/laptop-names.ts).
 * `fromDeviceId`/`fromName`: the first laptop it was taken from; `from`:
 * every one (two laptops may claim one table), empty when none.
 */
export interface TakeoverView {
  byDeviceId: string;
  byName: string;
  fromDeviceId: string | null;
  fromName: string | null;
  from: { deviceId: string; name: string | null }[];
  at: number;
}

/** A laptop that claims a table: its device id, its latest name (laptop-names.ts), and when it claimed it (ms). */
export interface ClaimView {
  deviceId: string;
  name: string;
  at: number;
}

export interface BroadcastView {
  id: string;
  text: string;
  sentAt: number;
}

export interface PeerView {
  deviceId: string;
  name: string | null;
  /** When this laptop last heard from it, by this laptop's clock (its last sync request; a live link's keep-alive does not move it). */
  lastSeenAt: number | null;
  /** Hub: the laptop holds a live link open now, so it is heard from now though idle (false on members, and over HTTP rounds). */
  linked: boolean;
}

/**
 * What a sync file told of the floor's time (electron/sync/service.ts
 * fileClock): `moved`, this laptop's clock was behind the floor time of the
 * laptop that made the file, which had the hub's time: its floor time moved
 * on by `byMs`; `older`, the file was made `byMs` earlier by this laptop's
 * floor time (an old file, or this laptop's clock ahead: nothing moved);
 * `unsure`, the laptop that made it had met no hub either: its clock read
 * `aheadMs` ahead of this one's (negative: behind), nothing moved; `same`,
 * within two minutes; `unknown`, a file from before files carried it.
 */
export type FileClock =
  | { kind: 'moved'; byMs: number }
  | { kind: 'older'; byMs: number }
  | { kind: 'unsure'; aheadMs: number }
  | { kind: 'same' }
  | { kind: 'unknown' };

export interface SyncView {
  /** alone: no sharing set up; hub: the others sync with this laptop; member: this laptop syncs with a hub. */
  role: 'alone' | 'hub' | 'member';
  /** The code to type on another laptop (on the hub, and on members that joined by code). */
  eventCode: string | null;
  /** The pairing QR code as an SVG data: URL (hub only): it carries the full key. */
  pairingQr: string | null;
  hubUrl: string | null;
  /** Hub: the addresses other laptops can reach it at. */
  listening: string[];
  lastSyncedAt: number | null;
  lastError: string | null;
  /** Why, as a code and parameters for the renderer to translate (`errors.sync.<code>`); null when `lastError` is. */
  lastErrorCode?: { code: string; params: Record<string, string | number> } | null;
  /** Changes made here that the hub does not have yet. */
  pending: number;
  /** The hub's clock minus this laptop's, as last measured. */
  clockSkewMs: number | null;
  /**
   * Operations stamped more than a day ahead of the floor's time (26 h,
   * shared/domain/hlc.ts MAX_AHEAD_MS), held back until the floor's time
   * comes near them: received ones this laptop did not take, and its own,
   * which the others do not take. How many and the latest stamp (ms); null
   * if none.
   */
  heldAhead?: { count: number; latestAt: number } | null;
  /**
   * Member: the live link to the hub (electron/sync/live.ts): 'live' while it
   * is open (changes go at once), 'down' while it is not (sync rounds every
   * few seconds instead); 'none' on a hub or a laptop alone.
   */
  live: 'none' | 'live' | 'down';
  peers: PeerView[];
  /**
   * While an empty laptop takes its first copy of the event: the changes
   * received so far and how many the hub holds for it (null until it says).
   * Nothing is shown as an event until the copy is whole. `paused`: a copy
   * cut off midway, kept aside; the next join of the same event continues it
   * (or sync.joinGiveUp clears it).
   */
  joining?: { done: number; total: number | null; paused?: boolean } | null;
  /**
   * Other laptops that say they are the hub of this event and have not merged
   * with this laptop's hub yet (issue 18): their address (without http://)
   * and name. Shown calmly; the hubs reconcile as soon as they reach each other.
   */
  otherHubs?: { address: string; name: string | null }[];
  /** Member: its hub's name, as the hub's /hello says it (null until asked). */
  hubName?: string | null;
  /**
   * Alone, on a laptop that was the hub and stopped sharing: the event code
   * it kept. Sharing again keeps it (members reconnect by themselves) unless
   * the organiser chooses a new sharing. Null otherwise.
   */
  keptCode?: string | null;
  /**
   * Member that was a hub and stepped down when two hubs met (issue 18): the
   * hub that stays (http://ip:port). Its listener still sends its members
   * there, also after a restart; it never answers as a hub.
   */
  movedTo?: string | null;
  /**
   * Hub: when its current sharing began (its event code made; ms, this
   * laptop's clock, like PeerView.lastSeenAt). Laptops last heard from before
   * then synced in an earlier sharing: they need the new code (linkState
   * counts them apart). Null: not known (all are counted as of this sharing).
   */
  sharingSince?: number | null;
}

export interface Snapshot {
  /**
   * This laptop; `floorOffsetMs`: the hub's clock minus this laptop's own, as
   * last measured (0 on the hub or alone). Instants are in floor time (own
   * clock + offset); the renderer adds it to its clock too.
   */
  device: {
    id: string;
    name: string;
    floorOffsetMs?: number;
    /** "This is my table": the tables this laptop runs, from its settings (absent or empty: none claimed). */
    myTables?: string[];
    /** The zone this laptop recorded for an event made before events had one (issue 18), shown once. */
    zoneRecorded?: string;
  };
  event: EventView | null;
  tables: TableView[];
  broadcasts: BroadcastView[];
  sync: SyncView;
}

/**
 * The public queue board (GET /api/board, pushed on /api/board/events): what
 * anyone on the floor may see without the event code. No participant's name,
 * note, contact or topics: tables, coaches, the tickets being served, waits.
 */
export interface BoardTable {
  /** The table's number on the floor: the number its name ends with ("Table 7" → 7), else its place in the list. */
  number: number;
  name: string;
  coaches: string[];
  topics: string[];
  /** BCP 47 tags, the first the table's main language. */
  languages: string[];
  state: 'open' | 'in_turn' | 'rotating' | 'closed';
  /** People waiting (heads: party sizes added up; waitingHeads). */
  waiting: number;
  /** The tickets of the people in the turn running now (never names; number and suffix, shared/domain/ticket.ts); empty when none runs. */
  servingTickets: { ticket: number; ticketSuffix: string }[];
  /** What someone joining now should expect, in minutes (shownWait of tableWaits' newcomer); untilEnd: it stops at the session's end. */
  expectedWait: { low: number; high: number; untilEnd: boolean } | null;
  /** Someone joining now would likely not be reached before the session ends (tableWaits). */
  notReached: boolean;
  /** Then: the number of an open table that would reach them (tableThatCanTake, the send-elsewhere ranking); else null. */
  tryTable: number | null;
}

export interface Board {
  event: string | null;
  /** A rehearsal floor (issue 15): the board says so. Absent: a real event. */
  rehearsal?: boolean;
  /** The languages the event's open tables work in (BCP 47 tags), in table order. */
  languages: string[];
  tables: BoardTable[];
}

export const NO_SYNC: SyncView = {
  role: 'alone',
  eventCode: null,
  pairingQr: null,
  hubUrl: null,
  listening: [],
  lastSyncedAt: null,
  lastError: null,
  pending: 0,
  clockSkewMs: null,
  live: 'none',
  peers: [],
};

export interface Settings {
  deviceName: string;
  /** The UI language chosen on this laptop (a BCP 47 tag), or null: not chosen, the browser's is shown. */
  language: string | null;
  /** "This is my table": the coaching tables this laptop runs (ids), kept with the laptop, not the event. */
  myTables: string[];
}

export interface MethodResults {
  'snapshot.get': Snapshot;
  /** `at`: the answering laptop's own clock when it answered (epoch ms), uncorrected (the floor offset is the snapshot's `device.floorOffsetMs`). */
  'clock.now': { at: number };
  'event.create': { eventId: string };
  'event.createDemo': { eventId: string };
  'event.createRehearsal': { eventId: string };
  'rehearsal.status': RehearsalView | null;
  'rehearsal.control': RehearsalView;
  'rehearsal.leave': { left: true };
  'event.update': { eventId: string };
  'topic.add': { topicId: string };
  'topic.remove': { topicId: string };
  'table.create': { tableId: string };
  'table.update': { tableId: string };
  'walkin.add': { entryId: string; ticket: number };
  'table.configure': { tableId: string };
  'table.close': { tableId: string; notReached: number };
  'table.reopen': { tableId: string };
  'queue.move': { entryId: string; previousRank: number };
  'queue.place': { entryId: string };
  'entry.setStatus': {
    entryId: string;
    previous: { status: EntryStatus; awayUntil: number | null };
  };
  'turn.start': { turnId: string; deadline: number };
  'plenary.start': { turnId: string; deadline: number };
  'focus.start': { turnId: string; deadline: number };
  'rotation.propose': { groups: string[][] };
  'rotation.start': { rotationId: string; turnId: string };
  'rotation.next': { rotationId: string; turnId: string | null };
  'rotation.setAutoAdvance': { rotationId: string };
  'rotation.end': { rotationId: string };
  'followup.record': { followUpId: string };
  'followup.edit': { followUpId: string };
  'followup.withdraw': { followUpId: string };
  'table.takeOver': { tableId: string; fromDeviceId: string | null };
  'entry.transfer': { entryId: string; newEntryId: string };
  'entry.bringBack': { entryId: string; newEntryId: string; fromTableId: string };
  'transfer.suggest': {
    /** Best first (suggestTablesFor in shared/domain/suggest.ts). */
    suggestions: {
      tableId: string;
      sharedTopics: string[];
      /** The walk-in's languages (or those of the table they are at) that this table offers. */
      sharedLanguages: string[];
      sameLanguage: boolean;
      /** What someone joining that table now can expect (shownWait). */
      expectedWait: { kind: 'not_reached' } | { kind: 'range'; lowMinutes: number; highMinutes: number; untilEnd: boolean };
      likelyWaitMinutes: number;
    }[];
  };
  'broadcast.send': { broadcastId: string };
  'export.saveAs': { folder: string | null; files: string[] };
  'report.savePdf': { path: string | null; bytes: number };
  'signs.print': { printed: boolean };
  'signs.savePdf': { path: string | null; bytes: number };
  'sync.becomeHub': { code: string };
  'sync.join': { joined: true };
  'sync.joinScanned': { joined: true };
  'sync.setHub': { hubUrl: string };
  'sync.leave': { left: true };
  'event.leave': { left: true };
  'sync.joinGiveUp': { cleared: number };
  'sync.now': { lastSyncedAt: number | null; error: string | null };
  'sync.discover': { hubs: { name: string; address: string; eventId: string }[] };
  'sync.exportFile': { fileName: string; content: string };
  'sync.importFile': { applied: number; clock: FileClock };
  'turn.end': { turnId: string; endedAt: number };
  'turn.extend': { turnId: string; deadline: number; addedMs: number };
  'turn.pause': { turnId: string; pausedAt: number };
  'turn.undoEnd': { turnId: string; deadline: number };
  'turn.undoStart': { turnId: string; entryIds: string[] };
  'turn.resume': { turnId: string; deadline: number };
  'note.save': { noteId: string; savedAt: number };
  'settings.get': Settings;
  'settings.update': Settings;
  // The day's log.
  'export.scope': ExportScope;
  'export.start': ExportStatus;
  'export.status': ExportStatus;
  'export.cancel': ExportStatus;
  'export.kept': KeptExports;
  'export.deleteKept': { deleted: number };
  'export.importJson': { eventId: string; operations: number };
  'backup.make': { fileName: string; content: string; operations: number };
  /** `rejoined`: the backup's laptop was a member and the restored one joined its hub again (a new laptop there). */
  'backup.restore': { eventId: string; operations: number; rejoined: boolean };
  'plan.preview': PlanPreviewResult;
  'plan.import': PlanImportResult;
  'feedback.record': { feedbackId: string };
  'feedback.offer': { url: string; expiresAt: number };
  'report.get': ReportData;
}

export type MethodResult<K extends MethodName> = MethodResults[K];

/** Every method declares its result, and every result is a method's: a missing or stray one fails the type-check. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
export const RESULTS_MATCH_METHODS: SameKeys<MethodResults, typeof methods> = true;

/** Updates the core pushes to every connected UI. */
export const pushes = {
  /** The whole state the UI shows: when a UI connects, and after a change that is not one table's. */
  snapshot: z.custom<Snapshot>(),
  /** After a change to some tables: only what changed (shared/push.ts). */
  changes: z.custom<SnapshotChanges>(),
  /** Once a second while any turn runs: what each countdown shows. */
  timers: z.object({
    now: z.number(),
    turns: z.array(
      z.object({
        turnId: z.string(),
        tableId: z.string(),
        remainingMs: z.number(),
        phase: z.enum(['running', 'warning', 'overtime']),
        /** The clock stands still: `remainingMs` is what was left when it paused. */
        paused: z.boolean(),
      }),
    ),
  }),
  /** The application menu asked for a coach's action (Electron only). */
  shortcut: z.object({ id: z.enum(SHORTCUT_IDS) }),
  /** A turn crossed its 2-minute warning or its deadline. */
  alert: z.object({
    kind: z.enum(['warning', 'end']),
    turnId: z.string(),
    tableId: z.string(),
  }),
  /** An export's progress, and its end: done (with its files), cancelled or failed. */
  exportProgress: z.custom<ExportStatus>(),
} as const;

export type PushName = keyof typeof pushes;
export type PushPayload<K extends PushName> = z.output<(typeof pushes)[K]>;
export type Push = { [K in PushName]: { type: K; payload: PushPayload<K> } }[PushName];
export type TimersPush = PushPayload<'timers'>;
export type AlertPush = PushPayload<'alert'>;
export type ExportProgressPush = PushPayload<'exportProgress'>;
export type { ExportFileView, ExportFormat, ExportScope, ExportState, ExportStatus, KeptExports, PrivacyLevel, ScopeDevice } from './export/model.js';
export { EXPORT_FORMATS, PRIVACY_LEVELS } from './export/model.js';
export type { ReportData } from './export/report.js';

// ---------------------------------------------------------------------------
// The envelope every call returns across a process or network boundary.

/**
 * What went wrong, for the renderer to translate (`errors.<code>` in the
 * locale files, with `params`); `message` is the English fallback.
 * - bad_request, unknown_method, rejected, internal: the call's kind of failure;
 * - too_large, too_deep, not_json: refused at the gate (shared/guard.ts) before parsing;
 * - storage_full, storage_readonly: the data folder's disk is full or cannot be
 *   written (params.detail: SQLite's or the system's words); reading goes on;
 * - storage_damaged: the database failed its check (electron/core/storage.ts).
 */
export type ErrorCode =
  | 'bad_request'
  | 'unknown_method'
  | 'rejected'
  | 'internal'
  | 'too_large'
  | 'too_deep'
  | 'not_json'
  | 'not_utf8'
  | 'storage_full'
  | 'storage_readonly'
  | 'storage_damaged';

/** Parameters of an error's translated message (numbers and short texts only). */
export type ErrorParams = Record<string, string | number>;

export interface RpcError {
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
  /**
   * For bad_request: which field was wrong, for forms to show beside it;
   * `code` and `params` for the renderer to translate (`errors.field.<code>`).
   */
  issues?: { path: string; message: string; code?: string; params?: ErrorParams }[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** The typed client both transports implement for the renderer. */
export interface TablesideApi {
  call<K extends MethodName>(name: K, args: MethodArgs<K>): Promise<Envelope<MethodResult<K>>>;
  subscribe(listener: (push: Push) => void): () => void;
}
