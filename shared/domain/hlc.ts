/**
 * Hybrid logical clock (Kulkarni et al., 2014).
 *
 * A timestamp is (wall, counter, node). `wall` follows the physical clock but
 * never goes backwards; `counter` orders events inside one millisecond; `node`
 * (the device id) breaks the last tie. The string form sorts lexicographically
 * in the same order as the tuple, so SQLite can ORDER BY it.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

/**
 * How far ahead of this laptop's (floor) time a received operation's
 * timestamp may be: 26 hours, the widest gap between two time zones (UTC-12
 * to UTC+14), so a laptop whose clock was set in the wrong zone before it
 * first met the hub is never held back. Beyond it an operation is held back
 * (`aheadOfFloor`, Core.applyOps): not stored and not merged into the clock,
 * so one laptop whose clock said 2090 cannot move every laptop's hybrid
 * logical clock decades on (the bound standard HLCs keep; Kulkarni et al.'s
 * epsilon). It is taken once the floor's time comes within the bound of it:
 * admission only ever grows with time, so every laptop ends up holding the
 * same log.
 */
export const MAX_AHEAD_MS = 26 * 3_600_000;

/** Whether the timestamp text `hlc` is more than MAX_AHEAD_MS ahead of `now` (ms). */
export function aheadOfFloor(hlc: string, now: number): boolean {
  return Number(hlc.slice(0, 15)) > now + MAX_AHEAD_MS;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** The largest counter a timestamp can hold. */
export const MAX_HLC_COUNTER = MAX_COUNTER;

export function hlcZero(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

/** The timestamp for a local event happening at physical time `physicalNow`. */
export function hlcTick(prev: Hlc, physicalNow: number): Hlc {
  if (physicalNow > prev.wall) return { wall: physicalNow, counter: 0, node: prev.node };
  return bump(prev.wall, prev.counter, prev.node);
}

/** Merge a remote timestamp into the local clock (on receiving an operation). */
export function hlcReceive(local: Hlc, remote: Hlc, physicalNow: number): Hlc {
  const wall = Math.max(local.wall, remote.wall, physicalNow);
  if (wall === physicalNow && wall > local.wall && wall > remote.wall) {
    return { wall, counter: 0, node: local.node };
  }
  let counter: number;
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter);
  else if (wall === local.wall) counter = local.counter;
  else if (wall === remote.wall) counter = remote.counter;
  else counter = -1;
  return bump(wall, counter, local.node);
}

function bump(wall: number, counter: number, node: string): Hlc {
  // Counter overflow inside one millisecond: borrow the next millisecond.
  if (counter + 1 > MAX_COUNTER) return { wall: wall + 1, counter: 0, node };
  return { wall, counter: counter + 1, node };
}

export function hlcToString(h: Hlc): string {
  return `${h.wall.toString().padStart(WALL_DIGITS, '0')}:${h.counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}:${h.node}`;
}

const HLC_PATTERN = /^(\d{15}):([0-9a-z]{6}):(.+)$/;

export function hlcParse(s: string): Hlc {
  const m = HLC_PATTERN.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`Not a hybrid logical clock timestamp: ${JSON.stringify(s)}`);
  }
  return { wall: Number(m[1]), counter: parseInt(m[2], 36), node: m[3] };
}

export function hlcCompare(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}
