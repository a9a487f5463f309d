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
import type { Op } from '../../shared/ops.js';
import { deviceSheet } from '../../shared/export/rows.js';
import { buildScope } from '../../shared/export/scope.js';
import { claimedTables, lostTakeover, otherRunners, runTables, tableAccess, tableLaptop, tableRunners } from '../../shared/domain/laptop.js';
import { dashboardAlerts, type TableFacts } from '../../shared/domain/alerts.js';
import { laptopHeard } from '../../shared/domain/sync-status.js';
import { LAPTOP_NAMES_SQL } from '../../electron/core/laptop-names.js';
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
    expect(table.takenOver).toEqual({
      byDeviceId: annaId,
      byName: 'Anna laptop',
      fromDeviceId: benId,
      fromName: 'Ben laptop',
      from: [{ deviceId: benId, name: 'Ben laptop' }],
      at: T0 + 60_000,
    });
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
    const expected = {
      byDeviceId: id(ben),
      byName: 'Ben laptop',
      fromDeviceId: id(anna),
      fromName: 'Anna laptop',
      from: [{ deviceId: id(anna), name: 'Anna laptop' }],
      at: T0 + 60_000,
    };
    for (const l of [anna, ben, organiser]) expect(tableOn(l, t1).takenOver).toEqual(expected);
    // The log every laptop holds (and a JSON export carries) says the same.
    const op = anna.core.exportLog().find((o) => o.type === 'table.takenOver')!;
    expect(JSON.parse(op.payload)).toMatchObject({ deviceName: 'Ben laptop', fromDeviceId: id(anna), fromDeviceName: 'Anna laptop' });
    // The exports' laptops (CSV/XLSX devices rows, the JSON devices list) name each laptop by the log's name:
    // the organiser's laptop never said one, so it is unnamed, not "hub".
    const devices = (l: { core: Core }) =>
      Object.fromEntries(l.core.exportFacts({ id: id(l), name: 'This one' }, clock.now())!.devices.map((d) => [d.deviceId, d.name]));
    expect(devices(anna)).toEqual({ [id(organiser)]: null, [id(anna)]: 'This one', [id(ben)]: 'Ben laptop' });
    // Where an export names it, it has a stable label of its id (the same wherever it is exported): never blank.
    const me = { id: id(anna), name: 'This one' };
    const scope = buildScope(anna.core.exportFacts(me, clock.now()), me, clock.now(), 30);
    const sheet = deviceSheet(scope);
    expect(Object.fromEntries(sheet.rows.map((r) => [r[0], r[1]]))).toEqual({
      [id(organiser)]: `laptop ${id(organiser).slice(0, 8)}`,
      [id(anna)]: 'This one',
      [id(ben)]: 'Ben laptop',
    });
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

  it('writes no claim without an event; a laptop that never claimed writes none but for a rename, which names it (claiming nothing)', () => {
    const clock = new ManualClock(T0);
    const alone = laptop('Spare laptop', 's', clock);
    // Without an event there is no table to claim: refused, and nothing written.
    expect(alone.core.call('settings.update', { myTables: ['x-1'], deviceName: 'Spare' })).toMatchObject({
      ok: false,
      error: { params: { reason: 'no_table' } },
    });
    ok(alone.core.call('settings.update', { deviceName: 'Spare' }));
    expect(alone.core.exportLog()).toHaveLength(0);
    const { organiser } = floor();
    ok(organiser.core.call('settings.update', { language: 'fr' }));
    expect(organiser.core.exportLog().some((op) => op.type === 'laptop.claimed')).toBe(false);
    ok(organiser.core.call('settings.update', { deviceName: 'Organiser' }));
    const claims = organiser.core.exportLog().filter((op) => op.type === 'laptop.claimed');
    expect(claims.map((op) => JSON.parse(op.payload) as unknown)).toEqual([{ tableIds: [], deviceName: 'Organiser', at: T0 }]);
    // The same name again says nothing more.
    ok(organiser.core.call('settings.update', { deviceName: 'Organiser' }));
    expect(organiser.core.exportLog().filter((op) => op.type === 'laptop.claimed')).toHaveLength(1);
  });

  it('refuses a table that is not in the event, or a language Tableside is not written in, and changes nothing', () => {
    const { anna, t1 } = floor();
    ok(anna.core.call('settings.update', { myTables: [t1], language: 'de' }));
    const logBefore = anna.core.exportLog().length;
    const phantom = anna.core.call('settings.update', { myTables: ['4444-not-a-table'] });
    expect(phantom).toMatchObject({ ok: false, error: { params: { reason: 'no_table' } } });
    const mixed = anna.core.call('settings.update', { myTables: [t1, '4444-not-a-table'], deviceName: 'Renamed' });
    expect(mixed.ok).toBe(false);
    for (const language of ['xx-invalid-zz', 'he', 'en-XA']) {
      expect(anna.core.call('settings.update', { language: language as 'en' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    // Nothing changed: the claim, the name, the language and the log are as they were.
    expect(ok(anna.core.call('settings.get', {}))).toMatchObject({ myTables: [t1], language: 'de' });
    expect(ok(anna.core.call('settings.get', {})).deviceName).not.toBe('Renamed');
    expect(anna.core.exportLog()).toHaveLength(logBefore);
    const after = ok(anna.core.call('snapshot.get', {}));
    expect(runTables(after.tables, after.device).map((x) => x.id)).toEqual([t1]);
  });

  it('a takeover of a table two laptops claim records every laptop it takes from, on every laptop, whatever the order', () => {
    const { clock, organiser, anna, ben, t1 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    const tableOn = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).tables.find((t) => t.id === t1)!;
    // Anna and Ben both claim Table 1 (co-coaches); the organiser's laptop takes it over.
    clock.advance(1000);
    ok(ben.core.call('settings.update', { myTables: [t1] }));
    for (const [from, to] of [[anna, organiser], [ben, organiser]] as const) sync(from.core, to.core);
    clock.advance(60_000);
    const result = ok(organiser.core.call('table.takeOver', { tableId: t1 }));
    expect(result.fromDeviceId).toBe(id(anna));
    const op = organiser.core.exportLog().find((o) => o.type === 'table.takenOver')!;
    expect(JSON.parse(op.payload)).toMatchObject({
      fromDeviceId: id(anna),
      fromDeviceName: 'Anna laptop',
      fromDevices: [{ deviceId: id(anna), name: 'Anna laptop' }, { deviceId: id(ben), name: 'Ben laptop' }],
    });
    for (const [from, to] of [[organiser, anna], [organiser, ben]] as const) sync(from.core, to.core);
    for (const l of [organiser, anna, ben]) {
      expect(tableOn(l).takenOver?.from).toEqual([{ deviceId: id(anna), name: 'Anna laptop' }, { deviceId: id(ben), name: 'Ben laptop' }]);
    }
    // Both lost it: read-only on each until one takes it back.
    expect(refusal(anna.core.call('walkin.add', { tableId: t1, name: 'Cy', topics: [], partySize: 1 })).reason).toBe('table_taken_over');
    expect(refusal(ben.core.call('walkin.add', { tableId: t1, name: 'Cy', topics: [], partySize: 1 })).reason).toBe('table_taken_over');
  });

  it("shows every laptop by its latest name everywhere (claims, takeovers, refusals, exports), from one lookup that reads no operation", () => {
    const { clock, organiser, anna, ben, t1, t2 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    const tableOn = (l: { core: Core }, tableId: string) => ok(l.core.call('snapshot.get', {})).tables.find((t) => t.id === tableId)!;
    // Anna takes Ben's Table 2 over; the organiser's laptop, which never claims, takes Anna's Table 1 over.
    sync(ben.core, anna.core);
    clock.advance(60_000);
    ok(anna.core.call('table.takeOver', { tableId: t2 }));
    sync(anna.core, organiser.core);
    ok(organiser.core.call('table.takeOver', { tableId: t1 }));
    // Then each renames its laptop (the organiser's has no claim: its rename is said all the same).
    clock.advance(1000);
    ok(anna.core.call('settings.update', { deviceName: 'Anna at the window' }));
    ok(ben.core.call('settings.update', { deviceName: 'Ben, Table 2' }));
    ok(organiser.core.call('settings.update', { deviceName: 'Desk' }));
    // On every laptop, whatever the order the operations arrive in.
    for (const l of [organiser, anna, ben]) {
      for (const other of [organiser, anna, ben]) if (other !== l) sync(other.core, l.core);
    }
    for (const l of [organiser, anna, ben]) {
      expect(tableOn(l, t2).takenOver).toMatchObject({ byName: 'Anna at the window', fromName: 'Ben, Table 2', from: [{ name: 'Ben, Table 2' }] });
      // A takeover claims the table for its taker too (in the same commit, as the screen did after it).
      expect(tableOn(l, t2).claimedBy.map((c) => c.name).sort()).toEqual(['Anna at the window', 'Ben, Table 2']);
      expect(tableOn(l, t1).takenOver).toMatchObject({ byName: 'Desk', fromName: 'Anna at the window' });
      expect(tableOn(l, t1).claimedBy.map((c) => c.name).sort()).toEqual(['Anna at the window', 'Desk']);
      const devices = Object.fromEntries(l.core.exportFacts({ id: id(l), name: 'Me' }, clock.now())!.devices.map((d) => [d.deviceId, d.name]));
      expect(devices).toEqual({ ...{ [id(organiser)]: 'Desk', [id(anna)]: 'Anna at the window', [id(ben)]: 'Ben, Table 2' }, [id(l)]: 'Me' });
    }
    // A refusal names the laptop that took the table over by its name now.
    expect(refusal(ben.core.call('walkin.add', { tableId: t2, name: 'Cy', topics: [], partySize: 1 })).params).toEqual({ table: 'Table 2', by: 'Anna at the window' });
    // The names are one projection row per laptop, read by its key: no scan of the log.
    const plan = (sql: string) => anna.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
    const lookup = `${LAPTOP_NAMES_SQL} AND device_id = 'x'`;
    expect(plan(lookup)).not.toMatch(/\bops\b/);
    expect(plan(lookup)).toMatch(/laptop_names USING INDEX/);
    expect(plan(LAPTOP_NAMES_SQL)).not.toMatch(/\bops\b/);
    // And a replay of the log from empty gives the same names.
    const before = anna.db.prepare(`SELECT * FROM laptop_names ORDER BY device_id`).all();
    anna.core.rebuildFromLog();
    expect(anna.db.prepare(`SELECT * FROM laptop_names ORDER BY device_id`).all()).toEqual(before);
  });

  it('names a laptop that never named itself by the name another laptop gave it (a takeover from it)', () => {
    const { clock, organiser, anna, t1 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    // A takeover written by a laptop of an older version, naming the laptop it took the table from.
    const { core: old } = laptop('Old laptop', 'z', clock);
    sync(organiser.core, old);
    sync(anna.core, old);
    clock.advance(60_000);
    ok(old.call('table.takeOver', { tableId: t1 }));
    const take = old.exportLog().find((o) => o.type === 'table.takenOver')!;
    const payload = JSON.parse(take.payload) as Record<string, unknown>;
    delete payload.fromDevices;
    const ops = old.missingFor(organiser.core.vector()).ops.map((o) =>
      o.id === take.id ? ({ ...o, payload: { ...payload, fromDeviceId: id(organiser), fromDeviceName: 'Front desk' } } as Op) : o,
    );
    organiser.core.applyOps(ops);
    const facts = organiser.core.exportFacts({ id: 'someone-else', name: 'Me' }, clock.now())!;
    expect(facts.devices.find((d) => d.deviceId === id(organiser))?.name).toBe('Front desk');
    expect(ok(organiser.core.call('snapshot.get', {})).tables.find((t) => t.id === t1)!.takenOver?.from).toEqual([{ deviceId: id(organiser), name: 'Front desk' }]);
  });
});

describe('a takeover released, a restored laptop (claims of a laptop that is gone)', () => {
  it('a takeover stands while its taker claims the table; a later claim without it releases it, in whatever order the operations arrive', () => {
    const { clock, organiser, anna, ben, t2 } = floor();
    sync(ben.core, anna.core);
    clock.advance(60_000);
    // Anna takes Ben's Table 2 over: one commit claims it for her too, so a rename keeps it hers.
    ok(anna.core.call('table.takeOver', { tableId: t2 }));
    expect(ok(anna.core.call('settings.get', {})).myTables).toContain(t2);
    ok(anna.core.call('settings.update', { deviceName: 'Anna at the window' }));
    clock.advance(60_000);
    const taken = () => ok(ben.core.call('snapshot.get', {})).tables.find((t) => t.id === t2)!.takenOver;
    sync(anna.core, ben.core);
    expect(taken()?.byName).toBe('Anna at the window');
    // She unticks it (or leaves the event): logged as her claim without it, which releases the takeover, so Ben's
    // laptop, which still claims it, runs it again, and no laptop names Anna's for it.
    ok(anna.core.call('settings.update', { myTables: [] }));
    const release = anna.core.ops().at(-1)!;
    sync(anna.core, ben.core);
    expect(taken()).toBeNull();
    expect(ok(ben.core.call('walkin.add', { tableId: t2, name: 'Ben again', topics: [], partySize: 1 })).entryId).toBeTruthy();
    // Delivered out of order on the organiser's laptop (the release before the takeover): the same table.
    const late = anna.core.ops().filter((o) => o.id !== release.id);
    organiser.core.applyOps([release]);
    organiser.core.applyOps(late);
    sync(ben.core, organiser.core);
    const seen = ok(organiser.core.call('snapshot.get', {})).tables.find((t) => t.id === t2)!;
    expect(seen.takenOver).toBeNull();
    expect(seen.claimedBy.map((c) => c.deviceId)).toEqual([ok(ben.core.call('snapshot.get', {})).device.id]);
    expect(dumpState(organiser.db)).toEqual((organiser.core.rebuildFromLog(), dumpState(organiser.db)));
  });

  it('a laptop restored from another\'s backup replaces its claims: the old laptop is named nowhere, its own later claim still wins', () => {
    const { clock, organiser, anna, t1 } = floor();
    sync(anna.core, organiser.core);
    const annaId = ok(anna.core.call('snapshot.get', {})).device.id;
    // The restored laptop: a new device holding Anna's log.
    const copy = laptop('Anna laptop', 'c', clock);
    copy.core.importOps(anna.core.ops());
    clock.advance(60_000);
    expect(copy.core.adoptClaims(annaId)).toEqual([t1]);
    const copyId = ok(copy.core.call('snapshot.get', {})).device.id;
    sync(copy.core, organiser.core);
    const claimers = (core: Core) => ok(core.call('snapshot.get', {})).tables.find((t) => t.id === t1)!.claimedBy.map((c) => c.deviceId);
    expect(claimers(copy.core)).toEqual([copyId]);
    expect(claimers(organiser.core)).toEqual([copyId]);
    // A replay of the log gives the same tables.
    expect(dumpState(copy.db)).toEqual((copy.core.rebuildFromLog(), dumpState(copy.db)));
    // Anna's laptop was not gone after all and claims it again later: its own later claim wins (two claimers, warned).
    clock.advance(60_000);
    ok(anna.core.call('settings.update', { myTables: [t1], deviceName: 'Anna again' }));
    sync(anna.core, organiser.core);
    expect(claimers(organiser.core).sort()).toEqual([annaId, copyId].sort());
  });
});

describe('whose table: the laptop that claims it now (tableLaptop), for last heard from, alerts and the export', () => {
  it("flags a coach's laptop gone silent on the organiser's dashboard and export, though the hub made the table", () => {
    const { clock, organiser, anna, ben, t1, t2 } = floor();
    const id = (l: { core: Core }) => ok(l.core.call('snapshot.get', {})).device.id;
    sync(anna.core, organiser.core);
    sync(ben.core, organiser.core);
    const hub = ok(organiser.core.call('snapshot.get', {}));
    const table1 = hub.tables.find((t) => t.id === t1)!;
    // The organiser's laptop made both tables; Anna's laptop claims Table 1, Ben's Table 2.
    expect(table1.deviceId).toBe(id(organiser));
    expect(tableLaptop(table1)).toBe(id(anna));
    expect(tableLaptop(hub.tables.find((t) => t.id === t2)!)).toBe(id(ben));
    // Ben's laptop claims Table 1 too, later: the latest claim is whose table it is.
    clock.advance(1000);
    ok(ben.core.call('settings.update', { myTables: [t2, t1] }));
    sync(ben.core, organiser.core);
    expect(tableLaptop(ok(organiser.core.call('snapshot.get', {})).tables.find((t) => t.id === t1)!)).toBe(id(ben));
    ok(ben.core.call('settings.update', { myTables: [t2] }));
    sync(ben.core, organiser.core);

    // Anna's laptop was last heard from at T0 + 1 s; four minutes later it is killed and silent, Ben's is live.
    const now = clock.now() + 4 * 60_000;
    const peers = [
      { deviceId: id(anna), name: 'Anna laptop', lastSeenAt: clock.now(), linked: false },
      { deviceId: id(ben), name: 'Ben laptop', lastSeenAt: clock.now(), linked: true },
    ];
    const tables = ok(organiser.core.call('snapshot.get', {})).tables;
    const facts: TableFacts[] = tables.map((t) => {
      const h = laptopHeard(tableLaptop(t), id(organiser), peers, now);
      return { id: t.id, name: t.name, closed: false, waiting: 0, busy: false, overtimeMinutes: null, lastHeardAt: h.at, local: h.local };
    });
    // Before: the table's maker (the organiser's laptop, "this laptop") was read as its laptop: "Nothing needs attention".
    expect(dashboardAlerts(facts, now)).toEqual([{ kind: 'silent', tableId: t1, table: TABLE.name, minutes: 4 }]);

    // The export's laptops say the same: Anna's is not heard from, never "up to date"; Ben's (live) is.
    const me = { id: id(organiser), name: 'Front desk' };
    const scope = buildScope(organiser.core.exportFacts(me, now), me, now, 15, undefined, { now, peers });
    const status = Object.fromEntries(scope.devices.map((d) => [d.deviceId, d.notHeardFrom]));
    expect(status).toEqual({ [id(organiser)]: false, [id(anna)]: true, [id(ben)]: false });
    // Read without a sync (the next day), only the operations' ages count, as before.
    expect(buildScope(organiser.core.exportFacts(me, now), me, now, 15).devices.every((d) => !d.notHeardFrom)).toBe(true);
  });
});
