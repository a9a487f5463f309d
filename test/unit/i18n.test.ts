/**
 * The translations are complete: every key of English exists in every
 * language (plural keys in each plural form that language has, by
 * Intl.PluralRules: Arabic's zero/one/two/few/many/other, Russian's
 * one/few/many/other, Chinese's other), no language has keys English lacks,
 * no value is left equal to English unless the allow-list says why, and
 * every {{placeholder}} of English appears in each translation. Also: every
 * key the renderer asks for by name exists, and the pseudo-locale marks and
 * lengthens every string while keeping its placeholders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, matchLanguage, pickLanguage, directionOf } from '../../renderer/src/i18n/languages.js';
import { pseudoResources, pseudoString, PSEUDO_MARK } from '../../renderer/src/i18n/pseudo.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const LOCALES = join(import.meta.dirname, '../../renderer/src/i18n/locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

/** The plural suffix of a key whose base English writes in plural forms (`queue.title_one`), else null. */
function pluralOf(key: string, bases: ReadonlySet<string>): { base: string; form: string } | null {
  const m = PLURAL_SUFFIX.exec(key);
  if (!m) return null;
  const base = key.slice(0, -m[0].length);
  return bases.has(base) ? { base, form: m[1]! } : null;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function load(language: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(LOCALES, `${language}.json`), 'utf8')) as Tree);
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]!));

/**
 * Values that may read the same as English, by key and language: names,
 * codes, units that happen to be spelt alike. Anything made only of
 * placeholders, digits and punctuation is allowed everywhere.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  // Codes and names, the same in every language.
  all: ['signs.a4'],
  // Words French shares with English.
  fr: [
    'event.date',
    'note.label',
    'queue.ticket',
    'nav.label',
    'nav.tables',
    'export.colTables',
    'export.format',
    'support.coaching',
    'board.tables',
    'report.minutes',
    'report.bin',
    'report.binOpen',
    'report.modeMinutes',
    'support.supervision',
    'board.pages',
    'board.minutes',
    'plan.tableWord',
    'plan.column.table',
    'turn.extendBy',
    'rehearsal.pause',
    'shell.menu.coach',
    'shell.notify.ticket',
  ],
  // German borrows these (Coach, Laptop, Ticket, Hub, Format, KB…).
  de: [
    'table.coaches',
    'walkIn.name',
    'queue.ticket',
    'export.colLaptop',
    'export.unnamed',
    'export.format',
    'export.size',
    'export.keptFile',
    'support.coaching',
    'support.mentoring',
    'support.supervision',
    'sharing.memberLead',
    'sharing.memberLeadNamed',
    'plan.problemHeader',
    'plan.column.coaches',
    'plan.column.name',
    'rehearsal.pause',
    'shell.menu.coach',
    'shell.notify.ticket',
  ],
  es: [
    'shell.menu.coach',
    'plan.error',
    'plan.column.coaches',
    'board.minutes',
    'table.coaches',
    'report.minutes',
    'report.bin',
    'report.binOpen',
    'support.coaching',
    'sharing.memberLead',
    'sharing.memberLeadNamed',
    'turn.extendBy',
  ],
  ru: [],
  // KB is the unit Chinese software writes too.
  zh: ['export.size', 'export.keptFile'],
  ar: [],
};

const onlySymbols = (text: string) => text.replace(/\{\{[^}]+\}\}/g, '').replace(/[\p{P}\p{S}\p{N}\s]/gu, '') === '';

const english = load('en');
// Plural bases: keys English writes as `base_one`, `base_other`.
const pluralBases = new Set([...english.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
const englishBases = new Map<string, string[]>(); // plural base -> English forms
for (const key of english.keys()) {
  const p = pluralOf(key, pluralBases);
  if (p) englishBases.set(p.base, [...(englishBases.get(p.base) ?? []), key]);
}

describe('the translation files', () => {
  it('are exactly the seven IFLA languages', () => {
    const files = readdirSync(LOCALES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...LANGUAGES].sort());
  });

  describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language) => {
    // A missing file fails the first test, not the whole file.
    const translated = existsSync(join(LOCALES, `${language}.json`)) ? load(language) : new Map<string, string>();
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];

    it('has every key of English, each plural in every form the language has, and nothing else', () => {
      const expected = new Set<string>();
      for (const key of english.keys()) {
        if (!pluralOf(key, pluralBases)) expected.add(key);
      }
      for (const base of englishBases.keys()) for (const f of forms) expected.add(`${base}_${f}`);
      const missing = [...expected].filter((k) => !translated.has(k));
      const extra = [...translated.keys()].filter((k) => !expected.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('leaves no value equal to English unless allowed', () => {
      const same = [...translated].filter(([key, value]) => {
        const p = pluralOf(key, pluralBases);
        const englishValue = english.get(key) ?? (p ? english.get(`${p.base}_other`) : undefined);
        if (englishValue === undefined || value !== englishValue) return false;
        if (onlySymbols(value)) return false;
        const base = p ? p.base : key;
        return ![...(SAME_AS_ENGLISH[language] ?? []), ...SAME_AS_ENGLISH.all!].includes(base);
      });
      expect(same.map(([k]) => k)).toEqual([]);
    });

    it('keeps every placeholder of English (a plural may leave out the count in forms other than "other")', () => {
      const lost: string[] = [];
      for (const [key, value] of translated) {
        const plural = pluralOf(key, pluralBases);
        const englishValues = plural ? (englishBases.get(plural.base) ?? []).map((k) => english.get(k)!) : [english.get(key) ?? ''];
        const needed = new Set(englishValues.flatMap((v) => [...placeholders(v)]));
        // "one person", "two people" (Arabic's dual) may say the number in words.
        if (plural && ['zero', 'one', 'two'].includes(plural.form)) needed.delete('count');
        const have = placeholders(value);
        for (const p of needed) if (!have.has(p)) lost.push(`${key}: {{${p}}}`);
        for (const p of have) if (!needed.has(p) && !(plural && p === 'count')) lost.push(`${key}: unknown {{${p}}}`);
      }
      expect(lost).toEqual([]);
    });

    it('has no empty value', () => {
      expect([...translated].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    });
  });

  it('English has every key the renderer asks for by name', () => {
    const root = join(import.meta.dirname, '../../renderer/src');
    const files = readdirSync(root, {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => /\.tsx?$/.test(f));
    const missing: string[] = [];
    for (const f of files) {
      const source = readFileSync(join(root, f), 'utf8');
      for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = m[1]!;
        if (!english.has(key) && !englishBases.has(key)) missing.push(`${f}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('choosing the language shown', () => {
  it('matches a tag to a language we have, or to none', () => {
    expect(matchLanguage('zh-Hans-CN')).toBe('zh');
    expect(matchLanguage('de-AT')).toBe('de');
    expect(matchLanguage('en-XA')).toBe('en-XA');
    expect(matchLanguage('he')).toBeNull();
    expect(matchLanguage('')).toBeNull();
  });

  it('takes ?lang first, then the laptop’s choice (not on the board), then the browser, then English', () => {
    const base = {
      search: '',
      chosen: null,
      browser: [] as string[],
      board: false,
    };
    expect(pickLanguage({ ...base, search: '?lang=ar', chosen: 'de' })).toBe('ar');
    expect(pickLanguage({ ...base, chosen: 'de', browser: ['fr-FR'] })).toBe('de');
    expect(pickLanguage({ ...base, chosen: 'de', browser: ['fr-FR'], board: true })).toBe('fr');
    expect(pickLanguage({ ...base, browser: ['he-IL', 'ru-RU'] })).toBe('ru');
    // A Hebrew laptop with no language we have shows English, left to right.
    const shown = pickLanguage({ ...base, browser: ['he-IL'] });
    expect(shown).toBe('en');
    expect(directionOf(shown)).toBe('ltr');
    expect(directionOf('ar')).toBe('rtl');
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders, and is about 40% longer', () => {
    const s = pseudoString('Start turn with {{who}}');
    expect(s).toContain('{{who}}');
    expect(s).not.toMatch(/[A-Za-z]{2,}(?![^{]*\}\})/);
    expect(PSEUDO_MARK.test(s)).toBe(true);
    const english = 'Start turn with '.length;
    expect(s.length - '{{who}}'.length).toBeGreaterThanOrEqual(Math.round(english * 1.4));
  });

  it('covers every English string', () => {
    const pseudo = flatten(pseudoResources(JSON.parse(readFileSync(join(LOCALES, 'en.json'), 'utf8')) as Tree));
    expect([...pseudo.keys()]).toEqual([...english.keys()]);
    for (const [key, value] of pseudo) {
      expect(value.startsWith('⟦'), key).toBe(true);
      for (const p of placeholders(english.get(key)!)) expect(value, key).toContain(`{{${p}}}`);
    }
  });
});

describe('errors carry a code and parameters the renderer translates', () => {
  const root = join(import.meta.dirname, '../..');
  const sources = ['electron']
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(root, dir, f)))
    .filter((f) => f.endsWith('.ts'));

  it('every refusal the core and its services throw names a reason English (and so every language) has', () => {
    const reasons = new Set<string>();
    const unnamed: string[] = [];
    for (const file of sources) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/new RejectedError\(((?:[^()]|\([^()]*\))*)\)/g)) {
        const reason = /,\s*'([a-z_]+)'/.exec(m[1]!)?.[1];
        if (reason) reasons.add(reason);
        // Passing on a refusal made elsewhere (a sync error's own words) is the only unnamed kind.
        else if (!/lastError|\(error as Error\)\.message/.test(m[1]!)) unnamed.push(`${file}: ${m[1]!.slice(0, 60)}`);
      }
    }
    expect(unnamed).toEqual([]);
    expect(reasons.size).toBeGreaterThan(40);
    expect([...reasons].filter((r) => !english.has(`errors.rejected.${r}`))).toEqual([]);
  });

  it('the laptop keeps its chosen language in its settings; a malformed tag is refused and changes nothing', () => {
    const { core } = testCore();
    expect(ok(core.call('settings.get', {})).language).toBeNull();
    expect(ok(core.call('settings.update', { language: 'zh' })).language).toBe('zh');
    expect(core.call('settings.update', { language: 'not a tag' as 'en' }).ok).toBe(false);
    expect(ok(core.call('settings.get', {})).language).toBe('zh');
    expect(ok(core.call('settings.update', { language: null })).language).toBeNull();
  });

  it('a refusal and a wrong field come back with their codes and parameters', () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    ok(core.call('table.close', { tableId }));
    const closed = core.call('table.close', { tableId });
    expect(closed.ok ? null : closed.error).toMatchObject({ code: 'rejected', params: { reason: 'already_closed' } });
    ok(core.call('topic.add', { label: 'Networking' }));
    const topic = core.call('topic.add', { label: 'Networking' });
    expect(topic.ok ? null : topic.error.params).toEqual({ reason: 'topic_exists', topic: 'Networking' });

    const bad = core.call('table.create', { ...TABLE, coaches: [], turnMinutes: 500 });
    const issues = bad.ok ? [] : (bad.error.issues ?? []);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'coaches', code: 'too_few', params: { minimum: 1 } }),
        expect.objectContaining({ path: 'turnMinutes', code: 'too_big' }),
      ]),
    );
    for (const issue of issues) expect(english.has(`errors.field.${issue.code}`), issue.code).toBe(true);
    const session = core.call('event.update', { ...EVENT, endTime: EVENT.startTime });
    const sessionIssues = session.ok ? [] : (session.error.issues ?? []);
    expect(sessionIssues.map((i) => i.code)).toContain('session_same_times');
  });
});
