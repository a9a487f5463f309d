/**
 * One transport for the whole renderer, and the wiring of its pushes into the
 * store. Components call `api.call(...)`; they never see IPC or HTTP.
 */
import { useStore } from '../store';
import { chime } from '../lib/chime';
import { triggerShortcut } from '../lib/shortcuts';
import { createTransport, type Transport } from './transport';

export const api: Transport = createTransport();

/** Start listening; resolves once the first snapshot is in the store. */
export function connectStore(): Promise<void> {
  const store = useStore.getState();
  api.onConnection((state) => store.setConnection(state));
  let first = true;
  return new Promise((ready) => {
    const arrived = () => {
      if (!first) return;
      first = false;
      document.documentElement.dataset.tablesideReady = 'true';
      ready();
    };
    api.subscribe((push) => {
      switch (push.type) {
        case 'snapshot':
          useStore.getState().setSnapshot(push.payload);
          arrived();
          break;
        case 'timers':
          useStore.getState().setTimers(push.payload);
          break;
        case 'alert':
          useStore.getState().raiseAlert(push.payload);
          chime(push.payload.kind);
          break;
        case 'shortcut':
          triggerShortcut(push.payload.id);
          break;
      }
    });
    if (api.kind === 'electron') {
      // IPC has no initial push: ask once.
      void api.call('snapshot.get', {}).then((r) => {
        if (r.ok) {
          useStore.getState().setSnapshot(r.value);
          arrived();
        }
      });
    }
  });
}
