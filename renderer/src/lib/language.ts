/**
 * The language this laptop shows, chosen in the UI and kept per laptop.
 * The choice is kept in the page's local storage (one profile per laptop in
 * Electron; one origin per laptop for the web host).
 */
import { matchLanguage, showLanguage, type Language } from '../i18n';

const KEY = 'tableside.language';

/** The language chosen on this laptop, or null if none was. */
export function chosenLanguage(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Show a language now and keep the choice for this laptop. */
export async function chooseLanguage(language: Language): Promise<void> {
  if (!matchLanguage(language)) return;
  try {
    window.localStorage.setItem(KEY, language);
  } catch {
    // Storage refused (private window): the choice holds for this window only.
  }
  await showLanguage(language);
}
