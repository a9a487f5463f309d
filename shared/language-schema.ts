/**
 * The schema of a language as new input, apart from shared/contract.ts so
 * that shared/plan.ts (which the contract imports) can use it too.
 */
import { z } from 'zod';
import { checkLanguage } from './domain/language-registry.js';
import { MAX_LANGUAGE_TAG_CHARS } from './domain/languages.js';

/**
 * A language a table offers or a walk-in speaks, as new input (a command, a
 * floor plan): a BCP 47 tag whose language is in the ISO 639 registry, made
 * canonical ("pt-br" → "pt-BR", "sgn-US" → "ase"); refused as
 * `language_unknown` or `language_not_a_language` ("und", "zxx") with
 * `{ tag }` otherwise (`checkLanguage`, shared/domain/language-registry.ts).
 * Operations already written are read with `languageTag` instead.
 */
export const spokenLanguage = z
  .string()
  .trim()
  .max(MAX_LANGUAGE_TAG_CHARS)
  .transform((written, ctx) => {
    const checked = checkLanguage(written);
    if (checked.ok) return checked.tag;
    ctx.addIssue({ code: 'custom', message: LANGUAGE_MESSAGES[checked.code](checked.params.tag), params: { code: checked.code, ...checked.params } });
    return z.NEVER;
  });

const LANGUAGE_MESSAGES = {
  language_unknown: (tag: string) => `"${tag}" is not a language Tableside knows: write a tag such as "fr" or "pt-BR"`,
  language_not_a_language: (tag: string) => `"${tag}" is a special code, not a language: choose the language spoken`,
} as const;
