/**
 * Wiring exports into a running core, as both hosts do at start-up (like the
 * sync's startSharing): the handlers of the contract's export methods are
 * registered on the core, and the web host finds the same service for its
 * download route through `exportsOf`.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '../core/core.js';
import { memberPairing } from '../sync/service.js';
import { ExportService } from './service.js';

const attached = new WeakMap<Core, ExportService>();

export interface AttachOptions {
  /** Where exports go; default `exports/` beside the database file. */
  dir?: string;
  log?: (message: string, error?: unknown) => void;
}

/** Register the export methods on `core` (once) and return the service. */
export function attachExports(core: Core, options: AttachOptions = {}): ExportService {
  const existing = attached.get(core);
  if (existing) return existing;
  const service = new ExportService({
    data: core,
    deviceId: core.deviceId,
    deviceName: () => {
      const settings = core.call('settings.get', {});
      return settings.ok ? settings.value.deviceName : '';
    },
    clock: core.clock,
    peers: () => core.syncStatus().peers,
    newId: randomUUID,
    emit: (push) => core.publish(push),
    pairing: {
      current: () => memberPairing(core),
      rejoin: async (pairing) => {
        const joined = await core.dispatchAsync('sync.joinScanned', { pairing });
        if (!joined.ok) throw new Error(joined.error.message);
      },
    },
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  service.sweepPartFiles();
  core.registerService('export', service.handlers());
  attached.set(core, service);
  return service;
}

/** The export service attached to `core`, if any (the web host's download route). */
export function exportsOf(core: Core): ExportService | null {
  return attached.get(core) ?? null;
}
