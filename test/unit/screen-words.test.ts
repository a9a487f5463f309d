/**
 * Words the screens put beside figures: a countdown on the dashboard says
 * what it counts ("12:13 left", "1:05 over time"), never bare digits that
 * read like a time of day.
 */
import { describe, expect, it } from 'vitest';
import { countdownPhrase } from '../../shared/domain/timer.js';
import { humanSize, limitSize } from '../../shared/size.js';

describe('countdownPhrase', () => {
  it('says left, over time or paused, and gives the digits without a sign', () => {
    expect(countdownPhrase(12 * 60_000 + 13_000, false)).toEqual({ key: 'left', time: '12:13' });
    expect(countdownPhrase(-65_000, false)).toEqual({ key: 'over', time: '1:05' });
    expect(countdownPhrase(3 * 60_000, true)).toEqual({ key: 'paused', time: '3:00' });
    expect(countdownPhrase(0, false)).toEqual({ key: 'left', time: '0:00' });
  });
});

describe('sizes in refusals', () => {
  it('writes a limit as a human size with its unit, in the language asked', () => {
    expect(humanSize(67_174_400)).toBe('64 MB');
    expect(humanSize(2 * 1024 * 1024)).toBe('2 MB');
    expect(humanSize(1536)).toBe('1.5 kB');
    expect(humanSize(300)).toBe('300 bytes');
    expect(humanSize(67_174_400, 'fr')).toBe('64\u202fMo');
    expect(humanSize(67_174_400, 'ru')).toBe('64 МБ');
    expect(limitSize({ maxBytes: 32 * 1024 * 1024 })).toBe('32 MB');
    expect(limitSize({ maxChars: 66 * 1024 * 1024 })).toBe('66 MB');
    expect(limitSize({ max: 5 })).toBeNull();
  });

  it('every English message with a size limit says {{size}}, never a bare {{max}} of bytes', async () => {
    const { readFileSync } = await import('node:fs');
    const en = JSON.parse(readFileSync(new URL('../../renderer/src/i18n/locales/en.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const flat: [string, string][] = [];
    const walk = (o: unknown, path: string) => {
      if (typeof o === 'string') flat.push([path, o]);
      else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(en, '');
    for (const [key, text] of flat.filter(([k]) => /^(errors|plan)\..*too_large$/.test(k))) expect(text, key).toContain('{{size}}');
    // A limit in characters says so (it was "at most 2000", and a count of languages was worded as one).
    expect(Object.fromEntries(flat)['plan.problem.plan_too_long']).toContain('{{max}} characters');
  });
});
