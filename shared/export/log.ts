/**
 * The JSON export: the event's complete operation log, which an empty
 * Tableside imports to rebuild the same event.
 *
 * This schema checks the file's shape (the contract uses it for
 * 'export.importJson'); each operation's payload is checked against its own
 * schema by `checkLoggedOps` (log-ops.ts), which the contract cannot import
 * without a cycle (shared/ops.ts imports the contract).
 */
import { z } from 'zod';
import { feedbackTime } from '../domain/feedback.js';
import { EARLIEST_INSTANT, hlcWallIsSane, LATEST_INSTANT } from '../domain/instants.js';

export const LOG_FORMAT = 'tableside-event-log';
export const LOG_FORMAT_VERSION = 1;

const HLC_TEXT = /^\d{15}:[0-9a-z]{6}:.+$/;

export const loggedOp = z
  .object({
    id: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    hlc: z.string().regex(HLC_TEXT, 'Expected a hybrid logical clock timestamp').refine(hlcWallIsSane, 'The timestamp is outside 2020-2099'),
    type: z.string().min(1).max(64),
    payload: z.record(z.string(), z.unknown()),
    /** The author's own clock when it made the operation, uncorrected (null or absent: not kept then). */
    localAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  })
  .strict();

/**
 * A participant's anonymous feedback card as the JSON export carries it:
 * apart from the log, without the operation that recorded it (its timestamp,
 * author and place in the log would say which turn it followed), with its
 * table and the hour it was given only. The importing laptop records each as
 * a `feedback.given` of its own (ARCHITECTURE.md "Feedback cards").
 */
export const feedbackCard = z
  .object({
    feedbackId: z.string().min(1).max(64),
    tableId: z.string().min(1).max(64),
    useful: z.number().int().min(1).max(5),
    wantsMentoring: z.boolean(),
    comment: z.string().max(500).nullable(),
    via: z.enum(['laptop', 'phone']),
    /**
     * Epoch ms, the hour it was given (shared/domain/feedback.ts `feedbackTime`): a file's minute (a hand-edited
     * or foreign log) is floored to the hour here at the gate, as `feedback.record` does for a new card.
     */
    at: z.number().int().min(EARLIEST_INSTANT).max(LATEST_INSTANT - 1).transform(feedbackTime),
  })
  .strict();

export const eventLogFile = z.object({
  format: z.literal(LOG_FORMAT, { message: 'Not a Tableside event log' }),
  formatVersion: z.literal(LOG_FORMAT_VERSION, { message: `Expected format version ${LOG_FORMAT_VERSION}` }),
  /** The database schema (PRAGMA user_version) of the laptop that wrote it. */
  schemaVersion: z.number().int().positive(),
  eventId: z.string().min(1).max(64),
  exportedAt: z.number().int().nonnegative(),
  exportedBy: z.object({ deviceId: z.string(), deviceName: z.string() }),
  /** What the writing laptop held (devices, counts): for people, not needed to import. */
  scope: z.unknown().optional(),
  /** The feedback cards (absent in logs written before they travelled apart: there they are operations). */
  feedback: z.array(feedbackCard).max(100_000).optional(),
  /**
   * Only in a backup (sealed with its passphrase), of a laptop that was a
   * member: its hub, event key and code as a pairing (tableside://join…,
   * what the hub's QR code holds), so the restored laptop joins again by
   * itself. Never in an export.
   */
  pairing: z.string().max(500).optional(),
  ops: z.array(loggedOp).min(1, 'The log holds no operations'),
});

export type LoggedOp = z.output<typeof loggedOp>;
export type FeedbackCard = z.output<typeof feedbackCard>;
export type EventLogFile = z.output<typeof eventLogFile>;
