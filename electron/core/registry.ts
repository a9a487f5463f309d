/**
 * The registry: every operation type and every core command, gathered from
 * the areas (electron/core/areas/: event, queue, turns, crowd modes,
 * organiser, notes and follow-ups, which laptop runs which table, the
 * rehearsal's player).
 *
 * `OPERATIONS` has one entry per operation type of shared/ops.ts, each with
 * its schema, projection, footprint, privacy rule and export reading
 * (operation.ts); `CORE_COMMANDS` one handler per method the contract says
 * the core answers. Both are checked with `satisfies` against mapped types
 * over the unions, so a type or method without its entry, or an entry
 * without one of its fields, fails the type-check. The rest of the core
 * reads the rules from here: projection.ts, footprint.ts, oplog.ts (what may
 * leave) and export-facts.ts (how exports read).
 */
import type { Op, OpPayload, OpType } from '../../shared/ops.js';
import { assertNever } from '../../shared/assert.js';
import type { HandlerTable } from './command.js';
import type { LeavePolicy, OpSpec } from './operation.js';
import { crowdCommands, crowdOperations } from './areas/crowd.js';
import { eventCommands, eventOperations } from './areas/event.js';
import { notesCommands, notesOperations } from './areas/notes.js';
import { organiserCommands, organiserOperations } from './areas/organiser.js';
import { planCommands } from './areas/plan.js';
import { feedbackCommands, feedbackOperations } from './areas/feedback.js';
import { laptopCommands, laptopOperations } from './areas/laptops.js';
import { queueCommands, queueOperations } from './areas/queue.js';
import { turnCommands, turnOperations } from './areas/turns.js';
import { rehearsalOperations } from './areas/rehearsal.js';

/** Every operation type's entry. */
export type OperationRegistry = { [K in OpType]: OpSpec<K> };

export const OPERATIONS = {
  ...eventOperations,
  ...queueOperations,
  ...turnOperations,
  ...crowdOperations,
  ...organiserOperations,
  ...notesOperations,
  ...feedbackOperations,
  ...laptopOperations,
  ...rehearsalOperations,
} satisfies OperationRegistry;

/** The core's handler table: every method whose `service` is 'core'. */
export const CORE_COMMANDS = {
  ...eventCommands,
  ...queueCommands,
  ...turnCommands,
  ...crowdCommands,
  ...organiserCommands,
  ...notesCommands,
  ...planCommands,
  ...feedbackCommands,
  ...laptopCommands,
} satisfies HandlerTable;

/** Every operation type, in the registry's order. */
export const OP_TYPES = Object.keys(OPERATIONS) as OpType[];

/** The entry of one type. */
export function opSpec<K extends OpType>(type: K): OpSpec<K> {
  return (OPERATIONS as OperationRegistry)[type];
}

function leavesWith<P>(policy: LeavePolicy<P>, payload: P): boolean {
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  if (typeof policy === 'object') return payload[policy.when] === true;
  return assertNever(policy);
}

/** Whether `op` may leave the laptop (sync, sync files, another laptop's export): its type's `leaves` rule. */
export function mayLeave(op: Op): boolean {
  const spec = opSpec(op.type) as OpSpec<OpType>;
  return leavesWith(spec.leaves as LeavePolicy<OpPayload<OpType>>, op.payload);
}

/**
 * The same rule as an SQL condition over the `ops` table (type, payload as
 * JSON text): true for an operation that must stay on this laptop. A field
 * absent from an older payload counts as false.
 */
export function staysSql(): string {
  const conditions: string[] = [];
  for (const type of OP_TYPES) {
    const policy = opSpec(type).leaves as LeavePolicy<unknown>;
    if (policy === 'always') continue;
    if (policy === 'never') conditions.push(`type = '${type}'`);
    else if (typeof policy === 'object') {
      conditions.push(`(type = '${type}' AND coalesce(json_extract(payload, '$.${String(policy.when)}'), 0) = 0)`);
    } else assertNever(policy);
  }
  if (conditions.length === 0) return '0';
  return conditions.length === 1 ? conditions[0]! : `(${conditions.join(' OR ')})`;
}

/**
 * For exports: the coaching table each operation is made for, as an SQL
 * expression over `ops` and the types that have one (`exportRead.table`).
 */
export function exportTableSql(): { expression: string; types: string[] } {
  const byField = new Map<string, string[]>();
  for (const type of OP_TYPES) {
    const field = opSpec(type).exportRead.table as string | null;
    if (field === null) continue;
    byField.set(field, [...(byField.get(field) ?? []), type]);
  }
  const cases = [...byField].map(
    ([field, types]) =>
      `WHEN type IN (${types.map((t) => `'${t}'`).join(', ')}) THEN json_extract(payload, '$.${field}')`,
  );
  return {
    expression: cases.length === 0 ? 'NULL' : `CASE ${cases.join(' ')} END`,
    types: [...byField.values()].flat(),
  };
}
