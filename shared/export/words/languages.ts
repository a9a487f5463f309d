/**
 * The languages an export's headers, sheet names and value labels can be
 * written in (IFLA's seven; English first, the default, since tools read the
 * headers). Plain constants, so the renderer can list them without the catalogues.
 */
export const EXPORT_LANGUAGES = ['en', 'ar', 'de', 'es', 'fr', 'ru', 'zh'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];
