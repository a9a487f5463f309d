import { startTransition, useEffect, useState } from 'react';
import { useStore } from '../store';

/**
 * The time for display only (e.g. "waiting 5 minutes"), refreshed every
 * `everyMs`. The refresh is a transition: React draws it in slices between
 * frames, so a screen with a long queue does not stutter every tick.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  // Floor time: this laptop's clock corrected by the hub's, as every recorded instant is.
  const offset = useStore((s) => s.snapshot?.device.floorOffsetMs ?? 0);
  useEffect(() => {
    const id = setInterval(() => startTransition(() => setNow(Date.now())), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now + offset;
}
