/**
 * The language this laptop shows, chosen in the UI and kept per laptop in
 * the laptop's settings (`settings.update { language }`, electron-store or
 * conf beside the data folder). The page's local storage keeps a copy, so a
 * window opens in the chosen language even before the core answers.
 */
import { api } from '../api';
import { matchLanguage, showLanguage, type Language } from '../i18n';

const KEY = 'tableside.language';

function stored(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The language chosen on this laptop (its settings, else the page's copy), or null if none was. */
export async function chosenLanguage(): Promise<string | null> {
  const answer = await Promise.race([
    api.call('settings.get', {}),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 1500)),
  ]);
  if (answer?.ok) return answer.value.language;
  return stored();
}

/** Show a language now and keep the choice in this laptop's settings. */
export async function chooseLanguage(language: Language): Promise<void> {
  if (!matchLanguage(language)) return;
  try {
    window.localStorage.setItem(KEY, language);
  } catch {
    // Storage refused (a private window): the settings still keep it.
  }
  await showLanguage(language);
  await api.call('settings.update', { language });
}
