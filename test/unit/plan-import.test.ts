import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachPlan } from '../../electron/plan/service.js';
import { dumpState, ok, testCore } from './helpers.js';

const CSV = ['Table;Coaches;Topics;Languages;Turn length', '1;Anna;Work-life balance;en;20', '2;Ben, Chen;Personal branding;fr, en;', 'Garden;Dora;;de;15'].join('\n');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function eventCore() {
  const t = testCore();
  ok(t.core.dispatch('event.create', { name: 'Plan', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: '' }));
  ok(t.core.dispatch('topic.add', { label: 'Work-life balance' }));
  attachPlan(t.core);
  return t;
}

describe('the floor plan through the core', () => {
  it('previews without changing anything, imports only differences, and twice changes nothing', async () => {
    const { core, db } = eventCore();
    const before = dumpState(db);
    const preview = ok(await core.dispatchAsync('plan.preview', { fileName: 'plan.csv', contentBase64: b64(CSV) })) as {
      importable: boolean;
      newTopics: string[];
      changes: { kind: string; table: { row: number; name: string; coaches: string[]; topics: string[]; languages: string[]; turnMinutes: number } }[];
    };
    expect(dumpState(db)).toEqual(before);
    expect(preview.importable).toBe(true);
    expect(preview.newTopics).toEqual(['Personal branding']);
    expect(preview.changes.map((c) => [c.kind, c.table.name, c.table.languages])).toEqual([
      ['create', 'Table 1', ['en']],
      ['create', 'Table 2', ['fr', 'en']],
      ['create', 'Garden', ['de']],
    ]);
    const tables = preview.changes.map(({ table: { row: _row, ...t } }) => t);
    expect(ok(core.dispatch('plan.import', { tables, addTopics: preview.newTopics }))).toEqual({ created: 3, updated: 0, unchanged: 0, topicsAdded: 1 });
    const snap = core.snapshot();
    expect(snap.tables.map((t) => [t.name, t.coaches, t.topics, t.languages, t.turnMinutes])).toEqual([
      ['Table 1', ['Anna'], ['Work-life balance'], ['en'], 20],
      ['Table 2', ['Ben', 'Chen'], ['Personal branding'], ['fr', 'en'], 15],
      ['Garden', ['Dora'], [], ['de'], 15],
    ]);
    expect(snap.event?.topics.map((t) => t.label)).toEqual(['Work-life balance', 'Personal branding']);

    // The same file again: the preview says so, and importing writes nothing.
    const after = dumpState(db);
    const again = ok(await core.dispatchAsync('plan.preview', { fileName: 'plan.csv', contentBase64: b64(CSV) })) as typeof preview;
    expect(again.changes.map((c) => c.kind)).toEqual(['same', 'same', 'same']);
    expect(again.newTopics).toEqual([]);
    expect(ok(core.dispatch('plan.import', { tables, addTopics: [] }))).toEqual({ created: 0, updated: 0, unchanged: 3, topicsAdded: 0 });
    expect(dumpState(db)).toEqual(after);

    // One coach changed: one table.updated.
    const edited = tables.map((t) => (t.name === 'Garden' ? { ...t, coaches: ['Dora', 'Emil'] } : t));
    expect(ok(core.dispatch('plan.import', { tables: edited, addTopics: [] }))).toEqual({ created: 0, updated: 1, unchanged: 2, topicsAdded: 0 });
    expect(core.snapshot().tables.find((t) => t.name === 'Garden')?.coaches).toEqual(['Dora', 'Emil']);
  });

  it('refuses a plan naming a table twice, an unreadable file, and bad arguments, changing nothing', async () => {
    const { core, db } = eventCore();
    const before = dumpState(db);
    const twice = core.dispatch('plan.import', {
      tables: [
        { name: 'Table 3', coaches: ['A'], topics: [], languages: ['en'], turnMinutes: 15 },
        { name: '3', coaches: ['B'], topics: [], languages: ['en'], turnMinutes: 15 },
      ],
      addTopics: [],
    });
    expect(twice.ok).toBe(false);
    const bad = core.dispatch('plan.import', { tables: [{ name: 'T', coaches: [], topics: [], languages: ['en'], turnMinutes: 500 }], addTopics: [] });
    expect(bad.ok ? null : bad.error.code).toBe('bad_request');
    const unreadable = await core.dispatchAsync('plan.preview', { fileName: 'plan.xlsx', contentBase64: b64('not a workbook') });
    expect(unreadable.ok ? null : unreadable.error.params?.reason).toBe('plan_unreadable');
    expect(dumpState(db)).toEqual(before);
  });

  it('reads a UTF-16 plan by its byte order mark and refuses one that is not Unicode, changing nothing', async () => {
    const { core, db } = eventCore();
    const before = dumpState(db);
    const text = 'Table\tCoaches\tTopics\n1\tÉlise Dupont; Чэнь Ли\tWork-life balance\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
    const preview = ok(await core.dispatchAsync('plan.preview', { fileName: 'plan.txt', contentBase64: utf16 })) as { changes: { table: { coaches: string[] } }[] };
    // Before: read as Windows-1252, "ÿþT\u0000a\u0000b…" and no table column.
    expect(preview.changes.map((c) => c.table.coaches)).toEqual([['Élise Dupont', 'Чэнь Ли']]);
    const latin = Buffer.from('Table;Coaches\n1;Élise\n', 'latin1').toString('base64');
    const refused = await core.dispatchAsync('plan.preview', { fileName: 'plan.csv', contentBase64: latin });
    expect(refused.ok ? null : [refused.error.code, refused.error.params?.reason]).toEqual(['rejected', 'file_encoding']);
    expect(dumpState(db)).toEqual(before);
  });

  describe('on a laptop whose language is Turkish', () => {
    // Electron sets the runtime's default locale to the laptop's language; Node here keeps its own, so the
    // locale-less case rule is given Turkish's the way Electron on a Turkish laptop gives it ("I" → "ı").
    const lower = String.prototype.toLocaleLowerCase;
    const upper = String.prototype.toLocaleUpperCase;
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('matches topics by topicKey and tables by fold, as on any other laptop: no new topic, no second table', async () => {
      vi.spyOn(String.prototype, 'toLocaleLowerCase').mockImplementation(function (this: string, locales?: Intl.LocalesArgument) {
        return lower.call(this, locales ?? 'tr');
      });
      vi.spyOn(String.prototype, 'toLocaleUpperCase').mockImplementation(function (this: string, locales?: Intl.LocalesArgument) {
        return upper.call(this, locales ?? 'tr');
      });
      // eslint-disable-next-line no-restricted-syntax -- the laptop's rule, on purpose
      expect('I'.toLocaleLowerCase()).toBe('ı');
      const { core } = eventCore();
      ok(core.dispatch('topic.add', { label: 'Internships and exchanges' }));
      ok(core.dispatch('table.create', { name: 'Tisch 1', coaches: ['Anna'], topics: [], languages: ['en'], turnMinutes: 20 }));
      const csv = ['TABLE;COACHES;TOPICS', 'TISCH 1;Anna;INTERNSHIPS AND EXCHANGES; internships and exchanges'].join('\n');
      const preview = ok(await core.dispatchAsync('plan.preview', { fileName: 'plan.csv', contentBase64: b64(csv) })) as {
        newTopics: string[];
        changes: { kind: string; table: { row: number; name: string; topics: string[] } }[];
      };
      // Before: "ınternships and exchanges" was a new topic, and "tısch 1" a second table beside "Tisch 1".
      expect(preview.newTopics).toEqual([]);
      expect(preview.changes.map((c) => [c.kind, c.table.name, c.table.topics])).toEqual([['update', 'Tisch 1', ['Internships and exchanges']]]);
      expect(ok(core.dispatch('plan.import', { tables: preview.changes.map(({ table: { row: _row, ...t } }) => t), addTopics: ['INTERNSHIPS AND EXCHANGES'] })))
        .toMatchObject({ created: 0, updated: 1, topicsAdded: 0 });
      expect(core.snapshot().event?.topics.map((t) => t.label)).toEqual(['Work-life balance', 'Internships and exchanges']);
    });
  });
});
