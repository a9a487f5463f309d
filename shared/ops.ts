/**
 * Operations: the immutable record of every change.
 *
 * A command never writes the tables the UI reads directly; it produces
 * operations, and applying an operation is the only way those tables change.
 * Each operation carries everything needed to apply it again (ids, times,
 * ticket numbers), so replaying the log rebuilds the same tables, and later a
 * laptop can apply operations it received from another.
 *
 * This file holds each type's payload schema (pure, so the sync protocol and
 * the JSON import parse with it). Each type's projection, footprint, privacy
 * rule and export reading sit beside a reference to its schema in its area
 * (electron/core/areas/), gathered in electron/core/registry.ts.
 *
 * Glossary: each command, in the field's words, and the operations it writes.
 * Stored operation names stay as they were first written, since every log
 * already holds them; where they use other words the glossary says so. A
 * "turn" is one coaching session at a table of any mode (one-to-one,
 * plenary, topic focus, rotation group); the tables call it an
 * "interaction", and `group.started` names a plenary's or focus's turn.
 *
 * The event (areas/event.ts)
 *   event.create           — create the event             → event.created
 *   event.createDemo       — a demo event                  → event.created, table.created, walkin.added
 *   event.createRehearsal  — a rehearsal floor (its walk-ins come from the player, electron/rehearsal/)
 *                                                            → event.created (rehearsal), topic.added, table.created
 *   event.update           — edit its details              → event.updated
 *   topic.add / .remove    — the event's topic list        → topic.added / topic.removed
 *   table.create / .update — a coaching table              → table.created / table.updated
 *   table.configure        — hold time, group size, rotation minutes, questions → table.configured
 *   table.close            — the session ends at a table   → rotation.ended (if one runs), table.closed
 *   table.reopen           —                               → table.reopened
 *   plan.import            — a floor plan from a spreadsheet (only what differs) → topic.added, table.created, table.updated
 * The queue (areas/queue.ts)
 *   walkin.add             — a walk-in joins the queue     → walkin.added (+ rotation.joined during a rotation)
 *   queue.move / .place    — a new place in the queue      → entry.ranked
 *   entry.setStatus        — away, back, no-show, left, removed → entry.status
 * Turns (areas/turns.ts)
 *   turn.start             — call someone for a one-to-one turn → turn.started
 *   turn.end               — end a turn of any mode        → turn.ended
 *   turn.extend            — more time (+5 min, or 1–60 min) → turn.extended
 *   turn.pause / .resume   — stop and restart a turn's clock → turn.paused / turn.resumed
 *   turn.undoEnd           — Undo of End turn (a short while) → turn.reopened
 *   turn.undoStart         — Undo of Start turn (a short while) → turn.cancelled
 * Crowd modes (areas/crowd.ts)
 *   plenary.start          — a plenary turn                → group.started (mode 'plenary')
 *   focus.start            — a topic-focus turn            → group.started (mode 'topic_focus')
 *   rotation.start         — plan groups, call the first   → rotation.started, rotation.groupStarted
 *   rotation.next          — end this group's turn, call the next → turn.ended, rotation.groupStarted or rotation.ended
 *   rotation.setAutoAdvance — advance at each deadline     → rotation.autoAdvance
 *   rotation.end           —                               → turn.ended (if its turn runs), rotation.ended
 * The organiser (areas/organiser.ts)
 *   entry.transfer         — send someone to another table → entry.transferred
 *   broadcast.send         — a message on every table      → broadcast.sent
 * Notes and follow-ups (areas/notes.ts)
 *   note.save              — the turn's note (private unless shared) → note.saved
 *   followup.record        — a follow-up, with consent     → followup.recorded
 *   feedback.record        — a participant's anonymous card after a turn (laptop or phone) → feedback.given
 *   followup.edit          — change its contact or note    → followup.edited
 *   followup.withdraw      — consent withdrawn: contact erased → followup.withdrawn
 * Which laptop runs which table (areas/laptops.ts)
 *   table.takeOver         — take another laptop's table over (logged) → table.takenOver
 *   settings.update { myTables } — "This is my table" (the laptop's setting) → laptop.claimed
 *                            (also on a rename), so every laptop knows who claims what, and every name
 *   event.leave            — a laptop leaving the event (member or hub) releases its claims first → laptop.claimed (none)
 *   backup.restore         — the restored laptop takes over its old self's claims → laptop.claimed (replaces),
 *                            table.takenOver (the tables its old self had taken over)
 * The rehearsal (electron/rehearsal/service.ts, a service writing through Core.recordPlayer)
 *   rehearsal.control      — Play, Pause, a speed; a hub taking over resumes it → rehearsal.played
 * Queries (snapshot.get, settings.*, rotation.propose, transfer.suggest) and
 * the sync, export and shell services write no operations (sync and import
 * apply operations other laptops wrote).
 */
import { z } from 'zod';
import { entityId, languageTag, SUPPORT_KINDS, topicLabel } from './contract.js';
import { MAX_MY_TABLES } from './domain/laptop.js';
import { EARLIEST_INSTANT, LATEST_INSTANT } from './domain/instants.js';
import { REHEARSAL_MINUTES } from './domain/rehearsal.js';

/** An instant (epoch ms) inside the gate's window, 2020-01-01 up to 2100 (shared/domain/instants.ts). */
const ms = z
  .number()
  .int()
  .min(EARLIEST_INSTANT, { message: 'The time is before 2020' })
  .max(LATEST_INSTANT - 1, { message: 'The time is after 2099' });

/** At most this many laptops a takeover names as taken from (each laptop claiming the table). */
export const MAX_TAKEN_FROM = 50;

/** At most this many laptops one `laptop.claimed` says it replaces (a backup restored: the laptop it came from). */
export const MAX_REPLACED = 8;

/**
 * A table's languages in `table.created` / `table.updated`: `languages`
 * (BCP 47, the first its main one) since issue 14, beside `language` (the
 * first again, which laptops of older versions read). Operations written
 * before hold only `language`: read with `payloadLanguages`
 * (shared/domain/languages.ts) as a one-element list.
 */
const tableLanguages = {
  language: languageTag.optional(),
  languages: z.array(languageTag).min(1).optional(),
};

export const opPayloads = {
  'event.created': z.object({
    eventId: entityId,
    name: z.string(),
    date: z.string(),
    /** The session's last day (several days); absent or null: one day. Absent before issue 18. */
    endDate: z.string().nullable().optional(),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    /** The event's IANA zone; absent in events made before issue 18. */
    timeZone: z.string().nullable().optional(),
    topics: z.array(z.object({ topicId: entityId, label: topicLabel })),
    /** A rehearsal floor (issue 15): never syncs with, nor exports as, a real event. Absent: a real event. */
    rehearsal: z.boolean().optional(),
  }),
  'event.updated': z.object({
    eventId: entityId,
    name: z.string(),
    date: z.string(),
    endDate: z.string().nullable().optional(),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    /** Absent (an update made before issue 18): the zone stays as it was. */
    timeZone: z.string().nullable().optional(),
  }),
  'topic.added': z.object({ topicId: entityId, eventId: entityId, label: topicLabel }),
  'topic.removed': z.object({ topicId: entityId }),
  'table.created': z.object({
    tableId: entityId,
    eventId: entityId,
    name: z.string(),
    coaches: z.array(z.string()),
    topics: z.array(z.string()),
    ...tableLanguages,
    turnMinutes: z.number().int().positive(),
    createdAt: ms,
  }),
  'table.updated': z.object({
    tableId: entityId,
    name: z.string(),
    coaches: z.array(z.string()),
    topics: z.array(z.string()),
    ...tableLanguages,
    turnMinutes: z.number().int().positive(),
  }),
  'walkin.added': z.object({
    entryId: entityId,
    tableId: entityId,
    ticket: z.number().int().positive(),
    name: z.string().nullable(),
    topics: z.array(z.string()),
    partySize: z.number().int().positive(),
    joinedAt: ms,
    /** Queue order; absent in logs written before ranks existed (then joinedAt). */
    rank: z.number().optional(),
    /** The languages the person speaks (BCP 47); absent before issue 14 or when not said: unknown. */
    languages: z.array(languageTag).optional(),
  }),
  /** A one-to-one turn (the only kind before group modes existed). */
  'turn.started': z.object({
    turnId: entityId,
    tableId: entityId,
    entryId: entityId,
    startedAt: ms,
    deadline: ms,
  }),
  /** A plenary or a topic focus: one interaction with several people. */
  'group.started': z.object({
    turnId: entityId,
    tableId: entityId,
    mode: z.enum(['plenary', 'topic_focus']),
    topic: z.string().nullable(),
    entryIds: z.array(entityId).min(1),
    startedAt: ms,
    deadline: ms,
  }),
  'turn.ended': z.object({ turnId: entityId, endedAt: ms }),
  /**
   * A running turn's deadline moves on by `addMs` (issue 13). A delta, not an
   * absolute deadline, so two laptops' extensions and a pause made elsewhere
   * all count, in any order.
   */
  'turn.extended': z.object({ turnId: entityId, addMs: z.number().int().positive(), extendedAt: ms }),
  /**
   * Undo of End turn: the turn that ended at `endedAt` runs again, its people
   * at the table as before (void if another turn runs at the table by then).
   */
  'turn.reopened': z.object({ turnId: entityId, endedAt: ms, at: ms }),
  /**
   * Undo of Start turn: the running turn is taken out of the tables and its
   * people are waiting again at their places (void once the turn has ended or
   * holds a note or a follow-up). The log keeps both operations.
   */
  'turn.cancelled': z.object({ turnId: entityId, at: ms }),
  /** A running turn's clock stops: no warning, no chime, no auto-advance, no minutes received. */
  'turn.paused': z.object({ turnId: entityId, pausedAt: ms }),
  /** A paused turn's clock runs again: the deadline moves on by the pause. */
  'turn.resumed': z.object({ turnId: entityId, resumedAt: ms }),
  'note.saved': z.object({
    noteId: entityId,
    turnId: entityId,
    text: z.string(),
    savedAt: ms,
    about: z.array(entityId).default([]),
    topics: z.array(z.string()).default([]),
    supportKind: z.enum(SUPPORT_KINDS).nullable().default(null),
    shared: z.boolean().default(false),
  }),
  'table.configured': z.object({
    tableId: entityId,
    holdMinutes: z.number().int().positive(),
    maxGroupSize: z.number().int().positive(),
    rotationMinutes: z.number().int().positive(),
    autoAdvance: z.boolean(),
    questions: z.array(z.string()),
  }),
  'table.closed': z.object({ tableId: entityId, closedAt: ms }),
  'table.reopened': z.object({ tableId: entityId }),
  'entry.ranked': z.object({ entryId: entityId, rank: z.number() }),
  'entry.status': z.object({
    entryId: entityId,
    status: z.enum(['waiting', 'away', 'no_show', 'left', 'removed']),
    awayUntil: ms.nullable(),
    at: ms,
    /** When someone comes back after their hold ran out, their new place. */
    rank: z.number().optional(),
  }),
  'rotation.started': z.object({
    rotationId: entityId,
    tableId: entityId,
    turnMinutes: z.number().int().positive(),
    maxGroupSize: z.number().int().positive(),
    autoAdvance: z.boolean(),
    groups: z.array(z.object({ groupId: entityId, entryIds: z.array(entityId).min(1) })).min(1),
    startedAt: ms,
  }),
  'rotation.groupStarted': z.object({
    rotationId: entityId,
    groupId: entityId,
    turnId: entityId,
    tableId: entityId,
    startedAt: ms,
    deadline: ms,
  }),
  'rotation.joined': z.object({
    rotationId: entityId,
    groupId: entityId,
    entryId: entityId,
    /** Set when the arrival opens a new group at the end. */
    newGroupPosition: z.number().int().nonnegative().optional(),
  }),
  'rotation.autoAdvance': z.object({ rotationId: entityId, autoAdvance: z.boolean() }),
  'rotation.ended': z.object({ rotationId: entityId, endedAt: ms }),
  /** The organiser sends a waiting person to another table. */
  'entry.transferred': z.object({
    entryId: entityId,
    newEntryId: entityId,
    toTableId: entityId,
    at: ms,
    /** The place in the new queue (absent: the end, `at`); "Put back" gives the old place back. */
    rank: z.number().optional(),
  }),
  'broadcast.sent': z.object({ broadcastId: entityId, text: z.string(), sentAt: ms }),
  'followup.recorded': z
    .object({
      followupId: entityId,
      entryId: entityId,
      turnId: entityId.nullable(),
      consent: z.boolean(),
      /** Only with consent; never stored without it. */
      contact: z.string().nullable(),
      note: z.string(),
      recordedAt: ms,
    })
    .refine((f) => f.consent || f.contact === null, 'Contact details need consent'),
  /**
   * A participant's anonymous feedback card after a turn (issue 15): no name,
   * no turn, no entry; its table and the hour it was given (`at`, floored by
   * `feedbackTime`), so nothing ties it to the person. `turnId`: only in
   * operations written before (accepted, and dropped by the projection and
   * every export).
   */
  'feedback.given': z
    .object({
      feedbackId: entityId,
      turnId: entityId.optional(),
      tableId: entityId,
      useful: z.number().int().min(1).max(5),
      wantsMentoring: z.boolean(),
      comment: z.string().max(500).nullable(),
      /** The phone's one-time token (its id only), so one token gives one answer; null on the laptop. */
      tokenId: z.string().max(40).nullable(),
      via: z.enum(['laptop', 'phone']),
      at: ms,
    })
    .strict(),
  /** A follow-up's contact and note changed (the latest by HLC wins; never a contact once withdrawn). */
  'followup.edited': z.object({
    followupId: entityId,
    contact: z.string().nullable(),
    note: z.string(),
    editedAt: ms,
  }),
  /**
   * The participant withdrew consent: the contact is erased from the
   * projection and from the stored payloads of this follow-up's operations;
   * the log keeps only that it was withdrawn, and when.
   */
  'followup.withdrawn': z.object({ followupId: entityId, withdrawnAt: ms }),
  /**
   * A laptop takes a coaching table over: from then on that table's turns,
   * queue and notes are acted on from the laptop that wrote this operation
   * (its `deviceId`), and no longer from the ones it was taken from. The names
   * are the laptops' names when it happened (settings, not event data); the
   * screens show each laptop's latest name (electron/core/laptop-names.ts).
   * `fromDevices`: every laptop it was taken from (two laptops may claim one
   * table), the first the one in `fromDeviceId`/`fromDeviceName` (which
   * laptops of older versions read); absent in takeovers written before.
   */
  'table.takenOver': z.object({
    tableId: entityId,
    deviceName: z.string().max(200),
    fromDeviceId: z.string().max(64).nullable(),
    fromDeviceName: z.string().max(200).nullable(),
    fromDevices: z
      .array(z.object({ deviceId: z.string().max(64), name: z.string().max(200).nullable() }))
      .max(MAX_TAKEN_FROM)
      .optional(),
    at: ms,
  }),
  /**
   * The tables of this event the writing laptop (its `deviceId`) now claims
   * ("This is my table"), all of them (an empty list: none any more), and its
   * name then. Per laptop the latest by HLC holds. It grants nothing by
   * itself (the claim is still the laptop's setting; a table changes hands
   * only by `table.takenOver`): it lets every laptop say who else claims a
   * table (shared/domain/laptop.ts, `otherRunners`). A list that leaves out
   * a table this laptop took over, written after the takeover, releases the
   * takeover too (`Reads`: the table is then run by whoever claims it).
   * `replaces`: the laptops this one was restored from (a backup's, by device
   * id): their claims are withdrawn at this operation's HLC, as if each had
   * said "none" then (its own later claim still wins); absent in operations
   * written before, and when this laptop replaces none.
   */
  'laptop.claimed': z.object({
    tableIds: z.array(entityId).max(MAX_MY_TABLES),
    deviceName: z.string().max(200),
    at: ms,
    replaces: z.array(z.string().max(64)).max(MAX_REPLACED).optional(),
  }),
  /**
   * The rehearsal's player (electron/rehearsal/) on the writing laptop (its
   * `deviceId`) started (`playing`), paused, or changed speed: where the
   * script stood then (`minute` of the session reached, with fractions;
   * `next`, the steps applied), at `speed`, as of `floorAt` (floor time).
   * One per event: the latest by HLC holds. So every laptop knows whether
   * and where the rehearsal plays ("already playing on Ana's laptop"), and a
   * laptop that takes over as the hub resumes the player at the minute it
   * has reached, not at 0. Written only in a rehearsal.
   */
  'rehearsal.played': z.object({
    playing: z.boolean(),
    speed: z.union([z.literal(1), z.literal(5), z.literal(20)]),
    minute: z.number().min(0).max(REHEARSAL_MINUTES),
    next: z.number().int().min(0).max(100_000),
    floorAt: ms,
    deviceName: z.string().max(200),
  }),
} as const;

export type OpType = keyof typeof opPayloads;
export type OpPayload<T extends OpType> = z.output<(typeof opPayloads)[T]>;

/** An operation as the core proposes it, before it gets its identity. */
export type OpDraft = { [T in OpType]: { type: T; payload: OpPayload<T> } }[OpType];

/** An operation as it is stored and (later) replicated. */
export type Op = OpDraft & {
  id: string;
  deviceId: string;
  seq: number;
  hlc: string;
  /**
   * For audit: the authoring laptop's own clock (ms since the epoch) when it
   * made the operation, uncorrected (`FloorClock.raw()`), beside the floor
   * time its HLC and payload carry. Absent or null in operations made before
   * it was kept (schema 8).
   */
  localAt?: number | null;
};

export function isOpType(type: unknown): type is OpType {
  return typeof type === 'string' && Object.hasOwn(opPayloads, type);
}
