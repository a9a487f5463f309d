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
}

export interface RehearsalStatus {
  speed: RehearsalSpeed;
  /** Minutes of the session played so far (0–105). */
  minute: number;
  arrived: number;
  total: number;
  done: boolean;
}

export class RehearsalPlayer {
  private readonly steps: RehearsalStep[];
  private next = 0;
  private timer: unknown = null;
  private baseMinute = 0;
  private baseAt: number;
  private readonly entries = new Map<number, string>();
  private stopped = false;

  /** `tableIds[i]` is the id of the script's table i in this event. */
  constructor(
    private readonly deps: RehearsalDeps,
    private readonly script: RehearsalScript,
    private readonly tableIds: readonly string[],
    private speedNow: RehearsalSpeed,
  ) {
    this.steps = rehearsalSteps(script);
    this.baseAt = deps.now();
  }

  /** The session's minute now, by the script's clock. */
  minute(): number {
    return Math.min(REHEARSAL_MINUTES, this.baseMinute + ((this.deps.now() - this.baseAt) * this.speedNow) / 60_000);
  }

  status(): RehearsalStatus {
    return {
      speed: this.speedNow,
      minute: Math.floor(this.minute()),
      arrived: this.entries.size,
      total: this.script.arrivals.length,
      done: this.next >= this.steps.length,
    };
  }

  /** Plays what is due and waits for the next step. */
  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Plays on at another speed from the minute reached. */
  setSpeed(speed: RehearsalSpeed): void {
    this.baseMinute = this.minute();
    this.baseAt = this.deps.now();
    this.speedNow = speed;
    this.reschedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private reschedule(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    if (this.stopped || this.next >= this.steps.length) return;
    const wait = ((this.steps[this.next]!.atMinute - this.minute()) * 60_000) / this.speedNow;
    this.timer = this.deps.setTimer(() => this.tick(), Math.max(0, Math.ceil(wait)));
  }

  private tick(): void {
    this.timer = null;
    const minute = this.minute();
    while (this.next < this.steps.length && this.steps[this.next]!.atMinute <= minute) this.apply(this.steps[this.next++]!);
    this.reschedule();
  }

  private apply(step: RehearsalStep): void {
    const arrival = this.script.arrivals[step.arrival]!;
    if (step.kind === 'arrive') {
      const tableId = this.tableIds[arrival.table];
      if (!tableId) return;
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
