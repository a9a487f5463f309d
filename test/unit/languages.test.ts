/**
 * Several languages per table and per walk-in (issue 14): canonical tags,
 * old single-language operations read as one-element lists (in a log, from
 * another laptop, in an exported log), and "send elsewhere" preferring a
 * table that speaks the walk-in's language.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { applyPragmas } from '../../electron/core/db.js';
import { migrate } from '../../electron/core/migrations.js';
import { opSchema } from '../../electron/sync/protocol.js';
import { canonicalLanguage, payloadLanguages, sharedLanguages } from '../../shared/domain/languages.js';
import { parseLanguage, previewPlan } from '../../shared/domain/floorplan.js';
import { checkLanguage, registryLanguageByName, registryLanguageName } from '../../shared/domain/language-registry.js';
import { planImportArgs } from '../../shared/plan.js';
import { hlcToString } from '../../shared/domain/hlc.js';
import { checkLoggedOps } from '../../shared/export/log-ops.js';
import type { Op } from '../../shared/ops.js';
import { dumpState, EVENT, ok, TABLE, testCore } from './helpers.js';

describe('language tags', () => {
  it('are made canonical, and a tag no language has is refused', () => {
    expect(['fr', 'EN', 'pt-br', 'zh-hant-tw', 'yue', 'haw'].map(canonicalLanguage)).toEqual(['fr', 'en', 'pt-BR', 'zh-Hant-TW', 'yue', 'haw']);
    expect(['xx', '', 'french', 'e', 'en_US', 'x'.repeat(40), 'en-'].map(canonicalLanguage)).toEqual([null, null, null, null, null, null, null]);
  });

  it('sign languages and private-use tags are languages too; text that is no tag is still refused', () => {
    expect(['ase', 'bfi', 'GSG', 'sgn-US', 'ase-US', 'qaa', 'x-klingon', 'X-Sign-Local', 'en-x-easy'].map(canonicalLanguage)).toEqual([
      'ase', 'bfi', 'gsg', 'ase', 'ase-US', 'qaa', 'x-klingon', 'x-sign-local', 'en-x-easy',
    ]);
    expect(['hello world', '123', 'asdf', 'english', 'x-', 'x', 'ase--US', 'en-x-', 'x-toolongsubtag', 'a'].map(canonicalLanguage)).toEqual(
      Array(10).fill(null),
    );
    // Written as a name or a tag in the table form's box.
    expect(parseLanguage('ase')).toBe('ase');
    expect(parseLanguage('bfi')).toBe('bfi');
    expect(parseLanguage('x-klingon')).toBe('x-klingon');
    expect(parseLanguage('French')).toBe('fr');
    expect(parseLanguage('qwertyuiop')).toBeNull();
    // Two private-use tags are two languages; a sign language matches its own kind only.
    expect(sharedLanguages(['x-klingon', 'ase'], ['x-elvish', 'ase-US', 'en'])).toEqual(['ase']);
  });

  it('match by language whatever the region, in the order the walk-in gave', () => {
    expect(sharedLanguages(['pt-BR', 'ar'], ['en', 'ar', 'pt'])).toEqual(['pt-BR', 'ar']);
    expect(sharedLanguages(['de'], ['en', 'fr'])).toEqual([]);
    expect(sharedLanguages([], ['en'])).toEqual([]);
  });

  it('an old payload with one language reads as a one-element list', () => {
    expect(payloadLanguages({ language: 'fr' })).toEqual(['fr']);
    expect(payloadLanguages({ language: 'fr', languages: ['fr', 'en'] })).toEqual(['fr', 'en']);
  });
});

describe('a language as new input is checked against the ISO 639 registry (checkLanguage)', () => {
  // [as written, canonical tag]: what works today keeps working.
  const ACCEPTED: [string, string][] = [
    ['en', 'en'], ['EN', 'en'], ['pt-br', 'pt-BR'], ['zh-hant-tw', 'zh-Hant-TW'], ['yue', 'yue'], ['haw', 'haw'], ['fil', 'fil'],
    ['ase', 'ase'], ['bfi', 'bfi'], ['GSG', 'gsg'], ['sgn-US', 'ase'], ['ase-US', 'ase-US'], ['asf', 'asf'],
    ['x-klingon', 'x-klingon'], ['X-Sign-Local', 'x-sign-local'], ['en-x-easy', 'en-x-easy'], ['qaa', 'qaa'], ['qtz', 'qtz'],
    ['iw', 'he'], ['eng', 'en'], ['ger', 'de'], ['tlh', 'tlh'], ['la', 'la'], ['eo', 'eo'],
    // A real code of another language: accepted, and named so the person sees it is not American Sign Language ("ase").
    ['asl', 'asl'],
  ];
  // [as written, refusal]: no language of the registry, or a special code that is no language.
  const REFUSED: [string, string][] = [
    ['foo', 'language_unknown'], ['xx', 'language_unknown'], ['zz', 'language_unknown'], ['qzz', 'language_unknown'], ['sgn', 'language_unknown'],
    ['hello', 'language_unknown'], ['hello world', 'language_unknown'], ['', 'language_unknown'], ['en_US', 'language_unknown'], ['x'.repeat(40), 'language_unknown'],
    ['und', 'language_not_a_language'], ['mul', 'language_not_a_language'], ['zxx', 'language_not_a_language'], ['mis', 'language_not_a_language'],
    ['UND-US', 'language_not_a_language'],
  ];

  it('accepts the languages of the registry, sign languages, local-use codes and private use, canonical', () => {
    expect(ACCEPTED.map(([tag]) => checkLanguage(tag))).toEqual(ACCEPTED.map(([, canonical]) => ({ ok: true, tag: canonical })));
    expect(registryLanguageName('asl')).toBe('Asilulu');
    expect(registryLanguageName('ase')).toBe('American Sign Language');
    expect(registryLanguageByName('Auslan')).toBe('asf');
  });

  it('refuses a code no language has, and a special code, naming the tag as written', () => {
    expect(REFUSED.map(([tag]) => checkLanguage(tag))).toEqual(
      REFUSED.map(([tag, code]) => ({ ok: false, code, params: { tag: tag.trim().slice(0, 35) } })),
    );
  });

  it('the same rule at every way in: commands, a floor plan preview and its import', () => {
    const { core, db } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', { ...TABLE, languages: ['en'] }));
    const before = dumpState(db);
    const issue = (answer: ReturnType<typeof core.call>) => (!answer.ok ? answer.error.issues?.[0] : undefined);
    for (const [tag, code] of REFUSED.filter(([t]) => t !== '' && t.length <= 35)) {
      expect(issue(core.call('table.create', { ...TABLE, languages: ['en', tag] }))).toMatchObject({ path: 'languages.1', code, params: { tag } });
      expect(issue(core.call('table.update', { tableId, fields: { ...TABLE, languages: [tag] } }))).toMatchObject({ code, params: { tag } });
      expect(issue(core.call('walkin.add', { tableId, name: 'X', topics: [], partySize: 1, languages: [tag] }))).toMatchObject({ code, params: { tag } });
      const plan = planImportArgs.safeParse({ tables: [{ name: 'T', coaches: ['A'], topics: [], languages: [tag], turnMinutes: 15 }], addTopics: [] });
      expect(plan.success).toBe(false);
    }
    expect(dumpState(db)).toEqual(before);
    for (const [tag, canonical] of ACCEPTED) {
      expect(ok(core.call('walkin.add', { tableId, name: 'Y', topics: [], partySize: 1, languages: [tag] })).entryId).toBeTruthy();
      const plan = planImportArgs.safeParse({ tables: [{ name: 'T', coaches: ['A'], topics: [], languages: [tag], turnMinutes: 15 }], addTopics: [] });
      expect(plan.success && plan.data.tables[0]?.languages).toEqual([canonical]);
    }

    const preview = previewPlan(
      [
        ['Table', 'Coaches', 'Languages'],
        ['1', 'Ana', 'und'],
        ['2', 'Ben', 'foo; fr'],
        ['3', 'Chen', 'Auslan; ase; French'],
      ],
      { tables: [], topics: [], uiLanguage: 'en' },
    );
    expect(preview.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.code, p.params])).toEqual([
      [2, 'plan_not_a_language', { language: 'und' }],
      [3, 'plan_unknown_language', { language: 'foo' }],
    ]);
  });
});

describe('tables and walk-ins with several languages, through the core', () => {
  it('keeps canonical lists without repeats, and refuses an unknown tag with a code, changing nothing', () => {
    const { core, db } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', { ...TABLE, languages: ['fr', 'EN', 'pt-br', 'FR'] }));
    expect(core.snapshot().tables[0]?.languages).toEqual(['fr', 'en', 'pt-BR']);
    const { entryId } = ok(core.call('walkin.add', { tableId, name: 'Lina', topics: [], partySize: 1, languages: ['ar', 'fr'] }));
    ok(core.call('walkin.add', { tableId, name: 'Tom', topics: [], partySize: 1 }));
    expect(core.snapshot().tables[0]?.queue.map((e) => [e.id === entryId, e.languages])).toEqual([
      [true, ['ar', 'fr']],
      [false, []],
    ]);

    const before = dumpState(db);
    for (const bad of [
      () => core.call('table.create', { ...TABLE, languages: ['xx'] }),
      () => core.call('table.create', { ...TABLE, languages: [] }),
      () => core.call('table.update', { tableId, fields: { ...TABLE, languages: ['en', 'Klingon'] } }),
      () => core.call('walkin.add', { tableId, name: 'X', topics: [], partySize: 1, languages: ['zz'] }),
    ]) {
      const answer = bad();
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('bad_request');
    }
    const unknown = core.call('table.create', { ...TABLE, languages: ['xx'] });
    expect(!unknown.ok && unknown.error.issues?.[0]).toMatchObject({ path: 'languages.0', code: 'language_unknown' });
    expect(dumpState(db)).toEqual(before);

    // The operation carries the list, and the first as `language` for laptops of older versions.
    const created = db.prepare<[], { payload: string }>(`SELECT payload FROM ops WHERE type = 'table.created'`).get();
    expect(JSON.parse(created?.payload ?? '{}')).toMatchObject({ language: 'fr', languages: ['fr', 'en', 'pt-BR'] });

    // Sign languages and private use through the core: kept, canonical, and through a replay of the log.
    const signed = ok(core.call('table.create', { ...TABLE, name: 'Signing', languages: ['ase', 'sgn-US', 'bfi', 'x-klingon', 'en-x-easy'] }));
    ok(core.call('walkin.add', { tableId: signed.tableId, name: 'Sam', topics: [], partySize: 1, languages: ['ase', 'x-klingon'] }));
    const table = core.snapshot().tables.find((tb) => tb.id === signed.tableId);
    expect(table?.languages).toEqual(['ase', 'bfi', 'x-klingon', 'en-x-easy']);
    expect(table?.queue[0]?.languages).toEqual(['ase', 'x-klingon']);
  });

  it('an old-format operation from another laptop applies, replays, and passes the sync and log checks', () => {
    const { core, clock } = testCore();
    ok(core.call('event.create', EVENT));
    const eventId = core.snapshot().event?.id ?? '';
    let seq = 0;
    const foreign = (type: Op['type'], payload: Record<string, unknown>): Op => {
      seq += 1;
      return { id: `old-${seq}`, deviceId: 'old-laptop', seq, hlc: hlcToString({ wall: clock.now() + seq, counter: 0, node: 'old-laptop' }), type, payload } as Op;
    };
    // As Tableside wrote them before tables held several languages.
    const old = [
      foreign('table.created', { tableId: 'ot', eventId, name: 'Mesa', coaches: ['Rosa'], topics: [], language: 'es', turnMinutes: 15, createdAt: clock.now() }),
      foreign('walkin.added', { entryId: 'oe', tableId: 'ot', ticket: 1, name: 'Ana', topics: [], partySize: 1, joinedAt: clock.now() }),
      foreign('table.updated', { tableId: 'ot', name: 'Mesa 1', coaches: ['Rosa'], topics: [], language: 'pt-BR', turnMinutes: 15 }),
      // Tags earlier versions accepted and new input no longer does: an operation already written is read as written.
      foreign('table.created', { tableId: 'ou', eventId, name: 'Old', coaches: ['Ola'], topics: [], language: 'und', languages: ['und', 'foo', 'zxx'], turnMinutes: 15, createdAt: clock.now() }),
      foreign('walkin.added', { entryId: 'of', tableId: 'ou', ticket: 1, name: 'Ida', topics: [], partySize: 1, joinedAt: clock.now(), languages: ['asl', 'mul'] }),
    ];
    for (const op of old) expect(opSchema.safeParse(op).success).toBe(true);
    expect(checkLoggedOps({ eventId, ops: old } as unknown as Parameters<typeof checkLoggedOps>[0]).issues.filter((i) => i.path.includes('payload'))).toEqual([]);
    core.applyOps(old);
    const table = () => core.snapshot().tables.find((t) => t.id === 'ot');
    expect(table()?.languages).toEqual(['pt-BR']);
    expect(table()?.queue[0]?.languages).toEqual([]);
    const refused = () => core.snapshot().tables.find((t) => t.id === 'ou');
    expect([refused()?.languages, refused()?.queue[0]?.languages]).toEqual([['und', 'foo', 'zxx'], ['asl', 'mul']]);
    core.rebuildFromLog();
    expect(table()?.languages).toEqual(['pt-BR']);
    expect(refused()?.languages).toEqual(['und', 'foo', 'zxx']);
  });

  it('a database from before migration 11 replays its single languages into lists', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, 10);
    const insert = db.prepare(`INSERT INTO ops (id, device_id, seq, hlc, type, payload) VALUES (?, 'dev', ?, ?, ?, ?)`);
    const ops = [
      ['event.created', { eventId: 'e', name: 'Drop-in', date: '2026-08-26', startTime: '11:45', endTime: '13:30', place: 'Hall', topics: [] }],
      ['table.created', { tableId: 'tb', eventId: 'e', name: 'Table 1', coaches: ['Amara'], topics: [], language: 'fr', turnMinutes: 15, createdAt: 1000 }],
      ['walkin.added', { entryId: 'a', tableId: 'tb', ticket: 1, name: 'Lucía', topics: [], partySize: 1, joinedAt: 2000 }],
    ] as const;
    ops.forEach(([type, payload], i) => insert.run(`op${i}`, i + 1, `${String(10_000 + i).padStart(15, '0')}:000000:dev`, type, JSON.stringify(payload)));
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev')`).run();
    migrate(db);
    const core = new Core({ db, log: () => {} });
    const table = core.snapshot().tables[0];
    expect(table?.languages).toEqual(['fr']);
    expect(table?.queue[0]?.languages).toEqual([]);
    core.close();
  });
});

describe('an unnamed table', () => {
  it('is numbered with the word for a table in the language of the laptop that made it', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    ok(core.call('table.create', { ...TABLE, name: '' }));
    ok(core.call('table.create', { ...TABLE, name: '', tableWord: 'Tisch' }));
    ok(core.call('table.create', { ...TABLE, name: '', tableWord: 'طاولة' }));
    expect(core.snapshot().tables.map((t) => t.name)).toEqual(['Table 1', 'Tisch 2', 'طاولة 3']);
  });
});

describe('send elsewhere prefers a table in the walk-in\'s language', () => {
  it('ranks the matching table first (the same wait everywhere), and a transfer keeps the languages', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const here = ok(core.call('table.create', { ...TABLE, name: 'Here', topics: [], languages: ['en'] })).tableId;
    const german = ok(core.call('table.create', { ...TABLE, name: 'German', topics: [], languages: ['de'] })).tableId;
    const arabic = ok(core.call('table.create', { ...TABLE, name: 'Arabic', topics: [], languages: ['fr', 'ar'] })).tableId;
    const { entryId } = ok(core.call('walkin.add', { tableId: here, name: 'Lina', topics: [], partySize: 1, languages: ['ar'] }));
    const { entryId: silent } = ok(core.call('walkin.add', { tableId: here, name: 'Tom', topics: [], partySize: 1 }));

    const { suggestions } = ok(core.call('transfer.suggest', { entryId }));
    expect(suggestions.map((s) => [s.tableId, s.sharedLanguages])).toEqual([
      [arabic, ['ar']],
      [german, []],
    ]);
    // Not said: the languages of the table they are at (English), which neither offers: tie by id.
    expect(ok(core.call('transfer.suggest', { entryId: silent })).suggestions.every((s) => s.sharedLanguages.length === 0)).toBe(true);

    ok(core.call('entry.transfer', { entryId, toTableId: arabic }));
    expect(core.snapshot().tables.find((t) => t.id === arabic)?.queue[0]).toMatchObject({ name: 'Lina', languages: ['ar'] });
  });
});
