/**
 * Two turns started at one table by two laptops that were apart, as the
 * table screen gets them: two real laptops on loopback (a hub and a coach's
 * laptop, each with its own database), each screen following its laptop's
 * pushes (a first snapshot, then `changes`, applied as the renderer's store
 * does). After they link again both turns stand on both screens: the one
 * started first with the big clock (`currentTurn`), the other under "Also
 * running at this table" (`alsoRunning`) with its own End turn, which ends
 * it on both; nobody is hidden. floor-truths.test.ts holds the same at the
 * domain level (cores synced by hand).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import type { Push, Snapshot, TableView } from '../../shared/contract.js';
import { beingCoached, runningTurns } from '../../shared/domain/table.js';
import { applyChanges } from '../../shared/push.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir, call } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  core: Core;
  sharing: Sharing;
  clock: ManualClock;
  /** The screen's state: the first snapshot, then every push applied in order. */
  screen(): Snapshot;
}

async function laptop(name: string, clock: ManualClock): Promise<Laptop> {
  const { dir, remove } = tempDir(`merged-${name}`);
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  const sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, clock, mdns: false, log: () => {} });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
    remove();
  });
  // As the renderer's store: a snapshot replaces the state, changes are applied to it.
  let state: Snapshot = core.snapshot();
  const pushes: Push[] = [];
  core.subscribe((p) => pushes.push(p));
  const screen = () => {
    for (const p of pushes.splice(0)) {
      if (p.type === 'snapshot') state = p.payload;
      // Null: a patch names a table this screen lacks; the store would read the whole snapshot again.
      else if (p.type === 'changes') state = applyChanges(state, p.payload) ?? core.snapshot();
    }
    return state;
  };
  return { core, sharing, clock, screen };
}

/** Let queued pushes go out (they are sent after the commit, asynchronously). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const who = (table: TableView) => beingCoached(table).map((p) => p.name ?? `Ticket ${p.ticket}`).sort();

describe('two turns started at one table by two laptops apart, on the table screen', () => {
  it('both stand on both screens after they link again: the first with the big clock, the other under "Also running" with its own End turn', async () => {
    const hubClock = new ManualClock(T0);
    const hub = await laptop('hub', hubClock);
    await call(hub, 'event.create', EVENT);
    const { tableId } = await call<{ tableId: string }>(hub, 'table.create', TABLE);
    const { code } = await call<{ code: string }>(hub, 'sync.becomeHub');
    const address = hub.core.snapshot().sync.listening[0]!.replace(/^https?:\/\//, '');
    const coach = await laptop('coach', new ManualClock(T0));
    await call(coach, 'sync.join', { code, hubAddress: address });
    for (const name of ['Ivan', 'Jules']) await call(coach, 'walkin.add', { tableId, name, topics: [], partySize: 1 });
    await call(coach, 'walkin.add', { tableId, name: '', topics: [], partySize: 1 });
    await call(coach, 'sync.now');
    const queue = hub.core.snapshot().tables[0]!.queue;
    const [, jules, third] = queue.map((e) => e.id);

    // Apart: the coach's laptop stops talking to the hub (no live link, no rounds).
    coach.sharing.live.stop();
    coach.sharing.sync.stopLoop();
    // The coach calls Ticket 3 first; a minute later, at the hub, a co-coach calls Jules at the same table.
    await call(coach, 'turn.start', { tableId, entryId: third });
    hub.clock.advance(60_000);
    coach.clock.advance(60_000);
    await call(hub, 'turn.start', { tableId, entryId: jules });
    await settle();
    expect(runningTurns(hub.screen().tables[0]!)).toHaveLength(1);
    expect(runningTurns(coach.screen().tables[0]!)).toHaveLength(1);

    // Linked again: one round both ways.
    await call(coach, 'sync.now');
    await settle();
    for (const lap of [hub, coach]) {
      const screen = lap.screen();
      // The screen holds what the laptop would send whole.
      expect(screen).toEqual(lap.core.snapshot());
      const table = screen.tables[0]!;
      expect(runningTurns(table)).toHaveLength(2);
      // The big clock: the turn started first (Ticket 3, on the coach's laptop); Jules's under "Also running".
      expect(table.currentTurn?.participants.map((p) => p.ticket)).toEqual([3]);
      expect(table.alsoRunning.map((t) => t.participants.map((p) => p.name))).toEqual([['Jules']]);
      expect(who(table)).toEqual(['Jules', 'Ticket 3']);
      expect(table.queue.map((e) => e.name)).toEqual(['Ivan']);
    }

    // "Also running"'s own End turn, pressed on the coach's laptop: Jules is served on both screens, Ticket 3 runs on.
    const also = coach.screen().tables[0]!.alsoRunning[0]!;
    await call(coach, 'turn.end', { turnId: also.id });
    await call(coach, 'sync.now');
    await settle();
    for (const lap of [hub, coach]) {
      const table = lap.screen().tables[0]!;
      expect(lap.screen()).toEqual(lap.core.snapshot());
      expect(table.alsoRunning).toEqual([]);
      expect(who(table)).toEqual(['Ticket 3']);
      expect(table.pastTurns[0]?.participants.map((p) => p.name)).toEqual(['Jules']);
    }
  }, 60_000);
});
