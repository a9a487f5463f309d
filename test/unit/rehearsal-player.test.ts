import { describe, expect, it } from 'vitest';
import { RehearsalPlayer } from '../../electron/rehearsal/player.js';
import { rehearsalScript } from '../../shared/domain/rehearsal.js';
import { ok, testCore } from './helpers.js';

/** A core with the script's eight tables, and timers run by hand on its manual clock. */
function setUp(speed: 1 | 5 | 20) {
  const { core, clock } = testCore();
  const script = rehearsalScript(2018);
  ok(core.dispatch('event.create', { name: script.event.name, date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: script.event.place }));
  const tableIds = script.tables.map(
    (t) =>
      (ok(core.dispatch('table.create', { name: t.name, coaches: t.coaches, topics: t.topics, languages: t.languages, turnMinutes: t.turnMinutes })) as {
        tableId: string;
      }).tableId,
  );
  const timers: { at: number; fn: () => void }[] = [];
  const player = new RehearsalPlayer(
    {
      dispatch: (name, args) => core.dispatch(name, args),
      snapshot: () => core.snapshot(),
      now: () => clock.now(),
      setTimer: (fn, ms) => {
        const t = { at: clock.now() + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimer: (h) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    script,
    tableIds,
    speed,
  );
  /** Move the clock by `ms`, firing each timer due on the way. */
  const run = (ms: number) => {
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
  };
  return { core, script, player, run, timers };
}

describe('the rehearsal player', () => {
  it('at 20× plays the whole session in 5 minutes 15 seconds: every walk-in arrives, leavers leave, no-shows step away', () => {
    const { core, script, player, run, timers } = setUp(20);
    player.start();
    run(60_000);
    const early = player.status();
    expect(early.minute).toBe(20);
    expect(early.arrived).toBeGreaterThan(25);
    run(255_000);
    const s = player.status();
    expect(s).toMatchObject({ minute: 105, arrived: script.arrivals.length, total: script.arrivals.length, done: true });
    expect(timers).toHaveLength(0);
    const snap = core.snapshot();
    const heads = snap.tables.map((t) => t.queue.length + t.goneTotal);
    expect(heads.reduce((a, b) => a + b, 0)).toBe(script.arrivals.length);
    // Nobody was coached, so every leaver left and every no-show stepped away.
    const left = snap.tables.flatMap((t) => t.gone.filter((g) => g.status === 'left')).length;
    const away = snap.tables.flatMap((t) => t.queue.filter((e) => e.status === 'away')).length;
    const leavers = script.arrivals.filter((a) => a.fate.kind === 'leaves' && a.atMinute + a.fate.afterMinutes < 105).length;
    const noShows = script.arrivals.filter((a) => a.fate.kind === 'no_show' && a.atMinute + a.fate.afterMinutes < 105).length;
    expect(left).toBe(leavers);
    expect(away).toBe(noShows);
    // The two crowded tables hold the longest queues.
    const byLength = snap.tables.map((t, i) => ({ crowded: script.tables[i]!.crowded, n: t.queue.length + t.goneTotal })).sort((a, b) => b.n - a.n);
    expect(byLength.slice(0, 2).every((x) => x.crowded)).toBe(true);
  });

  it('someone already called does not leave the queue when their script says so', () => {
    const { core, script, player, run } = setUp(5);
    const leaver = script.arrivals.findIndex((a) => a.fate.kind === 'leaves' && a.name !== null);
    const at = script.arrivals[leaver]!;
    player.start();
    run(((at.atMinute + 0.01) * 60_000) / 5);
    const tableId = core.snapshot().tables[at.table]!.id;
    const entry = core.snapshot().tables[at.table]!.queue.find((e) => e.name === at.name && e.status === 'waiting');
    expect(entry).toBeDefined();
    const turn = core.dispatch('turn.start', { tableId, entryId: entry!.id });
    expect(turn.ok).toBe(true);
    run(((at.fate.kind === 'leaves' ? at.fate.afterMinutes : 0) * 60_000) / 5 + 1000);
    const snap = core.snapshot().tables[at.table]!;
    expect(snap.currentTurn?.participants.map((p) => p.id)).toContain(entry!.id);
  });

  it('changes speed from the minute reached', () => {
    const { player, run } = setUp(1);
    player.start();
    run(10 * 60_000);
    expect(player.status().minute).toBe(10);
    player.setSpeed(20);
    run(60_000);
    expect(player.status().minute).toBe(30);
    player.stop();
    run(60_000);
    expect(player.status().arrived).toBeLessThan(80);
  });
});
