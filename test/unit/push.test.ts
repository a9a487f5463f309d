/**
 * Pushes of what changed: a UI that applies them to the first snapshot holds
 * exactly what the core would send whole, after every kind of command; and a
 * walk-in at one table pushes that table's new entry, not the event.
 */
import { describe, expect, it } from 'vitest';
import type { Push, Snapshot } from '../../shared/contract.js';
import { applyChanges } from '../../shared/push.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function follow(core: ReturnType<typeof testCore>['core']) {
  const pushes: Push[] = [];
  core.subscribe((p) => {
    if (p.type === 'snapshot' || p.type === 'changes') pushes.push(p);
  });
  let state: Snapshot | null = null;
  return {
    pushes,
    /** The UI's state after every push so far. */
    state(): Snapshot | null {
      for (const p of pushes.splice(0)) {
        if (p.type === 'snapshot') state = p.payload;
        else if (p.type === 'changes') state = state ? applyChanges(state, p.payload) : null;
      }
      return state;
    },
  };
}

describe('pushes carry what changed', () => {
  it('a walk-in at one of two tables pushes that table with the one new entry', async () => {
    const { core } = testCore();
    const ui = follow(core);
    ok(core.call('event.create', EVENT));
    const a = ok(core.call('table.create', TABLE)).tableId;
    ok(core.call('table.create', { ...TABLE, name: 'Table 2' }));
    for (const name of ['Ana', 'Ben']) ok(core.call('walkin.add', { tableId: a, name, topics: [], partySize: 1 }));
    await settle();
    ui.state();
    ok(core.call('walkin.add', { tableId: a, name: 'Caro', topics: [], partySize: 1 }));
    await settle();
    expect(ui.pushes).toHaveLength(1);
    const push = ui.pushes[0]!;
    expect(push.type).toBe('changes');
    if (push.type !== 'changes') return;
    expect(push.payload.tables.map((t) => t.id)).toEqual([a]);
    expect(push.payload.tables[0]!.queue?.upsert.map((e) => e.name)).toEqual(['Caro']);
    expect(push.payload.tables[0]!.queue?.remove).toEqual([]);
    expect(push.payload.event).toBeUndefined();
    expect(ui.state()).toEqual(core.snapshot());
  });

  it('applied in order, the pushes give the whole snapshot after every kind of command', async () => {
    const { core, clock } = testCore();
    const ui = follow(core);
    const check = async () => {
      await settle();
      expect(ui.state()).toEqual(core.snapshot());
    };
    ok(core.call('event.create', EVENT));
    const a = ok(core.call('table.create', TABLE)).tableId;
    const b = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    await check();
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Caro', 'Dev', 'Eli', 'Fay']) {
      ids.push(ok(core.call('walkin.add', { tableId: a, name, topics: ['Personal branding'], partySize: 1 })).entryId);
      clock.advance(60_000);
      await check();
    }
    ok(core.call('queue.move', { entryId: ids[2]!, direction: 'up' }));
    await check();
    ok(core.call('entry.setStatus', { entryId: ids[0]!, status: 'no_show' }));
    await check();
    ok(core.call('entry.setStatus', { entryId: ids[1]!, status: 'away' }));
    await check();
    const { turnId } = ok(core.call('turn.start', { tableId: a }));
    await check();
    ok(core.call('note.save', { turnId, text: 'Talked about a personal brand.' }));
    await check();
    clock.advance(15 * 60_000);
    ok(core.call('turn.end', { turnId }));
    await check();
    const plenary = ok(core.call('plenary.start', { tableId: a, minutes: 5 }));
    await check();
    ok(core.call('turn.end', { turnId: plenary.turnId }));
    await check();
    ok(core.call('entry.transfer', { entryId: ids[4]!, toTableId: b }));
    await check();
    ok(core.call('entry.setStatus', { entryId: ids[0]!, status: 'waiting' }));
    await check();
    ok(core.call('table.close', { tableId: a }));
    await check();
    ok(core.call('table.reopen', { tableId: a }));
    await check();
  });
});
