/**
 * "Put back" and moving people between tables: the one definition of what
 * the first table shows of someone it sent on and took back, and how often a
 * person may be moved (the table screen, the core's refusals, the board and
 * every export use these).
 *
 * Sending someone on (`entry.transferred`) leaves their entry at the first
 * table as the record ("sent to Table 3") and makes a copy at the other
 * table; "Put back" (`entry.bringBack`) is one more such copy, back at the
 * first table. So a person brought back has two entries at their first table:
 * the one sent on and the one waiting again. The earlier one is **folded into
 * the later**: it is not in the table's "left the queue" list (they are back
 * in its queue), not a row of the exports when they were not coached there
 * before being sent on (`deriveFloor`; a coaching there stays theirs, and
 * counts as the table's), and not a second holder of the person's ticket (they
 * keep their number there: `ticketSuffixes` counts one person once). The log keeps
 * every move, with its time, and the other table still shows them as sent
 * back ("sent to Table 1").
 *
 * Ping-pong (A→B, put back, A→B…) is recorded honestly, each move an
 * operation, and bounded: a person may be moved at most `MAX_MOVES` times
 * (refused after that, `moved_too_often`), so every walk along a person's
 * moves (their arrival, their first table, their current entry; 50 hops at
 * most) stays exact.
 */

/** At most this many moves (sent on, or put back) per person; walks along the moves go 50 hops. */
export const MAX_MOVES = 20;

/** What the fold needs of an entry. */
export interface MovedEntry {
  tableId: string;
  /** The entry it was sent on to (its copy at another table), or null. */
  transferredTo: string | null;
}

/**
 * Whether `entry` was sent on and the person later came back to the same
 * table (a copy further along their moves is at `entry.tableId`): then it is
 * folded into that later copy. `entryById` looks up a copy (undefined: not
 * held, and the walk stops). Pure; at most 50 hops.
 */
export function cameBack(entry: MovedEntry, entryById: (id: string) => MovedEntry | undefined): boolean {
  let next = entry.transferredTo;
  for (let hops = 0; next && hops < 50; hops++) {
    const copy = entryById(next);
    if (!copy) return false;
    if (copy.tableId === entry.tableId) return true;
    next = copy.transferredTo;
  }
  return false;
}
