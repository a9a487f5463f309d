/**
 * Which languages Tableside shows, and how a requested language is matched
 * to one of them (pure: no DOM, so unit tests run it too).
 */

import { LANGUAGES, PSEUDO_LANGUAGE, type Language } from '../../../shared/ui-languages.js';

export { LANGUAGES, PSEUDO_LANGUAGE, type Language };
export type ShownLanguage = Language | typeof PSEUDO_LANGUAGE;

const RTL = new Set<string>(['ar']);

/**
 * The language we have for a BCP 47 tag, or null: `zh-Hans-CN` → `zh`,
 * `de-AT` → `de`, `en-XA` → the pseudo-locale, `he` → null.
 */
export function matchLanguage(tag: string | null | undefined): ShownLanguage | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower === PSEUDO_LANGUAGE.toLowerCase()) return PSEUDO_LANGUAGE;
  const base = lower.split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : null;
}

/** The language to show, by the rules above (pure, for tests). */
export function pickLanguage(options: {
  search: string;
  chosen: string | null;
  browser: readonly string[];
  board: boolean;
}): ShownLanguage {
  const requested = matchLanguage(new URLSearchParams(options.search).get('lang'));
  if (requested) return requested;
  if (!options.board) {
    const chosen = matchLanguage(options.chosen);
    if (chosen) return chosen;
  }
  for (const tag of options.browser) {
    const match = matchLanguage(tag);
    if (match && match !== PSEUDO_LANGUAGE) return match;
  }
  return 'en';
}

/** The locale Intl formats in for a shown language (the pseudo-locale formats as English). */
export function intlLocale(language: string): string {
  if (language === PSEUDO_LANGUAGE) return 'en';
  if (language === 'zh') return 'zh-Hans';
  return language;
}

/** The page's `lang` attribute for a shown language. */
export function htmlLang(language: string): string {
  return language === 'zh' ? 'zh-Hans' : language;
}

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

