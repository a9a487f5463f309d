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

export type { ExportWords } from './en.js';

export { EXPORT_LANGUAGES, type ExportLanguage } from './languages.js';

export const EXPORT_WORDS: Record<ExportLanguage, ExportWords> = { en, ar, de, es, fr, ru, zh };

/** A catalogue's template with `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
