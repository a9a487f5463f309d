/**
 * Tickets are unique within a table at every moment (shared/domain/ticket.ts):
 * after a transfer brings a ticket 1 to a table that has its own ticket 1, and
 * after two laptops apart both gave out "Ticket 2" at one table and merged.
 * The table screen (snapshot), the board and the exports show the same ticket.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { boardView } from '../../electron/sync/board.js';
import type { TableView } from '../../shared/contract.js';
import { ticketLetter, ticketSuffixes, ticketText } from '../../shared/domain/ticket.js';
import { derive } from '../../shared/export/derive.js';
import { buildSheets } from '../../shared/export/rows.js';
import { buildScope } from '../../shared/export/scope.js';
import { EVENT, ok, T0, TABLE, testCore } from './helpers.js';

const shown = (t: TableView | undefined): string[] => (t?.queue ?? []).map((e) => ticketText(e));

/** The "Ticket" column of the interactions sheet, per table name, as a CSV export writes it. */
function exportedTickets(core: Core): Map<string, string[]> {
  const facts = core.exportFacts({ id: 'x', name: 'x' }, T0 + 3_600_000);
  if (!facts) throw new Error('no event');
  const [sheet] = buildSheets(facts, 'full', buildScope(facts, { id: 'x', name: 'x' }, T0 + 3_600_000, 15));
  const table = sheet!.columns.findIndex((c) => c.header === 'Table');
  const ticket = sheet!.columns.findIndex((c) => c.header === 'Ticket');
  const out = new Map<string, string[]>();
  for (const row of sheet!.rows) {
    const name = String(row[table]);
    out.set(name, [...(out.get(name) ?? []), String(row[ticket])]);
  }
  return out;
}

describe('ticket suffixes', () => {
  it('the first holder of a number keeps it; later ones (by joining time, then id) get B, C …', () => {
    const s = ticketSuffixes([
      { id: 'c', ticket: 2, joinedAt: 30 },
      { id: 'a', ticket: 1, joinedAt: 10 },
      { id: 'b', ticket: 2, joinedAt: 20 },
      { id: 'e', ticket: 2, joinedAt: 30 },
    ]);
    expect(Object.fromEntries(s)).toEqual({ a: '', b: '', c: 'B', e: 'C' });
    expect([0, 1, 2, 25, 26].map(ticketLetter)).toEqual(['', 'B', 'C', 'Z', '-27']);
    // The same entries in any order give the same suffixes.
    const again = ticketSuffixes([
      { id: 'e', ticket: 2, joinedAt: 30 },
      { id: 'b', ticket: 2, joinedAt: 20 },
      { id: 'c', ticket: 2, joinedAt: 30 },
      { id: 'a', ticket: 1, joinedAt: 10 },
    ]);
    expect(again).toEqual(s);
  });
});

describe('unique tickets at a table', () => {
  it('a person sent with ticket 1 to a table that has its own ticket 1 is 1B there, on the screen, the board and the export', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const a = ok(core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId;
    const b = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const ana = ok(core.call('walkin.add', { tableId: a, name: '', topics: [], partySize: 1 }));
    clock.advance(60_000);
    const bo = ok(core.call('walkin.add', { tableId: b, name: '', topics: [], partySize: 1 }));
    expect([ana.ticket, bo.ticket]).toEqual([1, 1]);
    clock.advance(60_000);
    ok(core.call('entry.transfer', { entryId: ana.entryId, toTableId: b }));
    const tb = core.snapshot().tables.find((t) => t.id === b);
    expect(shown(tb)).toEqual(['1', '1B']);
    expect(tb?.queue[1]?.fromTable).toBe('Table 1');
    // The next walk-in there gets a number nobody at that table holds.
    clock.advance(60_000);
    expect(ok(core.call('walkin.add', { tableId: b, name: '', topics: [], partySize: 1 })).ticket).toBe(2);
    expect(shown(core.snapshot().tables.find((t) => t.id === b))).toEqual(['1', '1B', '2']);
    // The board calls the same tickets while they are coached.
    ok(core.call('turn.start', { tableId: b }));
    const board = boardView(core.snapshot(), clock.now());
    expect(board.tables.find((t) => t.name === 'Table 2')?.servingTickets.map((s) => ticketText(s))).toEqual(['1']);
    ok(core.call('turn.end', { turnId: core.snapshot().tables.find((t) => t.id === b)!.currentTurn!.id }));
    ok(core.call('turn.start', { tableId: b }));
    const board2 = boardView(core.snapshot(), clock.now());
    expect(board2.tables.find((t) => t.name === 'Table 2')?.servingTickets.map((s) => ticketText(s))).toEqual(['1B']);
    // The export: Table 2's rows hold 1, 1B and 2; Table 1 has no row for the person sent on.
    const rows = exportedTickets(core);
    expect([...(rows.get('Table 2') ?? [])].sort()).toEqual(['1', '1B', '2']);
    expect(rows.get('Table 1')).toBeUndefined();
    // And derive's people carry the same shown ticket.
    const facts = core.exportFacts({ id: 'x', name: 'x' }, clock.now())!;
    expect(derive(facts).people.filter((p) => p.entry.tableId === b).map((p) => p.ticket).sort()).toEqual(['1', '1B', '2']);
    core.close();
  });

  it('two laptops apart both give out ticket 2 at one table; merged, every laptop shows 2 and 2B, the same way round', () => {
    const hub = testCore({ prefix: 'hub' });
    const member = testCore({ prefix: 'mem' });
    const sync = (from: Core, to: Core) => to.applyOps(from.missingFor(to.vector()).ops);
    ok(hub.core.call('event.create', EVENT));
    const t = ok(hub.core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId;
    ok(hub.core.call('walkin.add', { tableId: t, name: '', topics: [], partySize: 1 }));
    sync(hub.core, member.core);
    // Apart: the organiser at the hub and the coach's laptop each add an anonymous walk-in.
    hub.clock.advance(60_000);
    member.clock.advance(120_000);
    const fromHub = ok(hub.core.call('walkin.add', { tableId: t, name: '', topics: [], partySize: 1 }));
    const fromMember = ok(member.core.call('walkin.add', { tableId: t, name: '', topics: [], partySize: 2 }));
    expect([fromHub.ticket, fromMember.ticket]).toEqual([2, 2]);
    // Merged.
    sync(member.core, hub.core);
    sync(hub.core, member.core);
    for (const { core } of [hub, member]) {
      const table = core.snapshot().tables.find((x) => x.id === t);
      // The hub's joined a minute earlier: it keeps 2; the member's is 2B, on both laptops.
      expect(table?.queue.map((e) => [e.id, ticketText(e)])).toEqual([
        [expect.any(String), '1'],
        [fromHub.entryId, '2'],
        [fromMember.entryId, '2B'],
      ]);
      expect([...(exportedTickets(core).get('Table 1') ?? [])]).toEqual(['1', '2', '2B']);
    }
    // The next ticket either laptop gives is 3, unique again.
    expect(ok(member.core.call('walkin.add', { tableId: t, name: '', topics: [], partySize: 1 })).ticket).toBe(3);
    hub.core.close();
    member.core.close();
  });
});
