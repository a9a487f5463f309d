/** Time and identity sources, injected so tests can freeze them. */
import { randomUUID } from 'node:crypto';
import { localTimeZone } from '../../shared/domain/zone.js';
import { rehearsalNow, type RehearsalClock } from '../../shared/domain/rehearsal.js';

export interface Clock {
  now(): number;
  /**
   * The IANA zone this laptop is set to, for what is made in it (a new event's
   * zone, the demo's date); absent: the runtime's own (localTimeZone).
   */
  timeZone?(): string;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand, in a zone they may name ("Europe/Berlin"). */
export class ManualClock implements Clock {
  constructor(
    private t: number,
    private readonly zone?: string,
  ) {}
  now(): number {
    return this.t;
  }
  timeZone(): string {
    return this.zone ?? localTimeZone();
  }
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The system clock plus an offset that can be moved forward: what a laptop
 * sees when it wakes from sleep. The web host offers it to end-to-end tests
 * only when started with TABLESIDE_TEST_CLOCK=1.
 */
export class ShiftableClock implements Clock {
  constructor(
    private readonly base: Clock = systemClock,
    private offset = 0,
  ) {}
  /** How far ahead of the base clock this one runs. */
  get offsetMs(): number {
    return this.offset;
  }
  now(): number {
    return this.base.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/**
 * Floor time: this laptop's clock corrected by the hub's (`offsetMs`, the
 * hub's clock minus this laptop's, as the sync last measured it). Every
 * instant the core records (joined at, turn times, deadlines, operation
 * timestamps) is floor time, so every laptop's events fall on one timeline
 * even when a laptop's own clock is hours off. `raw()` is the laptop's own
 * clock, kept for audit. On the hub, and on a laptop that never synced, the
 * offset is 0.
 */
export class FloorClock implements Clock {
  constructor(
    readonly base: Clock,
    private offset = 0,
  ) {}
  get offsetMs(): number {
    return this.offset;
  }
  /** This laptop's own clock. */
  raw(): number {
    return this.base.now();
  }
  now(): number {
    const floor = this.base.now() + this.offset;
    return this.rehearsal ? rehearsalNow(this.rehearsal, floor) : floor;
  }
  /** Floor time itself, never a rehearsal's (the rehearsal player keeps its schedule on it). */
  floor(): number {
    return this.base.now() + this.offset;
  }
  timeZone(): string {
    return this.base.timeZone?.() ?? localTimeZone();
  }
  setOffset(ms: number): void {
    this.offset = Math.round(ms);
  }
  /**
   * On a rehearsal floor, `now()` is rehearsal time (shared/domain/rehearsal.ts):
   * floor time at the player's speed, still while it is paused; null: floor time.
   * Set by the rehearsal service whenever the player starts, pauses or changes speed.
   */
  setRehearsal(clock: RehearsalClock | null): void {
    this.rehearsal = clock;
  }
  /**
   * Rehearsal time as it stands now: rehearsal ms at this instant and its
   * speed (0 while paused); null on floor time. A rehearsal's hub sends it
   * with every sync answer, so a laptop that joined it keeps the same time.
   */
  rehearsalNow(): { at: number; speed: number } | null {
    return this.rehearsal ? { at: this.now(), speed: this.rehearsal.speed } : null;
  }
  private rehearsal: RehearsalClock | null = null;
}

export type IdSource = () => string;
export const randomId: IdSource = () => randomUUID();
