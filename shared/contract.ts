/**
 * The one contract between the UI and the core.
 *
 * Every method (a command that changes the event, or a query that reads it)
 * and every update the core pushes has a zod schema here. Both hosts (the
 * Electron IPC bridge and the local web host) parse what arrives against
 * these schemas before anything reaches the core, so a bad message from a
 * renderer or from the network is answered with an error and changes nothing.
 */
import { z } from 'zod';
import { SHORTCUT_IDS } from './shortcuts.js';

const trimmed = (max: number) => z.string().trim().max(max);
const required = (max: number) => trimmed(max).min(1, 'Required');

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const topicLabel = required(80);
export const languageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Expected a language tag such as "en" or "pt-BR"');
export const entityId = z.string().min(1).max(64);

export const eventFields = z
  .object({
    name: required(120),
    date: z.string().regex(ISO_DATE, 'Expected a date as YYYY-MM-DD'),
    startTime: z.string().regex(TIME_OF_DAY, 'Expected a time as HH:MM'),
    endTime: z.string().regex(TIME_OF_DAY, 'Expected a time as HH:MM'),
    place: trimmed(120),
  })
  .strict()
  // Compared only when both times are well-formed, so a mistyped start time
  // is not also reported as "ends before it starts".
  .refine((e) => !TIME_OF_DAY.test(e.startTime) || !TIME_OF_DAY.test(e.endTime) || e.startTime < e.endTime, {
    message: 'The session must end after it starts',
    path: ['endTime'],
  });

export const tableFields = z
  .object({
    name: trimmed(60),
    coaches: z.array(required(80)).min(1, 'A table needs at least one coach').max(6),
    topics: z.array(topicLabel).max(30),
    language: languageTag,
    turnMinutes: z.number().int().min(1).max(120),
  })
  .strict();

export const walkInFields = z
  .object({
    tableId: entityId,
    /** Empty or absent: the person stays anonymous and gets a ticket number. */
    name: trimmed(80).optional(),
    topics: z.array(topicLabel).max(30),
    partySize: z.number().int().min(1).max(50),
  })
  .strict();

const noArgs = z.object({}).strict();

/** Methods: name → argument schema and whether it changes state. */
export const methods = {
  'snapshot.get': { kind: 'query', args: noArgs },
  'event.create': { kind: 'command', args: eventFields },
  'event.createDemo': { kind: 'command', args: noArgs },
  'event.update': { kind: 'command', args: eventFields },
  'topic.add': { kind: 'command', args: z.object({ label: topicLabel }).strict() },
  'topic.remove': { kind: 'command', args: z.object({ topicId: entityId }).strict() },
  'table.create': { kind: 'command', args: tableFields },
  'table.update': {
    kind: 'command',
    args: z.object({ tableId: entityId, fields: tableFields }).strict(),
  },
  'walkin.add': { kind: 'command', args: walkInFields },
  'turn.start': {
    kind: 'command',
    args: z
      .object({
        tableId: entityId,
        /** Absent: the next person in the queue. */
        entryId: entityId.optional(),
      })
      .strict(),
  },
  'turn.end': { kind: 'command', args: z.object({ turnId: entityId }).strict() },
  'note.save': {
    kind: 'command',
    args: z.object({ turnId: entityId, text: z.string().max(20_000) }).strict(),
  },
  'settings.get': { kind: 'query', args: noArgs },
  'settings.update': {
    kind: 'command',
    args: z.object({ deviceName: trimmed(60).optional() }).strict(),
  },
} as const;

export type MethodName = keyof typeof methods;
export type MethodArgs<K extends MethodName> = z.input<(typeof methods)[K]['args']>;
export type ParsedArgs<K extends MethodName> = z.output<(typeof methods)[K]['args']>;

// ---------------------------------------------------------------------------
// What the core returns and pushes.

export interface TopicView {
  id: string;
  label: string;
}

export interface EventView {
  id: string;
  name: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  topics: TopicView[];
}

export interface QueueEntryView {
  id: string;
  ticket: number;
  name: string | null;
  topics: string[];
  partySize: number;
  joinedAt: number;
  /** 1-based place in the queue. */
  position: number;
}

export interface NoteView {
  id: string;
  text: string;
  savedAt: number;
}

export interface TurnView {
  id: string;
  entryId: string;
  ticket: number;
  name: string | null;
  topics: string[];
  partySize: number;
  startedAt: number;
  deadline: number;
  endedAt: number | null;
  note: NoteView | null;
}

export interface TableView {
  id: string;
  name: string;
  coaches: string[];
  topics: string[];
  language: string;
  turnMinutes: number;
  queue: QueueEntryView[];
  currentTurn: TurnView | null;
  /** Ended turns, newest first. */
  pastTurns: TurnView[];
}

export interface Snapshot {
  device: { id: string; name: string };
  event: EventView | null;
  tables: TableView[];
}

export interface Settings {
  deviceName: string;
}

export interface MethodResults {
  'snapshot.get': Snapshot;
  'event.create': { eventId: string };
  'event.createDemo': { eventId: string };
  'event.update': { eventId: string };
  'topic.add': { topicId: string };
  'topic.remove': { topicId: string };
  'table.create': { tableId: string };
  'table.update': { tableId: string };
  'walkin.add': { entryId: string; ticket: number };
  'turn.start': { turnId: string; deadline: number };
  'turn.end': { turnId: string; endedAt: number };
  'note.save': { noteId: string; savedAt: number };
  'settings.get': Settings;
  'settings.update': Settings;
}

export type MethodResult<K extends MethodName> = MethodResults[K];

/** Updates the core pushes to every connected UI. */
export const pushes = {
  /** The whole state the UI shows, after every committed change. */
  snapshot: z.custom<Snapshot>(),
  /** Once a second while any turn runs: what each countdown shows. */
  timers: z.object({
    now: z.number(),
    turns: z.array(
      z.object({
        turnId: z.string(),
        tableId: z.string(),
        remainingMs: z.number(),
        phase: z.enum(['running', 'warning', 'overtime']),
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
} as const;

export type PushName = keyof typeof pushes;
export type PushPayload<K extends PushName> = z.output<(typeof pushes)[K]>;
export type Push = { [K in PushName]: { type: K; payload: PushPayload<K> } }[PushName];
export type TimersPush = PushPayload<'timers'>;
export type AlertPush = PushPayload<'alert'>;

// ---------------------------------------------------------------------------
// The envelope every call returns across a process or network boundary.

export type ErrorCode = 'bad_request' | 'unknown_method' | 'rejected' | 'internal';

export interface RpcError {
  code: ErrorCode;
  message: string;
  /** For bad_request: which field was wrong, for forms to show beside it. */
  issues?: { path: string; message: string }[];
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
