/**
 * The one definition of each table figure (shared/domain/table.ts, suggest.ts)
 * and the board built from it: one wait model everywhere.
 */
import { describe, expect, it } from 'vitest';
import type { QueueEntryView, Snapshot, TableView } from '../../shared/contract.js';
import { NO_SYNC } from '../../shared/contract.js';
import { suggestTablesFor, tableThatCanTake } from '../../shared/domain/suggest.js';
import { eventSessionEndsAt, shownWait, tableState, tableWaits, waitingEntries, waitingHeads } from '../../shared/domain/table.js';
import { boardView } from '../../electron/sync/board.js';

const MIN = 60_000;
const NOW = new Date('2026-08-26T12:12:00').getTime();

function entry(i: number, over: Partial<QueueEntryView> = {}): QueueEntryView {
  return {
    id: `e${String(i).padStart(3, '0')}`,
    ticket: i + 1,
    ticketSuffix: '',
    name: null,
    topics: [],
    languages: [],
    partySize: 1,
    joinedAt: NOW - 30 * MIN + i,
    arrivedAt: NOW - 30 * MIN + i,
    waitEndedAt: null,
    rank: i,
    fromTable: null,
    cameBack: false,
    conflict: null,
    status: 'waiting',
    awayUntil: null,
    position: i + 1,
    groupId: null,
    ...over,
  };
}

export function table(over: Partial<TableView> = {}): TableView {
  return {
    id: 't1',
    deviceId: null,
    takenOver: null,
    claimedBy: [],
    name: 'Table 1',
    coaches: ['Ana'],
    topics: ['Career'],
    languages: ['en'],
    turnMinutes: 15,
    holdMinutes: 5,
    maxGroupSize: 4,
    rotationMinutes: 15,
    autoAdvance: false,
    questions: [],
    closedAt: null,
    queue: [],
    currentTurn: null,
    alsoRunning: [],
    rotation: null,
    pastTurns: [],
    pastTurnsTotal: 0,
    turnDurationsMs: [],
    gone: [],
    goneTotal: 0,
    followUps: [],
    stats: { served: 0, servedHeads: 0, medianWaitMs: null },
    ...over,
  };
}

const queueOf = (n: number, over: (i: number) => Partial<QueueEntryView> = () => ({})) =>
  Array.from({ length: n }, (_, i) => entry(i, over(i)));

describe('likely not reached', () => {
  it('15-minute turns, a free table and 78 minutes left reach 5 of 10, not 7', () => {
    const t = table({ queue: queueOf(10) });
    const w = tableWaits(t, NOW, NOW + 78 * MIN);
    expect(w.notReached.map((e) => e.ticket)).toEqual([6, 7, 8, 9, 10]);
    // The 5th starts at 60 min and ends at 75 ≤ 78; the 6th would start at 75.
    expect((w.byEntry.get('e004')!.likelyStartAt - NOW) / MIN).toBe(60);
    expect((w.byEntry.get('e005')!.likelyStartAt - NOW) / MIN).toBe(75);
  });

  it('a party of three is one turn, not three', () => {
    const t = table({ queue: [entry(0, { partySize: 3 }), entry(1)] });
    const w = tableWaits(t, NOW, null);
    expect((w.byEntry.get('e001')!.likelyStartAt - NOW) / MIN).toBe(15);
    expect(waitingEntries(t)).toBe(2);
    expect(waitingHeads(t)).toBe(4);
  });

  it('a rotation decides when its groups start, for the table screen and the board alike', () => {
    const members = queueOf(4);
    const t = table({
      queue: [...members, entry(4)],
      rotation: {
        id: 'r1',
        turnMinutes: 10,
        maxGroupSize: 2,
        autoAdvance: false,
        startedAt: NOW,
        currentGroupId: 'g1',
        groups: [
          { id: 'g1', position: 0, members: members.slice(0, 2), startedAt: null, endedAt: null },
          { id: 'g2', position: 1, members: members.slice(2, 4), startedAt: null, endedAt: null },
        ],
      },
    });
    const w = tableWaits(t, NOW, null);
    expect([...w.byEntry.values()].map((e) => (e.likelyStartAt - NOW) / MIN)).toEqual([0, 0, 10, 10, 20]);
    // Someone joining now comes after the rotation and the one person after it.
    expect((w.newcomer!.likelyStartAt - NOW) / MIN).toBe(35);
  });
});

describe('a range never reads past the session end without saying so', () => {
  it('stops at the end and says so; says "not reached" when the likely turn does not fit', () => {
    const t = table({ queue: queueOf(4) });
    const w = tableWaits(t, NOW, NOW + 70 * MIN);
    // The newcomer (5th): low 48, likely 60 (ends 75 > 70): not reached.
    expect(shownWait(w.newcomer!, NOW, NOW + 70 * MIN)).toEqual({ kind: 'not_reached' });
    // The 4th: 36–56¼ min, likely 45 (ends 60 ≤ 70): a range; its high end (60) fits.
    expect(shownWait(w.byEntry.get('e003')!, NOW, NOW + 70 * MIN)).toEqual({ kind: 'range', lowMinutes: 35, highMinutes: 60, untilEnd: false });
    // With 58 minutes left the range would read 35–60: it stops at 58, and says so.
    expect(shownWait(tableWaits(t, NOW, NOW + 58 * MIN).byEntry.get('e002')!, NOW, NOW + 58 * MIN)).toEqual({
      kind: 'range',
      lowMinutes: 20,
      highMinutes: 40,
      untilEnd: false,
    });
    // The 6th of 7: starts 60–93¾ min from now, likely at 75 and done at 90. With 91 minutes left they
    // are likely reached, and the range says "60–91 (until the session ends)", not 60–95.
    const late = tableWaits(table({ queue: queueOf(7) }), NOW, NOW + 91 * MIN).byEntry.get('e005')!;
    expect(late.likelyNotReached).toBe(false);
    expect(late.atRisk).toBe(true);
    expect(shownWait(late, NOW, NOW + 91 * MIN)).toEqual({ kind: 'range', lowMinutes: 60, highMinutes: 91, untilEnd: true });
  });
});

describe('table state is one function', () => {
  it('closed wins over a rotation or a turn, everywhere', () => {
    expect(tableState(table())).toBe('open');
    expect(tableState(table({ closedAt: NOW }))).toBe('closed');
    const turn = { id: 'x', mode: 'one_to_one' as const, topic: null, rotationId: null, groupId: null, participants: [], startedAt: NOW, deadline: NOW + 15 * MIN, endedAt: null, pausedAt: null, pausedMs: 0, note: null };
    expect(tableState(table({ currentTurn: turn }))).toBe('in_turn');
    expect(tableState(table({ currentTurn: turn, closedAt: NOW }))).toBe('closed');
  });

  it('the session end is one instant from the event (session.ts), for the board and the dashboard alike', () => {
    const event = { date: '2026-08-26', startTime: '11:45', endTime: '13:30', timeZone: 'Europe/Berlin' };
    expect(eventSessionEndsAt(event, NOW)).toBe(Date.UTC(2026, 7, 26, 11, 30));
    expect(eventSessionEndsAt(null, NOW)).toBeNull();
  });
});

describe('send-elsewhere suggestions use the same estimate', () => {
  it('a party of three at a table with 1 waiting: the wait the table screen shows, not (waiting + 0.5) × turn', () => {
    const from = table({ id: 'a', name: 'A', queue: queueOf(1, () => ({ topics: ['Career'] })) });
    const busy = table({ id: 'b', name: 'B', queue: [entry(10, { partySize: 3 })] });
    const s = suggestTablesFor({ topics: ['Career'] }, from, [from, busy], NOW, null);
    expect(s).toHaveLength(1);
    const newcomer = tableWaits(busy, NOW, null).newcomer!;
    expect(s[0]!.expectedWait).toEqual(shownWait(newcomer, NOW, null));
    expect(s[0]!.expectedWait).toEqual({ kind: 'range', lowMinutes: 10, highMinutes: 20, untilEnd: false });
  });

  it('ranks a table that would not reach them last, and the board points to one that can', () => {
    const endsAt = NOW + 50 * MIN;
    const full = table({ id: 'a', name: 'Table A', queue: queueOf(6) });
    const other = table({ id: 'b', name: 'Table B', queue: queueOf(1), topics: [] });
    const closed = table({ id: 'c', name: 'Table C', closedAt: NOW });
    expect(suggestTablesFor({ topics: ['Career'] }, table({ id: 'z' }), [full, other, closed], NOW, endsAt).map((x) => x.tableId)).toEqual(['b', 'a']);
    expect(tableThatCanTake(full, [full, other, closed], NOW, endsAt)?.name).toBe('Table B');
  });
});

describe('the queue board', () => {
  const snap = (tables: TableView[], endTime: string): Snapshot => ({
    device: { id: 'd', name: 'hub' },
    event: { id: 'ev', name: 'Drop-in', date: '2026-08-26', startTime: '11:45', endTime, place: '', topics: [] },
    tables,
    broadcasts: [],
    sync: NO_SYNC,
  });

  it('never shows a wait past the session end: 89 minutes left and 12 waiting says "won\'t be reached — try table 2"', () => {
    const end = new Date(NOW + 89 * MIN);
    const endTime = `${String(end.getHours()).padStart(2, '0')}:${String(end.getMinutes()).padStart(2, '0')}`;
    const a = table({ id: 'a', name: 'Table 1', queue: queueOf(12, (i) => ({ partySize: i === 0 ? 2 : 1 })) });
    const b = table({ id: 'b', name: 'Table 2', queue: queueOf(1) });
    const board = boardView(snap([a, b], endTime), NOW);
    expect(board.tables[0]).toMatchObject({ state: 'open', waiting: 13, expectedWait: null, notReached: true, tryTable: 2 });
    expect(board.tables[1]).toMatchObject({ notReached: false, expectedWait: { low: 10, high: 20, untilEnd: false } });
    for (const tb of board.tables) if (tb.expectedWait) expect(tb.expectedWait.high).toBeLessThanOrEqual(89);
  });

  it('says a closed table is closed, as the dashboard and the side list do', () => {
    const board = boardView(snap([table({ closedAt: NOW, queue: [] })], '13:30'), NOW);
    expect(board.tables[0]).toMatchObject({ state: 'closed', expectedWait: null, notReached: false });
  });
});

describe('transfer.suggest answers with the same estimate, on a real core', () => {
  it('a party of three ahead is one turn: the suggestion says 10–20 min, as the table screen would', async () => {
    const { testCore, ok, EVENT, TABLE } = await import('./helpers.js');
    const { core } = testCore();
    ok(core.call('event.create', { ...EVENT, date: '2099-01-01' }));
    const a = ok(core.call('table.create', TABLE)).tableId;
    const b = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const { entryId } = ok(core.call('walkin.add', { tableId: a, name: 'Ana', topics: ['Personal branding'], partySize: 1 }));
    ok(core.call('walkin.add', { tableId: b, name: 'Three colleagues', topics: [], partySize: 3 }));
    const { suggestions } = ok(core.call('transfer.suggest', { entryId }));
    const tableB = core.snapshot().tables.find((t) => t.id === b)!;
    const now = core.clock.now();
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.expectedWait).toEqual(shownWait(tableWaits(tableB, now, null).newcomer!, now, null));
    expect(suggestions[0]!.expectedWait).toEqual({ kind: 'range', lowMinutes: 10, highMinutes: 20, untilEnd: false });
    core.close();
  });
});

describe('a transferred person keeps their wait and says where they came from', () => {
  it('sent on after 20 minutes, they show Table 1 and 20 minutes waited at Table 2, not 0', async () => {
    const { testCore, ok, EVENT, TABLE } = await import('./helpers.js');
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const a = ok(core.call('table.create', TABLE)).tableId;
    const b = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const arrived = clock.now();
    const { entryId } = ok(core.call('walkin.add', { tableId: a, name: 'Ana', topics: [], partySize: 1 }));
    clock.advance(20 * MIN);
    ok(core.call('entry.transfer', { entryId, toTableId: b }));
    const there = core.snapshot().tables.find((t) => t.id === b)!.queue[0]!;
    expect(there).toMatchObject({ name: 'Ana', fromTable: 'Table 1', arrivedAt: arrived });
    expect((clock.now() - there.arrivedAt) / MIN).toBe(20);
    core.close();
  });
});
