/**
 * The parts of a table view the core keeps between reads (Reads, keyed by
 * view-versions.ts): every table a view reads has triggers; what is kept
 * is what a fresh read gives, also after writes rolled back, a note edited
 * on a past turn, and a walk-in whose ticket gives another entry a letter;
 * a walk-in alone keeps the past turns (the very same objects).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUIET_BATCH } from '../../electron/core/core.js';
import { PROJECTION_TABLES } from '../../electron/core/projection.js';
import { Reads } from '../../electron/core/reads.js';
import { VERSIONED_TABLES } from '../../electron/core/view-versions.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

/**
 * Projection tables the kept parts do not read: the event, its topics, broadcasts and feedback cards (no table
 * view reads them), the laptops' claims (read on each read, outside the kept parts: TableView.claimedBy) and the
 * laptops' names (a change of any name sends a full snapshot next: LAPTOP_NAMES_KEY_SQL in laptop-names.ts).
 * A new projection table must be added to one list or the other.
 */
const NOT_IN_A_TABLE_VIEW = ['events', 'topics', 'broadcasts', 'feedback', 'laptop_claims', 'laptop_names', 'rehearsal_player'];

function floor() {
  const { core, clock } = testCore();
  ok(core.call('event.create', EVENT));
  const tableId = ok(core.call('table.create', TABLE)).tableId;
  for (const name of ['Ana', 'Ben', 'Caro']) ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 }));
  const { turnId } = ok(core.call('turn.start', { tableId }));
  ok(core.call('note.save', { turnId, text: 'First words.' }));
  clock.advance(10 * 60_000);
  ok(core.call('turn.end', { turnId }));
  const fresh = new Reads(core.database, { cache: false });
  const table = () => core.snapshot().tables.find((t) => t.id === tableId)!;
  return { core, clock, tableId, turnId, fresh, table };
}

describe('table views kept between reads', () => {
  it('every projection table a table view reads has triggers', () => {
    const expected = PROJECTION_TABLES.filter((t) => !NOT_IN_A_TABLE_VIEW.includes(t));
    expect([...VERSIONED_TABLES].sort()).toEqual([...expected].sort());
  });

  it('a new queue entry needs no trigger: a walk-in is plain, a transfer copies with an update of its original', () => {
    // queue_entries has no insert trigger (view-versions.ts): every statement that makes an entry is one of these two.
    const dir = join('electron', 'core', 'areas');
    const inserts = readdirSync(dir).flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/INSERT[^`]*?INTO queue_entries/g)].map(() => file),
    );
    expect(inserts.sort(), 'a new way to make a queue entry must bump the view versions itself').toEqual(['organiser.ts', 'queue.ts']);
    // The transfer's copy shows at the table it was sent to, whose view was kept before.
    const { core, fresh, table } = floor();
    const other = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const there = () => core.snapshot().tables.find((t) => t.id === other)!;
    table();
    expect(there().queue).toEqual([]);
    const ben = table().queue[0]!.id;
    ok(core.call('entry.transfer', { entryId: ben, toTableId: other }));
    expect(there().queue.map((e) => [e.name, e.fromTable])).toEqual([['Ben', 'Table 1']]);
    expect(core.snapshot().tables).toEqual(fresh.tables());
  });

  it('a walk-in keeps the past turns and figures (the same objects); the queue shows the newcomer', () => {
    const { core, tableId, fresh, table } = floor();
    const before = table();
    ok(core.call('walkin.add', { tableId, name: 'Dev', topics: [], partySize: 1 }));
    const after = table();
    expect(after.pastTurns).toBe(before.pastTurns);
    expect(after.stats).toBe(before.stats);
    expect(after.queue[0]).toBe(before.queue[0]);
    expect(after.queue.map((e) => e.name)).toEqual(['Ben', 'Caro', 'Dev']);
    expect(core.snapshot().tables).toEqual(fresh.tables());
  });

  it('a note edited on a past turn, a served figure and a letter on a ticket are never missed', () => {
    const { core, tableId, turnId, fresh, table } = floor();
    table();
    ok(core.call('note.save', { turnId, text: 'Later words.' }));
    expect(table().pastTurns[0]!.note?.text).toBe('Later words.');
    const { turnId: second } = ok(core.call('turn.start', { tableId }));
    ok(core.call('turn.end', { turnId: second }));
    expect(table().stats.served).toBe(2);
    // A walk-in made earlier on another laptop, holding Ana's number, arrives late: a plain waiting entry (no
    // trigger runs for it), yet Ana's ticket in her past turn becomes "1B" there (the letters are compared).
    const ana = table().pastTurns.at(-1)!.participants[0]!;
    expect(ana.ticketSuffix).toBe('');
    core.database
      .prepare(
        `INSERT INTO queue_entries (id, table_id, ticket, name, topics, languages, party_size, joined_at, rank, status, status_at)
         VALUES ('late', ?, ?, 'Late', '[]', '[]', 1, ?, ?, 'waiting', ?)`,
      )
      .run(tableId, ana.ticket, ana.joinedAt - 60_000, ana.joinedAt - 60_000, ana.joinedAt - 60_000);
    expect(table().pastTurns.at(-1)!.participants[0]!.ticketSuffix).toBe('B');
    expect(core.snapshot().tables).toEqual(fresh.tables());
  });

  it("each queue entry's view (read as raw cells) says what its row says", () => {
    const { core, clock, tableId, table } = floor();
    const other = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const dev = ok(core.call('walkin.add', { tableId, name: 'Dev', topics: ['Personal branding'], languages: ['pt-BR', 'en'], partySize: 3 })).entryId;
    clock.advance(60_000);
    ok(core.call('entry.setStatus', { entryId: dev, status: 'away' }));
    const ben = table().queue[0]!.id;
    ok(core.call('entry.transfer', { entryId: ben, toTableId: other }));
    for (const t of core.snapshot().tables) {
      for (const v of t.queue) {
        const row = core.database.prepare(`SELECT * FROM queue_entries WHERE id = ?`).get(v.id) as Record<string, unknown>;
        const from = row.transferred_from ? (core.database.prepare(`SELECT table_id, joined_at FROM queue_entries WHERE id = ?`).get(row.transferred_from) as { table_id: string; joined_at: number }) : null;
        expect(v).toMatchObject({
          ticket: row.ticket,
          name: row.name,
          topics: JSON.parse(row.topics as string),
          languages: JSON.parse(row.languages as string),
          partySize: row.party_size,
          joinedAt: row.joined_at,
          rank: row.rank,
          status: row.status,
          awayUntil: row.away_until,
          conflict: row.conflict,
          fromTable: from ? core.snapshot().tables.find((x) => x.id === from.table_id)!.name : null,
          arrivedAt: from ? from.joined_at : row.joined_at,
        });
      }
    }
    expect(core.snapshot().tables.flatMap((t) => t.queue.map((e) => [e.name, e.status, e.fromTable]))).toEqual([
      ['Caro', 'waiting', null],
      ['Dev', 'away', null],
      ['Ben', 'waiting', 'Table 1'],
    ]);
  });

  it('what a transaction wrote and then rolled back is not kept', () => {
    const { core, turnId, fresh, table } = floor();
    table();
    const db = core.database;
    expect(() =>
      db.transaction(() => {
        db.prepare(`UPDATE notes SET text = 'Never saved' WHERE interaction_id = ?`).run(turnId);
        // Read inside the transaction (as a handler's snapshot is): it shows the write…
        expect(table().pastTurns[0]!.note?.text).toBe('Never saved');
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    // …and after the rollback, nothing of it.
    expect(table().pastTurns[0]!.note?.text).toBe('First words.');
    expect(core.snapshot().tables).toEqual(fresh.tables());
  });

  it('a large batch received from sync (triggers off for it) still shows what it touched: a note on a past turn', () => {
    const { core: hub, clock, tableId, turnId } = floor();
    const { core: member } = testCore({ clock, prefix: 'm' });
    member.applyOps(hub.ops());
    const fresh = new Reads(member.database, { cache: false });
    const seen = () => member.snapshot().tables.find((t) => t.id === tableId)!;
    expect(seen().pastTurns[0]!.note?.text).toBe('First words.');
    // Away from the member: the note on the past turn is edited, and enough walk-ins come that the batch is quiet.
    const known = hub.opCount();
    ok(hub.call('note.save', { turnId, text: 'Words added on the hub.' }));
    for (let i = 0; i < QUIET_BATCH; i += 1) ok(hub.call('walkin.add', { tableId, name: `Guest ${i}`, topics: [], partySize: 1 }));
    const batch = hub.ops().slice(known);
    expect(batch.length).toBeGreaterThanOrEqual(QUIET_BATCH);
    expect(member.receive(batch)).toBe(batch.length);
    expect(seen().pastTurns[0]!.note?.text).toBe('Words added on the hub.');
    expect(seen().queue).toHaveLength(2 + QUIET_BATCH);
    expect(member.snapshot().tables).toEqual(fresh.tables());
    // The triggers are on again after the batch: a single note edit received alone shows too.
    ok(hub.call('note.save', { turnId, text: 'And a last word.' }));
    member.receive(hub.ops().slice(-1));
    expect(seen().pastTurns[0]!.note?.text).toBe('And a last word.');
    expect(member.snapshot().tables).toEqual(fresh.tables());
  });
});
