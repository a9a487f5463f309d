/**
 * Keeping the laptop awake while a session runs.
 *
 * A coach's laptop on battery dims and then sleeps after a few idle minutes;
 * the coach is talking, not typing, and the countdown must stay readable. So
 * while the event's session is running, main.ts holds Electron's
 * powerSaveBlocker('prevent-display-sleep'), and releases it when the session
 * is over, so the laptop sleeps normally again.
 *
 * "Running" (shouldKeepAwake): a turn is running at an open table, or it is
 * within a day of the event's session (shared/domain/session.ts, in the
 * event's time zone; an event made before events had one is read in the
 * laptop's) and at least one table is open. A table is closed when it has a
 * `closedAt` instant (issue 3's "close the table"); a closed table counts for
 * neither rule, so closing the last table lets the laptop sleep even inside
 * the session's hours.
 *
 * The decision is re-made on every snapshot the core pushes, and at the next
 * instant the session starts or ends (which passes without any change in
 * the data): one timer for that next deadline, nothing ticking meanwhile.
 * main.ts also re-decides when the laptop wakes, since a timer does not count
 * the time a laptop slept.
 */
import { inSession, sessionDays, sessionPlanOf, type SessionFields } from '../../shared/domain/session.js';
import { localTimeZone } from '../../shared/domain/zone.js';

/** What the decision needs from the core's Snapshot (a structural subset of it). */
export interface PowerSnapshot {
  event: SessionFields | null;
  tables: readonly PowerTable[];
}

export interface PowerTable {
  /** Set when the table has been closed (issue 3); absent or null while open. */
  closedAt?: number | null;
  currentTurn: { endedAt?: number | null } | null;
}

const isOpen = (table: PowerTable): boolean => table.closedAt === undefined || table.closedAt === null;

/**
 * Whether `now` is within a day of the event's session: from its start
 * (included) to its end (excluded), in the event's zone, or `fallbackZone`
 * (the laptop's) for an event without one.
 */
export function inSessionHours(event: PowerSnapshot['event'], now: number, fallbackZone = localTimeZone()): boolean {
  return inSession(sessionPlanOf(event, fallbackZone), now);
}

/**
 * The next instant after `now` (ms) at which a day of the event's session
 * starts or ends, when shouldKeepAwake may change with no change in the data;
 * null when none is to come (no event, a plan with a problem, or all over).
 */
export function nextSessionChangeAt(event: PowerSnapshot['event'], now: number, fallbackZone = localTimeZone()): number | null {
  const plan = sessionPlanOf(event, fallbackZone);
  if (!plan) return null;
  let next = Infinity;
  for (const day of sessionDays(plan)) {
    for (const t of [day.startAt, day.endAt]) if (t > now && t < next) next = t;
  }
  return Number.isFinite(next) ? next : null;
}

export function shouldKeepAwake(snapshot: PowerSnapshot | null, now: number): boolean {
  if (!snapshot) return false;
  const open = snapshot.tables.filter(isOpen);
  const turnRunning = open.some((t) => t.currentTurn !== null && (t.currentTurn.endedAt ?? null) === null);
  return turnRunning || (open.length > 0 && inSessionHours(snapshot.event, now));
}

// ---------------------------------------------------------------------------
// The bookkeeping around Electron's powerSaveBlocker.

/** Electron's powerSaveBlocker, as far as this module uses it. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): boolean | void;
  isStarted(id: number): boolean;
}

/** Holds at most one blocker, started and stopped as the wanted state changes. */
export class KeepAwake {
  private id: number | null = null;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  get active(): boolean {
    return this.id !== null && this.blocker.isStarted(this.id);
  }

  set(wanted: boolean): void {
    if (wanted && !this.active) {
      this.id = this.blocker.start('prevent-display-sleep');
    } else if (!wanted && this.id !== null) {
      if (this.blocker.isStarted(this.id)) this.blocker.stop(this.id);
      this.id = null;
    }
  }
}

export interface KeepAwakeWatcherOptions {
  blocker: PowerSaveBlockerLike;
  now: () => number;
  /** The snapshot at start; later ones arrive through `snapshot()`. */
  initial: PowerSnapshot | null;
  /** Injected for tests: run `fn` once after `ms`, returning a cancel; default setTimeout / clearTimeout. */
  after?: (ms: number, fn: () => void) => () => void;
}

/** Node's timers hold at most this many ms (about 24.8 days); a later deadline is looked at again then. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Decides on every snapshot and when the session starts or ends; stop() releases the blocker. */
export class KeepAwakeWatcher {
  private readonly keepAwake: KeepAwake;
  private latest: PowerSnapshot | null;
  private stopped = false;
  private cancelTimer: (() => void) | null = null;
  private readonly after: (ms: number, fn: () => void) => () => void;

  constructor(private readonly options: KeepAwakeWatcherOptions) {
    this.keepAwake = new KeepAwake(options.blocker);
    this.latest = options.initial;
    this.after =
      options.after ??
      ((ms: number, fn: () => void) => {
        const handle = setTimeout(fn, ms);
        return () => clearTimeout(handle);
      });
    this.evaluate();
  }

  get active(): boolean {
    return this.keepAwake.active;
  }

  snapshot(snapshot: PowerSnapshot): void {
    this.latest = snapshot;
    this.evaluate();
  }

  /** Decide now, and set the one timer for the next session start or end. */
  evaluate(): void {
    if (this.stopped) return;
    const now = this.options.now();
    this.keepAwake.set(shouldKeepAwake(this.latest, now));
    this.cancelTimer?.();
    this.cancelTimer = null;
    const next = this.latest ? nextSessionChangeAt(this.latest.event, now) : null;
    if (next === null) return;
    this.cancelTimer = this.after(Math.min(next - now + 1, MAX_TIMER_MS), () => {
      this.cancelTimer = null;
      this.evaluate();
    });
  }

  /** Whether a timer is set (for tests). */
  get waiting(): boolean {
    return this.cancelTimer !== null;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.keepAwake.set(false);
  }
}
