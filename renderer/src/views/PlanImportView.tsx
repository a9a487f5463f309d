import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope } from '../../../shared/contract';
import type { PlanChange, PlanColumn, PlanProblem } from '../../../shared/domain/floorplan';
import type { PlanImportResult, PlanPreviewResult } from '../../../shared/plan';
import { FormError } from '../components/Field';
import { formatList, formatTypedList, languageName, withSize } from '../lib/format';
import { NameList } from '../components/NameList';
import { useAction } from '../lib/useAction';
import './plan.css';

export interface PlanPreviewRequest {
  fileName: string;
  contentBase64: string;
  headers: Record<PlanColumn, string>;
  tableWord: string;
  uiLanguage: string;
}

export interface PlanImportRequest {
  tables: { name: string; coaches: string[]; topics: string[]; languages: string[]; turnMinutes: number }[];
  addTopics: string[];
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The header names in the UI language: what the template carries and the preview accepts. */
export function usePlanHeaders(): Record<PlanColumn, string> {
  const { t } = useTranslation();
  return {
    table: t('plan.column.table'),
    coaches: t('plan.column.coaches'),
    topics: t('plan.column.topics'),
    languages: t('plan.column.languages'),
    turnMinutes: t('plan.column.turnMinutes'),
  };
}

function ProblemRow({ problem, headers }: { problem: PlanProblem; headers: Record<PlanColumn, string> }) {
  const { t } = useTranslation();
  // Lists as the shown language joins them: language tags by their names, typed text isolated.
  const listed = Object.fromEntries(
    Object.entries(problem.params).map(([k, v]) => [
      k,
      Array.isArray(v) ? (problem.code === 'plan_extra_languages' ? formatList(v.map(languageName)) : formatTypedList(v)) : v,
    ]),
  ) as Record<string, string | number>;
  const params = withSize(listed);
  if (problem.code === 'plan_missing_column') {
    const name = String(params.column);
    params.column = (Object.entries(headers).find(([k]) => k === name || (k === 'coaches' && name === 'coach'))?.[1] ?? name) as string;
  }
  return (
    <tr className={problem.severity}>
      <td>{problem.row ?? '–'}</td>
      <td>{problem.column ? `${problem.column.letter} (${problem.column.header})` : '–'}</td>
      <td>
        {problem.severity === 'error' ? t('plan.error') : t('plan.notice')}: {t(`plan.problem.${problem.code}`, params)}
      </td>
    </tr>
  );
}

function changeText(change: PlanChange, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (change.kind === 'create') return t('plan.change.create');
  if (change.kind === 'same') return t('plan.change.same');
  return t('plan.change.update', { fields: formatList(change.fields.map((f) => t(`plan.column.${f}`))) });
}

/**
 * "Import the floor plan": a CSV or XLSX file, one row a table, previewed
 * with every problem by row and column before anything changes; the
 * organiser confirms, and only the differences are applied.
 */
export function PlanImportView(props: {
  preview: (request: PlanPreviewRequest) => Promise<Envelope<PlanPreviewResult>>;
  apply: (request: PlanImportRequest) => Promise<Envelope<PlanImportResult>>;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const headers = usePlanHeaders();
  const reading = useAction();
  const importing = useAction();
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<PlanPreviewResult | null>(null);
  const [addTopics, setAddTopics] = useState(true);
  const [done, setDone] = useState<PlanImportResult | null>(null);

  const open = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    setDone(null);
    setPreview(null);
    setFile(chosen.name);
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const result = await reading.run(() =>
      props.preview({
        fileName: chosen.name,
        contentBase64: toBase64(bytes),
        headers,
        tableWord: t('plan.tableWord'),
        uiLanguage: i18n.language,
      }),
    );
    if (result) {
      setPreview(result);
      setAddTopics(true);
    }
  };

  const template = () => {
    const csv = Papa.unparse({
      fields: [headers.table, headers.coaches, headers.topics, headers.languages, headers.turnMinutes],
      data: [
        ['1', 'Anna Berg; Ben Okafor', 'Career and professional development; Networking and social media', 'en; fr', '20'],
        ['2', 'Chen Li', 'Work-life balance', 'zh; en', '15'],
      ],
    });
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('plan.templateFile');
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const confirm = async () => {
    if (!preview) return;
    const result = await importing.run(() =>
      props.apply({
        tables: preview.changes.map(({ table: { row: _row, ...fields } }) => fields),
        addTopics: addTopics ? preview.newTopics : [],
      }),
    );
    if (result) {
      setDone(result);
      setPreview(null);
    }
  };

  const counts = preview && {
    create: preview.changes.filter((c) => c.kind === 'create').length,
    update: preview.changes.filter((c) => c.kind === 'update').length,
    same: preview.changes.filter((c) => c.kind === 'same').length,
  };
  const errors = preview?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const toChange = counts ? counts.create + counts.update + (addTopics ? preview!.newTopics.length : 0) : 0;

  return (
    <section className="plan-import" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('plan.title')}</h2>
      <p className="hint">{t('plan.lead', { ...headers })}</p>
      <div className="actions">
        <label className="file-button">
          {t('plan.file')}
          <input type="file" accept=".csv,.xlsx,.txt,.tsv" disabled={reading.busy || importing.busy} onChange={(e) => void open(e.currentTarget)} />
        </label>
        <button type="button" onClick={template}>
          {t('plan.template')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('plan.back')}
        </button>
      </div>
      <FormError message={reading.error?.message} />
      {done && (
        <p role="status" className="plan-done">
          {done.created + done.updated + done.topicsAdded === 0
            ? t('plan.nothingChanged')
            : t('plan.imported', { created: done.created, updated: done.updated, topics: done.topicsAdded })}
        </p>
      )}
      {preview && counts && (
        <>
          <h3>{t('plan.previewTitle', { file })}</h3>
          <p role="status">
            {t('plan.summary', { rows: preview.rows, create: counts.create, update: counts.update, same: counts.same })}
          </p>
          {preview.problems.length > 0 && (
            <table className="plan-problems">
              <caption>{errors > 0 ? t('plan.problemsBlocking', { count: errors }) : t('plan.problemsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.row')}</th>
                  <th scope="col">{t('plan.column.label')}</th>
                  <th scope="col">{t('plan.problemHeader')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((p, i) => (
                  <ProblemRow key={i} problem={p} headers={headers} />
                ))}
              </tbody>
            </table>
          )}
          {preview.newTopics.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={addTopics} onChange={(e) => setAddTopics(e.currentTarget.checked)} />
              {t('plan.addTopics', { topics: formatTypedList(preview.newTopics) })}
            </label>
          )}
          {preview.changes.length > 0 && (
            <table className="plan-changes">
              <caption>{t('plan.changesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.row')}</th>
                  <th scope="col">{headers.table}</th>
                  <th scope="col">{headers.coaches}</th>
                  <th scope="col">{headers.topics}</th>
                  <th scope="col">{headers.languages}</th>
                  <th scope="col">{headers.turnMinutes}</th>
                  <th scope="col">{t('plan.changeHeader')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.table.row} className={c.kind}>
                    <td>{c.table.row}</td>
                    <td>
                      <bdi>{c.table.name}</bdi>
                    </td>
                    <td>
                      <NameList names={c.table.coaches} />
                    </td>
                    <td>
                      <NameList names={c.table.topics} />
                    </td>
                    <td>{formatList(c.table.languages.map(languageName))}</td>
                    <td>{c.table.turnMinutes}</td>
                    <td>{changeText(c, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={!preview.importable || toChange === 0 || importing.busy} onClick={() => void confirm()}>
              {errors > 0 ? t('plan.fixFirst') : toChange === 0 ? t('plan.nothingToChange') : t('plan.confirm', { count: counts.create + counts.update })}
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              {t('plan.cancel')}
            </button>
          </div>
          <FormError message={importing.error?.message} />
        </>
      )}
    </section>
  );
}
