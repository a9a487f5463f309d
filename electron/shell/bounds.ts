/**
 * The window's size and position, remembered between launches.
 *
 * Saved bounds can be stale: the laptop was plugged into the venue's
 * projector last time, or the file was edited by hand. Restoring them blindly
 * puts the window on a screen that is not there, where the coach cannot find
 * it. So a saved position is used only if the window's title bar would be on
 * a display that exists now; otherwise only the size is kept (shrunk to fit)
 * and Electron centres the window on the primary display.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What BrowserWindow's constructor takes: a size, and a position if known. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  workArea: Rect;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 720, height: 520 };

/** How much of the title bar must be on a display for the window to count as visible. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 16;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Saved bounds as electron-store returns them (anything at all), checked. */
export function parseBounds(saved: unknown): WindowBounds | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const { x, y, width, height } = saved as Record<string, unknown>;
  if (!finite(width) || !finite(height) || width <= 0 || height <= 0) return null;
  if (finite(x) && finite(y)) return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
  return { width: Math.round(width), height: Math.round(height) };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function fit(size: { width: number; height: number }, area: Rect | undefined): { width: number; height: number } {
  if (!area) return { width: size.width, height: size.height };
  return {
    width: Math.max(Math.min(size.width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(size.height, area.height), Math.min(MIN_SIZE.height, area.height)),
  };
}

/**
 * The bounds to open the window with. `displays` are the displays now
 * attached (Electron's screen.getAllDisplays()), the primary first: a window
 * whose saved position is off every display is sized to fit the first.
 */
export function visibleBounds(
  saved: unknown,
  displays: readonly DisplayLike[],
  fallback: WindowBounds = DEFAULT_BOUNDS,
): WindowBounds {
  const primary = displays[0]?.workArea;
  const bounds = parseBounds(saved);
  if (!bounds) return fit(fallback, primary);
  if (bounds.x === undefined || bounds.y === undefined) return fit(bounds, primary);

  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  const home = displays.find((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.width >= MIN_VISIBLE_WIDTH && o.height >= MIN_VISIBLE_HEIGHT;
  });
  if (!home) return fit(bounds, primary);
  return { x: bounds.x, y: bounds.y, ...fit(bounds, home.workArea) };
}

// ---------------------------------------------------------------------------
// Saving: moves and resizes come many times a second while the coach drags;
// electron-store writes a file on every set, so writes are debounced, and
// flushed when the window closes.

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface BoundsSaverOptions {
  read(): SavedWindowState;
  write(state: SavedWindowState): void;
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class BoundsSaver {
  private handle: unknown = null;

  constructor(private readonly options: BoundsSaverOptions) {}

  /** The window moved or was resized: save a little later. */
  changed(): void {
    const { setTimer = (fn, ms) => setTimeout(fn, ms), delayMs = 500 } = this.options;
    this.cancel();
    this.handle = setTimer(() => {
      this.handle = null;
      this.save();
    }, delayMs);
  }

  /** Save now (the window is closing). */
  flush(): void {
    this.cancel();
    this.save();
  }

  private cancel(): void {
    if (this.handle === null) return;
    const clear = this.options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    clear(this.handle);
    this.handle = null;
  }

  private save(): void {
    this.options.write(this.options.read());
  }
}
