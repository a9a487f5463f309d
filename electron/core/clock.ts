/** Time and identity sources, injected so tests can freeze them. */
import { randomUUID } from 'node:crypto';
import { localTimeZone } from '../../shared/domain/zone.js';

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

export type IdSource = () => string;
export const randomId: IdSource = () => randomUUID();
