/** How exported values read: labels for modes and outcomes (times: shared/domain/zone.ts). */
import type { ModeKey, Outcome } from './derive.js';
import type { PrivacyLevel } from './model.js';
import { EXPORT_WORDS } from './words/index.js';

/** Mode labels in English (other languages: shared/export/words/). */
export const MODE_LABELS: Record<ModeKey, string> = EXPORT_WORDS.en.modes;

/** Outcome labels in English (other languages: shared/export/words/). */
export const OUTCOME_LABELS: Record<Outcome, string> = EXPORT_WORDS.en.outcomes;

/** Each privacy level described in English (other languages: shared/export/words/). */
export const PRIVACY_DESCRIPTIONS: Record<PrivacyLevel, string> = EXPORT_WORDS.en.privacy;

/** A file-name-safe form of a label: letters and digits of any script, joined by hyphens. */
export function slug(text: string, fallback = 'event'): string {
  const s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || fallback;
}
