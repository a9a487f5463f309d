/**
 * "Served" and "Median wait" are one definition (servedFigures in
 * shared/export/derive.ts, by the outcome rules): the dashboard's figures
 * (TableView.stats, from the core's reads) equal the report's per-table
 * figures and the tables sheet of the export, on a floor with a plenary then
 * a no-show, a leaver during a topic focus, a leaver during their sub-group's
 * turn, and a party sent from another table.
 */
import { describe, expect, it } from 'vitest';
import { Reads } from '../../electron/core/reads.js';
import { derive, deriveFloor, servedFigures } from '../../shared/export/derive.js';
import { buildReport } from '../../shared/export/report.js';
import { buildSheets } from '../../shared/export/rows.js';
import { buildScope } from '../../shared/export/scope.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;

describe('the dashboard\'s Served and Median wait are the report\'s', () => {
  it('a plenary, a focus leaver, a rotation leaver and a transfer: the same figures on the dashboard, in the report and in the export', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const t1 = ok(core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId;
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const walkIn = (tableId: string, name: string, partySize = 1) =>
      ok(core.call('walkin.add', { tableId, name, topics: ['Personal branding'], partySize })).entryId;

    // Tom and Tess (a party of two) wait 10 minutes at Table 2, then are sent to Table 1.
    const tom = walkIn(t2, 'Tom', 2);
    const pia = walkIn(t1, 'Pia');
    const pavel = walkIn(t1, 'Pavel');
    clock.advance(10 * MIN);
    ok(core.call('entry.transfer', { entryId: tom, toTableId: t1 }));
    // A plenary for everyone at Table 1; Pia is then marked no-show.
    const plen = ok(core.call('plenary.start', { tableId: t1, minutes: 5 }));
    clock.advance(5 * MIN);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    ok(core.call('entry.setStatus', { entryId: pia, status: 'no_show' }));
    // A topic focus for Fay and Pavel; Fay leaves four minutes in.
    const fay = walkIn(t1, 'Fay');
    clock.advance(5 * MIN);
    const focus = ok(core.call('focus.start', { tableId: t1, topic: 'Personal branding', entryIds: [fay, pavel], minutes: 10 }));
    clock.advance(4 * MIN);
    ok(core.call('entry.setStatus', { entryId: fay, status: 'left' }));
    clock.advance(6 * MIN);
    ok(core.call('turn.end', { turnId: focus.turnId }));
    // A rotation: Rui leaves during his group's turn.
    const rui = walkIn(t1, 'Rui');
    const rosa = walkIn(t1, 'Rosa');
    const rot = ok(core.call('rotation.start', { tableId: t1, maxGroupSize: 2, turnMinutes: 5, autoAdvance: false, groups: [[rui, rosa]] }));
    clock.advance(3 * MIN);
    ok(core.call('entry.setStatus', { entryId: rui, status: 'left' }));
    clock.advance(2 * MIN);
    ok(core.call('rotation.end', { rotationId: rot.rotationId }));
    // Tom's party has a one-to-one turn of its own.
    const tomHere = core.snapshot().tables.find((t) => t.id === t1)!.queue.find((e) => e.name === 'Tom')!;
    const turn = ok(core.call('turn.start', { tableId: t1, entryId: tomHere.id }));
    clock.advance(10 * MIN);
    ok(core.call('turn.end', { turnId: turn.turnId }));
    // Someone served one-to-one at Table 2 too.
    const una = walkIn(t2, 'Una');
    clock.advance(2 * MIN);
    const t2turn = ok(core.call('turn.start', { tableId: t2, entryId: una }));
    clock.advance(10 * MIN);
    ok(core.call('turn.end', { turnId: t2turn.turnId }));

    const snapshot = core.snapshot();
    const facts = core.exportFacts({ id: 'x', name: 'x' }, clock.now())!;
    const report = buildReport(facts, buildScope(facts, { id: 'x', name: 'x' }, clock.now(), 15));
    const tables = buildSheets(facts, 'full', buildScope(facts, { id: 'x', name: 'x' }, clock.now(), 15))[1]!;
    const col = (name: string) => tables.columns.findIndex((c) => c.header === name);

    for (const t of snapshot.tables) {
      const r = report.tables.find((x) => x.name === t.name)!;
      const row = tables.rows.find((x) => x[0] === t.name)!;
      // Dashboard = report: served (one-to-one + in a group) in entries and heads, and the median wait.
      expect(t.stats.served).toBe(r.served + r.servedGroup);
      expect(t.stats).toEqual({ served: r.servedEntries, servedHeads: r.servedHeads, medianWaitMs: r.medianWaitMs });
      // Dashboard = the export's tables sheet.
      expect(t.stats.served).toBe(Number(row[col('Served one-to-one')]) + Number(row[col('Served in a group')]));
      expect(t.stats.medianWaitMs === null ? null : Math.round(t.stats.medianWaitMs / 6_000) / 10).toBe(row[col('Median wait (minutes)')]);
    }
    const one = snapshot.tables.find((t) => t.id === t1)!.stats;
    // Table 1: Pavel, Fay, Rui, Rosa in groups, Tom's party of two one-to-one; Pia (plenary only) and nobody else.
    expect(one.served).toBe(5);
    expect(one.servedHeads).toBe(6);
    // Waits to the first interaction: Pavel 10, Pia 10, Tom 10 (kept across the transfer), Fay 5, Rui and Rosa 0 min:
    // the median (nearest rank) of [0, 0, 5, 10, 10, 10] is 5 minutes.
    expect(one.medianWaitMs).toBe(5 * MIN);
    expect(snapshot.tables.find((t) => t.id === t2)!.stats).toEqual({ served: 1, servedHeads: 1, medianWaitMs: 2 * MIN });
    core.close();
  });
});

describe('a wait ended at an earlier table', () => {
  it('a plenary at Table 2, then sent on to Table 1 and coached there: Table 1\'s dashboard median is the report\'s (the wait ended at the plenary)', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const t1 = ok(core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId;
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const ray = ok(core.call('walkin.add', { tableId: t2, name: 'Ray', topics: [], partySize: 1 })).entryId;
    clock.advance(3 * MIN);
    const plen = ok(core.call('plenary.start', { tableId: t2, minutes: 5 }));
    clock.advance(5 * MIN);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    ok(core.call('entry.transfer', { entryId: ray, toTableId: t1 }));
    clock.advance(12 * MIN);
    const rayHere = core.snapshot().tables.find((t) => t.id === t1)!.queue.find((e) => e.name === 'Ray')!.id;
    const turn = ok(core.call('turn.start', { tableId: t1, entryId: rayHere }));
    clock.advance(10 * MIN);
    ok(core.call('turn.end', { turnId: turn.turnId }));

    const facts = core.exportFacts({ id: 'x', name: 'x' }, clock.now())!;
    const report = buildReport(facts, buildScope(facts, { id: 'x', name: 'x' }, clock.now(), 15));
    for (const t of core.snapshot().tables) {
      const r = report.tables.find((x) => x.name === t.name)!;
      expect(t.stats, t.name).toEqual({ served: r.servedEntries, servedHeads: r.servedHeads, medianWaitMs: r.medianWaitMs });
    }
    // Ray's wait ended at Table 2's plenary, 3 minutes after he arrived, and he counts at Table 1.
    expect(core.snapshot().tables.find((t) => t.id === t1)!.stats.medianWaitMs).toBe(3 * MIN);
    core.close();
  });
});

describe('the dashboard reads the same facts as the export (one row-to-fact mapping, electron/core/fact-rows.ts)', () => {
  it('a floor with pauses (one still open), an extension and a party sent on: each table\'s dashboard facts are the export\'s, and so are the figures and minutes received', () => {
    const { core, clock, db } = testCore();
    ok(core.call('event.create', EVENT));
    const t1 = ok(core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId;
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const walkIn = (tableId: string, name: string, partySize = 1) =>
      ok(core.call('walkin.add', { tableId, name, topics: ['Personal branding'], partySize, languages: ['fr', 'en'] })).entryId;

    // Ada: 15 minutes of turn with 5 paused and 5 added; she has 15 - 5 = 10 minutes received.
    const ada = walkIn(t1, 'Ada');
    const ben = walkIn(t2, 'Ben', 2);
    clock.advance(3 * MIN);
    const one = ok(core.call('turn.start', { tableId: t1, entryId: ada }));
    clock.advance(4 * MIN);
    ok(core.call('turn.pause', { turnId: one.turnId }));
    clock.advance(5 * MIN);
    ok(core.call('turn.resume', { turnId: one.turnId }));
    ok(core.call('turn.extend', { turnId: one.turnId, minutes: 5 }));
    clock.advance(6 * MIN);
    ok(core.call('turn.end', { turnId: one.turnId }));
    // Ben's party is sent to Table 1 and has a topic focus there, paused still when the facts are read.
    ok(core.call('entry.transfer', { entryId: ben, toTableId: t1 }));
    const benHere = core.snapshot().tables.find((t) => t.id === t1)!.queue.find((e) => e.name === 'Ben')!.id;
    const cy = walkIn(t1, 'Cy');
    const focus = ok(core.call('focus.start', { tableId: t1, topic: 'Personal branding', entryIds: [benHere, cy], minutes: 10 }));
    clock.advance(2 * MIN);
    ok(core.call('turn.pause', { turnId: focus.turnId }));
    clock.advance(3 * MIN);
    // Dee at Table 2: a turn, paused, resumed, ended.
    const dee = walkIn(t2, 'Dee');
    const two = ok(core.call('turn.start', { tableId: t2, entryId: dee }));
    clock.advance(MIN);
    ok(core.call('turn.pause', { turnId: two.turnId }));
    clock.advance(MIN);
    ok(core.call('turn.resume', { turnId: two.turnId }));
    clock.advance(MIN);
    ok(core.call('turn.end', { turnId: two.turnId }));

    const now = clock.now();
    const facts = core.exportFacts({ id: 'x', name: 'x' }, now)!;
    const reads = new Reads(db);
    const exported = derive(facts);
    const sortBy = <T extends { id?: string; interactionId?: string; entryId?: string }>(xs: readonly T[]) =>
      [...xs].sort((a, b) => `${a.id ?? a.interactionId}${a.entryId ?? ''}`.localeCompare(`${b.id ?? b.interactionId}${b.entryId ?? ''}`));
    let pausesSeen = 0;
    for (const tableId of [t1, t2]) {
      const mine = reads.tableFacts(tableId);
      // The same facts, mapped once: every entry, interaction (pauses included) and participation the dashboard reads is the export's.
      const byId = new Map(facts.entries.map((e) => [e.id, e]));
      for (const e of mine.entries) expect(e).toEqual(byId.get(e.id));
      const theirs = facts.interactions.filter((i) => i.tableId === tableId).map((i) => ({ ...i, note: null }));
      expect(sortBy(mine.interactions)).toEqual(sortBy(theirs));
      const ids = new Set(theirs.map((i) => i.id));
      expect(sortBy(mine.participations)).toEqual(sortBy(facts.participations.filter((p) => ids.has(p.interactionId))));
      pausesSeen += mine.interactions.reduce((n, i) => n + (i.pauses?.length ?? 0), 0);
      // … so what is derived from them agrees: the figures, and each person's minutes received (pauses left out) and wait.
      const dash = deriveFloor({ ...mine, readAt: now });
      expect(servedFigures(dash, tableId)).toEqual(servedFigures(exported, tableId));
      // (the dashboard reads the people who took part here or were served here, and those they were sent from)
      const here = new Set(dash.people.filter((p) => p.entry.tableId === tableId).map((p) => p.entry.id));
      const view = (people: typeof dash.people) =>
        people
          .filter((p) => here.has(p.entry.id))
          .map((p) => ({ id: p.entry.id, outcome: p.outcome, waited: p.waitedMs, received: p.attendances.map((a) => a.receivedMs) }));
      expect(here.size).toBeGreaterThan(0);
      expect(view(dash.people)).toEqual(view(exported.people));
    }
    expect(pausesSeen).toBe(3);
    const ada1 = exported.people.find((p) => p.entry.id === ada)!;
    expect(ada1.attendances[0]!.receivedMs).toBe(10 * MIN);
    // Ben's party: 2 minutes of the focus, then paused (the open pause runs to now).
    expect(exported.people.find((p) => p.entry.id === benHere)!.attendances[0]!.receivedMs).toBe(2 * MIN);
    core.close();
  });
});
