/**
 * Undo of End turn and of Start turn, for a short while (issue 13): through an
 * operation (the log keeps both), restoring exactly what was there (the turn
 * running with its deadline and its people, or the people back in the queue
 * at their places), the same on another laptop after sync, and refused with
 * a reason when it can no longer be undone.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { UNDO_TURN_ACCEPT_MS } from '../../shared/domain/timer.js';
import { EVENT, TABLE, dumpState, dumpTables, ok, testCore } from './helpers.js';

function floor(prefix = 'id') {
  const t = testCore({ prefix });
  ok(t.core.call('event.create', EVENT));
  const { tableId } = ok(t.core.call('table.create', TABLE));
  const people = ['Ana', 'Bo', 'Chen'].map((name) => ok(t.core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId);
  const table = () => ok(t.core.call('snapshot.get', {})).tables[0]!;
  return { ...t, tableId, people, table };
}

const reason = (r: { ok: boolean; error?: { params?: Record<string, unknown> } }) => (r.ok ? null : r.error?.params?.reason);

/** Deliver everything `to` lacks from `from` (what a sync round does). */
function sync(from: Core, to: Core): void {
  to.applyOps(from.missingFor(to.vector(), 10_000).ops);
}

describe('undo of End turn', () => {
  it('the turn runs again with its deadline and its people: the tables are exactly as before End turn', () => {
    const { core, clock, db, tableId, people, table } = floor();
    const { turnId, deadline } = ok(core.call('turn.start', { tableId }));
    clock.advance(4 * 60_000);
    const before = dumpTables(db);
    ok(core.call('turn.end', { turnId }));
    expect(table().currentTurn).toBeNull();
    clock.advance(15_000);
    const r = ok(core.call('turn.undoEnd', { turnId }));
    expect(r.deadline).toBe(deadline);
    expect(dumpTables(db)).toEqual(before);
    expect(table().currentTurn).toMatchObject({ id: turnId, deadline, endedAt: null });
    expect(table().currentTurn!.participants.map((p) => p.id)).toEqual([people[0]]);
    expect(core.timers.tick().turns.map((t) => t.turnId)).toEqual([turnId]);
    // The log keeps the end and its undo.
    expect(core.ops().map((o) => o.type).slice(-2)).toEqual(['turn.ended', 'turn.reopened']);
    core.close();
  });

  it('is refused when too late, once another turn runs, and for a turn still running; nothing changes', () => {
    const { core, clock, db, tableId } = floor();
    const first = ok(core.call('turn.start', { tableId })).turnId;
    expect(reason(core.call('turn.undoEnd', { turnId: first }))).toBe('turn_not_ended');
    ok(core.call('turn.end', { turnId: first }));
    const second = ok(core.call('turn.start', { tableId })).turnId;
    let before = dumpState(db);
    expect(reason(core.call('turn.undoEnd', { turnId: first }))).toBe('other_turn_running');
    expect(dumpState(db)).toEqual(before);
    ok(core.call('turn.end', { turnId: second }));
    clock.advance(UNDO_TURN_ACCEPT_MS + 1);
    before = dumpState(db);
    expect(reason(core.call('turn.undoEnd', { turnId: second }))).toBe('undo_too_late');
    expect(dumpState(db)).toEqual(before);
    core.close();
  });

  it('reaches another laptop by sync; a turn started there meanwhile wins, alike on both', () => {
    const a = floor('a');
    const b = testCore({ prefix: 'b', clock: a.clock });
    sync(a.core, b.core);
    const { turnId } = ok(a.core.call('turn.start', { tableId: a.tableId }));
    ok(a.core.call('turn.end', { turnId }));
    sync(a.core, b.core);
    a.clock.advance(5_000);
    ok(a.core.call('turn.undoEnd', { turnId }));
    sync(a.core, b.core);
    const onB = () => ok(b.core.call('snapshot.get', {})).tables[0]!;
    expect(onB().currentTurn?.id).toBe(turnId);
    expect(dumpTables(b.db)).toEqual(dumpTables(a.db));

    // Again, but this time B calls the next person before A's undo arrives.
    ok(a.core.call('turn.end', { turnId }));
    sync(a.core, b.core);
    a.clock.advance(1_000);
    const next = ok(b.core.call('turn.start', { tableId: a.tableId })).turnId;
    a.clock.advance(1_000);
    ok(a.core.call('turn.undoEnd', { turnId }));
    sync(a.core, b.core);
    sync(b.core, a.core);
    expect(onB().currentTurn?.id).toBe(next);
    expect(a.table().currentTurn?.id).toBe(next);
    expect(dumpTables(b.db)).toEqual(dumpTables(a.db));
    a.core.close();
    b.core.close();
  });
});

describe('undo of Start turn', () => {
  it('puts the person back in the queue at their place, and the turn is gone', () => {
    const { core, clock, tableId, people, table } = floor();
    ok(core.call('queue.move', { entryId: people[2]!, direction: 'up' }));
    const queue = () => table().queue.map((e) => ({ id: e.id, rank: e.rank, status: e.status, position: e.position }));
    const before = queue();
    const { turnId } = ok(core.call('turn.start', { tableId, entryId: people[2]! }));
    expect(table().queue.map((e) => e.id)).toEqual([people[0], people[1]]);
    clock.advance(10_000);
    const r = ok(core.call('turn.undoStart', { turnId }));
    expect(r.entryIds).toEqual([people[2]]);
    expect(queue()).toEqual(before);
    expect(table().currentTurn).toBeNull();
    expect(table().pastTurns).toEqual([]);
    expect(core.timers.tick().turns).toEqual([]);
    expect(core.ops().map((o) => o.type).slice(-2)).toEqual(['turn.started', 'turn.cancelled']);
    // Replaying the log gives the same.
    const tables = dumpTables(core.database);
    core.rebuildFromLog();
    expect(dumpTables(core.database)).toEqual(tables);
    core.close();
  });

  it('a topic focus taken back: everyone in it waits again', () => {
    const { core, tableId, people, table } = floor();
    const { turnId } = ok(core.call('focus.start', { tableId, topic: 'Personal branding', entryIds: people.slice(0, 2), minutes: 10 }));
    ok(core.call('turn.undoStart', { turnId }));
    expect(table().queue.map((e) => [e.id, e.status])).toEqual(people.map((id) => [id, 'waiting']));
    core.close();
  });

  it('is refused once a note is written, when too late, for a rotation group and after the end; nothing changes', () => {
    const { core, clock, db, tableId } = floor();
    const withNote = ok(core.call('turn.start', { tableId })).turnId;
    ok(core.call('note.save', { turnId: withNote, text: 'Wants a plan' }));
    let before = dumpState(db);
    expect(reason(core.call('turn.undoStart', { turnId: withNote }))).toBe('turn_has_records');
    expect(dumpState(db)).toEqual(before);
    ok(core.call('turn.end', { turnId: withNote }));
    expect(reason(core.call('turn.undoStart', { turnId: withNote }))).toBe('turn_ended');

    const late = ok(core.call('turn.start', { tableId })).turnId;
    clock.advance(UNDO_TURN_ACCEPT_MS + 1);
    before = dumpState(db);
    expect(reason(core.call('turn.undoStart', { turnId: late }))).toBe('undo_too_late');
    expect(dumpState(db)).toEqual(before);
    ok(core.call('turn.end', { turnId: late }));

    ok(core.call('walkin.add', { tableId, name: 'Dara', topics: [], partySize: 1 }));
    const { groups } = ok(core.call('rotation.propose', { tableId, maxGroupSize: 2 }));
    const { turnId } = ok(core.call('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 5, autoAdvance: false, groups }));
    expect(reason(core.call('turn.undoStart', { turnId }))).toBe('undo_rotation');
    core.close();
  });
});

describe('feedback and the undos: one rule (reads.turnRecords)', () => {
  it('End turn is not undone once feedback was given on the ended turn: the card never counts twice, nor without its turn', () => {
    const { core, clock, db, tableId } = floor('fb');
    const { turnId } = ok(core.call('turn.start', { tableId }));
    clock.advance(5 * 60_000);
    ok(core.call('turn.end', { turnId }));
    clock.advance(3_000);
    ok(core.call('feedback.record', { turnId, useful: 5, wantsMentoring: false }));
    clock.advance(3_000);
    const before = dumpState(db);
    // Before: the turn ran again (then could end again and take more cards, or be cancelled with its card left behind).
    expect(reason(core.call('turn.undoEnd', { turnId }))).toBe('turn_has_feedback');
    expect(dumpState(db)).toEqual(before);
    // A second card for the same turn is still taken (another participant of it), and still no undo.
    ok(core.call('feedback.record', { turnId, useful: 4, wantsMentoring: true }));
    expect(reason(core.call('turn.undoEnd', { turnId }))).toBe('turn_has_feedback');
    core.close();
  });

  it("a card for the turn before does not hold the next turn: its Start turn is undone, and the card stays the earlier turn's", () => {
    const { core, clock, tableId, table } = floor('fc');
    const first = ok(core.call('turn.start', { tableId })).turnId;
    clock.advance(5 * 60_000);
    ok(core.call('turn.end', { turnId: first }));
    clock.advance(1_000);
    const next = ok(core.call('turn.start', { tableId })).turnId;
    clock.advance(2_000);
    // The one who just left fills the card on the laptop while the next turn starts.
    ok(core.call('feedback.record', { turnId: first, useful: 5, wantsMentoring: false }));
    ok(core.call('turn.undoStart', { turnId: next }));
    expect(table().currentTurn).toBeNull();
    // An End turn undone with no card, then ended again and given a card: the undo of its start (running again) and
    // of its end both see the card given since its earlier end.
    const third = ok(core.call('turn.start', { tableId })).turnId;
    clock.advance(60_000);
    ok(core.call('turn.end', { turnId: third }));
    ok(core.call('turn.undoEnd', { turnId: third }));
    clock.advance(1_000);
    ok(core.call('turn.end', { turnId: third }));
    ok(core.call('feedback.record', { turnId: third, useful: 2, wantsMentoring: false }));
    expect(reason(core.call('turn.undoEnd', { turnId: third }))).toBe('turn_has_feedback');
    core.close();
  });

  it('a card that arrives after another laptop undid End turn holds its Start turn too (never a card without its turn)', () => {
    const a = floor('fa');
    const b = testCore({ prefix: 'fb', clock: a.clock });
    const { turnId } = ok(a.core.call('turn.start', { tableId: a.tableId }));
    a.clock.advance(5_000);
    ok(a.core.call('turn.end', { turnId }));
    sync(a.core, b.core);
    a.clock.advance(2_000);
    ok(a.core.call('feedback.record', { turnId, useful: 5, wantsMentoring: false }));
    // Apart, the other laptop undoes the end; then the card reaches it.
    ok(b.core.call('turn.undoEnd', { turnId }));
    sync(a.core, b.core);
    expect(ok(b.core.call('snapshot.get', {})).tables[0]!.currentTurn?.id).toBe(turnId);
    const before = dumpState(b.db);
    expect(reason(b.core.call('turn.undoStart', { turnId }))).toBe('turn_has_feedback');
    expect(dumpState(b.db)).toEqual(before);
    a.core.close();
    b.core.close();
  });
});
