/**
 * The rehearsal floor end to end in the core (issue 15): the event and its
 * flag (kept across a restart), the player as a service with an injected
 * clock at each speed, paused after a restart, left back to an empty laptop,
 * and its exports refused.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { attachExports } from '../../electron/export/attach.js';
import { attachRehearsal, type RehearsalTimers } from '../../electron/rehearsal/service.js';
import type { Envelope, RehearsalView } from '../../shared/contract.js';
import { REHEARSAL_MINUTES, rehearsalScript, rehearsalSteps } from '../../shared/domain/rehearsal.js';
import { EVENT, ok, T0, tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** Timers run by hand on a manual clock: `run(ms)` moves the clock, firing each timer due on the way. */
function manualTimers(clock: ManualClock): RehearsalTimers & { run: (ms: number) => void; pending: () => number } {
  const timers: { at: number; fn: () => void }[] = [];
  return {
    setTimer: (fn, ms) => {
      const t = { at: clock.now() + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    run: (ms) => {
      const end = clock.now() + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > end) break;
        timers.shift();
        clock.set(due.at);
        due.fn();
      }
      clock.set(end);
    },
    pending: () => timers.length,
  };
}

function open(dir: string, clock: ManualClock): Core {
  let n = 0;
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: () => `r-${clock.now()}-${++n}`, log: () => {} });
  return core;
}

async function call<T>(core: Core, method: string, args: unknown = {}): Promise<T> {
  const r = (await core.dispatchAsync(method, args)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function rehearsalLaptop() {
  const { dir, remove } = tempDir('rehearsal');
  const clock = new ManualClock(T0);
  const core = open(dir, clock);
  const timers = manualTimers(clock);
  const service = attachRehearsal(core, timers);
  cleanups.push(remove, () => core.close(), () => service.close());
  return { dir, clock, core, timers, service };
}

/** How many of the script's walk-ins arrive by `minute`. */
function arrivalsBy(minute: number): number {
  return rehearsalScript(2018).arrivals.filter((a) => a.atMinute <= minute).length;
}

const headsOf = (core: Core) => core.snapshot().tables.reduce((n, t) => n + t.queue.length + t.goneTotal, 0);

describe('a rehearsal floor', () => {
  it('event.createRehearsal makes a rehearsal event of eight tables, two crowded, with the session running from now; the flag survives a restart', () => {
    const { dir, clock, core } = rehearsalLaptop();
    ok(core.dispatch('event.createRehearsal', {}));
    const snap = core.snapshot();
    expect(snap.event).toMatchObject({ rehearsal: true, name: rehearsalScript().event.name });
    expect(snap.tables.map((t) => t.name)).toEqual(rehearsalScript().tables.map((t) => t.name));
    // A second one is refused: this laptop holds an event.
    expect(core.dispatch('event.createRehearsal', {})).toMatchObject({ ok: false, error: { params: { reason: 'has_event' } } });
    core.close();
    const again = open(dir, clock);
    cleanups.push(() => again.close());
    expect(again.snapshot().event?.rehearsal).toBe(true);
    // A real event is not one.
    const real = rehearsalLaptop();
    ok(real.core.dispatch('event.create', EVENT));
    expect(real.core.snapshot().event?.rehearsal).toBe(false);
  });

  for (const speed of [1, 5, 20] as const) {
    it(`plays at ${speed}×: after t ms of the clock the session is at t × ${speed} / 60,000 minutes, and every walk-in due has arrived`, async () => {
      const { core, timers } = rehearsalLaptop();
      ok(core.dispatch('event.createRehearsal', {}));
      const started = await call<RehearsalView>(core, 'rehearsal.control', { playing: true, speed });
      expect(started).toMatchObject({ speed, playing: true, baseMinute: 0, minutes: REHEARSAL_MINUTES, arrived: 0 });
      // Ten minutes of the session, whatever the speed.
      const realMs = (10 * 60_000) / speed;
      timers.run(realMs);
      expect(headsOf(core)).toBe(arrivalsBy(10));
      const view = await call<RehearsalView>(core, 'rehearsal.status');
      expect(view.arrived).toBe(arrivalsBy(10));
      // One more minute of the session takes 60 s / speed of the clock, not less.
      timers.run(60_000 / speed - 1);
      expect(headsOf(core)).toBe(arrivalsBy(11 - (1 * speed) / 60_000));
      timers.run(1);
      expect(headsOf(core)).toBe(arrivalsBy(11));
    });
  }

  it('changes speed while it plays, from the minute reached; pauses and plays on; ends after the script with no timer left', async () => {
    const { core, timers } = rehearsalLaptop();
    ok(core.dispatch('event.createRehearsal', {}));
    await call(core, 'rehearsal.control', { playing: true, speed: 1 });
    timers.run(5 * 60_000);
    const faster = await call<RehearsalView>(core, 'rehearsal.control', { speed: 20 });
    expect(faster).toMatchObject({ speed: 20, playing: true });
    expect(faster.baseMinute).toBeCloseTo(5, 6);
    timers.run(60_000); // 20 minutes of the session at 20×.
    expect(headsOf(core)).toBe(arrivalsBy(25));
    const paused = await call<RehearsalView>(core, 'rehearsal.control', { playing: false });
    expect(paused.playing).toBe(false);
    expect(paused.baseMinute).toBeCloseTo(25, 6);
    timers.run(10 * 60_000);
    expect(headsOf(core)).toBe(arrivalsBy(25));
    expect(timers.pending()).toBe(0);
    await call(core, 'rehearsal.control', { playing: true });
    timers.run(((REHEARSAL_MINUTES - 25) * 60_000) / 20 + 1000);
    const end = await call<RehearsalView>(core, 'rehearsal.status');
    expect(end).toMatchObject({ done: true, arrived: rehearsalScript().arrivals.length });
    expect(headsOf(core)).toBe(rehearsalScript().arrivals.length);
    expect(timers.pending()).toBe(0);
    expect(rehearsalSteps(rehearsalScript()).length).toBeGreaterThan(rehearsalScript().arrivals.length);
  });

  it('after a restart the rehearsal comes back paused where it was, says so, and plays on without repeating a walk-in', async () => {
    const { dir, clock, core, timers, service } = rehearsalLaptop();
    ok(core.dispatch('event.createRehearsal', {}));
    await call(core, 'rehearsal.control', { playing: true, speed: 20 });
    timers.run(60_000); // 20 minutes of the session.
    const before = headsOf(core);
    expect(before).toBe(arrivalsBy(20));
    // Tableside stops (the host closes the service, then the core) while it plays.
    service.close();
    core.close();
    clock.advance(30 * 60_000);
    const again = open(dir, clock);
    const timers2 = manualTimers(clock);
    const service2 = attachRehearsal(again, timers2);
    cleanups.push(() => again.close(), () => service2.close());
    const view = await call<RehearsalView>(again, 'rehearsal.status');
    expect(view).toMatchObject({ playing: false, pausedByRestart: true, speed: 20, arrived: before });
    expect(view.baseMinute).toBeCloseTo(20, 0);
    timers2.run(60_000);
    expect(headsOf(again)).toBe(before);
    const playing = await call<RehearsalView>(again, 'rehearsal.control', { playing: true });
    expect(playing).toMatchObject({ playing: true, pausedByRestart: false });
    timers2.run(30_000); // ten more minutes of the session
    expect(headsOf(again)).toBe(arrivalsBy(view.baseMinute + 10));
    const names = again.snapshot().tables.flatMap((t) => [...t.queue, ...t.gone].map((e) => e.id));
    expect(new Set(names).size).toBe(names.length);
  });

  it('leaving discards the rehearsal and empties the laptop (a new event can start); a real event cannot be left this way', async () => {
    const { core, timers } = rehearsalLaptop();
    ok(core.dispatch('event.createRehearsal', {}));
    await call(core, 'rehearsal.control', { playing: true, speed: 20 });
    timers.run(30_000);
    expect(await call(core, 'rehearsal.leave')).toEqual({ left: true });
    expect(core.snapshot().event).toBeNull();
    expect(core.snapshot().tables).toHaveLength(0);
    expect(core.ops()).toHaveLength(0);
    expect(timers.pending()).toBe(0);
    expect(await call(core, 'rehearsal.status')).toBeNull();
    ok(core.dispatch('event.create', EVENT));
    expect(core.snapshot().event?.rehearsal).toBe(false);
    for (const method of ['rehearsal.leave', 'rehearsal.control']) {
      const refused = await core.dispatchAsync(method, method === 'rehearsal.control' ? { playing: true } : {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'not_rehearsal' } } });
    }
    expect(core.snapshot().event?.name).toBe(EVENT.name);
  });

  it("refuses every export of a rehearsal (export_rehearsal), writing nothing; the report on screen still reads it", async () => {
    const { core, timers } = rehearsalLaptop();
    attachExports(core);
    ok(core.dispatch('event.createRehearsal', {}));
    await call(core, 'rehearsal.control', { playing: true, speed: 20 });
    timers.run(30_000);
    for (const format of ['csv', 'xlsx', 'json'] as const) {
      const r = await core.dispatchAsync('export.start', { format, privacy: 'full' });
      expect(r).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'export_rehearsal' } } });
    }
    expect((await call<{ files: unknown[] }>(core, 'export.kept')).files).toHaveLength(0);
    const report = await call<{ scope: unknown }>(core, 'report.get', {});
    expect(report.scope).toBeDefined();
  });
});

describe('rehearsal time', () => {
  it('is one clock: at 20×, at minute 20 a walk-in of minute m has waited 20 − m minutes by the core’s own stamps, and paused it stands still', async () => {
    const { core, timers, clock } = rehearsalLaptop();
    ok(core.dispatch('event.createRehearsal', {}));
    const paused = await call<RehearsalView>(core, 'rehearsal.status');
    const startAt = paused.clock.at;
    expect(paused.clock.speed).toBe(0);
    // Before it plays, the floor stands at the session's start.
    timers.run(30_000);
    expect(core.clock.now()).toBe(startAt);

    await call<RehearsalView>(core, 'rehearsal.control', { playing: true, speed: 20 });
    const realStart = clock.now();
    timers.run(60_000); // one real minute: twenty of the session
    expect(core.clock.now() - startAt).toBe(20 * 60_000);
    const view = await call<RehearsalView>(core, 'rehearsal.status');
    expect(Math.floor(view.minute)).toBe(20);
    expect(clock.now() - realStart).toBe(60_000);

    // Every walk-in is stamped when it arrived in the session (within the player's one-second wake: 20 s of the session at 20×).
    const script = rehearsalScript(2018);
    const due = script.arrivals.filter((a) => a.atMinute <= 20).map((a) => startAt + a.atMinute * 60_000);
    const entries = core.snapshot().tables.flatMap((t) => t.queue);
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) expect(due.some((at) => e.joinedAt >= at && e.joinedAt - at <= 20_000), `${e.joinedAt - startAt}`).toBe(true);
    // So the longest wait reads as minutes of the session (it read "1 min" at minute 20, stamped in real time).
    const longest = Math.max(...entries.map((e) => core.clock.now() - e.joinedAt)) / 60_000;
    expect(longest).toBeGreaterThan(10);

    // Paused: the floor's clock stands still, and plays on from there.
    await call<RehearsalView>(core, 'rehearsal.control', { playing: false });
    const stood = core.clock.now();
    timers.run(60_000);
    expect(core.clock.now()).toBe(stood);
    // Leaving the rehearsal gives the laptop its floor time back.
    await call(core, 'rehearsal.leave');
    expect(core.clock.now()).toBe(clock.now());
  });
});
