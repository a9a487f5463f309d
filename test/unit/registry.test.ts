/**
 * The registry's declarations hold for the real operations: each type's
 * `exportRead` names every export fact its projection changes and the field
 * naming its coaching table, and its `leaves` rule is what the op log sends.
 */
import { describe, expect, it } from 'vitest';
import type { ExportFactKind } from '../../electron/core/operation.js';
import { OP_TYPES, mayLeave, opSpec } from '../../electron/core/registry.js';
import type { Core } from '../../electron/core/core.js';
import { opPayloads, type OpType } from '../../shared/ops.js';
import { EVENT, ok, TABLE, testCore } from './helpers.js';

const FACT_KINDS: readonly ExportFactKind[] = ['event', 'tables', 'entries', 'interactions', 'participations', 'followUps', 'feedback'];

/** A day in which every operation type is written at least once. */
function everyKindOfDay(core: Core): void {
  ok(core.call('event.create', EVENT));
  const topic = ok(core.call('topic.add', { label: 'Careers' })).topicId;
  ok(core.call('topic.remove', { topicId: topic }));
  ok(core.call('event.update', { ...EVENT, place: 'Hall 2' }));
  const t1 = ok(core.call('table.create', TABLE)).tableId;
  const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
  ok(core.call('table.update', { tableId: t1, fields: { ...TABLE, turnMinutes: 12 } }));
  ok(core.call('table.configure', { tableId: t1, holdMinutes: 5, maxGroupSize: 2, rotationMinutes: 10, autoAdvance: false, questions: ['Why?'] }));
  const people = ['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Fe'].map(
    (name) => ok(core.call('walkin.add', { tableId: t1, name, topics: [TABLE.topics[0]!], partySize: 1 })).entryId,
  );
  ok(core.call('queue.move', { entryId: people[1]!, direction: 'up' }));
  ok(core.call('entry.setStatus', { entryId: people[5]!, status: 'away' }));
  const turn = ok(core.call('turn.start', { tableId: t1, entryId: people[0]! })).turnId;
  ok(core.call('note.save', { turnId: turn, text: 'Shared', shared: true }));
  const followUp = ok(core.call('followup.record', { entryId: people[0]!, turnId: turn, consent: true, contact: 'ana@example.org' })).followUpId;
  ok(core.call('followup.edit', { followUpId: followUp, contact: 'ana@example.net', note: 'Slides' }));
  ok(core.call('followup.withdraw', { followUpId: followUp }));
  ok(core.call('turn.extend', { turnId: turn, minutes: 5 }));
  ok(core.call('turn.pause', { turnId: turn }));
  ok(core.call('turn.resume', { turnId: turn }));
  ok(core.call('turn.end', { turnId: turn }));
  ok(core.call('turn.undoEnd', { turnId: turn }));
  ok(core.call('turn.end', { turnId: turn }));
  ok(core.call('feedback.record', { turnId: turn, useful: 4, wantsMentoring: true, comment: 'Clear next steps' }));
  ok(core.call('turn.undoStart', { turnId: ok(core.call('turn.start', { tableId: t1 })).turnId }));
  const plenary = ok(core.call('plenary.start', { tableId: t1, minutes: 5 })).turnId;
  ok(core.call('turn.end', { turnId: plenary }));
  const focus = ok(core.call('focus.start', { tableId: t1, topic: 'Careers', entryIds: [people[1]!], minutes: 5 })).turnId;
  ok(core.call('note.save', { turnId: focus, text: 'Private' }));
  ok(core.call('turn.end', { turnId: focus }));
  ok(core.call('entry.transfer', { entryId: people[2]!, toTableId: t2 }));
  ok(core.call('table.takeOver', { tableId: t2 }));
  // "This is my table" (laptop.claimed), then none again, so the day goes on acting on every table.
  ok(core.call('settings.update', { myTables: [t2] }));
  ok(core.call('settings.update', { myTables: [] }));
  // The rehearsal's player said in the log (the rehearsal service writes it; here on any event).
  core.recordPlayer({ playing: true, speed: 20, minute: 12.5, next: 9, floorAt: core.clock.now() });
  const { groups } = ok(core.call('rotation.propose', { tableId: t1, maxGroupSize: 2 }));
  const rotation = ok(core.call('rotation.start', { tableId: t1, maxGroupSize: 2, turnMinutes: 5, autoAdvance: false, groups })).rotationId;
  ok(core.call('walkin.add', { tableId: t1, name: 'Gi', topics: [], partySize: 1 }));
  ok(core.call('rotation.setAutoAdvance', { rotationId: rotation, autoAdvance: true }));
  ok(core.call('rotation.next', { rotationId: rotation }));
  ok(core.call('rotation.end', { rotationId: rotation }));
  ok(core.call('broadcast.send', { text: 'Coffee' }));
  ok(core.call('table.close', { tableId: t1 }));
  ok(core.call('table.reopen', { tableId: t1 }));
}

describe('the registry', () => {
  it("each type's export reading names every export fact its projection changes, and nothing else changes", () => {
    const { core } = testCore({ prefix: 'day' });
    everyKindOfDay(core);
    const ops = core.ops();
    expect(OP_TYPES.filter((type) => !ops.some((op) => op.type === type))).toEqual([]);

    const { core: fresh } = testCore({ prefix: 'fresh' });
    const device = { id: fresh.deviceId, name: '' };
    const facts = () => {
      const f = fresh.exportFacts(device, 0);
      // Without an event there are no facts: no event, and every list empty.
      return Object.fromEntries(FACT_KINDS.map((k) => [k, JSON.stringify(f ? f[k] : k === 'event' ? null : [])]));
    };
    const changedBy = new Map<OpType, Set<ExportFactKind>>();
    for (const op of ops) {
      const before = facts();
      fresh.applyOps([op]);
      const after = facts();
      const changed = changedBy.get(op.type) ?? new Set();
      for (const k of FACT_KINDS) if (before[k] !== after[k]) changed.add(k);
      changedBy.set(op.type, changed);
    }
    for (const type of OP_TYPES) {
      const declared = new Set(opSpec(type).exportRead.facts);
      expect([...(changedBy.get(type) ?? [])].filter((k) => !declared.has(k)), `${type} changes undeclared facts`).toEqual([]);
    }
    core.close();
    fresh.close();
  });

  it('names the coaching table of every type whose payload has one', () => {
    for (const type of OP_TYPES) {
      const shape = (opPayloads[type] as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expect(opSpec(type).exportRead.table, type).toBe('tableId' in shape ? 'tableId' : null);
    }
  });

  it('sends what may leave and keeps what may not: the op log follows each type\'s rule', () => {
    const { core } = testCore({ prefix: 'day' });
    everyKindOfDay(core);
    const sent = new Set(core.missingFor({}).ops.map((op) => op.id));
    const kept = core.ops().filter((op) => !sent.has(op.id));
    expect(kept.map((op) => op.type)).toEqual(['note.saved']);
    for (const op of core.ops()) expect(mayLeave(op), `${op.type} ${op.id}`).toBe(sent.has(op.id));
    core.close();
  });
});
