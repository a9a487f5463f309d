/**
 * Operations: the immutable record of every change.
 *
 * A command never writes the tables the UI reads directly; it produces
 * operations, and applying an operation is the only way those tables change.
 * Each operation carries everything needed to apply it again (ids, times,
 * ticket numbers), so replaying the log rebuilds the same tables, and later a
 * laptop can apply operations it received from another.
 */
import { z } from 'zod';
import { entityId, languageTag, SUPPORT_KINDS, topicLabel } from './contract.js';

const ms = z.number().int().nonnegative();

export const opPayloads = {
  'event.created': z.object({
    eventId: entityId,
    name: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    topics: z.array(z.object({ topicId: entityId, label: topicLabel })),
  }),
  'event.updated': z.object({
    eventId: entityId,
    name: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
  }),
  'topic.added': z.object({ topicId: entityId, eventId: entityId, label: topicLabel }),
  'topic.removed': z.object({ topicId: entityId }),
  'table.created': z.object({
    tableId: entityId,
    eventId: entityId,
    name: z.string(),
    coaches: z.array(z.string()),
    topics: z.array(z.string()),
    language: languageTag,
    turnMinutes: z.number().int().positive(),
    createdAt: ms,
  }),
  'table.updated': z.object({
    tableId: entityId,
    name: z.string(),
    coaches: z.array(z.string()),
    topics: z.array(z.string()),
    language: languageTag,
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
};

export function isOpType(type: unknown): type is OpType {
  return typeof type === 'string' && Object.hasOwn(opPayloads, type);
}
