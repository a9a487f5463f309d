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
import { entityId, languageTag, topicLabel } from './contract.js';

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
  }),
  'turn.started': z.object({
    turnId: entityId,
    tableId: entityId,
    entryId: entityId,
    startedAt: ms,
    deadline: ms,
  }),
  'turn.ended': z.object({ turnId: entityId, endedAt: ms }),
  'note.saved': z.object({
    noteId: entityId,
    turnId: entityId,
    text: z.string(),
    savedAt: ms,
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
};

export function isOpType(type: unknown): type is OpType {
  return typeof type === 'string' && Object.hasOwn(opPayloads, type);
}
