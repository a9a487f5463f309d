/**
 * Crowd modes, for when the queue is long: a plenary (everyone waiting,
 * together, as an introduction), a topic focus (several people who share a
 * topic), and a rotation (groups called in turn, which can advance by
 * itself). Each group session is a turn ("interaction"): a plenary or focus
 * writes `group.started`, a rotation's group `rotation.groupStarted`.
 * Commands, the operations they write, and those operations' projection,
 * footprint, privacy and export reading.
 */
import { opPayloads, type OpDraft } from '../../../shared/ops.js';
import { proposeGroups } from '../../../shared/domain/grouping.js';
import { presentEntries } from '../../../shared/domain/table.js';
import {
  asPerson,
  endRunThroughRotation,
  minutesMs,
  none,
  RejectedError,
  requireNoTurn,
  requireOpenTable,
  requireQueued,
  requireTable,
  runningRotation,
  type Handlers,
} from '../command.js';
import type { OpSpecs } from '../operation.js';

// ---------------------------------------------------------------------------
// Commands.

export const crowdCommands = {
  'plenary.start': (args, ctx) => {
    requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    const present = presentEntries({ queue: ctx.reads.queue(args.tableId) });
    if (present.length === 0) throw new RejectedError('Nobody is waiting at this table.', 'nobody_waiting');
    const turnId = ctx.newId();
    const deadline = ctx.now + minutesMs(args.minutes);
    return {
      ops: [
        ...endRunThroughRotation(ctx, args.tableId),
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
        ...endRunThroughRotation(ctx, args.tableId),
        {
          type: 'group.started',
          payload: {
            turnId,
            tableId: args.tableId,
            mode: 'topic_focus',
            topic: args.topic,
            entryIds: ids,
            startedAt: ctx.now,
            deadline,
          },
        },
      ],
      result: { turnId, deadline },
    };
  },

  'rotation.propose': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const present = presentEntries({ queue: ctx.reads.queue(args.tableId) });
    const groups = proposeGroups(present.map(asPerson), {
      maxSize: args.maxGroupSize,
    });
    return none({ groups: groups.map((g) => g.map((p) => p.id)) });
  },

  'rotation.start': (args, ctx) => {
    requireOpenTable(ctx, args.tableId);
    requireNoTurn(ctx, args.tableId);
    if (runningRotation(ctx, args.tableId)) throw new RejectedError('A rotation is already running at this table.', 'rotation_running');
    const seen = new Set<string>();
    for (const group of args.groups) {
      for (const id of group) {
        if (seen.has(id)) throw new RejectedError('Someone is in two groups.', 'in_two_groups');
        seen.add(id);
        requireQueued(ctx, id, args.tableId);
      }
    }
    const rotationId = ctx.newId();
    const groups = args.groups.map((entryIds) => ({
      groupId: ctx.newId(),
      entryIds,
    }));
    const turnId = ctx.newId();
    const first = groups[0];
    if (!first) throw new RejectedError('A rotation needs at least one group.', 'no_groups');
    return {
      ops: [
        ...endRunThroughRotation(ctx, args.tableId),
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
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.', 'rotation_not_running');
    const ops: OpDraft[] = [];
    const running = ctx.reads.runningTurn(rotation.tableId);
    if (running) {
      if (running.rotationId !== rotation.id)
        throw new RejectedError('Another turn is running at this table. End it first.', 'other_turn_running');
      ops.push({
        type: 'turn.ended',
        payload: { turnId: running.id, endedAt: ctx.now },
      });
    }
    const present = new Set(ctx.reads.queue(rotation.tableId).map((e) => e.id));
    const next = rotation.groups.find((g) => g.startedAt === null && g.members.some((m) => present.has(m.id)));
    if (!next) {
      ops.push({
        type: 'rotation.ended',
        payload: { rotationId: rotation.id, endedAt: ctx.now },
      });
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
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.', 'rotation_not_running');
    return {
      ops: [{ type: 'rotation.autoAdvance', payload: args }],
      result: { rotationId: rotation.id },
    };
  },

  'rotation.end': (args, ctx) => {
    const rotation = ctx.reads.rotation(args.rotationId);
    if (!rotation || rotation.ended) throw new RejectedError('That rotation is not running.', 'rotation_not_running');
    const ops: OpDraft[] = [];
    const running = ctx.reads.runningTurn(rotation.tableId);
    if (running?.rotationId === rotation.id)
      ops.push({
        type: 'turn.ended',
        payload: { turnId: running.id, endedAt: ctx.now },
      });
    ops.push({
      type: 'rotation.ended',
      payload: { rotationId: rotation.id, endedAt: ctx.now },
    });
    return { ops, result: { rotationId: rotation.id } };
  },
} satisfies Handlers<
  | 'plenary.start'
  | 'focus.start'
  | 'rotation.propose'
  | 'rotation.start'
  | 'rotation.next'
  | 'rotation.setAutoAdvance'
  | 'rotation.end'
>;

// ---------------------------------------------------------------------------
// Operations.

export const crowdOperations = {
  /** A plenary or a topic focus: one turn with several people. */
  'group.started': {
    payload: opPayloads['group.started'],
    project:
      ({ startInteraction, insertParticipant, beingCoached }) =>
      (p) => {
        if (!startInteraction({ ...p, rotationId: null, groupId: null })) return;
        for (const entryId of p.entryIds) {
          insertParticipant(p.turnId, entryId, p.startedAt);
          // A plenary is an introduction: afterwards everyone still waits for
          // their own turn. A topic focus is their coaching.
          if (p.mode === 'topic_focus') beingCoached(entryId, p.startedAt);
        }
      },
    footprint: (p, at) => {
      at.makes('turn', p.turnId);
      const tableId = at.table(p.tableId);
      for (const entryId of p.entryIds) at.entry(entryId, tableId);
    },
    leaves: 'always',
    exportRead: {
      facts: ['interactions', 'participations', 'entries'],
      table: 'tableId',
    },
  },
  /** A rotation is planned: its groups, in order (the first is called by `rotation.groupStarted`). */
  'rotation.started': {
    payload: opPayloads['rotation.started'],
    project: ({ prepare, insertGroup, insertMember }) => {
      const insertRotation = prepare(
        `INSERT OR IGNORE INTO rotations (id, table_id, turn_minutes, max_group_size, auto_advance, started_at)
         VALUES (@rotationId, @tableId, @turnMinutes, @maxGroupSize, @autoAdvance, @startedAt)`,
      );
      return (p) => {
        insertRotation.run({ ...p, autoAdvance: p.autoAdvance ? 1 : 0 });
        p.groups.forEach((g, position) => {
          insertGroup(g.groupId, p.rotationId, position);
          for (const entryId of g.entryIds) insertMember(g.groupId, entryId);
        });
      };
    },
    footprint: (p, at) => {
      at.makes('rotation', p.rotationId);
      const tableId = at.table(p.tableId);
      for (const g of p.groups) {
        at.makes('group', g.groupId);
        for (const entryId of g.entryIds) at.entry(entryId, tableId);
      }
    },
    leaves: 'always',
    exportRead: { facts: [], table: 'tableId' },
  },
  /** A rotation group is called: its turn starts, with the members still present. */
  'rotation.groupStarted': {
    payload: opPayloads['rotation.groupStarted'],
    project: ({ prepare, startInteraction, insertParticipant, beingCoached }) => {
      const groupStarted = prepare(
        `UPDATE rotation_groups SET started_at = @startedAt WHERE id = @groupId AND started_at IS NULL`,
      );
      const presentMembers = prepare<[string], { entry_id: string }>(
        `SELECT m.entry_id FROM rotation_members m JOIN queue_entries e ON e.id = m.entry_id
         WHERE m.group_id = ? AND e.status IN ('waiting', 'away')`,
      );
      return (p) => {
        groupStarted.run(p);
        const members = presentMembers.all(p.groupId);
        if (
          !startInteraction({
            ...p,
            mode: 'rotation',
            topic: null,
            rotationId: p.rotationId,
            groupId: p.groupId,
          })
        ) {
          return;
        }
        for (const m of members) {
          insertParticipant(p.turnId, m.entry_id, p.startedAt);
          beingCoached(m.entry_id, p.startedAt);
        }
      };
    },
    footprint: (p, at) => {
      at.makes('turn', p.turnId);
      const tableId = at.table(p.tableId);
      const rotationTable = at.rotation(p.rotationId);
      if (tableId !== undefined && rotationTable !== undefined && rotationTable !== tableId) at.unplaceable();
      const rotationId = at.groupRotation(p.groupId);
      if (rotationId === undefined) at.absent(p.groupId);
      else if (rotationId !== p.rotationId) at.unplaceable();
      // Those called are the group's members still present: each may have a copy elsewhere.
      else for (const entryId of at.groupMembers(p.groupId)) at.entry(entryId, rotationTable);
    },
    leaves: 'always',
    exportRead: {
      facts: ['interactions', 'participations', 'entries'],
      table: 'tableId',
    },
  },
  /** Someone arriving during a rotation joins a group (or opens a new one at the end). */
  'rotation.joined': {
    payload: opPayloads['rotation.joined'],
    project:
      ({ insertGroup, insertMember }) =>
      (p) => {
        if (p.newGroupPosition !== undefined) insertGroup(p.groupId, p.rotationId, p.newGroupPosition);
        insertMember(p.groupId, p.entryId);
      },
    footprint: (p, at) => {
      const tableId = at.rotation(p.rotationId);
      if (p.newGroupPosition !== undefined) at.makes('group', p.groupId);
      else {
        const rotationId = at.groupRotation(p.groupId);
        if (rotationId === undefined) at.absent(p.groupId);
        else if (rotationId !== p.rotationId) at.unplaceable();
      }
      at.entry(p.entryId, tableId);
    },
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
  /** The command `rotation.setAutoAdvance`: whether the next group is called at the deadline. */
  'rotation.autoAdvance': {
    payload: opPayloads['rotation.autoAdvance'],
    project: ({ prepare }) => {
      const rotationAuto = prepare(`UPDATE rotations SET auto_advance = @autoAdvance WHERE id = @rotationId`);
      return (p) => rotationAuto.run({ ...p, autoAdvance: p.autoAdvance ? 1 : 0 });
    },
    footprint: (p, at) => void at.rotation(p.rotationId),
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
  'rotation.ended': {
    payload: opPayloads['rotation.ended'],
    project: ({ prepare }) => {
      const rotationEnded = prepare(
        `UPDATE rotations SET ended_at = @endedAt WHERE id = @rotationId AND ended_at IS NULL`,
      );
      return (p) => rotationEnded.run(p);
    },
    footprint: (p, at) => void at.rotation(p.rotationId),
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
} satisfies OpSpecs<
  | 'group.started'
  | 'rotation.started'
  | 'rotation.groupStarted'
  | 'rotation.joined'
  | 'rotation.autoAdvance'
  | 'rotation.ended'
>;
