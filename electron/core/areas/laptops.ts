/**
 * Which laptop runs which table: taking another laptop's table over, and
 * saying which tables a laptop claims. The claim itself ("This is my table")
 * is the laptop's setting (`settings.update { myTables }`, areas/event.ts);
 * that command also writes `laptop.claimed` (the tables of this event it now
 * claims, and its name) so every laptop can say who else claims a table; a
 * claim grants nothing by itself. A table changes hands between laptops only
 * through `table.takenOver`, so the log says who took which table over, from
 * which laptops, and when. The rule
 * both sides apply is `tableAccess` (shared/domain/laptop.ts); the core
 * refuses a command on a table this laptop may not act on (core.ts).
 * Both operations also say laptops' names (laptop-names.ts).
 */
import { otherRunners } from '../../../shared/domain/laptop.js';
import { MAX_TAKEN_FROM, opPayloads, type OpDraft } from '../../../shared/ops.js';
import { RejectedError, requireTable, type HandlerContext, type Handlers } from '../command.js';
import type { OpSpecs } from '../operation.js';
import { HEARD_NAME_SQL, SAY_NAME_SQL } from '../laptop-names.js';

// ---------------------------------------------------------------------------
// Commands.

export const laptopCommands = {
  'table.takeOver': (args, ctx) => {
    requireTable(ctx, args.tableId);
    const table = ctx.reads.table(args.tableId);
    if (table?.takenOver?.byDeviceId === ctx.deviceId) {
      throw new RejectedError('This laptop has already taken that table over.', 'already_taken_over');
    }
    // From the laptops that run it by the log (its latest taker, else every laptop claiming it, earliest
    // claim first: what "This is my table" asked about), else the last other laptop that wrote for it.
    // Their names are the log's (laptopName), never the sync's peer list.
    const runners = table ? otherRunners(table, ctx.deviceId).slice(0, MAX_TAKEN_FROM) : [];
    const fromDevices =
      runners.length > 0
        ? runners.map((r) => ({ deviceId: r.deviceId, name: ctx.reads.laptopName(r.deviceId) ?? r.name }))
        : [ctx.reads.lastTableDevice(args.tableId, ctx.deviceId)].filter((d) => d !== null);
    const from = fromDevices[0];
    return {
      ops: [
        {
          type: 'table.takenOver',
          payload: {
            tableId: args.tableId,
            deviceName: ctx.settings.get().deviceName,
            fromDeviceId: from?.deviceId ?? null,
            fromDeviceName: from?.name ?? null,
            fromDevices,
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
 * tables of this event it claims now and its name, when the tables differ
 * from what the log last said it claims (nothing said: none), or when it was
 * `renamed` and the log does not carry that name yet (so every laptop and
 * export shows its latest name, laptop-names.ts). Empty without an event.
 */
export function claimOps(ctx: HandlerContext, renamed = false): OpDraft[] {
  if (!ctx.reads.event()) return [];
  const { myTables, deviceName } = ctx.settings.get();
  const tableIds = ctx.reads.existingTables(myTables);
  const said = ctx.reads.laptopClaim(ctx.deviceId);
  const sameTables = (said?.tableIds ?? []).join() === tableIds.join();
  const sameName = said ? said.name === deviceName : !renamed || ctx.reads.laptopName(ctx.deviceId) === deviceName;
  if (sameTables && sameName) return [];
  return [{ type: 'laptop.claimed', payload: { tableIds, deviceName, at: ctx.now } }];
}

// ---------------------------------------------------------------------------
// Operations.

export const laptopOperations = {
  'table.takenOver': {
    payload: opPayloads['table.takenOver'],
    project: ({ prepare, json }) => {
      // The latest takeover by HLC wins, whatever order they arrive in.
      const take = prepare(
        `UPDATE coaching_tables SET taken_over_by = @by, taken_over_by_name = @deviceName,
           taken_over_from = @fromDeviceId, taken_over_from_name = @fromDeviceName, taken_over_froms = @froms,
           taken_over_at = @at, taken_over_hlc = @hlc
         WHERE id = @tableId AND taken_over_hlc < @hlc`,
      );
      const say = prepare(SAY_NAME_SQL);
      const heard = prepare(HEARD_NAME_SQL);
      return (p, op) => {
        // Before fromDevices, a takeover named one laptop taken from.
        const froms = p.fromDevices ?? (p.fromDeviceId ? [{ deviceId: p.fromDeviceId, name: p.fromDeviceName }] : []);
        take.run({
          tableId: p.tableId,
          deviceName: p.deviceName,
          fromDeviceId: p.fromDeviceId,
          fromDeviceName: p.fromDeviceName,
          froms: json(froms),
          at: p.at,
          by: op.deviceId,
          hlc: op.hlc,
        });
        say.run({ deviceId: op.deviceId, name: p.deviceName, hlc: op.hlc });
        for (const f of froms) if (f.name) heard.run({ deviceId: f.deviceId, name: f.name, hlc: op.hlc });
      };
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
      const say = prepare(SAY_NAME_SQL);
      return (p, op) => {
        claim.run({ deviceId: op.deviceId, deviceName: p.deviceName, tableIds: json(p.tableIds), at: p.at, hlc: op.hlc });
        say.run({ deviceId: op.deviceId, name: p.deviceName, hlc: op.hlc });
      };
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
