/**
 * Which laptop runs which table: taking another laptop's table over, and
 * saying which tables a laptop claims. The claim itself ("This is my table")
 * is the laptop's setting (`settings.update { myTables }`, areas/event.ts);
 * that command also writes `laptop.claimed` (the tables of this event it now
 * claims, and its name) so every laptop can say who else claims a table; a
 * claim grants nothing by itself. A table changes hands between laptops only
 * through `table.takenOver`, so the log says who took which table over, from
 * which laptop, and when. The rule
 * both sides apply is `tableAccess` (shared/domain/laptop.ts); the core
 * refuses a command on a table this laptop may not act on (core.ts).
 */
import { otherRunners } from '../../../shared/domain/laptop.js';
import { opPayloads, type OpDraft } from '../../../shared/ops.js';
import { RejectedError, requireTable, type HandlerContext, type Handlers } from '../command.js';
import type { OpSpecs } from '../operation.js';

// ---------------------------------------------------------------------------
// Commands.

export const laptopCommands = {
  'table.takeOver': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const table = ctx.reads.table(args.tableId);
    if (table?.takenOver?.byDeviceId === ctx.deviceId) {
      throw new RejectedError('This laptop has already taken that table over.', 'already_taken_over');
    }
    // From the laptop that runs it by the log (its latest taker, else the laptops claiming it, earliest
    // claim first: what "This is my table" asked about), else the last other laptop that wrote for it.
    // Its name is the log's (laptopName), never the sync's peer list.
    const runner = table ? otherRunners(table, ctx.deviceId)[0] : undefined;
    const from = runner
      ? { deviceId: runner.deviceId, name: ctx.reads.laptopName(runner.deviceId) ?? runner.name }
      : ctx.reads.lastTableDevice(args.tableId, ctx.deviceId);
    return {
      ops: [
        {
          type: 'table.takenOver',
          payload: {
            tableId: args.tableId,
            deviceName: ctx.settings.get().deviceName,
            fromDeviceId: from?.deviceId ?? null,
            fromDeviceName: from?.name ?? null,
            at: ctx.now,
          },
        },
      ],
      result: { tableId: args.tableId, fromDeviceId: from?.deviceId ?? null },
    };
  },
} satisfies Handlers<'table.takeOver'>;

/**
 * The `laptop.claimed` to write after this laptop's settings changed: the
 * tables of this event it claims now and its name, when that differs from
 * what the log last said of it (nothing said and nothing claimed: none).
 * Empty without an event.
 */
export function claimOps(ctx: HandlerContext): OpDraft[] {
  if (!ctx.reads.event()) return [];
  const { myTables, deviceName } = ctx.settings.get();
  const tableIds = ctx.reads.existingTables(myTables);
  const said = ctx.reads.laptopClaim(ctx.deviceId);
  if (!said && tableIds.length === 0) return [];
  if (said && said.name === deviceName && said.tableIds.join() === tableIds.join()) return [];
  return [{ type: 'laptop.claimed', payload: { tableIds, deviceName, at: ctx.now } }];
}

// ---------------------------------------------------------------------------
// Operations.

export const laptopOperations = {
  'table.takenOver': {
    payload: opPayloads['table.takenOver'],
    project: ({ prepare }) => {
      // The latest takeover by HLC wins, whatever order they arrive in.
      const take = prepare(
        `UPDATE coaching_tables SET taken_over_by = @by, taken_over_by_name = @deviceName,
           taken_over_from = @fromDeviceId, taken_over_from_name = @fromDeviceName,
           taken_over_at = @at, taken_over_hlc = @hlc
         WHERE id = @tableId AND taken_over_hlc < @hlc`,
      );
      return (p, op) => void take.run({ ...p, by: op.deviceId, hlc: op.hlc });
    },
    footprint: (p, at) => void at.table(p.tableId),
    leaves: 'always',
    exportRead: { facts: [], table: 'tableId' },
  },
  'laptop.claimed': {
    payload: opPayloads['laptop.claimed'],
    project: ({ prepare, json }) => {
      // The latest claim of each laptop by HLC holds, whatever order they arrive in.
      const claim = prepare(
        `INSERT INTO laptop_claims (device_id, device_name, table_ids, claimed_at, claim_hlc)
         VALUES (@deviceId, @deviceName, @tableIds, @at, @hlc)
         ON CONFLICT (device_id) DO UPDATE SET device_name = excluded.device_name, table_ids = excluded.table_ids,
           claimed_at = excluded.claimed_at, claim_hlc = excluded.claim_hlc
         WHERE excluded.claim_hlc > laptop_claims.claim_hlc`,
      );
      return (p, op) => void claim.run({ deviceId: op.deviceId, deviceName: p.deviceName, tableIds: json(p.tableIds), at: p.at, hlc: op.hlc });
    },
    // Each laptop's claim is its own register (latest by HLC, whatever the
    // order), read by no other operation: it commutes with everything, as a
    // broadcast does, so it names no part (and a push after it is a whole
    // snapshot, which every table's "claimed by" needs).
    footprint: () => undefined,
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
} satisfies OpSpecs<'table.takenOver' | 'laptop.claimed'>;
