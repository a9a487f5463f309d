/**
 * One transport for the whole renderer, and the wiring of its pushes into the
 * store. Components call `api.call(...)`; they never see IPC or HTTP.
 */
import { useStore } from '../store';
import { chime } from '../lib/chime';
import { triggerShortcut } from '../lib/shortcuts';
import { createTransport, type Transport } from './transport';
import type { RpcError } from '../../../shared/contract';
import { i18n } from '../i18n';
import { withSize } from '../lib/format';
import { HOST_CLOCK_EVERY_MS, keepHostClock, measureHostClock } from '../lib/hostClock';

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
      return { ok: false, error: translateError(result.error) };
    },
  };
}

/**
 * An error in the shown language: a refusal by its reason
 * (`errors.rejected.<reason>`), each wrong field by its code
 * (`errors.field.<code>`), anything else by its code (`errors.<code>`), with
 * the error's parameters; the English message stays where no translation is.
 */
export function translateError(error: RpcError): RpcError {
  const { code, params } = error;
  if (code === 'bad_request' && error.issues) {
    const issues = error.issues.map((issue) => {
      const key = `errors.field.${issue.code ?? ''}`;
      return issue.code && i18n.exists(key) ? { ...issue, message: i18n.t(key, { ...issue.params }) } : issue;
    });
    return { ...error, issues, message: issues.map((i) => i.message).join(' ') };
  }
  const reason = code === 'rejected' && typeof params?.reason === 'string' ? params.reason : null;
  const key = reason ? `errors.rejected.${reason}` : `errors.${code}`;
  if (code === 'bad_request' || (code === 'rejected' && !reason) || !i18n.exists(key)) return error;
  return { ...error, message: i18n.t(key, withSize(params)) };
}

/** Start listening; resolves once the first snapshot is in the store. */
export function connectStore(): Promise<void> {
  const store = useStore.getState();
  // A browser follows its host's clock (lib/hostClock.ts): measured on every (re)connection and now and then;
  // an Electron window shares its host's clock.
  const measure = () => void measureHostClock(() => api.call('clock.now', {})).then(keepHostClock);
  if (api.kind === 'web') setInterval(measure, HOST_CLOCK_EVERY_MS);
  api.onConnection((state) => {
    store.setConnection(state);
    if (state === 'online' && api.kind === 'web') measure();
  });
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
        case 'changes':
          // Without a snapshot to apply them to (or naming a table not held yet), read it whole.
          if (!useStore.getState().applyChanges(push.payload)) {
            void api.call('snapshot.get', {}).then((r) => {
              if (r.ok) useStore.getState().setSnapshot(r.value);
            });
          }
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
