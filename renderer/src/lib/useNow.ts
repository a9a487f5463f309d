import { startTransition, useEffect, useState } from 'react';
import { useStore } from '../store';
import { useFloorOffset } from './hostClock';
import { rehearsalNow } from '../../../shared/domain/rehearsal';

/**
 * The time for display only (e.g. "waiting 5 minutes"), refreshed every
 * `everyMs`. The refresh is a transition: React draws it in slices between
 * frames, so a screen with a long queue does not stutter every tick. On a
 * rehearsal floor it is rehearsal time, the clock the core stamps with there.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  // Floor time, as every recorded instant is: this screen's clock corrected by its host's, and the host's by the hub's.
  const offset = useFloorOffset();
  const rehearsal = useStore((s) => s.rehearsalClock);
  // A rehearsal at 20× moves twenty times as fast: refresh as often, so a wait is never minutes behind (at most every second).
  const interval = rehearsal && rehearsal.speed > 1 ? Math.max(1000, Math.round(everyMs / rehearsal.speed)) : everyMs;
  useEffect(() => {
    const id = setInterval(() => startTransition(() => setNow(Date.now())), interval);
    return () => clearInterval(id);
  }, [interval]);
  return rehearsal ? rehearsalNow(rehearsal, now + offset) : now + offset;
}
