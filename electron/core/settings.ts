/**
 * Per-laptop settings (not event data): the laptop's name for now; window
 * bounds and the last data folder are kept by the Electron shell itself.
 * Electron stores them with electron-store, the web host with conf (the
 * library electron-store is built on), behind this one interface.
 */
import type { Settings } from '../../shared/contract.js';

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Anything with electron-store's / conf's get and set. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export function settingsFrom(store: KeyValueStore, defaultName: string): SettingsStore {
  const get = (): Settings => {
    const name = store.get('deviceName');
    return { deviceName: typeof name === 'string' && name.length > 0 ? name : defaultName };
  };
  return {
    get,
    update(patch) {
      if (patch.deviceName !== undefined) store.set('deviceName', patch.deviceName);
      return get();
    },
  };
}

/** In memory, for tests and benchmarks. */
export function memorySettings(defaultName = 'Test laptop'): SettingsStore {
  const map = new Map<string, unknown>();
  return settingsFrom({ get: (k) => map.get(k), set: (k, v) => void map.set(k, v) }, defaultName);
}
