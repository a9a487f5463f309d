/**
 * Two hubs for one event (issue 18): what each says of itself, and the one
 * rule both apply to decide which stays the hub when they meet. The rule uses
 * only facts that do not change while they talk (who took over from whom,
 * since when, the device ids), so both ends reach the same answer whichever
 * of them asks first.
 */
import { z } from 'zod';

/** How often a hub looks for the other hubs it has heard of (and a member checks the ones it knows). */
export const HUB_PROBE_MS = 5_000;
/** A hub or a member asks another laptop's /hello for this long at most. */
export const HELLO_TIMEOUT_MS = 3_000;
/** Other hubs kept in mind at most (addresses), and told to a hub in one request. */
export const MAX_OTHER_HUBS = 4;

const address = z.string().min(1).max(200);

/** What a hub says of itself to another hub (in a probe's request and in every answer). */
export const hubFactsSchema = z
  .object({
    deviceId: z.string().min(1).max(64),
    name: z.string().max(60),
    /** When it became the hub, by its (floor) clock, ms since the epoch. */
    since: z.number().int().nonnegative(),
    /** The hub it took over from (its device id), when it was a member made hub; else null. */
    tookOver: z.string().max(64).nullable(),
    /** Where other laptops reach it (http://ip:port). */
    addresses: z.array(address).max(8),
  })
  .strict();

export type HubFacts = z.output<typeof hubFactsSchema>;

/** Addresses of other laptops that said they are the hub, as a member tells its hub. */
export const otherHubsSchema = z.array(address).max(MAX_OTHER_HUBS);

/**
 * Which of two hubs of one event stays the hub; the other becomes a member of
 * it (and sends its members there). In order:
 *  1. a hub that took over from the other stays (an organiser chose it on
 *     purpose); if each took over from the other, the later takeover;
 *  2. otherwise the one that has been the hub longer (earlier `since`);
 *  3. on equal times, the smaller device id.
 * Symmetric: staysHub(a, b) and staysHub(b, a) name the same laptop.
 */
export function staysHub(a: HubFacts, b: HubFacts): HubFacts {
  const aTook = a.tookOver === b.deviceId;
  const bTook = b.tookOver === a.deviceId;
  if (aTook !== bTook) return aTook ? a : b;
  if (a.since !== b.since) {
    const earlier = a.since < b.since ? a : b;
    const later = earlier === a ? b : a;
    return aTook && bTook ? later : earlier;
  }
  return a.deviceId < b.deviceId ? a : b;
}
