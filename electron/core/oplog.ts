/**
 * The operation log: append, look up, and read back in causal order.
 */
import type { Database } from 'better-sqlite3';
import type { Op } from '../../shared/ops.js';
import { mayLeave, staysSql } from './registry.js';

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

/**
 * How many bytes of operations, as UTF-8 JSON text, the log keeps for
 * sending at most (see bytesSince); past it, the kept text is dropped and
 * read again.
 */
const KEPT_BYTES = 32 * 1024 * 1024;

const COMMA = 0x2c;
const OPEN_BRACKET = Buffer.from('[');
const EMPTY_ARRAY = Buffer.from('[]');
const CLOSE_BRACKET = Buffer.from(']');
const EMPTY = Buffer.alloc(0);

/**
 * One device's operations as sent, for every shareable one with `start` <
 * seq <= `upTo`: their JSON text in UTF-8, each followed by a comma, back to
 * back in `bytes`; the k-th (sequence number `seqs[k]`) is `bytes[offs[k],
 * offs[k + 1])`. Bytes once written are never changed (a slice handed out
 * stays valid when the buffer grows into a new one).
 */
interface KeptRun {
  start: number;
  upTo: number;
  seqs: number[];
  offs: number[];
  bytes: Buffer;
}

/** A device's rows, read or kept: rows `from` to `to` (exclusive) of a run's layout. */
interface RowsView {
  bytes: Buffer;
  offs: readonly number[];
  from: number;
  to: number;
}

/** The rows read from the log, laid out as a run (each followed by a comma). */
function layOut(rows: readonly { seq: number; json: Buffer }[], run: Pick<KeptRun, 'seqs' | 'offs' | 'bytes'>): Buffer {
  let used = run.offs[run.offs.length - 1]!;
  let need = used;
  for (const r of rows) need += r.json.length + 1;
  let bytes = run.bytes;
  if (need > bytes.length) {
    bytes = Buffer.allocUnsafe(Math.max(need, bytes.length * 2, 64 * 1024));
    run.bytes.copy(bytes, 0, 0, used);
  }
  for (const r of rows) {
    used += r.json.copy(bytes, used);
    bytes[used++] = COMMA;
    run.seqs.push(r.seq);
    run.offs.push(used);
  }
  return bytes;
}

/**
 * The logs open on each connection, told when a payload in the log is
 * rewritten (a withdrawn follow-up's contact erased) so no kept text of
 * the operation as it was goes out again.
 */
const rewriteListeners = new WeakMap<Database, Set<() => void>>();

function onPayloadRewritten(db: Database, listener: () => void): void {
  let set = rewriteListeners.get(db);
  if (!set) {
    const listeners = new Set<() => void>();
    db.function('tableside_ops_rewritten', { deterministic: false, varargs: false }, () => {
      for (const l of listeners) l();
      return null;
    });
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS tableside_ops_rewritten AFTER UPDATE OF payload ON main.ops
      BEGIN SELECT tableside_ops_rewritten(); END`);
    rewriteListeners.set(db, listeners);
    set = listeners;
  }
  set.add(listener);
}

/** The first index in ascending `seqs` whose value is at least `seq`. */
function lowerBound(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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
  private readonly countRangeQuery;
  private readonly stayingQuery;
  /** Each device's operations as JSON text, kept for sending again (see bytesSince); none when they cannot be kept. */
  private readonly kept: Map<string, KeptRun> | null;
  private keptBytes = 0;
  /** How many of each device's operations stay on this laptop; a device is dropped when one is appended. */
  private readonly staying = new Map<string, number>();
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
    // Counted from the index alone, for a device none of whose operations stays here.
    this.countRangeQuery = db.prepare<[string, number], number>(`SELECT count(*) FROM ops WHERE device_id = ? AND seq > ?`).pluck();
    this.stayingQuery = db.prepare<[string], number>(`SELECT count(*) FROM ops WHERE device_id = ? AND ${staysSql()}`).pluck();
    // The same operations as JSON text, written by SQLite around the stored payload, in UTF-8 bytes (a BLOB). The
    // payload goes in as stored: it is JSON text already (JSON.stringify, or SQLite's json_set for an erased contact),
    // which json(payload) would only parse and write out again byte for byte (what json_object did, at a third more
    // of the query's cost); the strings are quoted as json_object quotes them (json_quote).
    this.sinceJsonQuery = db
      .prepare<[string, number, number, number], { seq: number; json: Buffer }>(
        `SELECT seq, CAST('{"id":' || json_quote(id) || ',"deviceId":' || json_quote(device_id) || ',"seq":' || seq ||
           ',"hlc":' || json_quote(hlc) || ',"type":' || json_quote(type) || ',"payload":' || payload ||
           ',"localAt":' || ifnull(local_at, 'null') || '}' AS BLOB) AS json
         FROM ops WHERE device_id = ? AND seq > ? AND seq <= ? AND ${shareable} ORDER BY seq LIMIT ?`,
      );
    let kept: Map<string, KeptRun> | null = new Map();
    try {
      onPayloadRewritten(db, () => this.forgetKept());
    } catch {
      // A connection that cannot hold the trigger (read-only storage) rewrites nothing either way; keep nothing to be sure.
      kept = null;
    }
    this.kept = kept;
  }

  /** Drop every operation kept as JSON text (a payload was rewritten, or too much is kept). */
  private forgetKept(): void {
    this.kept?.clear();
    this.keptBytes = 0;
  }

  /** Forget everything kept in memory about the log, after it was emptied (Core.leaveEvent, discardRehearsal). */
  forgetAll(): void {
    this.forgetKept();
    this.staying.clear();
    this.knownVector = null;
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

  /**
   * How many operations missingFor(have) would give, without reading them:
   * from the index alone for a device none of whose operations stays here
   * (on a hub, every other laptop's), row by row for the others.
   */
  countMissing(have: Readonly<Record<string, number>>): number {
    let n = 0;
    for (const [device, seq] of Object.entries(this.vector())) {
      const from = have[device] ?? 0;
      if (seq <= from) continue;
      n += (this.stayingOf(device) === 0 ? this.countRangeQuery.get(device, from) : this.countSinceQuery.get(device, from)) ?? 0;
    }
    return n;
  }

  /** How many of `device`'s operations stay on this laptop; null inside a transaction (it might roll back). */
  private stayingOf(device: string): number | null {
    if (this.db.inTransaction) return null;
    let n = this.staying.get(device);
    if (n === undefined) {
      n = this.stayingQuery.get(device) ?? 0;
      this.staying.set(device, n);
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
    read: (device: string, from: number, want: number) => T[],
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
      const rows = read(device, from, room + 1);
      if (rows.length > room) more = true;
      for (let i = 0; i < Math.min(rows.length, room); i++) out.push(rows[i]!);
    }
    return { rows: out, more };
  }

  /**
   * What missingFor gives, as the JSON array text of the operations as
   * stored, in UTF-8 pieces to be sent one after the other (no parse and
   * re-serialise of each one, and no copy of text kept for sending: see
   * bytesSince). At most `maxBytes` bytes of operations (but always at least
   * one), so long notes cannot make a message too large to be taken; what is
   * cut waits for the next message (`more`), each device's operations still a
   * prefix.
   */
  missingBytes(
    have: Readonly<Record<string, number>>,
    limit: number,
    maxBytes = Infinity,
  ): { parts: Buffer[]; count: number; more: boolean } {
    const parts: Buffer[] = [OPEN_BRACKET];
    let count = 0;
    let bytes = 0;
    let more = false;
    for (const [device, seq] of Object.entries(this.vector())) {
      const from = have[device] ?? 0;
      if (seq <= from) continue;
      const room = limit - count;
      if (room <= 0) {
        more = true;
        break;
      }
      // One more than room, to tell whether more remain.
      const rows = this.bytesSince(device, from, room + 1, seq);
      let to = rows.from;
      const end = Math.min(rows.to, rows.from + room);
      if (rows.to > end) more = true;
      while (to < end) {
        const size = rows.offs[to + 1]! - rows.offs[to]!;
        if (bytes + size > maxBytes && count + (to - rows.from) > 0) {
          more = true;
          break;
        }
        bytes += size;
        to += 1;
      }
      if (to > rows.from) parts.push(rows.bytes.subarray(rows.offs[rows.from], rows.offs[to]));
      count += to - rows.from;
      if (to < end) break;
    }
    if (count === 0) return { parts: [EMPTY_ARRAY], count, more };
    // Every row is followed by a comma: the last one's becomes the closing bracket.
    const last = parts.length - 1;
    parts[last] = parts[last]!.subarray(0, parts[last]!.length - 1);
    parts.push(CLOSE_BRACKET);
    return { parts, count, more };
  }

  /** The same as one JSON text (tests, and the rare paths that send a few). */
  missingJson(
    have: Readonly<Record<string, number>>,
    limit: number,
    maxChars = Infinity,
  ): { json: string; count: number; more: boolean } {
    const { parts, count, more } = this.missingBytes(have, limit, maxChars);
    return { json: Buffer.concat(parts).toString('utf8'), count, more };
  }

  /**
   * Up to `want` operations of `device` after `from`, as JSON text. A hub
   * sends the same operations to every laptop that lacks them, so each is
   * read from the log once and kept as UTF-8 bytes (KEPT_BYTES at most): a
   * device's operations never change once stored, but for a payload
   * rewritten (a withdrawn follow-up's contact erased: then all kept text is
   * dropped). Nothing read inside a transaction is kept (it might roll back).
   */
  private bytesSince(device: string, from: number, want: number, deviceMax: number): RowsView {
    const kept = this.kept?.get(device);
    if (!this.kept || this.db.inTransaction || !kept || from < kept.start) {
      const rows = this.sinceJsonQuery.all(device, from, deviceMax, want);
      const run: KeptRun = { start: from, upTo: 0, seqs: [], offs: [0], bytes: EMPTY };
      run.bytes = layOut(rows, run);
      run.upTo = rows.length < want ? deviceMax : rows[rows.length - 1]!.seq;
      if (this.kept && !this.db.inTransaction) {
        // Start (again) from here: what follows is kept as it is read.
        if (kept) this.drop(device, kept);
        this.keep(device, run);
      }
      return { bytes: run.bytes, offs: run.offs, from: 0, to: run.seqs.length };
    }
    // The kept text from `from` on; read the rest after what is kept, and keep it too.
    let i = lowerBound(kept.seqs, from + 1);
    if (kept.seqs.length - i < want && kept.upTo < deviceMax) {
      const asked = want - (kept.seqs.length - i);
      const rows = this.sinceJsonQuery.all(device, kept.upTo, deviceMax, asked);
      this.drop(device, kept);
      kept.bytes = layOut(rows, kept);
      kept.upTo = rows.length < asked ? deviceMax : rows[rows.length - 1]!.seq;
      this.keep(device, kept);
      i = lowerBound(kept.seqs, from + 1);
    }
    return { bytes: kept.bytes, offs: kept.offs, from: i, to: Math.min(kept.seqs.length, i + want) };
  }

  /** Keep a device's run (all kept text is dropped past KEPT_BYTES; the run stays usable by the caller). */
  private keep(device: string, run: KeptRun): void {
    const size = run.offs[run.offs.length - 1]!;
    if (this.keptBytes + size > KEPT_BYTES) {
      this.forgetKept();
      return;
    }
    this.keptBytes += size;
    this.kept!.set(device, run);
  }

  /** Stop keeping a device's run. */
  private drop(device: string, run: KeptRun): void {
    if (this.kept?.get(device) !== run) return;
    this.kept.delete(device);
    this.keptBytes -= run.offs[run.offs.length - 1]!;
  }

  /** Append; returns false when an operation with this id is already in the log. */
  append(op: Op): boolean {
    this.knownVector = null;
    const localAt = typeof op.localAt === 'number' && Number.isSafeInteger(op.localAt) ? op.localAt : null;
    const added = this.insert.run(op.id, op.deviceId, op.seq, op.hlc, op.type, JSON.stringify(op.payload), localAt).changes > 0;
    if (added) {
      if (!mayLeave(op)) this.staying.delete(op.deviceId);
      // An operation filling a gap in what is kept of its device (a restored log): read it all again.
      const kept = this.kept?.get(op.deviceId);
      if (kept && op.seq > kept.start && op.seq <= kept.upTo) this.drop(op.deviceId, kept);
    }
    return added;
  }

  nextSeq(deviceId: string): number {
    return (this.maxSeq.get(deviceId)?.seq ?? 0) + 1;
  }

  latestHlc(): string | null {
    return this.lastHlc.get()?.hlc ?? null;
  }

  /** How many operations sort after the timestamp text `hlc`, and the latest one's wall (ms); by the hlc index. */
  aheadOf(hlc: string): { count: number; latestAt: number | null } {
    const row = this.db.prepare<[string], { n: number; top: string | null }>(`SELECT count(*) AS n, max(hlc) AS top FROM ops WHERE hlc > ?`).get(hlc);
    return { count: row?.n ?? 0, latestAt: row?.top ? Number(row.top.slice(0, 15)) : null };
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
