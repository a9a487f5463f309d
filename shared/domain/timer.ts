/**
 * What a turn's countdown shows, derived from absolute instants only. Nothing
 * here counts ticks, so a reload, a restart or a laptop that slept through the
 * deadline all give the same answer for the same `now`.
 */
export const WARNING_MS = 2 * 60_000;

/** What "+5 min" adds to a running turn. */
export const EXTEND_STEP_MINUTES = 5;
/** The most one extension may add (a custom extension is 1 to this many minutes). */
export const EXTEND_MAX_MINUTES = 60;

/** How long "Undo" stays offered after End turn or Start turn (at least ten seconds, so it can be reached). */
export const UNDO_TURN_MS = 20_000;
/** How long after the action the core still takes the undo back (the button's window, and a late click's way there). */
export const UNDO_TURN_ACCEPT_MS = UNDO_TURN_MS + 10_000;

/** A turn's clock as stored: its deadline, and since when it stands still (null: it runs). */
export interface TurnTiming {
  readonly deadline: number;
  readonly pausedAt: number | null;
}

/**
 * Milliseconds left on a turn's clock at `now`: negative once over time; while
 * paused, what was left when the pause began (it does not move).
 */
export function remainingAt(turn: TurnTiming, now: number): number {
  return turn.deadline - (turn.pausedAt ?? now);
}

/**
 * When the turn's clock would reach zero if it ran from `now` on: the deadline,
 * or, while paused, the deadline moved on by the pause so far. Estimates read this.
 */
export function expectedDeadline(turn: TurnTiming, now: number): number {
  return turn.pausedAt === null ? turn.deadline : turn.deadline + Math.max(0, now - turn.pausedAt);
}

/**
 * How much an extension of `minutes` adds to the deadline, in ms: the minutes,
 * plus the overtime already run, so a turn over time gets `minutes` from now
 * (or from when it paused).
 */
export function extensionMs(turn: TurnTiming, minutes: number, now: number): number {
  return minutes * 60_000 + Math.max(0, -remainingAt(turn, now));
}

export type TurnPhase = 'running' | 'warning' | 'overtime';

export interface TurnClock {
  /** Milliseconds left; negative once the turn is over time. */
  readonly remainingMs: number;
  readonly phase: TurnPhase;
}

export function turnClock(deadline: number, now: number): TurnClock {
  const remainingMs = deadline - now;
  const phase: TurnPhase =
    remainingMs <= 0 ? 'overtime' : remainingMs <= WARNING_MS ? 'warning' : 'running';
  return { remainingMs, phase };
}

/**
 * A countdown as words take it: which phrase (time left, over time, paused
 * with time left) and the digits without a sign ("12:13", "1:05"), so a
 * screen can say "12:13 left" instead of bare digits that read like a time
 * of day.
 */
export function countdownPhrase(remainingMs: number, paused: boolean): { key: 'left' | 'over' | 'paused'; time: string } {
  const over = !paused && remainingMs < 0;
  return { key: paused ? 'paused' : over ? 'over' : 'left', time: formatCountdown(over ? -remainingMs : Math.max(0, remainingMs)) };
}

/**
 * Whole seconds a turn is over time, from its remainingMs: the one rounding
 * rule for overtime (down: 48.9 s over is 48 s, "+0:48"). The countdown's
 * digits and the dashboard's overtime alert (alerts.ts overtimeMinutes) both
 * read it. 0 while time is left.
 */
export function overtimeSeconds(remainingMs: number): number {
  return remainingMs < 0 ? Math.floor(-remainingMs / 1000) : 0;
}

/**
 * The countdown as people read it: whole seconds, rounded up while time is
 * left (so "0:00" only appears at the deadline) and down in overtime.
 */
export function formatCountdown(remainingMs: number): string {
  const over = remainingMs <= 0;
  const totalSeconds = over ? overtimeSeconds(remainingMs) : Math.ceil(remainingMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const text = `${minutes}:${seconds.toString().padStart(2, '0')}`;
  return over && totalSeconds > 0 ? `+${text}` : text;
}
