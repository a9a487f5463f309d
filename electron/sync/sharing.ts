/**
 * Sharing, as both hosts start it: the sync service, the hub's listener when
 * this laptop is the hub, the member's sync loop, mDNS, and the handlers of
 * the contract's sync methods (those whose `service` is 'sync') registered on
 * the core.
 */
import type { Clock } from '../core/clock.js';
import type { Core } from '../core/core.js';
import { RejectedError } from '../core/command.js';
import { Discovery } from './discovery.js';
import { startHubServer, type HubServer } from './hub-server.js';
import { LiveMember } from './live.js';
import { SyncService } from './service.js';

export const DEFAULT_HUB_PORT = 5190;

/** How long a member leaving the event waits to give the hub its last changes (its claims released). */
export const LEAVE_SYNC_MS = 5_000;

export interface SharingOptions {
  core: Core;
  /** The built renderer, for the queue board page. */
  staticDir: string;
  /** Where the hub listens: all interfaces by default; tests use 127.0.0.1. */
  hubHost?: string;
  /** The hub's port: this, else the one used last time, else 5190. 0 picks a free one. */
  hubPort?: number;
  clock?: Clock;
  /** mDNS announcing and browsing (off in tests). */
  mdns?: boolean;
  /** How often a hub looks for other hubs of its event and a member checks the ones it knows (hubs.ts HUB_PROBE_MS). */
  hubProbeMs?: number;
  /** Tests only: how long a sync message may take before the hub counts as not answering (service.ts POST_TIMEOUT_MS). */
  postTimeoutMs?: number;
  /** Tests only: how long a round may take and still count as quick (service.ts quickRoundMs). */
  quickRoundMs?: number;
  /** Tests only: the member's round interval and its live link's keep-alive and retry times, in ms (live.ts). */
  timing?: { intervalMs?: number; keepAliveMs?: number; retryMinMs?: number; retryMaxMs?: number };
  log?: (line: string) => void;
}

export interface Sharing {
  sync: SyncService;
  /** A member's live link to the hub (live.ts): opened on joining and at start, closed on leaving or becoming the hub. */
  live: LiveMember;
  close(): Promise<void>;
}

export async function startSharing(options: SharingOptions): Promise<Sharing> {
  const { core } = options;
  const log = options.log ?? ((line: string) => console.warn(line));
  const { intervalMs, ...liveTiming } = options.timing ?? {};
  const sync = new SyncService({
    core,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(intervalMs ? { intervalMs } : {}),
    ...(options.hubProbeMs !== undefined ? { hubProbeMs: options.hubProbeMs } : {}),
    ...(options.postTimeoutMs !== undefined ? { postTimeoutMs: options.postTimeoutMs } : {}),
    ...(options.quickRoundMs !== undefined ? { quickRoundMs: options.quickRoundMs } : {}),
  });
  const discovery = options.mdns === false ? null : new Discovery();
  let hub: HubServer | null = null;
  const live = new LiveMember(sync, log, liveTiming);

  /** The port this process's hub listened at, if it did: sharing again (or forwarding) listens there, where members look. */
  let listenedAt: number | null = null;
  /** `keptPort`: the port kept in the event's settings before the one asked for (members look there). */
  const startHub = async (keptPort = false) => {
    if (hub) return;
    const port = listenedAt ?? (keptPort ? (sync.hubPort ?? options.hubPort) : (options.hubPort ?? sync.hubPort)) ?? DEFAULT_HUB_PORT;
    try {
      hub = await startHubServer({ sync, staticDir: options.staticDir, host: options.hubHost ?? '0.0.0.0', port, log });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw e.code === 'EADDRINUSE'
        ? new RejectedError(`Port ${port} is in use on this laptop; the hub cannot listen there.`, 'port_in_use', { port })
        : new RejectedError(`The hub cannot listen: ${e.message}`, 'hub_cannot_listen', { detail: e.message });
    }
    listenedAt = hub.port;
    sync.setHubPort(hub.port);
    const event = core.event();
    if (event && sync.role === 'hub') discovery?.advertise(core.deviceName, core.deviceId, hub.port, event.id);
  };
  const stopHub = async () => {
    discovery?.stopAdvertising();
    await hub?.close();
    hub = null;
  };

  core.registerService('sync', {
    'feedback.offer': ({ turnId }) => sync.feedbackOffer(turnId),
    'sync.becomeHub': async ({ takeover, newCode }) => {
      // Refused (another hub answered recently) before anything stops.
      const result = sync.becomeHub(takeover === true, newCode === true);
      // The hub's zone for an event made before events had one (issue 18): its members take it.
      core.recordMissingZone();
      live.stop();
      // A stepped-down hub's listener (sending members on) stays; it answers as the hub again now.
      if (hub) {
        const event = core.event();
        if (event) discovery?.advertise(core.deviceName, core.deviceId, hub.port, event.id);
        await sync.setListening(hub.addresses);
      }
      await startHub();
      return result;
    },
    'sync.join': async ({ code, hubAddress }) => {
      await stopHub();
      await sync.join(code, hubAddress);
      live.start();
      return { joined: true };
    },
    'sync.joinScanned': async ({ pairing }) => {
      await stopHub();
      await sync.joinScanned(pairing);
      live.start();
      return { joined: true };
    },
    'sync.setHub': ({ hubAddress }) => {
      sync.setHubAddress(hubAddress);
      // The hub it left may still say it is the hub: look now (two hubs, hubs.ts).
      void sync.watchHubs().catch(() => {});
      // Follow the hub to its new address: a new link there.
      live.stop();
      live.start();
      return { hubUrl: sync.view().hubUrl ?? '' };
    },
    'sync.leave': async () => {
      live.stop();
      await stopHub();
      sync.leave();
      return { left: true };
    },
    'event.leave': async ({ eventId }) => {
      // Checked before sharing stops, so a refusal changes nothing.
      if (core.event()?.id !== eventId) {
        throw new RejectedError('The event on this laptop is not the one you chose to leave.', 'event_changed');
      }
      // A laptop that shares releases its claims of tables in the log first (laptop.claimed naming none, which
      // also releases the tables it took over) and gives that to the others while it can (LEAVE_SYNC_MS at most),
      // so no laptop names it as claiming or running a table after it left: a member gives it to the hub; a hub
      // pushes it to every linked member and closes their links after it (members syncing by rounds only, or
      // away, get it from whichever laptop holds it when they next meet).
      if (sync.role === 'member' && core.call('settings.update', { myTables: [] }).ok) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          sync.syncNow().catch(() => {}),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, LEAVE_SYNC_MS))),
        ]).finally(() => clearTimeout(timer));
      } else if (sync.role === 'hub' && core.call('settings.update', { myTables: [] }).ok) {
        await hub?.handOver(LEAVE_SYNC_MS).catch(() => {});
      }
      live.stop();
      await stopHub();
      if (sync.role !== 'alone') sync.leave();
      core.leaveEvent(eventId);
      return { left: true };
    },
    'sync.joinGiveUp': () => sync.giveUpJoin(),
    'sync.now': async () => {
      await sync.syncNow();
      return { lastSyncedAt: sync.view().lastSyncedAt, error: sync.view().lastError };
    },
    'sync.discover': async () => ({ hubs: discovery ? await discovery.find() : [] }),
    'sync.exportFile': () => sync.exportFile(),
    'sync.importFile': ({ content, code }) => sync.importFile(content, code),
  });

  // An event made before events had a time zone gets this laptop's, once, unless a hub gives it one (issue 18).
  if (sync.role !== 'member') core.recordMissingZone();

  // Two hubs for one event (hubs.ts): this hub steps down when the other stays; its listener stays up to
  // send its members on (hub_moved), their live links are closed, and this laptop links to the other.
  sync.onHubAnswered = () => live.hubAnswered();
  sync.onStepDown = () => {
    discovery?.stopAdvertising();
    hub?.dropLinks();
    live.start();
  };
  // Every HUB_PROBE_MS: a hub looks for the other hubs it has heard of, a member checks the ones it knows
  // (and every sixth time, where multicast works, mDNS names the hubs of this event).
  let looks = 0;
  let looking = false;
  const lookTimer = setInterval(() => {
    if (looking || sync.role === 'alone') return;
    looking = true;
    void (async () => {
      const eventId = core.event()?.id;
      if (discovery && eventId && looks++ % 6 === 0) {
        const found = (await discovery.find()).filter((h) => h.eventId === eventId).map((h) => `http://${h.address}`);
        sync.noteFoundHubs(found);
      }
      await sync.lookAround();
    })()
      .catch((error: Error) => log(`Tableside sync: looking for other hubs failed: ${error.message}`))
      .finally(() => (looking = false));
  }, sync.probeIntervalMs);
  lookTimer.unref?.();

  if (sync.role === 'hub') {
    await startHub().catch((error: Error) => log(`Tableside: the hub could not start again: ${error.message}`));
  } else if (sync.role === 'member') {
    sync.startLoop();
    live.start();
    // Its hub's name at once (the page says "member of <name>"), not only at the first look.
    void sync.watchHubs().catch(() => {});
    // A hub that stepped down (two hubs met) listens again after a restart, only to send members that still
    // come here on to the hub that stays (409 hub_moved; /hello names no event): never a second hub.
    if (sync.view().movedTo) {
      await startHub(true).catch((error: Error) => log(`Tableside: the listener that sends members on could not start: ${error.message}`));
    }
  }

  return {
    sync,
    live,
    close: async () => {
      clearInterval(lookTimer);
      live.stop();
      sync.close();
      await stopHub();
      discovery?.close();
    },
  };
}
