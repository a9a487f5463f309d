import { describe, expect, it } from 'vitest';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

describe('core: a coach runs one table', () => {
  it('queues walk-ins in arrival order, with tickets for anonymous people', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    ok(core.call('walkin.add', { tableId, name: 'Lucía', topics: ['Personal branding'], partySize: 1 }));
    clock.advance(60_000);
    const anon = ok(core.call('walkin.add', { tableId, name: '', topics: [], partySize: 2 }));
    expect(anon.ticket).toBe(2);
    const queue = core.snapshot().tables[0]?.queue ?? [];
    expect(queue.map((q) => [q.position, q.name, q.ticket, q.partySize])).toEqual([
      [1, 'Lucía', 1, 1],
      [2, null, 2, 2],
    ]);
  });

  it('a name that shows no character is no name: the person gets a ticket (zero-width, braille blank, Hangul fillers, tags, selectors)', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', { ...TABLE, name: '\u2800\u200B' }));
    const blanks = ['\u200B', '\u2800', '\u3164', '\u115F\u1160', '\uFFA0', '\u{E0041}\u{E007F}', '\uFE0F\u{E0100}', ' \u2800 \u3164 '];
    for (const name of blanks) ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 }));
    ok(core.call('walkin.add', { tableId, name: '\u2800Ana\u200B', topics: [], partySize: 1 }));
    const table = core.snapshot().tables[0];
    expect(table?.name).toMatch(/^Table \d+$/);
    expect(table?.queue.map((q) => [q.name, q.ticket])).toEqual([...blanks.map((_, i) => [null, i + 1]), ['\u2800Ana\u200B', blanks.length + 1]]);
  });

  it('one rule for topic identity (NFC, any case): a walk-in takes each of its table\'s topics once, in the table\'s spelling, and no other', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    ok(core.call('topic.add', { label: 'Leadership' }));
    const dup = core.call('topic.add', { label: 'leadership' });
    expect(dup.ok ? 'ok' : dup.error.params?.reason).toBe('topic_exists');
    const { tableId } = ok(core.call('table.create', { ...TABLE, topics: ['Networking', 'Carrière'] }));
    ok(core.call('walkin.add', { tableId, name: 'A', topics: ['Networking', 'networking', 'NETWORKING', 'carrie\u0300re'], partySize: 1 }));
    expect(core.snapshot().tables[0]?.queue[0]?.topics).toEqual(['Networking', 'Carrière']);
    const stranger = core.call('walkin.add', { tableId, name: 'B', topics: ['Networking', 'Astrology'], partySize: 1 });
    expect(stranger.ok ? 'ok' : stranger.error.params).toMatchObject({ reason: 'topic_not_offered', topic: 'Astrology' });
    expect(core.snapshot().tables[0]?.queue).toHaveLength(1);
  });

  it('starts the next person, keeps the deadline, ends the turn and keeps the note', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    ok(core.call('walkin.add', { tableId, name: 'A', topics: [], partySize: 1 }));
    ok(core.call('walkin.add', { tableId, name: 'B', topics: [], partySize: 1 }));
    const start = clock.now();
    const { turnId, deadline } = ok(core.call('turn.start', { tableId }));
    expect(deadline).toBe(start + 15 * 60_000);
    const table = core.snapshot().tables[0];
    expect(table?.currentTurn?.participants[0]?.name).toBe('A');
    expect(table?.queue.map((q) => q.name)).toEqual(['B']);

    const second = core.call('turn.start', { tableId });
    expect(second).toMatchObject({ ok: false, error: { code: 'rejected' } });

    ok(core.call('note.save', { turnId, text: 'Wants to' }));
    ok(core.call('note.save', { turnId, text: 'Wants to build a learning plan' }));
    clock.advance(16 * 60_000);
    ok(core.call('turn.end', { turnId }));
    const after = core.snapshot().tables[0];
    expect(after?.currentTurn).toBeNull();
    expect(after?.pastTurns[0]?.note?.text).toBe('Wants to build a learning plan');
    expect(after?.pastTurns[0]?.endedAt).toBe(start + 16 * 60_000);
  });

  it('starts a chosen person out of order', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    ok(core.call('walkin.add', { tableId, name: 'A', topics: [], partySize: 1 }));
    const b = ok(core.call('walkin.add', { tableId, name: 'B', topics: [], partySize: 1 }));
    ok(core.call('turn.start', { tableId, entryId: b.entryId }));
    expect(core.snapshot().tables[0]?.currentTurn?.participants[0]?.name).toBe('B');
  });

  it('carries the latest 30 earlier turns and people gone, with how many there are in all', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    for (let n = 1; n <= 31; n++) {
      ok(core.call('walkin.add', { tableId, name: `Served ${n}`, topics: [], partySize: 1 }));
      const { turnId } = ok(core.call('turn.start', { tableId }));
      clock.advance(60_000);
      ok(core.call('turn.end', { turnId }));
    }
    const fresh = core.snapshot().tables[0]!;
    expect([fresh.gone.length, fresh.goneTotal]).toEqual([0, 0]);
    expect([fresh.pastTurns.length, fresh.pastTurnsTotal]).toEqual([30, 31]);
    expect(fresh.pastTurns[0]?.participants[0]?.name).toBe('Served 31');

    for (let n = 1; n <= 29; n++) ok(core.call('walkin.add', { tableId, name: `Waiting ${n}`, topics: [], partySize: 1 }));
    clock.advance(60_000);
    ok(core.call('table.close', { tableId }));
    const few = core.snapshot().tables[0]!;
    expect([few.gone.length, few.goneTotal]).toEqual([29, 29]);

    ok(core.call('table.reopen', { tableId }));
    for (let n = 30; n <= 33; n++) ok(core.call('walkin.add', { tableId, name: `Waiting ${n}`, topics: [], partySize: 1 }));
    clock.advance(60_000);
    ok(core.call('table.close', { tableId }));
    const closed = core.snapshot().tables[0]!;
    expect([closed.gone.length, closed.goneTotal]).toEqual([30, 33]);
    expect(closed.gone.every((g) => g.status === 'not_reached')).toBe(true);
  });
});
