/**
 * The event: its details and topics, this laptop's settings, and the
 * coaching tables (made, edited, configured, closed at the session's end,
 * reopened). Commands, the operations they write, and those operations'
 * projection, footprint, privacy and export reading.
 */
import { opPayloads, type OpDraft } from '../../../shared/ops.js';
import { DEMO_EVENT } from '../../../shared/domain/demo.js';
import { REHEARSAL_MINUTES, rehearsalScript } from '../../../shared/domain/rehearsal.js';
import { zonedClock, zonedDate } from '../../../shared/domain/zone.js';
import { payloadLanguages, uniqueLanguages } from '../../../shared/domain/languages.js';
import {
  none,
  RejectedError,
  requireEvent,
  requireNoTurn,
  requireTable,
  uniqueTrimmed,
  type Handlers,
} from '../command.js';
import type { OpSpecs } from '../operation.js';
import { claimOps } from './laptops.js';
import { topicKey } from '../../../shared/domain/topic.js';

// ---------------------------------------------------------------------------
// Commands.

export const eventCommands = {
  'snapshot.get': (_args, ctx) => none(ctx.snapshot()),

  'clock.now': (_args, ctx) => none({ at: ctx.rawNow }),

  'settings.get': (_args, ctx) => none(ctx.settings.get()),

  'settings.update': (args, ctx) => {
    if (args.deviceName !== undefined && args.deviceName.length === 0) {
      throw new RejectedError('The laptop needs a name.', 'device_name_empty');
    }
    // "This is my table" names tables of this event only: a table that does not exist claims nothing and would
    // silently drop the laptop's real claims (the tester's phantom claim took Table 2 off every laptop).
    for (const tableId of args.myTables ?? []) requireTable(ctx, tableId);
    const settings = ctx.settings.update(args);
    // Which tables this laptop claims, and its name, as every laptop will know them (laptop.claimed).
    return { ops: claimOps(ctx, args.deviceName !== undefined), result: settings };
  },

  'event.create': (args, ctx) => {
    if (ctx.reads.event()) throw new RejectedError('This laptop already holds an event.', 'has_event');
    const eventId = ctx.newId();
    return {
      ops: [
        {
          type: 'event.created',
          payload: { eventId, ...args, endDate: args.endDate ?? null, timeZone: args.timeZone ?? ctx.timeZone, topics: [] },
        },
      ],
      result: { eventId },
    };
  },

  'event.createDemo': (_args, ctx) => {
    if (ctx.reads.event()) throw new RejectedError('This laptop already holds an event.', 'has_event');
    const eventId = ctx.newId();
    const ops: OpDraft[] = [
      {
        type: 'event.created',
        payload: {
          eventId,
          name: DEMO_EVENT.name,
          date: zonedDate(ctx.now, ctx.timeZone),
          endDate: null,
          startTime: DEMO_EVENT.startTime,
          endTime: DEMO_EVENT.endTime,
          place: DEMO_EVENT.place,
          timeZone: ctx.timeZone,
          topics: DEMO_EVENT.topics.map((label) => ({
            topicId: ctx.newId(),
            label,
          })),
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
          language: table.languages[0],
          languages: table.languages,
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
            rank: ctx.now - w.minutesAgo * 60_000,
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

  'event.createRehearsal': (_args, ctx) => {
    if (ctx.reads.event()) throw new RejectedError('This laptop already holds an event.', 'has_event');
    const script = rehearsalScript();
    const eventId = ctx.newId();
    // The session runs from now, for the script's 105 minutes (of floor time at 1×).
    const start = Math.floor(ctx.now / 60_000) * 60_000;
    const end = start + REHEARSAL_MINUTES * 60_000;
    const date = zonedDate(start, ctx.timeZone);
    const endDate = zonedDate(end, ctx.timeZone);
    const ops: OpDraft[] = [
      {
        type: 'event.created',
        payload: {
          eventId,
          name: script.event.name,
          date,
          endDate: endDate === date ? null : endDate,
          startTime: zonedClock(start, ctx.timeZone),
          endTime: zonedClock(end, ctx.timeZone),
          place: script.event.place,
          timeZone: ctx.timeZone,
          topics: script.event.topics.map((label) => ({ topicId: ctx.newId(), label })),
          rehearsal: true,
        },
      },
    ];
    script.tables.forEach((table, index) => {
      ops.push({
        type: 'table.created',
        payload: {
          tableId: ctx.newId(),
          eventId,
          name: table.name,
          coaches: table.coaches,
          topics: table.topics,
          language: table.languages[0]!,
          languages: table.languages,
          turnMinutes: table.turnMinutes,
          createdAt: ctx.now + index,
        },
      });
    });
    return { ops, result: { eventId } };
  },

  'event.update': (args, ctx) => {
    const event = requireEvent(ctx);
    return {
      ops: [
        {
          type: 'event.updated',
          // A form without a zone keeps the event's (an event without one gets this laptop's).
          payload: { eventId: event.id, ...args, endDate: args.endDate ?? null, timeZone: args.timeZone ?? event.timeZone ?? ctx.timeZone },
        },
      ],
      result: { eventId: event.id },
    };
  },

  'topic.add': (args, ctx) => {
    const event = requireEvent(ctx);
    const existing = event.topics.find((t) => topicKey(t.label) === topicKey(args.label));
    if (existing) throw new RejectedError(`"${existing.label}" is already in the list.`, 'topic_exists', { topic: existing.label });
    const topicId = ctx.newId();
    return {
      ops: [
        {
          type: 'topic.added',
          payload: { topicId, eventId: event.id, label: args.label },
        },
      ],
      result: { topicId },
    };
  },

  'topic.remove': (args, ctx) => {
    const topic = ctx.reads.topic(args.topicId);
    if (!topic || topic.removed) throw new RejectedError('That topic is not in the list.', 'no_topic');
    return {
      ops: [{ type: 'topic.removed', payload: { topicId: args.topicId } }],
      result: { topicId: args.topicId },
    };
  },

  'table.create': (args, ctx) => {
    const event = requireEvent(ctx);
    const tableId = ctx.newId();
    // An unnamed table is numbered in the creating laptop's language (the word its UI sent).
    const name = args.name || `${args.tableWord || 'Table'} ${ctx.reads.tableCount() + 1}`;
    const languages = uniqueLanguages(args.languages);
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
            language: languages[0],
            languages,
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
    const languages = uniqueLanguages(fields.languages);
    return {
      ops: [
        {
          type: 'table.updated',
          payload: {
            tableId: args.tableId,
            // A name left empty keeps the table's name (it was numbered, or named, when created).
            name: fields.name || (ctx.reads.table(args.tableId)?.name ?? ''),
            coaches: uniqueTrimmed(fields.coaches),
            topics: uniqueTrimmed(fields.topics),
            language: languages[0],
            languages,
            turnMinutes: fields.turnMinutes,
          },
        },
      ],
      result: { tableId: args.tableId },
    };
  },

  'table.configure': (args, ctx) => {
    requireTable(ctx, args.tableId);
    return {
      ops: [
        {
          type: 'table.configured',
          payload: { ...args, questions: uniqueTrimmed(args.questions) },
        },
      ],
      result: { tableId: args.tableId },
    };
  },

  'table.close': (args, ctx) => {
    const table = requireTable(ctx, args.tableId);
    if (table.closed) throw new RejectedError('This table is already closed.', 'already_closed');
    requireNoTurn(ctx, args.tableId);
    const ops: OpDraft[] = [];
    const rotation = ctx.reads.activeRotation(args.tableId);
    if (rotation)
      ops.push({
        type: 'rotation.ended',
        payload: { rotationId: rotation.id, endedAt: ctx.now },
      });
    ops.push({
      type: 'table.closed',
      payload: { tableId: args.tableId, closedAt: ctx.now },
    });
    return {
      ops,
      result: {
        tableId: args.tableId,
        notReached: ctx.reads.queue(args.tableId).length,
      },
    };
  },

  'table.reopen': (args, ctx) => {
    const table = requireTable(ctx, args.tableId);
    if (!table.closed) throw new RejectedError('This table is open.', 'already_open');
    return {
      ops: [{ type: 'table.reopened', payload: { tableId: args.tableId } }],
      result: { tableId: args.tableId },
    };
  },
} satisfies Handlers<
  | 'snapshot.get'
  | 'clock.now'
  | 'settings.get'
  | 'settings.update'
  | 'event.create'
  | 'event.createDemo'
  | 'event.createRehearsal'
  | 'event.update'
  | 'topic.add'
  | 'topic.remove'
  | 'table.create'
  | 'table.update'
  | 'table.configure'
  | 'table.close'
  | 'table.reopen'
>;

// ---------------------------------------------------------------------------
// Operations.

export const eventOperations = {
  'event.created': {
    payload: opPayloads['event.created'],
    project: ({ prepare }) => {
      const insertEvent = prepare(
        `INSERT OR IGNORE INTO events (id, name, date, start_time, end_time, place, end_date, time_zone, rehearsal)
         VALUES (@eventId, @name, @date, @startTime, @endTime, @place, @endDate, @timeZone, @rehearsal)`,
      );
      const insertTopic = prepare(
        `INSERT OR IGNORE INTO topics (id, event_id, label, added_hlc) VALUES (@topicId, @eventId, @label, @hlc)`,
      );
      return (p, op) => {
        insertEvent.run({ ...p, endDate: p.endDate ?? null, timeZone: p.timeZone ?? null, rehearsal: p.rehearsal ? 1 : 0 });
        for (const t of p.topics) insertTopic.run({ ...t, eventId: p.eventId, hlc: op.hlc });
      };
    },
    footprint: (p, at) => {
      at.makes('event', p.eventId);
      for (const t of p.topics) at.makes('topic', t.topicId);
      at.event();
    },
    leaves: 'always',
    exportRead: { facts: ['event'], table: null },
  },
  'event.updated': {
    payload: opPayloads['event.updated'],
    project: ({ prepare }) => {
      const updateEvent = prepare(
        `UPDATE events SET name = @name, date = @date, start_time = @startTime,
           end_time = @endTime, place = @place, end_date = @endDate,
           time_zone = coalesce(@timeZone, time_zone) WHERE id = @eventId`,
      );
      return (p) => updateEvent.run({ ...p, endDate: p.endDate ?? null, timeZone: p.timeZone ?? null });
    },
    footprint: (p, at) => {
      at.needs('event', p.eventId);
      at.event();
    },
    leaves: 'always',
    exportRead: { facts: ['event'], table: null },
  },
  'topic.added': {
    payload: opPayloads['topic.added'],
    project: ({ prepare }) => {
      const insertTopic = prepare(
        `INSERT OR IGNORE INTO topics (id, event_id, label, added_hlc) VALUES (@topicId, @eventId, @label, @hlc)`,
      );
      return (p, op) => insertTopic.run({ ...p, hlc: op.hlc });
    },
    footprint: (p, at) => {
      at.makes('topic', p.topicId);
      at.needs('event', p.eventId);
      at.event();
    },
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
  'topic.removed': {
    payload: opPayloads['topic.removed'],
    project: ({ prepare }) => {
      const removeTopic = prepare<[string]>(`UPDATE topics SET removed = 1 WHERE id = ?`);
      return (p) => removeTopic.run(p.topicId);
    },
    footprint: (p, at) => {
      at.needs('topic', p.topicId);
      at.event();
    },
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
  'table.created': {
    payload: opPayloads['table.created'],
    project: ({ prepare, json }) => {
      const insertTable = prepare(
        `INSERT OR IGNORE INTO coaching_tables
           (id, event_id, name, coaches, topics, language, languages, turn_minutes, created_at)
         VALUES (@tableId, @eventId, @name, @coaches, @topics, @language, @languages, @turnMinutes, @createdAt)`,
      );
      return (p) => {
        // An operation from before issue 14 holds one 'language': a one-element list.
        const languages = payloadLanguages(p);
        insertTable.run({
          tableId: p.tableId,
          eventId: p.eventId,
          name: p.name,
          coaches: json(p.coaches),
          topics: json(p.topics),
          language: languages[0] ?? 'en',
          languages: json(languages),
          turnMinutes: p.turnMinutes,
          createdAt: p.createdAt,
        });
      };
    },
    footprint: (p, at) => {
      at.makes('table', p.tableId);
      at.needs('event', p.eventId);
      at.onTable(p.tableId);
    },
    leaves: 'always',
    exportRead: { facts: ['tables'], table: 'tableId' },
  },
  'table.updated': {
    payload: opPayloads['table.updated'],
    project: ({ prepare, json }) => {
      const updateTable = prepare(
        `UPDATE coaching_tables SET name = @name, coaches = @coaches, topics = @topics,
           language = @language, languages = @languages, turn_minutes = @turnMinutes WHERE id = @tableId`,
      );
      return (p) => {
        const languages = payloadLanguages(p);
        updateTable.run({
          tableId: p.tableId,
          name: p.name,
          coaches: json(p.coaches),
          topics: json(p.topics),
          language: languages[0] ?? 'en',
          languages: json(languages),
          turnMinutes: p.turnMinutes,
        });
      };
    },
    footprint: (p, at) => void at.table(p.tableId),
    leaves: 'always',
    exportRead: { facts: ['tables'], table: 'tableId' },
  },
  'table.configured': {
    payload: opPayloads['table.configured'],
    project: ({ prepare, json }) => {
      const configureTable = prepare(
        `UPDATE coaching_tables SET hold_minutes = @holdMinutes, max_group_size = @maxGroupSize,
           rotation_minutes = @rotationMinutes, auto_advance = @autoAdvance, questions = @questions
         WHERE id = @tableId`,
      );
      return (p) =>
        configureTable.run({
          ...p,
          autoAdvance: p.autoAdvance ? 1 : 0,
          questions: json(p.questions),
        });
    },
    footprint: (p, at) => void at.table(p.tableId),
    leaves: 'always',
    exportRead: { facts: [], table: 'tableId' },
  },
  /** The end of the session at a table: whoever still waits was not reached. */
  'table.closed': {
    payload: opPayloads['table.closed'],
    project: ({ prepare }) => {
      const closeTable = prepare(`UPDATE coaching_tables SET closed_at = @closedAt WHERE id = @tableId`);
      const notReached = prepare(
        `UPDATE queue_entries SET status = 'not_reached', status_at = @closedAt
         WHERE table_id = @tableId AND status IN ('waiting', 'away')`,
      );
      return (p) => {
        closeTable.run(p);
        notReached.run(p);
      };
    },
    footprint: (p, at) => void at.table(p.tableId),
    leaves: 'always',
    exportRead: { facts: ['tables', 'entries'], table: 'tableId' },
  },
  'table.reopened': {
    payload: opPayloads['table.reopened'],
    project: ({ prepare }) => {
      const reopenTable = prepare<[string]>(`UPDATE coaching_tables SET closed_at = NULL WHERE id = ?`);
      return (p) => reopenTable.run(p.tableId);
    },
    footprint: (p, at) => void at.table(p.tableId),
    leaves: 'always',
    exportRead: { facts: ['tables'], table: 'tableId' },
  },
} satisfies OpSpecs<
  | 'event.created'
  | 'event.updated'
  | 'topic.added'
  | 'topic.removed'
  | 'table.created'
  | 'table.updated'
  | 'table.configured'
  | 'table.closed'
  | 'table.reopened'
>;
