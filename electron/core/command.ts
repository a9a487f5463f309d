/**
 * What every command handler of the core gets and returns, and the checks
 * several areas share. Handlers (electron/core/areas/) check a request
 * against the current state and turn it into operations. They never write;
 * the core commits what they return.
 */
import type { CoreMethodName, ErrorParams, MethodResults, ParsedArgs, Snapshot } from '../../shared/contract.js';
import type { OpDraft } from '../../shared/ops.js';
import type { Person } from '../../shared/domain/people.js';
import { rotationRunThrough } from '../../shared/domain/table.js';
import type { EntryState, Reads } from './reads.js';
import type { SettingsStore } from './settings.js';

/**
 * A request that is well-formed but not possible now. `reason` names it for
 * the renderer to translate (`errors.rejected.<reason>` in the locale files,
 * with `params`); the English message is the fallback and what logs show.
 */
export class RejectedError extends Error {
  override name = 'RejectedError';
  constructor(
    message: string,
    readonly reason?: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

export interface HandlerContext {
  readonly reads: Reads;
  readonly now: number;
  /** This laptop's own clock, uncorrected by the floor offset (FloorClock.raw); only `clock.now` answers with it. */
  readonly rawNow: number;
  /** The IANA zone this laptop is set to (Clock.timeZone). */
  readonly timeZone: string;
  readonly newId: () => string;
  readonly settings: SettingsStore;
  readonly snapshot: () => Snapshot;
  readonly deviceId: string;
}

export interface Outcome<R> {
  ops: OpDraft[];
  result: R;
}

/** The handler of core method K: parsed arguments in, operations and the result out. */
export type Handler<K extends CoreMethodName> = (args: ParsedArgs<K>, ctx: HandlerContext) => Outcome<MethodResults[K]>;

/** The core's handler table: one handler for every method whose `service` is 'core'. */
export type HandlerTable = { [K in CoreMethodName]: Handler<K> };

/** An area's handlers. */
export type Handlers<K extends CoreMethodName> = { [M in K]: Handler<M> };

export const none = <R>(result: R): Outcome<R> => ({ ops: [], result });

export function requireEvent(ctx: HandlerContext) {
  const event = ctx.reads.event();
  if (!event) throw new RejectedError('Create the event first.', 'no_event');
  return event;
}

export function requireTable(ctx: HandlerContext, tableId: string) {
  const table = ctx.reads.tableSettings(tableId);
  if (!table) throw new RejectedError('That table does not exist.', 'no_table');
  return table;
}

export function requireOpenTable(ctx: HandlerContext, tableId: string) {
  const table = requireTable(ctx, tableId);
  if (table.closed) throw new RejectedError('This table is closed. Reopen it first.', 'table_closed');
  return table;
}

export function requireNoTurn(ctx: HandlerContext, tableId: string) {
  if (ctx.reads.runningTurn(tableId)) {
    throw new RejectedError('A turn is already running at this table. End it first.', 'turn_running');
  }
}

/**
 * A rotation at this table that has run through (every group has had its
 * turn: `rotationRunThrough`) is over: the next thing the coach starts there
 * ends it. Returns the `rotation.ended` to write first, or nothing.
 */
export function endRunThroughRotation(ctx: HandlerContext, tableId: string): OpDraft[] {
  const rotation = ctx.reads.activeRotation(tableId);
  if (!rotation || !rotationRunThrough(rotation)) return [];
  return [{ type: 'rotation.ended', payload: { rotationId: rotation.id, endedAt: ctx.now } }];
}

/** The rotation running at this table that still has groups to call, or null (one that has run through is not running). */
export function runningRotation(ctx: HandlerContext, tableId: string) {
  const rotation = ctx.reads.activeRotation(tableId);
  return rotation && !rotationRunThrough(rotation) ? rotation : null;
}

export function requireQueued(ctx: HandlerContext, entryId: string, tableId?: string): EntryState {
  const entry = ctx.reads.entry(entryId);
  if (!entry || (tableId !== undefined && entry.tableId !== tableId)) {
    throw new RejectedError('That person is not in this queue.', 'not_in_queue');
  }
  if (entry.status !== 'waiting' && entry.status !== 'away') {
    throw new RejectedError('That person is no longer waiting.', 'not_waiting');
  }
  return entry;
}

export const asPerson = (e: EntryState): Person => ({
  id: e.id,
  topics: e.topics,
  partySize: e.partySize,
  joinedAt: e.joinedAt,
  rank: e.rank,
});

export const minutesMs = (m: number) => m * 60_000;

export function uniqueTrimmed(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}
