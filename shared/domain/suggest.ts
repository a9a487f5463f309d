/**
 * Where to send a waiting person: other open tables ranked by how many of
 * the person's topics they offer, whether they work in a language the person
 * speaks (`sharedLanguages` in languages.ts: the languages the walk-in said,
 * else those of the table the person is at), and how long the wait there is likely to be,
 * by THE wait estimate (`tableWaits` in table.ts: rotations, the running
 * turn, one turn per entry whatever the party's size, the session's end). A
 * table where someone joining now would likely not be reached ranks last.
 */
import type { TableView } from '../contract.js';
import { shownWait, tableWaits, type ShownWait } from './table.js';
import { sharedLanguages } from './languages.js';

export interface TableSuggestion {
  tableId: string;
  sharedTopics: string[];
  /** The person's languages this table offers (empty: none), in the person's order. */
  sharedLanguages: string[];
  /** Whether it offers one of them (sharedLanguages is not empty). */
  sameLanguage: boolean;
  /** The wait someone joining that table now can expect, as shown everywhere else. */
  expectedWait: ShownWait;
  /** Minutes until their likely start (for ranking). */
  likelyWaitMinutes: number;
  score: number;
}

/**
 * Other open tables for this person, best first. `person.topics` are what
 * they want, `person.languages` what they speak (absent or empty: not said,
 * then the languages of `from`); `from` is the table they are at (excluded). Pure.
 */
export function suggestTablesFor(
  person: { topics: readonly string[]; languages?: readonly string[] },
  from: { id: string; languages: readonly string[] },
  tables: readonly TableView[],
  now: number,
  sessionEndsAt: number | null,
): TableSuggestion[] {
  const wanted = new Set(person.topics);
  const speaks = person.languages && person.languages.length > 0 ? person.languages : from.languages;
  const out: (TableSuggestion & { reached: boolean })[] = [];
  for (const t of tables) {
    if (t.id === from.id || t.closedAt !== null) continue;
    const newcomer = tableWaits(t, now, sessionEndsAt).newcomer;
    if (!newcomer) continue;
    const sharedTopics = t.topics.filter((topic) => wanted.has(topic));
    const languages = sharedLanguages(speaks, t.languages);
    const sameLanguage = languages.length > 0;
    const likelyWaitMinutes = Math.round((newcomer.likelyStartAt - now) / 60_000);
    // A shared topic is worth 30 minutes of waiting; a shared language 20.
    const score = sharedTopics.length * 30 + (sameLanguage ? 20 : 0) - likelyWaitMinutes;
    out.push({
      tableId: t.id,
      sharedTopics,
      sharedLanguages: languages,
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
 * own topics and languages) whose wait is not 'not_reached'; null if none.
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
