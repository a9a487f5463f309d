/**
 * Extending and pausing a running turn (issue 13): "+5 min" and a custom
 * extension move the deadline the main process keeps; a paused turn's clock
 * stands still (no warning, no chime, no auto-advance) and resuming moves the
 * deadline on by the pause; minutes received leave the pause out. Through the
 * operation log, so it replays, survives a restart and works for every mode.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertPush, TimersPush } from '../../shared/contract.js';
import { derive } from '../../shared/export/derive.js';
import { EVENT, TABLE, dumpState, ok, tempDir, testCore } from './helpers.js';

const MIN = 60_000;

function floor(turnMinutes = 15) {
  const t = testCore();
  const alerts: AlertPush[] = [];
  const timers: TimersPush[] = [];
  t.core.subscribe((p) => {
    if (p.type === 'alert') alerts.push(p.payload);
    if (p.type === 'timers') timers.push(p.payload);
  });
  ok(t.core.call('event.create', EVENT));
  const { tableId } = ok(t.core.call('table.create', { ...TABLE, turnMinutes }));
  const people = ['Ana', 'Bo', 'Chen', 'Dara'].map((name) => ok(t.core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId);
  const turnOf = () => ok(t.core.call('snapshot.get', {})).tables[0]!.currentTurn!;
  const lastTimer = () => timers.at(-1)!.turns[0]!;
  return { ...t, alerts, timers, tableId, people, turnOf, lastTimer };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('extending a turn', () => {
  it('+5 min moves the deadline by five minutes; over time, it gives five minutes from now', () => {
    const { core, clock, tableId, turnOf, lastTimer } = floor();
    const { turnId, deadline } = ok(core.call('turn.start', { tableId }));
    clock.advance(3 * MIN);
    const r = ok(core.call('turn.extend', { turnId, minutes: 5 }));
    expect(r.deadline).toBe(deadline + 5 * MIN);
    expect(turnOf().deadline).toBe(deadline + 5 * MIN);
    expect(lastTimer().remainingMs).toBe(17 * MIN);

    // 4 minutes over time: +5 means five more minutes from now, not one.
    clock.advance(21 * MIN);
    expect(core.timers.tick().turns[0]!.phase).toBe('overtime');
    ok(core.call('turn.extend', { turnId, minutes: 5 }));
    expect(lastTimer()).toMatchObject({ remainingMs: 5 * MIN, phase: 'running', paused: false });
    core.close();
  });

  it('a custom extension is 1 to 60 whole minutes; anything else is refused and changes nothing', () => {
    const { core, db, tableId } = floor();
    const { turnId } = ok(core.call('turn.start', { tableId }));
    const before = dumpState(db);
    for (const minutes of [0, 61, 2.5, -5]) {
      const r = core.call('turn.extend', { turnId, minutes });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_request');
    }
    expect(dumpState(db)).toEqual(before);
    ok(core.call('turn.extend', { turnId, minutes: 60 }));
    ok(core.call('turn.end', { turnId }));
    const late = core.call('turn.extend', { turnId, minutes: 5 });
    expect(!late.ok && late.error.params?.reason).toBe('turn_ended');
    core.close();
  });

  it('taken back above two minutes, a turn warns and ends again at its new deadline', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { core, clock, tableId, alerts } = floor(5);
    const { turnId } = ok(core.call('turn.start', { tableId }));
    clock.advance(4 * MIN);
    vi.advanceTimersByTime(1005);
    expect(alerts.map((a) => a.kind)).toEqual(['warning']);
    ok(core.call('turn.extend', { turnId, minutes: 5 }));
    clock.advance(4 * MIN); // 2 minutes left again
    vi.advanceTimersByTime(1005);
    clock.advance(2 * MIN);
    vi.advanceTimersByTime(1005);
    expect(alerts.map((a) => a.kind)).toEqual(['warning', 'warning', 'end']);
    core.close();
  });
});

describe('pausing a turn', () => {
  it('stands the clock still: no warning, no chime and no timer while paused; resuming moves the deadline on', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { core, clock, tableId, alerts, turnOf, lastTimer } = floor(5);
    const { turnId, deadline } = ok(core.call('turn.start', { tableId }));
    clock.advance(1 * MIN);
    ok(core.call('turn.pause', { turnId }));
    expect(turnOf().pausedAt).toBe(clock.now());
    expect(lastTimer()).toMatchObject({ remainingMs: 4 * MIN, paused: true, phase: 'running' });
    expect(core.timers.scheduled).toBe(false);

    // Half an hour passes: well past the deadline, and nothing rings.
    clock.advance(30 * MIN);
    vi.advanceTimersByTime(30 * MIN);
    expect(core.timers.tick().turns[0]).toMatchObject({ remainingMs: 4 * MIN, paused: true });
    expect(alerts).toEqual([]);
    const again = core.call('turn.pause', { turnId });
    expect(!again.ok && again.error.params?.reason).toBe('turn_paused');

    const r = ok(core.call('turn.resume', { turnId }));
    expect(r.deadline).toBe(deadline + 30 * MIN);
    expect(turnOf()).toMatchObject({ pausedAt: null, pausedMs: 30 * MIN, deadline: deadline + 30 * MIN });
    expect(lastTimer()).toMatchObject({ remainingMs: 4 * MIN, paused: false });
    expect(core.timers.scheduled).toBe(true);
    const notPaused = core.call('turn.resume', { turnId });
    expect(!notPaused.ok && notPaused.error.params?.reason).toBe('turn_not_paused');

    clock.advance(2 * MIN);
    vi.advanceTimersByTime(1005);
    clock.advance(2 * MIN);
    vi.advanceTimersByTime(1005);
    expect(alerts.map((a) => a.kind)).toEqual(['warning', 'end']);
    core.close();
  });

  it('a paused rotation group does not advance by itself at its deadline', async () => {
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { core, clock, tableId, turnOf } = floor();
    const { groups } = ok(core.call('rotation.propose', { tableId, maxGroupSize: 2 }));
    ok(core.call('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 5, autoAdvance: true, groups }));
    const first = turnOf().id;
    ok(core.call('turn.pause', { turnId: first }));
    clock.advance(20 * MIN);
    vi.advanceTimersByTime(20 * MIN);
    core.timers.tick();
    await settle();
    expect(turnOf().id).toBe(first);
    ok(core.call('turn.resume', { turnId: first }));
    clock.advance(6 * MIN);
    vi.advanceTimersByTime(1005);
    await settle();
    expect(turnOf().id).not.toBe(first);
    core.close();
  });

  it('works for a plenary and a topic focus too', () => {
    const { core, clock, tableId, people, turnOf } = floor();
    const plenary = ok(core.call('plenary.start', { tableId, minutes: 5 }));
    ok(core.call('turn.extend', { turnId: plenary.turnId, minutes: 3 }));
    ok(core.call('turn.pause', { turnId: plenary.turnId }));
    clock.advance(MIN);
    ok(core.call('turn.resume', { turnId: plenary.turnId }));
    expect(turnOf().deadline).toBe(plenary.deadline + 4 * MIN);
    ok(core.call('turn.end', { turnId: plenary.turnId }));
    const focus = ok(core.call('focus.start', { tableId, topic: 'Personal branding', entryIds: people.slice(0, 2), minutes: 10 }));
    ok(core.call('turn.extend', { turnId: focus.turnId, minutes: 10 }));
    expect(turnOf().deadline).toBe(focus.deadline + 10 * MIN);
    core.close();
  });
});

describe('minutes received leave pauses out', () => {
  it('a 15-minute turn with 5 minutes paused gave 10 minutes; a leaver only loses the pause they sat through', () => {
    const { core, clock, tableId, people } = floor();
    const one = ok(core.call('turn.start', { tableId }));
    clock.advance(5 * MIN);
    ok(core.call('turn.pause', { turnId: one.turnId }));
    clock.advance(5 * MIN);
    ok(core.call('turn.resume', { turnId: one.turnId }));
    clock.advance(5 * MIN);
    ok(core.call('turn.end', { turnId: one.turnId }));

    // A focus of three: Chen leaves during the pause (4 min coached), Dara stays (10 of 14 min).
    const focus = ok(core.call('focus.start', { tableId, topic: 'Personal branding', entryIds: people.slice(1), minutes: 10 }));
    clock.advance(3 * MIN);
    ok(core.call('turn.pause', { turnId: focus.turnId }));
    clock.advance(2 * MIN);
    ok(core.call('entry.setStatus', { entryId: people[2]!, status: 'left' }));
    clock.advance(2 * MIN);
    ok(core.call('turn.resume', { turnId: focus.turnId }));
    clock.advance(5 * MIN);
    // Ended while paused: the open pause counts up to the end.
    ok(core.call('turn.pause', { turnId: focus.turnId }));
    clock.advance(2 * MIN);
    ok(core.call('turn.end', { turnId: focus.turnId }));

    const facts = core.exportFacts({ id: core.deviceId, name: 'vm' }, clock.now())!;
    const received = new Map(derive(facts).people.map((p) => [p.entry.name, p.attendances.map((a) => a.receivedMs / MIN)]));
    expect(received.get('Ana')).toEqual([10]);
    expect(received.get('Bo')).toEqual([8]);
    expect(received.get('Chen')).toEqual([3]);
    expect(received.get('Dara')).toEqual([8]);
    core.close();
  });
});

describe('through the log', () => {
  it('replays to the same tables and survives a restart paused', () => {
    const dir = tempDir();
    const file = `${dir.dir}/tableside.db`;
    try {
      const { core, clock, db, tableId } = (() => {
        const t = testCore({ file });
        ok(t.core.call('event.create', EVENT));
        const { tableId } = ok(t.core.call('table.create', TABLE));
        ok(t.core.call('walkin.add', { tableId, name: 'Ana', topics: [], partySize: 1 }));
        return { ...t, tableId };
      })();
      const { turnId, deadline } = ok(core.call('turn.start', { tableId }));
      ok(core.call('turn.extend', { turnId, minutes: 7 }));
      clock.advance(MIN);
      ok(core.call('turn.pause', { turnId }));
      const before = dumpState(db);
      core.rebuildFromLog();
      expect(dumpState(db)).toEqual(before);
      core.close();

      const again = testCore({ file, clock });
      const turn = ok(again.core.call('snapshot.get', {})).tables[0]!.currentTurn!;
      expect(turn).toMatchObject({ id: turnId, deadline: deadline + 7 * 60_000, pausedAt: clock.now() });
      clock.advance(30 * MIN);
      expect(again.core.timers.tick().turns[0]).toMatchObject({ remainingMs: 21 * MIN, paused: true, phase: 'running' });
      again.core.close();
    } finally {
      dir.remove();
    }
  });
});
