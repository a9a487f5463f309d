/**
 * A person's outcome follows what they received (shared/domain/outcome.ts,
 * ARCHITECTURE.md "Outcomes"): one test per rule, then the three
 * cases on a real core, read back from the CSV and the report.
 */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName, ReportData } from '../../shared/contract.js';
import { personOutcome, receivedMs, type OutcomeInput } from '../../shared/domain/outcome.js';
import { counted, derive, servedFigures } from '../../shared/export/derive.js';
import { EVENT, TABLE, ok, tempDir, testCore } from './helpers.js';

const base: OutcomeInput = { status: 'waiting', transferred: false, received: [] };
const one = { mode: 'one_to_one' as const, entries: 1 };
const plenary = { mode: 'plenary' as const, entries: 8 };
const focus = { mode: 'topic_focus' as const, entries: 3 };
const rotation = { mode: 'rotation' as const, entries: 3 };

describe('outcome rules, one test each', () => {
  it('1. someone in an interaction now is being coached', () => {
    expect(personOutcome({ ...base, status: 'in_turn', received: [plenary] })).toBe('in_turn');
  });
  it('2. a one-to-one turn of their own is served, whatever was pressed after it', () => {
    expect(personOutcome({ ...base, status: 'served', received: [one] })).toBe('served');
    expect(personOutcome({ ...base, status: 'left', received: [one] })).toBe('served');
    expect(personOutcome({ ...base, status: 'served', received: [focus, one] })).toBe('served');
  });
  it('3. a topic focus, a sub-group turn or a shared turn is served in a group, even when they left during it', () => {
    expect(personOutcome({ ...base, status: 'left', received: [focus] })).toBe('served_group');
    expect(personOutcome({ ...base, status: 'left', received: [rotation] })).toBe('served_group');
    expect(personOutcome({ ...base, status: 'served', received: [{ mode: 'one_to_one', entries: 2 }] })).toBe('served_group');
    expect(personOutcome({ ...base, status: 'no_show', received: [plenary, rotation] })).toBe('served_group');
  });
  it('4. still in the queue after a plenary is still waiting (or away)', () => {
    expect(personOutcome({ ...base, status: 'waiting', received: [plenary] })).toBe('waiting');
    expect(personOutcome({ ...base, status: 'away', received: [plenary] })).toBe('away');
  });
  it('5. sent to another table before any coaching here is sent elsewhere, also after a plenary here (counted once, there)', () => {
    expect(personOutcome({ ...base, status: 'removed', transferred: true })).toBe('transferred');
    expect(personOutcome({ ...base, status: 'removed', transferred: true, received: [plenary] })).toBe('transferred');
    expect(personOutcome({ ...base, status: 'removed', transferred: true, received: [plenary, plenary] })).toBe('transferred');
    // Coached here, then sent on: this table served them.
    expect(personOutcome({ ...base, status: 'removed', transferred: true, received: [one] })).toBe('served');
    expect(personOutcome({ ...base, status: 'removed', transferred: true, received: [plenary, focus] })).toBe('served_group');
  });
  it('6. a plenary and nothing more is plenary only, not a no-show, a leaver or not reached; also a plenary at the table that sent them here', () => {
    for (const status of ['no_show', 'left', 'not_reached', 'removed'] as const) {
      expect(personOutcome({ ...base, status, received: [plenary] })).toBe('plenary_only');
      expect(personOutcome({ ...base, status, plenaryBefore: true })).toBe('plenary_only');
    }
    // The plenary before the transfer does not take the place of what happened here.
    expect(personOutcome({ ...base, status: 'waiting', plenaryBefore: true })).toBe('waiting');
    expect(personOutcome({ ...base, status: 'left', plenaryBefore: true, received: [one] })).toBe('served');
    expect(personOutcome({ ...base, status: 'served', plenaryBefore: true })).toBe('served');
  });
  it('7. otherwise the recorded status: no-show, left before being served, not reached, removed', () => {
    for (const status of ['no_show', 'left', 'not_reached', 'removed'] as const) {
      expect(personOutcome({ ...base, status })).toBe(status);
    }
  });
  it('minutes received run from joining to leaving, or the end, or now; never negative', () => {
    expect(receivedMs(1000, 4000, 9000, 20_000)).toBe(3000);
    expect(receivedMs(1000, null, 9000, 20_000)).toBe(8000);
    expect(receivedMs(1000, null, null, 20_000)).toBe(19_000);
    expect(receivedMs(5000, 1000, null, 20_000)).toBe(0);
  });
  it('minutes received leave out the pauses that fell while the person was there (an open pause runs to the end, or now)', () => {
    // Paused 3000–5000 inside 1000–9000: 6000 received.
    expect(receivedMs(1000, null, 9000, 20_000, [{ from: 3000, to: 5000 }])).toBe(6000);
    // Left at 4000, during that pause: only 3000–4000 of it is theirs to lose.
    expect(receivedMs(1000, 4000, 9000, 20_000, [{ from: 3000, to: 5000 }])).toBe(2000);
    // Joined after the pause: it does not count against them.
    expect(receivedMs(6000, null, 9000, 20_000, [{ from: 3000, to: 5000 }])).toBe(3000);
    // Still paused when it ended at 9000 (paused from 7000), or while it runs (now 20,000).
    expect(receivedMs(1000, null, 9000, 20_000, [{ from: 7000, to: null }])).toBe(6000);
    expect(receivedMs(1000, null, null, 20_000, [{ from: 7000, to: null }])).toBe(6000);
  });
});

describe('the issue\'s cases on a real core: coached people are not reported as not served', () => {
  let core: Core;
  let clock: ManualClock;
  let service: ExportService;
  let dir: ReturnType<typeof tempDir>;
  let tableId: string;

  const call = async <T>(method: MethodName, args: unknown): Promise<T> => {
    const r = await core.dispatchAsync(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const walkIn = (name: string) => ok(core.call('walkin.add', { tableId, name, topics: ['Personal branding'], partySize: 1 })).entryId;

  beforeEach(() => {
    dir = tempDir('tableside-outcome');
    ({ core, clock } = testCore());
    service = attachExports(core, { dir: dir.dir, log: () => {} });
    ok(core.call('event.create', EVENT));
    tableId = ok(core.call('table.create', TABLE)).tableId;
  });
  afterEach(() => {
    core.close();
    dir.remove();
  });

  it('Leaves during a topic focus, leaves during their sub-group\'s turn, a plenary then no-show', async () => {
    // A plenary for Pia and Pavel; Pia is then marked no-show.
    const pia = walkIn('Pia');
    const pavel = walkIn('Pavel');
    const plen = ok(core.call('plenary.start', { tableId, minutes: 5 }));
    clock.advance(5 * 60_000);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    ok(core.call('entry.setStatus', { entryId: pia, status: 'no_show' }));
    // A topic focus for Fay and Pavel; Fay presses "Leaves" four minutes in.
    const fay = walkIn('Fay');
    const focus = ok(core.call('focus.start', { tableId, topic: 'Personal branding', entryIds: [fay, pavel], minutes: 10 }));
    clock.advance(4 * 60_000);
    ok(core.call('entry.setStatus', { entryId: fay, status: 'left' }));
    clock.advance(6 * 60_000);
    ok(core.call('turn.end', { turnId: focus.turnId }));
    // A rotation of two groups: Rui leaves during his group's turn; then the rotation ends.
    const rui = walkIn('Rui');
    const rosa = walkIn('Rosa');
    const ned = walkIn('Ned');
    const rot = ok(core.call('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 5, autoAdvance: false, groups: [[rui, rosa], [ned]] }));
    clock.advance(3 * 60_000);
    ok(core.call('entry.setStatus', { entryId: rui, status: 'left' }));
    clock.advance(2 * 60_000);
    ok(core.call('rotation.next', { rotationId: rot.rotationId }));
    clock.advance(5 * 60_000);
    ok(core.call('rotation.end', { rotationId: rot.rotationId }));
    // Lea leaves before anyone coached her.
    const lea = walkIn('Lea');
    clock.advance(60_000);
    ok(core.call('entry.setStatus', { entryId: lea, status: 'left' }));

    const { exportId } = await call<ExportStatus>('export.start', { format: 'csv', privacy: 'full' });
    const status = await service.settled(exportId);
    const read = (i: number) =>
      Papa.parse<Record<string, string>>(readFileSync(join(status.folder, status.files[i]!.name), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const outcome = new Map(read(0).map((r) => [r.Participant, r.Outcome]));
    expect(Object.fromEntries(outcome)).toEqual({
      Pia: 'plenary only',
      Pavel: 'served in a group',
      Fay: 'served in a group',
      Rui: 'served in a group',
      Rosa: 'served in a group',
      Ned: 'served in a group',
      Lea: 'left before being served',
    });
    const fayRow = read(0).find((r) => r.Participant === 'Fay' && r.Mode === 'topic focus');
    expect(fayRow?.['Minutes received']).toBe('4');

    const report = await call<ReportData>('report.get', {});
    const h = report.headline;
    expect(h.plenaryOnly + h.noShows + h.left + h.notReached).toBe(2); // Pia (plenary only) and Lea
    expect([h.served, h.servedGroup, h.plenaryOnly, h.noShows, h.left]).toEqual([0, 5, 1, 0, 1]);
    // The per-table row: Entries equals the sum of its outcome columns.
    const row = read(1).find((r) => r.Table === 'Table 1')!;
    const outcomes = ['Served one-to-one', 'Served in a group', 'Plenary only', 'No-shows', 'Left before being served', 'Not reached', 'Removed', 'Still at the table'];
    expect(outcomes.reduce((n, k) => n + Number(row[k]), 0)).toBe(Number(row.Entries));
    expect(Number(row.Entries)).toBe(7);
    expect(report.tables[0]).toMatchObject({ people: 7, servedGroup: 5, plenaryOnly: 1, left: 1, other: 0 });
    // The table screen's "Left the queue" tells the same story (one outcome definition): Pia, marked no-show after
    // the plenary, is "plenary only" there too (before: "no-show", while the report said plenary only, noShows 0).
    const gone = ok(core.call('snapshot.get', {})).tables[0]!.gone;
    expect(Object.fromEntries(gone.map((g) => [g.name, [g.status, g.outcome]]))).toEqual({
      Pia: ['no_show', 'plenary_only'],
      // Fay and Rui pressed "Leaves" during their group's turn: coached (the report's "served in a group"), not "left".
      Fay: ['left', 'served_group'],
      Rui: ['left', 'served_group'],
      Lea: ['left', 'left'],
    });
  });

  it('a plenary at Table 1, then sent to Table 2: counted once, at Table 2 (served there, or plenary only if they never came)', async () => {
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    // Pia, Paul and Quinn attend a plenary at Table 1; Pia and Paul are then sent to Table 2.
    const pia = walkIn('Pia');
    const paul = walkIn('Paul');
    const quinn = walkIn('Quinn');
    clock.advance(2 * 60_000);
    const plen = ok(core.call('plenary.start', { tableId, minutes: 5 }));
    clock.advance(5 * 60_000);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    ok(core.call('entry.transfer', { entryId: pia, toTableId: t2 }));
    ok(core.call('entry.transfer', { entryId: paul, toTableId: t2 }));
    const at2 = (name: string) => core.snapshot().tables.find((t) => t.id === t2)!.queue.find((e) => e.name === name)!.id;
    // Pia is served one-to-one at Table 2; Paul never comes (no-show); Quinn leaves Table 1.
    const turn = ok(core.call('turn.start', { tableId: t2, entryId: at2('Pia') }));
    clock.advance(10 * 60_000);
    ok(core.call('turn.end', { turnId: turn.turnId }));
    ok(core.call('entry.setStatus', { entryId: at2('Paul'), status: 'no_show' }));
    ok(core.call('entry.setStatus', { entryId: quinn, status: 'left' }));

    const { exportId } = await call<ExportStatus>('export.start', { format: 'csv', privacy: 'full' });
    const status = await service.settled(exportId);
    const read = (i: number) =>
      Papa.parse<Record<string, string>>(readFileSync(join(status.folder, status.files[i]!.name), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    // The interactions sheet: the plenary rows at Table 1 say "sent to another table"; each person's outcome where they count.
    const rows = read(0).map((r) => [r.Table, r.Participant, r.Mode, r.Outcome]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Table 1', 'Pia', 'plenary', 'sent to another table'],
        ['Table 1', 'Paul', 'plenary', 'sent to another table'],
        ['Table 1', 'Quinn', 'plenary', 'plenary only'],
        ['Table 2', 'Pia', 'one-to-one', 'served'],
        ['Table 2', 'Paul', '', 'plenary only'],
      ]),
    );
    expect(rows).toHaveLength(5);
    // The tables sheet: Table 1 counts Quinn and sends two on; Table 2 counts Pia (served) and Paul (plenary only).
    const sheet = read(1);
    const row = (name: string) => sheet.find((r) => r.Table === name)!;
    expect(row('Table 1')).toMatchObject({ Entries: '1', 'Plenary only': '1', 'Served one-to-one': '0', 'Sent on (counted at the other table)': '2' });
    expect(row('Table 2')).toMatchObject({ Entries: '2', 'Served one-to-one': '1', 'Plenary only': '1', 'No-shows': '0' });
    // The report: three people, each once; one served; the two not served are plenary only.
    const report = await call<ReportData>('report.get', {});
    expect(report.headline).toMatchObject({ people: 3, served: 1, plenaryOnly: 2, noShows: 0, left: 0 });
    // Minutes received: still every minute given, the plenary's at Table 1 too (3 × 5 + 10).
    expect(report.headline.minutesReceived).toBe(25);
    expect([row('Table 1')['Minutes received'], row('Table 2')['Minutes received']]).toEqual(['15', '10']);
    expect(report.tables.map((t) => [t.name, t.people, t.served, t.plenaryOnly])).toEqual([
      ['Table 1', 1, 0, 1],
      ['Table 2', 2, 1, 1],
    ]);
    // The dashboard agrees: nobody served at Table 1, Pia at Table 2.
    const stats = (id: string) => core.snapshot().tables.find((t) => t.id === id)!.stats;
    expect(stats(tableId).served).toBe(0);
    expect(stats(t2).served).toBe(1);
  });
  it('one wait: a plenary ends it, for whoever stays and for whoever is then sent to another table (Ray 3, Pat 3, a no-show 3)', () => {
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    // Ray, Pat and Noa arrive at Table 1 at minute 0; a plenary starts at minute 3 and lasts 5.
    walkIn('Ray');
    const pat = walkIn('Pat');
    const noa = walkIn('Noa');
    clock.advance(3 * 60_000);
    const plen = ok(core.call('plenary.start', { tableId, minutes: 5 }));
    clock.advance(5 * 60_000);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    // Ray stays at Table 1; Pat and Noa are sent to Table 2, where Pat is served at minute 10 and Noa is a no-show at 20.
    ok(core.call('entry.transfer', { entryId: pat, toTableId: t2 }));
    ok(core.call('entry.transfer', { entryId: noa, toTableId: t2 }));
    const at2 = (name: string) => core.snapshot().tables.find((t) => t.id === t2)!.queue.find((e) => e.name === name)!.id;
    clock.advance(2 * 60_000);
    const turn = ok(core.call('turn.start', { tableId: t2, entryId: at2('Pat') }));
    clock.advance(10 * 60_000);
    ok(core.call('turn.end', { turnId: turn.turnId }));
    ok(core.call('entry.setStatus', { entryId: at2('Noa'), status: 'no_show' }));
    const people = derive(core.exportFacts({ id: 'x', name: 'x' }, clock.now())!).people.filter(counted);
    const waited = Object.fromEntries(people.map((p) => [p.entry.name, p.waitedMs === null ? null : p.waitedMs / 60_000]));
    // Each wait runs from arrival to the plenary, wherever they were counted after it (before: Pat 10, Noa 20).
    expect(waited).toEqual({ Ray: 3, Pat: 3, Noa: 3 });
    // And each is among the waits of the table that counts them (the median wait, the report's wait bands).
    expect(servedFigures({ people }, tableId).waitsMs).toEqual([3 * 60_000]);
    expect(servedFigures({ people }, t2).waitsMs).toEqual([3 * 60_000, 3 * 60_000]);
    expect(people.map((p) => [p.entry.name, p.table.name, p.outcome])).toEqual(
      expect.arrayContaining([
        ['Ray', 'Table 1', 'waiting'],
        ['Pat', 'Table 2', 'served'],
        ['Noa', 'Table 2', 'plenary_only'],
      ]),
    );
  });
});
