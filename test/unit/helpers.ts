/** Small helpers for unit tests: a core on an in-memory database with a frozen clock and ids. */
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/db.js';
import type { Envelope } from '../../shared/contract.js';

export const T0 = Date.UTC(2026, 7, 26, 9, 45); // 11:45 in Kuala Lumpur is 03:45 UTC; any instant will do.

export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${(++n).toString().padStart(4, '0')}`;
}

export function testCore(options: { clock?: ManualClock; prefix?: string; file?: string } = {}) {
  const clock = options.clock ?? new ManualClock(T0);
  const db = openDatabase(options.file ?? ':memory:');
  const core = new Core({ db, clock, newId: sequentialIds(options.prefix), log: () => {} });
  return { core, clock, db };
}

export function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`Expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/** Every projection table's rows, sorted, for comparing two databases. */
export function dumpTables(db: Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['events', 'topics', 'coaching_tables', 'queue_entries', 'turns', 'notes']) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all();
  }
  return out;
}

export const EVENT = {
  name: 'Drop-in coaching',
  date: '2026-08-26',
  startTime: '11:45',
  endTime: '13:30',
  place: 'Hall 1',
};

export const TABLE = {
  name: 'Table 1',
  coaches: ['Amara Okafor'],
  topics: ['Personal branding'],
  language: 'en',
  turnMinutes: 15,
};
