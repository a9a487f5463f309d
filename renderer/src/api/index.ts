/**
 * One transport for the whole renderer, and the wiring of its pushes into the
 * store. Components call `api.call(...)`; they never see IPC or HTTP.
 */
import { useStore } from '../store';
import { chime } from '../lib/chime';
import { triggerShortcut } from '../lib/shortcuts';
import { createTransport, type Transport } from './transport';
import { i18n } from '../i18n';

export const api: Transport = translated(createTransport());

const STORAGE_CODES = new Set(['storage_full', 'storage_readonly', 'storage_damaged']);

/**
 * Every error the core or the gate answers with carries a code and
 * parameters; its message is shown in the coach's language (`errors.<code>`)
 * where a translation exists, English otherwise. A storage fault stays on
 * screen (StorageBanner) until a change is saved again.
 */
function translated(transport: Transport): Transport {
  return {
    ...transport,
    async call(name, args) {
      const result = await transport.call(name, args);
      if (result.ok) {
        if (useStore.getState().storageFault && name !== 'snapshot.get') useStore.getState().setStorageFault(null);
        return result;
      }
      const { code, params } = result.error;
      if (STORAGE_CODES.has(code)) {
        useStore.getState().setStorageFault({
          code: code as 'storage_full' | 'storage_readonly' | 'storage_damaged',
          detail: String(params?.detail ?? ''),
        });
      }
      const key = `errors.${code}`;
      if (code === 'rejected' || code === 'bad_request' || !i18n.exists(key)) return result;
      return { ok: false, error: { ...result.error, message: i18n.t(key, { ...params }) } };
    },
  };
}

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
