/**
 * The languages Tableside's own screens are written in (plain constants: the
 * renderer's first chunk imports this, so no zod here). A laptop's chosen
 * language (`settings.update { language }`) is one of these; the languages a
 * table is coached in are another matter (shared/language-schema.ts).
 */

/** The languages Tableside is written in, in the order the picker lists them. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'de', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Accented, ~40% longer English: every translated string is visibly marked (a test language, never stored). */
export const PSEUDO_LANGUAGE = 'en-XA';
