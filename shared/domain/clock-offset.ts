/**
 * How far another clock is from this one, from round trips (the NTP rule):
 * each sample is this clock when a question left (`sentAt`) and when its
 * answer came (`receivedAt`), and the other clock's reading in the answer
 * (`at`), taken as read at the middle of the round trip. The quickest round
 * trip bounds the error best (to half of it), so it counts. Used by a member
 * measuring its hub (the floor offset, electron/sync/service.ts) and by a
 * browser measuring its host (renderer/src/lib/hostClock.ts). Zod-free.
 */
export interface ClockSample {
  /** This clock when the question left (ms). */
  sentAt: number;
  /** This clock when the answer came (ms). */
  receivedAt: number;
  /** The other clock's reading in the answer (ms). */
  at: number;
}

/** The other clock minus this one (ms, rounded), from the quickest sample; null without a usable one. */
export function clockOffsetOf(samples: readonly ClockSample[]): number | null {
  let best: { roundTrip: number; offset: number } | null = null;
  for (const s of samples) {
    if (![s.sentAt, s.receivedAt, s.at].every(Number.isFinite) || s.receivedAt < s.sentAt) continue;
    const roundTrip = s.receivedAt - s.sentAt;
    if (best === null || roundTrip < best.roundTrip) best = { roundTrip, offset: Math.round(s.at - (s.sentAt + s.receivedAt) / 2) };
  }
  return best?.offset ?? null;
}
