/**
 * Participants' feedback (issue 15): the anonymous card after a turn, given on
 * the coach's laptop or on a phone through the hub (electron/feedback/). One
 * operation, `feedback.given`, holds the answer, its table and the hour it was
 * given, never a name and never the turn (the turn is checked, then left out:
 * with it, a full export joined the card to the person coached). It travels
 * to every laptop like any other change. An operation written before, with
 * its turn, is accepted; the projection keeps neither its turn nor its minute.
 * The JSON export carries the cards apart from the log (without the
 * operation's timestamp, author and place in the log): ARCHITECTURE.md
 * "Feedback cards".
 */
import { feedbackTime } from '../../../shared/domain/feedback.js';
import { opPayloads } from '../../../shared/ops.js';
import { RejectedError, requireEvent, type Handlers } from '../command.js';
import type { OpSpecs } from '../operation.js';

export const feedbackCommands = {
  'feedback.record': (args, ctx) => {
    requireEvent(ctx);
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
    if (!turn.endedAt) throw new RejectedError('Ask for feedback once the turn has ended.', 'feedback_turn_running');
    if (args.tokenId && ctx.reads.feedbackTokenUsed(args.tokenId)) throw new RejectedError('feedback_token_used', 'feedback_token_used');
    const feedbackId = ctx.newId();
    return {
      ops: [
        {
          type: 'feedback.given',
          payload: {
            feedbackId,
            tableId: turn.tableId,
            useful: args.useful,
            wantsMentoring: args.wantsMentoring,
            comment: args.comment ? args.comment : null,
            tokenId: args.tokenId ?? null,
            via: args.tokenId ? 'phone' : 'laptop',
            at: feedbackTime(ctx.now),
          },
        },
      ],
      result: { feedbackId },
    };
  },
} satisfies Handlers<'feedback.record'>;

export const feedbackOperations = {
  'feedback.given': {
    payload: opPayloads['feedback.given'],
    project: ({ prepare }) => {
      const insert = prepare(
        `INSERT OR IGNORE INTO feedback (id, table_id, useful, wants_mentoring, comment, token_id, via, given_at)
         VALUES (@feedbackId, @tableId, @useful, @wantsMentoring, @comment, @tokenId, @via, @at)`,
      );
      // An old operation's turn is not kept, nor its minute.
      return (p) =>
        insert.run({
          feedbackId: p.feedbackId,
          tableId: p.tableId,
          useful: p.useful,
          wantsMentoring: p.wantsMentoring ? 1 : 0,
          comment: p.comment,
          tokenId: p.tokenId,
          via: p.via,
          at: feedbackTime(p.at),
        });
    },
    // A card belongs to its coaching table (its id is new: INSERT OR IGNORE).
    footprint: (p, at) => {
      at.table(p.tableId);
    },
    leaves: 'always',
    exportRead: { facts: ['feedback'], table: 'tableId' },
  },
} satisfies OpSpecs<'feedback.given'>;
