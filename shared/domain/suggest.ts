/**
 * Where to send a waiting person: other open tables ranked by how many of
 * the person's topics they offer, whether they work in the same language as
 * the table the person is at, and how long the wait there is likely to be,
 * by THE wait estimate (`tableWaits` in table.ts: rotations, the running
 * turn, one turn per entry whatever the party's size, the session's end). A
 * table where someone joining now would likely not be reached ranks last.
 */
import type { TableView } from '../contract.js';
import { shownWait, tableWaits, type ShownWait } from './table.js';

export interface TableSuggestion {
  tableId: string;
  sharedTopics: string[];
  sameLanguage: boolean;
  /** The wait someone joining that table now can expect, as shown everywhere else. */
  expectedWait: ShownWait;
  /** Minutes until their likely start (for ranking). */
  likelyWaitMinutes: number;
  score: number;
}

/**
 * Other open tables for this person, best first. `person.topics` are what
 * they want; `from` is the table they are at (excluded). Pure.
 */
export function suggestTablesFor(
  person: { topics: readonly string[] },
  from: { id: string; language: string },
  tables: readonly TableView[],
  now: number,
  sessionEndsAt: number | null,
): TableSuggestion[] {
  const wanted = new Set(person.topics);
  const out: (TableSuggestion & { reached: boolean })[] = [];
  for (const t of tables) {
    if (t.id === from.id || t.closedAt !== null) continue;
    const newcomer = tableWaits(t, now, sessionEndsAt).newcomer;
    if (!newcomer) continue;
    const sharedTopics = t.topics.filter((topic) => wanted.has(topic));
    const sameLanguage = t.language === from.language;
    const likelyWaitMinutes = Math.round((newcomer.likelyStartAt - now) / 60_000);
    // A shared topic is worth 30 minutes of waiting; a shared language 20.
    const score = sharedTopics.length * 30 + (sameLanguage ? 20 : 0) - likelyWaitMinutes;
    out.push({
      tableId: t.id,
      sharedTopics,
      sameLanguage,
      expectedWait: shownWait(newcomer, now, sessionEndsAt),
      likelyWaitMinutes,
      score,
      reached: !newcomer.likelyNotReached,
    });
  }
  return out
    .sort(
      (a, b) =>
        Number(b.reached) - Number(a.reached) ||
        b.score - a.score ||
        a.likelyWaitMinutes - b.likelyWaitMinutes ||
        (a.tableId < b.tableId ? -1 : 1),
    )
    .map(({ reached: _r, ...s }) => s);
}

/**
 * A table that can take someone joining now before the session ends, for
 * "won't be reached here — try table N": the best suggestion (by the table's
 * own topics and language) whose wait is not 'not_reached'; null if none.
 */
export function tableThatCanTake(
  from: TableView,
  tables: readonly TableView[],
  now: number,
  sessionEndsAt: number | null,
): TableView | null {
  const best = suggestTablesFor({ topics: from.topics }, from, tables, now, sessionEndsAt).find(
    (s) => s.expectedWait.kind === 'range',
  );
  return best ? (tables.find((t) => t.id === best.tableId) ?? null) : null;
}
