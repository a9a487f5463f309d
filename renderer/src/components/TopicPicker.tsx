import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopicView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

/**
 * Topics from the event's list as checkboxes, with a box to add a topic to
 * the list (it is added for every table and checked here).
 */
export function TopicPicker(props: {
  legend: string;
  catalogue: readonly TopicView[] | readonly string[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  allowAdd?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = useAction();
  const inputId = useId();
  const labels = props.catalogue.map((c) => (typeof c === 'string' ? c : c.label));
  const toggle = (label: string, on: boolean) =>
    props.onChange(on ? [...props.selected, label] : props.selected.filter((s) => s !== label));

  const addTopic = async () => {
    const label = draft.trim();
    if (!label) return;
    const done = await add.run(() => api.call('topic.add', { label }));
    if (done) {
      // Clear the box only if it still holds what was added: what was typed meanwhile stays.
      setDraft((current) => (current.trim() === label ? '' : current));
      props.onChange([...props.selected, label]);
    }
  };

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
            value={draft}
            maxLength={80}
            onChange={(e) => setDraft(e.target.value)}
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
        </div>
      )}
    </fieldset>
  );
}
