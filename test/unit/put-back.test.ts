/**
 * "Put back" (issue 11): a person sent to another table shows at their first
 * table as sent there (not "removed"), and "Put back" really brings them back
 * (one operation, both tables agree), or is not offered; every other state it
 * is offered for works, and it is offered for no state where it would not.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { GoneEntryView } from '../../shared/contract.js';
import { MAX_MOVES } from '../../shared/domain/put-back.js';
import { ticketText } from '../../shared/domain/ticket.js';
import { counted, derive } from '../../shared/export/derive.js';
import { EVENT, TABLE, dumpState, dumpTables, ok, testCore } from './helpers.js';

function floor() {
  const { core, clock, db } = testCore();
  ok(core.call('event.create', EVENT));
  const t1 = ok(core.call('table.create', TABLE)).tableId;
  const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
  const add = (tableId: string, name: string) => {
    clock.advance(60_000);
    return ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId;
  };
  return { core, clock, db, t1, t2, add };
}

const table = (core: Core, id: string) => core.snapshot().tables.find((t) => t.id === id)!;
const names = (core: Core, id: string) => table(core, id).queue.map((e) => e.name);
const gone = (core: Core, id: string, name: string): GoneEntryView | undefined => table(core, id).gone.find((g) => g.name === name);

describe('"Put back" for a person sent to another table', () => {
  it('shows them as sent to Table 2 (not removed); Put back brings them back to their old place, and Table 2 shows them sent to Table 1', () => {
    const { core, clock, db, t1, t2, add } = floor();
    const ana = add(t1, 'Ana');
    add(t1, 'Bo');
    add(t1, 'Cy');
    add(t2, 'Dee');
    const arrivedAt = table(core, t1).queue[0]!.joinedAt;
    clock.advance(60_000);
    ok(core.call('entry.transfer', { entryId: ana, toTableId: t2 }));
    expect(names(core, t1)).toEqual(['Bo', 'Cy']);
    expect(names(core, t2)).toEqual(['Dee', 'Ana']);
    // At the first table: sent to Table 2, and Put back offered while she waits there.
    expect(gone(core, t1, 'Ana')).toMatchObject({ status: 'transferred', sentTo: 'Table 2', canPutBack: true });
    // At the new table: where she came from, and her wait from her first arrival.
    expect(table(core, t2).queue.find((e) => e.name === 'Ana')).toMatchObject({ fromTable: 'Table 1', cameBack: false, arrivedAt });

    clock.advance(60_000);
    const back = ok(core.call('entry.bringBack', { entryId: ana }));
    expect(back.fromTableId).toBe(t2);
    // Back at her old place, ahead of Bo and Cy, with her wait kept; gone from Table 2's queue.
    expect(names(core, t1)).toEqual(['Ana', 'Bo', 'Cy']);
    // Back at her first table: "back from Table 2" there (cameBack), where Table 2 said "sent from Table 1".
    expect(table(core, t1).queue[0]).toMatchObject({ id: back.newEntryId, arrivedAt, fromTable: 'Table 2', cameBack: true });
    expect(names(core, t2)).toEqual(['Dee']);
    // (Table 2 could take her back in turn, the same way, while she waits here.)
    expect(gone(core, t2, 'Ana')).toMatchObject({ status: 'transferred', sentTo: 'Table 1', canPutBack: true });
    // She is back at Table 1, so its list of who left the queue no longer says she was sent to Table 2 (her entry
    // sent on is folded into the one that came back), and she keeps her own ticket 1 there (Table 2 showed 1B, Dee had 1).
    expect(gone(core, t1, 'Ana')).toBeUndefined();
    expect(table(core, t1).goneTotal).toBe(0);
    expect(ticketText(table(core, t1).queue[0]!)).toBe('1');
    // It was one operation, and a replay of the log gives the same tables.
    expect(core.ops().at(-1)).toMatchObject({ type: 'entry.transferred', payload: { toTableId: t1 } });
    const live = dumpTables(db);
    core.rebuildFromLog();
    expect(dumpTables(db)).toEqual(live);
    // The person counts once in the report's outcomes: the one at Table 1, still waiting.
    const waitingEntries = core.snapshot().tables.flatMap((t) => t.queue).filter((e) => e.name === 'Ana');
    expect(waitingEntries).toHaveLength(1);
  });

  it('is not offered, and refused with its reason changing nothing, once Table 2 has called them; "waiting" by status is refused too', () => {
    const { core, clock, db, t1, t2, add } = floor();
    const ana = add(t1, 'Ana');
    ok(core.call('entry.transfer', { entryId: ana, toTableId: t2 }));
    clock.advance(60_000);
    ok(core.call('turn.start', { tableId: t2 }));
    expect(gone(core, t1, 'Ana')).toMatchObject({ status: 'transferred', sentTo: 'Table 2', canPutBack: false });
    const before = dumpState(db);
    expect(core.call('entry.bringBack', { entryId: ana })).toMatchObject({
      ok: false,
      error: { code: 'rejected', params: { reason: 'bring_back_not_waiting', table: 'Table 2' } },
    });
    // What "Put back" used to send: it answered ok and did nothing; now it says why.
    expect(core.call('entry.setStatus', { entryId: ana, status: 'waiting' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', params: { reason: 'status_sent_on' } },
    });
    expect(dumpState(db)).toEqual(before);
  });

  it('follows them along a second transfer: sent on from Table 2 to Table 3, Put back at Table 1 brings them from Table 3', () => {
    const { core, t1, t2, add } = floor();
    const t3 = ok(core.call('table.create', { ...TABLE, name: 'Table 3' })).tableId;
    const ana = add(t1, 'Ana');
    const { newEntryId } = ok(core.call('entry.transfer', { entryId: ana, toTableId: t2 }));
    ok(core.call('entry.transfer', { entryId: newEntryId, toTableId: t3 }));
    expect(gone(core, t1, 'Ana')).toMatchObject({ sentTo: 'Table 2', canPutBack: true });
    ok(core.call('entry.bringBack', { entryId: ana }));
    expect(names(core, t1)).toEqual(['Ana']);
    expect(table(core, t1).queue[0]).toMatchObject({ fromTable: 'Table 3', cameBack: true });
    expect(names(core, t2)).toEqual([]);
    expect(names(core, t3)).toEqual([]);
    // Each table's list says what happened there: Table 1 has her back; Table 2 sent her to Table 3, Table 3 back to Table 1.
    expect(table(core, t1).gone).toEqual([]);
    expect(gone(core, t2, 'Ana')).toMatchObject({ sentTo: 'Table 3' });
    expect(gone(core, t3, 'Ana')).toMatchObject({ sentTo: 'Table 1' });
  });

  it('ping-pong between two tables is recorded move by move and bounded; Table 1 lists her once, with her own ticket, on screen and in the exports', () => {
    const { core, clock, db, t1, t2, add } = floor();
    add(t2, 'Dee');
    const ana = add(t1, 'Ana');
    // Sent to Table 2 and put back, again and again: each a move in the log.
    let here = ana;
    for (let i = 0; i < MAX_MOVES / 2; i++) {
      clock.advance(60_000);
      const sent = ok(core.call('entry.transfer', { entryId: here, toTableId: t2 })).newEntryId;
      expect(ticketText(table(core, t2).queue.find((e) => e.id === sent)!)).toBe('1B');
      clock.advance(60_000);
      here = ok(core.call('entry.bringBack', { entryId: here })).newEntryId;
      expect(table(core, t1).gone).toEqual([]);
      expect(ticketText(table(core, t1).queue[0]!)).toBe('1');
    }
    expect(core.ops().filter((op) => op.type === 'entry.transferred')).toHaveLength(MAX_MOVES);
    // One more move is refused, naming the bound, and changes nothing.
    const before = dumpState(db);
    expect(core.call('entry.transfer', { entryId: here, toTableId: t2 })).toMatchObject({
      ok: false,
      error: { code: 'rejected', params: { reason: 'moved_too_often', moves: MAX_MOVES } },
    });
    expect(dumpState(db)).toEqual(before);

    // The exports: Table 1 has one row for her (the entry waiting there, ticket 1); Table 2 one too, her last time there
    // (sent back to Table 1): each table's earlier entries for her are folded into the later ones; the log keeps every move.
    const people = derive(core.exportFacts({ id: 'x', name: 'x' }, clock.now())!).people.filter((p) => p.entry.name === 'Ana');
    const atTable = (id: string) => people.filter((p) => p.table.id === id);
    expect(atTable(t1).map((p) => [p.entry.id, p.ticket, p.outcome])).toEqual([[here, '1', 'waiting']]);
    expect(atTable(t2).map((p) => [p.ticket, p.outcome])).toEqual([['1B', 'transferred']]);
    expect(gone(core, t2, 'Ana')).toMatchObject({ sentTo: 'Table 1' });
    expect(table(core, t2).goneTotal).toBe(1);
    expect(people.filter(counted)).toHaveLength(1);
  });
});

describe('"Put back" for every other state it is offered for', () => {
  it('no-show, left and removed come back to their place; not reached and a closed table offer nothing', () => {
    const { core, t1, add } = floor();
    const ids = { Ana: add(t1, 'Ana'), Bo: add(t1, 'Bo'), Cy: add(t1, 'Cy'), Dee: add(t1, 'Dee') };
    ok(core.call('entry.setStatus', { entryId: ids.Ana, status: 'no_show' }));
    ok(core.call('entry.setStatus', { entryId: ids.Bo, status: 'left' }));
    ok(core.call('entry.setStatus', { entryId: ids.Cy, status: 'removed' }));
    expect(names(core, t1)).toEqual(['Dee']);
    for (const name of ['Ana', 'Bo', 'Cy'] as const) expect(gone(core, t1, name)?.canPutBack, name).toBe(true);
    for (const name of ['Ana', 'Bo', 'Cy'] as const) ok(core.call('entry.setStatus', { entryId: ids[name], status: 'waiting' }));
    expect(names(core, t1)).toEqual(['Ana', 'Bo', 'Cy', 'Dee']);
    expect(table(core, t1).gone).toEqual([]);

    // Someone who left after their turn began can be put back too (they came back).
    const { turnId } = ok(core.call('turn.start', { tableId: t1 }));
    ok(core.call('entry.setStatus', { entryId: ids.Ana, status: 'left' }));
    expect(gone(core, t1, 'Ana')?.canPutBack).toBe(true);
    ok(core.call('turn.end', { turnId }));

    // Closing the table: nobody is offered, the not-reached least of all.
    ok(core.call('entry.setStatus', { entryId: ids.Bo, status: 'no_show' }));
    ok(core.call('table.close', { tableId: t1 }));
    const after = table(core, t1).gone;
    expect(after.map((g) => g.status).sort()).toEqual(['left', 'no_show', 'not_reached', 'not_reached']);
    expect(after.every((g) => !g.canPutBack)).toBe(true);
  });
});
