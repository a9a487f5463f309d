/**
 * What sync messages carry once opened, parsed with zod like everything else
 * that arrives from outside: an operation that does not match its type's
 * schema refuses the whole message.
 */
import { z } from 'zod';
import { isOpType, opPayloads, type Op, type OpType } from '../../shared/ops.js';
import { LANGUAGE_TAG_FORM } from '../../shared/contract.js';
import { hlcWallIsSane, isSaneInstant } from '../../shared/domain/instants.js';
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

/**
 * How many operations to ask for next, after a round of `batch` that took
 * `roundMs`; a round longer than `quickRoundMs` (QUICK_ROUND_MS unless a
 * test says otherwise) halves it.
 */
export function nextBatch(batch: number, roundMs: number, wasFull: boolean, quickRoundMs = QUICK_ROUND_MS): number {
  if (roundMs > quickRoundMs) return Math.max(BATCH, batch >> 1);
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

/**
 * An operation's envelope as it crosses the network: the definition.
 * `readOp` checks exactly this by hand (test/unit/op-envelope.test.ts
 * compares the two on generated and hostile values), since a reconnect
 * reads thousands at once and zod's generic walk cost about as much as
 * writing them to the log; zod still words every refusal.
 */
export const opEnvelope = z
  .object({
    id: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    hlc: z.string().regex(HLC).refine(hlcWallIsSane, 'The timestamp is outside 2020-2099'),
    type: z.string(),
    payload: z.unknown(),
    /** The author's own clock when it made the operation (absent from laptops before schema 8). */
    localAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  })
  .strict();

const ENVELOPE_KEYS = new Set(Object.keys(opEnvelope.shape));

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;

/** Whether `value` passes opEnvelope, checked without zod (the usual case: it does). */
function envelopeFits(value: unknown): value is z.output<typeof opEnvelope> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const op = value as Record<string, unknown>;
  for (const key of Object.keys(op)) if (!ENVELOPE_KEYS.has(key)) return false;
  const { seq, hlc, type, localAt } = op;
  return (
    isId(op.id) &&
    isId(op.deviceId) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq > 0 &&
    typeof hlc === 'string' &&
    HLC.test(hlc) &&
    hlcWallIsSane(hlc) &&
    typeof type === 'string' &&
    (localAt === undefined || localAt === null || (typeof localAt === 'number' && Number.isSafeInteger(localAt) && localAt >= 0))
  );
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Whether `v` is an array of strings each passing `fits` (no holes: a hole is undefined, as zod reads it). */
function arrayOf(v: unknown, fits: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!fits(v[i])) return false;
  return true;
}
const isString = (v: unknown) => typeof v === 'string';
/** A tag that languageTag takes unchanged (its trim has nothing to remove: the form allows no space). */
const isTag = (v: unknown) => typeof v === 'string' && LANGUAGE_TAG_FORM.test(v);

/** A plain object whose own keys are `order`'s, in that order, each of `optional` perhaps absent: zod's output keeps that order. */
function keysInOrder(v: unknown, order: readonly string[], optional: ReadonlySet<string>): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  let k = 0;
  for (const key of order) {
    if (keys[k] === key) k += 1;
    else if (!optional.has(key)) return false;
  }
  return k === keys.length;
}

const WALKIN_KEYS = ['entryId', 'tableId', 'ticket', 'name', 'topics', 'partySize', 'joinedAt', 'rank', 'languages'];
const WALKIN_OPTIONAL = new Set(['rank', 'languages']);

/**
 * Payloads checked by hand, for the types a reconnect carries by the
 * thousand (a walk-in): true only when the type's schema in shared/ops.ts
 * would give the very same value back (its keys in the schema's order,
 * nothing to strip, trim or fill), so the payload is kept as it came. Any
 * other payload goes through zod, which words every refusal.
 * test/unit/op-envelope.test.ts compares the two on hostile payloads.
 */
const PAYLOAD_FITS: Partial<Record<OpType, (payload: unknown) => boolean>> = {
  'walkin.added': (p) =>
    keysInOrder(p, WALKIN_KEYS, WALKIN_OPTIONAL) &&
    isId(p.entryId) &&
    isId(p.tableId) &&
    isPositiveInt(p.ticket) &&
    (p.name === null || typeof p.name === 'string') &&
    arrayOf(p.topics, isString) &&
    isPositiveInt(p.partySize) &&
    isSaneInstant(p.joinedAt) &&
    (!('rank' in p) || (typeof p.rank === 'number' && Number.isFinite(p.rank))) &&
    (!('languages' in p) || arrayOf(p.languages, isTag)),
};

/**
 * An operation from another laptop, checked: its envelope (opEnvelope), a
 * known type, a timestamp of its own device, and its payload by its type's
 * schema (shared/ops.ts), stored as parsed (defaults filled, nothing extra).
 * Returns the operation, or why it is refused.
 */
export function readOp(value: unknown): { ok: true; op: Op } | { ok: false; message: string } {
  if (!envelopeFits(value)) {
    const envelope = opEnvelope.safeParse(value);
    // Never reached while envelopeFits and opEnvelope agree; kept so a disagreement refuses rather than admits.
    return { ok: false, message: envelope.success ? 'malformed operation' : envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const op = value;
  if (!isOpType(op.type)) return { ok: false, message: `unknown operation type ${JSON.stringify(op.type)}` };
  if (!op.hlc.endsWith(`:${op.deviceId}`)) return { ok: false, message: 'timestamp of another device' };
  let payload: unknown = op.payload;
  if (!PAYLOAD_FITS[op.type]?.(payload)) {
    const parsed = opPayloads[op.type].safeParse(payload);
    if (!parsed.success) return { ok: false, message: `bad ${op.type} payload: ${parsed.error.message}` };
    payload = parsed.data;
  }
  return {
    ok: true,
    op: {
      id: op.id,
      deviceId: op.deviceId,
      seq: op.seq,
      hlc: op.hlc,
      type: op.type,
      payload,
      ...(op.localAt === undefined ? {} : { localAt: op.localAt }),
    } as Op,
  };
}

/** One operation from outside, as a zod schema (readOp). */
export const opSchema = z.unknown().transform((value, ctx): Op => {
  const read = readOp(value);
  if (read.ok) return read.op;
  ctx.addIssue({ code: 'custom', message: read.message });
  return z.NEVER;
});

/** A message's operations (readOp each): one bad operation refuses the whole message. */
const opList = z
  .array(z.unknown())
  .max(5000)
  .transform((list, ctx): Op[] => {
    const out: Op[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const read = readOp(list[i]);
      if (!read.ok) {
        ctx.addIssue({ code: 'custom', message: read.message, path: [i] });
        return z.NEVER;
      }
      out[i] = read.op;
    }
    return out;
  });

const vector = z.record(z.string().max(64), z.number().int().nonnegative());

export const syncRequest = z
  .object({
    have: vector,
    ops: opList,
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
    ops: opList,
    more: z.boolean(),
    hubTime: z.number(),
    /**
     * A rehearsal's hub: its rehearsal time at `hubTime` (epoch ms) and speed (0 paused; 1, 5 or 20), so a
     * laptop that joined it shows the same time (FloorClock.rehearsalNow); absent from a real event's hub.
     */
    rehearsal: z.object({ at: z.number().int().nonnegative().max(8.64e15), speed: z.union([z.literal(0), z.literal(1), z.literal(5), z.literal(20)]) }).strict().optional(),
    /** How many operations the member still lacks after these (absent from hubs before issue 18). */
    remaining: z.number().int().nonnegative().optional(),
    /** What the hub says of itself (hubs.ts; absent from hubs before issue 18). */
    hub: hubFactsSchema.optional(),
  })
  .strict();

export const syncFile = z
  .object({
    format: z.literal('tableside-sync'),
    /** The exporting laptop's own clock when it made the file (ms, uncorrected). */
    exportedAt: z.number(),
    /**
     * The exporting laptop's floor time when it made the file (ms), and where
     * that time came from: `hub` (it was the hub: its clock is the floor's),
     * `learned` (it had learned floor time from a hub, or from a file that
     * had), `own` (its own clock: it had met no hub). Absent from files made
     * before: the importing laptop then learns nothing of the floor's time.
     */
    floorAt: z.number().refine(isSaneInstant).optional(),
    floorFrom: z.enum(['hub', 'learned', 'own']).optional(),
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
