/**
 * The printed report's fonts (renderer/src/print-fonts.css, written by
 * scripts/print-fonts.mjs): the file is what the script writes from the
 * installed @fontsource packages, every font file it names exists, and at
 * both weights its faces' unicode ranges cover text in each of IFLA's seven
 * languages (and Japanese kana, which participants' names may hold).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types
import { OUT, printFontsCss } from '../../scripts/print-fonts.mjs';

const css = readFileSync(OUT as string, 'utf8');

interface Face {
  weight: number;
  url: string;
  ranges: [number, number][];
}

const faces: Face[] = [...css.matchAll(/@font-face \{([^}]*)\}/g)].map(([, body]) => ({
  weight: Number(/font-weight: (\d+)/.exec(body!)?.[1]),
  url: /url\(([^)]+)\)/.exec(body!)?.[1] ?? '',
  ranges: (/unicode-range: ([^;]+);/.exec(body!)?.[1] ?? '').split(',').map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
  }),
}));

const SAMPLES: Record<string, string> = {
  Arabic: 'التطوير المهني المستمر للمكتبيين',
  Chinese: '图书馆员的持续职业发展与学习计划',
  English: 'Continuing professional development',
  French: 'Développement professionnel continu, à l’étranger',
  German: 'Berufliche Weiterbildung für Bibliothekarinnen',
  Russian: 'Непрерывное профессиональное развитие',
  Spanish: 'Desarrollo profesional continuo: ¿cuándo? ¡mañana!',
  'Japanese kana': 'さとう みさき サトウ ミサキ',
};

describe('the print fonts', () => {
  it('are what scripts/print-fonts.mjs writes from the installed packages (run it after an upgrade)', () => {
    expect(css).toBe(printFontsCss());
  });

  it('name only woff2 files that exist', () => {
    expect(faces.length).toBeGreaterThan(100);
    for (const face of faces) {
      expect(face.url).toMatch(/\.woff2$/);
      expect(existsSync(join(dirname(OUT as string), face.url)), face.url).toBe(true);
    }
  });

  for (const weight of [400, 700]) {
    it(`cover every letter of the seven IFLA languages at weight ${weight}`, () => {
      const at = faces.filter((f) => f.weight === weight);
      for (const [language, text] of Object.entries(SAMPLES)) {
        const missing = [...text].filter((ch) => {
          const cp = ch.codePointAt(0)!;
          return ch.trim() !== '' && !at.some((f) => f.ranges.some(([a, b]) => a <= cp && cp <= b));
        });
        expect(missing, language).toEqual([]);
      }
    });
  }
});
