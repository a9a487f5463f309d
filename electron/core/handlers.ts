/**
 * Command handlers: check a request against the current state and turn it
 * into operations. They never write; the core commits what they return.
 */
import type { MethodName, MethodResults, ParsedArgs, Snapshot } from '../../shared/contract.js';
import type { OpDraft } from '../../shared/ops.js';
import { DEMO_EVENT, localIsoDate } from '../../shared/domain/demo.js';
import type { Reads } from './reads.js';
import type { SettingsStore } from './settings.js';

/** A request that is well-formed but not possible now; shown to the person as is. */
export class RejectedError extends Error {
  override name = 'RejectedError';
}

export interface HandlerContext {
  readonly reads: Reads;
  readonly now: number;
  readonly newId: () => string;
  readonly settings: SettingsStore;
  readonly snapshot: () => Snapshot;
  readonly deviceId: string;
}

export interface Outcome<R> {
  ops: OpDraft[];
  result: R;
}

type Handler<K extends MethodName> = (
  args: ParsedArgs<K>,
  ctx: HandlerContext,
) => Outcome<MethodResults[K]>;

export type HandlerTable = { [K in MethodName]: Handler<K> };

const none = <R>(result: R): Outcome<R> => ({ ops: [], result });

function requireEvent(ctx: HandlerContext) {
  const event = ctx.reads.event();
  if (!event) throw new RejectedError('Create the event first.');
  return event;
}

function requireTable(ctx: HandlerContext, tableId: string) {
  if (!ctx.reads.tableExists(tableId)) throw new RejectedError('That table does not exist.');
}

function uniqueTrimmed(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

export const handlers: HandlerTable = {
  'snapshot.get': (_args, ctx) => none(ctx.snapshot()),

  'settings.get': (_args, ctx) => none(ctx.settings.get()),

  'settings.update': (args, ctx) => {
    if (args.deviceName !== undefined && args.deviceName.length === 0) {
      throw new RejectedError('The laptop needs a name.');
    }
    return none(ctx.settings.update(args));
  },

  'event.create': (args, ctx) => {
    if (ctx.reads.event()) throw new RejectedError('This laptop already holds an event.');
    const eventId = ctx.newId();
    return {
      ops: [{ type: 'event.created', payload: { eventId, ...args, topics: [] } }],
      result: { eventId },
    };
  },

  'event.createDemo': (_args, ctx) => {
    if (ctx.reads.event()) throw new RejectedError('This laptop already holds an event.');
    const eventId = ctx.newId();
    const ops: OpDraft[] = [
      {
        type: 'event.created',
        payload: {
          eventId,
          name: DEMO_EVENT.name,
          date: localIsoDate(ctx.now),
          startTime: DEMO_EVENT.startTime,
          endTime: DEMO_EVENT.endTime,
          place: DEMO_EVENT.place,
          topics: DEMO_EVENT.topics.map((label) => ({ topicId: ctx.newId(), label })),
        },
      },
    ];
    DEMO_EVENT.tables.forEach((table, index) => {
      const tableId = ctx.newId();
      ops.push({
        type: 'table.created',
        payload: {
          tableId,
          eventId,
          name: table.name,
          coaches: table.coaches,
          topics: table.topics,
          language: table.language,
          turnMinutes: table.turnMinutes,
          createdAt: ctx.now + index,
        },
      });
      table.walkIns.forEach((w, i) => {
        ops.push({
          type: 'walkin.added',
          payload: {
            entryId: ctx.newId(),
            tableId,
            ticket: i + 1,
            name: w.name,
            topics: w.topics,
            partySize: w.partySize,
            joinedAt: ctx.now - w.minutesAgo * 60_000,
          },
        });
      });
    });
    return { ops, result: { eventId } };
  },

  'event.update': (args, ctx) => {
    const event = requireEvent(ctx);
    return {
      ops: [{ type: 'event.updated', payload: { eventId: event.id, ...args } }],
      result: { eventId: event.id },
    };
  },

  'topic.add': (args, ctx) => {
    const event = requireEvent(ctx);
    const existing = event.topics.find(
      (t) => t.label.toLocaleLowerCase() === args.label.toLocaleLowerCase(),
    );
    if (existing) throw new RejectedError(`"${existing.label}" is already in the list.`);
    const topicId = ctx.newId();
    return {
      ops: [{ type: 'topic.added', payload: { topicId, eventId: event.id, label: args.label } }],
      result: { topicId },
    };
  },

  'topic.remove': (args, ctx) => {
    const topic = ctx.reads.topic(args.topicId);
    if (!topic || topic.removed) throw new RejectedError('That topic is not in the list.');
    return {
      ops: [{ type: 'topic.removed', payload: { topicId: args.topicId } }],
      result: { topicId: args.topicId },
    };
  },

  'table.create': (args, ctx) => {
    const event = requireEvent(ctx);
    const tableId = ctx.newId();
    const name = args.name || `Table ${ctx.reads.tables().length + 1}`;
    return {
      ops: [
        {
          type: 'table.created',
          payload: {
            tableId,
            eventId: event.id,
            name,
            coaches: uniqueTrimmed(args.coaches),
            topics: uniqueTrimmed(args.topics),
            language: args.language,
            turnMinutes: args.turnMinutes,
            createdAt: ctx.now,
          },
        },
      ],
      result: { tableId },
    };
  },

  'table.update': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const { fields } = args;
    return {
      ops: [
        {
          type: 'table.updated',
          payload: {
            tableId: args.tableId,
            name: fields.name,
            coaches: uniqueTrimmed(fields.coaches),
            topics: uniqueTrimmed(fields.topics),
            language: fields.language,
            turnMinutes: fields.turnMinutes,
          },
        },
      ],
      result: { tableId: args.tableId },
    };
  },

  'walkin.add': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const entryId = ctx.newId();
    const ticket = ctx.reads.nextTicket(args.tableId);
    return {
      ops: [
        {
          type: 'walkin.added',
          payload: {
            entryId,
            tableId: args.tableId,
            ticket,
            name: args.name ? args.name : null,
            topics: uniqueTrimmed(args.topics),
            partySize: args.partySize,
            joinedAt: ctx.now,
          },
        },
      ],
      result: { entryId, ticket },
    };
  },

  'turn.start': (args, ctx) => {
    requireTable(ctx, args.tableId);
    if (ctx.reads.runningTurn(args.tableId)) {
      throw new RejectedError('A turn is already running at this table. End it first.');
    }
    let entryId = args.entryId;
    if (entryId === undefined) {
      const next = ctx.reads.waiting(args.tableId)[0];
      if (!next) throw new RejectedError('Nobody is waiting at this table.');
      entryId = next.id;
    } else {
      const entry = ctx.reads.entry(entryId);
      if (!entry || entry.tableId !== args.tableId || entry.status !== 'waiting') {
        throw new RejectedError('That person is not waiting at this table.');
      }
    }
    const minutes = ctx.reads.turnMinutes(args.tableId) ?? 15;
    const turnId = ctx.newId();
    const deadline = ctx.now + minutes * 60_000;
    return {
      ops: [
        {
          type: 'turn.started',
          payload: { turnId, tableId: args.tableId, entryId, startedAt: ctx.now, deadline },
        },
      ],
      result: { turnId, deadline },
    };
  },

  'turn.end': (args, ctx) => {
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.');
    if (turn.endedAt !== null) throw new RejectedError('That turn has already ended.');
    return {
      ops: [{ type: 'turn.ended', payload: { turnId: args.turnId, endedAt: ctx.now } }],
      result: { turnId: args.turnId, endedAt: ctx.now },
    };
  },

  'note.save': (args, ctx) => {
    if (!ctx.reads.turn(args.turnId)) throw new RejectedError('That turn does not exist.');
    const noteId = ctx.reads.noteIdForTurn(args.turnId) ?? ctx.newId();
    return {
      ops: [
        {
          type: 'note.saved',
          payload: { noteId, turnId: args.turnId, text: args.text, savedAt: ctx.now },
        },
      ],
      result: { noteId, savedAt: ctx.now },
    };
  },
};
