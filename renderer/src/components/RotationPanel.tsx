import { useTranslation } from 'react-i18next';
import type { RotationView, TableView } from '../../../shared/contract';
import { expectedStarts } from '../../../shared/domain/rotation';
import { rotationPlanOf, rotationRunThrough, runningTurns } from '../../../shared/domain/table';
import { afterDrafts } from '../lib/followUpDrafts';
import { api } from '../api';
import { formatClockTime } from '../lib/format';
import { personLabel } from '../lib/people';
import { shortcutLabel } from '../lib/shortcuts';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

/** The whole rotation: which group is on, who is in each, when each is expected. */
export function RotationPanel({ table, rotation, now }: { table: TableView; rotation: RotationView; now: number }) {
  const { t } = useTranslation();
  const action = useAction();
  // Where the rotation stands, as the wait estimate reads it (rotationPlanOf): only the work that remains.
  const plan = rotationPlanOf({ rotation, currentTurn: table.currentTurn, alsoRunning: table.alsoRunning }, now);
  const planned = plan ? expectedStarts(plan, now) : [];
  const startOf = (groupId: string) => planned[plan?.groups.findIndex((g) => g.id === groupId) ?? -1];
  const finished = rotationRunThrough(rotation);
  const waitingIds = new Set(table.queue.map((e) => e.id));
  const between = !table.currentTurn;
  // The next group ends the running turns: their follow-up drafts are recorded first (lib/followUpDrafts.ts).
  const next = () =>
    void action.run(afterDrafts(runningTurns(table).map((r) => r.id), () => api.call('rotation.next', { rotationId: rotation.id })));

  return (
    <section className="card rotation" aria-labelledby={`rotation-${rotation.id}`}>
      <h3 id={`rotation-${rotation.id}`}>{t('rotation.title', { count: rotation.groups.length, minutes: rotation.turnMinutes })}</h3>
      {finished && (
        <p className="banner" role="status">
          {t('rotation.runThrough')}
        </p>
      )}
      <label>
        <input type="checkbox" checked={rotation.autoAdvance}
          onChange={(e) => void action.run(() => api.call('rotation.setAutoAdvance', { rotationId: rotation.id, autoAdvance: e.target.checked }))} />
        {t('crowd.autoAdvance')}
      </label>
      <ol className="rotation-groups">
        {rotation.groups.map((g, i) => {
          const state = g.endedAt !== null ? 'done' : g.startedAt !== null ? 'now' : 'later';
          const start = startOf(g.id);
          return (
            <li key={g.id} className={`group ${state}`} aria-label={t('rotation.groupN', { n: i + 1 })}>
              <h4>
                {t('rotation.groupN', { n: i + 1 })}{' '}
                <span className="group-state">
                  {state === 'done'
                    ? t('rotation.done', { start: formatClockTime(g.startedAt ?? 0), end: formatClockTime(g.endedAt ?? 0) })
                    : state === 'now'
                      ? t('rotation.now')
                      : start !== undefined && Number.isFinite(start)
                        ? t('rotation.expected', { time: formatClockTime(start) })
                        : ''}
                </span>
              </h4>
              <ul className="members">
                {g.members.map((m) => (
                  <li key={m.id} className={state === 'later' && !waitingIds.has(m.id) ? 'gone' : undefined}>
                    {personLabel(t, m)}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        {between && !finished && (
          <button type="button" className="primary" onClick={next} disabled={action.busy}>
            {t('rotation.next')} <kbd>{shortcutLabel('startNext')}</kbd>
          </button>
        )}
        <button type="button" className={finished ? 'primary' : undefined}
          onClick={() => void action.run(() => api.call('rotation.end', { rotationId: rotation.id }))} disabled={action.busy}>
          {t('rotation.end')}
        </button>
      </div>
      <FormError message={action.error?.message} />
    </section>
  );
}
