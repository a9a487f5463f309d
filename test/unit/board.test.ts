import { describe, expect, it } from 'vitest';
import { boardLayout } from '../../renderer/src/lib/boardLayout.js';
import { tableNumber } from '../../electron/sync/board.js';

describe('boardLayout', () => {
  it('fits every table on one page when they fit, and pages the rest', () => {
    for (const n of [1, 2, 5, 12, 13, 40, 200]) {
      for (const [w, h] of [[1888, 960], [358, 640], [1250, 650]] as const) {
        const l = boardLayout(n, w, h);
        expect(l.columns * l.rows).toBeGreaterThanOrEqual(Math.min(n, l.perPage));
        expect(l.pages).toBe(Math.ceil(n / l.perPage));
        expect(l.perPage * l.pages).toBeGreaterThanOrEqual(n);
        expect(w / l.columns).toBeGreaterThanOrEqual(Math.min(w, 420) - 0.001);
        // A phone: one scrolled column of every table, no pages.
        expect(l.scroll).toBe(w < 840);
      }
    }
  });
  it('uses the screen for few tables: two side by side on a wide screen', () => {
    expect(boardLayout(2, 1888, 960)).toMatchObject({ columns: 2, rows: 1, pages: 1 });
    expect(boardLayout(12, 1888, 960)).toMatchObject({ columns: 4, rows: 3, pages: 1 });
  });
});

describe('tableNumber', () => {
  it('reads the number a table name ends with, else its place', () => {
    expect(tableNumber('Table 7', 0)).toBe(7);
    expect(tableNumber('Career corner', 2)).toBe(3);
  });
});
