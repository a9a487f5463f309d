/**
 * Convergence: five laptops make changes while partitioned, their clocks
 * hours apart; operations travel in batches that arrive shuffled and twice;
 * after the network heals and everyone syncs, every laptop holds the same
 * state. (Private notes are the one deliberate difference: they never leave
 * their laptop, and are compared apart.)
 *
 * The actions cover every operation type in the registry: `GENERATORS` names
 * the actions that make each type, typed over the registry's types (a new
 * type without a generator fails the type-check), and a test fails if a type
 * of the registry is never made by the generated days (over the union of the
 * days simulated: further seeds run only while a type is missing, so a new
 * generator step that reshuffles the fixed seed's days does not break it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { PROJECTION_TABLES } from '../../electron/core/projection.js';
import type { Op, OpType } from '../../shared/ops.js';
import { OP_TYPES } from '../../electron/core/registry.js';
import { ticketText } from '../../shared/domain/ticket.js';
import { checkUntilCovered, EVENT, PROPERTY, T0, TABLE, testCore } from './helpers.js';

const HOUR = 3_600_000;
const TOPIC = TABLE.topics[0] ?? 'Personal branding';

interface Replica {
  core: Core;
  clock: ManualClock;
}

type Action =
  | { kind: 'walkin'; r: number; party: number; withTopic: boolean }
  | { kind: 'start'; r: number; pick: number }
  | { kind: 'end'; r: number; pick: number }
  | { kind: 'note'; r: number; pick: number; text: string; shared: boolean }
  | { kind: 'status'; r: number; pick: number; status: number }
  | { kind: 'move'; r: number; pick: number; up: boolean }
  | { kind: 'rotate'; r: number; size: number; endTurn: boolean }
  | { kind: 'next'; r: number }
  | { kind: 'transfer'; r: number; pick: number; table: number }
  | { kind: 'broadcast'; r: number; text: string }
  | { kind: 'eventUpdate'; r: number; text: string }
  | { kind: 'topicAdd'; r: number; text: string }
  | { kind: 'topicRemove'; r: number; pick: number }
  | { kind: 'tableUpdate'; r: number; minutes: number }
  | { kind: 'configure'; r: number; minutes: number; auto: boolean }
  | { kind: 'close'; r: number }
  | { kind: 'reopen'; r: number }
  | { kind: 'plenary'; r: number }
  | { kind: 'focus'; r: number; pick: number }
  | { kind: 'autoAdvance'; r: number; on: boolean }
  | { kind: 'endRotation'; r: number }
  | { kind: 'followup'; r: number; pick: number; consent: boolean }
  | { kind: 'feedback'; r: number; pick: number; useful: number }
  | { kind: 'followupChange'; r: number; pick: number; note: string; withdraw: boolean }
  | { kind: 'turnTime'; r: number; what: number; minutes: number }
  | { kind: 'undoTurn'; r: number; start: boolean }
  | { kind: 'takeOver'; r: number; table: number }
  | { kind: 'adopt'; r: number; from: number }
  | { kind: 'play'; r: number; playing: boolean; speed: number; minute: number }
  | { kind: 'tick'; r: number; ms: number }
  | { kind: 'deliver'; from: number; to: number; shuffle: number; duplicate: boolean; limit: number }
  | { kind: 'partition'; groups: number[] };

const N = 5;
const r = fc.nat(N - 1);
const pick = fc.nat(40);
const text = fc.stringMatching(/^[a-z]{1,8}$/);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('walkin' as const), r, party: fc.integer({ min: 1, max: 3 }), withTopic: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('start' as const), r, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), r, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), r, pick, text, shared: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), r, pick, status: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), r, pick, up: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('rotate' as const), r, size: fc.integer({ min: 2, max: 3 }), endTurn: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('next' as const), r }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('transfer' as const), r, pick, table: fc.nat(N - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('broadcast' as const), r, text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eventUpdate' as const), r, text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('topicAdd' as const), r, text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('topicRemove' as const), r, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tableUpdate' as const), r, minutes: fc.integer({ min: 5, max: 20 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('configure' as const), r, minutes: fc.integer({ min: 1, max: 20 }), auto: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), r }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reopen' as const), r }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plenary' as const), r }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('focus' as const), r, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('autoAdvance' as const), r, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endRotation' as const), r }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('followup' as const), r, pick, consent: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('feedback' as const), r, pick, useful: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('followupChange' as const), r, pick, note: text, withdraw: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undoTurn' as const), r, start: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('turnTime' as const), r, what: fc.nat(2), minutes: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), r, ms: fc.integer({ min: -HOUR, max: 20 * 60_000 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      from: r,
      to: r,
      shuffle: fc.nat(1000),
      duplicate: fc.boolean(),
      limit: fc.integer({ min: 1, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), groups: fc.array(fc.nat(1), { minLength: N, maxLength: N }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('takeOver' as const), r, table: fc.nat(N - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adopt' as const), r, from: fc.nat(N - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('play' as const), r, playing: fc.boolean(), speed: fc.nat(2), minute: fc.integer({ min: 0, max: 105 }) }),
  },
);

/**
 * The actions that make each operation type of the registry (`setup` is the
 * start of every simulated day). Typed over every type: one without an
 * action does not compile, and the first test below fails if the generated
 * days never make a type of the registry.
 */
const GENERATORS: { readonly [K in OpType]: readonly (Action['kind'] | 'setup')[] } = {
  'event.created': ['setup'],
  'event.updated': ['eventUpdate'],
  'topic.added': ['topicAdd'],
  'topic.removed': ['topicRemove'],
  'table.created': ['setup'],
  'table.updated': ['tableUpdate'],
  'table.configured': ['configure'],
  'table.closed': ['close'],
  'table.reopened': ['reopen'],
  'walkin.added': ['walkin'],
  'entry.ranked': ['move'],
  'entry.status': ['status'],
  'turn.started': ['start'],
  'turn.ended': ['end', 'next', 'endRotation'],
  'turn.extended': ['turnTime'],
  'turn.paused': ['turnTime'],
  'turn.resumed': ['turnTime'],
  'turn.reopened': ['undoTurn'],
  'turn.cancelled': ['undoTurn'],
  'group.started': ['plenary', 'focus'],
  'rotation.started': ['rotate'],
  'rotation.groupStarted': ['rotate', 'next'],
  'rotation.joined': ['walkin'],
  'rotation.autoAdvance': ['autoAdvance'],
  'rotation.ended': ['next', 'endRotation', 'close'],
  'entry.transferred': ['transfer'],
  'broadcast.sent': ['broadcast'],
  'note.saved': ['note'],
  'followup.recorded': ['followup'],
  'feedback.given': ['feedback'],
  'followup.edited': ['followupChange'],
  'followup.withdrawn': ['followupChange'],
  'table.takenOver': ['takeOver'],
  'laptop.claimed': ['takeOver', 'adopt'],
  'rehearsal.played': ['play'],
};

const at = <T,>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Deliver what `to` lacks from `from`, at most `limit` operations: the protocol's batch. */
function deliver(from: Core, to: Core, limit: number, shuffle: number, duplicate: boolean): void {
  const { ops } = from.missingFor(to.vector(), limit);
  const batch: Op[] = shuffled(ops, shuffle);
  to.applyOps(batch);
  if (duplicate) to.applyOps(shuffled(batch, shuffle + 7));
  // Late operations applied in place (footprint.ts) must leave exactly what a
  // replay of the whole log in order gives.
  const inPlace = state(to, false);
  to.rebuildFromLog();
  expect(inPlace).toEqual(state(to, false));
}

function waiting(core: Core, tableIndex?: number): string[] {
  const tables = core.snapshot().tables;
  const list = tableIndex === undefined ? tables : [tables[tableIndex % Math.max(1, tables.length)]].filter(Boolean);
  return list.flatMap((t) => t!.queue.map((e) => e.id));
}

function run(core: Core, clock: ManualClock, a: Action, tableOf: Map<Core, string>): void {
  const tableId = tableOf.get(core);
  const snap = () => core.snapshot();
  const own = () => snap().tables.find((t) => t.id === tableId);
  switch (a.kind) {
    case 'walkin':
      if (tableId) core.dispatch('walkin.add', { tableId, name: '', topics: a.withTopic ? [TOPIC] : [], partySize: a.party, ...(a.party % 2 === 0 ? { languages: ['fr', 'ar'] } : {}) });
      break;
    case 'start': {
      const entryId = at(own()?.queue ?? [], a.pick)?.id;
      if (tableId) core.dispatch('turn.start', { tableId, ...(entryId && a.pick % 3 === 0 ? { entryId } : {}) });
      break;
    }
    case 'end': {
      const turn = own()?.currentTurn;
      if (turn) core.dispatch('turn.end', { turnId: turn.id });
      break;
    }
    case 'note': {
      const turns = [...(own()?.currentTurn ? [own()!.currentTurn!] : []), ...(own()?.pastTurns ?? [])];
      const turn = at(turns, a.pick);
      // A note is shared from its first save or never (un-sharing cannot recall a copy; see ARCHITECTURE.md).
      if (turn) core.dispatch('note.save', { turnId: turn.id, text: a.text, shared: turn.note ? turn.note.shared : a.shared });
      break;
    }
    case 'status': {
      const entryId = at(waiting(core), a.pick);
      if (entryId) core.dispatch('entry.setStatus', { entryId, status: (['away', 'no_show', 'left', 'removed', 'waiting'] as const)[a.status] });
      break;
    }
    case 'move': {
      const entryId = at(own()?.queue ?? [], a.pick)?.id;
      if (entryId) core.dispatch('queue.move', { entryId, direction: a.up ? 'up' : 'down' });
      break;
    }
    case 'rotate': {
      if (!tableId) break;
      // A table's turns rarely pause on their own: the coach ends the one that runs to start a rotation.
      const running = own()?.currentTurn;
      if (a.endTurn && running && !own()?.rotation) core.dispatch('turn.end', { turnId: running.id });
      const p = core.dispatch('rotation.propose', { tableId, maxGroupSize: a.size });
      const groups = p.ok ? (p.value as { groups: string[][] }).groups : [];
      if (groups.length > 0) core.dispatch('rotation.start', { tableId, maxGroupSize: a.size, turnMinutes: 15, autoAdvance: false, groups });
      break;
    }
    case 'next': {
      const rotation = own()?.rotation;
      if (rotation) core.dispatch('rotation.next', { rotationId: rotation.id });
      break;
    }
    case 'transfer': {
      // The organiser (any laptop) sends someone waiting anywhere to another table.
      const tables = snap().tables;
      const entryId = at(waiting(core), a.pick);
      const to = at(tables, a.table)?.id;
      // Sending someone to the table they are at is refused: then "Put back" someone sent on from a table, if anyone
      // (entry.bringBack: back from where they wait now), so the actions' mix stays as it was.
      const sentOn = tables.flatMap((t) => t.gone.filter((g) => g.status === 'transferred'));
      const here = entryId ? tables.find((t) => t.queue.some((e) => e.id === entryId))?.id : undefined;
      if (here !== undefined && here === to && sentOn.length > 0) core.dispatch('entry.bringBack', { entryId: at(sentOn, a.pick)!.id });
      else if (entryId && to) core.dispatch('entry.transfer', { entryId, toTableId: to });
      break;
    }
    case 'broadcast':
      core.dispatch('broadcast.send', { text: a.text });
      break;
    case 'eventUpdate':
      core.dispatch('event.update', { ...EVENT, place: a.text });
      break;
    case 'topicAdd':
      core.dispatch('topic.add', { label: a.text });
      break;
    case 'topicRemove': {
      const topic = at(snap().event?.topics ?? [], a.pick);
      if (topic) core.dispatch('topic.remove', { topicId: topic.id });
      break;
    }
    case 'tableUpdate':
      if (tableId) core.dispatch('table.update', { tableId, fields: { ...TABLE, name: own()?.name ?? '', turnMinutes: a.minutes, languages: a.minutes % 2 === 0 ? ['en', 'fr'] : ['de'] } });
      break;
    case 'configure':
      if (tableId) {
        core.dispatch('table.configure', {
          tableId,
          holdMinutes: a.minutes,
          maxGroupSize: 3,
          rotationMinutes: a.minutes,
          autoAdvance: a.auto,
          questions: [],
        });
      }
      break;
    case 'close':
      if (tableId) core.dispatch('table.close', { tableId });
      break;
    case 'reopen':
      if (tableId) core.dispatch('table.reopen', { tableId });
      break;
    case 'plenary':
      if (tableId) core.dispatch('plenary.start', { tableId, minutes: 10 });
      break;
    case 'focus': {
      const queue = own()?.queue.filter((e) => e.status === 'waiting') ?? [];
      const chosen = [at(queue, a.pick), at(queue, a.pick + 1)].flatMap((e) => (e ? [e.id] : []));
      if (tableId && chosen.length > 0) core.dispatch('focus.start', { tableId, topic: TOPIC, entryIds: chosen, minutes: 10 });
      break;
    }
    case 'autoAdvance': {
      const rotation = own()?.rotation;
      if (rotation) core.dispatch('rotation.setAutoAdvance', { rotationId: rotation.id, autoAdvance: a.on });
      break;
    }
    case 'endRotation': {
      const rotation = own()?.rotation;
      if (rotation) core.dispatch('rotation.end', { rotationId: rotation.id });
      break;
    }
    case 'followup': {
      const table = own();
      const turn = at([...(table?.currentTurn ? [table.currentTurn] : []), ...(table?.pastTurns ?? [])], a.pick);
      const person = turn?.participants[0];
      if (turn && person) {
        core.dispatch('followup.record', {
          entryId: person.id,
          turnId: turn.id,
          consent: a.consent,
          ...(a.consent ? { contact: 'someone@example.org' } : {}),
          note: 'Send the slides',
        });
      }
      break;
    }
    case 'feedback': {
      // A participant's card about one of this table's ended turns.
      const turn = at(own()?.pastTurns ?? [], a.pick);
      if (turn) core.dispatch('feedback.record', { turnId: turn.id, useful: a.useful, wantsMentoring: a.useful > 3 });
      break;
    }
    case 'followupChange': {
      // Edit a follow-up of this table (contact only with consent), or withdraw consent.
      const f = at(own()?.followUps ?? [], a.pick);
      if (f && a.withdraw) core.dispatch('followup.withdraw', { followUpId: f.id });
      else if (f) core.dispatch('followup.edit', { followUpId: f.id, note: a.note, ...(f.consent ? { contact: `${a.note}@example.org` } : {}) });
      break;
    }
    case 'turnTime': {
      // More time, or the clock paused or resumed, on whatever turn runs at this table (any mode).
      const turn = own()?.currentTurn;
      if (!turn) break;
      if (a.what === 0) core.dispatch('turn.extend', { turnId: turn.id, minutes: a.minutes });
      else core.dispatch(turn.pausedAt === null ? 'turn.pause' : 'turn.resume', { turnId: turn.id });
      break;
    }
    case 'undoTurn': {
      // Undo of Start turn (the one running) or of End turn (the last one ended), moments after it.
      const table = own();
      const running = table?.currentTurn;
      if (running && a.start) core.dispatch('turn.undoStart', { turnId: running.id });
      else if (!running && table?.pastTurns[0]) core.dispatch('turn.undoEnd', { turnId: table.pastTurns[0].id });
      break;
    }
    case 'takeOver': {
      // A laptop takes a table over (any table, its own or another's: the latest takeover by HLC holds).
      const to = at(snap().tables, a.table)?.id;
      if (!to) break;
      core.dispatch('table.takeOver', { tableId: to });
      // As the screen does after a takeover, the laptop claims the table (laptop.claimed); then none again (two
      // laptop.claimed, the latest must hold everywhere), since a claim kept would make it read-only at every other
      // table, and the days would make far fewer of the other operations.
      core.dispatch('settings.update', { myTables: [to] });
      core.dispatch('settings.update', { myTables: [] });
      break;
    }
    case 'adopt': {
      // As if restored from another laptop's backup: it takes over that one's tables (its claims replaced, its
      // takeovers taken over, logged); then claims none again, as takeOver does, so the day acts on every table.
      const old = at([...tableOf.keys()], a.from);
      if (!old || old === core) break;
      core.adoptClaims(old.deviceId);
      core.dispatch('settings.update', { myTables: [] });
      break;
    }
    case 'play':
      // The rehearsal's player here starts, pauses or changes speed (the rehearsal service says so in the log).
      core.recordPlayer({ playing: a.playing, speed: ([1, 5, 20] as const)[a.speed]!, minute: a.minute, next: a.minute, floorAt: clock.now() });
      break;
    case 'tick':
      clock.set(Math.max(1, clock.now() + a.ms));
      break;
    default:
      break;
  }
}

/** Per table, the tickets the table screen shows for everyone in its queue, after checking they are unique there. */
function shownTickets(core: Core): string[][] {
  return core.snapshot().tables.map((t) => {
    const list = t.queue.map((e) => ticketText(e));
    expect(new Set(list).size, `${t.name}: ${list.join(', ')}`).toBe(list.length);
    return list;
  });
}

function state(core: Core, privateNotes: boolean): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  core.ensureFresh();
  const db = core.database;
  for (const t of PROJECTION_TABLES) {
    const where = t === 'notes' ? ` WHERE shared = ${privateNotes ? 0 : 1}` : '';
    out[t] = db.prepare(`SELECT * FROM ${t}${where} ORDER BY 1, 2`).all();
  }
  return out;
}

/**
 * Five laptops with clocks `skews` apart run `actions` (changes, deliveries,
 * partitions); then the network heals and everyone syncs with the hub.
 */
function simulate(skews: readonly number[], actions: readonly Action[]): Replica[] {
  const replicas: Replica[] = skews.map((skew, i) => {
    const clock = new ManualClock(T0 + skew);
    return { ...testCore({ clock, prefix: `r${i}` }), clock };
  });
  const tableOf = new Map<Core, string>();
  // The hub creates the event; each laptop gets it, then makes its own table.
  const hub = replicas[0]!;
  hub.core.dispatch('event.create', EVENT);
  for (const rep of replicas) {
    if (rep !== hub) rep.core.applyOps(hub.core.missingFor(rep.core.vector()).ops);
    const made = rep.core.dispatch('table.create', { ...TABLE, name: '' });
    if (made.ok) tableOf.set(rep.core, (made.value as { tableId: string }).tableId);
  }
  let side = replicas.map(() => 0);
  for (const a of actions) {
    if (a.kind === 'partition') side = a.groups;
    else if (a.kind === 'deliver') {
      const from = replicas[a.from]!;
      const to = replicas[a.to]!;
      if (from !== to && side[a.from] === side[a.to]) deliver(from.core, to.core, a.limit, a.shuffle, a.duplicate);
    } else {
      const rep = replicas[a.r]!;
      run(rep.core, rep.clock, a, tableOf);
    }
  }
  // The network heals: everyone syncs with the hub until nothing moves.
  for (let round = 0; round < 20; round++) {
    let moved = 0;
    for (const rep of replicas) {
      if (rep === hub) continue;
      const before = hub.core.vector();
      deliver(rep.core, hub.core, Infinity, round, false);
      deliver(hub.core, rep.core, Infinity, round, false);
      moved += JSON.stringify(before) === JSON.stringify(hub.core.vector()) ? 0 : 1;
    }
    if (moved === 0) break;
  }
  return replicas;
}

const skews = fc.array(fc.integer({ min: -6 * HOUR, max: 6 * HOUR }), { minLength: N, maxLength: N });

describe('convergence of five laptops', () => {
  it('every operation type in the registry has a generator, and the generated days make every one', () => {
    expect(Object.keys(GENERATORS).sort()).toEqual([...OP_TYPES].sort());
    const made = new Set<string>();
    const days = fc.property(skews, fc.array(action, { minLength: 100, maxLength: 250 }), (skews, actions) => {
      const replicas = simulate(skews, actions);
      // What any laptop made, whether or not it reached the first one.
      for (const rep of replicas) for (const op of rep.core.missingFor({}).ops) made.add(op.type);
      for (const rep of replicas) rep.core.close();
    });
    fc.assert(days, { ...PROPERTY, numRuns: 16 });
    // Over the union of the days actually simulated: more from the next seeds only while a type is still missing.
    const missing = () => OP_TYPES.filter((type) => !made.has(type));
    checkUntilCovered(days, { numRuns: 16, missing });
    expect(missing()).toEqual([]);
  }, 600_000);

  it('every laptop ends with the same state, whatever the partitions, order, duplicates and clock skew', () => {
    fc.assert(
      fc.property(skews, fc.array(action, { minLength: 20, maxLength: 160 }), (skews, actions) => {
        const replicas = simulate(skews, actions);
        const expected = state(replicas[0]!.core, false);
        const tickets = shownTickets(replicas[0]!.core);
        for (const rep of replicas) {
          expect(state(rep.core, false)).toEqual(expected);
          // Every laptop shows the same tickets, and no two people at one table share one (shared/domain/ticket.ts).
          expect(shownTickets(rep.core)).toEqual(tickets);
          // Private notes stay where they were written: no laptop holds another's.
          const mine = state(rep.core, true).notes as { id: string }[];
          for (const other of replicas) {
            if (other === rep) continue;
            const theirs = new Set((state(other.core, true).notes as { id: string }[]).map((n) => n.id));
            expect(mine.filter((n) => theirs.has(n.id))).toEqual([]);
          }
        }
        for (const rep of replicas) rep.core.close();
      }),
      { ...PROPERTY, numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  }, 600_000);

  it('any one operation arriving last, after everything made later, leaves what the log in order gives', () => {
    // Every operation of a day, in turn held back and delivered after all the
    // others: where it applies in place (footprint.ts), the tables must be
    // exactly the replay's; where it cannot, the laptop replays.
    fc.assert(
      fc.property(skews, fc.array(action, { minLength: 100, maxLength: 250 }), (skews, actions) => {
        const replicas = simulate(skews, actions);
        const hub = replicas[0]!.core;
        const log = hub.missingFor({}).ops;
        const expected = state(hub, false);
        for (const rep of replicas) rep.core.close();
        for (const [i, late] of log.entries()) {
          const { core } = testCore({ prefix: 'late' });
          core.applyOps(log.filter((_, j) => j !== i));
          core.ensureFresh();
          core.applyOps([late]);
          expect(state(core, false), `${late.type} ${late.id} arriving last`).toEqual(expected);
          core.close();
        }
      }),
      { ...PROPERTY, numRuns: Number(process.env.FC_RUNS_LATE ?? 10) },
    );
  }, 600_000);
});
