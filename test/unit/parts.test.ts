/**
 * Lines of parts ("Ticket 3 · Careers"): only the parts there are, joined by
 * one helper (renderer/src/lib/parts.tsx), so no line ends or starts with a
 * separator or holds two together when a part is missing ("Ticket 3 ·" with no
 * topics was one).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinParts, PART_SEPARATOR, presentParts } from '../../renderer/src/lib/parts.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('joined parts', () => {
  it('leaves out what is missing: no separator at either end, none doubled, nothing for nothing', () => {
    expect(joinParts(['Ticket 3'])).toBe('Ticket 3');
    expect(joinParts(['Ticket 3', ...[]])).toBe('Ticket 3');
    expect(joinParts([null, 'Careers', '', undefined, false, 'Leadership'])).toBe('Careers · Leadership');
    expect(joinParts(['Ticket 3', 'Careers'])).toBe(`Ticket 3${PART_SEPARATOR}Careers`);
    expect(joinParts([null, ''])).toBe('');
    expect(presentParts([0, null, 2])).toEqual([0, 2]);
  });

  it('no screen joins its parts by hand (every " · " goes through the helper)', () => {
    const root = join(__dirname, '../../renderer/src');
    const byHand = sources(root)
      .filter((f) => !f.endsWith(join('lib', 'parts.ts')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f.slice(root.length + 1)}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && !line.startsWith('/*') && line.includes('·')),
      )
      .map((x) => x.where);
    expect(byHand).toEqual([]);
  });
});
