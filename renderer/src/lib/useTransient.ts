import { useCallback, useEffect, useState } from 'react';

/** How long a confirmation ("Ana is in the queue.", "Saved.", "Ana joined the queue.") stays on screen. */
export const CONFIRMATION_MS = 8000;

/**
 * A confirmation that goes by itself: `show(value)` puts it up (again, for
 * the full time, even with the same words), and it clears `ms` later; a
 * later render or snapshot does not cancel that (the timer hangs on the
 * showing, not on the page). Shown in a `role="status"` element, a screen
 * reader still announces it when it appears. `show(null)` takes it down.
 */
export function useTransient<T>(ms: number = CONFIRMATION_MS): [T | null, (value: T | null) => void] {
  const [shown, setShown] = useState<{ value: T; serial: number } | null>(null);
  useEffect(() => {
    if (!shown) return undefined;
    const id = setTimeout(() => setShown((s) => (s === shown ? null : s)), ms);
    return () => clearTimeout(id);
  }, [shown, ms]);
  const show = useCallback((value: T | null) => setShown((s) => (value === null ? null : { value, serial: (s?.serial ?? 0) + 1 })), []);
  return [shown ? shown.value : null, show];
}
