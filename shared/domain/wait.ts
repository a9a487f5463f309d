/**
 * THE wait (one definition; ARCHITECTURE.md "The wait"): from someone's first
 * arrival on the floor (followed back through transfers) to their first
 * interaction, **a plenary included** (a plenary ends a wait: the coach
 * attends to everyone at once), at the table that counts them or a plenary at
 * a table that sent them there before coaching them. Someone never seen
 * waited until they left the queue; someone still in the queue and unseen is
 * still waiting, and their wait so far runs to now.
 *
 * The export's and the report's `Person.waitedMs` (shared/export/derive.ts),
 * the table screen's "waiting so far" in each queue row, and any other screen
 * that shows a wait read it here, so a plenary ends the figure everywhere at
 * once (before, the queue row kept counting after a plenary while the export
 * had stopped). Plain code, no zod: the renderer's first chunk imports it.
 */

/** What a person's wait reads (epoch ms). */
export interface WaitFacts {
  /** Their first arrival on the floor (back along transfers). */
  arrivedAt: number;
  /**
   * When their first interaction began for them, a plenary included: here, or a
   * plenary at a table that sent them here uncoached; null: none yet.
   */
  firstInteractionAt: number | null;
  /** When they left the queue without any interaction (no-show, left, removed, sent on, not reached); null: still in it. */
  goneAt?: number | null;
}

/** When the wait ended: the first interaction, else leaving the queue unseen; null while it runs. */
export function waitEndAt(w: WaitFacts): number | null {
  return w.firstInteractionAt ?? w.goneAt ?? null;
}

/** Whether the wait ended at an interaction (it is then among a table's waits: median, bands). */
export function waitEndedAtInteraction(w: WaitFacts): boolean {
  return w.firstInteractionAt !== null;
}

/**
 * The wait in ms: to its end, or to `now` while it runs (the live "waiting so
 * far"); never negative (a clock that stepped back reads 0).
 */
export function waitMs(w: WaitFacts, now: number): number {
  return Math.max(0, (waitEndAt(w) ?? now) - w.arrivedAt);
}

/** The wait as whole minutes (rounded), as the screens show it. */
export function waitMinutes(w: WaitFacts, now: number): number {
  return Math.round(waitMs(w, now) / 60_000);
}
