import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { parseLanguage } from '../../../shared/domain/floorplan';
import { MAX_LANGUAGES } from '../../../shared/domain/languages';
import { languageName } from '../lib/format';

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
  const [unknown, setUnknown] = useState(false);
  const inputId = useId();
  const errorId = useId();
  // Languages added by name stay shown once unticked, so a mistaken tick can be redone.
  const [extras, setExtras] = useState<string[]>(() => props.selected.filter((tag) => !props.options.includes(tag)));
  // A stable order (a box does not move when ticked): the extra ones first, then the options.
  const shown = [...new Set([...props.selected.filter((tag) => !props.options.includes(tag)), ...extras, ...props.options])];
  const toggle = (tag: string, on: boolean) =>
    props.onChange(on ? [...props.selected, tag] : props.selected.filter((s) => s !== tag));

  const input = useRef<HTMLInputElement>(null);
  /** Add the typed language: the new selection, or null (refused, said beside the box) or undefined (nothing typed). */
  const addOther = (): string[] | null | undefined => {
    if (draft.trim() === '') return undefined;
    const tag = parseLanguage(draft, i18n.language);
    if (!tag) {
      setUnknown(true);
      return null;
    }
    setUnknown(false);
    setDraft('');
    if (!props.options.includes(tag)) setExtras((list) => (list.includes(tag) ? list : [tag, ...list]));
    if (props.selected.includes(tag) || props.selected.length >= MAX_LANGUAGES) return [...props.selected];
    const next = [...props.selected, tag];
    props.onChange(next);
    return next;
  };
  useImperativeHandle(ref, () => ({
    commitDraft: () => {
      const next = addOther();
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
              {languageName(tag)}
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
            aria-invalid={unknown || undefined}
            aria-describedby={unknown ? `${inputId}-unknown` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setUnknown(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addOther();
              }
            }}
            autoComplete="off"
          />
          <button type="button" onClick={addOther} disabled={!draft.trim()}>
            {t('table.addLanguage')}
          </button>
          {unknown && (
            <p id={`${inputId}-unknown`} className="field-error" role="alert">
              {t('table.unknownLanguage')}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
