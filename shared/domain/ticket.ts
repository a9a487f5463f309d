/**
 * The ticket a person is called by: the one definition the table screen, the
 * queue board, the dashboard, the notifications and every export use.
 *
 * A laptop hands out the next number at a table (its highest + 1) and the
 * operation keeps it: that is what the person was told. Two entries at one
 * table can still hold the same number: two laptops added walk-ins to the
 * table while apart (both gave out "Ticket 2"), or the organiser sent someone
 * with ticket 1 to a table that has its own ticket 1. So the shown ticket is
 * the number plus a letter for every holder but the first: among the entries
 * of one table holding one number, ordered by when they joined that table's
 * queue (then by entry id, so every laptop orders them alike), the first
 * keeps "2", the next is "2B", then "2C"… (ARCHITECTURE.md, "Tickets").
 * One person is one holder: someone sent on and put back has two entries at
 * their first table (shared/domain/put-back.ts), both one `person`, so they
 * keep their own number there (no "1B" against themselves).
 * The number a person was told stays in what they are called; the letter only
 * tells apart two people who were told the same, and it is computed from the
 * entries alone, so every laptop holding the same log shows the same tickets.
 */

/** What the suffix rule needs of a queue entry (one table's). */
export interface TicketHolder {
  id: string;
  ticket: number;
  /** When the entry joined this table's queue (a transfer's copy: when it was sent), ms. */
  joinedAt: number;
  /**
   * Who holds it: the first entry of the person's moves (back along every
   * transfer; their own id if they were never moved). Entries of one person
   * are one holder, ordered by its earliest. Absent: the entry's own id.
   */
  person?: string | undefined;
}

/** The mark for the n-th holder (0-based) of one number: '' for the first, then 'B', 'C', … 'Z', then '-27', '-28'… */
export function ticketLetter(n: number): string {
  if (n <= 0) return '';
  return n < 26 ? String.fromCharCode(65 + n) : `-${n + 1}`;
}

/**
 * The suffix of every entry of ONE table, by entry id ('' when the entry is the
 * only or first holder of its number). Pure; O(n log n).
 */
export function ticketSuffixes(entries: readonly TicketHolder[]): Map<string, string> {
  const byNumber = new Map<number, TicketHolder[]>();
  for (const e of entries) {
    const list = byNumber.get(e.ticket);
    if (list) list.push(e);
    else byNumber.set(e.ticket, [e]);
  }
  const out = new Map<string, string>();
  for (const list of byNumber.values()) {
    list.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Holders in the order of each one's earliest entry (the list is sorted, so its first).
    const letterOf = new Map<string, string>();
    for (const e of list) {
      const who = e.person ?? e.id;
      let letter = letterOf.get(who);
      if (letter === undefined) letterOf.set(who, (letter = ticketLetter(letterOf.size)));
      out.set(e.id, letter);
    }
  }
  return out;
}

/**
 * The suffixes of entries of many tables (grouped by `tableId` first), by entry id.
 */
export function ticketSuffixesByTable(entries: readonly (TicketHolder & { tableId: string })[]): Map<string, string> {
  const byTable = new Map<string, TicketHolder[]>();
  for (const e of entries) {
    const list = byTable.get(e.tableId);
    if (list) list.push(e);
    else byTable.set(e.tableId, [e]);
  }
  const out = new Map<string, string>();
  for (const list of byTable.values()) for (const [id, s] of ticketSuffixes(list)) out.set(id, s);
  return out;
}

/**
 * The shown ticket as text ("2", "2B"); `digits` writes the number (the
 * renderer passes its language's digits; exports use plain ASCII digits).
 */
export function ticketText(p: { ticket: number; ticketSuffix: string }, digits: (n: number) => string = String): string {
  return digits(p.ticket) + p.ticketSuffix;
}
