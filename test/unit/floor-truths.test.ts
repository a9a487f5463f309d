/**
 * Truths of the floor (a tester's findings): two turns started at one table
 * by two laptops apart both stand after they merge, nobody in them is hidden
 * and each can be ended; a rotation whose groups have all had their turn
 * adds no wait and is over; a count of people is a count of heads (a party
 * of two is two people), entries are said as entries. Real cores on SQLite, synced as a round would.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { boardView } from '../../electron/sync/board.js';
import { suggestTablesFor } from '../../shared/domain/suggest.js';
import { commonTopics } from '../../shared/domain/grouping.js';
import { countOf, headcount } from '../../shared/domain/people.js';
import { beingCoached, runningTurns, shownWait, tableState, tableWaits, waitingEntries, waitingHeads } from '../../shared/domain/table.js';
import { buildReport } from '../../shared/export/report.js';
import { buildScope } from '../../shared/export/scope.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;

function sync(from: Core, to: Core): void {
  to.applyOps(from.missingFor(to.vector(), 10_000).ops);
}

function report(core: Core, now: number) {
  const facts = core.exportFacts({ id: 'x', name: 'x' }, now)!;
  return buildReport(facts, buildScope(facts, { id: 'x', name: 'x' }, now, 15));
}

const names = (list: readonly { name: string | null; ticket: number }[]) => list.map((p) => p.name ?? `T${p.ticket}`).sort();

describe('two turns started at one table while apart', () => {
  it('both stand after merging: everyone has a place, each turn can be ended, the report counts each once', () => {
    const hub = testCore({ prefix: 'hub' });
    const b = testCore({ prefix: 'b' });
    b.clock.set(hub.clock.now());
    ok(hub.core.call('event.create', EVENT));
    const { tableId } = ok(hub.core.call('table.create', { ...TABLE, name: 'Leadership' }));
    sync(hub.core, b.core);
    const add = (name: string) => ok(b.core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId;
    const ivan = add('Ivan');
    const jules = add('Jules');
    const third = ok(b.core.call('walkin.add', { tableId, name: '', topics: [], partySize: 1 })).entryId;
    const ivanTurn = ok(b.core.call('turn.start', { tableId, entryId: ivan })).turnId;
    sync(b.core, hub.core);

    // Apart. B: End turn, then start Ticket 3. The hub: end Ivan's turn, then start Jules's.
    b.clock.advance(5 * MIN);
    hub.clock.advance(5 * MIN);
    ok(b.core.call('turn.end', { turnId: ivanTurn }));
    ok(b.core.call('turn.start', { tableId, entryId: third }));
    hub.clock.advance(MIN);
    ok(hub.core.call('turn.end', { turnId: ivanTurn }));
    ok(hub.core.call('turn.start', { tableId, entryId: jules }));

    // Linked again.
    sync(b.core, hub.core);
    sync(hub.core, b.core);
    for (const { core, clock } of [hub, b]) {
      const tb = ok(core.call('snapshot.get', {})).tables[0]!;
      expect(runningTurns(tb)).toHaveLength(2);
      expect(tb.currentTurn).not.toBeNull();
      expect(tb.alsoRunning).toHaveLength(1);
      expect(names(beingCoached(tb))).toEqual(['Jules', 'T3']);
      expect(tableState(tb)).toBe('in_turn');
      expect(boardView(ok(core.call('snapshot.get', {})), clock.now()).tables[0]!.servingTickets.map((x) => x.ticket).sort()).toEqual([2, 3]);
      const r = report(core, clock.now());
      expect(r.headline.beingCoached).toBe(2);
      expect(r.headline.served).toBe(1);
    }

    // Each can be ended (here on B, the other later on the hub); then both are served, once each.
    const tb = ok(b.core.call('snapshot.get', {})).tables[0]!;
    ok(b.core.call('turn.end', { turnId: tb.alsoRunning[0]!.id }));
    ok(hub.core.call('turn.end', { turnId: tb.currentTurn!.id }));
    sync(b.core, hub.core);
    sync(hub.core, b.core);
    for (const { core, clock } of [hub, b]) {
      const after = ok(core.call('snapshot.get', {})).tables[0]!;
      expect(runningTurns(after)).toEqual([]);
      const r = report(core, clock.now());
      expect([r.headline.served, r.headline.beingCoached, r.headline.people]).toEqual([3, 0, 3]);
    }
    hub.core.close();
    b.core.close();
  });

  it('one person called on both laptops apart stays being coached until both turns have ended', () => {
    const hub = testCore({ prefix: 'hub' });
    const b = testCore({ prefix: 'b' });
    b.clock.set(hub.clock.now());
    ok(hub.core.call('event.create', EVENT));
    const { tableId } = ok(hub.core.call('table.create', TABLE));
    const jules = ok(hub.core.call('walkin.add', { tableId, name: 'Jules', topics: [], partySize: 1 })).entryId;
    sync(hub.core, b.core);
    const onB = ok(b.core.call('turn.start', { tableId, entryId: jules })).turnId;
    const onHub = ok(hub.core.call('focus.start', { tableId, topic: 'Leadership', entryIds: [jules], minutes: 10 })).turnId;
    sync(b.core, hub.core);
    sync(hub.core, b.core);
    const view = (core: Core) => ok(core.call('snapshot.get', {})).tables[0]!;
    expect(names(beingCoached(view(hub.core)))).toEqual(['Jules']);
    ok(hub.core.call('turn.end', { turnId: onHub }));
    // Still in B's turn: being coached, shown there, not served yet.
    expect(names(beingCoached(view(hub.core)))).toEqual(['Jules']);
    expect(report(hub.core, hub.clock.now()).headline.beingCoached).toBe(1);
    ok(hub.core.call('turn.end', { turnId: onB }));
    expect(beingCoached(view(hub.core))).toEqual([]);
    expect(report(hub.core, hub.clock.now()).headline.served).toBe(1);
    hub.core.close();
    b.core.close();
  });
});

describe('a rotation whose groups have all had their turn', () => {
  function rotationFloor() {
    const t = testCore({ prefix: 'rot' });
    ok(t.core.call('event.create', EVENT));
    const { tableId } = ok(t.core.call('table.create', { ...TABLE, name: 'Careers', turnMinutes: 15 }));
    const other = ok(t.core.call('table.create', { ...TABLE, name: 'Busy', turnMinutes: 15 })).tableId;
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) ok(t.core.call('walkin.add', { tableId, name, topics: [], partySize: 1 }));
    const groups = ok(t.core.call('rotation.propose', { tableId, maxGroupSize: 2 })).groups;
    expect(groups).toHaveLength(3);
    const { rotationId } = ok(t.core.call('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 15, autoAdvance: false, groups }));
    const table = () => ok(t.core.call('snapshot.get', {})).tables.find((x) => x.id === tableId)!;
    return { ...t, tableId, other, rotationId, table };
  }

  it('between groups, the next group can start now: its wait is 0–5 min, not a whole turn more', () => {
    const { core, clock, table } = rotationFloor();
    clock.advance(15 * MIN);
    ok(core.call('turn.end', { turnId: table().currentTurn!.id }));
    const tb = table();
    const second = tb.rotation!.groups[1]!.members[0]!.id;
    const wait = shownWait(tableWaits(tb, clock.now(), null).byEntry.get(second)!, clock.now(), null);
    expect(wait).toEqual({ kind: 'range', lowMinutes: 0, highMinutes: 5, untilEnd: false });
    expect(tableState(tb)).toBe('rotating');
    core.close();
  });

  it('left open after its last group: no wait added, not rotating, a walk-in waits 0–5 min everywhere, and the next start ends it', () => {
    const { core, clock, tableId, other, rotationId, table } = rotationFloor();
    clock.advance(15 * MIN);
    ok(core.call('rotation.next', { rotationId }));
    clock.advance(15 * MIN);
    ok(core.call('rotation.next', { rotationId }));
    clock.advance(10 * MIN);
    ok(core.call('turn.end', { turnId: table().currentTurn!.id }));
    // Someone busy at the other table, so the board's suggestion would send people here if this one is free.
    for (const name of ['X', 'Y', 'Z']) ok(core.call('walkin.add', { tableId: other, name, topics: [], partySize: 1 }));
    ok(core.call('turn.start', { tableId: other }));
    const pat = ok(core.call('walkin.add', { tableId, name: 'Pat Late', topics: [], partySize: 1 })).entryId;

    const now = clock.now();
    const snapshot = ok(core.call('snapshot.get', {}));
    const tb = table();
    expect(tb.rotation).not.toBeNull();
    expect(tb.rotation!.groups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(pat);
    expect(tableState(tb)).toBe('open');
    const waits = tableWaits(tb, now, null);
    const zeroToFive = { kind: 'range', lowMinutes: 0, highMinutes: 5, untilEnd: false };
    expect(shownWait(waits.byEntry.get(pat)!, now, null)).toEqual(zeroToFive);
    // Someone joining now: after Pat's one turn (was 30–35 min: the last group counted again, then Pat).
    const newcomer = { kind: 'range', lowMinutes: 10, highMinutes: 20, untilEnd: false };
    expect(shownWait(waits.newcomer!, now, null)).toEqual(newcomer);
    // The board and the send-elsewhere suggestions say the same (one function).
    const board = boardView(snapshot, now).tables.find((x) => x.name === 'Careers')!;
    expect(board.state).toBe('open');
    expect(board.expectedWait).toEqual({ low: 10, high: 20, untilEnd: false });
    const fromBusy = snapshot.tables.find((x) => x.id === other)!.queue[0]!;
    const busy = snapshot.tables.find((x) => x.id === other)!;
    const here = suggestTablesFor(fromBusy, busy, snapshot.tables, now, null).find((s) => s.tableId === tableId)!;
    expect(here.expectedWait).toEqual(newcomer);

    // Start next: Pat's turn, and the rotation is over.
    ok(core.call('turn.start', { tableId }));
    const after = table();
    expect(after.rotation).toBeNull();
    expect(after.currentTurn!.participants.map((p) => p.id)).toEqual([pat]);
    core.close();
  });
});

describe('a count of people is a count of heads', () => {
  it('a party of two is two people in the plenary, the focus, the report’s waits and demand by topic; entries are said as entries', () => {
    const { core, clock } = testCore({ prefix: 'heads' });
    ok(core.call('event.create', EVENT));
    const topic = TABLE.topics[0]!;
    const { tableId } = ok(core.call('table.create', TABLE));
    for (const [name, partySize, topics] of [['Ann', 1, [topic]], ['Bob & Carol', 2, [topic]], ['Dan', 1, [topic]], ['Eve', 1, []], ['Fay', 1, [topic]], ['Gus', 1, []]] as const) {
      ok(core.call('walkin.add', { tableId, name, topics: [...topics], partySize }));
    }
    const table = () => ok(core.call('snapshot.get', {})).tables[0]!;
    expect(countOf(table().queue)).toEqual({ entries: 6, heads: 7 });
    expect([waitingEntries(table()), waitingHeads(table())]).toEqual([6, 7]);

    // The plenary's button counts heads (waitingHeads); so does its header (headcount of those at the table).
    const plenary = ok(core.call('plenary.start', { tableId, minutes: 5 })).turnId;
    expect(headcount(table().currentTurn!.participants)).toBe(7);
    clock.advance(5 * MIN);
    ok(core.call('turn.end', { turnId: plenary }));

    // The focus chooser's "Leadership (5 people)" and the focus's header count the same heads.
    const chooser = commonTopics(table().queue).find((c) => c.topic === topic)!;
    expect(chooser.count).toBe(5);
    const chosen = table().queue.filter((e) => e.topics.includes(topic)).map((e) => e.id);
    const focus = ok(core.call('focus.start', { tableId, topic, entryIds: chosen, minutes: 10 })).turnId;
    expect(headcount(table().currentTurn!.participants)).toBe(chooser.count);
    clock.advance(10 * MIN);
    ok(core.call('turn.end', { turnId: focus }));

    // The report: waits (to the first interaction: the plenary, for all) and demand in people (heads), the waits' entries said too.
    const r = report(core, clock.now());
    expect(r.waits.reduce((n, w) => n + w.people, 0)).toBe(7);
    expect(r.waits.reduce((n, w) => n + w.entries, 0)).toBe(6);
    expect(r.topics.find((x) => x.topic === topic)).toMatchObject({ wanted: 5, discussed: 5 });
    expect([r.headline.people, r.headline.partyMembers]).toEqual([6, 7]);
    expect(r.timeline.points.reduce((n, p) => n + p.arrivals, 0)).toBe(7);
    expect(Math.max(...r.timeline.points.map((p) => p.waiting))).toBe(7);
    core.close();
  });
});
