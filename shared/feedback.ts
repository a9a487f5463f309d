/**
 * Participants' feedback (issue 15): the anonymous card a participant fills
 * in after a turn, on the coach's laptop or on a phone through the hub's
 * public listener. Pure: the schema both ways in share, the limits, and the
 * error codes. The one-time token a phone carries is made and checked in
 * electron/feedback/token.ts (it needs node:crypto).
 */
import { z } from "zod";

export { FEEDBACK_LIMITS } from "./feedback-limits.js";
import { FEEDBACK_LIMITS } from "./feedback-limits.js";

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
      .transform((s) => s.normalize("NFC").trim())
      .pipe(z.string().max(FEEDBACK_LIMITS.commentChars))
      .optional(),
  })
  .strict();
export type FeedbackAnswer = z.output<typeof feedbackAnswer>;

/** A phone's answer: the card and the token its QR code carried. */
export const phoneFeedback = feedbackAnswer
  .extend({ token: z.string().min(1).max(300) })
  .strict();

/** Why the phone path refused an answer (each translated on the phone's page). */
export type FeedbackRefusal =
  | "feedback_token_malformed"
  | "feedback_token_forged"
  | "feedback_token_expired"
  | "feedback_token_used"
  | "feedback_too_large"
  | "feedback_rate_limited"
  | "feedback_bad_answer"
  /** The turn runs again (its end was undone): the card waits until it ends. */
  | "feedback_turn_running"
  /** The turn is no longer in the log (its start was undone). */
  | "feedback_turn_gone"
  /** The log refused the card for another reason (no event, a storage fault). */
  | "feedback_not_kept";
