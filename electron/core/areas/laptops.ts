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
    const takeover = takeoverDraft(ctx, args.tableId);
    // It is this laptop's table from now on (it opens here after a restart too): claimed in its settings and, in
    // the same commit, in the log after the takeover, so the takeover stands until this laptop releases it
    // (a later claim without it: unticked, or leaving the event; Reads.takeoverStands).
    const { myTables } = ctx.settings.get();
    if (!myTables.includes(args.tableId)) ctx.settings.update({ myTables: [...myTables, args.tableId] });
    return {
      ops: [takeover, ...claimOps(ctx, false, true)],
      result: { tableId: args.tableId, fromDeviceId: takeover.payload.fromDeviceId },
    };
  },
} satisfies Handlers<'table.takeOver'>;

/**
 * The `table.takenOver` by which this laptop takes table `tableId` over:
 * from the laptops that run it by the log (its latest taker, else every
 * laptop claiming it, earliest claim first: what "This is my table" asked
 * about), else the last other laptop that wrote for it. Their names are the
 * log's (laptopName), never the sync's peer list.
 */
function takeoverDraft(ctx: HandlerContext, tableId: string): Extract<OpDraft, { type: 'table.takenOver' }> {
  const table = ctx.reads.table(tableId);
  const runners = table ? otherRunners(table, ctx.deviceId).slice(0, MAX_TAKEN_FROM) : [];
  const fromDevices =
    runners.length > 0
      ? runners.map((r) => ({ deviceId: r.deviceId, name: ctx.reads.laptopName(r.deviceId) ?? r.name }))
      : [ctx.reads.lastTableDevice(tableId, ctx.deviceId)].filter((d) => d !== null);
  const from = fromDevices[0];
  return {
    type: 'table.takenOver',
    payload: {
      tableId,
      deviceName: ctx.settings.get().deviceName,
      fromDeviceId: from?.deviceId ?? null,
      fromDeviceName: from?.name ?? null,
      fromDevices,
      at: ctx.now,
    },
  };
}

/**
 * The `laptop.claimed` to write after this laptop's settings changed: the
 * tables of this event it claims now and its name, when the tables differ
 * from what the log last said it claims (nothing said: none), or when it was
 * `renamed` and the log does not carry that name yet (so every laptop and
 * export shows its latest name, laptop-names.ts), or when it leaves out a
 * table this laptop took over (which releases that takeover), and always
 * right after a takeover (`tookOver`: the claim after it keeps it standing).
 * Empty without an event.
 */
export function claimOps(ctx: HandlerContext, renamed = false, tookOver = false): OpDraft[] {
  if (!ctx.reads.event()) return [];
  const { myTables, deviceName } = ctx.settings.get();
  const tableIds = ctx.reads.existingTables(myTables);
  const said = ctx.reads.laptopClaim(ctx.deviceId);
  const sameTables = (said?.tableIds ?? []).join() === tableIds.join();
  const sameName = said ? said.name === deviceName : !renamed || ctx.reads.laptopName(ctx.deviceId) === deviceName;
  // A table this laptop took over and no longer claims (leaving the event, "This is my table" unticked): the
  // claim says so, which releases the takeover (Reads.takeoverStands), even if the log said no claim before.
  const releases = sameTables && ctx.snapshot().tables.some((t) => t.takenOver?.byDeviceId === ctx.deviceId && !tableIds.includes(t.id));
  if (sameTables && sameName && !releases && !tookOver) return [];
  return [{ type: 'laptop.claimed', payload: { tableIds, deviceName, at: ctx.now } }];
}

/**
 * What a laptop restored from the backup of laptop `fromDeviceId` writes to
 * take over its old self's tables, so each table shows one laptop, this one:
 * a `table.takenOver` (from that laptop) for each table the old one had
 * taken over and still runs, then a `laptop.claimed` naming the tables this
 * laptop claims now (`myTables`: its own and the old one's, as the log last
 * said) with `replaces: [fromDeviceId]`, which withdraws the old one's
 * claims. The takeovers come first: once the old claim is withdrawn, its
 * takeovers no longer stand (laptop.claimed) and a takeover would name the
 * wrong laptops. Empty when the old laptop neither claims nor took over a
 * table, or is this one.
 */
export function adoptOps(ctx: HandlerContext, fromDeviceId: string, myTables: readonly string[]): OpDraft[] {
  if (fromDeviceId === ctx.deviceId || !ctx.reads.event()) return [];
  const said = ctx.reads.laptopClaim(fromDeviceId);
  const taken = ctx.snapshot().tables.filter((t) => t.takenOver?.byDeviceId === fromDeviceId).map((t) => t.id);
  if (!said && taken.length === 0) return [];
  const ops: OpDraft[] = taken.map((tableId) => takeoverDraft(ctx, tableId));
  const tableIds = ctx.reads.existingTables(myTables);
  ops.push({ type: 'laptop.claimed', payload: { tableIds, deviceName: ctx.settings.get().deviceName, at: ctx.now, replaces: [fromDeviceId] } });
  return ops;
}

/** The tables a laptop restored from `fromDeviceId`'s backup claims: its own (`myTables`) and the old one's, claimed or taken over. */
export function adoptedTables(ctx: HandlerContext, fromDeviceId: string, myTables: readonly string[]): string[] {
  const said = ctx.reads.laptopClaim(fromDeviceId)?.tableIds ?? [];
  const taken = ctx.snapshot().tables.filter((t) => t.takenOver?.byDeviceId === fromDeviceId).map((t) => t.id);
  return ctx.reads.existingTables([...new Set([...myTables, ...said, ...taken])]);
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
      // A laptop restored from another's backup withdraws that one's claims: its register says "none" at
      // this HLC (a later claim of its own still wins), keeping the name it has.
      const withdraw = prepare(
        `INSERT INTO laptop_claims (device_id, device_name, table_ids, claimed_at, claim_hlc)
         VALUES (@deviceId, '', '[]', @at, @hlc)
         ON CONFLICT (device_id) DO UPDATE SET table_ids = '[]', claimed_at = excluded.claimed_at, claim_hlc = excluded.claim_hlc
         WHERE excluded.claim_hlc > laptop_claims.claim_hlc`,
      );
      const say = prepare(SAY_NAME_SQL);
      return (p, op) => {
        claim.run({ deviceId: op.deviceId, deviceName: p.deviceName, tableIds: json(p.tableIds), at: p.at, hlc: op.hlc });
        say.run({ deviceId: op.deviceId, name: p.deviceName, hlc: op.hlc });
        for (const old of p.replaces ?? []) if (old !== op.deviceId) withdraw.run({ deviceId: old, at: p.at, hlc: op.hlc });
      };
    },
    // Each laptop's claim is its own register (latest by HLC, whatever the
    // order; a restored laptop's withdrawal of its old self's is a write of
    // that register by the same rule), read by no other operation: it
    // commutes with everything, as a broadcast does, so it names no part (and
    // a push after it is a whole snapshot, which every table's "claimed by"
    // and a released takeover need).
    footprint: () => undefined,
    leaves: 'always',
    exportRead: { facts: [], table: null },
  },
} satisfies OpSpecs<'table.takenOver' | 'laptop.claimed'>;
