/**
 * Which laptop runs which coaching table: the one rule both the renderer
 * (read-only screens) and the core (refusing a command) apply.
 *
 * A coach says once "this is my table" on their laptop; that is the laptop's
 * own setting (`Settings.myTables`), not event data. A table can change hands
 * between laptops only by a logged takeover (`table.takenOver`), so the event's
 * log says who took which table over, from which laptop, and when.
 *
 * The rule, for table T on laptop L:
 * - L claims no table of this event (an organiser's laptop, a spare one, or a
 *   laptop nobody has set up yet): L may act on every table, as before tables
 *   could be claimed. The organiser steps in anywhere; there is no coach at
 *   that laptop whose work it would disturb.
 * - T's latest takeover was by L: L may act on T.
 * - T was taken over by another laptop since: read-only on L (even if L
 *   claims T): L must take it back, which is logged too.
 * - L claims T: L may act on T.
 * - Otherwise (L claims other tables): read-only on L until it takes T over.
 *
 * Every laptop also says in the log which tables it claims (`laptop.claimed`,
 * `TableView.claimedBy`). A claim grants nothing by itself, and two laptops
 * may claim one table (two co-coaches, each on their own laptop): both act
 * on it. So it is warned about, never refused: `otherRunners` names the other
 * laptops that run a table, for the warning at claim time and on the table
 * screen, and the read-only banner names who runs a table (or that nobody
 * claims it); taking it over (logged) makes it one laptop's again.
 */
import type { ClaimView, TableView, TakeoverView } from '../contract.js';

/** At most this many tables claimed by one laptop (the settings' bound). */
export const MAX_MY_TABLES = 50;

/** What this laptop may do at a table, and why. */
export type TableAccess =
  /** This laptop claims no table: it acts anywhere (the organiser's). */
  | { kind: 'any' }
  /** This laptop's own table (claimed, or taken over by this laptop: `takenOver` set then). */
  | { kind: 'mine'; takenOver: TakeoverView | null }
  /** Read-only here: another laptop took it over (`takenOver`), or this laptop runs other tables (null). */
  | { kind: 'elsewhere'; takenOver: TakeoverView | null };

/** This laptop, as the rule needs it. */
export interface LaptopClaims {
  id: string;
  /** The tables it claims (ids; stale ids of tables not in this event are ignored). */
  myTables?: readonly string[] | undefined;
}

/** The tables of `tables` that this laptop claims, in the event's order. */
export function claimedTables<T extends { id: string }>(tables: readonly T[], device: LaptopClaims): T[] {
  const mine = new Set(device.myTables ?? []);
  return mine.size === 0 ? [] : tables.filter((t) => mine.has(t.id));
}

/**
 * The takeover by which `device` lost `table`: it claims the table (its
 * settings) but another laptop took it over since, so it no longer runs it
 * and no screen may call it "yours" or show it ticked as this laptop's,
 * until this laptop takes it back (logged). The claim itself stays in the
 * settings and keeps this laptop a coach's laptop (not the organiser's, which
 * acts anywhere): read-only there. Null otherwise.
 */
export function lostTakeover(table: Pick<TableView, 'id' | 'takenOver'>, device: LaptopClaims): TakeoverView | null {
  const taken = table.takenOver;
  return taken && taken.byDeviceId !== device.id && (device.myTables ?? []).includes(table.id) ? taken : null;
}

/** The tables of `tables` this laptop claims and still runs (`claimedTables` but those it lost: `lostTakeover`). */
export function runTables<T extends Pick<TableView, 'id' | 'takenOver'>>(tables: readonly T[], device: LaptopClaims): T[] {
  return claimedTables(tables, device).filter((t) => !lostTakeover(t, device));
}

/**
 * What laptop `device` may do at `table`. `claimsAny`: whether it claims any
 * table of this event (`claimedTables(...).length > 0`), passed in so a screen
 * of many tables works it out once.
 */
export function tableAccess(
  table: Pick<TableView, 'id' | 'takenOver'>,
  device: LaptopClaims,
  claimsAny: boolean,
): TableAccess {
  if (!claimsAny) return { kind: 'any' };
  const taken = table.takenOver;
  if (taken) return taken.byDeviceId === device.id ? { kind: 'mine', takenOver: taken } : { kind: 'elsewhere', takenOver: taken };
  return (device.myTables ?? []).includes(table.id) ? { kind: 'mine', takenOver: null } : { kind: 'elsewhere', takenOver: null };
}

/** Whether `access` lets this laptop change the table (its turns, queue, notes, settings). */
export function mayAct(access: TableAccess): boolean {
  return access.kind !== 'elsewhere';
}

/** A laptop that runs a table, by its id and its name (as its claim or its takeover gave it). */
export type Runner = Pick<ClaimView, 'deviceId' | 'name'>;

/**
 * Who runs `table` by the log: the laptop that took it over last, if one
 * did (its claim or not: a takeover makes it that laptop's); otherwise every
 * laptop that claims it (none: nobody does), earliest claim first.
 */
export function tableRunners(table: Pick<TableView, 'claimedBy' | 'takenOver'>): Runner[] {
  const taken = table.takenOver;
  if (taken) return [{ deviceId: taken.byDeviceId, name: taken.byName }];
  return table.claimedBy.map(({ deviceId, name }) => ({ deviceId, name }));
}

/**
 * The laptops other than `deviceId` that run `table` (`tableRunners`): the
 * ones to warn about when this laptop claims it or runs it too. Empty when
 * this laptop took it over (the others are read-only there).
 */
export function otherRunners(table: Pick<TableView, 'claimedBy' | 'takenOver'>, deviceId: string): Runner[] {
  return tableRunners(table).filter((r) => r.deviceId !== deviceId);
}

/**
 * The laptop whose table `table` is now, by device id: the one that took it
 * over last, else the one that claimed it last (co-coaches each on a laptop:
 * the latest claim), else the one that made it (nobody claims it); null if
 * none is known. The one definition of "whose table" for "last heard from",
 * the dashboard's silent-laptop alert and the export's laptops: never the
 * laptop that made the table when another claims it (the maker is usually
 * the hub, always heard from, so a dead coach's laptop went unflagged).
 */
export function tableLaptop(table: Pick<TableView, 'deviceId' | 'claimedBy' | 'takenOver'>): string | null {
  if (table.takenOver) return table.takenOver.byDeviceId;
  let latest: Pick<ClaimView, 'deviceId' | 'at'> | null = null;
  for (const c of table.claimedBy) if (latest === null || c.at >= latest.at) latest = c;
  return latest?.deviceId ?? table.deviceId;
}
