/**
 * Every contract method fuzzed from its own zod schema (issue 12): arguments
 * that fit the schema's shape (with ids of real tables, people and turns, so
 * handlers are reached), near misses, and hostile values (huge or non-finite
 * numbers, controls, deep nesting). Sized for CI: seconds, not minutes.
 *
 * For every call: the core answers with an envelope (nothing throws); a
 * refused call changes nothing (op log and tables compared before and
 * after); an accepted one leaves a log whose every operation still passes its
 * schema after a JSON round trip (what a replay and every other laptop read),
 * and a replay of the log gives the same tables.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../shared/contract.js';
import { opSchema } from '../../electron/sync/protocol.js';
import { PROPERTY, dumpTables, seedEvent, testCore } from './helpers.js';

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string }; bag: Record<string, unknown> } };

const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '\u0000', '\uFFFE', '\uD800', 'Carrie\u0300re', '=HYPERLINK("x")\nJo', 'x'.repeat(5000), '__proto__', '2026-02-30'),
);
const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(0, -1, 1.5, 1.7e308, -1.7e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e-300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Values for a schema: mostly fitting its shape, sometimes not at all. */
function arb(schema: AnySchema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  const bag = schema._zod.bag;
  const wrong = fc.oneof(fc.constant(null), fc.constant(undefined), hostileString, hostileNumber, fc.constant([]), fc.constant({}));
  const fitting = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, AnySchema>;
        const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arb(s, ids, depth + 1)]));
        return fc.record(fields, { requiredKeys: [] }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      }
      case 'string': {
        const patterns = bag.patterns as Set<RegExp> | undefined;
        const max = Math.min(Number(bag.maximum ?? 40), 200);
        const min = Number(bag.minimum ?? 0);
        const base = patterns?.size
          ? fc.stringMatching([...patterns][0]!).filter((s) => s.length <= max)
          : fc.oneof(ids, fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 30)) }));
        return base;
      }
      case 'number': {
        const min = Number.isFinite(bag.minimum) ? Number(bag.minimum) : -1e6;
        const max = Number.isFinite(bag.maximum) ? Number(bag.maximum) : 1e6;
        const lo = Math.max(min, -1e9);
        // Instants are bounded to 2020..2099 (shared/domain/instants.ts): their minimum is above 1e12.
        const hi = Math.min(max, Math.max(1e12, lo + 1e12));
        return bag.format === 'safeint' ? fc.integer({ min: lo, max: hi }) : fc.double({ min, max, noNaN: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'array': {
        const max = Math.min(Number(bag.maximum ?? 4), 4);
        const min = Math.min(Number(bag.minimum ?? 0), max);
        return depth > 6 ? fc.constant([]) : fc.array(arb(def.element as AnySchema, ids, depth + 1), { minLength: min, maxLength: max });
      }
      case 'optional':
        return fc.option(arb(def.innerType as AnySchema, ids, depth), { nil: undefined, freq: 3 });
      case 'nullable':
        return fc.option(arb(def.innerType as AnySchema, ids, depth), { nil: null, freq: 3 });
      case 'default':
        return arb(def.innerType as AnySchema, ids, depth);
      case 'pipe':
        return arb(def.in as AnySchema, ids, depth);
      case 'union':
        return fc.oneof(...(def.options as AnySchema[]).map((o) => arb(o, ids, depth)));
      case 'record':
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      default:
        return fc.jsonValue({ maxDepth: 3 });
    }
  })();
  // One value in ten is wrong for its place, one in forty is hostile at any depth.
  return fc.oneof({ weight: 30, arbitrary: fitting }, { weight: 3, arbitrary: wrong }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

/** Methods that reach the network, the disk or the shell are answered by services this core has none of. */
const NAMES = Object.keys(methods) as MethodName[];
const RUNS_PER_METHOD = 60;

describe('fuzzing every contract method from its schema', () => {
  it(`${NAMES.length} methods x ${RUNS_PER_METHOD} calls (plus their sequences): no throw, refusals change nothing, the log stays valid`, () => {
    const { core, clock, db } = testCore();
    const seeded = seedEvent(core, clock);
    const counts = { calls: 0, accepted: 0, refused: 0 };
    const idsNow = () => {
      const s = core.snapshot();
      const all = [
        ...seeded.tables,
        ...seeded.entries,
        ...seeded.turns,
        ...s.tables.flatMap((t) => [t.id, ...t.queue.map((e) => e.id), ...(t.currentTurn ? [t.currentTurn.id] : []), ...(t.rotation ? [t.rotation.id] : [])]),
        ...(s.event ? [s.event.id, ...s.event.topics.map((t) => t.id)] : []),
      ];
      return [...new Set(all)];
    };
    let ids = idsNow();
    const idArb = fc.constantFrom(...ids).chain(() => fc.constantFrom(...ids));
    for (const name of NAMES) {
      const args = arb(methods[name].args as unknown as AnySchema, idArb);
      fc.assert(
        fc.property(args, (a) => {
          counts.calls += 1;
          const opsBefore = core.opCount();
          const tablesBefore = JSON.stringify(dumpTables(db));
          let result;
          try {
            result = core.dispatch(name, a);
          } catch (error) {
            throw new Error(`${name} threw: ${(error as Error).message}`);
          }
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            counts.refused += 1;
            expect(result.error.message.length, `${name}: message too long`).toBeLessThan(2000);
            expect(core.opCount(), `${name} refused but appended`).toBe(opsBefore);
            expect(JSON.stringify(dumpTables(db)), `${name} refused but changed the tables`).toBe(tablesBefore);
            return;
          }
          counts.accepted += 1;
          for (const op of core.ops().slice(-Math.max(1, core.opCount() - opsBefore))) {
            const back = opSchema.safeParse(JSON.parse(JSON.stringify(op)));
            expect(back.success, `${name} stored an operation other laptops would refuse: ${back.success ? '' : back.error.message}`).toBe(true);
          }
          clock.advance(1000);
        }),
        { ...PROPERTY, numRuns: RUNS_PER_METHOD },
      );
      ids = idsNow();
    }
    // The log replays to the same tables.
    const live = JSON.stringify(dumpTables(db));
    core.rebuildFromLog();
    expect(JSON.stringify(dumpTables(db))).toBe(live);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    console.log(`fuzz: ${counts.calls} calls over ${NAMES.length} methods, ${counts.accepted} accepted, ${counts.refused} refused, 0 throws`);
    core.close();
  }, 240_000);
});

describe('numbers at the edge of a double (issue 12, case 2)', () => {
  it('place 1.7e308 twice and 1.75e308, move up: no Infinity is committed, and every operation still syncs', () => {
    const { core, clock } = testCore();
    const { tables } = seedEvent(core, clock);
    const tableId = tables[0]!;
    const queue = () => core.snapshot().tables.find((t) => t.id === tableId)!.queue;
    while (queue().length < 3) {
      const r = core.dispatch('walkin.add', { tableId, name: `W${queue().length}`, topics: [], partySize: 1 });
      expect(r.ok).toBe(true);
    }
    const [a, b, c] = queue();
    // Ranks that extreme can arrive from a laptop running an older version (sync), not from a call.
    const place = (entryId: string, rank: number) => core.database.prepare('UPDATE queue_entries SET rank = ? WHERE id = ?').run(rank, entryId);
    place(a!.id, 1.7e308);
    place(b!.id, 1.7e308);
    place(c!.id, 1.75e308);
    const order = queue().map((e) => e.id);
    const moved = core.dispatch('queue.move', { entryId: c!.id, direction: 'up' });
    // The queue is given fresh ranks and the move is made: finite, in the order asked for.
    expect(moved.ok).toBe(true);
    const after = queue();
    for (const e of after) expect(Number.isFinite(e.rank) && Math.abs(e.rank) <= 1e15).toBe(true);
    const expected = [...order];
    const k = expected.indexOf(c!.id);
    [expected[k - 1], expected[k]] = [expected[k]!, expected[k - 1]!];
    expect(after.map((e) => e.id)).toEqual(expected);
    // Its undo puts it back, on the new scale.
    if (moved.ok) expect(core.dispatch('queue.place', { entryId: c!.id, rank: (moved.value as { previousRank: number }).previousRank }).ok).toBe(true);
    expect(queue().map((e) => e.id)).toEqual(order);
    // A rank no double can hold in JSON, or past the bound, is refused at the contract.
    expect(core.dispatch('queue.place', { entryId: c!.id, rank: 1.7e308 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Every operation in the log is one another laptop accepts, and work goes on.
    for (const op of core.ops()) expect(opSchema.safeParse(JSON.parse(JSON.stringify(op))).success).toBe(true);
    expect(core.dispatch('walkin.add', { tableId, name: 'Later', topics: [], partySize: 1 }).ok).toBe(true);
    core.close();
  });
});
