/** How far another clock is, from round trips (shared/domain/clock-offset.ts): a member and its hub, a browser and its host. */
import { describe, expect, it } from 'vitest';
import { clockOffsetOf } from '../../shared/domain/clock-offset.js';

describe('clockOffsetOf', () => {
  it('takes the quickest round trip, read at its middle', () => {
    // The other clock runs 20 minutes (1,200,000 ms) ahead; its reading is taken `out` ms after the question left.
    const sample = (sentAt: number, out: number, back: number) => ({ sentAt, receivedAt: sentAt + out + back, at: sentAt + out + 1_200_000 });
    // Slow and lopsided (its middle is 190 ms off), the quickest (exact), another slow one.
    expect(clockOffsetOf([sample(1_000_000, 400, 20), sample(1_000_500, 10, 10), sample(1_001_000, 30, 90)])).toBe(1_200_000);
    expect(clockOffsetOf([sample(1_000_000, 400, 20)])).toBe(1_200_190);
  });

  it('keeps nothing from no answer or a sample that cannot be', () => {
    expect(clockOffsetOf([])).toBeNull();
    expect(clockOffsetOf([{ sentAt: 10, receivedAt: 5, at: 7 }, { sentAt: 0, receivedAt: 1, at: Number.NaN }])).toBeNull();
  });
});
