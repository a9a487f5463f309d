/**
 * Turns: a coach calling the next person (or someone chosen) for a
 * one-to-one turn, and ending a turn of any mode. In the tables a turn is an
 * "interaction" (interactions, participants); group turns start in the
 * crowd-modes area. Commands, the operations they write, and those
 * operations' projection, footprint, privacy and export reading.
 */
import { opPayloads } from '../../../shared/ops.js';
import { extensionMs, UNDO_TURN_ACCEPT_MS } from '../../../shared/domain/timer.js';
import {
  endRunThroughRotation,
  minutesMs,
  RejectedError,
  requireNoTurn,
  requireOpenTable,
  requireQueued,
  runningRotation,
  type HandlerContext,
  type Handlers,
} from '../command.js';
import type { OpSpecs } from '../operation.js';

// ---------------------------------------------------------------------------
// Commands.

/** A turn that exists and has not ended, or a refusal. */
function requireRunning(ctx: HandlerContext, turnId: string) {
  const turn = ctx.reads.turn(turnId);
  if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
  if (turn.endedAt !== null) throw new RejectedError('That turn has already ended.', 'turn_ended');
  return turn;
}

export const turnCommands = {
  'turn.start': (args, ctx) => {
    const table = requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    let entryId = args.entryId;
    if (entryId === undefined) {
      if (runningRotation(ctx, args.tableId)) {
        throw new RejectedError('A rotation is running: call the next group, or end the rotation first.', 'rotation_in_progress');
      }
      const next = ctx.reads.queue(args.tableId).find((e) => e.status === 'waiting');
      if (!next) throw new RejectedError('Nobody is waiting at this table.', 'nobody_waiting');
      entryId = next.id;
    } else {
      requireQueued(ctx, entryId, args.tableId);
    }
    const turnId = ctx.newId();
    const deadline = ctx.now + minutesMs(table.turnMinutes);
    return {
      ops: [
        ...endRunThroughRotation(ctx, args.tableId),
        {
          type: 'turn.started',
          payload: {
            turnId,
            tableId: args.tableId,
            entryId,
            startedAt: ctx.now,
            deadline,
          },
        },
      ],
      result: { turnId, deadline },
    };
  },

  'turn.end': (args, ctx) => {
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
    if (turn.endedAt !== null) throw new RejectedError('That turn has already ended.', 'turn_ended');
    return {
      ops: [
        {
          type: 'turn.ended',
          payload: { turnId: args.turnId, endedAt: ctx.now },
        },
      ],
      result: { turnId: args.turnId, endedAt: ctx.now },
    };
  },

  'turn.extend': (args, ctx) => {
    const turn = requireRunning(ctx, args.turnId);
    const addMs = extensionMs(turn, args.minutes, ctx.now);
    return {
      ops: [{ type: 'turn.extended', payload: { turnId: args.turnId, addMs, extendedAt: ctx.now } }],
      result: { turnId: args.turnId, deadline: turn.deadline + addMs, addedMs: addMs },
    };
  },

  'turn.pause': (args, ctx) => {
    const turn = requireRunning(ctx, args.turnId);
    if (turn.pausedAt !== null) throw new RejectedError('That turn is already paused.', 'turn_paused');
    return {
      ops: [{ type: 'turn.paused', payload: { turnId: args.turnId, pausedAt: ctx.now } }],
      result: { turnId: args.turnId, pausedAt: ctx.now },
    };
  },

  'turn.resume': (args, ctx) => {
    const turn = requireRunning(ctx, args.turnId);
    if (turn.pausedAt === null) throw new RejectedError('That turn is not paused.', 'turn_not_paused');
    return {
      ops: [{ type: 'turn.resumed', payload: { turnId: args.turnId, resumedAt: ctx.now } }],
      result: { turnId: args.turnId, deadline: turn.deadline + Math.max(0, ctx.now - turn.pausedAt) },
    };
  },

  'turn.undoEnd': (args, ctx) => {
    const turn = ctx.reads.turn(args.turnId);
    if (!turn) throw new RejectedError('That turn does not exist.', 'no_turn');
    if (turn.endedAt === null) throw new RejectedError('That turn is still running.', 'turn_not_ended');
    if (ctx.now - turn.endedAt > UNDO_TURN_ACCEPT_MS) throw new RejectedError('It is too late to undo that.', 'undo_too_late');
    requireOpenTable(ctx, turn.tableId);
    if (ctx.reads.runningTurn(turn.tableId)) {
      throw new RejectedError('Another turn has started at this table since.', 'other_turn_running');
    }
    if (turn.rotationId && ctx.reads.rotation(turn.rotationId)?.ended) {
      throw new RejectedError('The rotation has ended since.', 'rotation_ended');
    }
    // The one rule (reads.turnRecords): feedback was given on the ended turn; running again it would count twice.
    if (ctx.reads.turnRecords(args.turnId).feedback > 0) {
      throw new RejectedError('Feedback was given on this turn since it ended: it cannot be taken back.', 'turn_has_feedback');
    }
    return {
      ops: [{ type: 'turn.reopened', payload: { turnId: args.turnId, endedAt: turn.endedAt, at: ctx.now } }],
      result: { turnId: args.turnId, deadline: turn.deadline },
    };
  },

  'turn.undoStart': (args, ctx) => {
    const turn = requireRunning(ctx, args.turnId);
    if (ctx.now - turn.startedAt > UNDO_TURN_ACCEPT_MS) throw new RejectedError('It is too late to undo that.', 'undo_too_late');
    if (turn.rotationId) {
      throw new RejectedError('A sub-group\'s turn cannot be taken back; end the rotation instead.', 'undo_rotation');
    }
    const records = ctx.reads.turnRecords(args.turnId);
    if (records.feedback > 0) {
      throw new RejectedError('Feedback was given on this turn since it ended: it cannot be taken back.', 'turn_has_feedback');
    }
    if (records.notesAndFollowUps > 0) {
      throw new RejectedError('Something was recorded on this turn: end it instead.', 'turn_has_records');
    }
    return {
      ops: [{ type: 'turn.cancelled', payload: { turnId: args.turnId, at: ctx.now } }],
      result: { turnId: args.turnId, entryIds: turn.participants.map((p) => p.id) },
    };
  },
} satisfies Handlers<
  'turn.start' | 'turn.end' | 'turn.extend' | 'turn.pause' | 'turn.resume' | 'turn.undoEnd' | 'turn.undoStart'
>;

// ---------------------------------------------------------------------------
// Operations.

export const turnOperations = {
  /** A one-to-one turn (the only kind before group modes existed). */
  'turn.started': {
    payload: opPayloads['turn.started'],
    project:
      ({ startInteraction, insertParticipant, beingCoached }) =>
      (p) => {
        if (
          !startInteraction({
            ...p,
            mode: 'one_to_one',
            topic: null,
            rotationId: null,
            groupId: null,
          })
        )
          return;
        insertParticipant(p.turnId, p.entryId, p.startedAt);
        beingCoached(p.entryId, p.startedAt);
      },
    footprint: (p, at) => {
      at.makes('turn', p.turnId);
      at.entry(p.entryId, at.table(p.tableId));
    },
    leaves: 'always',
    exportRead: {
      facts: ['interactions', 'participations', 'entries'],
      table: 'tableId',
    },
  },
  /**
   * A turn of any mode ends: its people are served (a rotation group's turn
   * ends its group), but for anyone still at the table in another coaching
   * turn running there (two started while laptops were apart; a plenary is
   * not coaching): they stay being coached until that one ends too.
   */
  'turn.ended': {
    payload: opPayloads['turn.ended'],
    project: ({ prepare }) => {
      const endInteraction = prepare(
        `UPDATE interactions SET ended_at = @endedAt WHERE id = @turnId AND ended_at IS NULL`,
      );
      const participantsLeave = prepare(
        `UPDATE participants SET left_at = @endedAt WHERE interaction_id = @turnId AND left_at IS NULL`,
      );
      const servedAfter = prepare(
        `UPDATE queue_entries SET status = 'served', status_at = @endedAt
         WHERE status = 'in_turn' AND id IN (SELECT entry_id FROM participants WHERE interaction_id = @turnId)
           AND NOT EXISTS (
             SELECT 1 FROM participants o JOIN interactions i ON i.id = o.interaction_id
             WHERE o.entry_id = queue_entries.id AND o.left_at IS NULL AND i.ended_at IS NULL AND i.mode != 'plenary')`,
      );
      const groupEnded = prepare(
        `UPDATE rotation_groups SET ended_at = @endedAt
         WHERE id = (SELECT group_id FROM interactions WHERE id = @turnId) AND ended_at IS NULL`,
      );
      return (p) => {
        if (endInteraction.run(p).changes === 0) return;
        participantsLeave.run(p);
        servedAfter.run(p);
        groupEnded.run(p);
      };
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: {
      facts: ['interactions', 'participations', 'entries'],
      table: null,
    },
  },
  /** More time: the deadline of a turn not yet ended moves on (a delta, so concurrent extensions add up). */
  'turn.extended': {
    payload: opPayloads['turn.extended'],
    project: ({ prepare }) => {
      const extend = prepare(`UPDATE interactions SET deadline = deadline + @addMs WHERE id = @turnId AND ended_at IS NULL`);
      return (p) => void extend.run(p);
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: { facts: ['interactions'], table: null },
  },
  /** The clock stops (a second pause of a paused turn, or of an ended one, changes nothing). */
  'turn.paused': {
    payload: opPayloads['turn.paused'],
    project: ({ prepare }) => {
      const pause = prepare(
        `UPDATE interactions SET paused_at = @pausedAt WHERE id = @turnId AND ended_at IS NULL AND paused_at IS NULL`,
      );
      return (p) => void pause.run(p);
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: { facts: ['interactions'], table: null },
  },
  /**
   * The clock runs again: the deadline moves on by the pause, which joins the
   * ended pauses (left out of minutes received). A resume of a turn not paused
   * changes nothing; an ended turn stays as it ended.
   */
  'turn.resumed': {
    payload: opPayloads['turn.resumed'],
    project: ({ prepare }) => {
      const resume = prepare(
        `UPDATE interactions
           SET deadline = deadline + max(0, @resumedAt - paused_at),
               pauses = json_insert(pauses, '$[#]', json_array(paused_at, max(paused_at, @resumedAt))),
               paused_at = NULL
         WHERE id = @turnId AND ended_at IS NULL AND paused_at IS NOT NULL`,
      );
      return (p) => void resume.run(p);
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: { facts: ['interactions'], table: null },
  },
  /**
   * Undo of End turn: the turn runs again with the deadline it had, those who
   * were at the table at its end are there again and being coached, and a
   * rotation group's turn is its group's again. Void if it is no longer the
   * turn that ended at `endedAt`, or another turn runs at its table by then.
   */
  'turn.reopened': {
    payload: opPayloads['turn.reopened'],
    project: ({ prepare }) => {
      const reopen = prepare(
        `UPDATE interactions SET ended_at = NULL
         WHERE id = @turnId AND ended_at = @endedAt
           AND NOT EXISTS (SELECT 1 FROM interactions o WHERE o.table_id = interactions.table_id AND o.ended_at IS NULL)`,
      );
      const backInTurn = prepare(
        `UPDATE queue_entries SET status = 'in_turn',
           status_at = (SELECT joined_at FROM participants WHERE interaction_id = @turnId AND entry_id = queue_entries.id)
         WHERE status = 'served' AND status_at = @endedAt
           AND id IN (SELECT entry_id FROM participants WHERE interaction_id = @turnId AND left_at = @endedAt)`,
      );
      const backAtTable = prepare(`UPDATE participants SET left_at = NULL WHERE interaction_id = @turnId AND left_at = @endedAt`);
      const groupAgain = prepare(
        `UPDATE rotation_groups SET ended_at = NULL
         WHERE id = (SELECT group_id FROM interactions WHERE id = @turnId) AND ended_at = @endedAt`,
      );
      return (p) => {
        if (reopen.run(p).changes === 0) return;
        backInTurn.run(p);
        backAtTable.run(p);
        groupAgain.run(p);
      };
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: { facts: ['interactions', 'participations', 'entries'], table: null },
  },
  /**
   * Undo of Start turn: the turn leaves the tables (its participants with it)
   * and those being coached in it are waiting again, at the place (rank) they
   * had. Void once it has ended, or holds a note or a follow-up (a feedback
   * card names no turn: the command refuses after one, reads.turnRecords).
   */
  'turn.cancelled': {
    payload: opPayloads['turn.cancelled'],
    project: ({ prepare }) => {
      const cancellable = prepare<[{ turnId: string }], { id: string }>(
        `SELECT id FROM interactions i WHERE id = @turnId AND ended_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM notes WHERE interaction_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM followups WHERE interaction_id = i.id)`,
      );
      const waitingAgain = prepare(
        `UPDATE queue_entries SET status = 'waiting', status_at = @at, away_until = NULL
         WHERE status = 'in_turn' AND id IN (SELECT entry_id FROM participants WHERE interaction_id = @turnId)
           AND NOT EXISTS (
             SELECT 1 FROM participants o JOIN interactions i ON i.id = o.interaction_id
             WHERE o.entry_id = queue_entries.id AND o.interaction_id != @turnId AND o.left_at IS NULL
               AND i.ended_at IS NULL AND i.mode != 'plenary')`,
      );
      const dropParticipants = prepare(`DELETE FROM participants WHERE interaction_id = @turnId`);
      const dropTurn = prepare(`DELETE FROM interactions WHERE id = @turnId`);
      return (p) => {
        if (!cancellable.get({ turnId: p.turnId })) return;
        waitingAgain.run(p);
        dropParticipants.run(p);
        dropTurn.run(p);
      };
    },
    footprint: (p, at) => void at.turn(p.turnId),
    leaves: 'always',
    exportRead: { facts: ['interactions', 'participations', 'entries'], table: null },
  },
} satisfies OpSpecs<
  | 'turn.started'
  | 'turn.ended'
  | 'turn.extended'
  | 'turn.paused'
  | 'turn.resumed'
  | 'turn.reopened'
  | 'turn.cancelled'
>;
