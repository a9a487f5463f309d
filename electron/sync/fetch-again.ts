/**
 * A GET by the built-in fetch, tried once more on a new connection when the
 * one it used turns out closed by the other side. fetch keeps connections to
 * a laptop open for reuse; if that laptop restarted meanwhile, the first
 * request on the pooled socket can fail at once ("other side closed",
 * UND_ERR_SOCKET; or a reset), though the laptop answers a new connection.
 * Without this, one /hello check would take a running hub for gone.
 */

/** Error codes (the error's `cause.code`) of a connection the other side closed or reset: worth one more try. */
const CLOSED_BY_OTHER_SIDE = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * GET `url`, each try within `timeoutMs`; a try that fails because the other
 * side closed the connection is made once more (a failed pooled socket is
 * dropped, so the second uses a new one). Throws what fetch throws otherwise
 * (a timeout, refused, no route) and the second try's error.
 */
export async function fetchAgainIfClosed(url: URL | string, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (!closedByOtherSide(error)) throw error;
    return fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  }
}

/** Whether `error` (fetch's TypeError, its cause) says the other side closed or reset the connection. */
export function closedByOtherSide(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' && CLOSED_BY_OTHER_SIDE.has(code);
}
