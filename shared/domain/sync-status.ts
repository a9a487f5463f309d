/**
 * What the sync status lines say, computed once for the header, the Sharing
 * page and the dashboard. On the hub "synced" means other laptops synced with
 * it: its figures are how many laptops it has heard from and when it last did.
 */
import type { PeerView, SyncView } from '../contract.js';

/** The latest time this laptop heard from any other laptop (ms, this laptop's clock), or null if never. */
export function lastHeardFromAny(sync: Pick<SyncView, 'peers'>): number | null {
  let last: number | null = null;
  for (const p of sync.peers) if (p.lastSeenAt !== null && (last === null || p.lastSeenAt > last)) last = p.lastSeenAt;
  return last;
}

/**
 * When this laptop last heard from `peer` (ms, this laptop's clock), as the
 * dashboard's "not heard from" alert and the Sharing page read it: now while
 * the peer holds a live link open (an idle member sends only keep-alives,
 * which do not move lastSeenAt), else its last sync request; null if never.
 */
export function heardAt(peer: Pick<PeerView, 'lastSeenAt' | 'linked'>, now: number): number | null {
  return peer.linked ? now : peer.lastSeenAt;
}

/**
 * When laptop `deviceId` was last heard from, as this laptop (`thisDeviceId`)
 * knows it from its sync peers at `now` (ms): `local` when it is this laptop
 * or no laptop (`at` is then `now`), else its peer entry's heardAt (null if
 * never heard from). With laptop.ts tableLaptop, what the dashboard's "last
 * heard from" and its silent-laptop alert (alerts.ts isSilent) read.
 */
export function laptopHeard(
  deviceId: string | null,
  thisDeviceId: string,
  peers: readonly Pick<PeerView, 'deviceId' | 'lastSeenAt' | 'linked'>[],
  now: number,
): { local: boolean; at: number | null } {
  if (deviceId === null || deviceId === thisDeviceId) return { local: true, at: now };
  const peer = peers.find((p) => p.deviceId === deviceId);
  return { local: false, at: peer ? heardAt(peer, now) : null };
}

/**
 * Hub: whether `peer` synced only in an earlier sharing (last heard from
 * before this sharing's code was made, SyncView.sharingSince): it needs the
 * new code to link again. False when the start is not known. Pure.
 */
export function earlierSharing(sync: Pick<SyncView, 'sharingSince'>, peer: Pick<PeerView, 'lastSeenAt'>): boolean {
  const since = sync.sharingSince ?? null;
  return since !== null && (peer.lastSeenAt ?? 0) < since;
}

/** Why the last round with the hub failed, as the renderer translates it (`errors.sync.<code>`). */
export interface LinkProblem {
  code: string;
  params: Record<string, string | number>;
  /** The core's English words, shown only for a code the renderer has no words for. */
  text: string;
}

/**
 * The state of this laptop's link to the hub: the one definition the header
 * and the Sharing page both put in words (so they never disagree).
 * - `alone`: not sharing.
 * - `hub`: this laptop is the hub; `laptops`: how many others have synced with
 *   it in its current sharing (the same count the Stop sharing confirm
 *   names); `earlier`: how many synced only in an earlier sharing (before a
 *   new code: they need it to link again, earlierSharing); `lastHeardAt` when
 *   one was last heard from (ms, or null).
 * Member (`pending`: changes made here the hub lacks; `lastSyncedAt`: when
 * it last reached the hub, ms, also from before a restart, or null):
 * - `lost`: the last round failed (`problem` says why; `needsCode` when the
 *   hub started a new sharing with a new event code). Wins over the live
 *   link: a round that fails is the truth whatever the socket says.
 * - `live`: the live link is open; changes go at once.
 * - `rounds`: no live link, but rounds every few seconds reach the hub.
 * - `connecting`: started, no round has ended yet.
 */
export type LinkState =
  | { kind: 'alone' }
  | { kind: 'hub'; laptops: number; earlier: number; lastHeardAt: number | null }
  | { kind: 'live' | 'rounds' | 'connecting'; pending: number; lastSyncedAt: number | null }
  | { kind: 'lost'; pending: number; lastSyncedAt: number | null; problem: LinkProblem; needsCode: boolean };

/** The problem code a member gets when its hub started a new sharing (a new event code and key). */
export const RENEWED_CODE = 'sync_renewed';

/** This laptop's link state from its sync view (see LinkState). Pure. */
export function linkState(
  sync: Pick<SyncView, 'role' | 'peers' | 'live' | 'lastSyncedAt' | 'lastError' | 'lastErrorCode' | 'pending' | 'sharingSince'>,
): LinkState {
  if (sync.role === 'alone') return { kind: 'alone' };
  if (sync.role === 'hub') {
    const earlier = sync.peers.filter((p) => earlierSharing(sync, p)).length;
    return { kind: 'hub', laptops: sync.peers.length - earlier, earlier, lastHeardAt: lastHeardFromAny(sync) };
  }
  // Before this run's first round, when it last heard from the hub is kept with the hub's peer entry.
  const lastSyncedAt = sync.lastSyncedAt ?? lastHeardFromAny(sync);
  const pending = sync.pending;
  if (sync.lastError !== null) {
    const problem = { code: sync.lastErrorCode?.code ?? 'sync_failed', params: sync.lastErrorCode?.params ?? {}, text: sync.lastError };
    return { kind: 'lost', pending, lastSyncedAt, problem, needsCode: problem.code === RENEWED_CODE };
  }
  if (sync.live === 'live') return { kind: 'live', pending, lastSyncedAt };
  if (sync.lastSyncedAt !== null) return { kind: 'rounds', pending, lastSyncedAt };
  return { kind: 'connecting', pending, lastSyncedAt };
}

