/**
 * Late operations applied in place (electron/core/footprint.ts). Each case
 * is a moment from the floor where an operation reaches a laptop after
 * others made later: when they touch different tables it applies where it
 * stands, without a replay; when they touch the same rows the laptop replays
 * the log. Either way the tables must be exactly what the log in HLC order
 * gives, which each case checks against a replay.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import type { Op } from '../../shared/ops.js';
import { dumpTables, EVENT, ok, T0, TABLE, testCore } from './helpers.js';

const MINUTE = 60_000;

/** A laptop with its own clock, which each case sets. */
function laptop(prefix: string): { core: Core; clock: ManualClock } {
  const clock = new ManualClock(T0);
  return { ...testCore({ clock, prefix }), clock };
}

/** Everything `to` lacks from `from`, as one batch. */
function sync(from: Core, to: Core): void {
  to.applyOps(from.missingFor(to.vector()).ops);
}

/**
 * `receiver` gets `late` after everything else it holds; returns whether it
 * had to replay, after checking the tables against a replay of its log.
 */
function arriveLate(receiver: Core, late: readonly Op[]): { replayed: boolean } {
  receiver.ensureFresh();
  const before = receiver.replays;
  receiver.applyOps(late);
  receiver.ensureFresh();
  const replayed = receiver.replays > before;
  const inPlace = dumpTables(receiver.database);
  receiver.rebuildFromLog();
  expect(inPlace).toEqual(dumpTables(receiver.database));
  return { replayed };
}

/** Operations `core` made itself with hlc after `since` (none of them sent yet). */
function madeBy(core: Core, since: Record<string, number>): Op[] {
  return core.missingFor(since).ops.filter((op) => op.deviceId === core.deviceId);
}

/** An organiser's laptop with the event and two coach laptops, each with its table, all in sync. */
function floor() {
  const o = laptop('o');
  const a = laptop('a');
  const b = laptop('b');
  ok(o.core.call('event.create', EVENT));
  sync(o.core, a.core);
  sync(o.core, b.core);
  const tableA = ok(a.core.call('table.create', { ...TABLE, name: 'Table A' })).tableId;
  const tableB = ok(b.core.call('table.create', { ...TABLE, name: 'Table B' })).tableId;
  for (const [x, y] of [[a, o], [b, o], [o, a], [o, b]] as const) sync(x.core, y.core);
  return { o, a, b, tableA, tableB };
}

describe('late operations', () => {
  it('a coach laptop back from a partition: its changes apply in place at the hub, no replay', () => {
    const { o, a, b, tableA, tableB } = floor();
    const start = o.core.vector();
    // A's changes are older than B's, and reach the hub last.
    a.clock.set(T0 + 1 * MINUTE);
    for (let i = 0; i < 5; i++) ok(a.core.call('walkin.add', { tableId: tableA, name: `A${i}`, topics: [], partySize: 1 }));
    ok(a.core.call('turn.start', { tableId: tableA }));
    b.clock.set(T0 + 5 * MINUTE);
    for (let i = 0; i < 5; i++) ok(b.core.call('walkin.add', { tableId: tableB, name: `B${i}`, topics: [], partySize: 1 }));
    o.clock.set(T0 + 6 * MINUTE);
    ok(o.core.call('broadcast.send', { text: 'Ten minutes left' }));
    sync(b.core, o.core);
    const late = madeBy(a.core, start);
    expect(late.length).toBe(6);
    expect(arriveLate(o.core, late).replayed).toBe(false);
    expect(o.core.snapshot().tables.find((t) => t.id === tableA)?.queue).toHaveLength(4);
  });

  it('a late walk-in at a table the organiser has since closed: replay, and they were not reached', () => {
    const { o, a, tableA } = floor();
    const start = a.core.vector();
    a.clock.set(T0 + 1 * MINUTE);
    const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Bo', topics: [], partySize: 1 }));
    o.clock.set(T0 + 2 * MINUTE);
    ok(o.core.call('table.close', { tableId: tableA }));
    expect(arriveLate(o.core, madeBy(a.core, start)).replayed).toBe(true);
    expect(status(o.core, entryId)).toBe('not_reached');
  });

  it('a late walk-in, after a change to that person reached the hub first: replay, and the change stands', () => {
    const { o, a, tableA } = floor();
    const x = laptop('x');
    sync(a.core, x.core);
    const start = a.core.vector();
    a.clock.set(T0 + 1 * MINUTE);
    const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Ana', topics: [], partySize: 1 }));
    sync(a.core, x.core);
    x.clock.set(T0 + 2 * MINUTE);
    ok(x.core.call('entry.setStatus', { entryId, status: 'away' }));
    // X's change reaches the hub before A's walk-in: it refers to someone the hub does not hold yet.
    o.core.applyOps(madeBy(x.core, {}));
    expect(arriveLate(o.core, madeBy(a.core, start)).replayed).toBe(true);
    expect(status(o.core, entryId)).toBe('away');
  });

  it('a late "left" for someone whose turn has since ended: replay, and they stay left', () => {
    const { o, a, tableA } = floor();
    const x = laptop('x');
    sync(a.core, x.core);
    a.clock.set(T0 + 1 * MINUTE);
    const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Ana', topics: [], partySize: 1 }));
    sync(a.core, x.core);
    a.clock.set(T0 + 2 * MINUTE);
    const { turnId } = ok(a.core.call('turn.start', { tableId: tableA }));
    // X still sees Ana waiting and marks her left; A ends her turn later.
    const start = x.core.vector();
    x.clock.set(T0 + 3 * MINUTE);
    ok(x.core.call('entry.setStatus', { entryId, status: 'left' }));
    a.clock.set(T0 + 10 * MINUTE);
    ok(a.core.call('turn.end', { turnId }));
    sync(a.core, o.core);
    expect(arriveLate(o.core, madeBy(x.core, start)).replayed).toBe(true);
    expect(status(o.core, entryId)).toBe('left');
  });

  it('a late transfer to a table that has since closed and reopened: replay, and the person was not reached', () => {
    const { o, a, b, tableA, tableB } = floor();
    a.clock.set(T0 + 1 * MINUTE);
    const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Ana', topics: [], partySize: 1 }));
    sync(a.core, o.core);
    b.clock.set(T0 + 2 * MINUTE);
    ok(b.core.call('table.close', { tableId: tableB }));
    // The organiser has not heard that B closed; B reopens later.
    const start = o.core.vector();
    o.clock.set(T0 + 3 * MINUTE);
    const { newEntryId } = ok(o.core.call('entry.transfer', { entryId, toTableId: tableB }));
    b.clock.set(T0 + 4 * MINUTE);
    ok(b.core.call('table.reopen', { tableId: tableB }));
    const { core } = laptop('r');
    sync(a.core, core);
    sync(b.core, core);
    expect(arriveLate(core, madeBy(o.core, start)).replayed).toBe(true);
    expect(status(core, newEntryId)).toBe('not_reached');
  });

  it('a late call of someone already sent to another table and called there since: replay', () => {
    const { o, a, b, tableA, tableB } = floor();
    a.clock.set(T0 + 1 * MINUTE);
    const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Ana', topics: [], partySize: 1 }));
    sync(a.core, o.core);
    // The organiser sends Ana to B, and B calls her; A, not knowing, calls her in between.
    o.clock.set(T0 + 2 * MINUTE);
    const { newEntryId } = ok(o.core.call('entry.transfer', { entryId, toTableId: tableB }));
    sync(o.core, b.core);
    const startA = a.core.vector();
    a.clock.set(T0 + 3 * MINUTE);
    ok(a.core.call('turn.start', { tableId: tableA, entryId }));
    b.clock.set(T0 + 4 * MINUTE);
    ok(b.core.call('turn.start', { tableId: tableB, entryId: newEntryId }));
    const { core } = laptop('r');
    sync(o.core, core);
    sync(b.core, core);
    expect(arriveLate(core, madeBy(a.core, startA)).replayed).toBe(true);
    expect(status(core, entryId)).toBe('in_turn');
  });

  it('a late group call after one of its members was sent on and called elsewhere: in place, without them', () => {
    const { o, a, b, tableA, tableB } = floor();
    a.clock.set(T0 + 1 * MINUTE);
    const ids = [0, 1, 2].map((i) => ok(a.core.call('walkin.add', { tableId: tableA, name: `P${i}`, topics: [], partySize: 1 })).entryId);
    ok(a.core.call('rotation.start', { tableId: tableA, maxGroupSize: 2, turnMinutes: 15, autoAdvance: false, groups: [ids.slice(0, 2), ids.slice(2)] }));
    const rotationId = a.core.snapshot().tables.find((t) => t.id === tableA)!.rotation!.id;
    sync(a.core, o.core);
    o.clock.set(T0 + 2 * MINUTE);
    const { newEntryId } = ok(o.core.call('entry.transfer', { entryId: ids[2]!, toTableId: tableB }));
    sync(o.core, b.core);
    // A, not knowing of the transfer, calls the second group; then B calls the person sent to it.
    const startA = a.core.vector();
    a.clock.set(T0 + 3 * MINUTE);
    ok(a.core.call('rotation.next', { rotationId }));
    b.clock.set(T0 + 4 * MINUTE);
    ok(b.core.call('turn.start', { tableId: tableB, entryId: newEntryId }));
    const { core } = laptop('r');
    sync(o.core, core);
    sync(b.core, core);
    const late = madeBy(a.core, startA);
    expect(late.map((op) => op.type)).toContain('rotation.groupStarted');
    // The transfer took them out of the group before A called it; B's call touched only B's table.
    expect(arriveLate(core, late).replayed).toBe(false);
    expect(status(core, ids[2]!)).toBe('removed');
    expect(status(core, newEntryId)).toBe('in_turn');
  });
});

function status(core: Core, entryId: string): string | undefined {
  core.ensureFresh();
  return core.database.prepare<[string], { status: string }>(`SELECT status FROM queue_entries WHERE id = ?`).get(entryId)?.status;
}

describe('a laptop that stops while its tables lag the log', () => {
  it('replays at its next start: a late operation that needed a replay is in the tables after a restart with no read between', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tableside-stale-'));
    try {
      const file = join(dir, 'hub.sqlite');
      const clock = new ManualClock(T0);
      const o = { ...testCore({ clock, prefix: 'o', file }), clock };
      const a = laptop('a');
      ok(o.core.call('event.create', EVENT));
      sync(o.core, a.core);
      const tableA = ok(a.core.call('table.create', { ...TABLE, name: 'Table A' })).tableId;
      sync(a.core, o.core);
      o.core.ensureFresh();
      const start = a.core.vector();
      // A late walk-in at a table the organiser has since closed: it needs a replay (not reached).
      a.clock.set(T0 + 1 * MINUTE);
      const { entryId } = ok(a.core.call('walkin.add', { tableId: tableA, name: 'Bo', topics: [], partySize: 1 }));
      o.clock.set(T0 + 2 * MINUTE);
      ok(o.core.call('table.close', { tableId: tableA }));
      o.core.ensureFresh();
      o.core.applyOps(madeBy(a.core, start));
      // Stopped before anything read the tables (a crash would do the same): nothing replayed yet.
      o.core.close();
      const again = testCore({ clock, prefix: 'o2', file });
      expect(status(again.core, entryId)).toBe('not_reached');
      expect(again.db.prepare(`SELECT count(*) AS n FROM meta WHERE key = 'rebuild_projection'`).get()).toEqual({ n: 0 });
      again.core.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
