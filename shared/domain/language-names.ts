/**
 * A language as a person writes it, by name or tag, read into a canonical
 * tag (`parseLanguage`). Light and zod-free (Intl's names only, no registry):
 * the renderer's first chunk may use it; new input is then checked against
 * the registry (`checkLanguage`, language-registry.ts).
 */
import { cleanCell, fold } from './cells.js';
import { canonicalLanguage } from './languages.js';

// Sign languages a name ("American Sign Language") can be matched to where Intl names them.
const SIGN_LANGUAGES = ['ase', 'bfi', 'gsg', 'fsl', 'ssp', 'ils', 'csl', 'jsl', 'rsl', 'ins', 'bzs', 'asf', 'nzs', 'ise', 'sfs', 'swl', 'dse', 'psr', 'sdl'];

// ISO 639-1 codes: the languages a name ("French", "Français") can be matched to.
const ISO_639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
    ' ',
  );

const nameIndexes = new Map<string, Map<string, string>>();

function displayNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
  } catch {
    return null;
  }
}

/** Language names (in English, the UI language and each language's own) → tag. */
function nameIndex(uiLanguage: string): Map<string, string> {
  let index = nameIndexes.get(uiLanguage);
  if (index) return index;
  index = new Map();
  const english = displayNames('en');
  const ui = displayNames(uiLanguage);
  for (const code of [...ISO_639_1, ...SIGN_LANGUAGES]) {
    for (const names of [english, ui, displayNames(code)]) {
      const name = names?.of(code);
      if (name && !index.has(fold(name))) index.set(fold(name), code);
    }
  }
  nameIndexes.set(uiLanguage, index);
  return index;
}

/**
 * One language as written in a plan: a BCP 47 tag ("fr", "pt-BR") or a
 * language's name in English, in the UI language or in itself ("French",
 * "Français"). Returns the canonical tag (canonicalLanguage in
 * languages.ts: sign languages and private-use tags too), or null for text
 * that is no tag ("xx", "hello world"). A well-formed code is not yet a
 * language ("foo", "und"): new input then passes `checkLanguage`.
 */
export function parseLanguage(written: string, uiLanguage = 'en'): string | null {
  const text = cleanCell(written);
  if (text === '') return null;
  // A name first ("French", "Deutsch"), so a three-letter word that is also a code is read as the name it is.
  return nameIndex(uiLanguage).get(fold(text)) ?? canonicalLanguage(text);
}
