/**
 * readOp (electron/sync/protocol.ts) checks an operation's envelope by hand
 * for speed: it must admit exactly what the zod definition (opEnvelope, then
 * a known type, the author's own timestamp, and the type's payload schema)
 * admits, and give the same operation. Compared on real operations (every
 * kind a seeded floor writes) and on hostile mutations of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opEnvelope, readOp, syncRequest } from '../../electron/sync/protocol.js';
import { isOpType, opPayloads, type Op } from '../../shared/ops.js';
import { PROPERTY, seedEvent, testCore } from './helpers.js';

/** The check as zod alone states it (what opSchema was before readOp). */
function reference(value: unknown): Op | null {
  const envelope = opEnvelope.safeParse(value);
  if (!envelope.success) return null;
  const op = envelope.data;
  if (!isOpType(op.type) || !op.hlc.endsWith(`:${op.deviceId}`)) return null;
  const payload = opPayloads[op.type].safeParse(op.payload);
  return payload.success ? ({ ...op, payload: payload.data } as Op) : null;
}

const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    0,
    -0,
    -1,
    1.5,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    '',
    'x'.repeat(64),
    'x'.repeat(65),
    '😀'.repeat(32),
    '😀'.repeat(33),
    '000000000000001:000000:dev',
    // The gate's window for instants (shared/domain/instants.ts): its first and last milliseconds and just outside.
    '001577836800000:000000:dev',
    '001577836799999:000000:dev',
    '004102444799999:000000:dev',
    '004102444800000:000000:dev',
    '013000000000000:000000:dev',
    '00000000000001:000000:dev',
    '000000000000001:00000A:dev',
    '000000000000001:000000:',
    `000000000000001:000000:${'d'.repeat(65)}`,
    '__proto__',
    'walkin.added',
    'no.such.type',
    [],
    {},
    [1],
  ),
  fc.string({ maxLength: 70 }),
  fc.integer(),
  fc.double(),
);

describe('readOp', () => {
  const { core, clock } = testCore();
  seedEvent(core, clock);
  // Walk-ins with and without the languages they speak, for the payload checks below.
  const tableId = core.snapshot().tables[0]!.id;
  for (const languages of [['pt-BR', 'en'], [], undefined]) {
    core.dispatch('walkin.add', { tableId, name: 'Lin', topics: [], partySize: 2, ...(languages ? { languages } : {}) });
  }
  // As another laptop receives them: after a JSON round trip.
  const ops = core.ops().map((op) => JSON.parse(JSON.stringify(op)) as Record<string, unknown>);
  const keys = ['id', 'deviceId', 'seq', 'hlc', 'type', 'payload', 'localAt', 'extra', '__proto__'];

  it('admits every operation a floor writes, as zod does', () => {
    expect(ops.length).toBeGreaterThan(10);
    for (const op of ops) {
      const read = readOp(op);
      expect(read.ok).toBe(true);
      expect(read.ok && read.op).toEqual(reference(op));
    }
  });

  it('admits and refuses exactly what opEnvelope and the payload schemas do', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(hostile, fc.constant('delete' as const))), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (op, changes, ownDevice) => {
          const value: Record<string, unknown> = JSON.parse(JSON.stringify(op));
          for (const [key, change] of changes) {
            if (change === 'delete') delete value[key];
            else Object.defineProperty(value, key, { value: change, enumerable: true, writable: true, configurable: true });
          }
          // Keep the timestamp's device the sender's now and then, so the rest of the checks are reached.
          if (ownDevice && typeof value.deviceId === 'string' && typeof value.hlc === 'string') {
            value.hlc = value.hlc.replace(/:[^:]*$/, `:${value.deviceId}`);
          }
          const expected = reference(value);
          const read = readOp(value);
          expect(read.ok).toBe(expected !== null);
          if (read.ok) expect(read.op).toEqual(expected);
        },
      ),
      { ...PROPERTY, numRuns: 3000 },
    );
  });

  it("takes a walk-in's payload by hand exactly as its schema does: the same operation out, keys in the schema's order", () => {
    const walkins = ops.filter((o) => o.type === 'walkin.added');
    expect(walkins.some((o) => (o.payload as { languages?: string[] }).languages?.length)).toBe(true);
    const fields = ['entryId', 'tableId', 'ticket', 'name', 'topics', 'partySize', 'joinedAt', 'rank', 'languages', 'extra', '__proto__'];
    const lists = fc.oneof(
      fc.constantFrom<unknown>([], ['en'], ['pt-BR', 'en'], [' en'], ['en '], ['e n'], ['x-klingon'], ['EN-gb'], [1], [null], ['en', undefined], 'en'),
      fc.array(fc.oneof(fc.string({ maxLength: 12 }), hostile), { maxLength: 3 }),
    );
    const same = (read: ReturnType<typeof readOp>, expected: Op | null) => {
      expect(read.ok).toBe(expected !== null);
      if (read.ok) {
        expect(read.op).toEqual(expected);
        // Stored as JSON text: the keys' order counts too.
        expect(JSON.stringify(read.op)).toBe(JSON.stringify(expected));
      }
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...walkins),
        fc.array(fc.tuple(fc.constantFrom(...fields), fc.oneof(hostile, lists, fc.constant('delete' as const))), { maxLength: 3 }),
        fc.boolean(),
        (op, changes, reversed) => {
          const value: Record<string, unknown> = JSON.parse(JSON.stringify(op));
          let payload: Record<string, unknown> = { ...(value.payload as Record<string, unknown>) };
          for (const [key, change] of changes) {
            if (change === 'delete') delete payload[key];
            else Object.defineProperty(payload, key, { value: change, enumerable: true, writable: true, configurable: true });
          }
          if (reversed) payload = Object.fromEntries(Object.entries(payload).reverse());
          value.payload = payload;
          same(readOp(value), reference(value));
        },
      ),
      { ...PROPERTY, numRuns: 3000 },
    );
    // Every tricky value in every field, one at a time, each way round.
    const tricky = [
      ...fc.sample(hostile, { numRuns: 60, seed: 17 }),
      [], ['en'], ['pt-BR', 'en'], [' en'], ['en '], ['\ten'], ['e n'], ['x-klingon'], ['EN-gb'], ['en-'], [1], [null], ['en', undefined], 'en',
      'delete', Number.MIN_VALUE, 1577836800000, 1577836799999, 4102444799999, 4102444800000, 1e21, Infinity, NaN, ' ',
    ];
    for (const op of walkins) {
      for (const key of fields) {
        for (const change of tricky) {
          for (const reversed of [false, true]) {
            let payload: Record<string, unknown> = { ...(op.payload as Record<string, unknown>) };
            if (change === 'delete') delete payload[key];
            else Object.defineProperty(payload, key, { value: change, enumerable: true, writable: true, configurable: true });
            if (reversed) payload = Object.fromEntries(Object.entries(payload).reverse());
            same(readOp({ ...op, payload }), reference({ ...op, payload }));
          }
        }
      }
    }
    // Not a plain object: zod decides.
    const first = walkins[0]!;
    for (const payload of [Object.assign(Object.create(null), first.payload), [first.payload], null]) {
      same(readOp({ ...first, payload }), reference({ ...first, payload }));
    }
  });

  it('refuses an instant outside 2020-2099, in the timestamp or in the payload', () => {
    const walkin = ops.find((o) => o.type === 'walkin.added')!;
    const at = (wall: number) => ({ ...walkin, hlc: String(wall).padStart(15, '0') + String(walkin.hlc).slice(15) });
    expect(readOp(at(Date.UTC(2381, 0, 1))).ok).toBe(false);
    expect(readOp(at(Date.UTC(2019, 11, 31))).ok).toBe(false);
    expect(readOp(at(Date.UTC(2026, 0, 1))).ok).toBe(true);
    const joined = (joinedAt: number) => ({ ...walkin, payload: { ...(walkin.payload as object), joinedAt } });
    expect(readOp(joined(Date.UTC(2000, 0, 1))).ok).toBe(false);
    expect(readOp(joined(Date.UTC(2381, 0, 1))).ok).toBe(false);
    expect(readOp(joined(Date.UTC(2099, 11, 31))).ok).toBe(true);
  });

  it('refuses values that are not objects, and a message with one bad operation whole', () => {
    for (const value of [null, 1, 'op', [], [ops[0]]]) expect(readOp(value).ok).toBe(false);
    const good = { have: {}, ops, deviceName: 'x', sentAt: 0 };
    expect(syncRequest.safeParse(good).success).toBe(true);
    const bad = { ...good, ops: [...ops.slice(0, 3), { ...ops[3], seq: 0 }, ...ops.slice(4)] };
    const refused = syncRequest.safeParse(bad);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['ops', 3]);
    expect(syncRequest.safeParse({ ...good, ops: Array.from({ length: 5001 }, () => ops[0]) }).success).toBe(false);
  });
});
