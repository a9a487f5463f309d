/**
 * Keeping the laptop awake (electron/shell/power.ts): the decision from the
 * snapshot and the clock, and the start/stop bookkeeping around a fake
 * powerSaveBlocker (Electron's API replaced at its thin edge).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  inSessionHours,
  KeepAwake,
  KeepAwakeWatcher,
  shouldKeepAwake,
  type PowerSaveBlockerLike,
  type PowerSnapshot,
  type PowerTable,
} from '../../electron/shell/power.js';

const EVENT = { date: '2026-08-26', startTime: '09:30', endTime: '12:00' };
/** A local time on the event's day (the decision is in the laptop's local time). */
const at = (h: number, m = 0) => new Date(2026, 7, 26, h, m).getTime();

const idle: PowerTable = { currentTurn: null };
const busy: PowerTable = { currentTurn: { endedAt: null } };
const snap = (tables: PowerTable[], event: PowerSnapshot['event'] = EVENT): PowerSnapshot => ({ event, tables });

describe('shouldKeepAwake', () => {
  it('keeps awake during the session hours when a table exists', () => {
    expect(shouldKeepAwake(snap([idle]), at(9, 30))).toBe(true); // the start is included
    expect(shouldKeepAwake(snap([idle]), at(11, 59))).toBe(true);
  });

  it('lets the laptop sleep before and after the session when no turn runs', () => {
    expect(shouldKeepAwake(snap([idle]), at(9, 29))).toBe(false);
    expect(shouldKeepAwake(snap([idle]), at(12, 0))).toBe(false); // the end is excluded
    expect(shouldKeepAwake(snap([idle]), new Date(2026, 7, 27, 10, 0).getTime())).toBe(false); // the next day
  });

  it('keeps awake whenever a turn runs, even outside the hours or without an event', () => {
    expect(shouldKeepAwake(snap([idle, busy]), at(7))).toBe(true);
    expect(shouldKeepAwake(snap([busy]), at(23))).toBe(true);
    expect(shouldKeepAwake(snap([busy], null), at(23))).toBe(true);
  });

  it('a turn that has ended does not count', () => {
    expect(shouldKeepAwake(snap([{ currentTurn: { endedAt: at(8) } }]), at(8, 1))).toBe(false);
  });

  it('needs a table during the hours: an event with none yet is not a running session', () => {
    expect(shouldKeepAwake(snap([]), at(10))).toBe(false);
  });

  it('nothing to keep awake for: no snapshot, no event, or an unreadable date', () => {
    expect(shouldKeepAwake(null, at(10))).toBe(false);
    expect(shouldKeepAwake(snap([idle], null), at(10))).toBe(false);
    expect(shouldKeepAwake(snap([idle], { ...EVENT, date: '26/08/2026' }), at(10))).toBe(false);
  });

  it('a closed table counts for neither rule (issue 3 adds closing a table)', () => {
    const closed = (t: PowerTable): PowerTable => ({ ...t, closedAt: at(9) });
    expect(shouldKeepAwake(snap([closed(idle)]), at(10))).toBe(false);
    expect(shouldKeepAwake(snap([closed(busy)]), at(7))).toBe(false);
    expect(shouldKeepAwake(snap([closed(idle), idle]), at(10))).toBe(true);
    expect(shouldKeepAwake(snap([{ ...idle, closedAt: null }]), at(10))).toBe(true);
  });
});

describe('session hours are the event’s time zone, or the laptop’s for an event without one', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('in Kuala Lumpur (UTC+8), 09:30–12:00 on 26 August is 01:30–04:00 UTC', () => {
    process.env.TZ = 'Asia/Kuala_Lumpur';
    expect(inSessionHours(EVENT, Date.UTC(2026, 7, 26, 1, 30))).toBe(true);
    expect(inSessionHours(EVENT, Date.UTC(2026, 7, 26, 9, 30))).toBe(false);
  });

  it('in Los Angeles (UTC−7 in August), the same hours are 16:30–19:00 UTC', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(inSessionHours(EVENT, Date.UTC(2026, 7, 26, 16, 30))).toBe(true);
    expect(inSessionHours(EVENT, Date.UTC(2026, 7, 26, 1, 30))).toBe(false);
  });

  it('an event in Berlin keeps Berlin hours on a laptop set to Los Angeles (09:30–12:00 +02:00 is 07:30–10:00 UTC)', () => {
    process.env.TZ = 'America/Los_Angeles';
    const berlin = { ...EVENT, timeZone: 'Europe/Berlin' };
    expect(inSessionHours(berlin, Date.UTC(2026, 7, 26, 7, 30))).toBe(true);
    expect(inSessionHours(berlin, Date.UTC(2026, 7, 26, 9, 59))).toBe(true);
    expect(inSessionHours(berlin, Date.UTC(2026, 7, 26, 10, 0))).toBe(false);
    expect(inSessionHours(berlin, Date.UTC(2026, 7, 26, 16, 30))).toBe(false);
  });

  it('a congress over three days keeps the laptop awake each day, not in the nights between', () => {
    process.env.TZ = 'Europe/Berlin';
    const congress = { ...EVENT, endDate: '2026-08-28', timeZone: 'Europe/Berlin' };
    expect(shouldKeepAwake(snap([idle], congress), new Date(2026, 7, 27, 10).getTime())).toBe(true);
    expect(shouldKeepAwake(snap([idle], congress), new Date(2026, 7, 27, 22).getTime())).toBe(false);
    expect(shouldKeepAwake(snap([idle], congress), new Date(2026, 7, 28, 11).getTime())).toBe(true);
    expect(shouldKeepAwake(snap([idle], congress), new Date(2026, 7, 29, 11).getTime())).toBe(false);
  });

  it('refuses malformed dates and times', () => {
    expect(inSessionHours({ ...EVENT, date: '2026-8-26' }, at(10))).toBe(false);
    expect(inSessionHours({ ...EVENT, startTime: '9:30' }, at(10))).toBe(false);
  });
});

/** Electron's powerSaveBlocker, replaced: it records what was asked of it. */
function fakeBlocker() {
  const started = new Set<number>();
  const calls: string[] = [];
  let next = 0;
  const blocker: PowerSaveBlockerLike = {
    start(type) {
      calls.push(`start ${type}`);
      started.add(++next);
      return next;
    },
    stop(id) {
      calls.push(`stop ${id}`);
      return started.delete(id);
    },
    isStarted: (id) => started.has(id),
  };
  return { blocker, started, calls };
}

describe('KeepAwake', () => {
  it('starts one blocker, however often it is asked, and stops it once', () => {
    const { blocker, calls, started } = fakeBlocker();
    const k = new KeepAwake(blocker);
    k.set(true);
    k.set(true);
    expect(k.active).toBe(true);
    k.set(false);
    k.set(false);
    expect(k.active).toBe(false);
    expect(calls).toEqual(['start prevent-display-sleep', 'stop 1']);
    expect(started.size).toBe(0);
  });

  it('starts a new blocker if the old one was stopped behind its back', () => {
    const { blocker, calls, started } = fakeBlocker();
    const k = new KeepAwake(blocker);
    k.set(true);
    started.clear();
    k.set(true);
    expect(calls).toEqual(['start prevent-display-sleep', 'start prevent-display-sleep']);
    expect(k.active).toBe(true);
  });
});

describe('KeepAwakeWatcher', () => {
  function watcher(initial: PowerSnapshot | null, startAt: number) {
    const fake = fakeBlocker();
    let now = startAt;
    let timer: { due: number; fn: () => void } | null = null;
    const w = new KeepAwakeWatcher({
      blocker: fake.blocker,
      now: () => now,
      initial,
      after: (ms, fn) => {
        const mine = { due: now + ms, fn };
        timer = mine;
        return () => {
          if (timer === mine) timer = null;
        };
      },
    });
    return {
      w,
      ...fake,
      /** When the one timer is due, if one is set. */
      due: () => timer?.due ?? null,
      /** Let the clock run to `t`, firing the timer if it is due by then. */
      advanceTo(t: number) {
        now = t;
        const due = timer;
        if (due && due.due <= t) {
          timer = null;
          due.fn();
        }
      },
      ticking: () => timer !== null,
    };
  }

  it('decides at once from the snapshot it starts with', () => {
    expect(watcher(snap([busy]), at(7)).w.active).toBe(true);
    expect(watcher(snap([idle]), at(7)).w.active).toBe(false);
  });

  it('follows the snapshots: a turn starts and ends outside the hours', () => {
    const t = watcher(snap([idle]), at(7));
    t.w.snapshot(snap([busy]));
    expect(t.w.active).toBe(true);
    t.w.snapshot(snap([idle]));
    expect(t.w.active).toBe(false);
    expect(t.calls).toEqual(['start prevent-display-sleep', 'stop 1']);
  });

  it('looks again exactly when the session starts and when it ends, with no timer ticking meanwhile', () => {
    const t = watcher(snap([idle]), at(9, 0));
    expect(t.w.active).toBe(false);
    // One timer, for the session's start: nothing in between.
    expect(t.due()).toBe(at(9, 30) + 1);
    t.advanceTo(at(9, 29));
    expect(t.w.active).toBe(false);
    t.advanceTo(at(9, 30) + 1);
    expect(t.w.active).toBe(true);
    expect(t.due()).toBe(at(12, 0) + 1);
    t.advanceTo(at(11, 59));
    expect(t.w.active).toBe(true);
    t.advanceTo(at(12, 0) + 1);
    expect(t.w.active).toBe(false);
    // The session is over: no timer at all.
    expect(t.ticking()).toBe(false);
    expect(t.calls).toEqual(['start prevent-display-sleep', 'stop 1']);
  });

  it('closing the last table lets the laptop sleep inside the hours', () => {
    const t = watcher(snap([idle]), at(10));
    expect(t.w.active).toBe(true);
    t.w.snapshot(snap([{ ...idle, closedAt: at(10) }]));
    expect(t.w.active).toBe(false);
  });

  it('stop() releases the blocker and the timer, and later snapshots change nothing', () => {
    const t = watcher(snap([busy]), at(10));
    t.w.stop();
    expect(t.started.size).toBe(0);
    expect(t.ticking()).toBe(false);
    t.w.snapshot(snap([busy]));
    expect(t.w.active).toBe(false);
    expect(t.calls).toEqual(['start prevent-display-sleep', 'stop 1']);
  });
});
