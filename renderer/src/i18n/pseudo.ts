/**
 * The pseudo-locale `en-XA`: English with every letter accented and each
 * string about 40% longer, between ⟦ and ⟧. Text on screen that lacks the
 * accents did not come through i18next (the web suite's pseudo-locale run
 * fails on it), and the padding shows where a longer language would overflow.
 * `{{placeholders}}` and `$t(nesting)` are left as they are.
 */
const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'đ', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Đ', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** The characters the pseudo-locale writes (the web suite looks for them). */
export const PSEUDO_MARK = /[áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ⟦⟧]/;

const PLACEHOLDER = /(\{\{[^}]+\}\}|\$t\([^)]*\))/;

export function pseudoString(text: string): string {
  if (text === '') return text;
  const accented = text
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c)))
    .join('');
  const visible = text.replace(new RegExp(PLACEHOLDER.source, 'g'), '').length;
  const padding = '~'.repeat(Math.max(1, Math.round(visible * 0.4) - 2));
  return `⟦${accented}${padding}⟧`;
}

type Tree = { [key: string]: string | Tree };

/** The pseudo-locale's resources, made from English. */
export function pseudoResources<T>(english: T): T {
  const walk = (node: Tree): Tree =>
    Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, typeof v === 'string' ? pseudoString(v) : walk(v)]),
    );
  return walk(english as unknown as Tree) as unknown as T;
}
