import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { shortcutLabel, useShortcut } from '../lib/shortcuts';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { Field, FormError, useFocusFirstInvalid } from './Field';
import { TopicPicker } from './TopicPicker';
import { LanguageChecks } from './LanguageChecks';
import { useStore } from '../store';

/**
 * Add someone who just walked up: a name or none (they get a ticket), topics,
 * party size, and the languages they speak among those the event's open
 * tables offer (this table's first; shown when there are two or more), which
 * "send elsewhere" matches (sharedLanguages in shared/domain/languages.ts).
 */
export function WalkInForm({ tableId, topics }: { tableId: string; topics: readonly string[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [speaks, setSpeaks] = useState<string[]>([]);
  const tables = useStore((s) => s.snapshot?.tables);
  const offered = useMemo(() => {
    const own = tables?.find((tb) => tb.id === tableId)?.languages ?? [];
    const others = (tables ?? []).filter((tb) => tb.closedAt === null).flatMap((tb) => tb.languages);
    return [...new Set([...own, ...others])];
  }, [tables, tableId]);
  const [partySize, setPartySize] = useState('1');
  // The confirmation goes by itself, as every other (useTransient).
  const [added, setAdded] = useTransient<string>();
  const { run, error, busy, fieldError } = useAction();
  const nameRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inside = useFocusFirstInvalid(error);
  useShortcut('addWalkIn', () => nameRef.current?.focus());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const sent = { name, chosen, partySize, speaks };
    const trimmed = name.trim();
    const result = await run(() =>
      api.call('walkin.add', {
        tableId,
        ...(trimmed ? { name: trimmed } : {}),
        topics: chosen,
        ...(speaks.length > 0 ? { languages: speaks } : {}),
        partySize: Number(partySize),
      }),
    );
    if (result) {
      setAdded(trimmed ? t('walkIn.addedNamed', { name: trimmed }) : t('walkIn.addedTicket', { ticket: result.ticket }));
      // Clear only what was sent: at a busy table the coach may already be
      // typing the next person while this one is being saved.
      setName((n) => (n === sent.name ? '' : n));
      setChosen((c) => (c === sent.chosen ? [] : c));
      setPartySize((p) => (p === sent.partySize ? '1' : p));
      setSpeaks((l) => (l === sent.speaks ? [] : l));
      nameRef.current?.focus();
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('walkIn.title')} <kbd>{shortcutLabel('addWalkIn')}</kbd>
      </h3>
      <form onSubmit={submit} aria-label={t('walkIn.title')} noValidate>
        <div className="row">
          <Field label={t('walkIn.name')} hint={t('walkIn.nameHint')} error={fieldError('name')}>
            {(a) => (
              <input id={a.id} ref={nameRef} aria-describedby={a.describedBy} aria-invalid={a.invalid}
                value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" />
            )}
          </Field>
          <Field label={t('walkIn.partySize')} error={fieldError('partySize')}>
            {(a) => (
              <input id={a.id} type="number" min={1} max={50} aria-describedby={a.describedBy}
                aria-invalid={a.invalid} value={partySize} onChange={(e) => setPartySize(e.target.value)} />
            )}
          </Field>
        </div>
        <TopicPicker legend={t('walkIn.topics')} catalogue={topics} selected={chosen} onChange={setChosen} />
        {offered.length > 1 && (
          <LanguageChecks legend={t('walkIn.languages')} options={offered} selected={speaks} onChange={setSpeaks} compact
            error={fieldError('languages')} />
        )}
        <FormError message={error && !error.issues ? error.message : error ? t('form.fixFields') : undefined} />
        <div className="actions" ref={inside}>
          <button type="submit" className="primary" disabled={busy}>
            {t('walkIn.add')}
          </button>
          {added && (
            <span role="status" className="confirmation">
              {added}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
