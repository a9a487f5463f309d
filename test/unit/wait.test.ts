/**
 * THE wait (shared/domain/wait.ts): one definition for the export's
 * `Person.waitedMs` and every live "waiting so far" a screen shows. A plenary
 * ends it for whoever stays and for whoever is sent on after it, on the table
 * screen's queue rows as in the export.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../shared/export/derive.js';
import { waitEndAt, waitEndedAtInteraction, waitMinutes, waitMs } from '../../shared/domain/wait.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;

describe('the wait rule', () => {
  it('runs to now while nobody has attended to them, and stands still from their first interaction or leaving', () => {
    const waiting = { arrivedAt: 0, firstInteractionAt: null };
    expect(waitMs(waiting, 7 * MIN)).toBe(7 * MIN);
    expect(waitEndAt(waiting)).toBeNull();
    const plenary = { arrivedAt: 0, firstInteractionAt: 3 * MIN };
    expect(waitMs(plenary, 20 * MIN)).toBe(3 * MIN);
    expect(waitMinutes(plenary, 60 * MIN)).toBe(3);
    expect(waitEndedAtInteraction(plenary)).toBe(true);
    const noShow = { arrivedAt: 0, firstInteractionAt: null, goneAt: 20 * MIN };
    expect(waitMs(noShow, 30 * MIN)).toBe(20 * MIN);
    expect(waitEndedAtInteraction(noShow)).toBe(false);
    // The interaction wins over a later leaving; a clock that stepped back reads 0, never less.
    expect(waitMs({ ...plenary, goneAt: 9 * MIN }, 30 * MIN)).toBe(3 * MIN);
    expect(waitMs({ arrivedAt: 5 * MIN, firstInteractionAt: null }, 4 * MIN)).toBe(0);
  });

  it('the queue rows\' live wait is the export\'s: a plenary ends it for who stays and who is sent on after it, not for who was coached and sent on', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const t1 = ok(core.call('table.create', TABLE)).tableId;
    const t2 = ok(core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId;
    const walkIn = (tableId: string, name: string) => ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId;
    // Minute 0: Ray, Pat and Zoe at Table 1. Zoe is coached at minute 1 (a topic focus she leaves, then put back in the queue).
    walkIn(t1, 'Ray');
    const pat = walkIn(t1, 'Pat');
    const zoe = walkIn(t1, 'Zoe');
    clock.advance(MIN);
    const focus = ok(core.call('focus.start', { tableId: t1, topic: 'Careers', entryIds: [zoe], minutes: 10 }));
    clock.advance(MIN);
    ok(core.call('entry.setStatus', { entryId: zoe, status: 'left' }));
    ok(core.call('turn.end', { turnId: focus.turnId }));
    ok(core.call('entry.setStatus', { entryId: zoe, status: 'waiting' })); // put back in the queue
    // Minute 3: a plenary for everyone waiting (Ray, Pat); then Pat is sent on, as Zoe is (Zoe was coached, then put in Table 2's queue).
    clock.advance(MIN);
    const plen = ok(core.call('plenary.start', { tableId: t1, minutes: 5 }));
    clock.advance(5 * MIN);
    ok(core.call('turn.end', { turnId: plen.turnId }));
    ok(core.call('entry.transfer', { entryId: pat, toTableId: t2 }));
    ok(core.call('entry.transfer', { entryId: zoe, toTableId: t2 }));
    // Max walks in at Table 2 at minute 8.
    walkIn(t2, 'Max');
    clock.advance(12 * MIN);
    const now = clock.now();
    const snap = core.snapshot();
    const live = Object.fromEntries(
      snap.tables.flatMap((t) => t.queue.map((e) => [e.name, waitMinutes({ arrivedAt: e.arrivedAt, firstInteractionAt: e.waitEndedAt }, now)])),
    );
    // Minute 20: Ray and Pat waited 3 (the plenary ended it; before: 20, still running), Max has waited 12 so far;
    // Zoe, coached at Table 1 before she was sent on, waits at Table 2 from her first arrival (20 so far).
    expect(live).toEqual({ Ray: 3, Pat: 3, Zoe: 20, Max: 12 });
    // The same figure as the export's, for everyone whose wait ended.
    const people = derive(core.exportFacts({ id: 'x', name: 'x' }, now)!).people;
    for (const t of snap.tables) {
      for (const e of t.queue) {
        const p = people.find((x) => x.entry.id === e.id)!;
        expect(e.waitEndedAt === null ? null : e.waitEndedAt - e.arrivedAt, e.name ?? '').toBe(p.waitedMs);
      }
    }
    core.close();
  });
});
