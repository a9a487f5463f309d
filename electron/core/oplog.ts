/**
 * The operation log: append, look up, and read back in causal order.
 */
import type { Database } from 'better-sqlite3';
import type { Op } from '../../shared/ops.js';

interface OpRow {
  id: string;
  device_id: string;
  seq: number;
  hlc: string;
  type: string;
  payload: string;
}

export function rowToOp(row: OpRow): Op {
  return {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    hlc: row.hlc,
    type: row.type,
    payload: JSON.parse(row.payload),
  } as Op;
}

export class OpLog {
  private readonly insert;
  private readonly maxSeq;
  private readonly lastHlc;
  private readonly all;
  private readonly count;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ops (id, device_id, seq, hlc, type, payload)
       VALUES (@id, @deviceId, @seq, @hlc, @type, @payload)`,
    );
    this.maxSeq = db.prepare<[string], { seq: number | null }>(
      `SELECT max(seq) AS seq FROM ops WHERE device_id = ?`,
    );
    this.lastHlc = db.prepare<[], { hlc: string | null }>(`SELECT max(hlc) AS hlc FROM ops`);
    this.all = db.prepare<[], OpRow>(`SELECT * FROM ops ORDER BY hlc, device_id, seq`);
    this.count = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ops`);
  }

  /** Append; returns false when an operation with this id is already in the log. */
  append(op: Op): boolean {
    return this.insert.run({ ...op, payload: JSON.stringify(op.payload) }).changes > 0;
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

  size(): number {
    return this.count.get()?.n ?? 0;
  }
}
