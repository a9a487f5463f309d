/** Run a call to the core and keep its error (if any) for the form to show. */
import { useCallback, useState } from 'react';
import type { Envelope, RpcError } from '../../../shared/contract';

export function useAction() {
  const [error, setError] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(call: () => Promise<Envelope<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      return result.value;
    } finally {
      setBusy(false);
    }
  }, []);
  const fieldError = useCallback(
    (path: string) => error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message,
    [error],
  );
  return { run, error, busy, fieldError, clearError: () => setError(null) };
}
