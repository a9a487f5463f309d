/** Letters of the scripts written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko, Adlam and others). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
const LETTER = /\p{L}/u;

/**
 * The direction a piece of typed text runs in, by its first letter (Unicode's
 * first-strong rule, as `dir="auto"` would find it): 'rtl' for "مريم الحسيني",
 * 'ltr' for a Latin name or text with no letter. For a box that cuts its text
 * with an ellipsis: given the text's own direction, the box cuts the text's
 * end, never its start (an Arabic name in an English page once showed as
 * "…لحسيني", its given name hidden, since the `<bdi>` inside hides the name
 * from the box's own `dir="auto"`).
 */
export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const ch of text) {
    if (LETTER.test(ch)) return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}
