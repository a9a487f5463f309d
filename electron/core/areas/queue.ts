/**
 * The queue: walk-ins joining a table's queue (a ticket each, and a rotation
 * group if one runs), their place in it, and their status (away, no-show,
 * left, removed, back). Commands, the operations they write, and those
 * operations' projection, footprint, privacy and export reading.
 */
import { opPayloads, type OpDraft } from '../../../shared/ops.js';
import type { Person } from '../../../shared/domain/people.js';
import { addArrival, type RotationPlan } from '../../../shared/domain/rotation.js';
import { rotationPlanOf } from '../../../shared/domain/table.js';
import { moveRank, rebalancedRanks } from '../../../shared/domain/rank.js';
import { uniqueLanguages } from '../../../shared/domain/languages.js';
import {
  minutesMs,
  RejectedError,
  requireOpenTable,
  requireQueued,
  requireTable,
  runningRotation,
  type Handlers,
} from '../command.js';
import type { OpSpecs } from '../operation.js';
import { topicKey, uniqueTopics } from '../../../shared/domain/topic.js';

// ---------------------------------------------------------------------------
// Commands.

export const queueCommands = {
  'walkin.add': (args, ctx) => {
    const table = requireOpenTable(ctx, args.tableId);
    const entryId = ctx.newId();
    const ticket = ctx.reads.nextTicket(args.tableId);
    // Each topic once (topicKey: NFC, any case), in the table's own spelling; one the table does not offer is refused.
    const offered = new Map(ctx.reads.tableTopics(args.tableId).map((label) => [topicKey(label), label]));
    const topics = uniqueTopics(args.topics).map((label) => {
      const own = offered.get(topicKey(label));
      if (own === undefined) throw new RejectedError(`This table does not offer "${label}".`, 'topic_not_offered', { topic: label });
      return own;
    });
    const languages = uniqueLanguages(args.languages ?? []);
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
          ...(languages.length > 0 ? { languages } : {}),
        },
      },
    ];
    // Someone arriving during a rotation joins the group that fits best.
    // Not one that has run through: it is over (the next thing started here ends it), and they wait as at any table.
    const rotation = runningRotation(ctx, args.tableId);
    if (rotation) {
      const people = new Map<string, Person>();
      for (const g of rotation.groups) {
        for (const m of g.members) {
          people.set(m.id, {
            id: m.id,
            topics: m.topics,
            partySize: m.partySize,
            joinedAt: m.joinedAt,
            rank: m.joinedAt,
          });
        }
      }
      const arrival: Person = {
        id: entryId,
        topics,
        partySize: args.partySize,
        joinedAt: ctx.now,
        rank: ctx.now,
      };
      // The one reading of where the rotation stands (shared/domain/table.ts): between turns, the next group to call is
      // the current one, and once every group has had its turn the arrival's group is the next called.
      const plan = rotationPlanOf({ rotation }) as RotationPlan;
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
    if (args.direction === 'up' && i === 0) throw new RejectedError('Already first in the queue.', 'already_first');
    if (args.direction === 'down' && i === queue.length - 1) throw new RejectedError('Already last in the queue.', 'already_last');
    let ranks = queue.map((e) => e.rank);
    const ops: OpDraft[] = [];
    let rank = moveRank(ranks, i, args.direction);
    if (rank === null) {
      // No finite rank fits between the neighbours (shared/domain/rank.ts):
      // the queue gets fresh ranks in its order first, in the same commit.
      ranks = rebalancedRanks(queue.length);
      queue.forEach((e, k) => ops.push({ type: 'entry.ranked', payload: { entryId: e.id, rank: ranks[k]! } }));
      rank = moveRank(ranks, i, args.direction)!;
    }
    ops.push({ type: 'entry.ranked', payload: { entryId: entry.id, rank } });
    // The undo (queue.place) puts the entry back at its rank before the move, on the same scale.
    return { ops, result: { entryId: entry.id, previousRank: ranks[i]! } };
  },

  'queue.place': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    return {
      ops: [
        {
          type: 'entry.ranked',
          payload: { entryId: entry.id, rank: args.rank },
        },
      ],
      result: { entryId: entry.id },
    };
  },

  'entry.setStatus': (args, ctx) => {
    const entry = ctx.reads.entry(args.entryId);
    if (!entry) throw new RejectedError('That person is not in this queue.', 'not_in_queue');
    const table = requireTable(ctx, entry.tableId);
    const from = entry.status;
    const to = args.status;
    // Someone sent to another table waits there: "Put back" brings them back (entry.bringBack); a status here would be void.
    if (entry.transferredTo !== null) {
      throw new RejectedError('That person was sent to another table: put them back with "Put back".', 'status_sent_on');
    }
    const queued = from === 'waiting' || from === 'away';
    const allowed =
      (to === 'away' && (from === 'waiting' || from === 'away')) ||
      (to === 'waiting' && (from === 'away' || from === 'no_show' || from === 'left' || from === 'removed')) ||
      ((to === 'no_show' || to === 'removed') && queued) ||
      (to === 'left' && (queued || from === 'in_turn'));
    if (!allowed)
      throw new RejectedError(`Cannot change this person from ${from.replace('_', ' ')} to ${to.replace('_', ' ')}.`, 'status_change', { from, to });
    if (to === 'waiting' && table.closed) throw new RejectedError('This table is closed. Reopen it first.', 'table_closed');
    let awayUntil: number | null = null;
    let rank: number | undefined;
    if (to === 'away') awayUntil = args.awayUntil ?? ctx.now + minutesMs(table.holdMinutes);
    // Back after the held place ran out: the end of the queue.
    if (to === 'waiting' && from === 'away' && entry.awayUntil !== null && entry.awayUntil < ctx.now) rank = ctx.now;
    return {
      ops: [
        {
          type: 'entry.status',
          payload: {
            entryId: entry.id,
            status: to,
            awayUntil,
            at: ctx.now,
            ...(rank !== undefined ? { rank } : {}),
          },
        },
      ],
      result: {
        entryId: entry.id,
        previous: { status: from, awayUntil: entry.awayUntil },
      },
    };
  },
} satisfies Handlers<'walkin.add' | 'queue.move' | 'queue.place' | 'entry.setStatus'>;

// ---------------------------------------------------------------------------
// Operations.

export const queueOperations = {
  /** Someone joins a table's queue ("walk-in"; a row of queue_entries). */
  'walkin.added': {
    payload: opPayloads['walkin.added'],
    project: ({ prepare, json }) => {
      // Positional: the one applier every walk-in runs, and the hottest in a replay.
      const insertEntry = prepare<[string, string, number, string | null, string, string, number, number, number, number]>(
        `INSERT OR IGNORE INTO queue_entries
           (id, table_id, ticket, name, topics, languages, party_size, joined_at, rank, status, status_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
      );
      return (p) =>
        insertEntry.run(
          p.entryId,
          p.tableId,
          p.ticket,
          p.name,
          json(p.topics),
          json(p.languages ?? []),
          p.partySize,
          p.joinedAt,
          p.rank ?? p.joinedAt,
          p.joinedAt,
        );
    },
    footprint: (p, at) => {
      at.makes('entry', p.entryId);
      at.table(p.tableId);
    },
    leaves: 'always',
    exportRead: { facts: ['entries'], table: 'tableId' },
  },
  /** A new place in the queue (moved up or down, or put back by an undo). */
  'entry.ranked': {
    payload: opPayloads['entry.ranked'],
    project: ({ prepare }) => {
      const rankEntry = prepare(`UPDATE queue_entries SET rank = @rank WHERE id = @entryId`);
      return (p) => rankEntry.run(p);
    },
    footprint: (p, at) => void at.entry(p.entryId),
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
  /** Away (place held), back, no-show, left, removed. */
  'entry.status': {
    payload: opPayloads['entry.status'],
    project: ({ prepare, entryRow, leaveRunningTurn, leaveFutureGroups }) => {
      const entryStatus = prepare(
        `UPDATE queue_entries SET status = @status, away_until = @awayUntil, status_at = @at,
           rank = coalesce(@rank, rank)
         WHERE id = @entryId`,
      );
      return (p) => {
        const row = entryRow(p.entryId);
        if (!row) return;
        // A change made concurrently elsewhere to someone who is by now being
        // coached, was served, or was sent to another table, is void; only
        // "left" applies mid-turn.
        if (row.status === 'served' || row.transferred_to !== null) return;
        if (row.status === 'in_turn' && p.status !== 'left') return;
        entryStatus.run({ ...p, rank: p.rank ?? null });
        if (p.status === 'left' || p.status === 'no_show' || p.status === 'removed') {
          leaveRunningTurn(p);
          leaveFutureGroups(p);
        }
      };
    },
    footprint: (p, at) => void at.entry(p.entryId),
    leaves: 'always',
    exportRead: { facts: ['entries', 'participations'], table: null },
  },
} satisfies OpSpecs<'walkin.added' | 'entry.ranked' | 'entry.status'>;
