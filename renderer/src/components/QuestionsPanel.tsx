import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableView } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

const SEED_QUESTIONS = ['q1', 'q2', 'q3', 'q4'] as const;

/** Open-ended questions to glance at during a conversation: the four built in and the coach's own. */
export function QuestionsPanel({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const action = useAction();
  const save = (questions: string[]) =>
    action.run(() =>
      api.call('table.configure', {
        tableId: table.id,
        holdMinutes: table.holdMinutes,
        maxGroupSize: table.maxGroupSize,
        rotationMinutes: table.rotationMinutes,
        autoAdvance: table.autoAdvance,
        questions,
      }),
    );
  return (
    <section className="card questions" aria-labelledby={`${id}-title`}>
      <details open>
        <summary id={`${id}-title`}>{t('questions.title')}</summary>
        <ul>
          {SEED_QUESTIONS.map((q) => (
            <li key={q}>{t(`questions.${q}`)}</li>
          ))}
          {table.questions.map((q) => (
            <li key={q}>
              {q}{' '}
              <button type="button" className="small" aria-label={t('questions.removeLabel', { question: q })}
                onClick={() => void save(table.questions.filter((x) => x !== q))}>
                {t('settings.remove')}
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-add">
          <label htmlFor={`${id}-new`}>{t('questions.add')}</label>
          <input id={`${id}-new`} value={draft} maxLength={300} onChange={(e) => setDraft(e.target.value)} />
          <button type="button" disabled={!draft.trim() || action.busy}
            onClick={async () => {
              const question = draft.trim();
              // What was typed meanwhile stays.
              if (await save([...table.questions, question])) setDraft((current) => (current.trim() === question ? '' : current));
            }}>
            {t('questions.addButton')}
          </button>
        </div>
        <FormError message={action.error?.message} />
      </details>
    </section>
  );
}
