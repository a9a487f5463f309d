import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope, MethodArgs } from '../../../shared/contract';
import { useAction } from '../lib/useAction';
import { todayIso } from '../lib/format';
import { Field, FormFooter } from './Field';

export type EventFields = MethodArgs<'event.create'>;

/** The session's name, date, times and place: for a new event or an edit. */
export function EventForm(props: {
  initial?: EventFields;
  submitLabel: string;
  onSubmit(fields: EventFields): Promise<Envelope<unknown>>;
  onDone?(): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<EventFields>(
    props.initial ?? { name: '', date: todayIso(), startTime: '', endTime: '', place: '' },
  );
  const { run, error, busy, fieldError } = useAction();
  const set = (key: keyof EventFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run(() => props.onSubmit(fields));
    if (done !== null) props.onDone?.();
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={t('event.formLabel')} noValidate>
      <Field label={t('event.name')} error={fieldError('name')}>
        {(a) => (
          <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={fields.name}
            onChange={set('name')} required maxLength={120} autoComplete="off" />
        )}
      </Field>
      <div className="row">
        <Field label={t('event.date')} error={fieldError('date')}>
          {(a) => (
            <input id={a.id} type="date" aria-describedby={a.describedBy} aria-invalid={a.invalid}
              value={fields.date} onChange={set('date')} required />
          )}
        </Field>
        <Field label={t('event.startTime')} error={fieldError('startTime')}>
          {(a) => (
            <input id={a.id} type="time" aria-describedby={a.describedBy} aria-invalid={a.invalid}
              value={fields.startTime} onChange={set('startTime')} required />
          )}
        </Field>
        <Field label={t('event.endTime')} error={fieldError('endTime')}>
          {(a) => (
            <input id={a.id} type="time" aria-describedby={a.describedBy} aria-invalid={a.invalid}
              value={fields.endTime} onChange={set('endTime')} required />
          )}
        </Field>
      </div>
      <Field label={t('event.place')} error={fieldError('place')}>
        {(a) => (
          <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={fields.place}
            onChange={set('place')} maxLength={120} autoComplete="off" />
        )}
      </Field>
      <FormFooter error={error} busy={busy} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}
