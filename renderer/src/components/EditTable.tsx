import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TableView, TopicView } from '../../../shared/contract';
import { api } from '../api';
import { TableForm } from './TableForm';

/**
 * "Edit table": the table's name, coaches, topics, language and turn length,
 * in a dialog over the table screen (details on demand: it takes no room from
 * the floor layout; the dialog hangs from the body, the button sits in the
 * header's line). Saved through `table.update`; a refusal is shown beside
 * its field in the shown language. A new turn length counts from the next
 * turn; the one running keeps its deadline ("+5 min" is for that).
 */
export function EditTable({ table, topics, disabled = false }: { table: TableView; topics: readonly TopicView[]; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <button type="button" className="small" onClick={() => setOpen(true)} aria-haspopup="dialog" disabled={disabled}>
        {t('table.edit')}
      </button>
      {createPortal(
      <dialog ref={dialog} className="edit-table" aria-labelledby="edit-table-title" onClose={() => setOpen(false)}>
        <h2 id="edit-table-title">{t('table.editTitle', { name: table.name })}</h2>
        {open && (
          <TableForm
            catalogue={topics}
            initial={{ name: table.name, coaches: table.coaches, topics: table.topics, languages: table.languages, turnMinutes: table.turnMinutes }}
            submitLabel={t('table.save')}
            fieldPrefix="fields."
            nameHint={t('table.nameKeepHint')}
            onSubmit={(fields) => api.call('table.update', { tableId: table.id, fields })}
            onDone={() => setOpen(false)}
            onCancel={() => setOpen(false)}
          />
        )}
      </dialog>,
      document.body,
      )}
    </>
  );
}
