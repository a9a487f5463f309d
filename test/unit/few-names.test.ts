/**
 * The table screen's "likely not reached" line names a few people and counts
 * the rest (shared/few.ts `fewOf`, used by renderer/src/lib/people.ts
 * `fewPeople`): with a thousand waiting it once listed ~950 names in a live
 * status line.
 */
import { describe, expect, it } from 'vitest';
import { FEW_NAMES, fewOf } from '../../shared/few.js';

describe('fewOf', () => {
  it('keeps at most FEW_NAMES, in order, and counts the rest', () => {
    const many = Array.from({ length: 950 }, (_, i) => `Person ${i}`);
    expect(fewOf(many)).toEqual({ shown: ['Person 0', 'Person 1', 'Person 2'], hidden: 947 });
    expect(FEW_NAMES).toBe(3);
  });

  it('keeps everyone when there are few, with none hidden', () => {
    expect(fewOf(['Ana', 'Ben'])).toEqual({ shown: ['Ana', 'Ben'], hidden: 0 });
    expect(fewOf([])).toEqual({ shown: [], hidden: 0 });
  });
});
