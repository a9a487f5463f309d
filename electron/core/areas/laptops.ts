/**
 * Which laptop runs which table: taking another laptop's table over. The
 * claim itself ("This is my table") is the laptop's setting
 * (`settings.update { myTables }`, areas/event.ts), not event data; a table
 * changes hands between laptops only through `table.takenOver`, so the log
 * says who took which table over, from which laptop, and when. The rule
 * both sides apply is `tableAccess` (shared/domain/laptop.ts); the core
 * refuses a command on a table this laptop may not act on (core.ts).
 */
import { opPayloads } from '../../../shared/ops.js';
import { RejectedError, requireTable, type Handlers } from '../command.js';
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
    // From the laptop that last wrote for this table (a walk-in, a turn, a takeover), if another one did.
    const last = ctx.reads.lastTableDevice(args.tableId, ctx.deviceId);
    const from = last && {
      deviceId: last.deviceId,
      name: last.name ?? (table?.takenOver?.byDeviceId === last.deviceId ? table.takenOver.byName : null),
    };
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
} satisfies OpSpecs<'table.takenOver'>;
