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

export const LOG_FORMAT = 'tableside-event-log';
export const LOG_FORMAT_VERSION = 1;

const HLC_TEXT = /^\d{15}:[0-9a-z]{6}:.+$/;

export const loggedOp = z
  .object({
    id: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    hlc: z.string().regex(HLC_TEXT, 'Expected a hybrid logical clock timestamp'),
    type: z.string().min(1).max(64),
    payload: z.record(z.string(), z.unknown()),
    /** The author's own clock when it made the operation, uncorrected (null or absent: not kept then). */
    localAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
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
  ops: z.array(loggedOp).min(1, 'The log holds no operations'),
});

export type LoggedOp = z.output<typeof loggedOp>;
export type EventLogFile = z.output<typeof eventLogFile>;
