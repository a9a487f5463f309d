import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hlcCompare,
  hlcParse,
  hlcReceive,
  hlcTick,
  hlcToString,
  hlcZero,
  type Hlc,
} from '../../shared/domain/hlc.js';
import { PROPERTY, T0 } from './helpers.js';

const HOUR = 3_600_000;
const node = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const wall = fc.integer({ min: 0, max: T0 + 1000 * HOUR });
const hlc: fc.Arbitrary<Hlc> = fc.record({
  wall,
  counter: fc.integer({ min: 0, max: 36 ** 6 - 1 }),
  node,
});
/** Physical clock readings that jump back and forth by up to a day. */
const readings = fc.array(fc.integer({ min: -24 * HOUR, max: 24 * HOUR }), { minLength: 1, maxLength: 60 });

const sign = (n: number) => Math.sign(n);

describe('hybrid logical clock', () => {
  it('ticks strictly forward even when the physical clock goes backwards', () => {
    fc.assert(
      fc.property(node, readings, (n, steps) => {
        let physical = T0;
        let prev = hlcZero(n);
        for (const step of steps) {
          physical = Math.max(0, physical + step);
          const next = hlcTick(prev, physical);
          expect(hlcCompare(next, prev)).toBe(1);
          expect(next.wall).toBeGreaterThanOrEqual(physical);
          expect(hlcToString(next) > hlcToString(prev)).toBe(true);
          prev = next;
        }
      }),
      PROPERTY,
    );
  });

  it('borrows the next millisecond when the counter would overflow', () => {
    const full: Hlc = { wall: T0, counter: 36 ** 6 - 1, node: 'a' };
    const next = hlcTick(full, T0 - 5);
    expect(next).toEqual({ wall: T0 + 1, counter: 0, node: 'a' });
    expect(hlcToString(next) > hlcToString(full)).toBe(true);
  });

  it('a received timestamp yields one greater than both local and remote', () => {
    fc.assert(
      fc.property(hlc, hlc, wall, (local, remote, physical) => {
        const merged = hlcReceive(local, remote, physical);
        expect(hlcCompare(merged, local)).toBe(1);
        expect(hlcCompare(merged, remote)).toBe(1);
        expect(merged.node).toBe(local.node);
        expect(merged.wall).toBeGreaterThanOrEqual(physical);
      }),
      PROPERTY,
    );
  });

  it('sorts as strings in the same order as hlcCompare', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const sa = hlcToString(a);
        const sb = hlcToString(b);
        const byString = sa < sb ? -1 : sa > sb ? 1 : 0;
        expect(byString).toBe(sign(hlcCompare(a, b)));
      }),
      PROPERTY,
    );
    fc.assert(
      fc.property(fc.array(hlc, { maxLength: 30 }), (list) => {
        const byCompare = [...list].sort(hlcCompare).map(hlcToString);
        const byString = list.map(hlcToString).sort();
        expect(byString).toEqual(byCompare);
      }),
      PROPERTY,
    );
  });

  it('round-trips through its string form', () => {
    fc.assert(
      fc.property(hlc, (h) => {
        expect(hlcParse(hlcToString(h))).toEqual(h);
      }),
      PROPERTY,
    );
    expect(() => hlcParse('not a timestamp')).toThrow(/Not a hybrid logical clock timestamp/);
    expect(() => hlcParse('000000000000001:00000z:')).toThrow();
  });

  it('keeps cause before effect between laptops whose clocks differ by hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -12 * HOUR, max: 12 * HOUR }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        (skew, whoActs) => {
          // Laptop a runs on true time; laptop b is off by `skew`. They pass
          // each event to the other as it happens, so each event causally
          // follows the previous one.
          let now = T0;
          let a = hlcZero('a');
          let b = hlcZero('b');
          const history: Hlc[] = [];
          for (const aActs of whoActs) {
            now += 1000;
            if (aActs) {
              a = hlcTick(a, now);
              b = hlcReceive(b, a, now + skew);
              history.push(a);
            } else {
              b = hlcTick(b, now + skew);
              a = hlcReceive(a, b, now);
              history.push(b);
            }
          }
          for (let i = 1; i < history.length; i++) {
            const prev = history[i - 1] as Hlc;
            const cur = history[i] as Hlc;
            expect(hlcCompare(prev, cur)).toBe(-1);
            expect(hlcToString(prev) < hlcToString(cur)).toBe(true);
          }
        },
      ),
      PROPERTY,
    );
  });
});
