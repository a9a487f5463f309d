/**
 * Every string a person reads goes through i18next. English is the only
 * language written so far; the page direction follows the language, so a
 * right-to-left language gets a mirrored layout (the CSS uses logical
 * properties throughout). `?lang=xx` picks the language for a window.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

export const SUPPORTED_LANGUAGES = ['en'] as const;

export function pickLanguage(search: string, navigatorLanguage: string): string {
  const requested = new URLSearchParams(search).get('lang');
  return requested && /^[a-zA-Z-]{2,12}$/.test(requested) ? requested : navigatorLanguage || 'en';
}

export async function initI18n(language: string): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    // en-US reads the en strings directly, without resolving a region on every lookup.
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  document.documentElement.dir = i18n.dir(i18n.language);
  return i18n;
}

export { i18n };
