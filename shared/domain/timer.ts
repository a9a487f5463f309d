/**
 * What a turn's countdown shows, derived from absolute instants only. Nothing
 * here counts ticks, so a reload, a restart or a laptop that slept through the
 * deadline all give the same answer for the same `now`.
 */
export const WARNING_MS = 2 * 60_000;

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
 * The countdown as people read it: whole seconds, rounded up while time is
 * left (so "0:00" only appears at the deadline) and down in overtime.
 */
export function formatCountdown(remainingMs: number): string {
  const over = remainingMs <= 0;
  const totalSeconds = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const text = `${minutes}:${seconds.toString().padStart(2, '0')}`;
  return over && totalSeconds > 0 ? `+${text}` : text;
}
