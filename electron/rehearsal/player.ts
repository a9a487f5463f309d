/**
 * Plays a rehearsal script (shared/domain/rehearsal.ts) on a core, in the
 * main process (or the web host): walk-ins arrive at their tables, some give
 * up waiting ("left"), some step away and never come back (a no-show when
 * called), at 1×, 5× or 20× the floor's time. Only the script's clock is
 * faster: turns keep their real length, so at 20× the queues build up as on
 * a crowded day and the coach practises the plenary, the topic focus and
 * the rotation with people arriving. Every step goes through the core's
 * ordinary commands, so the rehearsal's log is like any other.
 */
import type { Envelope, Snapshot } from '../../shared/contract.js';
import {
  REHEARSAL_MINUTES,
  rehearsalSteps,
  type RehearsalScript,
  type RehearsalSpeed,
  type RehearsalStep,
} from '../../shared/domain/rehearsal.js';

export interface RehearsalDeps {
  dispatch: (name: string, args: unknown) => Envelope<unknown>;
  snapshot: () => Snapshot;
  /** Epoch ms. */
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Keep the progress (after each step applied, a change of speed, a pause). */
  save?: (progress: RehearsalProgress) => void;
}

export interface RehearsalStatus {
  speed: RehearsalSpeed;
  /** Minutes of the session played so far (0–105, whole minutes). */
  minute: number;
  arrived: number;
  total: number;
  done: boolean;
  playing: boolean;
}

/** What the player keeps across a restart (its host stores it): where it was, and the walk-ins it made. */
export interface RehearsalProgress {
  speed: RehearsalSpeed;
  /** The session's minute reached, with fractions. */
  minute: number;
  /** Steps applied so far (an index into rehearsalSteps). */
  next: number;
  /** The script's arrival index → the queue entry the player made for it. */
  entries: [number, string][];
  playing: boolean;
}

/** The longest the player sleeps (ms): a clock moved forward (a test's, or floor time corrected by sync) is seen within this. */
export const REHEARSAL_WAKE_MS = 1000;

export class RehearsalPlayer {
  private readonly steps: RehearsalStep[];
  private next = 0;
  private timer: unknown = null;
  private baseMinute = 0;
  private baseAt: number;
  private readonly entries = new Map<number, string>();

  /** Steps applied so far (an index into rehearsalSteps). */
  get stepsApplied(): number {
    return this.next;
  }
  private playingNow = false;

  /**
   * `tableIds[i]` is the id of the script's table i in this event. `from`:
   * the progress of an earlier run (after a restart); the player starts
   * paused either way, until `start()`.
   */
  constructor(
    private readonly deps: RehearsalDeps,
    private readonly script: RehearsalScript,
    private readonly tableIds: readonly string[],
    private speedNow: RehearsalSpeed,
    from?: RehearsalProgress,
  ) {
    this.steps = rehearsalSteps(script);
    this.baseAt = deps.now();
    if (from) {
      this.speedNow = from.speed;
      this.baseMinute = Math.min(REHEARSAL_MINUTES, Math.max(0, from.minute));
      this.next = Math.min(this.steps.length, Math.max(0, from.next));
      for (const [arrival, entryId] of from.entries) this.entries.set(arrival, entryId);
    }
  }

  /** The session's minute now, by the script's clock (it stands still while paused). */
  minute(): number {
    if (!this.playingNow) return this.baseMinute;
    return Math.min(REHEARSAL_MINUTES, this.baseMinute + ((this.deps.now() - this.baseAt) * this.speedNow) / 60_000);
  }

  get speed(): RehearsalSpeed {
    return this.speedNow;
  }

  get playing(): boolean {
    return this.playingNow;
  }

  /** The minute reached and when (floor ms): the screen moves the minute on by itself from these while playing. */
  base(): { minute: number; at: number } {
    return { minute: this.baseMinute, at: this.baseAt };
  }

  status(): RehearsalStatus {
    return {
      speed: this.speedNow,
      minute: Math.floor(this.minute()),
      arrived: this.entries.size,
      total: this.script.arrivals.length,
      done: this.next >= this.steps.length,
      playing: this.playingNow,
    };
  }

  /** What to keep across a restart. */
  progress(): RehearsalProgress {
    return { speed: this.speedNow, minute: this.minute(), next: this.next, entries: [...this.entries], playing: this.playingNow };
  }

  /** Play (on) from the minute reached: plays what is due and waits for the next step. */
  start(): void {
    if (this.playingNow) return;
    this.baseAt = this.deps.now();
    this.playingNow = true;
    this.tick();
  }

  /** Plays on at another speed from the minute reached. */
  setSpeed(speed: RehearsalSpeed): void {
    this.baseMinute = this.minute();
    this.baseAt = this.deps.now();
    this.speedNow = speed;
    this.reschedule();
    this.deps.save?.(this.progress());
  }

  /** Pause at the minute reached; `start()` plays on from there. */
  stop(): void {
    this.baseMinute = this.minute();
    this.baseAt = this.deps.now();
    this.playingNow = false;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.deps.save?.(this.progress());
  }

  /** Stop its timer and keep nothing more (the host is closing, or the rehearsal is left): the saved progress stays as it was. */
  dispose(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.playingNow = false;
  }

  private reschedule(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    if (!this.playingNow || this.next >= this.steps.length) return;
    const wait = ((this.steps[this.next]!.atMinute - this.minute()) * 60_000) / this.speedNow;
    this.timer = this.deps.setTimer(() => this.tick(), Math.min(REHEARSAL_WAKE_MS, Math.max(0, Math.ceil(wait))));
  }

  private tick(): void {
    this.timer = null;
    const minute = this.minute();
    // Kept after each step, not once after a catch-up of many (a laptop waking, a clock moved on): a stop
    // half-way through would otherwise play the steps already applied again after a restart.
    while (this.next < this.steps.length && this.steps[this.next]!.atMinute <= minute) {
      this.apply(this.steps[this.next++]!);
      this.deps.save?.(this.progress());
    }
    this.reschedule();
  }
  private apply(step: RehearsalStep): void {
    const arrival = this.script.arrivals[step.arrival]!;
    if (step.kind === 'arrive') {
      const tableId = this.tableIds[arrival.table];
      // Already made (by the laptop that played before this one: a hub taken over), or a table missing.
      if (!tableId || this.entries.has(step.arrival)) return;
      const r = this.deps.dispatch('walkin.add', {
        tableId,
        ...(arrival.name ? { name: arrival.name } : {}),
        topics: arrival.topics,
        partySize: arrival.partySize,
      });
      if (r.ok) this.entries.set(step.arrival, (r.value as { entryId: string }).entryId);
      return;
    }
    // Only someone still waiting leaves or steps away; once called, they stay.
    const entryId = this.entries.get(step.arrival);
    if (!entryId) return;
    const waiting = this.deps.snapshot().tables.some((t) => t.queue.some((e) => e.id === entryId && e.status === 'waiting'));
    if (!waiting) return;
    this.deps.dispatch('entry.setStatus', { entryId, status: step.kind === 'leave' ? 'left' : 'away' });
  }
}
