import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { parseLanguage } from '../../../shared/domain/language-names';
import { MAX_LANGUAGES } from '../../../shared/domain/languages';
import { languageName } from '../lib/format';
import type * as RegistryModule from '../../../shared/domain/language-registry';

type Registry = typeof RegistryModule;
let registryLoad: Promise<Registry> | null = null;
/** The ISO 639 registry (shared/domain/language-registry.ts), loaded on first use: never in the first chunk. */
function loadRegistry(): Promise<Registry> {
  registryLoad ??= import('../../../shared/domain/language-registry');
  return registryLoad;
}

/** What the box would add: the canonical tag, or why not (a refusal code and the tag as written). */
type Reading = { ok: true; tag: string } | { ok: false; code: 'language_unknown' | 'language_not_a_language'; tag: string };

/** Reads the box: a name (Intl's, then the registry's English one) or a tag, checked against the registry. */
function readDraft(registry: Registry, draft: string, uiLanguage: string): Reading {
  const named = parseLanguage(draft, uiLanguage) ?? suggestions(registry, uiLanguage).get(draft.trim()) ?? registry.registryLanguageByName(draft);
  const checked = registry.checkLanguage(named ?? draft);
  return checked.ok ? checked : { ok: false, code: checked.code, tag: checked.params.tag };
}

/** A tag's name in the UI language (Intl), else the registry's English name, with the tag ("Asilulu (asl)"). */
function pickerName(tag: string, registry: Registry | null): string {
  const name = languageName(tag);
  if (name !== tag || !registry) return name;
  const english = registry.registryLanguageName(tag);
  return english ? `${english} (${tag})` : tag;
}

/**
 * Languages as checkboxes, each named by `Intl.DisplayNames` in the UI
 * language: `options`, after any chosen one not among them. `selected` keeps
 * the order they were ticked in (the first is a table's main language). With `allowOther`, a box takes any
 * other language by its name (in English, the UI language or its own) or its
 * BCP 47 tag ("pt-BR"), checked once added. `compact`: one line, smaller (the
 * walk-in form).
 *
 * A language typed but not added with its button is not dropped: the form
 * asks `ref.commitDraft()` on Save, which adds it (as a newcomer expects
 * from what they typed) or, when it names no language, shows why beside the
 * box, focuses it and answers null so the form saves nothing.
 */
/** What a form asks of a picker with a box of its own on Save. */
export interface DraftHandle {
  /** The selection with what is typed in the box added; null when that is refused (shown beside the box, which takes the focus). */
  commitDraft(): string[] | null | Promise<string[] | null>;
}

export function LanguageChecks({ ref, ...props }: {
  legend: string;
  options: readonly string[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  allowOther?: boolean;
  compact?: boolean;
  error?: string | undefined;
  ref?: Ref<DraftHandle>;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState('');
  const [refusal, setRefusal] = useState<Exclude<Reading, { ok: true }> | null>(null);
  const [registry, setRegistry] = useState<Registry | null>(null);
  const inputId = useId();
  const listId = useId();
  useEffect(() => {
    if (!props.allowOther) return;
    let live = true;
    void loadRegistry().then((r) => live && setRegistry(r));
    return () => {
      live = false;
    };
  }, [props.allowOther]);
  const errorId = useId();
  // Languages added by name stay shown once unticked, so a mistaken tick can be redone.
  const [extras, setExtras] = useState<string[]>(() => props.selected.filter((tag) => !props.options.includes(tag)));
  // A stable order (a box does not move when ticked): the extra ones first, then the options.
  const shown = [...new Set([...props.selected.filter((tag) => !props.options.includes(tag)), ...extras, ...props.options])];
  const toggle = (tag: string, on: boolean) =>
    props.onChange(on ? [...props.selected, tag] : props.selected.filter((s) => s !== tag));

  const input = useRef<HTMLInputElement>(null);
  /** Add the typed language: the new selection, or null (refused, said beside the box) or undefined (nothing typed). */
  const addOther = async (): Promise<string[] | null | undefined> => {
    if (draft.trim() === '') return undefined;
    const reading = readDraft(registry ?? (await loadRegistry()), draft, i18n.language);
    if (!reading.ok) {
      setRefusal(reading);
      return null;
    }
    const tag = reading.tag;
    setRefusal(null);
    setDraft('');
    if (!props.options.includes(tag)) setExtras((list) => (list.includes(tag) ? list : [tag, ...list]));
    if (props.selected.includes(tag) || props.selected.length >= MAX_LANGUAGES) return [...props.selected];
    const next = [...props.selected, tag];
    props.onChange(next);
    return next;
  };
  // What the box would add, named as the person types ("asl" reads "Asilulu (asl)", not American Sign Language: that is "ase").
  const preview = registry && draft.trim() !== '' ? readDraft(registry, draft, i18n.language) : null;
  useImperativeHandle(ref, () => ({
    commitDraft: async () => {
      const next = await addOther();
      if (next === null) input.current?.focus();
      return next === undefined ? [...props.selected] : next;
    },
  }));

  return (
    <fieldset className={props.compact ? 'languages compact' : 'languages'} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <ul className="checks">
        {shown.map((tag) => (
          <li key={tag}>
            <label lang={i18n.language}>
              <input type="checkbox" checked={props.selected.includes(tag)} onChange={(e) => toggle(tag, e.target.checked)} />
              {pickerName(tag, registry)}
            </label>
          </li>
        ))}
      </ul>
      {props.error && (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      )}
      {props.allowOther && (
        <div className="inline-add">
          <label htmlFor={inputId}>{t('table.otherLanguage')}</label>
          <input
            id={inputId}
            ref={input}
            value={draft}
            maxLength={60}
            list={registry ? listId : undefined}
            aria-invalid={refusal ? true : undefined}
            aria-describedby={refusal ? `${inputId}-unknown` : preview?.ok ? `${inputId}-adds` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setRefusal(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void addOther();
              }
            }}
            autoComplete="off"
          />
          {registry && <LanguageSuggestions id={listId} registry={registry} uiLanguage={i18n.language} />}
          <button type="button" onClick={() => void addOther()} disabled={!draft.trim()}>
            {t('table.addLanguage')}
          </button>
          {refusal ? (
            <p id={`${inputId}-unknown`} className="field-error" role="alert">
              {t(refusal.code === 'language_not_a_language' ? 'table.notALanguage' : 'table.unknownLanguage', { tag: refusal.tag })}
            </p>
          ) : (
            preview?.ok && (
              <p id={`${inputId}-adds`} className="hint language-adds">
                {t('table.languageWillAdd', { name: pickerName(preview.tag, registry) })}
              </p>
            )
          )}
        </div>
      )}
    </fieldset>
  );
}

const suggestionNames = new Map<string, Map<string, string>>();
/**
 * Names the box suggests, name → tag: the registry's ISO 639-1 and sign
 * languages, named by Intl.DisplayNames in the UI language, or by the
 * registry's English name where Intl has none; sorted in the UI language.
 * Made once per UI language.
 */
function suggestions(registry: Registry, uiLanguage: string): Map<string, string> {
  let names = suggestionNames.get(uiLanguage);
  if (names) return names;
  let intl: Intl.DisplayNames | null = null;
  try {
    intl = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'none' });
  } catch {
    intl = null;
  }
  const collator = new Intl.Collator(uiLanguage);
  const pairs = registry.suggestedLanguages().map((tag) => [intl?.of(tag) ?? registry.registryLanguageName(tag) ?? tag, tag] as const);
  names = new Map([...pairs].reverse().sort((a, b) => collator.compare(a[0], b[0])));
  suggestionNames.set(uiLanguage, names);
  return names;
}

/** The suggested names as a datalist for the box. */
function LanguageSuggestions({ id, registry, uiLanguage }: { id: string; registry: Registry; uiLanguage: string }) {
  return (
    <datalist id={id}>
      {[...suggestions(registry, uiLanguage).keys()].map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}
