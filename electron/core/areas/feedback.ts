/**
 * Participants' feedback (issue 15): the anonymous card after a turn, given on
 * the coach's laptop or on a phone through the hub (electron/feedback/). One
 * operation, `feedback.given`, holds the answer and the turn it is about,
 * never a name; it travels to every laptop like any other change.
 */
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
            turnId: args.turnId,
            tableId: turn.tableId,
            useful: args.useful,
            wantsMentoring: args.wantsMentoring,
            comment: args.comment ? args.comment : null,
            tokenId: args.tokenId ?? null,
            via: args.tokenId ? 'phone' : 'laptop',
            at: ctx.now,
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
        `INSERT OR IGNORE INTO feedback (id, interaction_id, table_id, useful, wants_mentoring, comment, token_id, via, given_at)
         VALUES (@feedbackId, @turnId, @tableId, @useful, @wantsMentoring, @comment, @tokenId, @via, @at)`,
      );
      return (p) => insert.run({ ...p, wantsMentoring: p.wantsMentoring ? 1 : 0 });
    },
    // A card belongs to its turn's coaching table (its id is new: INSERT OR IGNORE).
    footprint: (p, at) => {
      at.turn(p.turnId);
    },
    leaves: 'always',
    exportRead: { facts: ['feedback'], table: 'tableId' },
  },
} satisfies OpSpecs<'feedback.given'>;
