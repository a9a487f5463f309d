/**
 * Window bounds (electron/shell/bounds.ts): a saved position is restored only
 * if the title bar lands on a display attached now; saving is debounced.
 */
import { describe, expect, it } from 'vitest';
import { BoundsSaver, DEFAULT_BOUNDS, parseBounds, visibleBounds, type DisplayLike, type SavedWindowState } from '../../electron/shell/bounds.js';

const laptop: DisplayLike = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
/** The venue's projector, to the right of the laptop. */
const projector: DisplayLike = { workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };
/** A monitor to the left, at negative coordinates. */
const left: DisplayLike = { workArea: { x: -1280, y: 0, width: 1280, height: 1024 } };

describe('visibleBounds', () => {
  it('restores bounds that are on a display', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800 };
    expect(visibleBounds(saved, [laptop])).toEqual(saved);
    expect(visibleBounds({ x: -1200, y: 10, width: 1000, height: 700 }, [laptop, left])).toEqual({
      x: -1200,
      y: 10,
      width: 1000,
      height: 700,
    });
  });

  it('restores a window on the second display while it is attached', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900 };
    expect(visibleBounds(saved, [laptop, projector])).toEqual(saved);
  });

  it('keeps only the size when that display is gone, shrunk to fit the primary one', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000 };
    expect(visibleBounds(saved, [laptop])).toEqual({ width: 1440, height: 875 });
  });

  it('a window mostly off screen still counts if enough of its title bar can be grabbed', () => {
    expect(visibleBounds({ x: 1300, y: 100, width: 800, height: 600 }, [laptop])).toMatchObject({ x: 1300 });
    expect(visibleBounds({ x: 1380, y: 100, width: 800, height: 600 }, [laptop])).not.toHaveProperty('x');
  });

  it('a title bar above the top of the screen cannot be grabbed: not restored there', () => {
    expect(visibleBounds({ x: 100, y: -200, width: 800, height: 600 }, [laptop])).toEqual({ width: 800, height: 600 });
  });

  it('a window larger than its display is shrunk to the display', () => {
    expect(visibleBounds({ x: 0, y: 25, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('falls back to the default size when nothing usable was saved', () => {
    for (const saved of [undefined, null, 'big', {}, { width: 'wide', height: 500 }, { width: 0, height: 500 }, { width: -5, height: 500 }, { width: Number.NaN, height: 500 }]) {
      expect(visibleBounds(saved, [projector])).toEqual(DEFAULT_BOUNDS);
    }
    // ...fitted to a small screen, but not below the window's minimum where the screen allows it.
    expect(visibleBounds(undefined, [{ workArea: { x: 0, y: 0, width: 1024, height: 600 } }])).toEqual({ width: 1024, height: 600 });
  });

  it('a size without a position is kept, and Electron centres the window', () => {
    expect(visibleBounds({ width: 1000, height: 700 }, [laptop])).toEqual({ width: 1000, height: 700 });
  });

  it('no displays reported: the saved bounds as they are', () => {
    expect(visibleBounds({ width: 1000, height: 700 }, [])).toEqual({ width: 1000, height: 700 });
  });
});

describe('parseBounds', () => {
  it('rounds, and drops a half-given position', () => {
    expect(parseBounds({ x: 10.4, y: 20.6, width: 1000.2, height: 700.7 })).toEqual({ x: 10, y: 21, width: 1000, height: 701 });
    expect(parseBounds({ x: 10, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700 });
  });
});

describe('BoundsSaver', () => {
  function setup() {
    const writes: SavedWindowState[] = [];
    const timers = new Map<number, () => void>();
    let nextTimer = 0;
    let state: SavedWindowState = { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false };
    const saver = new BoundsSaver({
      read: () => state,
      write: (s) => void writes.push(s),
      delayMs: 500,
      setTimer: (fn) => {
        timers.set(++nextTimer, fn);
        return nextTimer;
      },
      clearTimer: (h) => void timers.delete(h as number),
    });
    return {
      saver,
      writes,
      timers,
      move: (x: number) => {
        state = { ...state, bounds: { ...state.bounds, x } };
        saver.changed();
      },
      fire: () => {
        for (const [id, fn] of [...timers]) {
          timers.delete(id);
          fn();
        }
      },
    };
  }

  it('a drag (many moves) is one write, with the last position', () => {
    const s = setup();
    for (let x = 1; x <= 50; x++) s.move(x);
    expect(s.writes).toHaveLength(0);
    expect(s.timers.size).toBe(1);
    s.fire();
    expect(s.writes).toEqual([{ bounds: { x: 50, y: 0, width: 800, height: 600 }, maximized: false }]);
  });

  it('closing the window writes at once and cancels the pending write', () => {
    const s = setup();
    s.move(7);
    s.saver.flush();
    expect(s.writes).toHaveLength(1);
    expect(s.timers.size).toBe(0);
  });
});
