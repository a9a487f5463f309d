import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntryView, TableView } from '../../../shared/contract';
import { commonTopics } from '../../../shared/domain/grouping';
import { presentEntries } from '../../../shared/domain/table';
import { countOf } from '../../../shared/domain/people';
import { crowdTitle } from '../lib/counts';
import { api } from '../api';
import { personLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { revealNow } from '../lib/revealNow';
import { FormError } from './Field';
import { joinParts } from '../lib/parts';
import { Parts } from './Parts';

type Tool = 'plenary' | 'focus' | 'split';

/**
 * What a coach can do when the table gets crowded, three ways: a
 * short plenary for everyone, a focus on one shared topic, or sub-groups
 * taking turns.
 */
export function CrowdTools({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const [tool, setTool] = useState<Tool | null>(null);
  const present = presentEntries(table);
  if (present.length === 0) return null;
  const title = crowdTitle(t, table);
  return (
    <section className="crowd" aria-labelledby={`crowd-${table.id}`}>
      <h4 id={`crowd-${table.id}`}>{title}</h4>
      <div className="actions" role="group" aria-label={title}>
        {(['plenary', 'focus', 'split'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={tool === k} onClick={() => setTool(tool === k ? null : k)}>
            {t(`crowd.${k}`)}
          </button>
        ))}
      </div>
      {tool === 'plenary' && <PlenaryForm table={table} count={countOf(present).heads} />}
      {tool === 'focus' && <FocusForm table={table} present={present} />}
      {tool === 'split' && <SplitForm table={table} present={present} />}
    </section>
  );
}

function PlenaryForm({ table, count }: { table: TableView; count: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState('5');
  const action = useAction();
  return (
    <div className="card tool">
      <p className="hint">{t('crowd.plenaryHint')}</p>
      <label htmlFor={id}>{t('crowd.plenaryMinutes')}</label>
      <input id={id} type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy}
          onClick={async () => {
            if (await action.run(() => api.call('plenary.start', { tableId: table.id, minutes: Number(minutes) }))) revealNow();
          }}>
          {t('crowd.startPlenary', { count })}
        </button>
      </div>
      <FormError message={action.error?.message} />
    </div>
  );
}

function FocusForm({ table, present }: { table: TableView; present: QueueEntryView[] }) {
  const { t } = useTranslation();
  const id = useId();
  const common = commonTopics(present.map((e) => ({ ...e, rank: e.rank })));
  const [topic, setTopic] = useState(common[0]?.topic ?? '');
  // Preselected: only those who asked for the topic; the coach may add others.
  const askedFor = (label: string) => present.filter((e) => e.topics.includes(label)).map((e) => e.id);
  const [chosen, setChosen] = useState<string[]>(() => askedFor(topic));
  const choose = (label: string) => {
    setTopic(label);
    setChosen(askedFor(label));
  };
  const [minutes, setMinutes] = useState(String(table.turnMinutes));
  const action = useAction();
  if (common.length === 0) return <p className="hint card tool">{t('crowd.noTopics')}</p>;
  return (
    <div className="card tool">
      <fieldset>
        <legend>{t('crowd.focusTopic')}</legend>
        <ul className="checks column">
          {common.map((c) => (
            <li key={c.topic}>
              <label>
                <input type="radio" name={`${id}-topic`} checked={topic === c.topic} onChange={() => choose(c.topic)} />
                {/* commonTopics counts heads: "people". */}
                {t('crowd.topicCount', { topic: c.topic, people: t('counts.people', { count: c.count }) })}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('crowd.focusWho')}</legend>
        <ul className="checks">
          {present.map((e) => (
            <li key={e.id}>
              <label>
                <input type="checkbox" checked={chosen.includes(e.id)}
                  onChange={(ev) => setChosen(ev.target.checked ? [...chosen, e.id] : chosen.filter((c) => c !== e.id))} />
                {personLabel(t, e)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label htmlFor={`${id}-minutes`}>{t('crowd.focusMinutes')}</label>
      <input id={`${id}-minutes`} type="number" min={1} max={120} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy || chosen.length === 0}
          onClick={async () => {
            if (await action.run(() => api.call('focus.start', { tableId: table.id, topic, entryIds: chosen, minutes: Number(minutes) }))) revealNow();
          }}>
          {t('crowd.startFocus')}
        </button>
      </div>
      <FormError message={action.error?.message} />
    </div>
  );
}

function SplitForm({ table, present }: { table: TableView; present: QueueEntryView[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [maxSize, setMaxSize] = useState(String(table.maxGroupSize));
  const [minutes, setMinutes] = useState(String(table.rotationMinutes));
  const [autoAdvance, setAutoAdvance] = useState(table.autoAdvance);
  const [groups, setGroups] = useState<string[][] | null>(null);
  const propose = useAction();
  const start = useAction();
  const byId = new Map(present.map((e) => [e.id, e]));
  // The proposal opens below the fold at 1024×700 (its start button was at y = 810): bring its button into view.
  const startButton = useRef<HTMLButtonElement>(null);
  const proposed = groups !== null;
  useEffect(() => {
    if (proposed) startButton.current?.scrollIntoView({ block: 'nearest' });
  }, [proposed]);

  const move = (entryId: string, to: number) =>
    setGroups((gs) => {
      if (!gs) return gs;
      const without = gs.map((g) => g.filter((x) => x !== entryId));
      if (to >= without.length) without.push([]);
      without[to]!.push(entryId);
      return without.filter((g) => g.length > 0);
    });

  return (
    <div className="card tool">
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-size`}>{t('crowd.maxGroupSize')}</label>
          <input id={`${id}-size`} type="number" min={2} max={30} value={maxSize} onChange={(e) => setMaxSize(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>{t('crowd.rotationMinutes')}</label>
          <input id={`${id}-minutes`} type="number" min={1} max={120} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </div>
      </div>
      <label>
        <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} />
        {t('crowd.autoAdvance')}
      </label>
      <div className="actions">
        <button type="button" disabled={propose.busy}
          onClick={async () => {
            const r = await propose.run(() => api.call('rotation.propose', { tableId: table.id, maxGroupSize: Number(maxSize) }));
            if (r) setGroups(r.groups);
          }}>
          {t('crowd.propose')}
        </button>
      </div>
      <FormError message={propose.error?.message} />
      {groups && (
        <>
          <ol className="proposal" aria-label={t('crowd.proposal')}>
            {groups.map((g, gi) => (
              <li key={gi} aria-label={t('rotation.groupN', { n: gi + 1 })}>
                <h5>{t('rotation.groupN', { n: gi + 1 })}</h5>
                <ul>
                  {g.map((entryId) => {
                    const e = byId.get(entryId);
                    if (!e) return null;
                    const who = personLabel(t, e);
                    return (
                      <li key={entryId}>
                        <Parts parts={[<bdi key="who">{who}</bdi>, e.topics.length > 0 && <span key="topics" className="hint">{joinParts(e.topics)}</span>]} />
                        <label className="visually-hidden" htmlFor={`${id}-${entryId}`}>{t('crowd.groupFor', { who })}</label>
                        <select id={`${id}-${entryId}`} value={gi} onChange={(ev) => move(entryId, Number(ev.target.value))}>
                          {groups.map((_, k) => (
                            <option key={k} value={k}>{t('rotation.groupN', { n: k + 1 })}</option>
                          ))}
                          <option value={groups.length}>{t('crowd.newGroup')}</option>
                        </select>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button ref={startButton} type="button" className="primary" disabled={start.busy}
              onClick={async () => {
                const started = await start.run(() => api.call('rotation.start', {
                  tableId: table.id,
                  maxGroupSize: Number(maxSize),
                  turnMinutes: Number(minutes),
                  autoAdvance,
                  groups,
                }));
                if (started) revealNow();
              }}>
              {t('crowd.startRotation', { count: groups.length })}
            </button>
          </div>
          <FormError message={start.error?.message} />
        </>
      )}
    </div>
  );
}
