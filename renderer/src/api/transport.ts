/**
 * The renderer's one way to reach the core. In Electron the preload exposes
 * `window.tableside` (IPC); in a browser the same calls go to the web host
 * over HTTP and pushes arrive on a WebSocket that reconnects by itself.
 */
import type { TablesideBridge } from '../../../shared/bridge';
import type {
  Envelope,
  MethodArgs,
  MethodName,
  MethodResult,
  Push,
  TablesideApi,
} from '../../../shared/contract';

declare global {
  interface Window {
    tableside?: TablesideBridge;
  }
}

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface Transport extends TablesideApi {
  readonly kind: 'electron' | 'web';
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

const KEEPALIVE_LIMIT = 60_000;

const unreachable = (message: string): Envelope<never> => ({
  ok: false,
  error: { code: 'internal', message },
});

function electronTransport(bridge: TablesideBridge): Transport {
  return {
    kind: 'electron',
    call: async <K extends MethodName>(name: K, args: MethodArgs<K>) =>
      (await bridge.call(name, args)) as Envelope<MethodResult<K>>,
    subscribe: (listener) => bridge.onPush(listener),
    onConnection: (listener) => {
      listener('online');
      return () => {};
    },
  };
}

function webTransport(location: Location): Transport {
  const listeners = new Set<(push: Push) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const connect = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
      setState('online');
    };
    socket.onmessage = (message) => {
      let push: Push;
      try {
        push = JSON.parse(String(message.data)) as Push;
      } catch {
        return;
      }
      for (const l of listeners) l(push);
    };
    socket.onclose = () => {
      socket = null;
      setState('offline');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 2000);
    };
  };

  return {
    kind: 'web',
    async call<K extends MethodName>(name: K, args: MethodArgs<K>) {
      const body = JSON.stringify({ method: name, args });
      try {
        const response = await fetch('/api/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          // A save sent as the page closes still reaches the host (browsers
          // allow up to 64 KiB of such requests in flight).
          keepalive: new TextEncoder().encode(body).length < KEEPALIVE_LIMIT,
        });
        return (await response.json()) as Envelope<MethodResult<K>>;
      } catch {
        return unreachable('Cannot reach the Tableside host. Is it still running?');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}

export function createTransport(): Transport {
  return window.tableside ? electronTransport(window.tableside) : webTransport(window.location);
}
