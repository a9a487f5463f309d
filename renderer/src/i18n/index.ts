/**
 * Every string a person reads goes through i18next, in one of IFLA's seven
 * official languages (Arabic, Chinese, English, French, German, Russian,
 * Spanish), plus a pseudo-locale (`en-XA`) for finding text that bypasses
 * translation. Each language is its own resource file, loaded when first
 * shown (English is bundled, as the fallback).
 *
 * Which language a window shows, first match wins:
 *  1. `?lang=xx` in the address (tests, or a link for one window);
 *  2. the language chosen on this laptop (`settings`), except on the queue
 *     board, which follows the viewer's browser;
 *  3. the browser's languages, in order of preference;
 *  4. English.
 * A request is matched to a language we have (`zh-TW` → `zh`, `fr-CA` →
 * `fr`); one we lack falls through. The page's `lang` and `dir` follow the
 * language actually shown, never the browser's alone: a laptop set to Hebrew
 * shows English, left to right.
 */
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import { formatInterpolated } from './interpolate';
// Says a full stop once after typed text (shared/stops.ts), on every t().
import { STOPS, stopsPostProcessor } from '../../../shared/stops';
import { directionOf, htmlLang, intlLocale, matchLanguage, PSEUDO_LANGUAGE, type Language, type ShownLanguage } from './languages';

export * from './languages';

/** A language's resources: nested keys to strings. */
type Translation = Record<string, unknown>;

const loaders: Record<Exclude<ShownLanguage, 'en'>, () => Promise<Translation>> = {
  ar: async () => (await import('./locales/ar.json')).default,
  zh: async () => (await import('./locales/zh.json')).default,
  fr: async () => (await import('./locales/fr.json')).default,
  de: async () => (await import('./locales/de.json')).default,
  ru: async () => (await import('./locales/ru.json')).default,
  es: async () => (await import('./locales/es.json')).default,
  [PSEUDO_LANGUAGE]: async () => (await import('./pseudo')).pseudoResources(en),
};

/** The language showing now (one of LANGUAGES or the pseudo-locale). */
export function shownLanguage(): ShownLanguage {
  return (matchLanguage(i18n.language) ?? 'en') as ShownLanguage;
}

/** Load a language's resources without showing it (the board shows a table's own language beside the viewer's). */
export async function loadLanguage(language: ShownLanguage): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const resources = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', resources, true, true);
}

function applyToPage(language: ShownLanguage): void {
  document.documentElement.lang = htmlLang(language);
  document.documentElement.dir = directionOf(language);
}

export async function initI18n(language: ShownLanguage): Promise<typeof i18n> {
  const resources: Resource = { en: { translation: en } };
  await i18n
    .use(initReactI18next)
    .use(stopsPostProcessor)
    .init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    // Our language codes are exact ('en-XA' must not fall back to 'en' first).
    load: 'currentOnly',
    partialBundledLanguages: true,
    interpolation: {
      escapeValue: false,
      // Every number interpolated is written with the shown language's digits.
      alwaysFormat: true,
      format: formatInterpolated,
    },
    returnNull: false,
    // A name or topic that ends with "." takes no second one from the template ("Time is up for Paola I.").
    postProcess: [STOPS],
  });
  await showLanguage(language);
  return i18n;
}

/** Load a language if need be, show it, and set the page's `lang` and `dir` to it. */
export async function showLanguage(language: ShownLanguage): Promise<void> {
  await loadLanguage(language);
  await i18n.changeLanguage(language);
  applyToPage(language);
}

/** Each language named in itself (for the picker): العربية, 中文, English, … */
export function endonym(language: Language): string {
  try {
    return new Intl.DisplayNames([intlLocale(language)], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

export { i18n };
