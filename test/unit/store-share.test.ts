/**
 * The renderer's store keeps what did not change: snapshots built by the real
 * core before and after one command, reconciled as the store does.
 */
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../renderer/src/store/share.js';
import type { Snapshot } from '../../shared/contract.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

function setUp() {
  const { core, clock } = testCore();
  ok(core.call('event.create', EVENT));
  const a = ok(core.call('table.create', TABLE)).tableId;
  const b = ok(core.call('table.create', { ...TABLE, name: 'Table 2', coaches: ['Jean Dupont'] })).tableId;
  for (const name of ['Ana', 'Ben', 'Caro']) {
    ok(core.call('walkin.add', { tableId: a, name, topics: ['Personal branding'], partySize: 1 }));
    ok(core.call('walkin.add', { tableId: b, name: `${name} B`, topics: [], partySize: 1 }));
  }
  const snapshot = (): Snapshot => JSON.parse(JSON.stringify(core.snapshot())) as Snapshot;
  return { core, clock, a, b, snapshot };
}

describe('keepUnchanged: structural sharing of pushed snapshots', () => {
  it('a walk-in at one table: the other table, the event and every earlier entry keep their identity', () => {
    const { core, a, snapshot } = setUp();
    const before = keepUnchanged(null, snapshot());
    ok(core.call('walkin.add', { tableId: a, name: 'Dev', topics: [], partySize: 1 }));
    const next = snapshot();
    const after = keepUnchanged(before, next);

    expect(after).toEqual(next);
    expect(after).not.toBe(before);
    expect(after.event).toBe(before.event);
    expect(after.tables[1]).toBe(before.tables[1]);
    expect(after.tables[0]).not.toBe(before.tables[0]);
    expect(after.tables[0]!.queue).toHaveLength(4);
    for (let i = 0; i < 3; i++) expect(after.tables[0]!.queue[i]).toBe(before.tables[0]!.queue[i]);
  });

  it('someone leaving the front of the queue: the others keep their identity, matched by id, though their place changed', () => {
    const { core, snapshot } = setUp();
    const before = keepUnchanged(null, snapshot());
    const [first, second] = before.tables[0]!.queue;
    ok(core.call('entry.setStatus', { entryId: first!.id, status: 'removed' }));
    const next = snapshot();
    const after = keepUnchanged(before, next);
    expect(after).toEqual(next);
    // Ben's place went from 2 to 1, so his entry is a new object; its topics array is still the old one.
    const ben = after.tables[0]!.queue[0]!;
    expect(ben.id).toBe(second!.id);
    expect(ben.topics).toBe(second!.topics);
    expect(after.tables[1]).toBe(before.tables[1]);
  });

  it('the same snapshot pushed again is the previous object itself', () => {
    const { snapshot } = setUp();
    const before = keepUnchanged(null, snapshot());
    expect(keepUnchanged(before, snapshot())).toBe(before);
  });

  it('keys added or removed, and values turning null, are not mistaken for no change', () => {
    const prev = { a: 1, b: { c: [1, 2] } };
    expect(keepUnchanged(prev, { a: 1 })).toEqual({ a: 1 });
    expect(keepUnchanged(prev, { a: 1, b: { c: [1, 2] }, d: 0 })).toEqual({ a: 1, b: { c: [1, 2] }, d: 0 });
    expect(keepUnchanged(prev, { a: 1, b: null })).toEqual({ a: 1, b: null });
    const same = keepUnchanged(prev, { a: 1, b: { c: [1, 2, 3] } });
    expect(same).toEqual({ a: 1, b: { c: [1, 2, 3] } });
    expect(keepUnchanged(prev, { a: 1, b: { c: [1, 2] } })).toBe(prev);
  });
});
