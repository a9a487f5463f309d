/**
 * Editing a table after it is created (issue 13): name, coaches, topics,
 * language and turn length through `table.update`; an empty name keeps the
 * table's; a wrong field is refused with its path and code and changes
 * nothing; the next turn takes the new length, the running one keeps its
 * deadline.
 */
import { describe, expect, it } from 'vitest';
import { EVENT, TABLE, dumpState, ok, testCore } from './helpers.js';

describe('table.update', () => {
  it('changes every detail; an empty name keeps the name; the next turn takes the new length', () => {
    const { core, db } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', { ...TABLE, name: '' }));
    ok(core.call('walkin.add', { tableId, name: 'Ana', topics: [], partySize: 1 }));
    ok(core.call('walkin.add', { tableId, name: 'Bo', topics: [], partySize: 1 }));
    const running = ok(core.call('turn.start', { tableId }));
    const fields = { name: '', coaches: ['Amara Okafor', ' Li Wei '], topics: ['Careers'], languages: ['fr', 'ar'], turnMinutes: 25 };
    ok(core.call('table.update', { tableId, fields }));
    const table = () => ok(core.call('snapshot.get', {})).tables[0]!;
    expect(table()).toMatchObject({ name: 'Table 1', coaches: ['Amara Okafor', 'Li Wei'], topics: ['Careers'], languages: ['fr', 'ar'], turnMinutes: 25 });
    expect(table().currentTurn?.deadline).toBe(running.deadline);
    ok(core.call('turn.end', { turnId: running.turnId }));
    const next = ok(core.call('turn.start', { tableId }));
    expect(next.deadline - table().currentTurn!.startedAt).toBe(25 * 60_000);

    const before = dumpState(db);
    for (const bad of [
      { ...fields, coaches: [] },
      { ...fields, turnMinutes: 0 },
      { ...fields, turnMinutes: 121 },
      { ...fields, name: 'x'.repeat(61) },
      { ...fields, languages: ['not a tag'] },
      { ...fields, languages: [] },
    ]) {
      const r = core.call('table.update', { tableId, fields: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(r.error.issues?.[0]?.path).toMatch(/^fields\./);
      }
    }
    expect(dumpState(db)).toEqual(before);
    const missing = core.call('table.update', { tableId: 'no-such-table', fields });
    expect(!missing.ok && missing.error.params?.reason).toBe('no_table');
    core.close();
  });
});
