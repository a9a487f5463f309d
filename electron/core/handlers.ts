/**
 * Command handlers: check a request against the current state and turn it
 * into operations. They never write; the core commits what they return.
 */
import type { CoreMethodName, MethodResults, ParsedArgs, Snapshot } from '../../shared/contract.js';
import type { OpDraft } from '../../shared/ops.js';
import { DEMO_EVENT, localIsoDate } from '../../shared/domain/demo.js';
import { proposeGroups } from '../../shared/domain/grouping.js';
import { suggestTables } from '../../shared/domain/suggest.js';
import type { Person } from '../../shared/domain/people.js';
import { addArrival, type RotationPlan } from '../../shared/domain/rotation.js';
import type { EntryState, Reads } from './reads.js';
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

type Handler<K extends CoreMethodName> = (
  args: ParsedArgs<K>,
  ctx: HandlerContext,
) => Outcome<MethodResults[K]>;

export type HandlerTable = { [K in CoreMethodName]: Handler<K> };

const none = <R>(result: R): Outcome<R> => ({ ops: [], result });

function requireEvent(ctx: HandlerContext) {
  const event = ctx.reads.event();
  if (!event) throw new RejectedError('Create the event first.');
  return event;
}

function requireTable(ctx: HandlerContext, tableId: string) {
  const table = ctx.reads.tableSettings(tableId);
  if (!table) throw new RejectedError('That table does not exist.');
  return table;
}

function requireOpenTable(ctx: HandlerContext, tableId: string) {
  const table = requireTable(ctx, tableId);
  if (table.closed) throw new RejectedError('This table is closed. Reopen it first.');
  return table;
}

function requireNoTurn(ctx: HandlerContext, tableId: string) {
  if (ctx.reads.runningTurn(tableId)) {
    throw new RejectedError('A turn is already running at this table. End it first.');
  }
}

function requireQueued(ctx: HandlerContext, entryId: string, tableId?: string): EntryState {
  const entry = ctx.reads.entry(entryId);
  if (!entry || (tableId !== undefined && entry.tableId !== tableId)) {
    throw new RejectedError('That person is not in this queue.');
  }
  if (entry.status !== 'waiting' && entry.status !== 'away') {
    throw new RejectedError('That person is no longer waiting.');
  }
  return entry;
}

const asPerson = (e: EntryState): Person => ({
  id: e.id,
  topics: e.topics,
  partySize: e.partySize,
  joinedAt: e.joinedAt,
  rank: e.rank,
});

const minutesMs = (m: number) => m * 60_000;

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
    const name = args.name || `Table ${ctx.reads.tableCount() + 1}`;
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

  'table.configure': (args, ctx) => {
    requireTable(ctx, args.tableId);
    return {
      ops: [{ type: 'table.configured', payload: { ...args, questions: uniqueTrimmed(args.questions) } }],
      result: { tableId: args.tableId },
    };
  },

  'table.close': (args, ctx) => {
    const table = requireTable(ctx, args.tableId);
    if (table.closed) throw new RejectedError('This table is already closed.');
    requireNoTurn(ctx, args.tableId);
    const ops: OpDraft[] = [];
    const rotation = ctx.reads.activeRotation(args.tableId);
    if (rotation) ops.push({ type: 'rotation.ended', payload: { rotationId: rotation.id, endedAt: ctx.now } });
    ops.push({ type: 'table.closed', payload: { tableId: args.tableId, closedAt: ctx.now } });
    return { ops, result: { tableId: args.tableId, notReached: ctx.reads.queue(args.tableId).length } };
  },

  'table.reopen': (args, ctx) => {
    const table = requireTable(ctx, args.tableId);
    if (!table.closed) throw new RejectedError('This table is open.');
    return { ops: [{ type: 'table.reopened', payload: { tableId: args.tableId } }], result: { tableId: args.tableId } };
  },

  'walkin.add': (args, ctx) => {
    const table = requireOpenTable(ctx, args.tableId);
    const entryId = ctx.newId();
    const ticket = ctx.reads.nextTicket(args.tableId);
    const topics = uniqueTrimmed(args.topics);
    const ops: OpDraft[] = [
      {
        type: 'walkin.added',
        payload: {
          entryId,
          tableId: args.tableId,
          ticket,
          name: args.name ? args.name : null,
          topics,
          partySize: args.partySize,
          joinedAt: ctx.now,
          rank: ctx.now,
        },
      },
    ];
    // Someone arriving during a rotation joins the group that fits best.
    const rotation = ctx.reads.activeRotation(args.tableId);
    if (rotation) {
      const people = new Map<string, Person>();
      for (const g of rotation.groups) {
        for (const m of g.members) {
          people.set(m.id, { id: m.id, topics: m.topics, partySize: m.partySize, joinedAt: m.joinedAt, rank: m.joinedAt });
        }
      }
      const arrival: Person = { id: entryId, topics, partySize: args.partySize, joinedAt: ctx.now, rank: ctx.now };
      const current = rotation.groups.findIndex((g) => g.id === rotation.currentGroupId);
      const served = rotation.groups.filter((g) => g.endedAt !== null).length;
      const plan: RotationPlan = {
        groups: rotation.groups.map((g) => ({ id: g.id, memberIds: g.members.map((m) => m.id) })),
        turnMs: minutesMs(rotation.turnMinutes),
        currentIndex: current >= 0 ? current : served - 1,
        currentStartedAt: null,
      };
      const newGroupId = ctx.newId();
      const next = addArrival(plan, arrival, people, rotation.maxGroupSize || table.maxGroupSize, newGroupId);
      const index = next.groups.findIndex((g) => g.memberIds.includes(entryId));
      const group = next.groups[index];
      if (group) {
        ops.push({
          type: 'rotation.joined',
          payload: {
            rotationId: rotation.id,
            groupId: group.id,
            entryId,
            ...(group.id === newGroupId ? { newGroupPosition: rotation.groups.length } : {}),
          },
        });
      }
    }
    return { ops, result: { entryId, ticket } };
  },

  'queue.move': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    const queue = ctx.reads.queue(entry.tableId);
    const i = queue.findIndex((e) => e.id === entry.id);
    const rankAt = (k: number) => queue[k]?.rank ?? 0;
    let rank: number;
    if (args.direction === 'up') {
      if (i === 0) throw new RejectedError('Already first in the queue.');
      rank = i >= 2 ? (rankAt(i - 2) + rankAt(i - 1)) / 2 : rankAt(i - 1) - 1;
    } else {
      if (i === queue.length - 1) throw new RejectedError('Already last in the queue.');
      rank = i + 2 < queue.length ? (rankAt(i + 1) + rankAt(i + 2)) / 2 : rankAt(i + 1) + 1;
    }
    return {
      ops: [{ type: 'entry.ranked', payload: { entryId: entry.id, rank } }],
      result: { entryId: entry.id, previousRank: entry.rank },
    };
  },

  'queue.place': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    return { ops: [{ type: 'entry.ranked', payload: { entryId: entry.id, rank: args.rank } }], result: { entryId: entry.id } };
  },

  'entry.setStatus': (args, ctx) => {
    const entry = ctx.reads.entry(args.entryId);
    if (!entry) throw new RejectedError('That person is not in this queue.');
    const table = requireTable(ctx, entry.tableId);
    const from = entry.status;
    const to = args.status;
    const queued = from === 'waiting' || from === 'away';
    const allowed =
      (to === 'away' && (from === 'waiting' || from === 'away')) ||
      (to === 'waiting' && (from === 'away' || from === 'no_show' || from === 'left' || from === 'removed')) ||
      ((to === 'no_show' || to === 'removed') && queued) ||
      (to === 'left' && (queued || from === 'in_turn'));
    if (!allowed) throw new RejectedError(`Cannot change this person from ${from.replace('_', ' ')} to ${to.replace('_', ' ')}.`);
    if (to === 'waiting' && table.closed) throw new RejectedError('This table is closed. Reopen it first.');
    let awayUntil: number | null = null;
    let rank: number | undefined;
    if (to === 'away') awayUntil = args.awayUntil ?? ctx.now + minutesMs(table.holdMinutes);
    // Back after the held place ran out: the end of the queue.
    if (to === 'waiting' && from === 'away' && entry.awayUntil !== null && entry.awayUntil < ctx.now) rank = ctx.now;
    return {
      ops: [
        {
          type: 'entry.status',
          payload: { entryId: entry.id, status: to, awayUntil, at: ctx.now, ...(rank !== undefined ? { rank } : {}) },
        },
      ],
      result: { entryId: entry.id, previous: { status: from, awayUntil: entry.awayUntil } },
    };
  },

  'turn.start': (args, ctx) => {
    const table = requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    let entryId = args.entryId;
    if (entryId === undefined) {
      if (ctx.reads.activeRotation(args.tableId)) {
        throw new RejectedError('A rotation is running: call the next group, or end the rotation first.');
      }
      const next = ctx.reads.queue(args.tableId).find((e) => e.status === 'waiting');
      if (!next) throw new RejectedError('Nobody is waiting at this table.');
      entryId = next.id;
    } else {
      requireQueued(ctx, entryId, args.tableId);
    }
    const turnId = ctx.newId();
    const deadline = ctx.now + minutesMs(table.turnMinutes);
    return {
      ops: [{ type: 'turn.started', payload: { turnId, tableId: args.tableId, entryId, startedAt: ctx.now, deadline } }],
      result: { turnId, deadline },
    };
  },

  'plenary.start': (args, ctx) => {
    requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    const present = ctx.reads.queue(args.tableId).filter((e) => e.status === 'waiting');
    if (present.length === 0) throw new RejectedError('Nobody is waiting at this table.');
    const turnId = ctx.newId();
    const deadline = ctx.now + minutesMs(args.minutes);
    return {
      ops: [
        {
          type: 'group.started',
          payload: {
            turnId,
            tableId: args.tableId,
            mode: 'plenary',
            topic: null,
            entryIds: present.map((e) => e.id),
            startedAt: ctx.now,
            deadline,
          },
        },
      ],
      result: { turnId, deadline },
    };
  },

  'focus.start': (args, ctx) => {
    requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    const ids = [...new Set(args.entryIds)];
    for (const id of ids) requireQueued(ctx, id, args.tableId);
    const turnId = ctx.newId();
    const deadline = ctx.now + minutesMs(args.minutes);
    return {
      ops: [
        {
          type: 'group.started',
          payload: { turnId, tableId: args.tableId, mode: 'topic_focus', topic: args.topic, entryIds: ids, startedAt: ctx.now, deadline },
        },
      ],
      result: { turnId, deadline },
    };
  },

  'rotation.propose': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const present = ctx.reads.queue(args.tableId).filter((e) => e.status === 'waiting');
    const groups = proposeGroups(present.map(asPerson), { maxSize: args.maxGroupSize });
    return none({ groups: groups.map((g) => g.map((p) => p.id)) });
  },

  'rotation.start': (args, ctx) => {
    requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    if (ctx.reads.activeRotation(args.tableId)) throw new RejectedError('A rotation is already running at this table.');
    const seen = new Set<string>();
    for (const group of args.groups) {
      for (const id of group) {
        if (seen.has(id)) throw new RejectedError('Someone is in two groups.');
        seen.add(id);
        requireQueued(ctx, id, args.tableId);
      }
    }
    const rotationId = ctx.newId();
    const groups = args.groups.map((entryIds) => ({ groupId: ctx.newId(), entryIds }));
    const turnId = ctx.newId();
    const first = groups[0];
    if (!first) throw new RejectedError('A rotation needs at least one group.');
    return {
      ops: [
        {
          type: 'rotation.started',
          payload: {
            rotationId,
            tableId: args.tableId,
            turnMinutes: args.turnMinutes,
            maxGroupSize: args.maxGroupSize,
            autoAdvance: args.autoAdvance,
            groups,
            startedAt: ctx.now,
          },
        },
        {
          type: 'rotation.groupStarted',
          payload: {
            rotationId,
            groupId: first.groupId,
            turnId,
            tableId: args.tableId,
            startedAt: ctx.now,
            deadline: ctx.now + minutesMs(args.turnMinutes),
          },
        },
      ],
      result: { rotationId, turnId },
    };
  },

  'rotation.next': (args, ctx) => {
    const rotation = ctx.reads.rotation(args.rotationId);
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.');
    const ops: OpDraft[] = [];
    const running = ctx.reads.runningTurn(rotation.tableId);
    if (running) {
      if (running.rotationId !== rotation.id) throw new RejectedError('Another turn is running at this table. End it first.');
      ops.push({ type: 'turn.ended', payload: { turnId: running.id, endedAt: ctx.now } });
    }
    const present = new Set(ctx.reads.queue(rotation.tableId).map((e) => e.id));
    const next = rotation.groups.find((g) => g.startedAt === null && g.members.some((m) => present.has(m.id)));
    if (!next) {
      ops.push({ type: 'rotation.ended', payload: { rotationId: rotation.id, endedAt: ctx.now } });
      return { ops, result: { rotationId: rotation.id, turnId: null } };
    }
    const turnId = ctx.newId();
    ops.push({
      type: 'rotation.groupStarted',
      payload: {
        rotationId: rotation.id,
        groupId: next.id,
        turnId,
        tableId: rotation.tableId,
        startedAt: ctx.now,
        deadline: ctx.now + minutesMs(rotation.turnMinutes),
      },
    });
    return { ops, result: { rotationId: rotation.id, turnId } };
  },

  'rotation.setAutoAdvance': (args, ctx) => {
    const rotation = ctx.reads.rotation(args.rotationId);
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.');
    return {
      ops: [{ type: 'rotation.autoAdvance', payload: args }],
      result: { rotationId: rotation.id },
    };
  },

  'rotation.end': (args, ctx) => {
    const rotation = ctx.reads.rotation(args.rotationId);
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.');
    const ops: OpDraft[] = [];
    const running = ctx.reads.runningTurn(rotation.tableId);
    if (running?.rotationId === rotation.id) ops.push({ type: 'turn.ended', payload: { turnId: running.id, endedAt: ctx.now } });
    ops.push({ type: 'rotation.ended', payload: { rotationId: rotation.id, endedAt: ctx.now } });
    return { ops, result: { rotationId: rotation.id } };
  },

  'entry.transfer': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    if (entry.tableId === args.toTableId) throw new RejectedError('That person is already at this table.');
    requireOpenTable(ctx, args.toTableId);
    const newEntryId = ctx.newId();
    return {
      ops: [{ type: 'entry.transferred', payload: { entryId: entry.id, newEntryId, toTableId: args.toTableId, at: ctx.now } }],
      result: { entryId: entry.id, newEntryId },
    };
  },

  'transfer.suggest': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    const tables = ctx.reads.tablesForSuggestion();
    const from = tables.find((t) => t.id === entry.tableId);
    if (!from) throw new RejectedError('That table does not exist.');
    const suggestions = suggestTables(entry, from, tables).map(({ score: _score, ...s }) => s);
    return none({ suggestions });
  },

  'broadcast.send': (args, ctx) => {
    requireEvent(ctx);
    const broadcastId = ctx.newId();
    return {
      ops: [{ type: 'broadcast.sent', payload: { broadcastId, text: args.text, sentAt: ctx.now } }],
      result: { broadcastId },
    };
  },

  'followup.record': (args, ctx) => {
    const entry = ctx.reads.entry(args.entryId);
    if (!entry) throw new RejectedError('That person is not at this table.');
    if (args.turnId !== undefined && !ctx.reads.turn(args.turnId)) throw new RejectedError('That turn does not exist.');
    const followupId = ctx.newId();
    return {
      ops: [
        {
          type: 'followup.recorded',
          payload: {
            followupId,
            entryId: entry.id,
            turnId: args.turnId ?? null,
            consent: args.consent,
            contact: args.consent && args.contact ? args.contact : null,
            note: args.note ?? '',
            recordedAt: ctx.now,
          },
        },
      ],
      result: { followUpId: followupId },
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
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.');
    const existing = turn.note;
    const participants = new Set(turn.participants.map((p) => p.id));
    const about = args.about ?? existing?.about ?? [];
    if (about.some((id) => !participants.has(id))) {
      throw new RejectedError('A note can only be about people who took part in that turn.');
    }
    const noteId = existing?.id ?? ctx.newId();
    return {
      ops: [
        {
          type: 'note.saved',
          payload: {
            noteId,
            turnId: args.turnId,
            text: args.text ?? existing?.text ?? '',
            savedAt: ctx.now,
            about,
            topics: args.topics ? uniqueTrimmed(args.topics) : (existing?.topics ?? []),
            supportKind: args.supportKind !== undefined ? args.supportKind : (existing?.supportKind ?? null),
            shared: args.shared ?? existing?.shared ?? false,
          },
        },
      ],
      result: { noteId, savedAt: ctx.now },
    };
  },
};
