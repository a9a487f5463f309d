/**
 * What sync messages carry once opened, parsed with zod like everything else
 * that arrives from outside: an operation that does not match its type's
 * schema refuses the whole message.
 */
import { z } from 'zod';
import { isOpType, opPayloads, type Op } from '../../shared/ops.js';
import { readFrame, type FrameHeader } from './crypto.js';
import { hubFactsSchema, otherHubsSchema } from './hubs.js';

/**
 * Operations per message. Each sync starts at BATCH (about 300 KB: small
 * enough for a flaky network) and, while rounds come back quickly, asks for
 * twice as many each round, up to MAX_BATCH, so a long catch-up on a good
 * network takes fewer messages (and fewer commits); a slow round halves it
 * again (nextBatch). The member's pushes follow the same size.
 */
export const BATCH = 1000;
export const MAX_BATCH = 4000;
/** A round at least this quick lets the next message carry twice as many. */
export const QUICK_ROUND_MS = 1000;

/** How many operations to ask for next, after a round of `batch` that took `roundMs`. */
export function nextBatch(batch: number, roundMs: number, wasFull: boolean): number {
  if (roundMs > QUICK_ROUND_MS) return Math.max(BATCH, batch >> 1);
  return wasFull ? Math.min(MAX_BATCH, batch * 2) : batch;
}

/** The largest sealed message either side takes (the hub refuses a larger request, a member a larger answer). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/**
 * How many bytes of operations (UTF-8 JSON text) one message carries at
 * most (but always at least one operation): well under MAX_MESSAGE_BYTES,
 * with room for the rest of the message.
 */
export const MAX_OPS_BYTES = 8 * 1024 * 1024;

const HLC = /^\d{15}:[0-9a-z]{6}:.{1,64}$/;

export const opSchema = z
  .object({
    id: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    hlc: z.string().regex(HLC),
    type: z.string(),
    payload: z.unknown(),
    /** The author's own clock when it made the operation (absent from laptops before schema 8). */
    localAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  })
  .strict()
  .transform((op, ctx): Op => {
    if (!isOpType(op.type)) {
      ctx.addIssue({ code: 'custom', message: `unknown operation type ${JSON.stringify(op.type)}` });
      return z.NEVER;
    }
    if (!op.hlc.endsWith(`:${op.deviceId}`)) {
      ctx.addIssue({ code: 'custom', message: 'timestamp of another device' });
      return z.NEVER;
    }
    const parsed = opPayloads[op.type].safeParse(op.payload);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `bad ${op.type} payload: ${parsed.error.message}` });
      return z.NEVER;
    }
    // Stored as parsed: defaults filled, nothing extra.
    return { ...op, payload: parsed.data } as Op;
  });

const vector = z.record(z.string().max(64), z.number().int().nonnegative());

export const syncRequest = z
  .object({
    have: vector,
    ops: z.array(opSchema).max(5000),
    /** How many operations the member asks for at most (BATCH if absent). */
    want: z.number().int().min(1).max(MAX_BATCH).optional(),
    deviceName: z.string().max(60),
    /** The sender's clock when it sent this, for the clock-skew warning. */
    sentAt: z.number(),
    /** Sent by a hub to another hub of the same event (hubs.ts): what it says of itself. */
    hub: hubFactsSchema.optional(),
    /** A member's: other laptops that told it they are the hub of this event (hubs.ts). */
    otherHubs: otherHubsSchema.optional(),
  })
  .strict();

export const syncResponse = z
  .object({
    have: vector,
    ops: z.array(opSchema).max(5000),
    more: z.boolean(),
    hubTime: z.number(),
    /** How many operations the member still lacks after these (absent from hubs before issue 18). */
    remaining: z.number().int().nonnegative().optional(),
    /** What the hub says of itself (hubs.ts; absent from hubs before issue 18). */
    hub: hubFactsSchema.optional(),
  })
  .strict();

export const syncFile = z
  .object({
    format: z.literal('tableside-sync'),
    exportedAt: z.number(),
    ops: z.array(opSchema),
  })
  .strict();

/** The header of a sealed message on the network (crypto.ts: the frame). */
export const frameHeaderSchema = z
  .object({
    v: z.literal(1),
    kind: z.enum(['request', 'response', 'push', 'file']),
    eventId: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    counter: z.number().int().nonnegative(),
    inReplyTo: z.string().max(64).optional(),
    nonce: z.string().max(64),
    /** The sender holds a rehearsal (true) or a real event (false); absent: it holds none yet (issue 15). */
    rehearsal: z.boolean().optional(),
  })
  .strict();

/** A frame from the network, its header checked; null if it is not one of ours. */
export function parseFrame(raw: Buffer): { header: FrameHeader; data: Buffer } | null {
  const frame = readFrame(raw);
  if (!frame) return null;
  const header = frameHeaderSchema.safeParse(frame.header);
  return header.success ? { header: header.data as FrameHeader, data: frame.data } : null;
}

/** A sealed sync file: the same header, and the sealed body in base64. */
export const sealedSchema = frameHeaderSchema.extend({ body: z.string() }).strict();

export type SyncRequest = z.output<typeof syncRequest>;
export type SyncResponse = z.output<typeof syncResponse>;
