/**
 * The public queue board: what anyone on the floor may see without the
 * event code. Built from the snapshot by keeping only table-level facts and
 * ticket numbers; the state, heads and waits come from shared/domain/table.ts.
 */
import type { Board, BoardTable, Snapshot, TableView } from '../../shared/contract.js';
import { tableThatCanTake } from '../../shared/domain/suggest.js';
import { eventSessionEndsAt, runningTurns, shownWait, tableState, tableWaits, waitingHeads } from '../../shared/domain/table.js';

/** The number a table goes by on the floor: the number its name ends with, else its place (1-based) in the list. */
export function tableNumber(name: string, position: number): number {
  const m = /(\d{1,4})\s*$/.exec(name);
  return m ? Number(m[1]) : position + 1;
}

/** The board at instant `now` (ms). */
export function boardView(snapshot: Snapshot, now: number): Board {
  // The session's end, the state, the heads and the wait are the table screen's own (shared/domain/table.ts).
  const endsAt = eventSessionEndsAt(snapshot.event, now);
  const numberOf = new Map(snapshot.tables.map((t, i) => [t.id, tableNumber(t.name, i)]));
  const tables = snapshot.tables.map((t, i): BoardTable => {
    const state = tableState(t);
    const newcomer = state === 'closed' ? null : tableWaits(t, now, endsAt).newcomer;
    const shown = newcomer ? shownWait(newcomer, now, endsAt) : null;
    // Where someone who would not be reached here could go: the send-elsewhere suggestion (suggest.ts)
    // for this table's topics and language, among tables that would reach them.
    const elsewhere = shown?.kind === 'not_reached' ? tableThatCanTake(t, snapshot.tables, now, endsAt) : null;
    return {
      number: tableNumber(t.name, i),
      name: t.name,
      coaches: t.coaches,
      topics: t.topics,
      languages: t.languages,
      state,
      waiting: waitingHeads(t),
      servingTickets: servingTickets(t),
      expectedWait: shown?.kind === 'range' ? { low: shown.lowMinutes, high: shown.highMinutes, untilEnd: shown.untilEnd } : null,
      notReached: shown?.kind === 'not_reached',
      tryTable: elsewhere ? (numberOf.get(elsewhere.id) ?? null) : null,
    };
  });
  const languages = [...new Set(snapshot.tables.filter((t) => t.closedAt === null).flatMap((t) => t.languages))];
  return { event: snapshot.event?.name ?? null, languages, tables, ...(snapshot.event?.rehearsal ? { rehearsal: true } : {}) };
}

function servingTickets(table: TableView): BoardTable['servingTickets'] {
  // Every turn running there (two when laptops apart each started one), each person once.
  const seen = new Set<string>();
  return runningTurns(table)
    .flatMap((turn) => turn.participants)
    .filter((p) => p.leftTurnAt === null && !seen.has(p.id) && Boolean(seen.add(p.id)))
    .map((p) => ({ ticket: p.ticket, ticketSuffix: p.ticketSuffix }))
    .sort((a, b) => a.ticket - b.ticket || (a.ticketSuffix < b.ticketSuffix ? -1 : a.ticketSuffix > b.ticketSuffix ? 1 : 0));
}
