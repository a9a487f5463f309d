/**
 * What the sync service (electron/sync/) keeps in the event's database: its
 * settings in the `meta` table (role, key, code, the hub's address, what the
 * hub holds, message counters) and the laptops heard from (`sync_peers`).
 * The core owns these statements; the sync service reaches them through
 * `Core.sync`, and never prepares SQL or opens a transaction itself.
 */
import type { Database, Statement } from 'better-sqlite3';

/** A laptop heard from: the last message counter it used, when, and its name. */
export interface PeerRecord {
  deviceId: string;
  name: string | null;
  lastSeenAt: number | null;
}

/** One message from a peer: its counter (which must grow) and when it arrived, by this laptop's clock. */
export interface PeerSeen {
  deviceId: string;
  name: string | null;
  counter: number;
  seenAt: number;
}

export class SyncStore {
  private readonly getMeta: Statement<[string], { value: string }>;
  private readonly putMeta: Statement<[string, string]>;
  private readonly dropMeta: Statement<[string]>;
  private readonly peerList: Statement<[], { device_id: string; name: string | null; last_seen_at: number | null }>;
  private readonly counterOf: Statement<[string], { last_counter: number }>;
  private readonly seePeer: Statement<[string, number, number, string | null]>;
  private readonly setMetaMany: (entries: Readonly<Record<string, string | null>>) => void;
  private readonly settlePeer: Statement<[number | null, number, number, number, string | null, string]>;
  private readonly settleMany: (peers: readonly (PeerSeen & { reserved: number | null })[]) => void;

  constructor(db: Database) {
    this.getMeta = db.prepare(`SELECT value FROM meta WHERE key = ?`);
    this.putMeta = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`);
    this.dropMeta = db.prepare(`DELETE FROM meta WHERE key = ?`);
    this.peerList = db.prepare(`SELECT device_id, name, last_seen_at FROM sync_peers ORDER BY name, device_id`);
    this.counterOf = db.prepare(`SELECT last_counter FROM sync_peers WHERE device_id = ?`);
    this.seePeer = db.prepare(
      `INSERT INTO sync_peers (device_id, last_counter, last_seen_at, name) VALUES (?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET last_counter = max(last_counter, excluded.last_counter),
         last_seen_at = excluded.last_seen_at, name = coalesce(excluded.name, name)`,
    );
    this.setMetaMany = db.transaction((entries: Readonly<Record<string, string | null>>) => {
      for (const [key, value] of Object.entries(entries)) this.writeMeta(key, value);
    });
    // The one write that may lower a stored counter: a ceiling reserved ahead, still as reserved, back down to the last one heard.
    this.settlePeer = db.prepare(
      `UPDATE sync_peers SET last_counter = CASE WHEN last_counter = ? THEN ? ELSE max(last_counter, ?) END,
         last_seen_at = max(coalesce(last_seen_at, 0), ?), name = coalesce(?, name) WHERE device_id = ?`,
    );
    this.settleMany = db.transaction((peers: readonly (PeerSeen & { reserved: number | null })[]) => {
      for (const p of peers) this.settlePeer.run(p.reserved, p.counter, p.counter, p.seenAt, p.name, p.deviceId);
    });
  }

  /** A sync setting, or null. */
  meta(key: string): string | null {
    return this.getMeta.get(key)?.value ?? null;
  }

  /** Set (or, with null, remove) sync settings, all in one commit. */
  setMeta(entries: Readonly<Record<string, string | null>>): void {
    this.setMetaMany(entries);
  }

  private writeMeta(key: string, value: string | null): void {
    if (value === null) this.dropMeta.run(key);
    else this.putMeta.run(key, value);
  }

  /** The laptops heard from, by name. */
  peers(): PeerRecord[] {
    return this.peerList.all().map((p) => ({
      deviceId: p.device_id,
      name: p.name,
      lastSeenAt: p.last_seen_at,
    }));
  }

  /** The last message counter seen from `deviceId` (0 if none). */
  lastCounter(deviceId: string): number {
    return this.counterOf.get(deviceId)?.last_counter ?? 0;
  }

  /** Record a message from a peer (inside the caller's commit: Core.receive). */
  seen(peer: PeerSeen): void {
    this.seePeer.run(peer.deviceId, peer.counter, peer.seenAt, peer.name);
  }

  /**
   * Record, in one commit, the last counter heard from each of these peers
   * exactly in place of the ceiling reserved ahead of it (`reserved`), if the
   * stored counter is still that ceiling (else it only grows, as in `seen`),
   * with when and by which name. `counter` must be the last of every message
   * accepted from that peer (the sync service, stopping): a lower value would
   * let a replay in.
   */
  settle(peers: readonly (PeerSeen & { reserved: number | null })[]): void {
    if (peers.length > 0) this.settleMany(peers);
  }

  /** Meta writes inside the caller's commit. */
  writeAll(entries: Readonly<Record<string, string | null>>): void {
    for (const [key, value] of Object.entries(entries)) this.writeMeta(key, value);
  }
}
