/**
 * THE check of a language typed, picked or imported as new input against
 * the ISO 639-3 registry (the `iso-639-3` package's data, which includes the
 * ISO 639-1 two-letter codes): every way a new language comes in (the
 * contract's `spokenLanguage` for IPC and HTTP commands, a floor plan's
 * languages, the table form's box) asks `checkLanguage`.
 *
 * Accepted: a well-formed BCP 47 tag (`canonicalLanguage`, languages.ts)
 * whose language subtag, once canonical ("iw" → "he", "sgn-US" → "ase",
 * "eng" → "en"), is an ISO 639-1 code or an ISO 639-3 individual language or
 * macrolanguage of any kind (living, sign, extinct, ancient, constructed:
 * "ase", "bfi", "la", "eo", "tlh"); the range reserved for local use
 * ("qaa"–"qtz"); a private-use tag ("x-klingon", "en-x-easy"). Region,
 * script and variant subtags ride along as Intl canonicalised them.
 *
 * Refused, with the tag as written in `params.tag` (at most 35 characters):
 * - `language_unknown`: no tag at all ("hello"), or a code no language has
 *   ("foo", "xx", a collective code such as "sgn" alone);
 * - `language_not_a_language`: the registry's special codes, which say
 *   something about a language rather than name one: "und" (undetermined),
 *   "mul" (several), "zxx" (no linguistic content), "mis" (not coded). A
 *   table works in, and a walk-in speaks, a language; "not said" is an empty
 *   list.
 *
 * Operations already written (a log, a sync message, an exported log) are
 * not checked here: they are read as long as the tag is well-formed (the
 * `languageTag` of the operation schemas), so a log from an earlier version
 * holding a now-refused tag still loads and converges on every laptop.
 *
 * Zod-free, but it holds the registry (about 7,900 languages): the main
 * process and the core's gate import it; the renderer loads it with
 * `import()` only when the table form's box is used (never in its first
 * chunk, test/unit/first-chunk.test.ts).
 */
import { iso6393 } from 'iso-639-3';
import { canonicalLanguage, isPrivateUseTag, MAX_LANGUAGE_TAG_CHARS } from './languages.js';

/** Why a language was refused: a code the renderer translates, with `{ tag }`. */
export type LanguageRefusal = 'language_unknown' | 'language_not_a_language';

/** A tag accepted (canonical) or refused (code and the tag as written). */
export type LanguageCheck = { ok: true; tag: string } | { ok: false; code: LanguageRefusal; params: { tag: string } };

interface Registry {
  /** ISO 639-3 code → English name, for languages (individual and macrolanguages). */
  three: Map<string, string>;
  /** ISO 639-1 code → English name. */
  two: Map<string, string>;
  /** The special codes: und, mul, zxx, mis. */
  special: Set<string>;
  /** Folded English name → ISO 639-1 code if it has one, else the 639-3 code. */
  byName: Map<string, string>;
}

let registry: Registry | undefined;
function load(): Registry {
  if (registry) return registry;
  const built: Registry = { three: new Map(), two: new Map(), special: new Set(), byName: new Map() };
  for (const language of iso6393) {
    if (language.scope === 'special') {
      built.special.add(language.iso6393);
      continue;
    }
    built.three.set(language.iso6393, language.name);
    if (language.iso6391) built.two.set(language.iso6391, language.name);
    const key = fold(language.name);
    if (!built.byName.has(key)) built.byName.set(key, language.iso6391 ?? language.iso6393);
  }
  registry = built;
  return built;
}

function fold(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}

/** The private-use range of ISO 639-2/3, "qaa" to "qtz": languages a community codes locally. */
const LOCAL_USE = /^q[a-t][a-z]$/;

/**
 * Whether `written` is a language Tableside accepts as new input, and its
 * canonical tag if so (see the module's comment for the rules). Never throws.
 */
export function checkLanguage(written: string): LanguageCheck {
  const text = written.trim();
  const refuse = (code: LanguageRefusal): LanguageCheck => ({ ok: false, code, params: { tag: text.slice(0, MAX_LANGUAGE_TAG_CHARS) } });
  const tag = canonicalLanguage(text);
  if (tag === null) return refuse('language_unknown');
  if (isPrivateUseTag(tag)) return { ok: true, tag };
  const base = (tag.split('-')[0] ?? tag).toLowerCase();
  const { two, three, special } = load();
  if (special.has(base)) return refuse('language_not_a_language');
  if (base.length === 2 ? two.has(base) : three.has(base) || LOCAL_USE.test(base)) return { ok: true, tag };
  return refuse('language_unknown');
}

/**
 * The registry's English name of a tag's language ("asl" → "Asilulu", "ase"
 * → "American Sign Language"), for where Intl.DisplayNames has none; null
 * for a tag the registry does not hold (private use, "qaa", no language).
 */
export function registryLanguageName(tag: string): string | null {
  if (isPrivateUseTag(tag)) return null;
  const base = (tag.split('-')[0] ?? tag).toLowerCase();
  const { two, three } = load();
  return (base.length === 2 ? two.get(base) : three.get(base)) ?? null;
}

/** The tag of a language by its English name in the registry ("Auslan" → "asf", "German" → "de"), or null. */
export function registryLanguageByName(name: string): string | null {
  return load().byName.get(fold(name)) ?? null;
}

/**
 * Languages to suggest in a box (the ISO 639-1 languages and the sign
 * languages), as tags; a screen names them with Intl.DisplayNames in its
 * language, or the registry's English name where Intl has none.
 */
export function suggestedLanguages(): string[] {
  const { two, three } = load();
  const signs = [...three].filter(([, name]) => / Sign Language$/.test(name)).map(([code]) => code);
  return [...two.keys(), ...signs];
}
