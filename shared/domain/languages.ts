/**
 * The languages a table works in and a walk-in speaks (issue 14): BCP 47
 * tags, any language Intl knows, canonical ("pt-br" → "pt-BR"). A table
 * offers one or more (the first is its main language); a walk-in may say
 * which they speak (none said: unknown). Pure and zod-free, so the renderer's
 * first chunk may use it.
 */

/** How many languages a table offers, or a walk-in says they speak, at most. */
export const MAX_LANGUAGES = 10;

/** The longest language tag accepted, in characters. */
export const MAX_LANGUAGE_TAG_CHARS = 35;

/** A language subtag of two or three letters, then any subtags (region, script, variants, extensions, private use). */
const WELL_FORMED = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;
/** A private-use tag alone ("x-klingon", "x-sign-local"): BCP 47 allows it; Intl's locales do not. */
const PRIVATE_USE = /^[xX](-[a-zA-Z0-9]{1,8})+$/;

let englishNames: Intl.DisplayNames | null | undefined;
function known(base: string): boolean {
  if (englishNames === undefined) {
    try {
      englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    } catch {
      englishNames = null;
    }
  }
  return englishNames ? englishNames.of(base) !== undefined : true;
}

/**
 * A language tag in its canonical form, or null when it is not one.
 *
 * Accepted (BCP 47): a tag Intl.getCanonicalLocales takes ("FR" → "fr",
 * "pt-br" → "pt-BR", "sgn-US" → "ase"), whose language is either one Intl
 * names or a three-letter ISO 639-2/3 code (sign languages such as "ase"
 * American, "bfi" British, "gsg" German Sign Language, which Intl's data
 * often lacks, and the private-use range "qaa"–"qtz"); private-use subtags
 * ride along ("en-x-easy"). A private-use tag alone ("x-klingon") is taken as
 * written, lower case. Refused: text that is no tag ("hello world", "123",
 * "asdf"), a five- to eight-letter language (none is registered), and a
 * two-letter code no one uses ("xx"). This checks the form only (any
 * three-letter code passes), for reading and comparing tags; whether a new
 * tag names a language of the ISO 639 registry is `checkLanguage`
 * (language-registry.ts), at every way new input comes in.
 */
export function canonicalLanguage(tag: string): string | null {
  const text = tag.trim();
  if (text.length > MAX_LANGUAGE_TAG_CHARS) return null;
  if (PRIVATE_USE.test(text)) return text.toLowerCase();
  if (!WELL_FORMED.test(text)) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(text);
    const base = canonical?.split('-')[0];
    if (!canonical || !base) return null;
    return known(base) || /^[a-z]{3}$/.test(base) ? canonical : null;
  } catch {
    return null;
  }
}

/** Whether a tag is private use alone ("x-klingon"): no language Intl can name, shown as written. */
export function isPrivateUseTag(tag: string): boolean {
  return PRIVATE_USE.test(tag);
}

/** Tags without repeats (compared canonical, first kept), in the order given. */
export function uniqueLanguages(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = (canonicalLanguage(tag) ?? tag).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * The languages a `table.created` / `table.updated` payload names: its
 * `languages` list, or, for an operation written before tables held several
 * (one `language` field), that one as a one-element list. Never empty: a
 * payload with neither is English (none is written so).
 */
export function payloadLanguages(p: { languages?: readonly string[] | undefined; language?: string | undefined }): string[] {
  if (p.languages && p.languages.length > 0) return [...p.languages];
  return [p.language ?? 'en'];
}

/** The language of a tag, without region or script ("pt-BR" → "pt"), lower case; a private-use tag is its own language. */
function base(tag: string): string {
  if (isPrivateUseTag(tag)) return tag.toLowerCase();
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/**
 * THE language match, used by "send elsewhere" and the board's "try table
 * N": the languages of `speaks` that `offers` also has, compared by language
 * (a walk-in speaking "pt-BR" matches a table offering "pt"), in the order of
 * `speaks`. Empty when they share none, or when either list is empty.
 */
export function sharedLanguages(speaks: readonly string[], offers: readonly string[]): string[] {
  const offered = new Set(offers.map(base));
  return speaks.filter((tag) => offered.has(base(tag)));
}
