/**
 * The Tableside core: one event's database, its operation log, its timers,
 * and the handler table both hosts serve. It knows nothing of Electron or
 * HTTP; the adapters in electron/main.ts and electron/host/ call
 * `dispatchAsync`, which routes each method to the part the contract says
 * answers it: the handler table (registry.ts) or a registered service.
 *
 * It is also the only way to the database: the sync and export services use
 * its data interface (receive a batch from a peer, read what a peer lacks,
 * the sync settings, read export facts and the log), and never prepare SQL
 * or open a transaction themselves.
 */
import { localTimeZone } from '../../shared/domain/zone.js';
import { mayAct, tableAccess } from '../../shared/domain/laptop.js';

/** Meta key: the zone this laptop recorded for an event made before events had one (recordMissingZone). */
const ZONE_RECORDED_KEY = 'zone_recorded';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  isMethodName,
  methods,
  type Envelope,
  type ErrorParams,
  type MethodArgs,
  type CoreMethodName,
  type MethodName,
  type EventView,
  type MethodResult,
  type MethodResults,
  type MethodsOf,
  type ParsedArgs,
  type Push,
  type Service,
  type Snapshot,
  type SyncView,
  NO_SYNC,
  SESSION_PROBLEM_MESSAGES,
} from '../../shared/contract.js';
import type { ExportFacts } from '../../shared/export/model.js';
import { aheadOfFloor, hlcParse, hlcReceive, hlcTick, hlcToString, hlcZero, MAX_AHEAD_MS, MAX_HLC_COUNTER, type Hlc } from '../../shared/domain/hlc.js';
import { opPayloads, type Op, type OpDraft, type OpPayload } from '../../shared/ops.js';
import { isCleanText, sanitizeValue } from '../../shared/guard.js';
import { diffTable, memoOf, type TableMemo, type TablePatch } from '../../shared/push.js';
import { FloorClock, randomId, systemClock, type Clock, type IdSource } from './clock.js';
import { RejectedError, type HandlerContext } from './command.js';
import type { FeedbackCard } from '../../shared/export/log.js';
import { ExportSource } from './export-facts.js';
import { EVENT_PART, Footprints, PartClocks, type Footprint } from './footprint.js';
import { OpLog, type OpRow } from './oplog.js';
import { CORE_COMMANDS } from './registry.js';
import { adoptedTables, adoptOps } from './areas/laptops.js';
import { SyncStore, type PeerSeen } from './sync-store.js';
import { Projection } from './projection.js';
import { Reads, type RehearsalPlayerState, type RunningTurn } from './reads.js';
import { ViewVersions } from './view-versions.js';
import { memorySettings, type SettingsStore } from './settings.js';
import { StorageRefusedError, storageFault, storageMessage } from './storage.js';
import { limitSize } from '../../shared/size.js';
import { TimerService } from './timers.js';

export interface CoreOptions {
  db: Database;
  clock?: Clock;
  newId?: IdSource;
  settings?: SettingsStore;
  /** Where failures are reported; defaults to console.error. */
  log?: (message: string, error?: unknown) => void;
}

type Listener = (push: Push) => void;

/** A part of the app other than the core that answers methods (see `Service` in the contract). */
export type ServiceName = Exclude<Service, 'core'>;
/** A service's handlers: one for each method whose `service` it is, typed by the contract. */
export type ServiceHandlers<S extends ServiceName> = {
  [K in MethodsOf<S>]: (args: ParsedArgs<K>) => MethodResults[K] | Promise<MethodResults[K]>;
};

const CHECKPOINT_AFTER_IDLE_MS = 2_000;
/**
 * Operations in one batch from which applyOps switches the view versions' triggers off (view-versions.ts `quiet`):
 * a live batch of a few keeps the per-table versions (most table views kept); a reconnect or an import of more
 * rereads every table view once rather than paying ~5 µs for each row written.
 */
export const QUIET_BATCH = 64;
/** A checkpoint that failed (full disk, read-only storage) is tried again after this, doubling up to a minute. */
const CHECKPOINT_RETRY_MS = 5_000;
const CHECKPOINT_RETRY_MAX_MS = 60_000;
/** The most characters of text one call's arguments may hold in all (a sync file is the largest). */
export const MAX_ARGS_CHARS = 66 * 1024 * 1024;

/** The log's order: hybrid logical clock, then device, then sequence. */
export function compareOps(a: Op, b: Op): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return a.seq - b.seq;
}

/** Where this laptop keeps its floor offset (ms, the hub's clock minus its own), so a restart keeps floor time. */
const FLOOR_OFFSET_KEY = 'floor_offset_ms';
/**
 * Set ('1') once this laptop has learned floor time from the floor (a hub's
 * answer, or a sync file made by a laptop that had): its floor time is then
 * the hub's, not merely its own clock (Core.floorLearned).
 */
const FLOOR_LEARNED_KEY = 'floor_learned';

/**
 * Commands any laptop may run whatever tables it claims (Core.tableGuard):
 * taking a table over, a participant's feedback card (the participant's
 * word, not the coach's work), and the organiser's floor plan. The others
 * are limited to the tables their operations touch; those that touch none
 * (the event, topics, a new table, a broadcast) are never refused by it.
 */
const UNGUARDED_COMMANDS: ReadonlySet<string> = new Set(['table.takeOver', 'feedback.record', 'plan.import', 'settings.update']);

/** How many operations held back (Core.admitted) are noted for the sharing page at most. */
const MAX_HELD_NOTED = 10_000;

/** A new measurement moves the floor offset only when it differs by more than this (network jitter stays out). */
export const FLOOR_OFFSET_STEP_MS = 1000;

export class Core {
  /** This laptop's id in the operation log; a new one after leaving an event (leaveEvent). */
  get deviceId(): string {
    return this.currentDeviceId;
  }
  private currentDeviceId: string;
  /** Floor time (this laptop's clock corrected by the hub's): every instant the core records. */
  readonly clock: FloorClock;
  readonly timers: TimerService;
  private readonly db: Database;
  private readonly newId: IdSource;
  private readonly settings: SettingsStore;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly oplog: OpLog;
  private readonly projection: Projection;
  private readonly footprints: Footprints;
  /** What each part of the tables last changed by: whether a late operation can apply in place. */
  private readonly clocks: PartClocks;
  private readonly reads: Reads;
  private readonly listeners = new Set<Listener>();
  private hlc: Hlc;
  /** Operations received and held back as stamped too far ahead (admitted): their HLC wall, by id. */
  private readonly heldBack = new Map<string, number>();
  private snapshotQueued = false;
  /**
   * What the next push must carry: every coaching table whose id an applied
   * operation's footprint names, or everything (a change to the event, a
   * new table, a replay, an operation that cannot be placed).
   */
  private dirtyTables = new Set<string>();
  private dirtyAll = true;
  /** Each table as last pushed, to tell what changed in it (shared/push.ts). */
  private readonly pushedTables = new Map<string, TableMemo>();
  /** The laptops' names as of the last whole snapshot pushed (Reads.namesKey). */
  private pushedNamesKey: string | null = null;
  /** The tables lag the log (operations arrived out of order); rebuilt before the next read. */
  private stale = false;
  /** How many times the tables were rebuilt from the log (for tests and the benchmark). */
  replays = 0;
  private readonly applyInSavepoint: (op: Op) => void;
  private readonly advancing = new Set<string>();
  /** The handlers services registered, by method (each typed by its registration). */
  private readonly services = new Map<MethodName, (args: unknown) => unknown>();
  private exportSource: ExportSource | null = null;
  /** The sync service's settings and peers in this database. */
  readonly sync: SyncStore;
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null;
  private checkpointRetryMs = CHECKPOINT_RETRY_MS;
  private closed = false;

  constructor(options: CoreOptions) {
    this.db = options.db;
    this.newId = options.newId ?? randomId;
    this.settings = options.settings ?? memorySettings();
    this.log = options.log ?? ((m, e) => console.error(m, e ?? ''));
    this.oplog = new OpLog(this.db);
    this.projection = new Projection(this.db);
    this.footprints = new Footprints(this.db);
    // Known from the first operation on; for a log opened from disk, from its first replay.
    this.clocks = new PartClocks(this.oplog.size() === 0);
    // Inside the caller's transaction, better-sqlite3 makes this a savepoint.
    this.applyInSavepoint = this.db.transaction((op: Op) => this.projection.apply(op));
    this.reads = new Reads(this.db);
    this.sync = new SyncStore(this.db);
    this.clock = new FloorClock(options.clock ?? systemClock, Number(this.sync.meta(FLOOR_OFFSET_KEY) ?? 0) || 0);
    const existed = this.hasDeviceId();
    this.currentDeviceId = this.loadDeviceId();
    this.checkIdentity(existed);
    const latest = this.oplog.latestHlc();
    this.hlc = latest ? { ...hlcParse(latest), node: this.deviceId } : hlcZero(this.deviceId);
    this.timers = new TimerService(
      this.clock,
      () => this.reads.runningTurns(),
      {
        timers: (payload) => this.emit({ type: 'timers', payload }),
        alert: (payload) => this.emit({ type: 'alert', payload }),
      },
      (turn) => this.overtime(turn),
    );
    this.rebuildIfMigrated();
  }

  /**
   * The tables lag the log until the next read replays it: say so in the
   * database too, in the transaction that stored the operations, so a laptop
   * that stops (or crashes) before that read replays at its next start
   * (rebuildIfMigrated) instead of showing tables without them.
   */
  private markStale(): void {
    if (!this.stale) this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild_projection', 'stale')`).run();
    this.stale = true;
  }

  /** A migration that reshaped the projections, or operations stored while the tables lagged (markStale), ask for a replay of the log. */
  private rebuildIfMigrated(): void {
    const flag = this.db
      .prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'rebuild_projection'`)
      .get();
    if (!flag) return;
    this.rebuildFromLog();
    this.db.prepare(`DELETE FROM meta WHERE key = 'rebuild_projection'`).run();
  }

  /**
   * A turn past its deadline. A rotation that advances by itself calls its
   * next group; the call is deferred out of the timer's tick and re-checked,
   * so it happens once even if several ticks see the same late turn.
   */
  private overtime(turn: RunningTurn): void {
    const rotationId = turn.autoAdvanceRotationId;
    if (!rotationId || this.advancing.has(turn.turnId)) return;
    this.advancing.add(turn.turnId);
    setImmediate(() => {
      this.advancing.delete(turn.turnId);
      if (this.closed) return;
      const still = this.reads.runningTurns().find((t) => t.turnId === turn.turnId);
      // Paused meanwhile: its clock stands still, and so does the rotation.
      if (still?.autoAdvanceRotationId !== rotationId || still.pausedAt !== null) return;
      const result = this.dispatch('rotation.next', { rotationId });
      // Another laptop runs that table (shared/domain/laptop.ts): it advances it, not this one.
      const reason = result.ok ? null : result.error.params?.['reason'];
      if (!result.ok && reason !== 'table_not_yours' && reason !== 'table_taken_over') {
        this.log(`Tableside: could not advance rotation ${rotationId}: ${result.error.message}`);
      }
    });
  }

  private hasDeviceId(): boolean {
    return this.db.prepare(`SELECT 1 FROM meta WHERE key = 'device_id'`).get() !== undefined;
  }

  /**
   * The settings beside the database remember which laptop and event it
   * held. A database that held something else (another laptop's copy put in
   * this folder, which would reuse its sequence numbers) is refused before
   * anything is written: StorageRefusedError('storage_foreign').
   */
  private checkIdentity(existed: boolean): void {
    if (this.db.name === ':memory:' || this.db.readonly || !this.settings.identity) return;
    const eventId = this.eventId();
    const known = this.settings.identity(databasePath(this.db.name));
    if (known && existed) {
      if (known.deviceId !== this.deviceId) {
        throw new StorageRefusedError('storage_foreign', { what: 'laptop', found: this.deviceId, expected: known.deviceId });
      }
      if (known.eventId && eventId && known.eventId !== eventId) {
        throw new StorageRefusedError('storage_foreign', { what: 'event', found: eventId, expected: known.eventId });
      }
    }
    this.rememberIdentity(eventId);
  }

  private rememberedEventId: string | null | undefined;

  private rememberIdentity(eventId: string | null): void {
    if (this.db.name === ':memory:' || !this.settings.rememberIdentity || this.rememberedEventId === eventId) return;
    try {
      this.settings.rememberIdentity(databasePath(this.db.name), { deviceId: this.deviceId, eventId });
      this.rememberedEventId = eventId;
    } catch (error) {
      this.log('Tableside: could not remember the database in the settings', error);
    }
  }

  private eventId(): string | null {
    return this.db.prepare<[], { id: string }>(`SELECT id FROM events LIMIT 1`).get()?.id ?? null;
  }

  /** The laptop's identity in the operation log, made once per database. */
  private loadDeviceId(): string {
    const row = this.db
      .prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'device_id'`)
      .get();
    if (row) return row.value;
    const id = this.newId();
    this.db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', ?)`).run(id);
    return id;
  }

  /**
   * Validate, run and commit one call the core's handler table answers. The
   * operations a command produces are appended to the log and applied to the
   * tables in one transaction, which is durable (synchronous=FULL) before
   * this returns. A method a service answers is refused here: use
   * dispatchAsync.
   */
  dispatch(name: unknown, args: unknown): Envelope<unknown> {
    const checked = this.check(name, args);
    if (!checked.ok) return checked;
    const { method, parsed } = checked.value;
    if (methods[method].service !== 'core') {
      return fail('internal', `${method} answers asynchronously; use dispatchAsync.`);
    }
    return this.runCore(method as CoreMethodName, parsed);
  }

  /**
   * What both hosts call: every method, routed to the part that answers it
   * (its `service` in the contract). Arguments are parsed once, here.
   */
  async dispatchAsync(name: unknown, args: unknown): Promise<Envelope<unknown>> {
    const checked = this.check(name, args);
    if (!checked.ok) return checked;
    const { method, parsed } = checked.value;
    if (methods[method].service === 'core') return this.runCore(method as CoreMethodName, parsed);
    const service = this.services.get(method);
    if (!service) return fail('rejected', 'That is not available in this Tableside.');
    try {
      this.ensureFresh();
      return { ok: true, value: await service(parsed) };
    } catch (error) {
      return this.failure(method, error);
    }
  }

  /**
   * A service (sync, export, the Electron shell) answers its methods: every
   * method whose `service` is `service` in the contract, each handler typed
   * with that method's parsed arguments and result. Registering again
   * replaces the handlers.
   */
  registerService<S extends ServiceName>(service: S, handlers: ServiceHandlers<S>): void {
    for (const [name, handler] of Object.entries(handlers) as [MethodName, (args: unknown) => unknown][]) {
      if (methods[name].service !== service) throw new Error(`${name} is not a ${service} method.`);
      this.services.set(name, handler);
    }
  }

  private runCore(method: CoreMethodName, parsed: unknown): Envelope<unknown> {
    try {
      return { ok: true, value: this.run(method, parsed) };
    } catch (error) {
      return this.failure(method, error);
    }
  }

  private check(name: unknown, args: unknown): Envelope<{ method: MethodName; parsed: unknown }> {
    if (this.closed) return fail('internal', 'Tableside is shutting down.');
    if (!isMethodName(name)) {
      // Only a short name is repeated; never the input itself, which may be anything of any size.
      if (typeof name === 'string' && name.length <= 64 && isCleanText(name)) {
        return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${JSON.stringify(name)}.`, params: { name } } };
      }
      return fail('unknown_method', 'Unknown method.');
    }
    // The gate (shared/guard.ts): depth and size bounded, text NFC and
    // readable by others. IPC arrives here unparsed; HTTP has passed it once.
    const gated = sanitizeValue(args ?? {}, { maxChars: MAX_ARGS_CHARS });
    if (!gated.ok) return gateFailure(gated.code, gated.params);
    const parsed = methods[name].args.safeParse(gated.value);
    if (!parsed.success) {
      // Short: a path or message can repeat a key the caller chose, of any length.
      const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({
        path: clip(i.path.map(String).join('.'), 120),
        message: clip(i.message, 200),
        ...issueCode(i),
      }));
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
      return { ok: false, error: { code: 'bad_request', message: summary.join('; '), issues } };
    }
    if (methods[name].service !== 'core' && !this.services.has(name)) {
      return fail('rejected', 'That is not available in this Tableside.', { reason: 'not_available' });
    }
    return { ok: true, value: { method: name, parsed: parsed.data } };
  }

  private failure(method: string, error: unknown): Envelope<never> {
    if (error instanceof RejectedError) {
      return fail('rejected', error.message, error.reason ? { ...error.params, reason: error.reason } : undefined);
    }
    this.log(`Tableside: ${method} failed`, error);
    // A full disk or read-only storage, named so the coach can act; reading goes on.
    const fault = storageFault(error);
    if (fault) return { ok: false, error: { code: fault.code, message: storageMessage(fault), params: { detail: fault.detail } } };
    return fail('internal', 'Something went wrong; nothing was changed.');
  }

  /** Typed convenience for tests and the benchmark. */
  call<K extends MethodName>(name: K, args: MethodArgs<K>): Envelope<MethodResult<K>> {
    return this.dispatch(name, args) as Envelope<MethodResult<K>>;
  }

  private run(name: CoreMethodName, args: unknown): unknown {
    this.ensureFresh();
    const handler = CORE_COMMANDS[name] as (a: unknown, c: HandlerContext) => {
      ops: OpDraft[];
      result: unknown;
    };
    if (methods[name].kind === 'query') return handler(args, this.context()).result;

    let changed = false;
    const result = this.db
      .transaction(() => {
        const guard = this.tableGuard(name, args);
        const outcome = handler(args, this.context());
        for (const draft of outcome.ops) this.commitOp(draft, guard);
        changed = outcome.ops.length > 0;
        return outcome.result;
      })
      .immediate();
    // A laptop's settings are not event data, but every window shows them (its name, its tables).
    if (changed || name === 'settings.update') this.changed();
    return result;
  }

  /**
   * Which tables this command may change from this laptop (`tableAccess`,
   * shared/domain/laptop.ts). Refuses at once a command naming (`tableId`) a
   * table this laptop may not act on; then returns a function that refuses, before it is written,
   * an operation whose footprint names a table this laptop does not run
   * (`table_not_yours`, or `table_taken_over` naming the laptop that took it
   * over), so the whole command changes nothing. Null: no limit (a laptop
   * that claims no table, and the commands that are not one table's work:
   * taking a table over, a participant's feedback, the organiser's floor
   * plan; a transfer is checked on the table the person leaves only).
   */
  private tableGuard(name: CoreMethodName, args: unknown): ((footprint: Footprint) => void) | null {
    if (UNGUARDED_COMMANDS.has(name)) return null;
    const { myTables } = this.settings.get();
    const device = { id: this.deviceId, myTables };
    if (!myTables.some((id) => this.reads.tableHolder(id) !== null)) return null;
    const check = (tableId: string) => {
      const holder = this.reads.tableHolder(tableId);
      if (!holder) return;
      const takenOver = holder.takenOverBy
        ? { byDeviceId: holder.takenOverBy, byName: holder.takenOverByName ?? '', fromDeviceId: null, fromName: null, from: [], at: 0 }
        : null;
      const access = tableAccess({ id: tableId, takenOver }, device, true);
      if (mayAct(access) || access.kind !== 'elsewhere') return;
      if (access.takenOver) {
        throw new RejectedError(`${holder.name} was taken over by ${access.takenOver.byName}; take it over to change it here.`, 'table_taken_over', {
          table: holder.name,
          by: access.takenOver.byName,
        });
      }
      throw new RejectedError(`This laptop does not run ${holder.name}; take it over to change it here.`, 'table_not_yours', {
        table: holder.name,
      });
    };
    // The table a command names is checked first, so its refusal is this one, not the table's state.
    const named = args as { tableId?: unknown; entryId?: unknown };
    if (typeof named.tableId === 'string') check(named.tableId);
    if (name === 'entry.transfer') {
      const from = typeof named.entryId === 'string' ? this.reads.entry(named.entryId)?.tableId : undefined;
      if (from) check(from);
      return null;
    }
    return (footprint) => {
      for (const part of footprint ?? []) if (part !== EVENT_PART && !part.startsWith('row:')) check(part);
    };
  }

  private context(): HandlerContext {
    const clock = this.clock;
    return {
      reads: this.reads,
      now: this.clock.now(),
      rawNow: this.clock.raw(),
      // Read when a handler asks (few do): Intl's zone lookup costs about as much as a walk-in's commit.
      get timeZone() {
        return clock.timeZone?.() ?? localTimeZone();
      },
      newId: this.newId,
      settings: this.settings,
      snapshot: () => this.snapshot(),
      deviceId: this.deviceId,
    };
  }

  private commitOp(draft: OpDraft, guard: ((footprint: Footprint) => void) | null = null): void {
    checkRoundTrip(draft);
    // Placed before it is written: the guard may refuse it (the transaction then rolls back).
    const footprint = this.footprints.of(draft as Op);
    guard?.(footprint);
    this.hlc = hlcTick(this.hlc, this.clock.now());
    const op = {
      ...draft,
      id: this.newId(),
      deviceId: this.deviceId,
      seq: this.oplog.nextSeq(this.deviceId),
      hlc: hlcToString(this.hlc),
      // For audit, beside the floor time: this laptop's own clock, uncorrected.
      localAt: this.clock.raw(),
    } as Op;
    this.oplog.append(op);
    this.applyPlaced(op, footprint);
  }

  /** Apply one operation to the tables, noting which parts it touched. */
  private applyPlaced(op: Op, footprint = this.footprints.of(op)): void {
    this.clocks.record(footprint, op.hlc);
    this.projection.apply(op);
    this.markDirty(footprint);
  }

  /**
   * Note what the next push carries, from what the operation touched: the
   * coaching tables its footprint names. One that names the event, or no
   * table at all (a new table, a broadcast, an operation that cannot be
   * placed), makes the next push a whole snapshot.
   */
  private markDirty(footprint: Footprint): void {
    if (this.dirtyAll) return;
    if (footprint === null || footprint.includes(EVENT_PART)) {
      this.dirtyAll = true;
      return;
    }
    let tables = 0;
    for (const part of footprint) {
      if (part.startsWith('row:')) continue;
      this.dirtyTables.add(part);
      tables += 1;
    }
    if (tables === 0) this.dirtyAll = true;
  }

  /**
   * Apply operations that already have their identity (a replay, or
   * operations received from another laptop). An operation already in the log
   * is skipped, so applying the same one twice changes nothing.
   *
   * The tables are always the fold of the whole log in HLC order. An
   * operation that sorts after everything held applies as it comes. One that
   * reaches back in time applies in place when nothing held after it touched
   * the same parts of the tables (footprint.ts: it commutes with them);
   * otherwise the tables are marked stale and rebuilt from the log once,
   * before anything reads them next. So every laptop holding the same
   * operations shows the same state, whatever order they arrived in.
   */
  applyOps(received: readonly Op[]): number {
    const ops = this.admitted(received);
    if (ops.length === 0) return 0;
    const sorted = [...ops].sort(compareOps);
    let latest = this.oplog.latestHlc();
    let applied = 0;
    const applyAll = () => {
      for (const op of sorted) {
        if (!this.oplog.append(op)) continue; // already in the log (or twice in this batch)
        applied += 1;
        if (this.stale) continue;
        const inOrder = latest === null || op.hlc > latest;
        const footprint = this.footprints.of(op);
        if (!inOrder && !this.clocks.commutes(footprint, op.hlc)) {
          this.markStale();
          continue;
        }
        try {
          this.applyPlaced(op, footprint);
        } catch {
          // Leave it to a replay, which skips (and logs) what cannot apply.
          this.markStale();
        }
        if (inOrder) latest = op.hlc;
      }
    };
    // A large batch (a reconnect, an import) writes many rows: the view versions' per-row triggers are off for it,
    // and every table view counts as changed once after it (view-versions.ts `quiet`).
    const versions = sorted.length >= QUIET_BATCH ? ViewVersions.of(this.db) : null;
    const write = () => this.footprints.batch(() => (versions ? versions.quiet(applyAll) : applyAll()));
    // Inside a caller's transaction (Core.receive: the message is taken whole or not at all) no savepoint of its own:
    // under a savepoint, each insert into a table with a TEMP trigger (view-versions.ts) journals every page it touches
    // again, which doubled the cost of a received walk-in (28 µs against 15). A throw still rolls the caller's back.
    if (this.db.inTransaction) write();
    else this.db.transaction(write).immediate();
    if (applied === 0) return 0;
    // Merge the newest timestamp received, so what this laptop does next
    // sorts after it even when the other laptop's clock runs ahead.
    this.hlc = hlcReceive(this.hlc, hlcParse(sorted[sorted.length - 1]!.hlc), this.clock.now());
    this.changed();
    return applied;
  }

  /**
   * The operations this laptop takes now, of `ops` received: all but those
   * stamped more than MAX_AHEAD_MS ahead of its floor time (aheadOfFloor in
   * shared/domain/hlc.ts), and, for each laptop, every later one of its own
   * (a laptop's operations are kept as a prefix, as the version vector
   * says). Those held back are not stored and move no clock; the sync sends
   * them again and they are taken once the floor's time comes near them.
   * Noted for the sharing page (`heldBack`).
   */
  private admitted(ops: readonly Op[]): readonly Op[] {
    const now = this.clock.now();
    let firstHeld: Map<string, number> | null = null;
    for (const op of ops) {
      if (!aheadOfFloor(op.hlc, now)) continue;
      firstHeld ??= new Map();
      firstHeld.set(op.deviceId, Math.min(firstHeld.get(op.deviceId) ?? Infinity, op.seq));
    }
    if (firstHeld === null) return ops;
    const taken: Op[] = [];
    for (const op of ops) {
      const from = firstHeld.get(op.deviceId);
      if (from !== undefined && op.seq >= from) {
        if (this.heldBack.size < MAX_HELD_NOTED) this.heldBack.set(op.id, Number(op.hlc.slice(0, 15)));
      } else taken.push(op);
    }
    return taken;
  }

  /**
   * Operations received and held back because they (or an earlier one of
   * the same laptop) are stamped more than MAX_AHEAD_MS ahead of the floor's
   * time and not taken since (admitted), and those of this
   * laptop's own log that are (its clock was wrong when it made them, so the
   * others hold them back): how many, and the latest stamp; null if none.
   */
  heldAhead(): { count: number; latestAt: number } | null {
    const now = this.clock.now();
    for (const id of this.heldBack.keys()) if (this.oplog.has(id)) this.heldBack.delete(id);
    const own = this.oplog.aheadOf(hlcToString({ wall: now + MAX_AHEAD_MS, counter: MAX_HLC_COUNTER, node: '\uffff' }));
    let count = own.count;
    let latestAt = own.latestAt ?? 0;
    for (const wall of this.heldBack.values()) {
      count += 1;
      latestAt = Math.max(latestAt, wall);
    }
    return count > 0 ? { count, latestAt } : null;
  }

  /**
   * Apply a whole imported log (a JSON export, a backup) into an empty
   * laptop, in one transaction: every operation must apply. The first that
   * the rules cannot apply (a walk-in at a table the log never made, a turn
   * of someone never queued) is refused as `import_invalid` with `position`
   * (its place in `ops`, counted from 1) and `type`, and nothing is kept:
   * an import never skips an operation and says it succeeded (a sync, which
   * merges logs, does skip one alike on every laptop: `applyOps`).
   * Returns how many operations were stored.
   */
  importOps(ops: readonly Op[]): number {
    if (ops.length === 0) return 0;
    // A log stamped more than MAX_AHEAD_MS ahead of this laptop's time would move its clock on by as much: refused whole.
    const now = this.clock.now();
    const ahead = ops.findIndex((op) => aheadOfFloor(op.hlc, now));
    if (ahead >= 0) {
      const op = ops[ahead]!;
      const at = new Date(Number(op.hlc.slice(0, 15))).toISOString().slice(0, 10);
      throw new RejectedError(
        `The log is not valid: operation ${ahead + 1} (${op.type}) is dated ${at}, more than ${MAX_AHEAD_MS / 3_600_000} hours ahead of this laptop's time; nothing was imported.`,
        'import_ahead',
        { position: ahead + 1, type: op.type, date: at, hours: MAX_AHEAD_MS / 3_600_000 },
      );
    }
    const order = ops.map((op, index) => ({ op, index })).sort((a, b) => compareOps(a.op, b.op));
    let applied = 0;
    let bad: { index: number; type: string; error: unknown } | null = null;
    const versions = ViewVersions.of(this.db);
    const write = () => {
      this.footprints.batch(() => {
        for (const { op, index } of order) {
          if (!this.oplog.append(op)) continue;
          applied += 1;
          try {
            this.applyPlaced(op);
          } catch (error) {
            bad = { index, type: op.type, error };
            throw error;
          }
        }
      });
    };
    try {
      this.db.transaction(() => (versions ? versions.quiet(write) : write())).immediate();
    } catch (error) {
      // Rolled back: the laptop is empty again; forget what the attempt noted in memory.
      this.oplog.forgetAll();
      this.clocks.reset();
      this.dirtyAll = true;
      this.stale = false;
      if (!bad) throw error;
      const { index, type, error: cause } = bad as { index: number; type: string; error: unknown };
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new RejectedError(`The log is not valid: operation ${index + 1} (${type}) cannot be applied (${why}); nothing was imported.`, 'import_invalid', {
        count: 1,
        context: 'at',
        position: index + 1,
        type,
      });
    }
    this.hlc = hlcReceive(this.hlc, hlcParse(order[order.length - 1]!.op.hlc), this.clock.now());
    this.changed();
    return applied;
  }

  /**
   * Apply one operation in its own savepoint. An operation the rules cannot
   * apply (it should not happen; a bug or a hand-made log) is skipped and
   * logged rather than stopping every later one; every laptop skips it alike.
   */
  private applyOne(op: Op): void {
    try {
      this.clocks.record(this.footprints.of(op), op.hlc);
      this.applyInSavepoint(op);
    } catch (error) {
      this.log(`Tableside: skipped operation ${op.id} (${op.type})`, error);
    }
  }

  /**
   * Rebuild every projection table from the log: in one go, and only if an
   * operation cannot be applied, again one savepoint per operation so that
   * one is skipped (alike on every laptop) and the rest stand.
   */
  rebuildFromLog(): void {
    this.replays += 1;
    const ops = this.oplog.ordered();
    // Every row is rewritten: the view versions' per-row triggers are off, everything counts as changed once.
    const versions = ViewVersions.of(this.db);
    const quietly = (write: () => void) => (versions ? versions.quiet(write) : write());
    try {
      this.db
        .transaction(() =>
          quietly(() => {
            this.projection.clear();
            this.clocks.reset();
            this.dirtyAll = true;
            this.footprints.batch(() => {
              for (const op of ops) this.applyPlaced(op);
            });
          }),
        )
        .immediate();
    } catch {
      this.db
        .transaction(() =>
          quietly(() => {
            this.projection.clear();
            this.clocks.reset();
            for (const op of ops) this.applyOne(op);
          }),
        )
        .immediate();
    }
    this.stale = false;
    this.db.prepare(`DELETE FROM meta WHERE key = 'rebuild_projection'`).run();
    this.changed();
  }

  /**
   * Leave a rehearsal (issue 15): discard its event from this laptop, in one
   * commit: the tables, the log, the laptops heard from and the sync's
   * settings; only the device id stays. The laptop is then empty (the
   * welcome screen). A real event is never discarded this way: refused with
   * `not_rehearsal`, nothing changed.
   */
  discardRehearsal(): void {
    this.ensureFresh();
    if (!this.reads.event()?.rehearsal) throw new RejectedError('Only a rehearsal can be left this way.', 'not_rehearsal');
    this.discardEvent(false);
  }

  /**
   * Leave the event on this laptop (Event settings → Leave this event): its
   * tables, queues, notes (private ones too), follow-ups and log are deleted
   * here, in one commit, with the sync's settings and the laptops heard from,
   * and this laptop's claims of tables. Other laptops keep what they received.
   * The laptop takes a new device id, so nothing of its former life (its
   * sequence numbers, the message counters hubs remember for it, the clock
   * of its operations) can be mistaken for the new one's; a rejoin of the
   * same event brings its former operations back as another laptop's. Sharing must be
   * stopped first (the sync service's `event.leave` does). Refused, nothing
   * changed: `no_event` without one; `event_changed` when `eventId` is not
   * the event here (the person confirmed another one).
   */
  leaveEvent(eventId: string): { deviceId: string } {
    this.ensureFresh();
    const event = this.reads.event();
    if (!event) throw new RejectedError('There is no event on this laptop.', 'no_event');
    if (event.id !== eventId) throw new RejectedError('The event on this laptop is not the one you chose to leave.', 'event_changed');
    this.discardEvent(true);
    this.settings.update({ myTables: [] });
    return { deviceId: this.deviceId };
  }

  /**
   * Delete the event and its log from this laptop in one commit, then rewrite
   * the file (VACUUM) and empty the WAL so nothing deleted stays readable on
   * disk; with `newDevice`, under a new device id.
   */
  private discardEvent(newDevice: boolean): void {
    const deviceId = newDevice ? this.newId() : this.deviceId;
    this.db
      .transaction(() => {
        this.projection.clear();
        this.db.prepare(`DELETE FROM ops`).run();
        this.db.prepare(`DELETE FROM sync_peers`).run();
        this.db.prepare(`DELETE FROM meta WHERE key <> 'device_id'`).run();
        if (newDevice) this.db.prepare(`UPDATE meta SET value = ? WHERE key = 'device_id'`).run(deviceId);
      })
      .immediate();
    // What was deleted must not stay readable in the files (a private note in a freed page or an old
    // WAL frame): the database is rewritten whole and the WAL emptied.
    try {
      this.db.exec('VACUUM');
    } catch (error) {
      this.log('Tableside: could not compact the database after discarding the event', error);
    }
    this.checkpoint('TRUNCATE');
    this.oplog.forgetAll();
    this.currentDeviceId = deviceId;
    this.hlc = hlcZero(deviceId);
    this.clock.setOffset(0);
    this.clocks.reset();
    this.dirtyAll = true;
    this.pushedTables.clear();
    this.rememberedEventId = undefined;
    this.rememberIdentity(null);
    this.changed();
  }


  /** Before any read: bring stale tables up to date with the log. */
  ensureFresh(): void {
    if (this.stale && !this.closed) this.rebuildFromLog();
  }

  /** The version vector: the highest sequence number held from each laptop. */
  vector(): Record<string, number> {
    return this.oplog.vector();
  }

  /** What a peer with `have` lacks (private notes never included). */
  missingFor(have: Readonly<Record<string, number>>, limit?: number): { ops: Op[]; more: boolean } {
    return this.oplog.missingFor(have, limit);
  }

  /** How many operations a peer with `have` lacks (what missingFor would send). */
  countMissing(have: Readonly<Record<string, number>>): number {
    return this.oplog.countMissing(have);
  }

  /**
   * The same, at most `limit` and about `maxBytes` bytes (at least one
   * operation), as the JSON array text that goes on the wire, in UTF-8 pieces
   * (OpLog.missingBytes): joined, they are the array.
   */
  missingBytes(
    have: Readonly<Record<string, number>>,
    limit: number,
    maxBytes?: number,
  ): { parts: Buffer[]; count: number; more: boolean } {
    return this.oplog.missingBytes(have, limit, maxBytes);
  }

  /** The same, at most `limit`, as the JSON array text that goes on the wire. */
  missingJson(
    have: Readonly<Record<string, number>>,
    limit: number,
    maxChars?: number,
  ): { json: string; count: number; more: boolean } {
    return this.oplog.missingJson(have, limit, maxChars);
  }

  /** How many operations the log holds. */
  opCount(): number {
    return this.oplog.size();
  }

  ops(): Op[] {
    return this.oplog.ordered();
  }

  /**
   * Set this laptop's floor offset (the hub's clock minus this laptop's own,
   * ms, as the sync measured it), kept in the database; a change within
   * FLOOR_OFFSET_STEP_MS of the current one is ignored. Returns whether it changed.
   */
  setFloorOffset(offsetMs: number): boolean {
    if (!Number.isFinite(offsetMs)) return false;
    const learned: Record<string, string> = this.floorLearned ? {} : { [FLOOR_LEARNED_KEY]: '1' };
    if (Math.abs(offsetMs - this.clock.offsetMs) <= FLOOR_OFFSET_STEP_MS) {
      if (!this.floorLearned) this.sync.setMeta(learned);
      return false;
    }
    this.clock.setOffset(offsetMs);
    this.sync.setMeta({ [FLOOR_OFFSET_KEY]: String(this.clock.offsetMs), ...learned });
    return true;
  }

  /**
   * Whether this laptop's floor time came from the floor: it set a floor
   * offset from a hub's answer or a sync file (setFloorOffset), even one of 0.
   * A hub is the floor itself (its sync service says so, not this). Cleared
   * with the event (discardEvent).
   */
  get floorLearned(): boolean {
    return this.sync.meta(FLOOR_LEARNED_KEY) === '1';
  }

  /**
   * The event alone, as the snapshot holds it (null without one): one row
   * and its topics, not every table. For what asks often and needs only
   * the event (the hub's /hello, each sync round, the probes for other hubs).
   */
  event(): EventView | null {
    this.ensureFresh();
    return this.reads.event();
  }

  snapshot(): Snapshot {
    this.ensureFresh();
    return {
      device: this.deviceView(),
      event: this.reads.event(),
      tables: this.reads.tables(),
      broadcasts: this.reads.broadcasts(),
      sync: this.syncView(),
    };
  }

  /** The database was opened read-only (its storage cannot be written: electron/core/db.ts). */
  get readOnly(): boolean {
    return this.db.readonly;
  }

  /** This laptop as the snapshot (and each push of changes) shows it. */
  private deviceView(): Snapshot['device'] {
    const settings = this.settings.get();
    const zoneRecorded = this.sync.meta(ZONE_RECORDED_KEY);
    return {
      id: this.deviceId,
      name: settings.deviceName,
      floorOffsetMs: this.clock.offsetMs,
      myTables: settings.myTables,
      ...(zoneRecorded ? { zoneRecorded } : {}),
    };
  }

  /**
   * An event made before events had a time zone (issue 18): record this
   * laptop's zone for it, once, as an ordinary `event.updated` operation
   * (nothing else of the event changes), so every laptop it reaches reads the
   * session the same way; if two laptops each did so before they met, the
   * later operation wins, as for any edit. The hosts call it on a laptop alone
   * or the hub, never on a member (which takes its hub's). Returns the zone
   * recorded, or null (no event, it has a zone, a rehearsal, read-only
   * storage, or refused). The laptop that recorded it says so (device.zoneRecorded).
   */
  recordMissingZone(): string | null {
    const event = this.snapshot().event;
    if (!event || event.timeZone || event.rehearsal || this.readOnly) return null;
    const zone = this.clock.timeZone?.() ?? localTimeZone();
    const result = this.call('event.update', {
      name: event.name,
      date: event.date,
      endDate: event.endDate ?? null,
      startTime: event.startTime,
      endTime: event.endTime,
      place: event.place,
      timeZone: zone,
    });
    if (!result.ok) {
      this.log(`Tableside: could not record the time zone ${zone} for an event made before events had one: ${result.error.message}`);
      return null;
    }
    this.sync.setMeta({ [ZONE_RECORDED_KEY]: zone });
    this.changed();
    return zone;
  }

  /**
   * This laptop was restored from the backup of laptop `fromDeviceId` (a new
   * device id holding its log): take over its old self's tables, logged
   * (`adoptOps`: a `table.takenOver` for each table the old one had taken
   * over, and a `laptop.claimed` replacing its claims), and claim them in
   * this laptop's settings, so every laptop shows one laptop at each table,
   * this one, and none names the old one. Returns the tables this laptop now
   * claims (none written: []). The export service calls it after a backup's
   * restore (and after joining its hub again, so the log is the freshest).
   */
  adoptClaims(fromDeviceId: string): string[] {
    if (this.readOnly) return [];
    this.ensureFresh();
    const claimed = this.db
      .transaction((): string[] | null => {
        const ctx = this.context();
        const mine = adoptedTables(ctx, fromDeviceId, this.settings.get().myTables);
        const ops = adoptOps(ctx, fromDeviceId, mine);
        if (ops.length === 0) return null;
        for (const draft of ops) this.commitOp(draft);
        return mine;
      })
      .immediate();
    if (claimed === null) return [];
    // The laptop's own setting, once the log holds what it says (what the core decides from from now on).
    this.settings.update({ myTables: claimed });
    this.changed();
    return claimed;
  }

  /**
   * The rehearsal's player on this laptop started, paused, changed speed or
   * was resumed here (a hub taking over): said in the log as
   * `rehearsal.played` (areas/rehearsal.ts), with this laptop's name, in one
   * commit. The rehearsal service calls it; nothing is written on read-only
   * storage. Returns whether it was written.
   */
  recordPlayer(state: Omit<OpPayload<'rehearsal.played'>, 'deviceName'>): boolean {
    if (this.readOnly || !this.reads.event()) return false;
    this.ensureFresh();
    this.db
      .transaction(() => this.commitOp({ type: 'rehearsal.played', payload: { ...state, deviceName: this.deviceName } }))
      .immediate();
    this.changed();
    return true;
  }

  /** The rehearsal's player as the log last said it (`rehearsal.played`), with its laptop's latest name; null if never said. */
  rehearsalPlayer(): RehearsalPlayerState | null {
    this.ensureFresh();
    return this.reads.rehearsalPlayer();
  }

  /** This laptop's name, as its settings give it. */
  get deviceName(): string {
    return this.settings.get().deviceName;
  }

  /** Where the sync service (electron/sync) reports its state for the snapshot. */
  private syncView: () => SyncView = () => NO_SYNC;

  /** The sync's state as the snapshot carries it (no sync: alone, no peers). */
  syncStatus(): SyncView {
    return this.syncView();
  }

  setSyncView(view: () => SyncView): void {
    this.syncView = view;
  }

  /** Tell every UI that something outside the log changed (sync status). */
  notifyChanged(): void {
    this.changed();
  }

  /**
   * The database, its tables brought up to date with the log first: for
   * tests and benchmarks only (ESLint forbids it outside electron/core/).
   */
  get database(): Database {
    this.ensureFresh();
    return this.db;
  }

  // ---------------------------------------------------------------------
  // The data interface of the sync and export services.

  /**
   * A batch of operations from a peer, with what to record about the peer
   * and the sync's settings, in one commit: a message is taken whole or not
   * at all (its counter is recorded only with its operations, so a replay of
   * it is refused). Returns how many operations were new (applyOps).
   */
  receive(
    ops: readonly Op[],
    record: { peer?: PeerSeen; meta?: Readonly<Record<string, string | null>> } = {},
  ): number {
    return this.db
      .transaction(() => {
        const applied = this.applyOps(ops);
        if (record.meta) this.sync.writeAll(record.meta);
        if (record.peer) this.sync.seen(record.peer);
        return applied;
      })
      .immediate();
  }

  /** The database file (':memory:' or empty for a database held in memory): exports go beside it. */
  get dataFile(): string {
    return this.db.name;
  }

  private get exports(): ExportSource {
    this.exportSource ??= new ExportSource(this.db);
    return this.exportSource;
  }

  /** Everything an export and the report read, in one read transaction; null without an event. */
  exportFacts(device: { id: string; name: string }, readAt: number): ExportFacts | null {
    this.ensureFresh();
    return this.exports.read(device, readAt);
  }

  /** The log for the JSON export, in order, as stored: all but private notes (the registry's `leaves`, as for sync) and feedback cards. */
  exportLog(): OpRow[] {
    return this.exports.readLog();
  }

  /** The feedback cards for the JSON export, apart from the log (no turn, no operation): `ExportSource.readCards`. */
  exportFeedbackCards(): FeedbackCard[] {
    this.ensureFresh();
    return this.exports.readCards();
  }

  /**
   * The whole log, in order, as stored, private notes and their drafts
   * included: only for this laptop's own passphrase-sealed backup
   * (electron/export/backup.ts), never for anything meant for anyone else.
   */
  backupLog(): OpRow[] {
    return this.oplog.rows();
  }

  /** Whether this database holds an event (the projection, brought up to date). */
  holdsEvent(): boolean {
    this.ensureFresh();
    return this.exports.hasEvent();
  }

  /** Whether the event held is a rehearsal (issue 15): exports refuse it. */
  holdsRehearsal(): boolean {
    return this.heldEventKind() === 'rehearsal';
  }

  /** The kind of event held (issue 15), read cheaply (one row, no snapshot): every sealed sync header carries it. */
  heldEventKind(): 'real' | 'rehearsal' | null {
    this.ensureFresh();
    const event = this.reads.eventRow();
    return event ? (event.rehearsal === 1 ? 'rehearsal' : 'real') : null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(push: Push): void {
    for (const listener of this.listeners) {
      try {
        listener(push);
      } catch (error) {
        this.log('Tableside: a listener failed', error);
      }
    }
  }

  /**
   * The push for what changed since the last one: the tables the applied
   * operations touched, and in each only what changed (`changes`); or the
   * whole snapshot when the event, the list of tables or anything not one
   * table's changed, or nothing has been pushed yet.
   */
  private nextPush(): Push {
    this.ensureFresh();
    // A laptop's new name shows on every table it claims or took over (and in the takeovers from it): all of them.
    const namesKey = this.reads.namesKey();
    if (namesKey !== this.pushedNamesKey) this.dirtyAll = true;
    if (!this.dirtyAll) {
      const tables: TablePatch[] = [];
      let complete = true;
      // A person sent here from another table shows there too (sent to, Put back): that table is pushed with this one.
      for (const id of this.reads.sendingTables([...this.dirtyTables])) this.dirtyTables.add(id);
      for (const id of this.dirtyTables) {
        const memo = this.pushedTables.get(id);
        const table = this.reads.table(id);
        if (!memo || !table) {
          complete = false;
          break;
        }
        const patch = diffTable(memo, table);
        if (patch) tables.push(patch);
        // A new name shows where people from this table were sent to ("from Table 2"): those tables are pushed too.
        if (patch?.fields.name !== undefined) for (const to of this.reads.receivingTables(id)) this.dirtyTables.add(to);
      }
      if (complete) {
        this.dirtyTables.clear();
        return {
          type: 'changes',
          payload: { device: this.deviceView(), sync: this.syncView(), tables },
        };
      }
    }
    const snapshot = this.snapshot();
    this.pushedTables.clear();
    for (const t of snapshot.tables) this.pushedTables.set(t.id, memoOf(t));
    this.dirtyTables.clear();
    this.dirtyAll = false;
    this.pushedNamesKey = namesKey;
    return { type: 'snapshot', payload: snapshot };
  }

  /** After a commit: one push for all changes made in this turn of the event loop. */
  private changed(): void {
    if (this.rememberedEventId === null && !this.stale) this.rememberIdentity(this.eventId());
    this.timers.refresh();
    this.scheduleCheckpoint();
    if (this.snapshotQueued) return;
    this.snapshotQueued = true;
    setImmediate(() => {
      this.snapshotQueued = false;
      if (!this.closed && this.listeners.size > 0) this.emit(this.nextPush());
    });
  }

  /**
   * Copy the WAL back into the database once writes pause for a moment,
   * outside any command (automatic checkpoints are off: see db.ts). PASSIVE
   * never waits for readers; the WAL itself is already durable.
   */
  private scheduleCheckpoint(delayMs = CHECKPOINT_AFTER_IDLE_MS): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (this.closed) return;
      if (this.checkpoint('PASSIVE')) {
        this.checkpointRetryMs = CHECKPOINT_RETRY_MS;
      } else {
        // The WAL holds every commit durably; copying it back can wait for space.
        this.scheduleCheckpoint(this.checkpointRetryMs);
        this.checkpointRetryMs = Math.min(this.checkpointRetryMs * 2, CHECKPOINT_RETRY_MAX_MS);
      }
    }, delayMs);
    this.checkpointTimer.unref?.();
  }

  /**
   * Copy the WAL into the database. Never fatal: a full disk or read-only
   * storage is logged and the WAL keeps the data (false is returned).
   */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): boolean {
    if (this.db.name === ':memory:' || this.db.readonly) return true;
    try {
      this.db.pragma(`wal_checkpoint(${mode})`);
      return true;
    } catch (error) {
      const fault = storageFault(error);
      this.log(`Tableside: checkpoint (${mode}) failed${fault ? ` (${fault.code})` : ''}; the write-ahead log keeps the data`, error);
      return false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.stop();
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.listeners.clear();
    this.checkpoint('TRUNCATE');
    try {
      this.db.close();
    } catch (error) {
      // Read-only or vanished storage: the data is what was committed; closing goes on.
      this.log('Tableside: closing the database failed', error);
    }
  }

  /** Send a push to every UI on behalf of a service outside the core (export progress: electron/export). */
  publish(push: Push): void {
    if (!this.closed) this.emit(push);
  }
}

/** The file behind a connection's name. */
function databasePath(name: string): string {
  return name;
}

/** At most this many issues are reported for one call (a form shows a few; a hostile call may have thousands). */
const MAX_ISSUES = 20;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fail(code: 'unknown_method' | 'rejected' | 'internal', message: string, params?: ErrorParams): Envelope<never> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

/**
 * A field's problem as a code and parameters the renderer translates
 * (`errors.field.<code>`): zod's own codes, by what was measured (a text's
 * length, a number, a list), or the code a refinement gave in its params.
 */
export function issueCode(issue: z.core.$ZodIssue): { code: string; params?: ErrorParams } {
  // A check that words its message as a session problem (a time as HH:MM) is that problem.
  const named = Object.entries(SESSION_PROBLEM_MESSAGES).find(([, message]) => message === issue.message)?.[0];
  if (named && issue.code !== 'custom') return { code: named };
  switch (issue.code) {
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? { code: 'required' } : { code: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { minimum } };
      return { code: 'too_small', params: { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { maximum } };
      return { code: 'too_big', params: { maximum } };
    }
    case 'invalid_type':
      return { code: issue.input === undefined ? 'required' : 'invalid_type' };
    case 'invalid_format':
    case 'invalid_value':
    case 'unrecognized_keys':
      return { code: issue.code };
    case 'custom': {
      const { code, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
      const params = Object.fromEntries(
        Object.entries(rest).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'),
      );
      return typeof code === 'string' ? { code, params } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

const GATE_MESSAGES = {
  too_deep: (p: Record<string, number>) => `The request is nested too deeply (more than ${p.max} levels); nothing was changed.`,
  too_large: (p: Record<string, number>) => `The request is too large (more than ${limitSize(p) ?? '?'}); nothing was changed.`,
  not_json: () => 'The request is not valid JSON; nothing was changed.',
  not_utf8: () => 'The request is not UTF-8 text; nothing was changed.',
} as const;

/** A refusal at the gate (shared/guard.ts), as an envelope: code and parameters, never the input. */
export function gateFailure(code: keyof typeof GATE_MESSAGES, params: Record<string, number>): Envelope<never> {
  return { ok: false, error: { code, message: GATE_MESSAGES[code](params), params } };
}

/**
 * What the log will hold is what a replay and every other laptop will read:
 * the payload after a JSON round trip must still pass its type's schema (an
 * Infinity would be stored as null, and every later sync refused). Throws
 * RejectedError, so the command changes nothing.
 */
function checkRoundTrip(draft: OpDraft): void {
  const back: unknown = JSON.parse(JSON.stringify(draft.payload));
  if (!opPayloads[draft.type].safeParse(back).success) {
    throw new RejectedError('That change holds a value out of range and cannot be recorded; nothing was changed.', 'out_of_range');
  }
}
