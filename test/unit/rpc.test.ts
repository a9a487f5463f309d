import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Database } from 'better-sqlite3';
import { methods } from '../../shared/contract.js';
import { EVENT, TABLE, dumpState, ok, seedEvent, testCore } from './helpers.js';

let core: Core;
let clock: ManualClock;
let db: Database;
let ids: ReturnType<typeof seedEvent>;

beforeEach(() => {
  ({ core, clock, db } = testCore());
  ids = seedEvent(core, clock);
});
afterEach(() => core.close());

/** Call, and check that nothing in the database moved. */
function refused(method: unknown, args: unknown) {
  const before = dumpState(db);
  const opCount = core.ops().length;
  const result = core.dispatch(method, args);
  expect(result.ok).toBe(false);
  expect(dumpState(db)).toEqual(before);
  expect(core.ops()).toHaveLength(opCount);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('dispatch: unknown methods', () => {
  it.each([['no.such'], [''], [42], [null], [undefined], ['__proto__'], ['toString'], ['constructor']])(
    '%j is unknown_method',
    (name) => {
      const error = refused(name, {});
      expect(error.code).toBe('unknown_method');
      expect(error.message).toMatch(/^Unknown method/);
    },
  );
});

describe('dispatch: arguments that do not match the contract', () => {
  const table = () => ids.tables[0] ?? '';
  const turn = () => ids.turns[1] ?? '';

  const cases: { what: string; method: string; args: () => unknown; path: string; message?: RegExp }[] = [
    {
      what: 'a missing field',
      method: 'walkin.add',
      args: () => ({ tableId: table(), topics: [] }),
      path: 'partySize',
    },
    {
      what: 'a wrong type',
      method: 'walkin.add',
      args: () => ({ tableId: table(), topics: [], partySize: '2' }),
      path: 'partySize',
      message: /expected number/,
    },
    {
      what: 'a number out of range',
      method: 'walkin.add',
      args: () => ({ tableId: table(), topics: [], partySize: 0 }),
      path: 'partySize',
    },
    {
      what: 'a wrong type inside a list',
      method: 'walkin.add',
      args: () => ({ tableId: table(), topics: ['ok', 7], partySize: 1 }),
      path: 'topics.1',
    },
    {
      what: 'an extra field',
      method: 'note.save',
      args: () => ({ turnId: turn(), text: 'x', private: false }),
      path: '',
      message: /Unrecognized key: "private"/,
    },
    {
      what: 'an extra field in a nested object',
      method: 'table.update',
      args: () => ({ tableId: table(), fields: { ...TABLE, admin: true } }),
      path: 'fields',
      message: /"admin"/,
    },
    {
      what: 'an empty coach name in a nested list',
      method: 'table.update',
      args: () => ({ tableId: table(), fields: { ...TABLE, coaches: ['  '] } }),
      path: 'fields.coaches.0',
    },
    {
      what: 'a bad time format',
      method: 'event.update',
      args: () => ({ ...EVENT, startTime: '9:00' }),
      path: 'startTime',
      message: /HH:MM/,
    },
    {
      what: 'an impossible time',
      method: 'event.update',
      args: () => ({ ...EVENT, endTime: '24:00' }),
      path: 'endTime',
      message: /HH:MM/,
    },
    {
      what: 'a bad date',
      method: 'event.update',
      args: () => ({ ...EVENT, date: '2026-13-01' }),
      path: 'date',
    },
    {
      what: 'an end at the start (an end before it is the next day)',
      method: 'event.update',
      args: () => ({ ...EVENT, startTime: '14:00', endTime: '14:00' }),
      path: 'endTime',
      message: /another time than it starts/,
    },
    {
      what: 'a time zone no one knows',
      method: 'event.update',
      args: () => ({ ...EVENT, timeZone: 'Europe/Atlantis' }),
      path: 'timeZone',
      message: /time zone/,
    },
    {
      what: 'a last day before the first',
      method: 'event.update',
      args: () => ({ ...EVENT, endDate: '2026-08-25' }),
      path: 'endDate',
      message: /last day/,
    },
    {
      what: 'a bad language tag',
      method: 'table.create',
      args: () => ({ ...TABLE, languages: ['en', 'english please'] }),
      path: 'languages.1',
    },
    {
      what: 'a note that is too long',
      method: 'note.save',
      args: () => ({ turnId: turn(), text: 'x'.repeat(20_001) }),
      path: 'text',
    },
    {
      what: 'arguments for a method that takes none',
      method: 'event.createDemo',
      args: () => ({ please: true }),
      path: '',
    },
    {
      what: 'arguments that are not an object',
      method: 'turn.end',
      args: () => 'turn-1',
      path: '',
    },
  ];

  it.each(cases)('$what ($method) is bad_request naming "$path"', ({ method, args, path, message }) => {
    const error = refused(method, args());
    expect(error.code).toBe('bad_request');
    const issue = error.issues?.find((i) => i.path === path);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    if (message) expect(issue?.message).toMatch(message);
    expect(error.message).toContain(issue?.message ?? '');
  });

  it('reports only the real problem when a time is mistyped', () => {
    const error = refused('event.update', { ...EVENT, startTime: '9:00' });
    expect(error.issues).toEqual([{ path: 'startTime', message: 'Expected a time as HH:MM', code: 'session_bad_time' }]);
  });

  it('every command method refuses an extra field', () => {
    for (const [name, spec] of Object.entries(methods)) {
      if (spec.kind !== 'command') continue;
      const error = refused(name, { sneaky: 1 });
      expect(error.code, name).toBe('bad_request');
    }
  });
});

describe('dispatch: well-formed but not possible now', () => {
  it.each([
    ['turn.start with nobody waiting', 'turn.start', () => ({ tableId: ids.tables[0] })],
    ['turn.start while a turn runs', 'turn.start', () => ({ tableId: ids.tables[1] })],
    ['turn.start for someone already served', 'turn.start', () => ({ tableId: ids.tables[0], entryId: ids.entries[0] })],
    ['turn.end twice', 'turn.end', () => ({ turnId: ids.turns[0] })],
    ['turn.end of no turn', 'turn.end', () => ({ turnId: 'nope' })],
    ['note.save on no turn', 'note.save', () => ({ turnId: 'nope', text: 'x' })],
    ['walkin.add at no table', 'walkin.add', () => ({ tableId: 'nope', topics: [], partySize: 1 })],
    ['table.update of no table', 'table.update', () => ({ tableId: 'nope', fields: TABLE })],
    ['a second event', 'event.create', () => EVENT],
    ['the demo over an event', 'event.createDemo', () => ({})],
    ['a duplicate topic', 'topic.add', () => ({ label: 'work-life BALANCE' })],
    ['removing no topic', 'topic.remove', () => ({ topicId: 'nope' })],
  ])('%s is rejected and changes nothing', (_what, method, args) => {
    // Empty table 1's queue so "nobody waiting" holds.
    if (method === 'turn.start' && _what.includes('nobody')) {
      const waiting = core.snapshot().tables[0]?.queue ?? [];
      expect(waiting).toHaveLength(1);
      const { turnId } = ok(core.call('turn.start', { tableId: ids.tables[0] ?? '' }));
      ok(core.call('turn.end', { turnId }));
    }
    const error = refused(method, args());
    expect(error.code).toBe('rejected');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.issues).toBeUndefined();
  });

  it('a command that fails inside its transaction rolls back everything', () => {
    // Make applying the op fail after it was appended to the log: the op
    // must not stay in the log either.
    const tableId = ids.tables[0] ?? '';
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON queue_entries BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    const error = refused('walkin.add', { tableId, topics: [], partySize: 1 });
    expect(error.code).toBe('internal');
    expect(error.message).toBe('Something went wrong; nothing was changed.');
  });

  it('queries change nothing', () => {
    refusedNot('snapshot.get', {});
    refusedNot('settings.get', {});
  });
});

function refusedNot(method: string, args: unknown) {
  const before = dumpState(db);
  expect(core.dispatch(method, args).ok).toBe(true);
  expect(dumpState(db)).toEqual(before);
}
