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
import { MODE_LABELS, OUTCOME_LABELS } from './format.js';
import type { ExportFacts, ExportFileKind, ExportScope, PrivacyLevel } from './model.js';

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
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export const INTERACTION_COLUMNS = {
  table: col('Table'),
  coaches: col('Coaches'),
  ticket: col('Ticket'),
  participant: col('Participant'),
  partySize: col('Party size', 'int'),
  languagesSpoken: col('Languages spoken'),
  topicsWanted: col('Topics wanted'),
  topicsDiscussed: col('Topics discussed'),
  mode: col('Mode'),
  queuedAt: col('Queued at', 'time'),
  started: col('Started', 'time'),
  ended: col('Ended', 'time'),
  minutesReceived: col('Minutes received', 'minutes'),
  minutesWaited: col('Minutes waited', 'minutes'),
  outcome: col('Outcome'),
  supportKind: col('Support kind'),
  followUp: col('Follow-up requested'),
  consent: col('Follow-up consent'),
  contact: col('Contact'),
  note: col('Note'),
  noteKept: col('Note kept'),
  followUpNote: col('Follow-up note'),
} as const;

type InteractionKey = keyof typeof INTERACTION_COLUMNS;

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

const ticketLabel = (p: Person) => `Ticket ${p.ticket}`;

/** One row per person per interaction, and one for each person never seen by a coach. */
export function interactionSheet(d: Derived, privacy: 'full' | 'anonymised'): Sheet {
  const full = privacy === 'full';
  const keys = full ? FULL_KEYS : ANONYMOUS_KEYS;
  const rows: { at: number; cells: Cell[] }[][] = d.tables.map(() => []);
  const tableIndex = new Map(d.tables.map((t, i) => [t.id, i]));
  for (const p of d.people) {
    // Sent to another table before anyone coached them: their row is at the other table.
    if (p.outcome === 'transferred' && p.attendances.length === 0) continue;
    const base: Partial<Record<InteractionKey, Cell>> = {
      table: p.table.name,
      coaches: list(p.table.coaches),
      ticket: p.ticket,
      participant: full ? (p.entry.name ?? ticketLabel(p)) : ticketLabel(p),
      partySize: p.entry.partySize,
      languagesSpoken: list(p.entry.languages),
      topicsWanted: list(p.entry.topics),
      queuedAt: p.arrivedAt,
      minutesWaited: p.waitedMs === null ? null : minutes(p.waitedMs),
      outcome: OUTCOME_LABELS[p.outcome],
      followUp: yesNo(p.followUp !== null),
      consent: p.followUp ? yesNo(p.followUp.consent) : '',
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
        mode: MODE_LABELS[a.interaction.mode],
        started: a.participation.joinedAt,
        ended: a.participation.leftAt ?? a.interaction.fact.endedAt,
        minutesReceived: minutes(a.receivedMs),
        supportKind: note && tagsUsable(note) ? (note.supportKind ?? '') : '',
        note: showText ? note.text : '',
        noteKept: showText ? 'shared' : '',
      };
      bucket.push({ at: a.participation.joinedAt, cells: keys.map((k) => cells[k] ?? null) });
    }
  }
  return {
    kind: 'interactions',
    title: 'Interactions',
    columns: keys.map((k) => INTERACTION_COLUMNS[k]),
    rows: rows.flatMap((b) => b.sort((x, y) => x.at - y.at).map((r) => r.cells)),
    timeZone: d.facts.timeZone,
  };
}

export const TABLE_COLUMNS: Column[] = [
  col('Table'),
  col('Coaches'),
  col('Languages'),
  col('Entries', 'int'),
  col('People (heads)', 'int'),
  col('Served one-to-one', 'int'),
  col('Served in a group', 'int'),
  col('Plenary only', 'int'),
  col('No-shows', 'int'),
  col('Left before being served', 'int'),
  col('Not reached', 'int'),
  col('Removed', 'int'),
  col('Still at the table', 'int'),
  col('Sent on (counted at the other table)', 'int'),
  col('Interactions', 'int'),
  col('One-to-one', 'int'),
  col('Group', 'int'),
  col('Plenary', 'int'),
  col('Topic focus', 'int'),
  col('Rotation turns', 'int'),
  col('Minutes coached', 'minutes'),
  col('Minutes received', 'minutes'),
  col('Median wait (minutes)', 'minutes'),
  col('Mean wait (minutes)', 'minutes'),
  col('Longest wait (minutes)', 'minutes'),
  col('Follow-ups requested', 'int'),
  col('Follow-ups with consent', 'int'),
];

/** Per-table totals, and a last row for all tables together. */
export function tableSheet(d: Derived): Sheet {
  const totals = (name: string, coaches: string, languages: string, tableId: string | null): Cell[] => {
    const everyone = d.people.filter((p) => tableId === null || p.entry.tableId === tableId);
    const people = everyone.filter(counted);
    const interactions = d.interactions.filter((i) => tableId === null || i.fact.tableId === tableId);
    const outcome = (o: Person['outcome']) => everyone.filter((p) => p.outcome === o).length;
    const { waitsMs: seen, medianWaitMs } = servedFigures(d, tableId);
    const mode = (m: string) => interactions.filter((i) => i.mode === m).length;
    const received = people.reduce((n, p) => n + p.attendances.reduce((k, a) => k + a.receivedMs, 0), 0);
    // Entries: the queue entries counted at this table (a party is one; someone sent on counts at
    // the table they were sent to), so the outcome columns from "Served one-to-one" to "Still at
    // the table" add up to it, and the "All tables" row equals the report's "Queue entries".
    return [
      name,
      coaches,
      languages,
      people.length,
      people.reduce((n, p) => n + p.entry.partySize, 0),
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
    title: 'Tables',
    columns: TABLE_COLUMNS,
    rows: [...d.tables.map((t) => totals(t.name, list(t.coaches), list(t.languages), t.id)), totals('All tables', '', '', null)],
    timeZone: d.facts.timeZone,
  };
}

export const FOLLOW_UP_COLUMNS: Column[] = [
  col('Participant'),
  col('Ticket'),
  col('Table'),
  col('Coaches'),
  col('Contact'),
  col('Follow-up note'),
  col('Topics wanted'),
  col('Topics discussed'),
  col('Met at', 'time'),
  col('Recorded at', 'time'),
];

/** Only people whose latest follow-up has their consent, with what a coach needs to reach them. */
export function followUpSheet(d: Derived): Sheet {
  const rows: Cell[][] = [];
  for (const p of d.people) {
    const f = p.followUp;
    if (!f?.consent) continue;
    const met = p.attendances.find((a) => a.interaction.fact.id === f.interactionId) ?? p.attendances.at(-1);
    const table = met?.interaction.table ?? p.table;
    const discussed = new Set(p.attendances.flatMap((a) => a.topicsDiscussed));
    rows.push([
      p.entry.name ?? ticketLabel(p),
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
  return { kind: 'followups', title: 'Follow-ups', columns: FOLLOW_UP_COLUMNS, rows, timeZone: d.facts.timeZone };
}

export const DEVICE_COLUMNS: Column[] = [
  col('Laptop'),
  col('Name'),
  col('This laptop'),
  col('Operations', 'int'),
  col('First operation', 'time'),
  col('Last operation', 'time'),
  col('Not heard from'),
  col('Tables'),
];

/** Which laptops' operations the export holds. */
export function deviceSheet(scope: ExportScope): Sheet {
  return {
    timeZone: scope.timeZone,
    kind: 'devices',
    title: 'Laptops',
    columns: DEVICE_COLUMNS,
    rows: scope.devices.map((dv) => [
      dv.deviceId,
      dv.name ?? '',
      yesNo(dv.thisLaptop),
      dv.operations,
      dv.firstOpAt,
      dv.lastOpAt,
      yesNo(dv.notHeardFrom),
      list(dv.tables),
    ]),
  };
}

/** After each time column ("Started"), the same instants in UTC ("Started (UTC)"). */
export function withUtcColumns(sheet: Sheet): Sheet {
  const times = sheet.columns.flatMap((c, k) => (c.kind === 'time' ? [k] : []));
  if (times.length === 0) return sheet;
  const columns = sheet.columns.flatMap((c) => (c.kind === 'time' ? [c, col(`${c.header} (UTC)`, 'utc')] : [c]));
  const rows = sheet.rows.map((row) => row.flatMap((v, k) => (sheet.columns[k]?.kind === 'time' ? [v, v] : [v])));
  return { ...sheet, columns, rows };
}

/** The sheets of an export at a privacy level, in the order they are written. */
export function buildSheets(facts: ExportFacts, privacy: PrivacyLevel, scope: ExportScope, derived?: Derived): Sheet[] {
  const d = derived ?? derive(facts);
  const sheets = privacy === 'followups' ? [followUpSheet(d), deviceSheet(scope)] : [interactionSheet(d, privacy), tableSheet(d), deviceSheet(scope)];
  return sheets.map(withUtcColumns);
}
