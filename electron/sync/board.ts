/**
 * The public queue board: what anyone on the floor may see without the
 * event code. Built from the snapshot by keeping only table-level facts and
 * ticket numbers; the waits come from the one estimate (tableWaits).
 */
import type { Board, BoardTable, Snapshot, TableView } from '../../shared/contract.js';
import { formatRange } from '../../shared/domain/estimate.js';
import { sessionEndsAt, sessionPlanOf } from '../../shared/domain/session.js';
import { NEWCOMER_ID, tableWaits } from '../../shared/domain/table-waits.js';
import { localTimeZone } from '../../shared/domain/zone.js';

/** The number a table goes by on the floor: the number its name ends with, else its place (1-based) in the list. */
export function tableNumber(name: string, position: number): number {
  const m = /(\d{1,4})\s*$/.exec(name);
  return m ? Number(m[1]) : position + 1;
}

/** The board at instant `now` (ms). */
export function boardView(snapshot: Snapshot, now: number): Board {
  // The session's end as the table screen reads it (the event's zone; an event without one in this laptop's).
  const endsAt = sessionEndsAt(sessionPlanOf(snapshot.event, localTimeZone()), now);
  const rows = snapshot.tables.map((t, i) => {
    const state: BoardTable['state'] = t.closedAt !== null ? 'closed' : t.rotation ? 'rotating' : t.currentTurn ? 'in_turn' : 'open';
    const newcomer = state === 'closed' ? undefined : tableWaits(t, now, endsAt, true).find((e) => e.personId === NEWCOMER_ID);
    const range = newcomer ? formatRange(newcomer.lowMs, newcomer.highMs) : null;
    const row: BoardTable = {
      number: tableNumber(t.name, i),
      name: t.name,
      coaches: t.coaches,
      topics: t.topics,
      language: t.language,
      state,
      waiting: t.queue.reduce((n, e) => n + e.partySize, 0),
      servingTickets: servingTickets(t),
      expectedWait: range ? { low: range.lowMinutes, high: range.highMinutes } : null,
      notReached: newcomer?.likelyNotReached ?? false,
      tryTable: null,
    };
    return { row, startsAt: newcomer?.startsLowAt ?? Infinity };
  });
  // Where someone who would not be reached here could go: the open table
  // reached soonest, preferring one in the same language.
  for (const { row } of rows) {
    if (!row.notReached) continue;
    const options = rows
      .filter((o) => o.row !== row && o.row.state !== 'closed' && !o.row.notReached)
      .sort((a, b) => Number(b.row.language === row.language) - Number(a.row.language === row.language) || a.startsAt - b.startsAt);
    row.tryTable = options[0]?.row.number ?? null;
  }
  const languages = [...new Set(snapshot.tables.filter((t) => t.closedAt === null).map((t) => t.language))];
  return { event: snapshot.event?.name ?? null, languages, tables: rows.map((r) => r.row) };
}

function servingTickets(table: TableView): number[] {
  const turn = table.currentTurn;
  if (!turn) return [];
  return turn.participants.filter((p) => p.leftTurnAt === null).map((p) => p.ticket).sort((a, b) => a - b);
}
