/**
 * How i18next writes an interpolated value: numbers through Intl in the
 * shown language (so Arabic shows Arabic-Indic digits in "{{count}} waiting"
 * as in every time and duration), anything else as it is. Formatters are
 * kept per language: making one costs far more than using one.
 */
import { intlLocale } from './languages';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A whole or decimal number in a language's digits, grouped from 10,000 up (ticket 1234 stays 1234). */
export function formatNumberIn(language: string, value: number): string {
  let f = numberFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1, useGrouping: 'min2' });
    numberFormats.set(language, f);
  }
  return f.format(value);
}

/** i18next's `interpolation.format` (with `alwaysFormat`): numbers in the language's digits. */
export function formatInterpolated(value: unknown, _format: string | undefined, language: string | undefined): string {
  if (typeof value === 'number' && Number.isFinite(value)) return formatNumberIn(language ?? 'en', value);
  return value as string;
}
