import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { Field, FormError } from './Field';

/** How this table handles the queue and crowds; and closing it at the end of the session. */
export function TableSettings({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const [hold, setHold] = useState(String(table.holdMinutes));
  const [maxSize, setMaxSize] = useState(String(table.maxGroupSize));
  const [rotation, setRotation] = useState(String(table.rotationMinutes));
  const [auto, setAuto] = useState(table.autoAdvance);
  // When the stored settings change (saved here or elsewhere), the fields
  // follow them, without closing the panel or losing the "Saved." note.
  const stored = `${table.holdMinutes}/${table.maxGroupSize}/${table.rotationMinutes}/${table.autoAdvance}`;
  const [shownFor, setShownFor] = useState(stored);
  if (stored !== shownFor) {
    setShownFor(stored);
    setHold(String(table.holdMinutes));
    setMaxSize(String(table.maxGroupSize));
    setRotation(String(table.rotationMinutes));
    setAuto(table.autoAdvance);
  }
  const [confirming, setConfirming] = useState(false);
  const save = useAction();
  const close = useAction();
  const [saved, setSaved] = useTransient<true>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const r = await save.run(() =>
      api.call('table.configure', {
        tableId: table.id,
        holdMinutes: Number(hold),
        maxGroupSize: Number(maxSize),
        rotationMinutes: Number(rotation),
        autoAdvance: auto,
        questions: table.questions,
      }),
    );
    setSaved(r !== null ? true : null);
  };

  return (
    <details className="card table-settings">
      <summary>{t('tableSettings.title')}</summary>
      <form onSubmit={submit} aria-label={t('tableSettings.title')} noValidate>
        <div className="row">
          <Field label={t('tableSettings.hold')} error={save.fieldError('holdMinutes')}>
            {(a) => <input id={a.id} type="number" min={1} max={120} aria-invalid={a.invalid} value={hold} onChange={(e) => setHold(e.target.value)} />}
          </Field>
          <Field label={t('crowd.maxGroupSize')} error={save.fieldError('maxGroupSize')}>
            {(a) => <input id={a.id} type="number" min={2} max={30} aria-invalid={a.invalid} value={maxSize} onChange={(e) => setMaxSize(e.target.value)} />}
          </Field>
          <Field label={t('crowd.rotationMinutes')} error={save.fieldError('rotationMinutes')}>
            {(a) => <input id={a.id} type="number" min={1} max={120} aria-invalid={a.invalid} value={rotation} onChange={(e) => setRotation(e.target.value)} />}
          </Field>
        </div>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
          {t('crowd.autoAdvance')}
        </label>
        <div className="actions">
          <button type="submit" disabled={save.busy}>{t('tableSettings.save')}</button>
          {saved && <span role="status" className="confirmation">{t('tableSettings.saved')}</span>}
        </div>
        <FormError message={save.error && !save.error.issues ? save.error.message : undefined} />
      </form>
      <div className="close-table">
        {table.closedAt === null ? (
          confirming ? (
            <div role="group" aria-label={t('tableSettings.closeConfirmLabel')}>
              <p>{t('tableSettings.closeConfirm', { count: table.queue.length })}</p>
              <button type="button" className="danger" onClick={() => void close.run(() => api.call('table.close', { tableId: table.id })).then(() => setConfirming(false))}>
                {t('tableSettings.closeNow')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>{t('form.cancel')}</button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>{t('tableSettings.close')}</button>
          )
        ) : (
          <button type="button" onClick={() => void close.run(() => api.call('table.reopen', { tableId: table.id }))}>
            {t('tableSettings.reopen')}
          </button>
        )}
        <FormError message={close.error?.message} />
      </div>
    </details>
  );
}
