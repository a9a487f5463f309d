/**
 * The turn timers, owned by the main process.
 *
 * Deadlines live in the database; this service only looks at them. While any
 * turn runs it wakes on each whole second of the earliest countdown, pushes
 * what every countdown shows, and raises an alert when a turn crosses its
 * 2-minute warning or its deadline. Because it compares absolute instants, a
 * host restart or a laptop that slept through the deadline shows the right
 * overtime on its next tick.
 *
 * A paused turn's clock stands still: it is pushed with what was left when it
 * paused, raises no alert, never counts as over time (so a rotation does not
 * advance by itself), and schedules no tick. Extending or resuming moves the
 * deadline in the database; the commit's `refresh` looks again, so the next
 * warning and chime follow the new deadline (a turn taken back under two
 * minutes warns again when it crosses them).
 */
import type { AlertPush, TimersPush } from '../../shared/contract.js';
import { turnClock, type TurnPhase } from '../../shared/domain/timer.js';
import type { Clock } from './clock.js';
import type { RunningTurn } from './reads.js';

const RANK: Record<TurnPhase, number> = { running: 0, warning: 1, overtime: 2 };

export interface TimerSink {
  timers(payload: TimersPush): void;
  alert(payload: AlertPush): void;
}

export class TimerService {
  private handle: ReturnType<typeof setTimeout> | null = null;
  private readonly seen = new Map<string, TurnPhase>();
  private booted = false;

  constructor(
    private readonly clock: Clock,
    private readonly running: () => RunningTurn[],
    private readonly sink: TimerSink,
    /** Called on every tick for each turn past its deadline. */
    private readonly onOvertime: (turn: RunningTurn) => void = () => {},
  ) {}

  /** Look at the running turns again (after a commit, a restart, a wake). */
  refresh(): void {
    this.tick();
  }

  /** Whether a tick is scheduled (only while a turn runs). */
  get scheduled(): boolean {
    return this.handle !== null;
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }

  /** Compute and push every countdown now; schedule the next tick. */
  tick(): TimersPush {
    this.stop();
    const now = this.clock.now();
    const all = this.running().map((t) => ({
      ...t,
      ...turnClock(t.deadline, t.pausedAt ?? now),
      paused: t.pausedAt !== null,
    }));
    const turns = all.filter((t) => !t.paused);
    const live = new Set(all.map((t) => t.turnId));
    for (const id of this.seen.keys()) if (!live.has(id)) this.seen.delete(id);

    for (const t of turns) {
      const before = this.seen.get(t.turnId);
      // On start-up, a turn that is already late is shown late but not chimed
      // again; a turn first seen later (just started) begins as 'running'.
      const baseline = before ?? (this.booted ? 'running' : t.phase);
      if (RANK[t.phase] > RANK[baseline]) {
        this.sink.alert({
          kind: t.phase === 'overtime' ? 'end' : 'warning',
          turnId: t.turnId,
          tableId: t.tableId,
        });
      }
      this.seen.set(t.turnId, t.phase);
      if (t.phase === 'overtime') this.onOvertime(t);
    }
    this.booted = true;

    const payload: TimersPush = {
      now,
      turns: all.map(({ turnId, tableId, remainingMs, phase, paused }) => ({
        turnId,
        tableId,
        remainingMs,
        phase,
        paused,
      })),
    };
    this.sink.timers(payload);

    if (turns.length > 0) {
      // Wake just after the next whole second of the earliest countdown.
      const first = turns.reduce((a, b) => (a.remainingMs < b.remainingMs ? a : b));
      const delay = (((first.remainingMs % 1000) + 1000) % 1000 || 1000) + 5;
      this.handle = setTimeout(() => this.tick(), delay);
      this.handle.unref?.();
    }
    return payload;
  }
}
