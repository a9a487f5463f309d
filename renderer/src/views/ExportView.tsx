import { lazy, Suspense, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportScope, ExportStatus, KeptExports, PrivacyLevel } from '../../../shared/contract';
import type { ExportLanguage } from '../../../shared/export/words/languages';
import { api } from '../api';
import { BackupMaker } from '../components/Backup';
import { FormError } from '../components/Field';
import { endonym, LANGUAGES } from '../i18n';
import { formatClockTime, formatList } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import './report.css';

// The charting library is loaded only when the report is opened.
const ReportView = lazy(() => import('./ReportView').then((m) => ({ default: m.ReportView })));

/** The day's log: export (with what it includes and its progress), or the printable report. */
export function ExportView({ report }: { report: boolean }) {
  const { t } = useTranslation();
  if (report) {
    return (
      <Suspense fallback={<p aria-busy="true">{t('report.loading')}</p>}>
        <ReportView />
      </Suspense>
    );
  }
  return <ExportPanel />;
}

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json'];
const PRIVACY: PrivacyLevel[] = ['full', 'anonymised', 'followups'];
const FORMAT_LABEL = { csv: 'export.formatCsv', xlsx: 'export.formatXlsx', json: 'export.formatJson' } as const;
const PRIVACY_LABEL = {
  full: ['export.privacyFull', 'export.privacyFullHint'],
  anonymised: ['export.privacyAnonymised', 'export.privacyAnonymisedHint'],
  followups: ['export.privacyFollowups', 'export.privacyFollowupsHint'],
} as const;

function ExportPanel() {
  const { t } = useTranslation();
  const show = useStore((s) => s.show);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [privacy, setPrivacy] = useState<PrivacyLevel>('full');
  // The files' words, not the screen's: English unless chosen, since tools read the headers.
  const [language, setLanguage] = useState<ExportLanguage>('en');
  const languageHintId = useId();
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const start = useAction();
  const cancel = useAction();
  const exportId = status?.exportId;

  // Progress and the end arrive as pushes; ask once too, in case one was missed.
  useEffect(() => {
    if (!exportId) return;
    const stop = api.subscribe((push) => {
      if (push.type === 'exportProgress' && push.payload.exportId === exportId) setStatus(push.payload);
    });
    void api.call('export.status', { exportId }).then((r) => {
      if (r.ok && r.value.state !== 'running') setStatus(r.value);
    });
    return stop;
  }, [exportId]);

  const effectivePrivacy = format === 'json' ? 'full' : privacy;
  const running = status?.state === 'running';

  return (
    <section aria-labelledby="export-title" className="export">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="hint">{t('export.lead')}</p>
      <ScopeCard />
      <form
        className="card form"
        aria-label={t('export.formLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          setStatus(null);
          void start
            .run(() => api.call('export.start', format === 'json' ? { format, privacy: effectivePrivacy } : { format, privacy: effectivePrivacy, language }))
            .then((s) => s && setStatus(s));
        }}
      >
        <fieldset className="choice">
          <legend>{t('export.format')}</legend>
          {FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {t(FORMAT_LABEL[f])}
            </label>
          ))}
          {format === 'json' && <p className="hint">{t('export.formatJsonHint')}</p>}
        </fieldset>
        <fieldset className="choice">
          <legend>{t('export.privacy')}</legend>
          {PRIVACY.map((p) => (
            <label key={p}>
              <input
                type="radio"
                name="privacy"
                value={p}
                checked={effectivePrivacy === p}
                disabled={format === 'json' && p !== 'full'}
                onChange={() => setPrivacy(p)}
              />
              <span>
                <strong>{t(PRIVACY_LABEL[p][0])}</strong> <span className="hint">{t(PRIVACY_LABEL[p][1])}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {format !== 'json' && (
          <div className="field">
            <label>
              {t('export.language')}{' '}
              <select value={language} aria-describedby={languageHintId} onChange={(e) => setLanguage(e.target.value as ExportLanguage)}>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {endonym(l)}
                  </option>
                ))}
              </select>
            </label>
            <p className="hint" id={languageHintId}>
              {t('export.languageHint')}
            </p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={running || start.busy}>
            {t('export.start')}
          </button>
          {running && status && (
            <button
              type="button"
              onClick={() => void cancel.run(() => api.call('export.cancel', { exportId: status.exportId }))}
            >
              {t('export.cancel')}
            </button>
          )}
        </div>
        <FormError message={start.error?.message ?? cancel.error?.message} />
        {status && <Progress status={status} />}
      </form>
      <KeptFiles
        refresh={status?.state === 'done' ? status.exportId : ''}
        onDeleted={() => setStatus(null)}
        busy={running}
      />
      <BackupMaker />
      <section className="card" aria-labelledby="report-link-title">
        <h3 id="report-link-title">{t('export.openReport')}</h3>
        <p className="hint">{t('export.reportHint')}</p>
        <button type="button" onClick={() => show({ kind: 'report' })}>
          {t('export.openReport')}
        </button>
      </section>
    </section>
  );
}

function Progress({ status }: { status: ExportStatus }) {
  const { t } = useTranslation();
  const listId = useId();
  return (
    <div className="export-progress">
      {status.state === 'running' && (
        <>
          <progress aria-label={t('export.progressLabel')} value={status.done} max={Math.max(1, status.total)} />
          <p role="status">{t('export.progress', { done: status.done, total: status.total })}</p>
        </>
      )}
      {status.state === 'done' && (
        <>
          <p role="status" className="confirmation">
            {t('export.done')}
          </p>
          <h3 id={listId} className="visually-hidden">
            {t('export.filesLabel')}
          </h3>
          <ul className="export-files" aria-labelledby={listId}>
            {status.files.map((f) => (
              <li key={f.index}>
                {api.kind === 'web' ? (
                  <a href={`/api/exports/${encodeURIComponent(status.exportId)}/${f.index}`} download={f.name} aria-label={t('export.download', { name: f.name })}>
                    {f.name}
                  </a>
                ) : (
                  <span>{f.name}</span>
                )}{' '}
                <span className="hint">{t('export.size', { kb: kb(f.bytes) })}</span>
              </li>
            ))}
          </ul>
          {api.kind !== 'web' && <p className="hint">{t('export.savedIn', { folder: status.folder })}</p>}
          {api.kind !== 'web' && status.state === 'done' && <SaveAsButton exportId={status.exportId} />}
        </>
      )}
      {status.state === 'cancelled' && <p role="status">{t('export.cancelled')}</p>}
      {status.state === 'failed' && (
        <p role="alert" className="form-error">
          {t('export.failed', { error: status.error ?? '' })}
        </p>
      )}
    </div>
  );
}

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

/**
 * The export files this laptop keeps, and a way to delete them: a full
 * export holds names and contacts, and a laptop on a conference floor can be
 * lost. Read again whenever an export finishes.
 */
function KeptFiles(props: { refresh: string; busy: boolean; onDeleted(): void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState<KeptExports | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<number | null>(null);
  const remove = useAction();
  // After a new export, a "deleted" confirmation from before no longer holds.
  const load = useCallback((afterExport = false) => {
    void api.call('export.kept', {}).then((r) => {
      if (!r.ok) return;
      setKept(r.value);
      if (afterExport) setDeleted(null);
    });
  }, []);
  useEffect(() => load(props.refresh !== ''), [load, props.refresh]);
  if (!kept) return null;
  const total = kept.files.reduce((sum, f) => sum + f.bytes, 0);
  const count = kept.files.length;
  return (
    <section className="card kept" aria-labelledby="kept-title">
      <h3 id="kept-title">{t('export.keptTitle')}</h3>
      {deleted !== null && (
        <p role="status" className="confirmation">
          {t('export.deletedKept', { count: deleted })}
        </p>
      )}
      {count === 0 ? (
        <p>{t('export.keptNone')}</p>
      ) : (
        <>
          <p>{t('export.keptLead', { count, kb: kb(total) })}</p>
          <ul aria-label={t('export.keptList')}>
            {kept.files.map((f) => (
              <li key={f.name}>{t('export.keptFile', { name: f.name, kb: kb(f.bytes), time: formatClockTime(f.madeAt) })}</li>
            ))}
          </ul>
          {confirming ? (
            <div role="group" aria-label={t('export.deleteKeptLabel')}>
              <p>{t('export.deleteKeptConfirm', { count })}</p>
              <button
                type="button"
                className="danger"
                disabled={remove.busy}
                onClick={() =>
                  void remove.run(() => api.call('export.deleteKept', {})).then((r) => {
                    setConfirming(false);
                    if (!r) return;
                    setDeleted(r.deleted);
                    props.onDeleted();
                    load();
                  })
                }
              >
                {t('export.deleteKeptNow')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('form.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" disabled={props.busy} onClick={() => setConfirming(true)}>
              {t('export.deleteKept')}
            </button>
          )}
        </>
      )}
      <FormError message={remove.error?.message} />
    </section>
  );
}

/** What an export made now would include: the laptops heard from, and any silent one. */
export function ScopeCard({ scope: given }: { scope?: ExportScope }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<ExportScope | null>(given ?? null);
  const load = useCallback(() => {
    void api.call('export.scope', {}).then((r) => r.ok && setScope(r.value));
  }, []);
  useEffect(() => {
    if (!given) load();
  }, [given, load]);
  const s = given ?? scope;
  return (
    <section className="card scope" aria-labelledby="scope-title">
      <h3 id="scope-title">{t('export.scopeTitle')}</h3>
      {!s ? (
        <p aria-busy="true">{t('export.reading')}</p>
      ) : s.devices.length === 0 ? (
        <p>{t('export.noEvent')}</p>
      ) : (
        <>
          <p>
            {t('export.operations', {
              count: s.operations,
              laptops: t('export.laptops', { count: s.devices.length }),
              time: formatClockTime(s.newestOpAt ?? s.asOf),
            })}{' '}
            {t('export.counts', s.counts)}
          </p>
          {s.devices.length === 1 && s.devices[0]?.thisLaptop && <p className="hint">{t('export.onlyThis')}</p>}
          {s.devices.every((d) => !d.notHeardFrom) ? (
            <p className="hint">{t('export.allHeard', { minutes: s.staleMinutes })}</p>
          ) : null}
          <table className="scope-table">
            <caption className="visually-hidden">{t('export.laptopsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('export.colLaptop')}</th>
                <th scope="col">{t('export.colOperations')}</th>
                <th scope="col">{t('export.colLast')}</th>
                <th scope="col">{t('export.colTables')}</th>
                <th scope="col">{t('export.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {s.devices.map((d) => {
                const name = d.name ?? t('export.unnamed', { id: d.deviceId.slice(0, 8) });
                return (
                  <tr key={d.deviceId} className={d.notHeardFrom ? 'stale' : undefined}>
                    <th scope="row">{d.thisLaptop ? t('export.thisLaptop', { name }) : name}</th>
                    <td>{d.operations}</td>
                    <td>{formatClockTime(d.lastOpAt)}</td>
                    <td>{formatList(d.tables)}</td>
                    <td>{d.notHeardFrom ? t('export.notHeard', { time: formatClockTime(d.lastOpAt) }) : t('export.heard')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!given && (
            <button type="button" className="small no-print" onClick={load}>
              {t('export.refresh')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** Electron: copy the finished export to a folder chosen with the system's dialog. */
function SaveAsButton({ exportId }: { exportId: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <p>
      <button
        type="button"
        onClick={async () => {
          const r = await api.call('export.saveAs', { exportId });
          if (r.ok) setSaved(r.value.folder);
          else setError(r.error.message);
        }}
      >
        {t('export.saveAs')}
      </button>
      {saved && <span role="status"> {t('export.savedTo', { folder: saved })}</span>}
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
