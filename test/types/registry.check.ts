/**
 * Type-level checks of the registry (electron/core/registry.ts), compiled by
 * the normal type-check (`npm run typecheck`, tsconfig.json). Each
 * `@ts-expect-error` must meet an error, or tsc fails ("unused directive"):
 * an operation type whose entry lacks its footprint, its privacy rule, its
 * projection or its export reading does not compile, nor does a registry
 * that leaves a type out, nor a core without a handler for one of its
 * commands, nor a service handler map missing one of the service's methods
 * or returning the wrong result.
 */
import { opPayloads } from '../../shared/ops.js';
import type { HandlerTable } from '../../electron/core/command.js';
import type { ServiceHandlers } from '../../electron/core/core.js';
import type { OpSpec } from '../../electron/core/operation.js';
import { CORE_COMMANDS, OPERATIONS, type OperationRegistry } from '../../electron/core/registry.js';

const complete = {
  payload: opPayloads['broadcast.sent'],
  project: () => () => {},
  footprint: (p, at) => at.once('broadcast', p.broadcastId),
  leaves: 'always',
  exportRead: { facts: [], table: null },
} satisfies OpSpec<'broadcast.sent'>;

const { footprint: _footprint, ...withoutFootprint } = complete;
const { leaves: _leaves, ...withoutPrivacy } = complete;
const { project: _project, ...withoutProjection } = complete;
const { exportRead: _exportRead, ...withoutExportRead } = complete;

export const typeChecks = [
  complete satisfies OpSpec<'broadcast.sent'>,
  // @ts-expect-error an operation type without a footprint does not compile
  withoutFootprint satisfies OpSpec<'broadcast.sent'>,
  // @ts-expect-error an operation type without a privacy rule (`leaves`) does not compile
  withoutPrivacy satisfies OpSpec<'broadcast.sent'>,
  // @ts-expect-error an operation type without a projection does not compile
  withoutProjection satisfies OpSpec<'broadcast.sent'>,
  // @ts-expect-error an operation type without its export reading does not compile
  withoutExportRead satisfies OpSpec<'broadcast.sent'>,
  // @ts-expect-error a privacy rule must name a boolean field of the payload
  { ...complete, leaves: { when: 'text' } } satisfies OpSpec<'broadcast.sent'>,
  { ...OPERATIONS, 'broadcast.sent': complete } satisfies OperationRegistry,
  // @ts-expect-error the registry with one type's entry lacking its footprint does not compile
  { ...OPERATIONS, 'broadcast.sent': withoutFootprint } satisfies OperationRegistry,
  // @ts-expect-error the registry with one type's entry lacking its privacy rule does not compile
  { ...OPERATIONS, 'broadcast.sent': withoutPrivacy } satisfies OperationRegistry,
];

// The rehearsal's player (rehearsal.played) is an operation like any other: its entry needs every field too.
const { footprint: _playedFootprint, ...playedWithoutFootprint } = OPERATIONS['rehearsal.played'];
export const playedChecks = [
  OPERATIONS['rehearsal.played'] satisfies OpSpec<'rehearsal.played'>,
  // @ts-expect-error the registry with the rehearsal player's entry lacking its footprint does not compile
  { ...OPERATIONS, 'rehearsal.played': playedWithoutFootprint } satisfies OperationRegistry,
];

const { 'broadcast.sent': _broadcast, ...oneTypeLeftOut } = OPERATIONS;
// @ts-expect-error a registry without an entry for every operation type does not compile
export const missingType: OperationRegistry = oneTypeLeftOut;

const { 'turn.end': _turnEnd, ...oneCommandLeftOut } = CORE_COMMANDS;
// @ts-expect-error the core's handler table must answer every method whose service is 'core'
export const missingCommand: HandlerTable = oneCommandLeftOut;

export const shellHandlers: ServiceHandlers<'shell'> = {
  'export.saveAs': ({ exportId }) => ({ folder: exportId, files: [] }),
  'report.savePdf': () => ({ path: null, bytes: 0 }),
  'signs.print': () => ({ printed: false }),
  'signs.savePdf': () => ({ path: null, bytes: 0 }),
};
// @ts-expect-error a service's handler map must answer each of its methods
export const shellMissing: ServiceHandlers<'shell'> = { 'report.savePdf': () => ({ path: null, bytes: 0 }) };
export const shellWrongResult: ServiceHandlers<'shell'> = {
  'export.saveAs': () => ({ folder: null, files: [] }),
  'signs.print': () => ({ printed: true }),
  'signs.savePdf': () => ({ path: null, bytes: 0 }),
  // @ts-expect-error a handler's result must be its method's result in the contract
  'report.savePdf': () => ({ path: 1, bytes: 0 }),
};
