import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { GoneEntryView } from '../../../shared/contract';
import { formatClockTime } from '../lib/format';
import { personLabel } from '../lib/people';
import { Parts } from './Parts';

/**
 * People who left the queue without being served, or were sent to another
 * table (and where to): for the record, and to put them back where the core
 * says "Put back" works (`canPutBack`).
 */
export function GoneList(props: {
  gone: readonly GoneEntryView[];
  total: number;
  onRestore(entry: GoneEntryView): void;
}) {
  const { t } = useTranslation();
  if (props.gone.length === 0) return null;
  return (
    <section className="card gone" aria-labelledby="gone-title">
      <h3 id="gone-title">{t('gone.title')}</h3>
      <ul>
        {props.gone.map((g) => {
          const who = personLabel(t, g);
          return (
            <li key={g.id}>
              <span>
                <Parts parts={[
                  <bdi key="who">{who}</bdi>,
                  goneWords(t, g),
                  formatClockTime(g.at),
                ]} />
              </span>
              {g.canPutBack && (
                <button type="button" className="small" aria-label={t('gone.restoreLabel', { who })} onClick={() => props.onRestore(g)}>
                  {t('gone.restore')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {props.total > props.gone.length && <p className="hint">{t('gone.more', { shown: props.gone.length, total: props.total })}</p>}
    </section>
  );
}

/**
 * What became of someone off the queue, in the words the report uses: their
 * outcome by the one definition (GoneEntryView.outcome, outcome.ts), so a
 * "no-show" or "left" recorded after a plenary reads "plenary only" here as in
 * the report and the exports, and someone who left during their turn was coached.
 */
function goneWords(t: TFunction, g: GoneEntryView): string {
  if (g.status === 'transferred') return t('gone.transferred', { table: g.sentTo ?? '' });
  if (g.outcome === 'plenary_only' || g.outcome === 'served' || g.outcome === 'served_group') return t(`gone.${g.outcome}`);
  return t(`gone.${g.status}`);
}
