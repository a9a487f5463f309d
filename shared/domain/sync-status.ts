/**
 * What the sync status lines say, computed once for the header and the
 * dashboard. On the hub "synced" means other laptops synced with it: its
 * figures are how many laptops it has heard from and when it last did.
 */
import type { SyncView } from '../contract.js';

/** The latest time this laptop heard from any other laptop (ms, this laptop's clock), or null if never. */
export function lastHeardFromAny(sync: Pick<SyncView, 'peers'>): number | null {
  let last: number | null = null;
  for (const p of sync.peers) if (p.lastSeenAt !== null && (last === null || p.lastSeenAt > last)) last = p.lastSeenAt;
  return last;
}
