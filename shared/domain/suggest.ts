/**
 * Where to send a waiting person: other open tables ranked by how many of
 * the person's topics they offer, whether they work in the same language as
 * the table the person is at, and how long the wait there is likely to be.
 */
export interface TableForSuggestion {
  id: string;
  topics: readonly string[];
  language: string;
  closed: boolean;
  /** People (by party size) waiting, and whether a turn is running. */
  waitingPeople: number;
  busy: boolean;
  turnMinutes: number;
}

export interface Suggestion {
  tableId: string;
  sharedTopics: string[];
  sameLanguage: boolean;
  /** A rough expected wait in minutes, for ranking (the UI shows a range). */
  expectedWaitMinutes: number;
  score: number;
}

export function suggestTables(
  person: { topics: readonly string[] },
  fromTable: { id: string; language: string },
  tables: readonly TableForSuggestion[],
): Suggestion[] {
  const wanted = new Set(person.topics);
  return tables
    .filter((t) => t.id !== fromTable.id && !t.closed)
    .map((t) => {
      const sharedTopics = t.topics.filter((topic) => wanted.has(topic));
      const sameLanguage = t.language === fromTable.language;
      const expectedWaitMinutes = (t.waitingPeople + (t.busy ? 0.5 : 0)) * t.turnMinutes;
      // A shared topic is worth 30 minutes of waiting; a shared language 20.
      const score = sharedTopics.length * 30 + (sameLanguage ? 20 : 0) - expectedWaitMinutes;
      return { tableId: t.id, sharedTopics, sameLanguage, expectedWaitMinutes, score };
    })
    .sort((a, b) => b.score - a.score || a.expectedWaitMinutes - b.expectedWaitMinutes || (a.tableId < b.tableId ? -1 : 1));
}
