/**
 * Random floors: two laptops (the hub and a coach's laptop), two tables,
 * walk-ins and parties, one-to-one turns, plenaries, topic focus, rotations,
 * leavers, no-shows, transfers, the laptops apart for a while and merged.
 * On every laptop afterwards:
 *
 * - the report's totals are the sums of the per-person outcomes (the
 *   interactions sheet's rows, one outcome per person), and each table row's
 *   "Entries" is the sum of its outcome columns;
 * - every figure shown in two places is the same: the dashboard's Served and
 *   Median wait (TableView.stats) = the report's per table = the tables
 *   sheet's; waiting entries and heads on the table screen = the board's
 *   heads; the people per table in the report = the sheet's Entries;
 * - each person counts once: someone sent on after only a plenary counts at
 *   the table they were sent to, not also at the first (the report's people
 *   = arrivals + those coached and then sent on);
 * - nobody is invisible: every entry is waiting (in its table's queue),
 *   being coached in a running turn the table shows (`beingCoached`, each
 *   turn endable), or has an outcome; the report's "being coached" is the
 *   same entries (two turns started at one table while apart both stand);
 * - and both laptops show the same figures and the same, unique tickets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { boardView } from '../../electron/sync/board.js';
import { ticketText } from '../../shared/domain/ticket.js';
import { beingCoached, runningTurns, waitingEntries, waitingHeads } from '../../shared/domain/table.js';
import { COACHED } from '../../shared/domain/outcome.js';
import { derive } from '../../shared/export/derive.js';
import { waitMs } from '../../shared/domain/wait.js';
import { OUTCOME_LABELS } from '../../shared/export/format.js';
import { buildReport } from '../../shared/export/report.js';
import { buildSheets, type Sheet } from '../../shared/export/rows.js';
import { buildScope } from '../../shared/export/scope.js';
import { checkUntilCovered, EVENT, PROPERTY, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;
const TOPIC = TABLE.topics[0] ?? 'Personal branding';

type Action =
  | { kind: 'walkin'; l: number; t: number; party: number; named: boolean }
  | { kind: 'turn'; l: number; t: number; pick: number }
  | { kind: 'end'; l: number; t: number }
  | { kind: 'plenary'; l: number; t: number }
  | { kind: 'focus'; l: number; t: number; pick: number }
  | { kind: 'rotate'; l: number; t: number }
  | { kind: 'next'; l: number; t: number }
  | { kind: 'status'; l: number; t: number; pick: number; status: 'left' | 'no_show' | 'away' | 'waiting' }
  | { kind: 'leaveTurn'; l: number; t: number; pick: number }
  | { kind: 'transfer'; l: number; t: number; pick: number }
  | { kind: 'close'; l: number; t: number }
  | { kind: 'reopen'; l: number; t: number }
  | { kind: 'tick'; minutes: number }
  | { kind: 'apart' }
  | { kind: 'together' };

const l = fc.nat(1);
const t = fc.nat(1);
const pick = fc.nat(20);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('walkin' as const), l, t, party: fc.integer({ min: 1, max: 3 }), named: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('turn' as const), l, t, pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('end' as const), l, t }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plenary' as const), l, t }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('focus' as const), l, t, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rotate' as const), l, t }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('next' as const), l, t }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      l,
      t,
      pick,
      status: fc.constantFrom('left' as const, 'no_show' as const, 'away' as const, 'waiting' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leaveTurn' as const), l, t, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), l, t, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), l, t }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), l, t }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('apart' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('together' as const) }) },
);

interface Laptop {
  core: Core;
  clock: ManualClock;
}

const sync = (from: Core, to: Core) => to.applyOps(from.missingFor(to.vector()).ops);
const at = <T,>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

function run(laptop: Laptop, a: Action, tables: readonly string[]): void {
  if (!('l' in a)) return;
  const { core } = laptop;
  const tableId = tables[a.t]!;
  const view = () => core.snapshot().tables.find((x) => x.id === tableId);
  // Refusals (nobody waiting, a turn already running…) change nothing: the floor goes on.
  switch (a.kind) {
    case 'walkin':
      core.dispatch('walkin.add', { tableId, name: a.named ? `P${core.snapshot().tables.length}` : '', topics: [TOPIC], partySize: a.party });
      break;
    case 'turn': {
      const entry = at(view()?.queue.filter((e) => e.status === 'waiting') ?? [], a.pick);
      core.dispatch('turn.start', { tableId, ...(entry && a.pick % 2 === 0 ? { entryId: entry.id } : {}) });
      break;
    }
    case 'end': {
      const turn = view()?.currentTurn;
      const rotation = view()?.rotation;
      if (rotation && a.t === 0) core.dispatch('rotation.end', { rotationId: rotation.id });
      else if (rotation) core.dispatch('rotation.next', { rotationId: rotation.id });
      else if (turn) core.dispatch('turn.end', { turnId: turn.id });
      break;
    }
    case 'plenary':
      core.dispatch('plenary.start', { tableId, minutes: 10 });
      break;
    case 'focus': {
      const queue = view()?.queue.filter((e) => e.status === 'waiting') ?? [];
      const chosen = [at(queue, a.pick), at(queue, a.pick + 1)].flatMap((e) => (e ? [e.id] : []));
      if (chosen.length > 0) core.dispatch('focus.start', { tableId, topic: TOPIC, entryIds: [...new Set(chosen)], minutes: 10 });
      break;
    }
    case 'rotate': {
      const p = core.dispatch('rotation.propose', { tableId, maxGroupSize: 2 });
      const groups = p.ok ? (p.value as { groups: string[][] }).groups : [];
      if (groups.length > 0) core.dispatch('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 10, autoAdvance: false, groups });
      break;
    }
    case 'next': {
      const rotation = view()?.rotation;
      if (rotation) core.dispatch('rotation.next', { rotationId: rotation.id });
      break;
    }
    case 'status': {
      const entry = at(view()?.queue ?? [], a.pick);
      if (entry) core.dispatch('entry.setStatus', { entryId: entry.id, status: a.status });
      break;
    }
    case 'leaveTurn': {
      // Someone presses "Leaves" during a turn, a focus or their sub-group's turn.
      const p = at(view()?.currentTurn?.participants ?? [], a.pick);
      if (p) core.dispatch('entry.setStatus', { entryId: p.id, status: 'left' });
      break;
    }
    case 'transfer': {
      const entry = at(view()?.queue ?? [], a.pick);
      if (entry) core.dispatch('entry.transfer', { entryId: entry.id, toTableId: tables[1 - a.t]! });
      break;
    }
    case 'close':
      if (!view()?.currentTurn) core.dispatch('table.close', { tableId });
      break;
    case 'reopen':
      core.dispatch('table.reopen', { tableId });
      break;
    default:
      break;
  }
}

const column = (sheet: Sheet, header: string): number => {
  const i = sheet.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
};
const OUTCOME_COLUMNS = [
  'Served one-to-one',
  'Served in a group',
  'Plenary only',
  'No-shows',
  'Left before being served',
  'Not reached',
  'Removed',
  'Still at the table',
];

/** Checks every figure shown in two places on one laptop, and returns them for comparing laptops. */
function figures(core: Core, now: number): unknown {
  const snapshot = core.snapshot();
  const facts = core.exportFacts({ id: 'x', name: 'x' }, now)!;
  const scope = buildScope(facts, { id: 'x', name: 'x' }, now, 15);
  const report = buildReport(facts, scope);
  const [interactions, tables] = buildSheets(facts, 'full', scope) as [Sheet, Sheet];
  const board = boardView(snapshot, now);
  const h = report.headline;

  // The report's totals are the sums of the per-person outcomes.
  const outcomes = [h.served, h.servedGroup, h.plenaryOnly, h.beingCoached, h.stillWaiting, h.noShows, h.left, h.notReached, h.removed];
  expect(outcomes.reduce((a, b) => a + b, 0)).toBe(h.people);
  // … and of the interactions sheet's people: one outcome per person (table + ticket), whatever their rows.
  const perPerson = new Map<string, string>();
  const [cTable, cTicket, cOutcome] = [column(interactions, 'Table'), column(interactions, 'Ticket'), column(interactions, 'Outcome')];
  for (const row of interactions.rows) {
    // A plenary's row at a table that then sent the person on: they count at the other table.
    if (row[cOutcome] === OUTCOME_LABELS.transferred) continue;
    const key = `${String(row[cTable])}#${String(row[cTicket])}`;
    const before = perPerson.get(key);
    expect(before === undefined || before === row[cOutcome], `${key}: one outcome`).toBe(true);
    perPerson.set(key, String(row[cOutcome]));
  }
  const countOf = (o: keyof typeof OUTCOME_LABELS) => [...perPerson.values()].filter((x) => x === OUTCOME_LABELS[o]).length;
  expect(perPerson.size).toBe(h.people);
  expect([countOf('served'), countOf('served_group'), countOf('plenary_only'), countOf('no_show'), countOf('left'), countOf('not_reached'), countOf('removed')]).toEqual([
    h.served,
    h.servedGroup,
    h.plenaryOnly,
    h.noShows,
    h.left,
    h.notReached,
    h.removed,
  ]);

  // Each person counts once: at the end of their transfers, or also at a table that coached them before sending
  // them on (a queue entry there). A plenary before a transfer does not make them count at the first table.
  const people = derive(facts).people;
  const arrivals = people.filter((p) => !p.transferredIn).length;
  const coachedThenSent = people.filter((p) => p.entry.transferredTo !== null && COACHED.has(p.outcome)).length;
  expect(h.people).toBe(arrivals + coachedThenSent);
  for (const p of people) {
    if (p.entry.transferredTo !== null && !COACHED.has(p.outcome)) expect(p.outcome).toBe('transferred');
    if (p.entry.transferredTo !== null && p.attendances.length > 0 && p.attendances.every((a) => a.interaction.fact.mode === 'plenary')) {
      seen.add('a plenary then sent on');
    }
  }

  // Each table row: Entries = the sum of its outcome columns; the "All tables" row = the report's people and the rows' sum.
  const cEntries = column(tables, 'Entries');
  const cHeads = column(tables, 'People (heads)');
  for (const row of tables.rows) {
    expect(OUTCOME_COLUMNS.reduce((n, c) => n + Number(row[column(tables, c)]), 0), String(row[0])).toBe(row[cEntries]);
  }
  const all = tables.rows.at(-1)!;
  expect(all[cEntries]).toBe(h.people);
  expect(all[cHeads]).toBe(h.partyMembers);
  expect(tables.rows.slice(0, -1).reduce((n, r) => n + Number(r[cEntries]), 0)).toBe(h.people);

  // Nobody is invisible: waiting in the queue, being coached in a running turn shown at the table, or an outcome.
  const byTable = new Map(snapshot.tables.map((tb) => [tb.id, tb]));
  const coachedIds = new Set(snapshot.tables.flatMap((tb) => beingCoached(tb).map((p) => p.id)));
  for (const e of facts.entries) {
    const tb = byTable.get(e.tableId)!;
    const inQueue = tb.queue.some((q) => q.id === e.id);
    const where = `${tb.name} #${e.ticket} ${e.status}`;
    if (e.status === 'waiting' || e.status === 'away') expect(inQueue, where).toBe(true);
    else expect(inQueue, where).toBe(false);
    expect(e.status === 'in_turn', `${where}: being coached exactly when shown in a running turn`).toBe(coachedIds.has(e.id));
  }
  for (const tb of snapshot.tables) {
    for (const p of beingCoached(tb)) expect(facts.entries.find((e) => e.id === p.id)?.tableId, p.id).toBe(tb.id);
    const turns = runningTurns(tb);
    expect(new Set(turns.map((x) => x.id)).size).toBe(turns.length);
    if (turns.length > 1) seen.add('two turns at one table');
  }
  expect(h.beingCoached).toBe(coachedIds.size);

  const shown = snapshot.tables.map((tb) => {
    const r = report.tables.find((x) => x.name === tb.name)!;
    const row = tables.rows.find((x) => x[0] === tb.name)!;
    const b = board.tables.find((x) => x.name === tb.name)!;
    // Dashboard = report = tables sheet: served in entries and heads, median wait.
    expect(tb.stats.served).toBe(r.served + r.servedGroup);
    expect(tb.stats).toEqual({ served: r.servedEntries, servedHeads: r.servedHeads, medianWaitMs: r.medianWaitMs });
    expect(tb.stats.served).toBe(Number(row[column(tables, 'Served one-to-one')]) + Number(row[column(tables, 'Served in a group')]));
    expect(tb.stats.medianWaitMs === null ? null : Math.round(tb.stats.medianWaitMs / 6_000) / 10).toBe(row[column(tables, 'Median wait (minutes)')]);
    // People per table: the report's = the sheet's Entries, heads too.
    expect(r.people).toBe(row[cEntries]);
    expect(r.heads).toBe(row[cHeads]);
    // Waiting: the table screen's heads = the board's; entries ≤ heads.
    expect(b.waiting).toBe(waitingHeads(tb));
    expect(waitingEntries(tb)).toBeLessThanOrEqual(waitingHeads(tb));
    // THE wait (shared/domain/wait.ts): each queue row's wait ended where the export's did (a plenary here or before
    // a transfer) and reads the same, else it still runs.
    for (const e of tb.queue) {
      const p = people.find((x) => x.entry.id === e.id)!;
      const shownWait = e.waitEndedAt === null ? null : waitMs({ arrivedAt: e.arrivedAt, firstInteractionAt: e.waitEndedAt }, now);
      expect(shownWait, `${tb.name} ${e.ticket}: one wait`).toBe(p.waitedMs);
    }
    // Tickets: unique in the queue.
    const tickets = tb.queue.map((e) => ticketText(e));
    expect(new Set(tickets).size).toBe(tickets.length);
    return { name: tb.name, stats: tb.stats, waiting: [waitingEntries(tb), waitingHeads(tb)], tickets, board: b };
  });
  for (const o of perPerson.values()) seen.add(o);
  if (shown.some((x) => x.tickets.some((k) => /[A-Z]$/.test(k)))) seen.add('a lettered ticket');
  if (snapshot.tables.some((tb) => tb.queue.some((e) => e.fromTable !== null))) seen.add('a transfer');
  if (snapshot.tables.some((tb) => tb.stats.servedHeads > tb.stats.served)) seen.add('a party served');
  return { headline: h, tables: report.tables, sheet: tables.rows, shown };
}

/** What the generated floors made, to check they cover what the property is about. */
const seen = new Set<string>();

describe('random floors: one truth for every figure', () => {
  it('the report adds up to the per-person outcomes, and every figure shown in two places is equal, on both laptops after merging', () => {
    const floors = fc.property(fc.array(action, { minLength: 60, maxLength: 160, size: 'max' }), fc.integer({ min: -3 * 60, max: 3 * 60 }), (actions, skewMinutes) => {
      const hub: Laptop = testCore({ prefix: 'hub' });
      const member: Laptop = testCore({ prefix: 'mem' });
      member.clock.set(hub.clock.now() + skewMinutes * MIN);
      ok(hub.core.call('event.create', EVENT));
      const tables = [
        ok(hub.core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId,
        ok(hub.core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId,
      ];
      sync(hub.core, member.core);
      const laptops = [hub, member];
      let together = true;
      for (const a of actions) {
        if (a.kind === 'tick') for (const x of laptops) x.clock.advance(a.minutes * MIN);
        else if (a.kind === 'apart') together = false;
        else if (a.kind === 'together') together = true;
        else run(laptops[a.l]!, a, tables);
        if (together) {
          sync(member.core, hub.core);
          sync(hub.core, member.core);
        }
      }
      // Merged.
      sync(member.core, hub.core);
      sync(hub.core, member.core);
      const now = hub.clock.now();
      const expected = figures(hub.core, now);
      expect(figures(member.core, now)).toEqual(expected);
      hub.core.close();
      member.core.close();
    });
    const numRuns = Number(process.env.FC_RUNS ?? 30);
    fc.assert(floors, { ...PROPERTY, numRuns });
    // The floors made every outcome that ends a person's day, lettered tickets, transfers and parties served: over
    // the union of the floors actually checked (more from the next seeds only while one is missing).
    const wanted = [
      ...(['served', 'served_group', 'plenary_only', 'no_show', 'left', 'not_reached'] as const).map((o) => OUTCOME_LABELS[o]),
      'a lettered ticket',
      'a transfer',
      'a party served',
      'a plenary then sent on',
      'two turns at one table',
    ];
    checkUntilCovered(floors, { numRuns, missing: () => wanted.filter((w) => !seen.has(w)) });
    expect([...seen].sort()).toEqual(expect.arrayContaining(wanted));
  }, 600_000);
});
