import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopicView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { topicKey } from '../../../shared/domain/topic';
import { FormError } from './Field';
import type { DraftHandle } from './LanguageChecks';

/**
 * Topics from the event's list as checkboxes, with a box to add a topic to
 * the list (it is added for every table and checked here). A topic typed that
 * is already in the list (but for case or Unicode form) is ticked instead, and
 * "Add topic" says so. A topic typed but not added with its button is added on
 * Save (`ref.commitDraft()`), or, if refused, said beside the box, which takes
 * the focus; nothing is saved then. A ticked topic no longer in the list is
 * listed after it, ticked, so it can be unticked.
 */
export function TopicPicker({ ref, ...props }: {
  legend: string;
  catalogue: readonly TopicView[] | readonly string[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  allowAdd?: boolean;
  ref?: Ref<DraftHandle>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  /** The topic "Add topic" found in the list and ticked, said beside the box until the next keystroke. */
  const [ticked, setTicked] = useState<string | null>(null);
  const add = useAction();
  const inputId = useId();
  const listed = props.catalogue.map((c) => (typeof c === 'string' ? c : c.label));
  // What is ticked is always listed, so it can be unticked: a table still offers a topic removed from the event's
  // list since (the tester could not untick "Work-life balance" in Edit table after it was removed from the list).
  // Kept listed once unticked too, so it can be ticked again before Save.
  const listedKeys = new Set(listed.map(topicKey));
  const [ticked0] = useState(() => props.selected);
  const extras = [...new Set([...ticked0, ...props.selected])].filter((s) => !listedKeys.has(topicKey(s)));
  const labels = [...listed, ...extras];
  const toggle = (label: string, on: boolean) =>
    props.onChange(on ? [...props.selected, label] : props.selected.filter((s) => s !== label));

  const input = useRef<HTMLInputElement>(null);
  /** Add the typed topic: the new selection, null if refused, undefined if nothing is typed. */
  const addTopic = async (onSave = false): Promise<string[] | null | undefined> => {
    const label = draft.trim();
    if (!label) return undefined;
    // One already in the list (but for case or Unicode form) is ticked, not refused: typing it means "this table offers it".
    const existing = labels.find((l) => topicKey(l) === topicKey(label));
    const done = existing ?? (await add.run(() => api.call('topic.add', { label })));
    if (!done) return null;
    const chosen = existing ?? label;
    setTicked(existing !== undefined && !onSave ? existing : null);
    // Clear the box only if it still holds what was added: what was typed meanwhile stays.
    setDraft((current) => (current.trim() === label ? '' : current));
    const next = props.selected.includes(chosen) ? [...props.selected] : [...props.selected, chosen];
    props.onChange(next);
    return next;
  };
  useImperativeHandle(ref, () => ({
    commitDraft: async () => {
      const next = await addTopic(true);
      if (next === null) input.current?.focus();
      return next === undefined ? [...props.selected] : next;
    },
  }));

  return (
    <fieldset className="topics">
      <legend>{props.legend}</legend>
      {labels.length === 0 && <p className="hint">{t('topics.none')}</p>}
      <ul className="checks">
        {labels.map((label) => (
          <li key={label}>
            <label>
              <input
                type="checkbox"
                checked={props.selected.includes(label)}
                onChange={(e) => toggle(label, e.target.checked)}
              />
              {label}
            </label>
          </li>
        ))}
      </ul>
      {props.allowAdd && (
        <div className="inline-add">
          <label htmlFor={inputId}>{t('topics.newTopic')}</label>
          <input
            id={inputId}
            ref={input}
            value={draft}
            maxLength={80}
            onChange={(e) => {
              setDraft(e.target.value);
              setTicked(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void addTopic();
              }
            }}
          />
          <button type="button" onClick={() => void addTopic()} disabled={add.busy || !draft.trim()}>
            {t('topics.add')}
          </button>
          <FormError message={add.error?.message} />
          {ticked !== null && (
            <p role="status" className="confirmation">
              {t('topics.ticked', { topic: ticked })}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
