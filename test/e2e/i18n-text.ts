/**
 * The words the app shows in a language, read from its own resource files,
 * so tests in Arabic, Chinese, German or the pseudo-locale find elements by
 * role and label in that language: `const t = textsFor('de'); t('walkIn.add')`.
 * Plurals pick the form by Intl.PluralRules and numbers are written with
 * the language's digits, as the app does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pseudoString } from '../../renderer/src/i18n/pseudo.js';

type Tree = { [key: string]: string | Tree };

const LOCALES = join(import.meta.dirname, '../../renderer/src/i18n/locales');

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Texts = (key: string, params?: Record<string, string | number>) => string;

/** Lookup in a language ('ar', 'zh', 'de', … or the pseudo-locale 'en-XA'). */
export function textsFor(language: string): Texts {
  const pseudo = language === 'en-XA';
  const file = pseudo ? 'en' : language;
  const tree = JSON.parse(readFileSync(join(LOCALES, `${file}.json`), 'utf8')) as Tree;
  const intl = pseudo ? 'en' : language === 'zh' ? 'zh-Hans' : language;
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 1, useGrouping: 'min2' });
  const plurals = new Intl.PluralRules(intl);
  return (key, params = {}) => {
    let template: string | undefined;
    if (typeof params.count === 'number') {
      const count = params.count;
      const form = count === 0 ? 'zero' : plurals.select(count);
      template = lookup(tree, `${key}_${form}`) ?? lookup(tree, `${key}_${plurals.select(count)}`) ?? lookup(tree, `${key}_other`);
    }
    template ??= lookup(tree, key);
    if (template === undefined) throw new Error(`No text ${key} in ${language}`);
    if (pseudo) template = pseudoString(template);
    return template.replace(/\{\{\s*([^},\s]+)[^}]*\}\}/g, (_, name: string) => {
      const v = params[name];
      return typeof v === 'number' ? numbers.format(v) : String(v ?? '');
    });
  };
}

/** A string as a RegExp matching it exactly or as a part. */
export function literal(text: string, whole = false): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(whole ? `^${escaped}$` : escaped);
}
