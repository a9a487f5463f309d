import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/contract';
import { api } from '../api';
import { personLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { draftHasText, loadDraft, registerDraft, saveDraft } from '../lib/followUpDrafts';
import { Field, FormError } from './Field';

/**
 * Record that a participant wants a longer mentoring relationship. Contact
 * details can be typed only once the consent box is ticked, and are sent
 * only with it. What is typed is kept as a draft until recorded
 * (lib/followUpDrafts.ts): it survives a reload, and ending the turn records
 * it first. On a running turn and on an earlier one (Earlier turns).
 */
export function FollowUpForm({ participants, turnId }: { participants: readonly PersonView[]; turnId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  // A draft typed before a reload (lib/followUpDrafts.ts) comes back, and the form opens to show it.
  const [kept] = useState(() => loadDraft(turnId));
  const [entryId, setEntryId] = useState(kept?.entryId ?? participants[0]?.id ?? '');
  const [consent, setConsent] = useState(kept?.consent ?? false);
  const [contact, setContact] = useState(kept?.contact ?? '');
  const [note, setNote] = useState(kept?.note ?? '');
  const [open, setOpen] = useState(kept !== null);
  const [done, setDone] = useTransient<string>();
  const { run, error, busy, fieldError } = useAction();
  const chosen = participants.find((p) => p.id === entryId) ?? participants[0];

  useEffect(() => {
    saveDraft(turnId, chosen ? { entryId: chosen.id, consent, contact, note } : null);
  }, [turnId, chosen, consent, contact, note]);

  const record = async (): Promise<boolean> => {
    if (!chosen) return true;
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
    if (!result) {
      setOpen(true);
      return false;
    }
    setDone(consent ? t('followUp.recordedWithContact', { who: personLabel(t, chosen) }) : t('followUp.recordedNoContact', { who: personLabel(t, chosen) }));
    setConsent(false);
    // Cleared only if unchanged: what was typed meanwhile stays.
    setContact((current) => (current === sentContact ? '' : current));
    setNote((current) => (current === sentNote ? '' : current));
    saveDraft(turnId, null); // typed meanwhile: the effect keeps it again
    return true;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await record();
  };

  // End turn, Start next and Next group record a draft first (recordDraftsOf): never lost without a word.
  const latest = useRef({ record, draft: { entryId: chosen?.id ?? '', consent, contact, note } });
  useLayoutEffect(() => {
    latest.current = { record, draft: { entryId: chosen?.id ?? '', consent, contact, note } };
  });
  useEffect(
    () => registerDraft(turnId, () => (draftHasText(latest.current.draft) ? latest.current.record() : Promise.resolve(true))),
    [turnId],
  );

  if (!chosen) return null;
  return (
    <details className="followup" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
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
        {kept && !done && draftHasText({ entryId, consent, contact, note }) && <p className="hint">{t('followUp.draftNotRecorded')}</p>}
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
