/**
 * Reading the day's log for an export or the report: the projection tables
 * and a summary of the operation log, in one read transaction, as plain
 * facts (the core offers them as `Core.exportFacts` and `Core.exportLog`).
 * Read-only: like reads.ts it owns its statements and writes nothing. Which
 * operations a JSON export carries, and which table an operation is made
 * for, come from the registry (each type's `leaves` and `exportRead`).
 *
 * Columns added by later migrations (transfers, sync peers) are read when the
 * database has them, so this works on every schema from 2 on.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SupportKind } from '../../shared/contract.js';
import { hlcParse, hlcToString } from '../../shared/domain/hlc.js';
import { eventZoneOf } from '../../shared/domain/zone.js';
import type { FeedbackCard } from '../../shared/export/log.js';
import type { DeviceFact, ExportFacts } from '../../shared/export/model.js';
import type { OpRow } from './oplog.js';
import { exportTableSql, staysSql } from './registry.js';
import { LAPTOP_NAMES_SQL } from './laptop-names.js';
import {
  entryFact,
  interactionFact,
  interactionFactColumns,
  participationFact,
  type EntryFactRow,
  type InteractionFactRow,
  type ParticipationFactRow,
} from './fact-rows.js';

const list = (text: string | null): string[] => (text ? (JSON.parse(text) as string[]) : []);
const wallOf = (hlc: string): number => Number(hlc.slice(0, 15));

/** An operation that stays on the laptop that made it (a private note, or its drafts): no export carries it. */
const PRIVATE = `(${staysSql()})`;
/**
 * The operations an export carries and counts: all but private notes and
 * feedback cards. The laptops' counts and first and last operation times are
 * read over these alone, so a card that was a laptop's last action is not
 * given away by its second (ARCHITECTURE.md "Feedback cards").
 */
const CARRIED = `NOT ${PRIVATE} AND type <> 'feedback.given'`;
const TABLE_OF = exportTableSql();

export class ExportSource {
  private readonly q;
  private readonly hasTransfers: boolean;

  constructor(private readonly db: Database) {
    const columns = (table: string) =>
      new Set(db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name));
    this.hasTransfers = columns('queue_entries').has('transferred_to');
    const transferCols = this.hasTransfers ? 'transferred_to, transferred_from' : 'NULL AS transferred_to, NULL AS transferred_from';
    // Lists of languages since schema 11 (issue 14); before, a table's one language and none for a walk-in.
    const manyLanguages = columns('coaching_tables').has('languages');
    const tableLanguages = manyLanguages ? 'language, languages' : `language, '[]' AS languages`;
    const entryLanguages = manyLanguages ? 'languages' : `'[]' AS languages`;
    this.q = {
      event: db.prepare<
        [],
        { id: string; name: string; date: string; start_time: string; end_time: string; place: string; end_date: string | null; time_zone: string | null }
      >(
        `SELECT id, name, date, start_time, end_time, place, end_date, time_zone FROM events LIMIT 1`,
      ),
      tables: db.prepare<
        [],
        { id: string; name: string; coaches: string; topics: string; language: string; languages: string; created_at: number; closed_at: number | null }
      >(`SELECT id, name, coaches, topics, ${tableLanguages}, created_at, closed_at FROM coaching_tables ORDER BY created_at, id`),
      entries: db.prepare<[], EntryFactRow>(
        `SELECT id, table_id, ticket, name, topics, ${entryLanguages}, party_size, joined_at, status, status_at, ${transferCols}
         FROM queue_entries ORDER BY table_id, ticket, id`,
      ),
      interactions: db.prepare<
        [],
        InteractionFactRow & {
          n_text: string | null;
          n_about: string | null;
          n_topics: string | null;
          n_support: SupportKind | null;
          n_shared: number | null;
          n_hlc: string | null;
        }
      >(
        // The latest version of each interaction's note (last writer wins by HLC).
        `SELECT ${interactionFactColumns('i.')},
           n.text AS n_text, n.about AS n_about, n.topics AS n_topics, n.support_kind AS n_support,
           n.shared AS n_shared, n.saved_hlc AS n_hlc
         FROM interactions i
         LEFT JOIN notes n ON n.id = (
           SELECT id FROM notes WHERE interaction_id = i.id ORDER BY saved_hlc DESC LIMIT 1)
         ORDER BY i.started_at, i.id`,
      ),
      participants: db.prepare<[], ParticipationFactRow>(
        `SELECT interaction_id, entry_id, joined_at, left_at FROM participants`,
      ),
      feedback: db.prepare<[], { useful: number; wants_mentoring: number; comment: string | null; via: 'laptop' | 'phone'; given_at: number }>(
        `SELECT useful, wants_mentoring, comment, via, given_at FROM feedback ORDER BY given_at, id`,
      ),
      followUps: db.prepare<
        [],
        {
          id: string;
          entry_id: string;
          interaction_id: string | null;
          consent: number;
          contact: string | null;
          note: string;
          recorded_at: number;
        }
      >(`SELECT id, entry_id, interaction_id, consent, contact, note, recorded_at FROM followups ORDER BY recorded_at, id`),
      devices: db.prepare<[], { device_id: string; n: number; first: string; last: string }>(
        `SELECT device_id, count(*) AS n, min(hlc) AS first, max(hlc) AS last FROM ops WHERE ${CARRIED} GROUP BY device_id`,
      ),
      deviceTables: db.prepare<[], { device_id: string; table_id: string }>(
        `SELECT DISTINCT device_id, table_id FROM (
           SELECT device_id, ${TABLE_OF.expression} AS table_id FROM ops
           WHERE ${CARRIED} AND type IN (${TABLE_OF.types.map((t) => `'${t}'`).join(', ')}))
         WHERE table_id IS NOT NULL`,
      ),
      // The one definition of a laptop's name (reads.ts), from the log: never the sync's peer list ("hub").
      laptopNames: db.prepare<[], { device_id: string; name: string }>(LAPTOP_NAMES_SQL),
      opCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ops`),
      carriedCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ops WHERE ${CARRIED}`),
      // Feedback cards leave apart (`cards`): their operation's timestamp, author and place in the log would tie them to a turn.
      log: db.prepare<[], OpRow>(
        `SELECT id, device_id, seq, hlc, type, payload, local_at FROM ops WHERE ${CARRIED}
         ORDER BY hlc, device_id, seq`,
      ),
      cards: db.prepare<
        [],
        { id: string; table_id: string; useful: number; wants_mentoring: number; comment: string | null; via: 'laptop' | 'phone'; given_at: number }
      >(`SELECT id, table_id, useful, wants_mentoring, comment, via, given_at FROM feedback ORDER BY given_at, id`),
    } satisfies Record<string, Statement | null>;
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  hasEvent(): boolean {
    return this.q.event.get() !== undefined;
  }

  operationCount(): number {
    return this.q.opCount.get()?.n ?? 0;
  }

  /** Everything the export and the report need, read in one transaction; null without an event. */
  read(device: { id: string; name: string }, readAt: number): ExportFacts | null {
    return this.db.transaction(() => this.readNow(device, readAt))();
  }

  private readNow(device: { id: string; name: string }, readAt: number): ExportFacts | null {
    const e = this.q.event.get();
    if (!e) return null;
    const names = new Map(this.q.laptopNames.all().map((p) => [p.device_id, p.name]));
    const tablesOf = new Map<string, string[]>();
    for (const r of this.q.deviceTables.all()) {
      const list = tablesOf.get(r.device_id) ?? [];
      list.push(String(r.table_id));
      tablesOf.set(r.device_id, list);
    }
    const devices: DeviceFact[] = this.q.devices.all().map((r) => ({
      deviceId: r.device_id,
      name: r.device_id === device.id ? device.name : (names.get(r.device_id) ?? null),
      operations: r.n,
      firstOpAt: wallOf(r.first),
      lastOpAt: wallOf(r.last),
      tableIds: tablesOf.get(r.device_id) ?? [],
    }));
    return {
      event: {
        id: e.id,
        name: e.name,
        date: e.date,
        startTime: e.start_time,
        endTime: e.end_time,
        place: e.place,
        endDate: e.end_date,
        timeZone: e.time_zone,
      },
      readAt,
      device,
      schemaVersion: this.schemaVersion(),
      // The event's zone; an event made before events had one: this laptop's.
      timeZone: eventZoneOf(e.time_zone),
      tables: this.q.tables.all().map((t) => ({
        id: t.id,
        name: t.name,
        coaches: list(t.coaches),
        topics: list(t.topics),
        languages: list(t.languages).length > 0 ? list(t.languages) : [t.language],
        createdAt: t.created_at,
        closedAt: t.closed_at,
      })),
      // Mapped as the dashboard maps them (fact-rows.ts): one definition of each fact.
      entries: this.q.entries.all().map(entryFact),
      interactions: this.q.interactions.all().map((r) =>
        interactionFact(
          r,
          // A private note is in no export: not its text, not its tags (only its own laptop's encrypted backup holds it).
          r.n_hlc === null || r.n_shared !== 1
            ? null
            : {
                text: r.n_text ?? '',
                about: list(r.n_about),
                topics: list(r.n_topics),
                supportKind: r.n_support,
                shared: r.n_shared === 1,
                // The timestamp's node is the laptop that committed that version.
                ownDevice: hlcParse(r.n_hlc).node === device.id,
              },
        ),
      ),
      participations: this.q.participants.all().map(participationFact),
      feedback: this.q.feedback.all().map((f) => ({
        useful: f.useful,
        wantsMentoring: f.wants_mentoring === 1,
        comment: f.comment,
        via: f.via,
        at: f.given_at,
      })),
      followUps: this.q.followUps.all().map((f) => ({
        id: f.id,
        entryId: f.entry_id,
        interactionId: f.interaction_id,
        consent: f.consent === 1,
        contact: f.consent === 1 ? f.contact : null,
        note: f.note,
        recordedAt: f.recorded_at,
      })),
      devices,
      // What the exports carry (no card, no private note): the JSON log lists exactly this many.
      operations: this.q.carriedCount.get()?.n ?? 0,
    };
  }

  /**
   * The log for the JSON export, in order, as stored (payload as its JSON
   * text): every operation but feedback cards (`readCards`) and private notes (any laptop's, this one's too,
   * with every autosaved draft): the same rule as sync (the registry's
   * `leaves`). Read whole, since a statement cannot stay open while commands
   * run between export chunks.
   */
  readLog(): OpRow[] {
    return denseLog(this.q.log.all());
  }

  /**
   * The feedback cards for the JSON export, apart from the log: table, the
   * hour given and the answers; no turn, no token, no operation (whose
   * timestamp and place in the log would say which turn it followed).
   */
  readCards(): FeedbackCard[] {
    return this.q.cards.all().map((c) => ({
      feedbackId: c.id,
      tableId: c.table_id,
      useful: c.useful,
      wantsMentoring: c.wants_mentoring === 1,
      comment: c.comment,
      via: c.via,
      at: c.given_at,
    }));
  }
}

/**
 * The exported log renumbered so that what was left out leaves no trace
 * (ARCHITECTURE.md "Feedback cards"): each laptop's operations get sequence
 * numbers 1, 2, 3… in their order (a card or a private note left a gap right
 * after the turn it followed), and within each millisecond of the hybrid
 * logical clock the counters run 0, 1, 2… in the log's order (a card made in
 * the same millisecond as the next operation bumped its counter). The order
 * of `rows` (by HLC, then laptop, then seq) is kept, so an import replays the
 * same event; renumbering an already renumbered log changes nothing. Ids,
 * payloads, walls and `local_at` are as stored. `rows` must be in that order.
 */
export function denseLog(rows: readonly OpRow[]): OpRow[] {
  const seqs = new Map<string, number[]>();
  for (const r of rows) {
    const list = seqs.get(r.device_id) ?? [];
    list.push(r.seq);
    seqs.set(r.device_id, list);
  }
  const rank = new Map<string, Map<number, number>>();
  for (const [device, list] of seqs) rank.set(device, new Map([...list].sort((a, b) => a - b).map((seq, i) => [seq, i + 1])));
  let wall = -1;
  let counter = 0;
  return rows.map((r) => {
    const h = hlcParse(r.hlc);
    counter = h.wall === wall ? counter + 1 : 0;
    wall = h.wall;
    return { ...r, seq: rank.get(r.device_id)!.get(r.seq)!, hlc: hlcToString({ wall, counter, node: h.node }) };
  });
}

export type { OpRow };
