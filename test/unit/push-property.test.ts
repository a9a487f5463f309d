/**
 * Random floors, pushed: a change is never missed. Two laptops (the hub and a
 * coach's laptop), two tables, every kind of command a floor sees (walk-ins,
 * turns and their undo, plenaries, topic focus, rotations, notes on running
 * and past turns, follow-ups, transfers and Put back, closing, renaming,
 * takeovers), the laptops apart for a while and merged (late operations,
 * lettered tickets, replays). After every step, on each laptop:
 *
 * - the pushes applied in order to the first snapshot equal the core's
 *   snapshot now; and
 * - the tables in both equal the tables read afresh from the database with
 *   nothing kept between reads (Reads with `cache: false`): the parts the core
 *   keeps per table (electron/core/view-versions.ts) and the queue entries it
 *   reuses never hide a change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { Reads } from '../../electron/core/reads.js';
import type { Push, Snapshot } from '../../shared/contract.js';
import { applyChanges } from '../../shared/push.js';
import { EVENT, PROPERTY, TABLE, ok, testCore } from './helpers.js';

const MIN = 60_000;
const TOPIC = TABLE.topics[0] ?? 'Personal branding';

type Kind =
  | 'walkin'
  | 'turn'
  | 'end'
  | 'undoEnd'
  | 'undoStart'
  | 'pause'
  | 'plenary'
  | 'focus'
  | 'rotate'
  | 'next'
  | 'status'
  | 'move'
  | 'note'
  | 'pastNote'
  | 'followup'
  | 'followupEdit'
  | 'transfer'
  | 'bringBack'
  | 'close'
  | 'reopen'
  | 'rename'
  | 'takeOver'
  | 'claim'
  | 'renameLaptop'
  | 'tick'
  | 'apart'
  | 'together';

interface Action {
  kind: Kind;
  /** Which laptop, which table, which person or turn. */
  l: number;
  t: number;
  pick: number;
}

const WEIGHTS: [Kind, number][] = [
  ['walkin', 8],
  ['turn', 5],
  ['end', 4],
  ['undoEnd', 1],
  ['undoStart', 1],
  ['pause', 1],
  ['plenary', 1],
  ['focus', 1],
  ['rotate', 1],
  ['next', 1],
  ['status', 3],
  ['move', 2],
  ['note', 2],
  ['pastNote', 1],
  ['followup', 1],
  ['followupEdit', 1],
  ['transfer', 2],
  ['bringBack', 1],
  ['close', 1],
  ['reopen', 1],
  ['rename', 1],
  ['takeOver', 1],
  ['claim', 1],
  ['renameLaptop', 1],
  ['tick', 3],
  ['apart', 1],
  ['together', 1],
];
const action: fc.Arbitrary<Action> = fc.record({
  kind: fc.oneof(...WEIGHTS.map(([k, weight]) => ({ weight, arbitrary: fc.constant(k) }))),
  l: fc.nat(1),
  t: fc.nat(1),
  pick: fc.nat(20),
});

const at = <T,>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Laptop {
  core: Core;
  clock: ManualClock;
  /** The tables read afresh each time, nothing kept. */
  fresh: Reads;
  pushes: Push[];
  state: Snapshot | null;
  /** The last turn ended here (for its undo). */
  ended: string | null;
  started: string | null;
}

function laptop(prefix: string): Laptop {
  const { core, clock } = testCore({ prefix });
  const l: Laptop = { core, clock, fresh: new Reads(core.database, { cache: false }), pushes: [], state: null, ended: null, started: null };
  core.subscribe((p) => {
    if (p.type === 'snapshot' || p.type === 'changes') l.pushes.push(p);
  });
  return l;
}

/** The UI's state after every push so far. */
function applied(l: Laptop): Snapshot | null {
  for (const p of l.pushes.splice(0)) {
    if (p.type === 'snapshot') l.state = p.payload;
    else if (p.type === 'changes') l.state = l.state ? applyChanges(l.state, p.payload) : null;
  }
  return l.state;
}

function run(l: Laptop, a: Action, tables: readonly string[]): void {
  const { core } = l;
  const tableId = tables[a.t]!;
  const view = () => core.snapshot().tables.find((x) => x.id === tableId);
  const waiting = () => view()?.queue.filter((e) => e.status === 'waiting') ?? [];
  const turnId = () => view()?.currentTurn?.id;
  // Refusals (nobody waiting, a turn already running…) change nothing: the floor goes on.
  switch (a.kind) {
    case 'walkin':
      core.dispatch('walkin.add', { tableId, name: a.pick % 3 === 0 ? '' : `P${a.pick}`, topics: [TOPIC], partySize: 1 + (a.pick % 2) });
      break;
    case 'turn': {
      const entry = at(waiting(), a.pick);
      const r = core.dispatch('turn.start', { tableId, ...(entry && a.pick % 2 === 0 ? { entryId: entry.id } : {}) });
      if (r.ok) l.started = (r.value as { turnId: string }).turnId;
      break;
    }
    case 'end': {
      const v = view();
      if (v?.rotation && a.pick % 4 === 0) core.dispatch('rotation.end', { rotationId: v.rotation.id });
      else if (v?.rotation) core.dispatch('rotation.next', { rotationId: v.rotation.id });
      else if (v?.currentTurn && core.dispatch('turn.end', { turnId: v.currentTurn.id }).ok) l.ended = v.currentTurn.id;
      break;
    }
    case 'undoEnd':
      if (l.ended) core.dispatch('turn.undoEnd', { turnId: l.ended });
      break;
    case 'undoStart':
      if (l.started) core.dispatch('turn.undoStart', { turnId: l.started });
      break;
    case 'pause': {
      const v = view()?.currentTurn;
      if (v) core.dispatch(v.pausedAt === null ? 'turn.pause' : 'turn.resume', { turnId: v.id });
      break;
    }
    case 'plenary':
      core.dispatch('plenary.start', { tableId, minutes: 10 });
      break;
    case 'focus': {
      const chosen = [at(waiting(), a.pick), at(waiting(), a.pick + 1)].flatMap((e) => (e ? [e.id] : []));
      if (chosen.length > 0) core.dispatch('focus.start', { tableId, topic: TOPIC, entryIds: [...new Set(chosen)], minutes: 10 });
      break;
    }
    case 'rotate': {
      const p = core.dispatch('rotation.propose', { tableId, maxGroupSize: 2 });
      const groups = p.ok ? (p.value as { groups: string[][] }).groups : [];
      if (groups.length > 0) core.dispatch('rotation.start', { tableId, maxGroupSize: 2, turnMinutes: 10, autoAdvance: false, groups });
      break;
    }
    case 'next': {
      const rotation = view()?.rotation;
      if (rotation) core.dispatch('rotation.next', { rotationId: rotation.id });
      break;
    }
    case 'status': {
      const entry = at(view()?.queue ?? [], a.pick) ?? at(view()?.currentTurn?.participants ?? [], a.pick);
      const status = (['left', 'no_show', 'away', 'waiting', 'removed'] as const)[a.pick % 5]!;
      if (entry) core.dispatch('entry.setStatus', { entryId: entry.id, status });
      const back = at(view()?.gone ?? [], a.pick);
      if (back && a.pick % 3 === 0) core.dispatch('entry.setStatus', { entryId: back.id, status: 'waiting' });
      break;
    }
    case 'move': {
      const entry = at(view()?.queue ?? [], a.pick);
      if (entry) core.dispatch('queue.move', { entryId: entry.id, direction: a.pick % 2 === 0 ? 'up' : 'down' });
      break;
    }
    case 'note': {
      const id = turnId();
      if (id) core.dispatch('note.save', { turnId: id, text: `Note ${a.pick}`, shared: a.pick % 2 === 0 });
      break;
    }
    case 'pastNote': {
      const past = at(view()?.pastTurns ?? [], a.pick);
      if (past) core.dispatch('note.save', { turnId: past.id, text: `Later ${a.pick}`, shared: true });
      break;
    }
    case 'followup': {
      const past = at(view()?.pastTurns ?? [], a.pick);
      const who = past?.participants[0];
      if (past && who) core.dispatch('followup.record', { entryId: who.id, turnId: past.id, consent: true, contact: `p${a.pick}@example.org`, note: 'Send slides' });
      break;
    }
    case 'followupEdit': {
      const f = at(view()?.followUps ?? [], a.pick);
      if (f && a.pick % 2 === 0) core.dispatch('followup.edit', { followUpId: f.id, note: `Edited ${a.pick}` });
      else if (f) core.dispatch('followup.withdraw', { followUpId: f.id });
      break;
    }
    case 'transfer': {
      const entry = at(view()?.queue ?? [], a.pick);
      if (entry) core.dispatch('entry.transfer', { entryId: entry.id, toTableId: tables[1 - a.t]! });
      break;
    }
    case 'bringBack': {
      const sent = at(view()?.gone.filter((g) => g.canPutBack && g.sentTo !== null) ?? [], a.pick);
      if (sent) core.dispatch('entry.bringBack', { entryId: sent.id });
      break;
    }
    case 'close':
      if (!view()?.currentTurn) core.dispatch('table.close', { tableId });
      break;
    case 'reopen':
      core.dispatch('table.reopen', { tableId });
      break;
    case 'rename': {
      const v = view();
      if (v) core.dispatch('table.update', { tableId, fields: { ...TABLE, name: `Table ${a.t + 1}${'′'.repeat(a.pick % 3)}`, languages: v.languages } });
      break;
    }
    case 'takeOver':
      core.dispatch('table.takeOver', { tableId });
      break;
    case 'claim':
      // "This is my table", or none again (laptop.claimed: who claims it shows on every table).
      core.dispatch('settings.update', { myTables: a.pick % 2 === 0 ? [tableId] : [] });
      break;
    case 'renameLaptop':
      // The laptop's name shows on the tables it claims and took over, and in takeovers from it.
      core.dispatch('settings.update', { deviceName: `Laptop ${a.l + 1}${'′'.repeat(a.pick % 3)}` });
      break;
    default:
      break;
  }
}

function check(l: Laptop, step: string): void {
  const snapshot = l.core.snapshot();
  const fresh = l.fresh.tables();
  expect(snapshot.tables, `${step}: the core's tables, read afresh`).toEqual(fresh);
  expect(applied(l), `${step}: the pushes applied`).toEqual(snapshot);
}

/** What the generated floors made, to check they reach the paths the property is about. */
const seen = new Set<string>();

function note(l: Laptop): void {
  const pushes = l.pushes;
  for (const p of pushes) if (p.type === 'changes' && p.payload.tables.length > 0) seen.add('a push of changes');
  const s = l.core.snapshot();
  if (s.tables.some((t) => t.queue.some((e) => e.ticketSuffix !== ''))) seen.add('a lettered ticket');
  if (s.tables.some((t) => t.gone.some((g) => g.sentTo !== null))) seen.add('a transfer');
  if (s.tables.some((t) => t.followUps.length > 0)) seen.add('a follow-up');
  if (s.tables.some((t) => t.pastTurns.some((x) => x.note !== null))) seen.add('a note on a past turn');
  if (s.tables.some((t) => t.rotation !== null)) seen.add('a rotation');
  if (s.tables.some((t) => t.takenOver !== null)) seen.add('a takeover');
  if (s.tables.some((t) => t.takenOver?.byName.startsWith('Laptop '))) seen.add('a takeover by a renamed laptop');
}

describe('random floors, pushed: a change is never missed', () => {
  it('on both laptops, after every step, the pushes applied equal the snapshot, and both equal the tables read afresh', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 30, maxLength: 80, size: 'max' }), fc.integer({ min: -90, max: 90 }), async (actions, skewMinutes) => {
        const hub = laptop('hub');
        const member = laptop('mem');
        member.clock.set(hub.clock.now() + skewMinutes * MIN);
        const sync = (from: Laptop, to: Laptop) => to.core.applyOps(from.core.missingFor(to.core.vector()).ops);
        try {
          ok(hub.core.call('event.create', EVENT));
          const tables = [
            ok(hub.core.call('table.create', { ...TABLE, name: 'Table 1' })).tableId,
            ok(hub.core.call('table.create', { ...TABLE, name: 'Table 2' })).tableId,
          ];
          sync(hub, member);
          const laptops = [hub, member];
          let together = true;
          for (const [i, a] of actions.entries()) {
            if (a.kind === 'tick') for (const x of laptops) x.clock.advance((1 + (a.pick % 12)) * MIN);
            else if (a.kind === 'apart') together = false;
            else if (a.kind === 'together') together = true;
            else run(laptops[a.l]!, a, tables);
            if (together) {
              sync(member, hub);
              sync(hub, member);
            }
            await settle();
            for (const x of laptops) {
              note(x);
              check(x, `step ${i} (${a.kind}) on ${x === hub ? 'the hub' : 'the member'}`);
            }
          }
          sync(member, hub);
          sync(hub, member);
          await settle();
          for (const x of laptops) check(x, 'merged');
        } finally {
          hub.core.close();
          member.core.close();
        }
      }),
      { ...PROPERTY, numRuns: Number(process.env.FC_RUNS ?? 15) },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['a push of changes', 'a lettered ticket', 'a transfer', 'a follow-up', 'a note on a past turn', 'a rotation', 'a takeover', 'a takeover by a renamed laptop']),
    );
  }, 600_000);
});
