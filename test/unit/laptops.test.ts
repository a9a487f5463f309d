/**
 * Which laptop runs which table: a laptop that says "this is my table" (its
 * settings) may change only its own tables; a command on another table's
 * turn, queue or notes is refused with a reason code and changes nothing,
 * until the laptop takes that table over, which is logged (who, from which
 * laptop, when) and travels to the other laptops like any operation. A
 * laptop that claims no table (the organiser's) acts on every table.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/db.js';
import { memorySettings } from '../../electron/core/settings.js';
import type { Envelope } from '../../shared/contract.js';
import { otherRunners, tableRunners } from '../../shared/domain/laptop.js';
import { EVENT, T0, TABLE, dumpState, ok, sequentialIds } from './helpers.js';

function laptop(name: string, prefix: string, clock: ManualClock) {
  const db = openDatabase(':memory:');
  const core = new Core({ db, clock, newId: sequentialIds(prefix), settings: memorySettings(name), log: () => {} });
  return { core, db };
}

/** Everything `from` holds that `to` lacks, applied on `to` (what a sync round carries). */
function sync(from: Core, to: Core): void {
  to.applyOps(from.missingFor(to.vector()).ops);
}

function refusal(envelope: Envelope<unknown>): { reason: unknown; params: unknown } {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('accepted');
  expect(envelope.error.code).toBe('rejected');
  const { reason, ...params } = envelope.error.params ?? {};
  return { reason, params };
}

function floor() {
  const clock = new ManualClock(T0);
  const organiser = laptop('Organiser desk', 'o', clock);
  const anna = laptop('Anna laptop', 'a', clock);
  const ben = laptop('Ben laptop', 'b', clock);
  ok(organiser.core.call('event.create', EVENT));
  const t1 = ok(organiser.core.call('table.create', TABLE)).tableId;
  const t2 = ok(organiser.core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
  sync(organiser.core, anna.core);
  sync(organiser.core, ben.core);
  ok(anna.core.call('settings.update', { myTables: [t1] }));
  ok(ben.core.call('settings.update', { myTables: [t2] }));
  return { clock, organiser, anna, ben, t1, t2 };
}

describe('this is my table', () => {
  it('keeps the claim in the laptop settings and shows it in the snapshot', () => {
    const { anna, t1 } = floor();
    expect(ok(anna.core.call('settings.get', {})).myTables).toEqual([t1]);
    expect(ok(anna.core.call('snapshot.get', {})).device.myTables).toEqual([t1]);
    // A claim grants nothing: no takeover was written, only what the laptop claims (for the other laptops to know).
    expect(anna.core.exportLog().some((op) => op.type === 'table.takenOver')).toBe(false);
    expect(anna.core.exportLog().filter((op) => op.type === 'laptop.claimed')).toHaveLength(1);
  });

  it("refuses another table's turn, queue and notes on a laptop that claims a table, changing nothing", () => {
    const { anna, ben, t1, t2 } = floor();
    ok(ben.core.call('walkin.add', { tableId: t2, name: 'Bo', topics: [], partySize: 1 }));
    const turn = ok(ben.core.call('turn.start', { tableId: t2 })).turnId;
    sync(ben.core, anna.core);
    const before = dumpState(anna.db);

    const refusals = [
      anna.core.call('turn.end', { turnId: turn }),
      anna.core.call('note.save', { turnId: turn, text: 'Not mine' }),
      anna.core.call('walkin.add', { tableId: t2, name: 'Cy', topics: [], partySize: 1 }),
      anna.core.call('table.close', { tableId: t2 }),
    ].map(refusal);
    for (const r of refusals) expect(r).toEqual({ reason: 'table_not_yours', params: { table: 'Table 2' } });
    expect(dumpState(anna.db)).toEqual(before);

    // Its own table as before; sending someone from its own table to another is the organiser's move it may make.
    const entry = ok(anna.core.call('walkin.add', { tableId: t1, name: 'Di', topics: [], partySize: 1 })).entryId;
    ok(anna.core.call('entry.transfer', { entryId: entry, toTableId: t2 }));
    ok(anna.core.call('broadcast.send', { text: 'Plenary at noon' }));
  });

  it('lets a laptop that claims no table act on every table', () => {
    const { organiser, t1, t2 } = floor();
    for (const tableId of [t1, t2]) {
      ok(organiser.core.call('walkin.add', { tableId, name: 'Ed', topics: [], partySize: 1 }));
      ok(organiser.core.call('turn.start', { tableId }));
    }
  });

  it('takes a table over: logged with who, from which laptop and when; the other laptop is then read-only there', () => {
    const { clock, anna, ben, t2 } = floor();
    ok(ben.core.call('walkin.add', { tableId: t2, name: 'Bo', topics: [], partySize: 1 }));
    sync(ben.core, anna.core);
    clock.advance(60_000);
    const result = ok(anna.core.call('table.takeOver', { tableId: t2 }));
    const benId = ok(ben.core.call('snapshot.get', {})).device.id;
    const annaId = ok(anna.core.call('snapshot.get', {})).device.id;
    expect(result.fromDeviceId).toBe(benId);
    const table = ok(anna.core.call('snapshot.get', {})).tables.find((t) => t.id === t2)!;
    expect(table.takenOver).toEqual({ byDeviceId: annaId, byName: 'Anna laptop', fromDeviceId: benId, fromName: null, at: T0 + 60_000 });
    expect(table.deviceId).toBe(annaId);
    // Anna may act there now (she claims Table 1 only).
    ok(anna.core.call('turn.start', { tableId: t2 }));
    // Taking it over again from the same laptop is refused.
    expect(refusal(anna.core.call('table.takeOver', { tableId: t2 })).reason).toBe('already_taken_over');

    // Ben's laptop learns of it and becomes read-only there, though it still claims Table 2.
    sync(anna.core, ben.core);
    const before = dumpState(ben.db);
    expect(refusal(ben.core.call('walkin.add', { tableId: t2, name: 'Cy', topics: [], partySize: 1 }))).toEqual({
      reason: 'table_taken_over',
      params: { table: 'Table 2', by: 'Anna laptop' },
    });
    expect(dumpState(ben.db)).toEqual(before);
    // Ben takes it back: logged too, from Anna's laptop (named by her takeover).
    clock.advance(60_000);
    ok(ben.core.call('table.takeOver', { tableId: t2 }));
    const back = ok(ben.core.call('snapshot.get', {})).tables.find((t) => t.id === t2)!.takenOver;
    expect(back).toMatchObject({ byDeviceId: benId, byName: 'Ben laptop', fromDeviceId: annaId, fromName: 'Anna laptop' });
    ok(ben.core.call('walkin.add', { tableId: t2, name: 'Cy', topics: [], partySize: 1 }));
    sync(ben.core, anna.core);
    expect(refusal(anna.core.call('walkin.add', { tableId: t2, name: 'Fe', topics: [], partySize: 1 })).reason).toBe('table_taken_over');
    // Both takeovers are in the log every laptop holds, in HLC order.
    const takeovers = anna.core.exportLog().filter((op) => op.type === 'table.takenOver');
    expect(takeovers.map((op) => op.device_id)).toEqual([annaId, benId]);
  });

  it('tells every laptop who claims a table: two laptops may claim one (co-coaches), each sees the other; a takeover makes it one laptop\'s', () => {
    const { clock, organiser, anna, ben, t1, t2 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    const tableOn = (l: { core: Core }, tableId: string) => ok(l.core.call('snapshot.get', {})).tables.find((t) => t.id === tableId)!;
    const names = (runners: { name: string }[]) => runners.map((r) => r.name);
    // Ben claims Table 1 as well as his own: the log says so, and nothing else is written.
    clock.advance(1000);
    ok(ben.core.call('settings.update', { myTables: [t2, t1] }));
    // Saving the same claims again writes nothing more.
    ok(ben.core.call('settings.update', { myTables: [t1, t2] }));
    expect(ben.core.exportLog().filter((op) => op.type === 'laptop.claimed')).toHaveLength(2);
    for (const [from, to] of [[ben, anna], [anna, ben], [anna, organiser], [ben, organiser]] as const) sync(from.core, to.core);

    for (const l of [anna, ben, organiser]) {
      expect(tableOn(l, t1).claimedBy.map((c) => [c.name, c.deviceId])).toEqual([['Anna laptop', id(anna)], ['Ben laptop', id(ben)]]);
      expect(names(tableOn(l, t2).claimedBy)).toEqual(['Ben laptop']);
    }
    // Each is warned of the other, by name; neither is refused (two co-coaches may both act).
    expect(names(otherRunners(tableOn(anna, t1), id(anna)))).toEqual(['Ben laptop']);
    expect(names(otherRunners(tableOn(ben, t1), id(ben)))).toEqual(['Anna laptop']);
    ok(anna.core.call('walkin.add', { tableId: t1, name: 'Bo', topics: [], partySize: 1 }));
    ok(ben.core.call('walkin.add', { tableId: t1, name: 'Cy', topics: [], partySize: 1 }));

    // A rename while claiming is said too; the latest claim of a laptop holds whatever the order it arrives in.
    clock.advance(1000);
    ok(ben.core.call('settings.update', { deviceName: 'Ben (Table 2)' }));
    clock.advance(1000);
    ok(ben.core.call('settings.update', { myTables: [t2] }));
    const claims = ben.core.exportLog().filter((op) => op.type === 'laptop.claimed').slice(-2).reverse();
    const late = ben.core.missingFor(anna.core.vector()).ops.filter((op) => claims.some((c) => c.id === op.id)).reverse();
    for (const op of late) anna.core.applyOps([op]);
    expect(names(tableOn(anna, t1).claimedBy)).toEqual(['Anna laptop']);
    expect(names(tableOn(anna, t2).claimedBy)).toEqual(['Ben (Table 2)']);
    expect(otherRunners(tableOn(anna, t1), id(anna))).toEqual([]);

    // Ben claims it again, then Anna takes Table 1 over: it is hers alone; Ben's laptop names her as who runs it.
    ok(ben.core.call('settings.update', { myTables: [t2, t1] }));
    sync(ben.core, anna.core);
    ok(anna.core.call('table.takeOver', { tableId: t1 }));
    sync(anna.core, ben.core);
    expect(otherRunners(tableOn(anna, t1), id(anna))).toEqual([]);
    expect(names(tableRunners(tableOn(ben, t1)))).toEqual(['Anna laptop']);
    expect(refusal(ben.core.call('walkin.add', { tableId: t1, name: 'Di', topics: [], partySize: 1 })).reason).toBe('table_taken_over');
  });

  it('writes no claim without an event, and none for a laptop that never claimed', () => {
    const clock = new ManualClock(T0);
    const alone = laptop('Spare laptop', 's', clock);
    ok(alone.core.call('settings.update', { myTables: ['x-1'], deviceName: 'Spare' }));
    expect(alone.core.exportLog()).toHaveLength(0);
    const { organiser } = floor();
    ok(organiser.core.call('settings.update', { deviceName: 'Organiser' }));
    expect(organiser.core.exportLog().some((op) => op.type === 'laptop.claimed')).toBe(false);
  });
});
