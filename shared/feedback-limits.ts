/**
 * The bounds of a feedback card and of the phone path, apart from the schemas
 * in feedback.ts so the renderer's first chunk can read them without zod.
 */
/** Bounds on a card and on the phone path. */
export const FEEDBACK_LIMITS = {
  /** An optional comment, in characters (after NFC). */
  commentChars: 500,
  /** The largest request body the listener reads for one answer, in bytes. */
  bodyBytes: 4 * 1024,
  /** How long a token shown as a QR code stays valid, in ms. */
  tokenTtlMs: 5 * 60_000,
  /** Answers one network address may send in a minute (phones on a venue's Wi-Fi often share one). */
  perAddressPerMinute: 20,
  /** Answers the listener takes in a minute from everyone together. */
  totalPerMinute: 120,
} as const;
