/**
 * The export's sheets as typed rows, for every privacy level. The CSV and
 * spreadsheet writers (electron/export/writers.ts) only format what is here,
 * so what a privacy level leaves out is decided in this one place:
 *
 * - full: names, contacts given with consent, follow-up notes, and note text
 *   when the note is shared (a private note is in no export);
 * - anonymised: "Ticket N" for every participant, and no column that could
 *   hold free text typed about a person (note, follow-up note, contact);
 * - followups: only people whose latest follow-up has their consent.
 *
 * Table names, coaches and topic labels are the event's public set-up (they
 * are on the tables' signs) and appear at every level.
 */
import { counted, derive, minutes, servedFigures, tagsUsable, type Derived, type Person } from './derive.js';
import { EXPORT_WORDS, fill, type ExportWords } from './words/index.js';
import { countOf } from '../domain/people.js';
import { carries, type ExportFacts, type ExportFileKind, type ExportScope, type PrivacyLevel } from './model.js';
import { laptopLabel } from './scope.js';

/**
 * - time: an instant (ms since the epoch), read in the sheet's time zone: in
 *   CSV as ISO 8601 with that instant's own offset (`2026-10-25T02:50:00+02:00`),
 *   in the workbook as a date cell holding the wall time there;
 * - utc: the same instant in UTC (`2026-10-25T00:50:00Z`, a date cell in UTC),
 *   beside each time column (withUtcColumns): spreadsheet cells have no zone,
 *   so durations and order across a daylight-saving change come from these.
 */
export type CellKind = 'text' | 'int' | 'minutes' | 'time' | 'utc';
export type Cell = string | number | null;

export interface Column {
  header: string;
  kind: CellKind;
}

export interface Sheet {
  kind: Exclude<ExportFileKind, 'workbook' | 'log'>;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** The IANA zone its `time` columns are read in (the event's). */
  timeZone: string;
}

const col = (header: string, kind: CellKind = 'text'): Column => ({ header, kind });
const list = (values: readonly string[]) => values.join('; ');
const yesNo = (w: ExportWords, b: boolean) => (b ? w.values.yes : w.values.no);
const en = EXPORT_WORDS.en;

/** The interaction sheet's columns, headed in `w`'s language. */
export function interactionColumns(w: ExportWords = en) {
  const c = w.columns;
  return {
    table: col(c.table),
    coaches: col(c.coaches),
    ticket: col(c.ticket),
    participant: col(c.participant),
    partySize: col(c.partySize, 'int'),
    languagesSpoken: col(c.languagesSpoken),
    topicsWanted: col(c.topicsWanted),
    topicsDiscussed: col(c.topicsDiscussed),
    mode: col(c.mode),
    queuedAt: col(c.queuedAt, 'time'),
    started: col(c.started, 'time'),
    ended: col(c.ended, 'time'),
    minutesReceived: col(c.minutesReceived, 'minutes'),
    minutesWaited: col(c.minutesWaited, 'minutes'),
    outcome: col(c.outcome),
    supportKind: col(c.supportKind),
    followUp: col(c.followUp),
    consent: col(c.consent),
    contact: col(c.contact),
    note: col(c.note),
    noteKept: col(c.noteKept),
    followUpNote: col(c.followUpNote),
  } as const;
}

/** The interaction sheet's columns in English. */
export const INTERACTION_COLUMNS = interactionColumns();

type InteractionKey = keyof ReturnType<typeof interactionColumns>;

const ANONYMOUS_KEYS: InteractionKey[] = [
  'table',
  'coaches',
  'ticket',
  'participant',
  'partySize',
  'languagesSpoken',
  'topicsWanted',
  'topicsDiscussed',
  'mode',
  'queuedAt',
  'started',
  'ended',
  'minutesReceived',
  'minutesWaited',
  'outcome',
  'supportKind',
  'followUp',
  'consent',
];
const FULL_KEYS: InteractionKey[] = [...ANONYMOUS_KEYS, 'contact', 'note', 'noteKept', 'followUpNote'];

const ticketLabel = (w: ExportWords, p: Person) => fill(w.values.ticket, { n: p.ticket });

/** One row per person per interaction, and one for each person never seen by a coach. */
export function interactionSheet(d: Derived, privacy: 'full' | 'anonymised', w: ExportWords = en): Sheet {
  const full = carries(privacy, 'names');
  // Each column of typed or given text only where the level carries it (EXPORT_CONTENTS, which the About sheet states).
  const carried: Partial<Record<InteractionKey, boolean>> = {
    contact: carries(privacy, 'contacts'),
    note: carries(privacy, 'sharedNotes'),
    noteKept: carries(privacy, 'sharedNotes'),
    followUpNote: carries(privacy, 'followUpNotes'),
  };
  const keys = FULL_KEYS.filter((k) => carried[k] ?? true);
  const columns = interactionColumns(w);
  const rows: { at: number; cells: Cell[] }[][] = d.tables.map(() => []);
  const tableIndex = new Map(d.tables.map((t, i) => [t.id, i]));
  for (const p of d.people) {
    // Sent to another table before anyone coached them: their row is at the other table.
    if (p.outcome === 'transferred' && p.attendances.length === 0) continue;
    const base: Partial<Record<InteractionKey, Cell>> = {
      table: p.table.name,
      coaches: list(p.table.coaches),
      ticket: p.ticket,
      participant: full ? (p.entry.name ?? ticketLabel(w, p)) : ticketLabel(w, p),
      partySize: p.entry.partySize,
      languagesSpoken: list(p.entry.languages),
      topicsWanted: list(p.entry.topics),
      queuedAt: p.arrivedAt,
      minutesWaited: p.waitedMs === null ? null : minutes(p.waitedMs),
      outcome: w.outcomes[p.outcome],
      followUp: yesNo(w, p.followUp !== null),
      consent: p.followUp ? yesNo(w, p.followUp.consent) : '',
      contact: p.followUp?.consent ? (p.followUp.contact ?? '') : '',
      followUpNote: p.followUp?.note ?? '',
    };
    const bucket = rows[tableIndex.get(p.entry.tableId) ?? 0];
    if (!bucket) continue;
    if (p.attendances.length === 0) {
      bucket.push({ at: p.entry.statusAt, cells: keys.map((k) => base[k] ?? null) });
      continue;
    }
    for (const a of p.attendances) {
      const note = a.note;
      const showText = full && note !== null && tagsUsable(note) && note.text.trim().length > 0;
      const cells: Partial<Record<InteractionKey, Cell>> = {
        ...base,
        topicsDiscussed: list(a.topicsDiscussed),
        mode: w.modes[a.interaction.mode],
        started: a.participation.joinedAt,
        ended: a.participation.leftAt ?? a.interaction.fact.endedAt,
        minutesReceived: minutes(a.receivedMs),
        supportKind: note && tagsUsable(note) ? (note.supportKind ?? '') : '',
        note: showText ? note.text : '',
        noteKept: showText ? w.values.shared : '',
      };
      bucket.push({ at: a.participation.joinedAt, cells: keys.map((k) => cells[k] ?? null) });
    }
  }
  return {
    kind: 'interactions',
    title: w.sheets.interactions,
    columns: keys.map((k) => columns[k]),
    rows: rows.flatMap((b) => b.sort((x, y) => x.at - y.at).map((r) => r.cells)),
    timeZone: d.facts.timeZone,
  };
}

/** The tables sheet's columns, headed in `w`'s language. */
export function tableColumns(w: ExportWords = en): Column[] {
  const c = w.columns;
  return [
    col(c.table),
    col(c.coaches),
    col(c.languages),
    col(c.entries, 'int'),
    col(c.heads, 'int'),
    col(c.servedOne, 'int'),
    col(c.servedGroup, 'int'),
    col(c.plenaryOnly, 'int'),
    col(c.noShows, 'int'),
    col(c.left, 'int'),
    col(c.notReached, 'int'),
    col(c.removed, 'int'),
    col(c.stillAtTable, 'int'),
    col(c.sentOn, 'int'),
    col(c.interactions, 'int'),
    col(c.oneToOne, 'int'),
    col(c.group, 'int'),
    col(c.plenary, 'int'),
    col(c.topicFocus, 'int'),
    col(c.rotationTurns, 'int'),
    col(c.minutesCoached, 'minutes'),
    col(c.minutesReceived, 'minutes'),
    col(c.medianWait, 'minutes'),
    col(c.meanWait, 'minutes'),
    col(c.longestWait, 'minutes'),
    col(c.followUpsRequested, 'int'),
    col(c.followUpsConsent, 'int'),
  ];
}

export const TABLE_COLUMNS: Column[] = tableColumns();

/** Per-table totals, and a last row for all tables together. */
export function tableSheet(d: Derived, w: ExportWords = en): Sheet {
  const totals = (name: string, coaches: string, languages: string, tableId: string | null): Cell[] => {
    const everyone = d.people.filter((p) => tableId === null || p.entry.tableId === tableId);
    const people = everyone.filter(counted);
    const interactions = d.interactions.filter((i) => tableId === null || i.fact.tableId === tableId);
    const outcome = (o: Person['outcome']) => everyone.filter((p) => p.outcome === o).length;
    const { waitsMs: seen, medianWaitMs } = servedFigures(d, tableId);
    const mode = (m: string) => interactions.filter((i) => i.mode === m).length;
    // Minutes received here, by everyone who took part here (also someone sent on after a plenary here).
    const received = everyone.reduce((n, p) => n + p.attendances.reduce((k, a) => k + a.receivedMs, 0), 0);
    // Entries: the queue entries counted at this table (a party is one; someone sent on counts at
    // the table they were sent to), so the outcome columns from "Served one-to-one" to "Still at
    // the table" add up to it, and the "All tables" row equals the report's "Queue entries".
    return [
      name,
      coaches,
      languages,
      countOf(people.map((p) => p.entry)).entries,
      countOf(people.map((p) => p.entry)).heads,
      outcome('served'),
      outcome('served_group'),
      outcome('plenary_only'),
      outcome('no_show'),
      outcome('left'),
      outcome('not_reached'),
      outcome('removed'),
      outcome('waiting') + outcome('away') + outcome('in_turn'),
      outcome('transferred'),
      interactions.length,
      mode('one_to_one'),
      mode('group'),
      mode('plenary'),
      mode('topic_focus'),
      mode('rotation'),
      minutes(interactions.reduce((n, i) => n + i.durationMs, 0)),
      minutes(received),
      medianWaitMs === null ? null : minutes(medianWaitMs),
      seen.length ? minutes(seen.reduce((a, b) => a + b, 0) / seen.length) : null,
      seen.length ? minutes(Math.max(...seen)) : null,
      people.filter((p) => p.followUp).length,
      people.filter((p) => p.followUp?.consent).length,
    ];
  };
  return {
    kind: 'tables',
    title: w.sheets.tables,
    columns: tableColumns(w),
    rows: [...d.tables.map((t) => totals(t.name, list(t.coaches), list(t.languages), t.id)), totals(w.values.allTables, '', '', null)],
    timeZone: d.facts.timeZone,
  };
}

/** The follow-up sheet's columns, headed in `w`'s language. */
export function followUpColumns(w: ExportWords = en): Column[] {
  const c = w.columns;
  return [
    col(c.participant),
    col(c.ticket),
    col(c.table),
    col(c.coaches),
    col(c.contact),
    col(c.followUpNote),
    col(c.topicsWanted),
    col(c.topicsDiscussed),
    col(c.metAt, 'time'),
    col(c.recordedAt, 'time'),
  ];
}

export const FOLLOW_UP_COLUMNS: Column[] = followUpColumns();

/** Only people whose latest follow-up has their consent, with what a coach needs to reach them. */
export function followUpSheet(d: Derived, w: ExportWords = en): Sheet {
  const rows: Cell[][] = [];
  for (const p of d.people) {
    const f = p.followUp;
    if (!f?.consent) continue;
    const met = p.attendances.find((a) => a.interaction.fact.id === f.interactionId) ?? p.attendances.at(-1);
    const table = met?.interaction.table ?? p.table;
    const discussed = new Set(p.attendances.flatMap((a) => a.topicsDiscussed));
    rows.push([
      p.entry.name ?? ticketLabel(w, p),
      p.ticket,
      table.name,
      list(table.coaches),
      f.contact ?? '',
      f.note,
      list(p.entry.topics),
      list([...discussed]),
      met ? met.participation.joinedAt : null,
      f.recordedAt,
    ]);
  }
  return { kind: 'followups', title: w.sheets.followups, columns: followUpColumns(w), rows, timeZone: d.facts.timeZone };
}

/**
 * Participants' feedback comments, where the level carries them (full only):
 * the hour each was given and its words, in the feedback summary's order (by
 * the hour, then the text: not the order the turns ended) — no name, turn,
 * ticket or table, so no row joins a comment to the person who wrote it.
 */
export function commentSheet(d: Derived, w: ExportWords = en): Sheet {
  const cards = (d.facts.feedback ?? []).filter((f) => f.comment);
  const rows: Cell[][] = [...cards]
    .sort((a, b) => a.at - b.at || (a.comment! < b.comment! ? -1 : a.comment! > b.comment! ? 1 : 0))
    .map((f) => [f.at, f.comment!]);
  return { kind: 'comments', title: w.sheets.comments, columns: [col(w.columns.givenAt, 'time'), col(w.columns.comment)], rows, timeZone: d.facts.timeZone };
}

/** The laptops sheet's columns, headed in `w`'s language. */
export function deviceColumns(w: ExportWords = en): Column[] {
  const c = w.columns;
  return [
    col(c.laptop),
    col(c.name),
    col(c.thisLaptop),
    col(c.operations, 'int'),
    col(c.firstOperation, 'time'),
    col(c.lastOperation, 'time'),
    col(c.notHeardFrom),
    col(c.tables),
  ];
}

export const DEVICE_COLUMNS: Column[] = deviceColumns();

/** Which laptops' operations the export holds. */
export function deviceSheet(scope: ExportScope, w: ExportWords = en): Sheet {
  return {
    timeZone: scope.timeZone,
    kind: 'devices',
    title: w.sheets.devices,
    columns: deviceColumns(w),
    rows: scope.devices.map((dv) => [
      dv.deviceId,
      laptopLabel(dv, w),
      yesNo(w, dv.thisLaptop),
      dv.operations,
      dv.firstOpAt,
      dv.lastOpAt,
      yesNo(w, dv.notHeardFrom),
      list(dv.tables),
    ]),
  };
}

/** After each time column ("Started"), the same instants in UTC ("Started (UTC)"). */
export function withUtcColumns(sheet: Sheet, w: ExportWords = en): Sheet {
  const times = sheet.columns.flatMap((c, k) => (c.kind === 'time' ? [k] : []));
  if (times.length === 0) return sheet;
  const columns = sheet.columns.flatMap((c) => (c.kind === 'time' ? [c, col(fill(w.utcColumn, { header: c.header }), 'utc')] : [c]));
  const rows = sheet.rows.map((row) => row.flatMap((v, k) => (sheet.columns[k]?.kind === 'time' ? [v, v] : [v])));
  return { ...sheet, columns, rows };
}

/**
 * The sheets of an export at a privacy level, in the order they are written,
 * with headers, sheet names and value labels in `w`'s language (English by default).
 */
export function buildSheets(facts: ExportFacts, privacy: PrivacyLevel, scope: ExportScope, derived?: Derived, w: ExportWords = en): Sheet[] {
  const d = derived ?? derive(facts);
  const sheets =
    privacy === 'followups' ? [followUpSheet(d, w), deviceSheet(scope, w)] : [interactionSheet(d, privacy, w), tableSheet(d, w), deviceSheet(scope, w)];
  // Comments where the level carries them, once there are any (no empty sheet or file otherwise).
  if (carries(privacy, 'comments')) {
    const comments = commentSheet(d, w);
    if (comments.rows.length > 0) sheets.push(comments);
  }
  return sheets.map((sheet) => withUtcColumns(sheet, w));
}
