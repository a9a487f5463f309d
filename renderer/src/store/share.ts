/**
 * Structural sharing for what the core pushes: the result equals `next`, but
 * every part equal to the part at the same place in `prev` is `prev`'s own
 * object. A table, a queue entry or a turn that did not change keeps its
 * identity from push to push, so zustand selectors and `memo` skip it.
 *
 * Plain JSON data only (objects, arrays, strings, numbers, booleans, null),
 * which is what the contract's pushes are. Arrays of objects with an `id`
 * are matched by id, so an entry keeps its identity when others are added
 * before it. O(size of `next`).
 */
export function keepUnchanged<T>(prev: unknown, next: T): T {
  return share(prev, next) as T;
}

function share(prev: unknown, next: unknown): unknown {
  if (prev === next) return prev;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(next)) return Array.isArray(prev) ? shareArray(prev, next) : next;
  if (Array.isArray(prev)) return next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const keys = Object.keys(n);
  let same = keys.length === Object.keys(p).length;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = share(p[k], n[k]);
    out[k] = v;
    if (v !== p[k] || !(k in p)) same = false;
  }
  return same ? prev : out;
}

function idOf(x: unknown): unknown {
  return typeof x === 'object' && x !== null && 'id' in x ? (x as { id: unknown }).id : undefined;
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  const byId = new Map<unknown, unknown>();
  for (const x of prev) {
    const id = idOf(x);
    if (id !== undefined) byId.set(id, x);
  }
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const id = idOf(x);
    const v = share(id !== undefined && byId.has(id) ? byId.get(id) : prev[i], x);
    if (v !== prev[i]) same = false;
    return v;
  });
  return same ? prev : out;
}
