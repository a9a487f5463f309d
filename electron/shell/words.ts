/**
 * The words the desktop shell shows itself, outside the page: the menu, the
 * OS notifications and the titles of the system's Save dialogs, in the
 * laptop's language. They live in the renderer's translation files (the one
 * source of every string, key `shell`), read here as data.
 *
 * The language: the one the laptop chose (settings), else the system's
 * (`app.getLocale()`), reduced to one of the seven; English otherwise.
 */
import ar from '../../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import de from '../../renderer/src/i18n/locales/de.json' with { type: 'json' };
import en from '../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../renderer/src/i18n/locales/es.json' with { type: 'json' };
import fr from '../../renderer/src/i18n/locales/fr.json' with { type: 'json' };
import ru from '../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/locales/zh.json' with { type: 'json' };
import type { MenuLabels } from './menu.js';
import type { NotificationText } from './notify.js';

type ShellStrings = (typeof en)['shell'];
const LOCALES: Record<ShellLanguage, { shell: ShellStrings }> = { en, ar, de, es, fr, ru, zh };

/** The languages the shell speaks (the UI's seven). */
export type ShellLanguage = 'en' | 'ar' | 'de' | 'es' | 'fr' | 'ru' | 'zh';

/** One of the seven from the laptop's choice, else the system's locale ("de-AT" → "de"); English otherwise. */
export function shellLanguage(chosen: string | null | undefined, systemLocale: string): ShellLanguage {
  for (const tag of [chosen, systemLocale]) {
    const base = tag?.toLowerCase().split(/[-_]/)[0];
    if (base && Object.hasOwn(LOCALES, base)) return base as ShellLanguage;
  }
  return 'en';
}

/** The menu's own words in `language`. */
export function menuLabels(language: ShellLanguage): MenuLabels {
  const m = LOCALES[language].shell.menu;
  return {
    file: m.file,
    edit: m.edit,
    view: m.view,
    coach: m.coach,
    window: m.window,
    shortcuts: { addWalkIn: m.addWalkIn, startNext: m.startNext, endTurn: m.endTurn, focusNote: m.focusNote },
  };
}

/** A notification's words in `language` (`locale` for Intl's list of names). */
export function notificationText(language: ShellLanguage): NotificationText {
  const n = LOCALES[language].shell.notify;
  return { locale: language, ...n, unknownTable: 'Tableside' };
}

/** The titles of the system's Save dialogs in `language`. */
export function dialogTitles(language: ShellLanguage): ShellStrings['dialog'] {
  return LOCALES[language].shell.dialog;
}
