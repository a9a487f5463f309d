/**
 * What changed since the last push, instead of the whole snapshot: the core
 * sends the tables an operation touched (its footprint), and in each only the
 * fields that changed and, in its queue, only the entries that changed
 * (added or changed entries, and the ids of those who left). Everything not
 * named is as it was.
 *
 * The patch is state-based, not a list of operations: applying it to a
 * snapshot that already holds some of these changes (one read a moment
 * later) gives the same result, so a UI that loaded a snapshot just before a
 * push can apply that push safely.
 */
import type { BroadcastView, EventView, QueueEntryView, Snapshot, SyncView, TableView } from './contract.js';

/** The fields of a table other than its id and queue, any of which a patch may replace. */
export type TableFields = Omit<TableView, 'id' | 'queue'>;

export interface TablePatch {
  id: string;
  /** Fields whose value changed, whole. */
  fields: Partial<TableFields>;
  /** Entries added or changed (whole), and the ids of entries that left the queue. */
  queue?: { upsert: QueueEntryView[]; remove: string[] };
}

export interface SnapshotChanges {
  device: Snapshot['device'];
  sync: SyncView;
  /** Present only if it changed. */
  event?: EventView | null;
  broadcasts?: BroadcastView[];
  /** Tables that changed; every other table is as it was. */
  tables: TablePatch[];
}

/**
 * The snapshot with the changes applied. Unchanged tables, entries and fields
 * are the same objects as in `snapshot`. Null if a patch names a table the
 * snapshot does not hold (the caller should read the whole snapshot again).
 */
export function applyChanges(snapshot: Snapshot, changes: SnapshotChanges): Snapshot | null {
  const byId = new Map(changes.tables.map((p) => [p.id, p]));
  if (changes.tables.some((p) => !snapshot.tables.some((t) => t.id === p.id))) return null;
  const tables = byId.size === 0 ? snapshot.tables : snapshot.tables.map((t) => {
    const patch = byId.get(t.id);
    return patch ? applyTablePatch(t, patch) : t;
  });
  return {
    device: sameJson(snapshot.device, changes.device) ? snapshot.device : changes.device,
    event: changes.event !== undefined ? changes.event : snapshot.event,
    tables,
    broadcasts: changes.broadcasts ?? snapshot.broadcasts,
    sync: changes.sync,
  };
}

function applyTablePatch(table: TableView, patch: TablePatch): TableView {
  let queue = table.queue;
  if (patch.queue) {
    const gone = new Set(patch.queue.remove);
    const changed = new Map(patch.queue.upsert.map((e) => [e.id, e]));
    const kept = table.queue.filter((e) => !gone.has(e.id) && !changed.has(e.id));
    queue = [...kept, ...patch.queue.upsert].sort((a, b) => a.position - b.position);
  }
  return { ...table, ...patch.fields, queue };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the core remembers of a table as last pushed, to tell what changed:
 * each field's value and JSON, and each queue entry's object and JSON, by id.
 * A value that is the very same object (or primitive) as last pushed is
 * unchanged without serialising it: the core keeps the parts of a table
 * it did not read again (electron/core/reads.ts), and pushed views are never
 * changed in place.
 */
export interface TableMemo {
  fields: Map<string, Held>;
  entries: Map<string, Held>;
}

interface Held {
  value: unknown;
  json: string;
}

/** Remember a table as pushed. */
export function memoOf(table: TableView): TableMemo {
  const fields = new Map<string, Held>();
  for (const [k, v] of Object.entries(table)) if (k !== 'id' && k !== 'queue') fields.set(k, { value: v, json: JSON.stringify(v) });
  return { fields, entries: new Map(table.queue.map((e) => [e.id, { value: e, json: JSON.stringify(e) }])) };
}

/** Whether `value` differs from what `held` remembers (which is then updated to it). */
function differs(held: Map<string, Held>, key: string, value: unknown): boolean {
  const was = held.get(key);
  if (was !== undefined && Object.is(was.value, value)) return false;
  const json = JSON.stringify(value);
  held.set(key, { value, json });
  return was?.json !== json;
}

/**
 * What changed in `table` since `memo` (which is updated to `table`), or null
 * if nothing did.
 */
export function diffTable(memo: TableMemo, table: TableView): TablePatch | null {
  const fields: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(table)) {
    if (k === 'id' || k === 'queue') continue;
    if (differs(memo.fields, k, v)) {
      fields[k] = v;
      any = true;
    }
  }
  const upsert: QueueEntryView[] = [];
  const present = new Set<string>();
  for (const e of table.queue) {
    present.add(e.id);
    if (differs(memo.entries, e.id, e)) upsert.push(e);
  }
  const remove: string[] = [];
  for (const id of memo.entries.keys()) {
    if (!present.has(id)) {
      remove.push(id);
      memo.entries.delete(id);
    }
  }
  const queueChanged = upsert.length > 0 || remove.length > 0;
  if (!any && !queueChanged) return null;
  return { id: table.id, fields: fields as Partial<TableFields>, ...(queueChanged ? { queue: { upsert, remove } } : {}) };
}
