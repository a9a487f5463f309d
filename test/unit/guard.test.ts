/**
 * The gate (shared/guard.ts) and every way in that passes it: depth and
 * size limits before parsing, text cleaned to NFC without characters other
 * readers cannot hold, refusals that carry a code and never echo the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isCleanText, jsonDepth, MAX_JSON_DEPTH, parseBounded, sanitizeValue } from '../../shared/guard.js';
import { PROPERTY, dumpState, ok, seedEvent, testCore } from './helpers.js';

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonDepth', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    expect(jsonDepth('[]')).toBe(1);
    expect(jsonDepth('1')).toBe(0);
  });
  it('agrees with the real nesting of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const depthOf = (v: unknown): number =>
          typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
        expect(jsonDepth(JSON.stringify(value))).toBe(depthOf(value));
      }),
      { ...PROPERTY, numRuns: 300 },
    );
  }, 60_000);
  it('skips strings exactly as a character-by-character scan does, on any text of quotes, backslashes and brackets', () => {
    // The definition: in a string, a backslash skips the next character and a quote ends it.
    const byCharacter = (text: string, limit = Infinity): number => {
      let depth = 0;
      let deepest = 0;
      let inString = false;
      for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i += 1;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
        else if (c === ']' || c === '}') depth -= 1;
        if (deepest > limit) return deepest;
      }
      return deepest;
    };
    const text = fc.array(fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', ',', ':'), { maxLength: 60 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (t, limit) => {
        expect(jsonDepth(t)).toBe(byCharacter(t));
        expect(jsonDepth(t, limit)).toBe(byCharacter(t, limit));
      }),
      { ...PROPERTY, numRuns: 3000 },
    );
    // An even run of backslashes before a quote ends the string; an odd one escapes it.
    expect(jsonDepth('"a\\\\"[')).toBe(1);
    expect(jsonDepth('"a\\"[')).toBe(0);
  });
});

describe('parseBounded', () => {
  it('refuses 5,000 levels before parsing, with a code and no echo', () => {
    const result = parseBounded(`{"method":${deepArray(5000)}}`);
    expect(result).toEqual({ ok: false, code: 'too_deep', params: { max: MAX_JSON_DEPTH } });
  });
  it('refuses text over its size, and text that is not JSON', () => {
    expect(parseBounded('[1,2,3]', { maxChars: 3 })).toMatchObject({ ok: false, code: 'too_large' });
    expect(parseBounded('{"a":')).toMatchObject({ ok: false, code: 'not_json' });
  });
  it('takes nesting up to the limit', () => {
    expect(parseBounded(deepArray(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseBounded(deepArray(MAX_JSON_DEPTH + 1)).ok).toBe(false);
  });
});

describe('cleanText: NFC, and only characters XML and CSV readers hold', () => {
  it('makes a combining accent the same text as the precomposed one', () => {
    expect(cleanText('Carrie\u0300re')).toBe('Carrière');
  });
  it('removes C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\te\nf\rg')).toBe('abcd\te\nf\rg');
    expect(cleanText('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(cleanText('d\u007Fe\u0080l\u0085\u009F')).toBe('del');
    expect(cleanText('a\uD800b\uDC00c')).toBe('abc');
    expect(cleanText('emoji \uD83D\uDE00 stays')).toBe('emoji \uD83D\uDE00 stays');
  });
  it('removes bidi embeddings, overrides and isolates, and keeps the direction marks Arabic and Hebrew writers use', () => {
    // "Ana" then a right-to-left override: would show as "Anaexe.pdf" reversed on screen and in a spreadsheet.
    expect(cleanText('Ana\u202Efdp.exe')).toBe('Anafdp.exe');
    expect(cleanText('\u202A\u202B\u202Cx\u202D\u2066\u2067\u2068y\u2069')).toBe('xy');
    expect(cleanText('\u0645\u0631\u064A\u0645\u200F (2)\u200E\u061C')).toBe('\u0645\u0631\u064A\u0645\u200F (2)\u200E\u061C');
  });
  it('is idempotent and always yields clean, well-formed NFC text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const c = cleanText(s);
        return (
          cleanText(c) === c &&
          isCleanText(c) &&
          !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(c) &&
          c === c.normalize('NFC') &&
          // eslint-disable-next-line no-control-regex
          !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.test(c)
        );
      }),
      { ...PROPERTY, numRuns: 500 },
    );
  }, 60_000);
});

describe('sanitizeValue: what arrives already parsed (IPC)', () => {
  it('refuses a deep value without recursing', () => {
    let v: unknown = [];
    for (let i = 0; i < 100_000; i += 1) v = [v];
    expect(sanitizeValue(v)).toMatchObject({ ok: false, code: 'too_deep' });
  });
  it('refuses numbers JSON cannot carry, as data JSON cannot hold (was "too large, more than 9,007,199,254,740,991")', () => {
    expect(sanitizeValue({ rank: Infinity })).toEqual({ ok: false, code: 'not_json', params: {} });
    expect(sanitizeValue([Number.NaN])).toEqual({ ok: false, code: 'not_json', params: {} });
    expect(sanitizeValue(-Infinity)).toEqual({ ok: false, code: 'not_json', params: {} });
  });
  it('cleans keys and values, and keeps "__proto__" a plain key', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "a\\u0000": "Carrie\\u0300re"}') as object;
    const out = ok(sanitizeValue(input) as never) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(out.a).toBe('Carrière');
  });
  it('counts characters against its limit', () => {
    expect(sanitizeValue({ a: 'x'.repeat(10) }, { maxChars: 5 })).toEqual({ ok: false, code: 'too_large', params: { maxChars: 5 } });
  });
});

describe('the core behind the gate (IPC and HTTP alike)', () => {
  it('refuses a 5,000-deep method or argument with a short message, changing nothing', () => {
    const { core, clock, db } = testCore();
    seedEvent(core, clock);
    const before = dumpState(db);
    let deep: unknown = [];
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    const byMethod = core.dispatch(deep, {});
    expect(byMethod).toMatchObject({ ok: false, error: { code: 'unknown_method', message: 'Unknown method.' } });
    const byArgs = core.dispatch('topic.add', { label: deep });
    expect(byArgs).toMatchObject({ ok: false, error: { code: 'too_deep', params: { max: MAX_JSON_DEPTH } } });
    const longKey = core.dispatch('topic.add', { label: 'ok', ['k'.repeat(100_000)]: 1 });
    if (longKey.ok) throw new Error('accepted');
    expect(longKey.error.message.length).toBeLessThan(400);
    const manyIssues = core.dispatch('table.create', { name: 'T', coaches: Array.from({ length: 5000 }, () => 7), topics: [], languages: ['en'], turnMinutes: 5 });
    if (manyIssues.ok) throw new Error('accepted');
    expect(JSON.stringify(manyIssues.error).length).toBeLessThan(10_000);
    const longName = 'x'.repeat(10_000);
    const byName = core.dispatch(longName, {});
    if (byName.ok) throw new Error('accepted');
    expect(byName.error.message.length).toBeLessThan(100);
    expect(dumpState(db)).toEqual(before);
    core.close();
  });

  it('stores a topic typed with a combining accent as the same topic (NFC at the gate)', () => {
    const { core, clock } = testCore();
    seedEvent(core, clock);
    ok(core.call('topic.add', { label: 'Carrière' }));
    const again = core.call('topic.add', { label: 'Carrie\u0300re' });
    const labels = core.snapshot().event!.topics.map((t) => t.label).filter((l) => l.startsWith('Carri'));
    // Either refused as a duplicate or kept once: never two spellings of one topic.
    expect(new Set(labels)).toEqual(new Set(['Carrière']));
    expect(labels.every((l) => l === l.normalize('NFC'))).toBe(true);
    void again;
    core.close();
  });

  it('keeps no character an XML reader refuses in what it stores', () => {
    const { core, clock } = testCore();
    const ids = seedEvent(core, clock);
    const tableId = ids.tables[0]!;
    ok(core.call('walkin.add', { tableId, name: 'Jo\uFFFE\u0001\uD800', topics: [], partySize: 1 }));
    const names = core.snapshot().tables.flatMap((t) => t.queue.map((e) => e.name));
    expect(names).toContain('Jo');
    core.close();
  });
});

describe('input that looks valid but is not (issue 12, case 8)', () => {
  it('2026-02-30 is refused with nothing changed; an evening session 20:00-01:00 is accepted as ending the next day', () => {
    const { core, db } = testCore();
    const before = dumpState(db);
    const bad = core.dispatch('event.create', { name: 'Day', date: '2026-02-30', startTime: '09:00', endTime: '10:00', place: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'date' }] } });
    expect(dumpState(db)).toEqual(before);
    ok(core.call('event.create', { name: 'Evening', date: '2026-02-28', startTime: '20:00', endTime: '01:00', place: '' }));
    expect(core.snapshot().event).toMatchObject({ startTime: '20:00', endTime: '01:00' });
    core.close();
  });
  it('a date in year 0100 or 9999 (well-formed, real, but a typo) is refused with the years allowed; nothing changed', () => {
    const { core, db } = testCore();
    const before = dumpState(db);
    for (const [date, endDate, path] of [['0100-05-01', null, 'date'], ['9999-12-31', null, 'date'], ['2026-08-20', '2100-01-01', 'endDate']] as const) {
      const bad = core.dispatch('event.create', { name: 'Day', date, endDate, startTime: '09:00', endTime: '10:00', place: '' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path, code: 'session_date_out_of_range', params: { min: 2000, max: 2099 } }] } });
    }
    expect(dumpState(db)).toEqual(before);
    core.close();
  });
});

describe('a follow-up is tied only to a turn the person took part in (issue 12, case 8)', () => {
  it('a turn at another table, or one the person did not sit in, is refused with nothing changed', () => {
    const { core, clock, db } = testCore();
    const { tables, entries, turns } = seedEvent(core, clock);
    // turns[0]: Ana's turn at table 1; turns[1]: Bo's at table 2.
    const ana = entries[0]!;
    const before = dumpState(db);
    const otherTable = core.dispatch('followup.record', { entryId: ana, turnId: turns[1]!, consent: false });
    expect(otherTable).toMatchObject({ ok: false, error: { code: 'rejected', message: /did not take part/ } });
    const second = ok(core.call('walkin.add', { tableId: tables[0]!, name: 'Cy', topics: [], partySize: 1 }));
    const notHers = core.dispatch('followup.record', { entryId: second.entryId, turnId: turns[0]!, consent: false });
    expect(notHers).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(dumpState(db).ops).toHaveLength(before.ops.length + 1);
    ok(core.call('followup.record', { entryId: ana, turnId: turns[0]!, consent: true, contact: 'ana@example.org' }));
    core.close();
  });
});

describe('required text that shows nothing (the kind of "looks valid but is not")', () => {
  const invisible = ['\u200B', '\u200D\u200C', '\u202E', '\u2066\u2069', '\u0301', '\u00AD', '\uFEFF', '\u3164', '\u2060', '\u3000\u200B'];
  it('a topic, coach, event name or broadcast of only invisible characters is refused as required, with nothing changed', () => {
    const { core, clock, db } = testCore();
    const ids = seedEvent(core, clock);
    const before = dumpState(db);
    for (const text of invisible) {
      expect(core.dispatch('topic.add', { label: text })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'label', code: 'required' }] } });
      expect(core.dispatch('table.create', { name: 'T', coaches: [text], topics: [], languages: ['en'], turnMinutes: 10 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(core.dispatch('walkin.add', { tableId: ids.tables[0]!, name: 'Jo', topics: [text], partySize: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(core.dispatch('broadcast.send', { text })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(dumpState(db)).toEqual(before);
    // Visible text around the same characters is kept: an Arabic name with a bidi mark, an accent on a base.
    ok(core.call('topic.add', { label: '\u2067مهنة\u2069' }));
    ok(core.call('topic.add', { label: 'e\u0301tudes' }));
    core.close();
  });
});
