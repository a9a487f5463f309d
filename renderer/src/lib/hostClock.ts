/**
 * This screen's clock against its host's. A browser on another device (an
 * organiser's phone on the web host) runs on that device's clock, which may
 * be minutes or hours off the laptop it talks to; every wait and countdown
 * it draws must run on the host's floor time, as the Electron window's do.
 *
 * `measureHostClock` asks the host for its own clock (`clock.now`) a few
 * times and keeps the answer of the quickest round trip, taken as read at
 * the middle of it (the NTP rule: the shortest round trip bounds the error
 * best, to half of it). The result, the host's clock minus this screen's,
 * goes to the store (`hostClockOffsetMs`); `useFloorOffset` adds the host's
 * own floor offset (the snapshot's `device.floorOffsetMs`) to it, so
 * `Date.now() + useFloorOffset()` is floor time on any screen. In Electron
 * the window shares its host's clock, so nothing is measured (0).
 */
import type { Envelope } from '../../../shared/contract';
import { clockOffsetOf, type ClockSample } from '../../../shared/domain/clock-offset';
import { useStore } from '../store';

/** How many round trips one measurement takes (the quickest counts). */
export const HOST_CLOCK_SAMPLES = 3;
/** A new measurement moves the offset only when it differs by more than this (jitter stays out, as for the floor offset). */
export const HOST_CLOCK_STEP_MS = 500;
/** How often a browser measures again while connected (a phone may correct its own clock meanwhile). */
export const HOST_CLOCK_EVERY_MS = 5 * 60_000;

/**
 * The host's clock minus this screen's (ms), from `ask` (one `clock.now`
 * call) and this screen's clock `now`: the quickest of `samples` round trips
 * (shared/domain/clock-offset.ts); null when no answer came.
 */
export async function measureHostClock(
  ask: () => Promise<Envelope<{ at: number }>>,
  now: () => number = Date.now,
  samples = HOST_CLOCK_SAMPLES,
): Promise<number | null> {
  const taken: ClockSample[] = [];
  for (let i = 0; i < samples; i++) {
    const sentAt = now();
    const answer = await ask();
    const receivedAt = now();
    if (answer.ok) taken.push({ sentAt, receivedAt, at: answer.value.at });
  }
  return clockOffsetOf(taken);
}

/** Store a measurement if it moved by more than HOST_CLOCK_STEP_MS. */
export function keepHostClock(offsetMs: number | null): void {
  if (offsetMs === null) return;
  const { hostClockOffsetMs, setHostClockOffset } = useStore.getState();
  if (Math.abs(offsetMs - hostClockOffsetMs) > HOST_CLOCK_STEP_MS) setHostClockOffset(offsetMs);
}

/** Floor time minus this screen's clock (ms): the host's clock against this screen's, plus the host's floor offset. */
export function useFloorOffset(): number {
  return useStore((s) => s.hostClockOffsetMs + (s.snapshot?.device.floorOffsetMs ?? 0));
}
