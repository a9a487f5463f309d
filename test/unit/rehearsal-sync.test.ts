/**
 * A rehearsal never mixes with a real event (issue 15), over real loopback
 * HTTP and by file: the hub of a real event refuses a rehearsal laptop and a
 * rehearsal's hub a real one, each with its reason code, changing nothing;
 * an empty laptop may join a rehearsal's hub.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { deriveEventKey, sealFrame } from '../../electron/sync/crypto.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import { attachRehearsal, type RehearsalTimers } from '../../electron/rehearsal/service.js';
import type { RehearsalView } from '../../shared/contract.js';
import { rehearsalScript } from '../../shared/domain/rehearsal.js';
import { EVENT, T0, TABLE, ok, sequentialIds, tempDir, call } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  core: Core;
  sharing: Sharing;
  logs: string[];
  clock: ManualClock;
}

async function laptop(name: string): Promise<Laptop> {
  const { dir, remove } = tempDir(`rehearsal-${name}`);
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const clock = new ManualClock(T0);
  const logs: string[] = [];
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  const sharing = await startSharing({ core, staticDir: join(dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, clock, mdns: false, log: (l) => logs.push(l) });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
    remove();
  });
  return { core, sharing, logs, clock };
}

/** The rehearsal player's timers, never fired (the test moves the clocks itself). */
const stillTimers: RehearsalTimers = { setTimer: () => null, clearTimer: () => {} };

/** A hub running a real event (one table) or a rehearsal. */
async function hub(kind: 'real' | 'rehearsal'): Promise<Laptop & { code: string; address: string }> {
  const lap = await laptop(`hub-${kind}`);
  if (kind === 'real') {
    ok(lap.core.dispatch('event.create', EVENT));
    ok(lap.core.dispatch('table.create', TABLE));
  } else {
    ok(lap.core.dispatch('event.createRehearsal', {}));
  }
  const { code } = await call<{ code: string }>(lap, 'sync.becomeHub');
  const address = lap.core.snapshot().sync.listening[0]!.replace(/^https?:\/\//, '');
  return { ...lap, code, address };
}

describe('a rehearsal never syncs with a real event', () => {
  it("the hub of a real event refuses a rehearsal laptop (hub_is_real); the rehearsal's hub refuses a real laptop (hub_is_rehearsal); nothing changes on either side", async () => {
    const real = await hub('real');
    const rehearsal = await hub('rehearsal');
    const realBefore = real.core.ops().length;
    const rehearsalBefore = rehearsal.core.ops().length;

    const trainee = await laptop('trainee');
    ok(trainee.core.dispatch('event.createRehearsal', {}));
    const refused = await trainee.core.dispatchAsync('sync.join', { code: real.code, hubAddress: real.address });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'hub_is_real' } } });
    expect(trainee.core.snapshot().sync.role).toBe('alone');

    const coach = await laptop('coach');
    ok(coach.core.dispatch('event.create', EVENT));
    const refused2 = await coach.core.dispatchAsync('sync.join', { code: rehearsal.code, hubAddress: rehearsal.address });
    expect(refused2).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'hub_is_rehearsal' } } });
    expect(coach.core.snapshot().sync.role).toBe('alone');

    // The hub itself: a request sealed with the right key but marked as from a rehearsal is refused before anything is read.
    const eventId = real.core.snapshot().event!.id;
    const marked = sealFrame(
      deriveEventKey(real.code, eventId),
      { v: 1, kind: 'request', eventId, deviceId: 'trainee', counter: 1, rehearsal: true },
      JSON.stringify({ have: {}, ops: [], deviceName: 'trainee', sentAt: 0 }),
    );
    const res = await fetch(`http://${real.address}/sync`, { method: 'POST', body: new Uint8Array(marked.frame) });
    expect(res.status).toBe(409);
    expect(real.logs.join('\n')).toMatch(/hub_is_real/);
    // The hub's hello says which kind it runs.
    expect(await fetch(`http://${rehearsal.address}/hello`).then((r) => r.json())).toMatchObject({ rehearsal: true });
    expect(await fetch(`http://${real.address}/hello`).then((r) => r.json())).toMatchObject({ rehearsal: false });

    expect(real.core.ops()).toHaveLength(realBefore);
    expect(rehearsal.core.ops()).toHaveLength(rehearsalBefore);
  });

  it("an empty laptop joins a rehearsal's hub and becomes a rehearsal laptop (a trainee's second screen)", async () => {
    const rehearsal = await hub('rehearsal');
    const second = await laptop('second');
    await call(second, 'sync.join', { code: rehearsal.code, hubAddress: rehearsal.address });
    expect(second.core.snapshot().event).toMatchObject({ id: rehearsal.core.snapshot().event!.id, rehearsal: true });
    expect(second.core.snapshot().tables).toHaveLength(8);
  });

  it("plays once per event: a laptop that joined the rehearsal's hub may not play it too (rehearsal_on_hub), and keeps the hub's rehearsal time", async () => {
    const rehearsal = await hub('rehearsal');
    const hubPlayer = attachRehearsal(rehearsal.core, stillTimers);
    const second = await laptop('second');
    const secondPlayer = attachRehearsal(second.core, stillTimers);
    cleanups.push(() => hubPlayer.close(), () => secondPlayer.close());
    await call(rehearsal, 'rehearsal.control', { playing: true, speed: 20 });
    await call(second, 'sync.join', { code: rehearsal.code, hubAddress: rehearsal.address });
    // Play (or a speed) on the second laptop is refused, saying where it plays: two players would add every walk-in twice.
    for (const args of [{ playing: true }, { speed: 5 }]) {
      const refused = await second.core.dispatchAsync('rehearsal.control', args);
      expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'rehearsal_on_hub' } } });
    }
    // A minute of floor time at 20× is 20 rehearsal minutes on the hub, and on the second laptop after one round.
    rehearsal.clock.advance(60_000);
    second.clock.advance(60_000);
    await second.sharing.sync.syncNow();
    // The hub's clock as measured is floor time (it was its rehearsal time, some 20 minutes off): no skew here.
    expect(Math.abs(second.core.snapshot().sync.clockSkewMs ?? Infinity)).toBeLessThan(1_000);
    expect(second.core.clock.now()).toBe(rehearsal.core.clock.now());
    // It runs at the rehearsal's speed between rounds too (floor time ran 3 s: 1 minute of rehearsal on both).
    rehearsal.clock.advance(3_000);
    second.clock.advance(3_000);
    expect(second.core.clock.now()).toBe(rehearsal.core.clock.now());
    const view = await call<RehearsalView>(second, 'rehearsal.status');
    expect(view).toMatchObject({ playsOnHub: true, playing: true, speed: 20 });
    expect(view.minute).toBeCloseTo(21, 5);
    expect((await call<RehearsalView>(rehearsal, 'rehearsal.status')).minute).toBeCloseTo(21, 5);
  });

  it('a sync file never mixes a rehearsal with a real event, either way (sync_file_rehearsal, sync_file_real); nothing changes', async () => {
    const rehearsal = await hub('rehearsal');
    const real = await hub('real');
    const rehearsalFile = await call<{ content: string }>(rehearsal, 'sync.exportFile');
    const realFile = await call<{ content: string }>(real, 'sync.exportFile');
    const coach = await laptop('coach');
    ok(coach.core.dispatch('event.create', EVENT));
    const before = coach.core.ops().length;
    expect(await coach.core.dispatchAsync('sync.importFile', { content: rehearsalFile.content, code: rehearsal.code })).toMatchObject({
      ok: false,
      error: { params: { reason: 'sync_file_rehearsal' } },
    });
    expect(coach.core.ops()).toHaveLength(before);
    const trainee = await laptop('trainee');
    ok(trainee.core.dispatch('event.createRehearsal', {}));
    const traineeBefore = trainee.core.ops().length;
    expect(await trainee.core.dispatchAsync('sync.importFile', { content: realFile.content, code: real.code })).toMatchObject({
      ok: false,
      error: { params: { reason: 'sync_file_real' } },
    });
    expect(trainee.core.ops()).toHaveLength(traineeBefore);
  });
});

/** Timers the test fires itself (the clocks are manual): each callback runs once, when `fire` is called. */
function manualTimers(): RehearsalTimers & { fire(): void } {
  let pending: (() => void)[] = [];
  return {
    setTimer: (fn) => {
      pending.push(fn);
      return fn;
    },
    clearTimer: (handle) => {
      pending = pending.filter((fn) => fn !== handle);
    },
    fire() {
      const due = pending;
      pending = [];
      for (const fn of due) fn();
    },
  };
}

const walkIns = (core: Core) => core.ops().filter((o) => o.type === 'walkin.added');
const made = (core: Core) => walkIns(core).map((o) => (o.payload as { name: string | null; tableId: string }).name ?? '').sort();

describe("the rehearsal's player is in the log (rehearsal.played)", () => {
  it('a laptop that takes over as the hub resumes the player at the minute reached, making no walk-in twice; another laptop sees it already playing', async () => {
    const rehearsal = await hub('rehearsal');
    const hubTimers = manualTimers();
    const hubPlayer = attachRehearsal(rehearsal.core, hubTimers);
    const second = await laptop('second');
    const secondTimers = manualTimers();
    const secondPlayer = attachRehearsal(second.core, secondTimers);
    cleanups.push(() => hubPlayer.close(), () => secondPlayer.close());
    await call(rehearsal, 'settings.update', { deviceName: "Ana's laptop" });
    await call(second, 'settings.update', { deviceName: "Ben's laptop" });
    await call(second, 'sync.join', { code: rehearsal.code, hubAddress: rehearsal.address });
    await call(rehearsal, 'rehearsal.control', { playing: true, speed: 20 });
    // A minute of floor time at 20×: minute 20 on the hub, and its walk-ins of those minutes.
    rehearsal.clock.advance(60_000);
    second.clock.advance(60_000);
    hubTimers.fire();
    await second.sharing.sync.syncNow();
    const byMinute20 = walkIns(rehearsal.core).length;
    expect(byMinute20).toBeGreaterThan(10);
    // The start is in the log: the second laptop knows who plays, and where it stood.
    expect(second.core.rehearsalPlayer()).toMatchObject({ deviceId: rehearsal.core.deviceId, name: "Ana's laptop", playing: true, speed: 20 });

    // The hub's laptop is gone; 30 s later (10 rehearsal minutes) the second laptop takes over as the hub.
    await rehearsal.sharing.close();
    hubPlayer.close();
    second.clock.advance(30_000);
    await call(second, 'sync.becomeHub', { takeover: true });
    const view = await call<RehearsalView>(second, 'rehearsal.status');
    // It plays on from minute 30, not from 0 (before: minute 0, paused, the rehearsal clock back at the start).
    expect(view).toMatchObject({ playsOnHub: false, playing: true, speed: 20, playingElsewhere: null });
    expect(view.minute).toBeCloseTo(30, 5);
    secondTimers.fire();
    // Every walk-in of the first 20 minutes once (none made twice), and those of minutes 20–30 added here.
    const names = made(second.core);
    expect(walkIns(second.core).length).toBeGreaterThan(byMinute20);
    expect(walkIns(second.core).filter((o) => o.deviceId === second.core.deviceId).length).toBe(walkIns(second.core).length - byMinute20);
    const script = rehearsalScript(2018);
    expect(walkIns(second.core)).toHaveLength(script.arrivals.filter((a) => a.atMinute <= 30).length);
    expect(names).toEqual(script.arrivals.filter((a) => a.atMinute <= 30).map((a) => a.name ?? '').sort());
    // Said in the log: it plays here now.
    expect(second.core.rehearsalPlayer()).toMatchObject({ deviceId: second.core.deviceId, playing: true });

    // A third laptop that had joined the rehearsal and stopped sharing (alone, holding it) sees it already playing on
    // Ben's laptop (the log says so), and may not play it too: a second player would add every walk-in twice.
    const third = await laptop('third');
    const thirdPlayer = attachRehearsal(third.core, manualTimers());
    cleanups.push(() => thirdPlayer.close());
    const code = (await call<{ code: string }>(second, 'sync.becomeHub', { takeover: true })).code;
    await call(third, 'sync.join', { code, hubAddress: second.core.snapshot().sync.listening[0]!.replace(/^https?:\/\//, '') });
    await call(third, 'sync.leave');
    expect(third.core.snapshot().sync.role).toBe('alone');
    // Its bar: where it plays, the minute by the log (30 on Ben's laptop, moving on), the walk-ins arrived here.
    const elsewhere = await call<RehearsalView>(third, 'rehearsal.status');
    expect(elsewhere).toMatchObject({ playingElsewhere: "Ben's laptop", playing: true, speed: 20, playsOnHub: false });
    expect(elsewhere.minute).toBeGreaterThanOrEqual(30);
    expect(elsewhere.arrived).toBe(walkIns(second.core).length);
    for (const args of [{ playing: true }, { speed: 5, playing: true }]) {
      const refused = await third.core.dispatchAsync('rehearsal.control', args);
      expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'rehearsal_playing_elsewhere', name: "Ben's laptop" } } });
    }
    expect(walkIns(third.core)).toHaveLength(walkIns(second.core).length);
  }, 60_000);
});
