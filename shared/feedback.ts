/**
 * Participants' feedback (issue 15): the anonymous card a participant fills
 * in after a turn, on the coach's laptop or on a phone through the hub's
 * public listener. Pure: the schema both ways in share, the limits, and the
 * error codes. The one-time token a phone carries is made and checked in
 * electron/feedback/token.ts (it needs node:crypto).
 */
import { z } from 'zod';

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

/** What a participant answers: nothing that names them. */
export const feedbackAnswer = z
  .object({
    /** How useful the conversation was, 1 (not at all) to 5 (very). */
    useful: z.number().int().min(1).max(5),
    /** Whether they would like a mentoring follow-up. */
    wantsMentoring: z.boolean(),
    comment: z
      .string()
      .max(FEEDBACK_LIMITS.commentChars * 4)
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().max(FEEDBACK_LIMITS.commentChars))
      .optional(),
  })
  .strict();
export type FeedbackAnswer = z.output<typeof feedbackAnswer>;

/** A phone's answer: the card and the token its QR code carried. */
export const phoneFeedback = feedbackAnswer.extend({ token: z.string().min(1).max(300) }).strict();

/** Why the phone path refused an answer (each translated on the phone's page). */
export type FeedbackRefusal =
  | 'feedback_token_malformed'
  | 'feedback_token_forged'
  | 'feedback_token_expired'
  | 'feedback_token_used'
  | 'feedback_too_large'
  | 'feedback_rate_limited'
  | 'feedback_bad_answer';
