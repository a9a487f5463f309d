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
import type { Envelope, RehearsalView } from '../../shared/contract.js';
import { EVENT, T0, TABLE, ok, sequentialIds, tempDir } from './helpers.js';

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

async function call<T>(lap: Laptop, method: string, args: unknown = {}): Promise<T> {
  const r = (await lap.core.dispatchAsync(method, args)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

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
