import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { Field, FormError } from './Field';

/**
 * This laptop's name, as other laptops and the organiser see it, and a way to
 * change it (it is a setting of the laptop, kept with its data folder, not
 * event data).
 */
export function LaptopName({ name }: { name: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const { run, error, busy, fieldError } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() => api.call('settings.update', { deviceName: draft }));
    if (!saved) return;
    // The name is not event data, so no operation pushes it: read the snapshot again.
    const snapshot = await api.call('snapshot.get', {});
    if (snapshot.ok) useStore.getState().setSnapshot(snapshot.value);
    setEditing(false);
  };

  if (!editing) {
    return (
      <div className="device">
        <p>{t('nav.device', { name })}</p>
        <button type="button" className="small" aria-label={t('laptop.renameLabel')} onClick={() => {
          setDraft(name);
          setEditing(true);
        }}>
          {t('laptop.rename')}
        </button>
      </div>
    );
  }
  return (
    <form className="device" onSubmit={submit} aria-label={t('laptop.formLabel')} noValidate>
      <Field label={t('laptop.name')} hint={t('laptop.hint')} error={fieldError('deviceName')}>
        {(a) => (
          <input id={a.id} aria-describedby={a.describedBy} aria-invalid={a.invalid} value={draft} maxLength={60}
            autoComplete="off" onChange={(e) => setDraft(e.target.value)} />
        )}
      </Field>
      <FormError message={error && !error.issues ? error.message : undefined} />
      <div className="actions">
        <button type="submit" className="primary small" disabled={busy}>
          {t('laptop.save')}
        </button>
        <button type="button" className="small" onClick={() => setEditing(false)}>
          {t('laptop.cancel')}
        </button>
      </div>
    </form>
  );
}
