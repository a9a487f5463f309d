import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertPush, TimersPush } from '../../shared/contract.js';
import { formatCountdown, turnClock, WARNING_MS } from '../../shared/domain/timer.js';
import { ManualClock } from '../../electron/core/clock.js';
import type { RunningTurn } from '../../electron/core/reads.js';
import { TimerService } from '../../electron/core/timers.js';
import { EVENT, T0, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;

/** A TimerService over a hand-held list of running turns, recording what it pushes. */
function harness(options: { now?: number; turns?: RunningTurn[] } = {}) {
  const clock = new ManualClock(options.now ?? T0);
  const running: RunningTurn[] = options.turns ?? [];
  const alerts: AlertPush[] = [];
  const ticks: TimersPush[] = [];
  const service = new TimerService(clock, () => running, {
    timers: (p) => ticks.push(p),
    alert: (p) => alerts.push(p),
  });
  return { clock, running, alerts, ticks, service };
}

const turn = (deadline: number, id = 'turn-1', tableId = 'table-1'): RunningTurn => ({
  turnId: id,
  tableId,
  deadline,
  pausedAt: null,
  autoAdvanceRotationId: null,
});

describe('TimerService', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('raises no alert while a turn is running', () => {
    const h = harness();
    h.service.tick(); // boot with nothing running
    h.running.push(turn(T0 + 15 * MIN));
    for (let s = 0; s < 12 * MIN; s += 7_000) {
      h.clock.set(T0 + s);
      const payload = h.service.tick();
      expect(payload.turns[0]?.phase).toBe('running');
    }
    expect(h.alerts).toEqual([]);
    h.service.stop();
  });

  it('warns exactly once on crossing two minutes left, and ends once at the deadline', () => {
    const h = harness();
    h.service.tick();
    const deadline = T0 + 15 * MIN;
    h.running.push(turn(deadline));
    for (let t = T0; t <= deadline + 3 * MIN; t += 500) {
      h.clock.set(t);
      h.service.tick();
      if (t === deadline - WARNING_MS - 500) expect(h.alerts).toEqual([]);
      if (t === deadline - WARNING_MS) {
        expect(h.alerts).toEqual([{ kind: 'warning', turnId: 'turn-1', tableId: 'table-1' }]);
      }
      if (t === deadline - 500) expect(h.alerts).toHaveLength(1);
      if (t === deadline) expect(h.alerts.at(-1)?.kind).toBe('end');
    }
    expect(h.alerts).toEqual([
      { kind: 'warning', turnId: 'turn-1', tableId: 'table-1' },
      { kind: 'end', turnId: 'turn-1', tableId: 'table-1' },
    ]);
    const last = h.ticks.at(-1);
    expect(last?.turns[0]).toEqual({
      turnId: 'turn-1',
      tableId: 'table-1',
      remainingMs: -3 * MIN,
      phase: 'overtime',
      paused: false,
    });
    h.service.stop();
  });

  it('after a restart past the deadline shows overtime without alerting again', () => {
    const deadline = T0 - 4 * MIN;
    const h = harness({ turns: [turn(deadline)] });
    const payload = h.service.tick();
    expect(payload.turns[0]).toMatchObject({ phase: 'overtime', remainingMs: -4 * MIN });
    h.clock.advance(10_000);
    h.service.tick();
    expect(h.alerts).toEqual([]);
    h.service.stop();
  });

  it('after a restart inside the warning period does not warn again but still ends', () => {
    const h = harness({ turns: [turn(T0 + MIN)] });
    expect(h.service.tick().turns[0]?.phase).toBe('warning');
    h.clock.advance(MIN);
    h.service.tick();
    expect(h.alerts.map((a) => a.kind)).toEqual(['end']);
    h.service.stop();
  });

  it('a turn that slept through both thresholds raises "end" once', () => {
    const h = harness();
    h.service.tick();
    h.running.push(turn(T0 + 15 * MIN));
    h.service.tick();
    h.clock.advance(40 * MIN); // the laptop lid was closed
    h.service.tick();
    h.service.tick();
    h.clock.advance(1000);
    h.service.tick();
    expect(h.alerts).toEqual([{ kind: 'end', turnId: 'turn-1', tableId: 'table-1' }]);
    expect(h.ticks.at(-1)?.turns[0]?.remainingMs).toBe(-25 * MIN - 1000);
    h.service.stop();
  });

  it('alerts each of several turns on its own', () => {
    const h = harness();
    h.service.tick();
    h.running.push(turn(T0 + 5 * MIN, 'a', 't1'), turn(T0 + 10 * MIN, 'b', 't2'));
    h.service.tick();
    h.clock.set(T0 + 4 * MIN);
    h.service.tick();
    h.clock.set(T0 + 9 * MIN);
    h.service.tick();
    expect(h.alerts.map((a) => `${a.turnId}:${a.kind}`)).toEqual(['a:warning', 'a:end', 'b:warning']);
    h.service.stop();
  });

  it('forgets a turn once it ends', () => {
    const h = harness();
    h.service.tick();
    h.running.push(turn(T0 + 15 * MIN));
    h.clock.set(T0 + 14 * MIN);
    h.service.tick();
    expect(h.alerts).toHaveLength(1);
    h.running.length = 0; // the turn ended
    expect(h.service.tick().turns).toEqual([]);
    // The same id running again (e.g. replayed) is treated as new: starts 'running'.
    h.running.push(turn(T0 + 14 * MIN + 3 * MIN));
    h.service.tick();
    expect(h.alerts).toHaveLength(1);
    h.clock.advance(2 * MIN);
    h.service.tick();
    expect(h.alerts.map((a) => a.kind)).toEqual(['warning', 'warning']);
    h.service.stop();
  });

  it('schedules a wake-up only while a turn runs, and stop() cancels it', () => {
    vi.useFakeTimers();
    const h = harness();
    h.service.tick();
    expect(vi.getTimerCount()).toBe(0);

    h.running.push(turn(T0 + 15 * MIN + 300));
    h.service.tick();
    expect(vi.getTimerCount()).toBe(1);
    const before = h.ticks.length;
    // Wakes just after the next whole second of the countdown (300 ms + 5).
    vi.advanceTimersByTime(304);
    expect(h.ticks.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(h.ticks.length).toBe(before + 1);
    expect(vi.getTimerCount()).toBe(1);

    h.service.stop();
    expect(vi.getTimerCount()).toBe(0);

    h.service.tick();
    expect(vi.getTimerCount()).toBe(1);
    h.running.length = 0;
    const payload = h.service.tick();
    expect(payload.turns).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('in the core: a started turn warns and ends through pushes, ending it stops the timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { core, clock } = testCore();
    const alerts: AlertPush[] = [];
    core.subscribe((p) => {
      if (p.type === 'alert') alerts.push(p.payload);
    });
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', { ...TABLE, turnMinutes: 5 }));
    ok(core.call('walkin.add', { tableId, name: 'A', topics: [], partySize: 1 }));
    expect(core.timers.scheduled).toBe(false);
    const { turnId } = ok(core.call('turn.start', { tableId }));
    expect(core.timers.scheduled).toBe(true);
    clock.advance(3 * MIN);
    vi.advanceTimersByTime(1005);
    expect(alerts).toEqual([{ kind: 'warning', turnId, tableId }]);
    clock.advance(2 * MIN);
    vi.advanceTimersByTime(1005);
    expect(alerts.map((a) => a.kind)).toEqual(['warning', 'end']);
    ok(core.call('turn.end', { turnId }));
    expect(core.timers.scheduled).toBe(false);
    core.close();
  });
});

describe('turnClock and formatCountdown', () => {
  it('derives the phase from the deadline', () => {
    expect(turnClock(T0 + 3 * MIN, T0)).toEqual({ remainingMs: 3 * MIN, phase: 'running' });
    expect(turnClock(T0 + WARNING_MS, T0)).toEqual({ remainingMs: WARNING_MS, phase: 'warning' });
    expect(turnClock(T0 + 1, T0).phase).toBe('warning');
    expect(turnClock(T0, T0)).toEqual({ remainingMs: 0, phase: 'overtime' });
    expect(turnClock(T0, T0 + 5)).toEqual({ remainingMs: -5, phase: 'overtime' });
  });

  it.each([
    [15 * MIN, '15:00'],
    [14 * MIN + 59_001, '15:00'],
    [14 * MIN + 59_000, '14:59'],
    [61_000, '1:01'],
    [59_999, '1:00'],
    [1_000, '0:01'],
    [1, '0:01'],
    [0, '0:00'],
    [-1, '0:00'],
    [-999, '0:00'],
    [-1_000, '+0:01'],
    [-61_500, '+1:01'],
    [-75 * MIN, '+75:00'],
  ])('formatCountdown(%i) is %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
