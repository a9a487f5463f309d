/**
 * Per-laptop settings (not event data): the laptop's name, its language, the
 * tables it runs ("This is my table", `myTables`); window
 * bounds and the last data folder are kept by the Electron shell itself.
 * Electron stores them with electron-store, the web host with conf (the
 * library electron-store is built on), behind this one interface.
 */
import type { Settings } from '../../shared/contract.js';

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  /** Which laptop and event the database at `path` held when last opened (null: never seen). */
  identity?(path: string): DatabaseIdentity | null;
  rememberIdentity?(path: string, identity: DatabaseIdentity): void;
}

/** What a database is, as the settings beside it remember it (electron/core/core.ts compares). */
export interface DatabaseIdentity {
  deviceId: string;
  eventId: string | null;
}

/** Anything with electron-store's / conf's get and set. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export function settingsFrom(store: KeyValueStore, defaultName: string): SettingsStore {
  const get = (): Settings => {
    const name = store.get('deviceName');
    const language = store.get('language');
    const mine = store.get('myTables');
    return {
      deviceName: typeof name === 'string' && name.length > 0 ? name : defaultName,
      language: typeof language === 'string' && language.length > 0 ? language : null,
      myTables: Array.isArray(mine) ? mine.filter((id): id is string => typeof id === 'string') : [],
    };
  };
  const identities = (): Record<string, DatabaseIdentity> => {
    const v = store.get('databases');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, DatabaseIdentity>) : {};
  };
  return {
    get,
    update(patch) {
      if (patch.deviceName !== undefined) store.set('deviceName', patch.deviceName);
      if (patch.language !== undefined) store.set('language', patch.language ?? '');
      if (patch.myTables !== undefined) store.set('myTables', [...new Set(patch.myTables)]);
      return get();
    },
    identity(path) {
      const found = identities()[path];
      return found && typeof found.deviceId === 'string' ? { deviceId: found.deviceId, eventId: found.eventId ?? null } : null;
    },
    rememberIdentity(path, identity) {
      // conf and electron-store take dots in keys as paths: the map is set whole.
      store.set('databases', { ...identities(), [path]: identity });
    },
  };
}

/** In memory, for tests and benchmarks. */
export function memorySettings(defaultName = 'Test laptop'): SettingsStore {
  const map = new Map<string, unknown>();
  return settingsFrom({ get: (k) => map.get(k), set: (k, v) => void map.set(k, v) }, defaultName);
}
