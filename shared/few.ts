/**
 * A line that names people names a few and counts the rest ("Caro, Dev, Eli
 * +947 more"): the table screen's "likely not reached" line once listed ~950
 * names, read out by screen readers on every change. Plain data, no zod (the
 * renderer's first chunk imports it).
 */

/** At most this many names on such a line. */
export const FEW_NAMES = 3;

/** The first `max` items (in their order) and how many are left out (`hidden` >= 0). */
export function fewOf<T>(items: readonly T[], max: number = FEW_NAMES): { shown: T[]; hidden: number } {
  const shown = items.slice(0, Math.max(0, max));
  return { shown, hidden: items.length - shown.length };
}
