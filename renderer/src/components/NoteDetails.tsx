import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope, MethodArgs, NoteView, PersonView } from '../../../shared/contract';
import { SUPPORT_KINDS, type SupportKind } from '../../../shared/support';
import { personLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

type Tags = Omit<MethodArgs<'note.save'>, 'turnId' | 'text'>;

/**
 * What a note is about: which participants, which topics were discussed, what
 * kind of support it turned out to be, and whether the organisers may see it.
 * Each change is saved at once; the text is saved by the note editor.
 */
export function NoteDetails(props: {
  note: NoteView | null;
  participants: readonly PersonView[];
  topics: readonly string[];
  save(tags: Tags): Promise<Envelope<unknown>>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const stored: Required<Tags> = {
    about: props.note?.about ?? [],
    topics: props.note?.topics ?? [],
    supportKind: props.note?.supportKind ?? null,
    shared: props.note?.shared ?? false,
  };
  // What the coach just chose, shown at once; the stored note wins again
  // once it arrives, and a failed save puts the stored value back.
  const [shown, setShown] = useState(stored);
  const storedKey = JSON.stringify(stored);
  const [shownFor, setShownFor] = useState(storedKey);
  if (shownFor !== storedKey) {
    // The stored note changed (saved here or elsewhere): show it.
    setShownFor(storedKey);
    setShown(stored);
  }
  const about = shown.about;
  const discussed = shown.topics;
  const save = (tags: Tags) => {
    setShown((s) => ({ ...s, ...tags }));
    void action.run(() => props.save(tags)).then((r) => {
      if (r === null) setShown(JSON.parse(storedKey) as Required<Tags>);
    });
  };
  const toggle = (list: readonly string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  return (
    <div className="note-details">
      {props.participants.length > 1 && (
        <fieldset>
          <legend>{t('note.about')}</legend>
          <ul className="checks">
            {props.participants.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={about.includes(p.id)}
                    onChange={(e) => save({ about: toggle(about, p.id, e.target.checked) })} />
                  {personLabel(t, p)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {props.topics.length > 0 && (
        <fieldset>
          <legend>{t('note.topicsDiscussed')}</legend>
          <ul className="checks">
            {props.topics.map((topic) => (
              <li key={topic}>
                <label>
                  <input type="checkbox" checked={discussed.includes(topic)}
                    onChange={(e) => save({ topics: toggle(discussed, topic, e.target.checked) })} />
                  {topic}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('note.supportKind')}</label>
          <select id={`${id}-kind`} value={shown.supportKind ?? ''}
            onChange={(e) => save({ supportKind: (e.target.value || null) as SupportKind | null })}>
            <option value="">{t('note.supportUnknown')}</option>
            {SUPPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`support.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="share">
          <input type="checkbox" checked={shown.shared} onChange={(e) => save({ shared: e.target.checked })} />
          {t('note.share')}
        </label>
      </div>
      <p className="hint">{stored.shared ? t('note.sharedHint') : t('note.privateHint')}</p>
      <FormError message={action.error?.message} />
    </div>
  );
}
