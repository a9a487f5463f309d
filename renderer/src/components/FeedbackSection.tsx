import { useTranslation } from 'react-i18next';
import type { FeedbackSummary } from '../../../shared/domain/feedback';
import { joinParts } from '../lib/parts';

/** The report's "What participants said": the feedback cards, summarised (shared/domain/feedback.ts); no names. */
export function FeedbackSection({ summary }: { summary: FeedbackSummary }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => new Intl.NumberFormat(i18n.language).format(x);
  const max = Math.max(1, ...summary.byUseful);
  return (
    <section aria-labelledby="feedback-title" className="card feedback-report">
      <h3 id="feedback-title">{t('report.feedback.title')}</h3>
      {summary.answers === 0 ? (
        <p className="hint">{t('report.feedback.none')}</p>
      ) : (
        <>
          <dl className="figures">
            <div className="figure-card">
              <dt>{t('report.feedback.answers')}</dt>
              <dd>
                <span className="value">{n(summary.answers)}</span>
                <span className="hint">{t('report.feedback.paths', { laptop: summary.viaLaptop, phone: summary.viaPhone })}</span>
              </dd>
            </div>
            <div className="figure-card">
              <dt>{t('report.feedback.meanUseful')}</dt>
              <dd>
                <span className="value">{summary.meanUseful === null ? '–' : new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1 }).format(summary.meanUseful)}</span>
                <span className="hint">{t('report.feedback.outOf5')}</span>
              </dd>
            </div>
            <div className="figure-card">
              <dt>{t('report.feedback.mentoring')}</dt>
              <dd>
                <span className="value">{n(summary.wantsMentoring)}</span>
              </dd>
            </div>
          </dl>
          <table className="feedback-spread">
            <caption>{t('report.feedback.spread')}</caption>
            <tbody>
              {summary.byUseful.map((count, i) => (
                <tr key={i}>
                  <th scope="row">
                    {joinParts([n(i + 1), t(`feedback.scale.${i + 1}`)])}
                  </th>
                  <td>
                    <span className="spread-bar" style={{ inlineSize: `${(count / max) * 12}rem` }} aria-hidden="true" /> {n(count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.commentCount > 0 && (
            <>
              <h4>{t('report.feedback.comments', { count: summary.commentCount })}</h4>
              {summary.comments.length > 0 ? (
                <ul className="feedback-comments" aria-label={t('report.feedback.comments', { count: summary.commentCount })}>
                  {summary.comments.map((c, i) => (
                    <li key={i}>“{c}”</li>
                  ))}
                </ul>
              ) : (
                <p className="hint">{t('report.feedback.commentsLeftOut')}</p>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
