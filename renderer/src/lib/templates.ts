/**
 * Translations filled in by plain string replacement, for text drawn many
 * times over (a row of a thousand-long queue): the translation is looked up
 * once, with markers in place of its placeholders, and each use only joins
 * strings. An i18next lookup costs far more than that, which adds up to
 * hundreds of milliseconds over a thousand rows.
 *
 * Only for placeholders inserted as they are: no formatting, no plurals
 * (those still go through `t`).
 */
import type { TFunction } from 'i18next';

const MARK = '\u2063';
const MARKED = new RegExp(`${MARK}(\\w+)${MARK}`, 'g');

export type Template<K extends string> = (values: Record<K, string | number>) => string;

export function template<K extends string>(t: TFunction, key: string, names: readonly K[]): Template<K> {
  const marked = String(t(key, Object.fromEntries(names.map((n) => [n, `${MARK}${n}${MARK}`]))));
  const parts: (string | { name: K })[] = [];
  let at = 0;
  for (const m of marked.matchAll(MARKED)) {
    parts.push(marked.slice(at, m.index), { name: m[1] as K });
    at = m.index + m[0].length;
  }
  parts.push(marked.slice(at));
  return (values) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : String(values[p.name]);
    return out;
  };
}
