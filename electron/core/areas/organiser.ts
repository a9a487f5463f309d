/**
 * The organiser: sending a waiting person to another table (with tables
 * suggested by shared topics, language and expected wait), and broadcasts
 * shown on every table. Commands, the operations they write, and those
 * operations' projection, footprint, privacy and export reading.
 */
import { opPayloads } from '../../../shared/ops.js';
import { suggestTablesFor } from '../../../shared/domain/suggest.js';
import { eventSessionEndsAt } from '../../../shared/domain/table.js';
import { MAX_MOVES } from '../../../shared/domain/put-back.js';
import { none, RejectedError, requireEvent, requireOpenTable, requireQueued, type HandlerContext, type Handlers } from '../command.js';
import type { OpSpecs } from '../operation.js';

// ---------------------------------------------------------------------------
// Commands.

/** Refuses (`moved_too_often`) moving a person already moved MAX_MOVES times (shared/domain/put-back.ts). */
function requireMovable(ctx: HandlerContext, entryId: string): void {
  if (ctx.reads.moves(entryId) >= MAX_MOVES) {
    throw new RejectedError(`That person was already moved ${MAX_MOVES} times; keep them where they are.`, 'moved_too_often', {
      moves: MAX_MOVES,
    });
  }
}

export const organiserCommands = {
  'entry.transfer': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    if (entry.tableId === args.toTableId) throw new RejectedError('That person is already at this table.', 'same_table');
    requireOpenTable(ctx, args.toTableId);
    requireMovable(ctx, entry.id);
    const newEntryId = ctx.newId();
    return {
      ops: [
        {
          type: 'entry.transferred',
          payload: {
            entryId: entry.id,
            newEntryId,
            toTableId: args.toTableId,
            at: ctx.now,
          },
        },
      ],
      result: { entryId: entry.id, newEntryId },
    };
  },

  'entry.bringBack': (args, ctx) => {
    const entry = ctx.reads.entry(args.entryId);
    if (!entry) throw new RejectedError('That person is not in this queue.', 'not_in_queue');
    const now = ctx.reads.sentOnTo(entry.id);
    if (!now) throw new RejectedError('That person was not sent to another table.', 'not_sent_on');
    if (now.tableId === entry.tableId) throw new RejectedError('That person is already at this table.', 'same_table');
    const there = ctx.reads.tableName(now.tableId) ?? '';
    if (now.status !== 'waiting' && now.status !== 'away') {
      throw new RejectedError(`That person is no longer waiting at ${there}: they cannot be put back.`, 'bring_back_not_waiting', { table: there });
    }
    requireOpenTable(ctx, entry.tableId);
    requireMovable(ctx, now.id);
    const newEntryId = ctx.newId();
    return {
      ops: [
        {
          type: 'entry.transferred',
          // Back at their old place in this queue.
          payload: { entryId: now.id, newEntryId, toTableId: entry.tableId, at: ctx.now, rank: entry.rank },
        },
      ],
      result: { entryId: now.id, newEntryId, fromTableId: now.tableId },
    };
  },

  'transfer.suggest': (args, ctx) => {
    const entry = requireQueued(ctx, args.entryId);
    // THE wait estimate (shared/domain/table.ts), as the tables, the board and the dashboard show it.
    const tables = ctx.reads.tables();
    const from = tables.find((t) => t.id === entry.tableId);
    if (!from) throw new RejectedError('That table does not exist.', 'no_table');
    const endsAt = eventSessionEndsAt(ctx.reads.event(), ctx.now);
    const suggestions = suggestTablesFor(entry, from, tables, ctx.now, endsAt).map(({ score: _score, ...s }) => s);
    return none({ suggestions });
  },

  'broadcast.send': (args, ctx) => {
    requireEvent(ctx);
    const broadcastId = ctx.newId();
    return {
      ops: [
        {
          type: 'broadcast.sent',
          payload: { broadcastId, text: args.text, sentAt: ctx.now },
        },
      ],
      result: { broadcastId },
    };
  },
} satisfies Handlers<'entry.transfer' | 'entry.bringBack' | 'transfer.suggest' | 'broadcast.send'>;

// ---------------------------------------------------------------------------
// Operations.

export const organiserOperations = {
  /** The organiser sends a waiting person to another table: a copy of their entry waits there. */
  'entry.transferred': {
    payload: opPayloads['entry.transferred'],
    project: ({ prepare, entryRow, leaveFutureGroups }) => {
      const transferOut = prepare(
        `UPDATE queue_entries SET status = 'removed', status_at = @at, transferred_to = @newEntryId WHERE id = @entryId`,
      );
      const transferIn = prepare(
        `INSERT OR IGNORE INTO queue_entries
           (id, table_id, ticket, name, topics, languages, party_size, joined_at, rank, status, status_at, transferred_from)
         SELECT @newEntryId, @toTableId, ticket, name, topics, languages, party_size, @at, coalesce(@rank, @at),
           CASE WHEN (SELECT closed_at FROM coaching_tables WHERE id = @toTableId) IS NULL THEN 'waiting' ELSE 'not_reached' END,
           @at, id
         FROM queue_entries WHERE id = @entryId`,
      );
      return (p) => {
        const row = entryRow(p.entryId);
        // Only someone still waiting can be sent elsewhere; being coached wins.
        if (!row || (row.status !== 'waiting' && row.status !== 'away') || row.transferred_to !== null) return;
        transferIn.run({ ...p, rank: p.rank ?? null });
        transferOut.run(p);
        leaveFutureGroups(p);
      };
    },
    footprint: (p, at) => {
      at.makes('entry', p.newEntryId);
      at.entry(p.entryId);
      at.table(p.toTableId);
    },
    leaves: 'always',
    exportRead: { facts: ['entries'], table: null },
  },
  'broadcast.sent': {
    payload: opPayloads['broadcast.sent'],
    project: ({ prepare }) => {
      const insertBroadcast = prepare(
        `INSERT OR IGNORE INTO broadcasts (id, text, sent_at, sent_by) VALUES (@broadcastId, @text, @sentAt, @deviceId)`,
      );
      return (p, op) => insertBroadcast.run({ ...p, deviceId: op.deviceId });
    },
    // Written once, read by no other operation: it commutes with everything.
    footprint: (p, at) => at.once('broadcast', p.broadcastId),
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
} satisfies OpSpecs<'entry.transferred' | 'broadcast.sent'>;
