import { useEffect, useState } from 'react';
import { useFloorOffset } from './hostClock';

/**
 * Whether floor time is still within `windowMs` after `at` (null: never);
 * draws again the moment the window closes, so what it shows goes by itself.
 * Read from the instant stored in the snapshot, so a reload inside the window
 * shows the same.
 */
export function useStillWithin(at: number | null, windowMs: number): boolean {
  const offset = useFloorOffset();
  const [openFor, setOpenFor] = useState<number | null>(null);
  useEffect(() => {
    if (at === null) return undefined;
    const ms = at + windowMs - (Date.now() + offset);
    if (ms <= 0) return undefined;
    const show = setTimeout(() => setOpenFor(at), 0);
    const hide = setTimeout(() => setOpenFor((o) => (o === at ? null : o)), ms);
    return () => {
      clearTimeout(show);
      clearTimeout(hide);
    };
  }, [at, windowMs, offset]);
  return at !== null && openFor === at;
}
