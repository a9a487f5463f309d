import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_PASSPHRASE_MAX, BACKUP_PASSPHRASE_MIN } from '../../../shared/backup-limits';
import { api } from '../api';
import { fileText } from '../lib/file-text';
import { download } from '../lib/download';
import { useAction } from '../lib/useAction';
import { Field, FormError } from './Field';
import { rememberRestore } from './RestoredNote';

/**
 * This laptop's own backup, private notes included: made only by this
 * explicit form, under a warning, and sealed with a passphrase typed twice
 * (the core: electron/export/backup.ts). The file is downloaded, never kept.
 */
export function BackupMaker() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [made, setMade] = useState<{ name: string } | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMade(null);
    if (passphrase !== again) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const r = await action.run(() => api.call('backup.make', { passphrase }));
    if (!r) return;
    download(r.fileName, r.content);
    setMade({ name: r.fileName });
    setPassphrase('');
    setAgain('');
  };
  return (
    <section className="card backup" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backup.title')}</h3>
      <p className="hint">{t('backup.lead')}</p>
      <p className="warning" role="note">
        {t('backup.warning')}
      </p>
      <form className="form" aria-label={t('backup.formLabel')} onSubmit={(e) => void submit(e)}>
        <Field label={t('backup.passphrase')} hint={t('backup.passphraseHint', { min: BACKUP_PASSPHRASE_MIN })} error={action.fieldError('passphrase')}>
          {(a) => (
            <input
              id={a.id}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              minLength={BACKUP_PASSPHRASE_MIN}
              maxLength={BACKUP_PASSPHRASE_MAX}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('backup.passphraseAgain')} error={mismatch ? t('backup.mismatch') : undefined}>
          {(a) => (
            <input
              id={a.id}
              type="password"
              autoComplete="new-password"
              value={again}
              maxLength={BACKUP_PASSPHRASE_MAX}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onChange={(e) => setAgain(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? t('backup.making') : t('backup.make')}
          </button>
        </div>
        <FormError message={action.error && !action.error.issues ? action.error.message : undefined} />
        {made && (
          <p role="status" className="confirmation">
            {t('backup.made', { name: made.name })}
          </p>
        )}
      </form>
    </section>
  );
}

/**
 * Restoring this laptop from its backup into an empty Tableside: the file and
 * the passphrase that opens it. A wrong passphrase or an altered file is
 * refused (translated) and changes nothing; the form stays for another try.
 */
export function BackupRestorer({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const read = await fileText(file);
    if (!read.ok) {
      await action.run(async () => read);
      return;
    }
    const content = read.value;
    // The floor then says plainly that this laptop must join the event again (RestoredNote); it shows before the answer.
    rememberRestore('pending');
    const restored = await action.run(() => api.call('backup.restore', { content, passphrase }));
    rememberRestore(restored ? restored.eventId : null);
  };
  return (
    <section className="card" aria-labelledby="restore-title">
      <h2 id="restore-title">{t('backup.restoreTitle')}</h2>
      <p className="hint">{t('backup.restoreLead')}</p>
      <p className="hint">{t('backup.restoreNewLaptop')}</p>
      <form className="form" aria-label={t('backup.restoreTitle')} onSubmit={(e) => void submit(e)}>
        <Field label={t('backup.file')}>
          {(a) => (
            <input
              id={a.id}
              type="file"
              accept=".tablesidebackup"
              required
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                action.clearError();
              }}
            />
          )}
        </Field>
        <Field label={t('backup.passphrase')} error={action.fieldError('passphrase')}>
          {(a) => (
            <input
              id={a.id}
              type="password"
              autoComplete="current-password"
              value={passphrase}
              maxLength={BACKUP_PASSPHRASE_MAX}
              required
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
        <FormError message={action.error ? (action.error.issues ? action.fieldError('content') ?? action.error.message : action.error.message) : undefined} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy || !file}>
            {action.busy ? t('backup.restoring') : t('backup.restore')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
