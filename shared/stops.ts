/**
 * A sentence built from typed text and a template's punctuation says its
 * full stop once: "Time is up for Paola I." not "… Paola I..". Zod-free; the
 * renderer's i18next (a post-processor on every `t()`) and the shell's own
 * notifications (electron/shell/notify.ts) apply it to what they filled in.
 */

/** How a value may end on its own: a full stop, question or exclamation mark, an ellipsis (Latin, Arabic, CJK). */
const OWN_END = /[.!?…。！？؟]$/u;
/** Marks that may close a value after its punctuation (bidi isolates and embeddings, a closing quote or bracket). */
const CLOSERS = /[\u2066-\u2069\u202a-\u202e"'”’»)\]]+$/u;
/** The template's full stops that would double it. */
const FULL_STOPS = ['.', '。'];

/**
 * `text` (a template already filled with `values`) without the template's
 * full stop right after a value that ends with its own ("Paola I." + "." →
 * "Paola I."; "Why?" + "." → "Why?"). Values that are not strings, or do not
 * end so, change nothing; an ellipsis inside the template is kept.
 */
export function dropDoubledStops(text: string, values: Readonly<Record<string, unknown>>): string {
  let out = text;
  for (const value of Object.values(values)) {
    if (typeof value !== 'string' || value.length === 0) continue;
    if (!OWN_END.test(value.replace(CLOSERS, ''))) continue;
    for (const stop of FULL_STOPS) if (out.includes(value + stop)) out = out.split(value + stop).join(value);
  }
  return out;
}

/** The i18next post-processor's name (`postProcess: [STOPS]`). */
export const STOPS = 'stops';

/** `dropDoubledStops` as an i18next post-processor: the page's i18n uses it on every `t()`. */
export const stopsPostProcessor = {
  type: 'postProcessor' as const,
  name: STOPS,
  process: (value: string, _key: unknown, options: Record<string, unknown>) => dropDoubledStops(value, options),
};
