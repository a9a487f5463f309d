import { parseBounded } from '../../../shared/guard';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { fileText } from '../lib/file-text';
import { BackupRestorer } from '../components/Backup';
import { EventForm } from '../components/EventForm';
import { FormError } from '../components/Field';
import { LanguagePicker } from '../components/LanguagePicker';
import { useAction } from '../lib/useAction';
import { JoinForm, SyncFileOpener } from './SharingView';

/** First launch: start a new event or open the demo floor. */
export function Welcome() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [joining, setJoining] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const demo = useAction();
  const importing = useAction();
  const rehearsal = useAction();
  /** An event exported as JSON (the complete log), into this empty Tableside. */
  const openExport = async (file: File | undefined) => {
    if (!file) return;
    // The gate (shared/guard.ts) before anything recursive sees the file: a
    // deeply nested one would overflow the stack sending it.
    const read = await fileText(file);
    if (!read.ok) {
      await importing.run(async () => read);
      return;
    }
    const parsed = parseBounded(read.value, { clean: false });
    const log: unknown = parsed.ok ? parsed.value : null;
    await importing.run(() => api.call('export.importJson', { log: log as never }));
  };
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      <LanguagePicker />
      {restoring ? (
        <BackupRestorer onCancel={() => setRestoring(false)} />
      ) : joining ? (
        <>
          <JoinForm level={2} />
          <section className="card" aria-labelledby="welcome-file-title">
            <h2 id="welcome-file-title">{t('welcome.fileTitle')}</h2>
            <p className="hint">{t('welcome.fileHint')}</p>
            <SyncFileOpener askCode />
          </section>
          <button type="button" onClick={() => setJoining(false)}>
            {t('form.cancel')}
          </button>
        </>
      ) : creating ? (
        <>
          <h2>{t('welcome.newEventTitle')}</h2>
          <EventForm
            submitLabel={t('event.create')}
            onSubmit={(fields) => api.call('event.create', fields)}
            onCancel={() => setCreating(false)}
          />
        </>
      ) : (
        <div className="choices">
          <button type="button" className="primary big" onClick={() => setCreating(true)}>
            {t('welcome.newEvent')}
          </button>
          <button
            type="button"
            className="big"
            disabled={demo.busy}
            onClick={() => void demo.run(() => api.call('event.createDemo', {}))}
          >
            {t('welcome.demoEvent')}
          </button>
          <button type="button" className="big" onClick={() => setJoining(true)}>
            {t('welcome.join')}
          </button>
          <button
            type="button"
            className="big"
            disabled={rehearsal.busy}
            onClick={() =>
              void rehearsal.run(async () => {
                const made = await api.call('event.createRehearsal', {});
                // It starts at 5×: a crowd within minutes; the bar changes the speed while it plays.
                return made.ok ? api.call('rehearsal.control', { playing: true, speed: 5 }) : made;
              })
            }
          >
            {t('welcome.rehearsal')}
          </button>
          <label className="file-input">
            {t('welcome.openExport')}
            <input
              type="file"
              accept=".tableside,application/json"
              disabled={importing.busy}
              onChange={(e) => void openExport(e.target.files?.[0])}
            />
          </label>
          <button type="button" className="big" onClick={() => setRestoring(true)}>
            {t('welcome.restoreBackup')}
          </button>
          <p className="hint">{t('welcome.demoHint')}</p>
          <p className="hint">{t('welcome.joinHint')}</p>
          <p className="hint">{t('welcome.rehearsalHint')}</p>
          <FormError message={demo.error?.message ?? importing.error?.message ?? rehearsal.error?.message} />
        </div>
      )}
    </main>
  );
}
