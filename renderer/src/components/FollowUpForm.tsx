import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/contract';
import { api } from '../api';
import { personLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { Field, FormError } from './Field';

/**
 * Record that a participant wants a longer mentoring relationship. Contact
 * details can be typed only once the consent box is ticked, and are sent
 * only with it.
 */
export function FollowUpForm({ participants, turnId }: { participants: readonly PersonView[]; turnId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [entryId, setEntryId] = useState(participants[0]?.id ?? '');
  const [consent, setConsent] = useState(false);
  const [contact, setContact] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useTransient<string>();
  const { run, error, busy, fieldError } = useAction();
  const chosen = participants.find((p) => p.id === entryId) ?? participants[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const sentContact = contact;
    const sentNote = note;
    const result = await run(() =>
      api.call('followup.record', {
        entryId: chosen.id,
        turnId,
        consent,
        ...(consent && contact.trim() ? { contact: contact.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
    if (result) {
      setDone(consent ? t('followUp.recordedWithContact', { who: personLabel(t, chosen) }) : t('followUp.recordedNoContact', { who: personLabel(t, chosen) }));
      setConsent(false);
      // Cleared only if unchanged: what was typed meanwhile stays.
      setContact((current) => (current === sentContact ? '' : current));
      setNote((current) => (current === sentNote ? '' : current));
    }
  };

  if (!chosen) return null;
  return (
    <details className="followup">
      <summary id={headingId}>{t('followUp.title')}</summary>
      <form onSubmit={submit} aria-labelledby={headingId} noValidate>
        {participants.length > 1 && (
          <Field label={t('followUp.who')}>
            {(a) => (
              <select id={a.id} value={chosen.id} onChange={(e) => setEntryId(e.target.value)}>
                {participants.map((p) => (
                  <option key={p.id} value={p.id}>
                    {personLabel(t, p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <label className="consent">
          <input type="checkbox" checked={consent} onChange={(e) => {
            setConsent(e.target.checked);
            if (!e.target.checked) setContact('');
          }} />
          {t('followUp.consent', { who: personLabel(t, chosen) })}
        </label>
        <Field label={t('followUp.contact')} hint={consent ? t('followUp.contactHint') : t('followUp.contactNeedsConsent')} error={fieldError('contact')}>
          {(a) => (
            <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={contact}
              disabled={!consent} onChange={(e) => setContact(e.target.value)} maxLength={300} autoComplete="off" />
          )}
        </Field>
        <Field label={t('followUp.note')}>
          {(a) => <input id={a.id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoComplete="off" />}
        </Field>
        <FormError message={error && !error.issues ? error.message : undefined} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('followUp.record')}
          </button>
          {done && (
            <span role="status" className="confirmation">
              {done}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
