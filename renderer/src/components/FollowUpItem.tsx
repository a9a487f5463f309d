import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { shownTicket } from '../lib/people';
import { Field, FormError } from './Field';
import { Parts } from './Parts';

/**
 * One recorded follow-up on the table screen, with "Edit" (contact, only
 * with consent, and note) and "Withdraw consent" (after a confirm: the
 * contact is erased from the table and from every later export).
 */
export function FollowUpItem({ followUp: f }: { followUp: FollowUpView }) {
  const { t } = useTranslation();
  const who = f.who ?? t('queue.ticket', { ticket: shownTicket(f) });
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [contact, setContact] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useTransient<true>();
  const edit = useAction();
  const withdraw = useAction();

  const startEditing = () => {
    setContact(f.contact ?? '');
    setNote(f.note);
    setSaved(null);
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await edit.run(() =>
      api.call('followup.edit', { followUpId: f.id, ...(f.consent ? { contact: contact.trim() } : {}), note: note.trim() }),
    );
    if (result) {
      setEditing(false);
      setSaved(true);
    }
  };

  return (
    <li>
      <Parts parts={[
        <strong key="who"><bdi>{who}</bdi></strong>,
        f.withdrawnAt !== null
          ? t('followUp.withdrawn')
          : f.consent
            ? t('followUp.withConsent', { contact: f.contact ?? '' })
            : t('followUp.noConsent'),
        f.note,
      ]} />
      {saved && (
        <span role="status" className="confirmation">
          {' '}
          {t('followUp.saved')}
        </span>
      )}
      {f.withdrawnAt === null && !editing && !confirming && (
        <span className="actions">
          {' '}
          <button type="button" aria-label={t('followUp.editLabel', { who })} onClick={startEditing}>
            {t('followUp.edit')}
          </button>{' '}
          <button type="button" aria-label={t('followUp.withdrawConfirmLabel', { who })} onClick={() => setConfirming(true)}>
            {t('followUp.withdraw')}
          </button>
        </span>
      )}
      {editing && (
        <form onSubmit={submit} aria-label={t('followUp.editLabel', { who })} noValidate>
          {f.consent && (
            <Field label={t('followUp.contact')} error={edit.fieldError('contact')}>
              {(a) => (
                <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={contact}
                  onChange={(e) => setContact(e.target.value)} maxLength={300} autoComplete="off" />
              )}
            </Field>
          )}
          <Field label={t('followUp.note')}>
            {(a) => <input id={a.id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoComplete="off" />}
          </Field>
          <FormError message={edit.error && !edit.error.issues ? edit.error.message : undefined} />
          <div className="actions">
            <button type="submit" disabled={edit.busy}>{t('followUp.save')}</button>
            <button type="button" onClick={() => setEditing(false)}>{t('form.cancel')}</button>
          </div>
        </form>
      )}
      {confirming && (
        <div role="group" aria-label={t('followUp.withdrawConfirmLabel', { who })}>
          <p>{t('followUp.withdrawConfirm', { who })}</p>
          <button type="button" className="danger" disabled={withdraw.busy}
            onClick={() => void withdraw.run(() => api.call('followup.withdraw', { followUpId: f.id })).then((r) => { if (r) setConfirming(false); })}>
            {t('followUp.withdrawNow')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>{t('form.cancel')}</button>
          <FormError message={withdraw.error?.message} />
        </div>
      )}
    </li>
  );
}
