import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REHEARSAL_MINUTES, mulberry32, rehearsalDelayMs, rehearsalScript, rehearsalSteps } from '../../shared/domain/rehearsal.js';

describe('the rehearsal script', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(rehearsalScript(7)).toEqual(rehearsalScript(7));
    expect(rehearsalScript(7).arrivals).not.toEqual(rehearsalScript(8).arrivals);
    const r = mulberry32(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('is a WLIC-like session for any seed: eight tables, about eighty walk-ins over 105 minutes, two crowded tables, no-shows and leavers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const s = rehearsalScript(seed);
        expect(s.tables).toHaveLength(8);
        expect(s.arrivals.length).toBeGreaterThanOrEqual(70);
        expect(s.arrivals.length).toBeLessThanOrEqual(90);
        const wrong = s.arrivals.filter(
          (a) =>
            !(a.atMinute >= 0 && a.atMinute < REHEARSAL_MINUTES) ||
            !a.topics.every((topic) => s.tables[a.table]!.topics.includes(topic)) ||
            ![1, 2, 3].includes(a.partySize),
        );
        expect(wrong).toEqual([]);
        const perTable = s.tables.map((_, i) => s.arrivals.filter((a) => a.table === i).length);
        const crowded = s.tables.map((t, i) => (t.crowded ? i : -1)).filter((i) => i >= 0);
        expect(crowded).toHaveLength(2);
        const quietMax = Math.max(...perTable.filter((_, i) => !crowded.includes(i)));
        for (const i of crowded) expect(perTable[i]!).toBeGreaterThan(quietMax);
        const fates = (k: string) => s.arrivals.filter((a) => a.fate.kind === k).length;
        expect(fates('no_show')).toBeGreaterThanOrEqual(2);
        expect(fates('leaves')).toBeGreaterThanOrEqual(2);
        // The first 20 minutes are busier than any later 20.
        const in20 = (from: number) => s.arrivals.filter((a) => a.atMinute >= from && a.atMinute < from + 20).length;
        expect(in20(0)).toBeGreaterThan(in20(40));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('plays as steps in time order, each arrival before its own departure, within the session', () => {
    const s = rehearsalScript(2018);
    const steps = rehearsalSteps(s);
    expect(steps.filter((x) => x.kind === 'arrive')).toHaveLength(s.arrivals.length);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.atMinute).toBeGreaterThanOrEqual(steps[i - 1]!.atMinute);
    const arrivedAt = new Map<number, number>();
    steps.forEach((x, i) => {
      if (x.kind === 'arrive') arrivedAt.set(x.arrival, i);
      else expect(arrivedAt.get(x.arrival)).toBeLessThan(i);
      expect(x.atMinute).toBeLessThan(REHEARSAL_MINUTES);
    });
    // 105 minutes at 20× is 5 minutes 15 seconds of real time.
    expect(rehearsalDelayMs(105, 20)).toBe(315_000);
    expect(rehearsalDelayMs(105, 1)).toBe(6_300_000);
  });
});
