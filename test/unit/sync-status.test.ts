/**
 * The one definition of the link to the hub (shared/domain/sync-status.ts
 * linkState), which the header and the Sharing page both put in words.
 */
import { describe, expect, it } from 'vitest';
import { NO_SYNC, type SyncView } from '../../shared/contract.js';
import { heardAt, linkState } from '../../shared/domain/sync-status.js';

const member = (over: Partial<SyncView> = {}): SyncView => ({
  ...NO_SYNC,
  role: 'member',
  hubUrl: 'http://10.0.0.2:5190',
  peers: [{ deviceId: 'hub-1', name: 'hub', lastSeenAt: 1_000, linked: false }],
  ...over,
});
const unreachable = { lastError: 'The hub cannot be reached right now.', lastErrorCode: { code: 'sync_unreachable', params: {} } };

describe('linkState', () => {
  it('alone, and the hub with how many laptops synced and when one was last heard from', () => {
    expect(linkState(NO_SYNC)).toEqual({ kind: 'alone' });
    expect(linkState({ ...NO_SYNC, role: 'hub' })).toEqual({ kind: 'hub', laptops: 0, earlier: 0, lastHeardAt: null });
    const peers = [
      { deviceId: 'a', name: 'A', lastSeenAt: 5_000, linked: false },
      { deviceId: 'b', name: null, lastSeenAt: 9_000, linked: false },
      { deviceId: 'c', name: 'C', lastSeenAt: null, linked: false },
    ];
    expect(linkState({ ...NO_SYNC, role: 'hub', peers })).toEqual({ kind: 'hub', laptops: 3, earlier: 0, lastHeardAt: 9_000 });
    // After a new sharing (new code at 6 s): laptops last heard from before then need the new code and are counted apart.
    expect(linkState({ ...NO_SYNC, role: 'hub', peers, sharingSince: 6_000 })).toEqual({ kind: 'hub', laptops: 1, earlier: 2, lastHeardAt: 9_000 });
  });

  it('a member: live while the link is open; rounds when it is down but rounds reach the hub; connecting before the first round', () => {
    expect(linkState(member({ live: 'live', lastSyncedAt: 2_000 }))).toEqual({ kind: 'live', pending: 0, lastSyncedAt: 2_000 });
    expect(linkState(member({ live: 'down', lastSyncedAt: 2_000, pending: 3 }))).toEqual({ kind: 'rounds', pending: 3, lastSyncedAt: 2_000 });
    // After a restart, before any round: connecting, and when it last heard from the hub (kept with the peer).
    expect(linkState(member({ live: 'none', lastSyncedAt: null }))).toEqual({ kind: 'connecting', pending: 0, lastSyncedAt: 1_000 });
  });

  it('a failed round is "lost" with its reason, whatever the socket says (the header never says live or connected beside it)', () => {
    for (const live of ['live', 'down', 'none'] as const) {
      expect(linkState(member({ live, lastSyncedAt: 2_000, pending: 1, ...unreachable }))).toEqual({
        kind: 'lost',
        pending: 1,
        lastSyncedAt: 2_000,
        problem: { code: 'sync_unreachable', params: {}, text: unreachable.lastError },
        needsCode: false,
      });
    }
  });

  it('a hub that started a new sharing: lost, and the new code is needed; an error without a code is still lost', () => {
    const renewed = linkState(member({ lastError: 'renewed', lastErrorCode: { code: 'sync_renewed', params: {} }, pending: 1 }));
    expect(renewed).toMatchObject({ kind: 'lost', needsCode: true, pending: 1 });
    expect(linkState(member({ lastError: 'odd', lastErrorCode: null }))).toMatchObject({ kind: 'lost', needsCode: false, problem: { code: 'sync_failed', text: 'odd' } });
  });
});

describe('heardAt', () => {
  it('a laptop holding a live link open is heard from now; otherwise at its last request, or never', () => {
    expect(heardAt({ lastSeenAt: 1_000, linked: true }, 500_000)).toBe(500_000);
    expect(heardAt({ lastSeenAt: 1_000, linked: false }, 500_000)).toBe(1_000);
    expect(heardAt({ lastSeenAt: null, linked: false }, 500_000)).toBeNull();
  });
});
