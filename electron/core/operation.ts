/**
 * What every operation type declares (its entry in the registry,
 * electron/core/registry.ts): next to its payload schema, its projection,
 * its footprint, whether it may leave the laptop, and how exports read it.
 * `OpSpec<K>` has no optional field, so a type that leaves one out fails the
 * type-check (test/types/registry.test-d.ts shows it).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ExportFacts } from '../../shared/export/model.js';
import type { Op, OpPayload, OpType, opPayloads } from '../../shared/ops.js';

/**
 * Whether an operation may leave the laptop that made it (sync, sync files,
 * another laptop's JSON export):
 * - `'always'`;
 * - `'never'`: it stays where it was made;
 * - `{ when: field }`: only if that boolean field of its payload is true
 *   (absent counts as false: the note's `shared`).
 */
export type LeavePolicy<P> = 'always' | 'never' | { when: BooleanField<P> };
export type BooleanField<P> = {
  [F in keyof P]-?: NonNullable<P[F]> extends boolean ? F : never;
}[keyof P] &
  string;
export type StringField<P> = {
  [F in keyof P]-?: P[F] extends string ? F : never;
}[keyof P] &
  string;

/** The parts of the export's facts (shared/export/model.ts) an operation's projection can change. */
export type ExportFactKind = keyof Pick<
  ExportFacts,
  'event' | 'tables' | 'entries' | 'interactions' | 'participations' | 'followUps' | 'feedback'
>;

/**
 * How exports read an operation. Exports read the projection (the facts),
 * not the operations, so this says:
 * - `facts`: which facts its projection can change (empty: nothing an export
 *   shows, such as a rank or a broadcast). A unit test applies every type and
 *   checks that nothing else changes.
 * - `table`: the payload field naming the coaching table it is made for,
 *   which tells an export which laptop runs which table; null if none.
 * The JSON export (the complete log) carries every operation the privacy
 * rule (`leaves`) lets out, and this laptop's own private ones.
 */
export interface ExportRead<P> {
  facts: readonly ExportFactKind[];
  table: StringField<P> | null;
}

/** Kinds of rows a footprint can ask about (whether one is held). */
export type RowKind =
  | 'event'
  | 'topic'
  | 'table'
  | 'entry'
  | 'turn'
  | 'rotation'
  | 'group'
  | 'note'
  | 'followup'
  | 'broadcast';

/**
 * What a footprint function may ask and record, against the tables as they
 * are just before the operation applies (electron/core/footprint.ts). Each
 * method adds the parts it finds; `unplaceable()` (and the methods that find
 * an impossible link) end the placing: the operation then commutes with
 * nothing until the next replay.
 */
export interface Placer {
  /** The event itself (its details, topics). */
  event(): void;
  /** A row this operation makes: nothing may hold it already. */
  makes(kind: RowKind, id: string): void;
  /** A row this operation needs to exist: if it does not, its absence is a part. */
  needs(kind: RowKind, id: string): void;
  /** A row nothing else reads, made once: unplaceable if held already; no part. */
  once(kind: RowKind, id: string): void;
  /** The absence of a row, read. */
  absent(id: string): undefined;
  /** An entry (of `tableId`, if given) and the table of its copy, if it was sent on; its table. */
  entry(entryId: string, tableId?: string): string | undefined;
  /** A held coaching table (or its absence); its id. */
  table(tableId: string): string | undefined;
  /** A coaching table as a part, held or not (the operation that makes it). */
  onTable(tableId: string): void;
  turn(turnId: string): string | undefined;
  rotation(rotationId: string): string | undefined;
  /** A rotation group's rotation, or undefined if the group is not held (no part added). */
  groupRotation(groupId: string): string | undefined;
  /** The members of a rotation group, by entry id. */
  groupMembers(groupId: string): string[];
  /** The turn a held note belongs to, or undefined (no part added). */
  noteTurn(noteId: string): string | undefined;
  /** The entry a held follow-up is for, or undefined (no part added). */
  followUpEntry(followupId: string): string | undefined;
  /** Give up: the operation cannot be placed. */
  unplaceable(): never;
}

/** One applier: writes the projection rows for one operation. Idempotent. */
export type Applier<K extends OpType> = (payload: OpPayload<K>, op: Op) => void;

/**
 * What a projection factory gets once per database: `prepare` for its own
 * statements, and the rules several operation types share.
 */
export interface ProjectionKit {
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
  readonly db: Database;
  /** JSON text for a list column. */
  json(value: unknown): string;
  /** Someone is being coached: wins over what happened to their entry elsewhere (ARCHITECTURE.md). */
  beingCoached(entryId: string, at: number): void;
  /** Insert an interaction (a turn of any mode); false if it was already there. */
  startInteraction(p: {
    turnId: string;
    tableId: string;
    mode: string;
    topic: string | null;
    rotationId: string | null;
    groupId: string | null;
    startedAt: number;
    deadline: number;
  }): boolean;
  insertParticipant(turnId: string, entryId: string, at: number): void;
  /** The entry's status, copy and table, if held. */
  entryRow(entryId: string): { status: string; transferred_to: string | null; table_id: string } | undefined;
  /** Someone gone: out of the turn that runs and of rotation groups not yet called. */
  leaveRunningTurn(p: { entryId: string; at: number }): void;
  leaveFutureGroups(p: { entryId: string }): void;
  /** A rotation group's row (insert or ignore). */
  insertGroup(groupId: string, rotationId: string, position: number): void;
  insertMember(groupId: string, entryId: string): void;
}

/** The registry entry of operation type K. Every field is required. */
export interface OpSpec<K extends OpType> {
  /** The payload's schema (shared/ops.ts, where the sync protocol and the JSON import parse it). */
  payload: (typeof opPayloads)[K];
  /** Its projection: given the kit once, the applier for every operation of this type. */
  project: (kit: ProjectionKit) => Applier<K>;
  /** The parts of the tables it reads or writes (see footprint.ts). */
  footprint: (payload: OpPayload<K>, at: Placer) => void;
  /** Whether it may leave the laptop. */
  leaves: LeavePolicy<OpPayload<K>>;
  /** How exports read it. */
  exportRead: ExportRead<OpPayload<K>>;
}

/** The entries of an area's operation types. */
export type OpSpecs<K extends OpType> = { [T in K]: OpSpec<T> };
