/**
 * What the Electron preload exposes to the renderer as `window.tableside`:
 * one call function and one push subscription, never the raw ipcRenderer.
 */
import type { Envelope, Push } from './contract.js';

export const IPC_CALL = 'tableside:call';
export const IPC_PUSH = 'tableside:push';

export interface TablesideBridge {
  call(method: string, args: unknown): Promise<Envelope<unknown>>;
  onPush(listener: (push: Push) => void): () => void;
}
