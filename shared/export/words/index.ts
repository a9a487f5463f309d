/**
 * The languages an export's headers, sheet names and value labels can be
 * written in (IFLA's seven), chosen at export time; English by default since
 * tools read the headers. The JSON log has no words and stays as it is.
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type ExportWords } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { ExportLanguage } from './languages.js';
import { ru } from './ru.js';
import { zh } from './zh.js';
import { dropDoubledStops } from '../../stops.js';

export type { ExportWords } from './en.js';

export { EXPORT_LANGUAGES, type ExportLanguage } from './languages.js';

export const EXPORT_WORDS: Record<ExportLanguage, ExportWords> = { en, ar, de, es, fr, ru, zh };

/**
 * A catalogue's template with `{name}` placeholders filled in; a value that
 * ends with its own full stop takes none from the template (shared/stops.ts).
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return dropDoubledStops(template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m)), values);
}

/** Items joined as `w`'s language joins a list ("A, B and C", "A، B و C"), never by a hand-written ", ". */
export function listIn(w: Pick<ExportWords, 'locale'>, items: readonly string[]): string {
  return new Intl.ListFormat(w.locale, { style: 'long', type: 'conjunction' }).format(items);
}
