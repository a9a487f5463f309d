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
import { claimedTables, lostTakeover, otherRunners, runTables, tableAccess, tableRunners } from '../../shared/domain/laptop.js';
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
    // From Ben's laptop, which claims Table 2, by the name its claim carries in the log.
    expect(table.takenOver).toEqual({ byDeviceId: annaId, byName: 'Anna laptop', fromDeviceId: benId, fromName: 'Ben laptop', at: T0 + 60_000 });
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

  it("names the laptop that claims the table as the one taken over from (the name its log gives, never the peer list's \"hub\"), on every laptop and in the exports", () => {
    const { clock, organiser, anna, ben, t1 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    const tableOn = (l: { core: Core }, tableId: string) => ok(l.core.call('snapshot.get', {})).tables.find((t) => t.id === tableId)!;
    // The members' sync peer lists call the hub (the organiser's laptop, which made the tables) "hub".
    for (const l of [anna, ben]) l.core.sync.seen({ deviceId: id(organiser), name: 'hub', counter: 1, seenAt: T0 });
    // Anna's claim reaches Ben; ticking "This is my table" on Table 1 he is told it is Anna's, and takes it over.
    sync(anna.core, ben.core);
    expect(otherRunners(tableOn(ben, t1), id(ben)).map((r) => r.name)).toEqual(['Anna laptop']);
    clock.advance(60_000);
    expect(ok(ben.core.call('table.takeOver', { tableId: t1 })).fromDeviceId).toBe(id(anna));
    ok(ben.core.call('settings.update', { myTables: [t1] }));
    for (const [from, to] of [[ben, anna], [ben, organiser], [anna, organiser]] as const) sync(from.core, to.core);
    const expected = { byDeviceId: id(ben), byName: 'Ben laptop', fromDeviceId: id(anna), fromName: 'Anna laptop', at: T0 + 60_000 };
    for (const l of [anna, ben, organiser]) expect(tableOn(l, t1).takenOver).toEqual(expected);
    // The log every laptop holds (and a JSON export carries) says the same.
    const op = anna.core.exportLog().find((o) => o.type === 'table.takenOver')!;
    expect(JSON.parse(op.payload)).toMatchObject({ deviceName: 'Ben laptop', fromDeviceId: id(anna), fromDeviceName: 'Anna laptop' });
    // The exports' laptops (CSV/XLSX devices rows, the JSON devices list) name each laptop by the log's name:
    // the organiser's laptop never said one, so it is unnamed, not "hub".
    const devices = (l: { core: Core }) =>
      Object.fromEntries(l.core.exportFacts({ id: id(l), name: 'This one' }, clock.now())!.devices.map((d) => [d.deviceId, d.name]));
    expect(devices(anna)).toEqual({ [id(organiser)]: null, [id(anna)]: 'This one', [id(ben)]: 'Ben laptop' });
    expect(devices(organiser)).toEqual({ [id(organiser)]: 'This one', [id(anna)]: 'Anna laptop', [id(ben)]: 'Ben laptop' });

    // A table nobody claims: the takeover is from the laptop that last ran it, and never by the peer list's role word.
    const t3 = ok(organiser.core.call('table.create', { ...TABLE, name: 'Table 3' })).tableId;
    ok(organiser.core.call('walkin.add', { tableId: t3, name: 'Bo', topics: [], partySize: 1 }));
    sync(organiser.core, anna.core);
    ok(anna.core.call('table.takeOver', { tableId: t3 }));
    expect(tableOn(anna, t3).takenOver).toMatchObject({ fromDeviceId: id(organiser), fromName: null });
    // Once the organiser's laptop says its name in the log (a claim), that name is the one shown.
    ok(organiser.core.call('settings.update', { deviceName: 'Hub H', myTables: [t3] }));
    sync(organiser.core, anna.core);
    expect(devices(anna)[id(organiser)]).toBe('Hub H');
    clock.advance(60_000);
    sync(anna.core, organiser.core);
    ok(organiser.core.call('table.takeOver', { tableId: t3 }));
    sync(organiser.core, anna.core);
    expect(tableOn(anna, t3).takenOver).toMatchObject({ byName: 'Hub H', fromDeviceId: id(anna), fromName: 'Anna laptop' });
  });

  it('a laptop that lost its table to a takeover no longer calls it its own: not "yours", not ticked, read-only until it takes it back', () => {
    const { clock, anna, ben, t1 } = floor();
    const snap = (l: { core: Core }) => ok(l.core.call('snapshot.get', {}));
    sync(anna.core, ben.core);
    clock.advance(60_000);
    ok(ben.core.call('table.takeOver', { tableId: t1 }));
    sync(ben.core, anna.core);
    const { device, tables } = snap(anna);
    const t = tables.find((x) => x.id === t1)!;
    // Anna's settings still claim it (she stays a coach's laptop, not the organiser's), but she runs no table now.
    expect(device.myTables).toEqual([t1]);
    expect(claimedTables(tables, device).map((x) => x.id)).toEqual([t1]);
    expect(lostTakeover(t, device)).toMatchObject({ byName: 'Ben laptop', fromName: 'Anna laptop' });
    expect(runTables(tables, device)).toEqual([]);
    expect(tableAccess(t, device, true)).toMatchObject({ kind: 'elsewhere' });
    expect(refusal(anna.core.call('walkin.add', { tableId: t1, name: 'Cy', topics: [], partySize: 1 })).reason).toBe('table_taken_over');
    // Ben, who took it, runs it; nothing is lost to him.
    const b = snap(ben);
    expect(lostTakeover(b.tables.find((x) => x.id === t1)!, b.device)).toBeNull();
    // Anna takes it back: hers again, from Ben's laptop.
    clock.advance(60_000);
    ok(anna.core.call('table.takeOver', { tableId: t1 }));
    const again = snap(anna);
    expect(runTables(again.tables, again.device).map((x) => x.id)).toEqual([t1]);
    expect(again.tables.find((x) => x.id === t1)!.takenOver).toMatchObject({ fromDeviceId: b.device.id, fromName: 'Ben laptop' });
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
