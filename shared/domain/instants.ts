/**
 * The window every instant must fall in at the gate (issue: bounded
 * timestamps): payload instants (`*At`, deadlines; epoch ms), the wall of a
 * hybrid logical clock timestamp, a feedback card's hour and an export's
 * time. From 2020-01-01 (before Tableside existed) to before 2100-01-01 UTC.
 *
 * A fixed window, not one relative to this laptop's clock: an operation is
 * admitted or refused alike on every laptop whatever their clocks say (a
 * sync never diverges on it), and a rehearsal, whose time may run ahead of
 * the real one, stays inside it. Zod-free, so the renderer may import it.
 */
export const EARLIEST_INSTANT = Date.UTC(2020, 0, 1);
/** Exclusive. */
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);

/** Whether `ms` is an integer instant inside the window. */
export function isSaneInstant(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= EARLIEST_INSTANT && ms < LATEST_INSTANT;
}

/** Whether a hybrid logical clock text's wall (its first 15 digits, epoch ms) is inside the window. */
export function hlcWallIsSane(hlc: string): boolean {
  return isSaneInstant(Number(hlc.slice(0, 15)));
}
