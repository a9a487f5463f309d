/**
 * A received operation stamped more than a day ahead of the floor's time
 * (shared/domain/hlc.ts MAX_AHEAD_MS) is held back: not stored, no clock
 * moved, the laptop's later operations with it; taken once the floor's time
 * comes near it. A log to import that holds one is refused whole.
 */
import { describe, expect, it } from 'vitest';
import { hlcParse, hlcToString, MAX_AHEAD_MS } from '../../shared/domain/hlc.js';
import type { Op } from '../../shared/ops.js';
import { EVENT, TABLE, ok, T0, testCore } from './helpers.js';

const FAR = Date.UTC(2090, 0, 1);

function remoteWalkIn(tableId: string, seq: number, wall: number): Op {
  return {
    id: `remote-${seq}`,
    deviceId: 'remote-laptop',
    seq,
    hlc: hlcToString({ wall, counter: 0, node: 'remote-laptop' }),
    type: 'walkin.added',
    payload: { entryId: `remote-entry-${seq}`, tableId, ticket: 100 + seq, name: `Remote ${seq}`, topics: [], partySize: 1, joinedAt: wall, languages: [] },
  } as Op;
}

describe('a far-future operation does not drag the clock', () => {
  it('is held back with every later one of its laptop, moves no clock, is said, and is taken once the floor comes near it', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const tableId = ok(core.call('table.create', TABLE)).tableId;
    const before = core.opCount();
    // A laptop whose clock said 2090 made a walk-in, then one at the floor's time.
    expect(core.applyOps([remoteWalkIn(tableId, 1, FAR), remoteWalkIn(tableId, 2, T0)])).toBe(0);
    expect(core.opCount()).toBe(before);
    expect(core.vector()['remote-laptop']).toBeUndefined();
    expect(core.heldAhead()).toEqual({ count: 2, latestAt: FAR });
    // This laptop's next operation is stamped at its own time, not in 2090.
    ok(core.call('walkin.add', { tableId, name: 'Ana', topics: ['Personal branding'], partySize: 1 }));
    expect(hlcParse(core.ops().at(-1)!.hlc).wall).toBe(T0);
    // Up to a day (26 h) ahead is taken as always (a laptop set in the wrong time zone).
    expect(core.applyOps([{ ...remoteWalkIn(tableId, 1, T0 + MAX_AHEAD_MS), deviceId: 'zone-laptop', id: 'zone-1', hlc: hlcToString({ wall: T0 + MAX_AHEAD_MS, counter: 0, node: 'zone-laptop' }) }])).toBe(1);
    // When the floor's time comes within a day of it, the same operations are taken, in order.
    clock.set(FAR - MAX_AHEAD_MS + 60_000);
    expect(core.applyOps([remoteWalkIn(tableId, 1, FAR), remoteWalkIn(tableId, 2, T0)])).toBe(2);
    expect(core.vector()['remote-laptop']).toBe(2);
    expect(core.heldAhead()).toBeNull();
  });

  it('a log to import with an operation stamped in 2090 is refused whole, naming it', () => {
    const source = testCore({ prefix: 'src' });
    ok(source.core.call('event.create', EVENT));
    const tableId = ok(source.core.call('table.create', TABLE)).tableId;
    const ops = [...source.core.ops(), remoteWalkIn(tableId, 1, FAR)];
    const target = testCore({ prefix: 'dst' });
    expect(() => target.core.importOps(ops)).toThrow(expect.objectContaining({ reason: 'import_ahead', params: expect.objectContaining({ position: 3, date: '2090-01-01', hours: 26 }) }));
    expect(target.core.opCount()).toBe(0);
    source.core.close();
    target.core.close();
  });
});
