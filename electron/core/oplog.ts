/**
 * The operation log: append, look up, and read back in causal order.
 */
import type { Database } from 'better-sqlite3';
import type { Op } from '../../shared/ops.js';
import { staysSql } from './registry.js';

/** A row of the `ops` table as SQLite returns it. */
export interface OpRow {
  id: string;
  device_id: string;
  seq: number;
  hlc: string;
  type: string;
  payload: string;
  /** The authoring laptop's own clock when it made the operation (null: not kept then). */
  local_at: number | null;
}

export function rowToOp(row: OpRow): Op {
  return {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    hlc: row.hlc,
    type: row.type,
    payload: JSON.parse(row.payload),
    ...(row.local_at === null || row.local_at === undefined ? {} : { localAt: row.local_at }),
  } as Op;
}

/** How many runs of operations (each at most a batch) the log keeps as JSON text. */
const KEPT_RUNS = 32;

export class OpLog {
  private readonly insert;
  private readonly maxSeq;
  private readonly lastHlc;
  private readonly all;
  private readonly count;
  private readonly hasOp;
  private readonly vectorQuery;
  private readonly sinceQuery;
  private readonly sinceAllQuery;
  private readonly sinceJsonQuery;
  private readonly countSinceQuery;
  /** Runs of operations as JSON text, most recently made last (see jsonSince). */
  private readonly runs = new Map<string, { rows: string[]; deviceMax: number; complete: boolean }>();
  /** The version vector, kept until the next append (see vector()). */
  private knownVector: Record<string, number> | null = null;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ops (id, device_id, seq, hlc, type, payload, local_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.maxSeq = db.prepare<[string], { seq: number | null }>(
      `SELECT max(seq) AS seq FROM ops WHERE device_id = ?`,
    );
    this.lastHlc = db.prepare<[], { hlc: string | null }>(`SELECT max(hlc) AS hlc FROM ops`);
    this.all = db.prepare<[], OpRow>(`SELECT * FROM ops ORDER BY hlc, device_id, seq`);
    this.count = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ops`);
    this.hasOp = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM ops WHERE id = ?`);
    this.vectorQuery = db.prepare<[], { device_id: string; seq: number }>(
      `SELECT device_id, max(seq) AS seq FROM ops GROUP BY device_id`,
    );
    // What may not leave this laptop (a note not shared with the organisers)
    // never does: each operation type's `leaves` rule in the registry.
    const shareable = `NOT ${staysSql()}`;
    this.sinceQuery = db.prepare<[string, number, number], OpRow>(
      `SELECT * FROM ops WHERE device_id = ? AND seq > ? AND ${shareable} ORDER BY seq LIMIT ?`,
    );
    this.sinceAllQuery = db.prepare<[string, number], OpRow>(
      `SELECT * FROM ops WHERE device_id = ? AND seq > ? AND ${shareable} ORDER BY seq`,
    );
    this.countSinceQuery = db
      .prepare<[string, number], number>(`SELECT count(*) FROM ops WHERE device_id = ? AND seq > ? AND ${shareable}`)
      .pluck();
    // The same operations as JSON text, written by SQLite from the stored payload.
    this.sinceJsonQuery = db
      .prepare<[string, number, number], string>(
        `SELECT json_object('id', id, 'deviceId', device_id, 'seq', seq, 'hlc', hlc, 'type', type,
           'payload', json(payload), 'localAt', local_at)
         FROM ops WHERE device_id = ? AND seq > ? AND ${shareable} ORDER BY seq LIMIT ?`,
      )
      .pluck();
  }

  has(id: string): boolean {
    return this.hasOp.get(id) !== undefined;
  }

  /**
   * The highest sequence number held from each device. Kept between appends,
   * but never from inside a transaction, which might still roll back.
   */
  vector(): Record<string, number> {
    if (this.knownVector && !this.db.inTransaction) return { ...this.knownVector };
    const out: Record<string, number> = {};
    for (const row of this.vectorQuery.all()) out[row.device_id] = row.seq;
    this.knownVector = this.db.inTransaction ? null : out;
    return { ...out };
  }

  /** How many operations missingFor(have) would give, without reading them. */
  countMissing(have: Readonly<Record<string, number>>): number {
    let n = 0;
    for (const [device, seq] of Object.entries(this.vector())) {
      const from = have[device] ?? 0;
      if (seq > from) n += this.countSinceQuery.get(device, from) ?? 0;
    }
    return n;
  }

  /**
   * The operations a peer with version vector `have` lacks, each device's in
   * ascending order (so the peer's vector stays a prefix), private notes left
   * out, at most `limit` in all.
   */
  missingFor(have: Readonly<Record<string, number>>, limit = Infinity): { ops: Op[]; more: boolean } {
    const { rows, more } = this.gather(have, limit, (device, from, want) =>
      Number.isFinite(want) ? this.sinceQuery.all(device, from, want) : this.sinceAllQuery.all(device, from),
    );
    return { ops: rows.map(rowToOp), more };
  }

  /**
   * Each device's rows a peer with `have` lacks, at most `limit` in all:
   * `read(device, from, want)` reads up to `want` of them after `from`
   * (one more than room, to tell whether more remain).
   */
  private gather<T>(
    have: Readonly<Record<string, number>>,
    limit: number,
    read: (device: string, from: number, want: number, deviceMax: number) => T[],
  ): { rows: T[]; more: boolean } {
    const out: T[] = [];
    let more = false;
    for (const [device, seq] of Object.entries(this.vector())) {
      const from = have[device] ?? 0;
      if (seq <= from) continue;
      const room = limit - out.length;
      if (room <= 0) {
        more = true;
        break;
      }
      const rows = read(device, from, room + 1, seq);
      // Not truncated in place: a kept run (jsonSince) must keep every row it read.
      if (rows.length > room) more = true;
      for (let i = 0; i < Math.min(rows.length, room); i++) out.push(rows[i]!);
    }
    return { rows: out, more };
  }

  /**
   * What missingFor gives, as a JSON array text of the operations as stored,
   * for sending: no parse and re-serialise of each one. At most `maxChars`
   * characters of operations (but always at least one), so long notes
   * cannot make a message too large to be taken; what is cut waits for the
   * next message (`more`), each device's operations still a prefix.
   */
  missingJson(
    have: Readonly<Record<string, number>>,
    limit: number,
    maxChars = Infinity,
  ): { json: string; count: number; more: boolean } {
    const gathered = this.gather(have, limit, (device, from, want, deviceMax) => this.jsonSince(device, from, want, deviceMax));
    let { rows, more } = gathered;
    let chars = 0;
    for (let n = 0; n < rows.length; n++) {
      chars += rows[n]!.length + 1;
      if (chars > maxChars && n > 0) {
        rows = rows.slice(0, n);
        more = true;
        break;
      }
    }
    return { json: `[${rows.join(',')}]`, count: rows.length, more };
  }

  /**
   * Up to `want` operations of `device` after `from`, as JSON text. A hub
   * sends the same runs to every laptop that lacks them, so runs are kept:
   * a device's operations never change once stored, so a kept run answers
   * while it holds `want` rows, or, if it held all there were, while the
   * device has added none since.
   */
  private jsonSince(device: string, from: number, want: number, deviceMax: number): string[] {
    const key = `${device}\u0000${from}`;
    const kept = this.runs.get(key);
    if (kept && (kept.rows.length >= want || (kept.complete && kept.deviceMax === deviceMax))) return kept.rows.slice(0, want);
    const rows = this.sinceJsonQuery.all(device, from, want);
    if (!this.db.inTransaction) {
      this.runs.delete(key);
      this.runs.set(key, { rows, deviceMax, complete: rows.length < want });
      for (const oldest of this.runs.keys()) {
        if (this.runs.size <= KEPT_RUNS) break;
        this.runs.delete(oldest);
      }
    }
    return rows;
  }

  /** Append; returns false when an operation with this id is already in the log. */
  append(op: Op): boolean {
    this.knownVector = null;
    const localAt = typeof op.localAt === 'number' && Number.isSafeInteger(op.localAt) ? op.localAt : null;
    return this.insert.run(op.id, op.deviceId, op.seq, op.hlc, op.type, JSON.stringify(op.payload), localAt).changes > 0;
  }

  nextSeq(deviceId: string): number {
    return (this.maxSeq.get(deviceId)?.seq ?? 0) + 1;
  }

  latestHlc(): string | null {
    return this.lastHlc.get()?.hlc ?? null;
  }

  ordered(): Op[] {
    return this.all.all().map(rowToOp);
  }

  /** Every operation as stored, in causal order, private notes included (this laptop's own backup). */
  rows(): OpRow[] {
    return this.all.all();
  }

  size(): number {
    return this.count.get()?.n ?? 0;
  }
}
