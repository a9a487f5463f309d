/**
 * Turns: a coach calling the next person (or someone chosen) for a
 * one-to-one turn, and ending a turn of any mode. In the tables a turn is an
 * "interaction" (interactions, participants); group turns start in the
 * crowd-modes area. Commands, the operations they write, and those
 * operations' projection, footprint, privacy and export reading.
 */
import { opPayloads } from '../../../shared/ops.js';
import { extensionMs } from '../../../shared/domain/timer.js';
import {
  minutesMs,
  RejectedError,
  requireNoTurn,
  requireOpenTable,
  requireQueued,
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
      if (ctx.reads.activeRotation(args.tableId)) {
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
} satisfies Handlers<'turn.start' | 'turn.end' | 'turn.extend' | 'turn.pause' | 'turn.resume'>;

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
  /** A turn of any mode ends: its people are served (a rotation group's turn ends its group). */
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
         WHERE status = 'in_turn' AND id IN (SELECT entry_id FROM participants WHERE interaction_id = @turnId)`,
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
} satisfies OpSpecs<'turn.started' | 'turn.ended' | 'turn.extended' | 'turn.paused' | 'turn.resumed'>;
