/**
 * Preload (Electron entry file): exposes exactly one object, built from the
 * bridge contract, to the isolated renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_PUSH, type TablesideBridge } from '../shared/bridge.js';
import type { Envelope, Push } from '../shared/contract.js';

const bridge = {
  call: (method: string, args: unknown) =>
    ipcRenderer.invoke(IPC_CALL, method, args) as Promise<Envelope<unknown>>,
  onPush(listener: (push: Push) => void) {
    const handler = (_event: IpcRendererEvent, push: Push) => listener(push);
    ipcRenderer.on(IPC_PUSH, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH, handler);
    };
  },
} satisfies TablesideBridge;

contextBridge.exposeInMainWorld('tableside', bridge);
