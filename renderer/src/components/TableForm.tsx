import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope, MethodArgs, TopicView } from '../../../shared/contract';
import { useAction } from '../lib/useAction';
import { Field, FormFooter } from './Field';
import { TopicPicker } from './TopicPicker';
import { LanguageChecks, type DraftHandle } from './LanguageChecks';

export type TableFields = MethodArgs<'table.create'>;

/** Languages offered as checkboxes; a table may also use any other BCP 47 tag (typed by name or tag). */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt', 'ja', 'it', 'nl', 'sv', 'ms', 'hi'];

export function TableForm(props: {
  catalogue: readonly TopicView[];
  initial?: TableFields;
  submitLabel: string;
  onSubmit(fields: TableFields): Promise<Envelope<unknown>>;
  onDone?(): void;
  onCancel?(): void;
  /** Where the fields sit in the call's arguments ('fields.' for table.update), to show each refusal beside its field. */
  fieldPrefix?: string;
  /** The name field's hint (creating: left empty it is numbered; editing: left empty it stays). */
  nameHint?: string;
}) {
  const { t } = useTranslation();
  const init = props.initial;
  const [name, setName] = useState(init?.name ?? '');
  const [coaches, setCoaches] = useState(init?.coaches.join(', ') ?? '');
  const [topics, setTopics] = useState<string[]>(init?.topics ?? []);
  const [languages, setLanguages] = useState<string[]>(init?.languages ?? ['en']);
  const [turnMinutes, setTurnMinutes] = useState(String(init?.turnMinutes ?? 15));
  const { run, error, busy, fieldError: errorAt } = useAction();
  const fieldError = (path: string) => errorAt(`${props.fieldPrefix ?? ''}${path}`);

  const topicBox = useRef<DraftHandle>(null);
  const languageBox = useRef<DraftHandle>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A topic or language typed in its box but not added is added now, or the Save stops at its box.
    const withLanguages = languageBox.current ? await languageBox.current.commitDraft() : languages;
    if (withLanguages === null) return;
    const withTopics = topicBox.current ? await topicBox.current.commitDraft() : topics;
    if (withTopics === null) return;
    const fields: TableFields = {
      name: name.trim(),
      coaches: coaches.split(',').map((c) => c.trim()).filter(Boolean),
      topics: withTopics,
      languages: withLanguages,
      turnMinutes: Number(turnMinutes),
    };
    const done = await run(() => props.onSubmit(fields));
    if (done !== null) props.onDone?.();
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={t('table.formLabel')} noValidate>
      <Field label={t('table.name')} hint={props.nameHint ?? t('table.nameHint')} error={fieldError('name')}>
        {(a) => (
          <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={name}
            onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" />
        )}
      </Field>
      <Field label={t('table.coaches')} hint={t('table.coachesHint')} error={fieldError('coaches')}>
        {(a) => (
          <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={coaches}
            onChange={(e) => setCoaches(e.target.value)} required autoComplete="off" />
        )}
      </Field>
      <TopicPicker legend={t('table.topics')} catalogue={props.catalogue} selected={topics} onChange={setTopics} allowAdd ref={topicBox} />
      <LanguageChecks legend={t('table.languages')} options={COMMON_LANGUAGES} selected={languages} onChange={setLanguages}
        allowOther error={fieldError('languages')} ref={languageBox} />
      <div className="row">
        <Field label={t('table.turnMinutes')} error={fieldError('turnMinutes')}>
          {(a) => (
            <input id={a.id} type="number" min={1} max={120} step={1} aria-describedby={a.describedBy}
              aria-invalid={a.invalid} value={turnMinutes} onChange={(e) => setTurnMinutes(e.target.value)} />
          )}
        </Field>
      </div>
      <FormFooter error={error} busy={busy} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}
