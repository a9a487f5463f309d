import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope, MethodArgs } from '../../../shared/contract';
import { useAction } from '../lib/useAction';
import { todayIso } from '../lib/format';
import { localTimeZone } from '../../../shared/domain/zone';
import { Field, FormFooter } from './Field';

export type EventFields = MethodArgs<'event.create'>;

/** Every IANA zone this browser knows, and `current` even if it does not (an event made elsewhere). */
function zoneNames(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
  const names = intl.supportedValuesOf?.('timeZone') ?? [];
  return names.includes(current) ? names : [current, ...names];
}

/**
 * The session's name, days, times, place and time zone: for a new event or
 * an edit. A new event's zone is this laptop's; an event without one (made
 * before events had zones) is offered this laptop's, saved with the form.
 */
export function EventForm(props: {
  initial?: EventFields;
  submitLabel: string;
  onSubmit(fields: EventFields): Promise<Envelope<unknown>>;
  onDone?(): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<EventFields>(
    () => ({
      ...(props.initial ?? { name: '', date: todayIso(), startTime: '', endTime: '', place: '' }),
      timeZone: props.initial?.timeZone ?? localTimeZone(),
      endDate: props.initial?.endDate ?? null,
    }),
  );
  const zones = useMemo(() => zoneNames(fields.timeZone ?? 'UTC'), [fields.timeZone]);
  const { run, error, busy, fieldError } = useAction();
  const set = (key: keyof EventFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: key === 'endDate' && e.target.value === '' ? null : e.target.value }));

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
        <Field label={t('event.endDate')} hint={t('event.endDateHint')} error={fieldError('endDate')}>
          {(a) => (
            <input id={a.id} type="date" aria-describedby={a.describedBy} aria-invalid={a.invalid}
              value={fields.endDate ?? ''} min={fields.date} onChange={set('endDate')} />
          )}
        </Field>
      </div>
      <div className="row">
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
      <Field label={t('event.timeZone')} hint={t('event.timeZoneHint')} error={fieldError('timeZone')}>
        {(a) => (
          <select id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid}
            value={fields.timeZone} onChange={set('timeZone')}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormFooter error={error} busy={busy} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}
