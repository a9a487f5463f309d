import { FeedbackSection } from '../components/FeedbackSection';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportData } from '../../../shared/contract';
import { api } from '../api';
import { FormError } from '../components/Field';
import { formatClockTime, formatNumber } from '../lib/format';
import { sessionWhen } from '../lib/session';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { ScopeCard } from './ExportView';
// The report's own fonts for every script it may print (scripts/print-fonts.mjs); loaded with this view only.
import '../print-fonts.css';
import { joinParts } from '../lib/parts';

/*
 * The printable report: headline figures and six charts, drawn as SVG by
 * Recharts (which sets styles through the DOM, so the page's CSP holds).
 * Charts have a fixed size that fits an A4 page, and no animation, so what
 * prints (or what page.pdf() captures) is the finished chart.
 */

const WIDTH = 640;
const HEIGHT = 260;
const COLORS = {
  primary: '#0b5cad',
  secondary: '#e08a00',
  served: '#116329',
  servedGroup: '#4ac26b',
  plenaryOnly: '#8250df',
  noShow: '#a40e26',
  left: '#8a4b00',
  notReached: '#6e7781',
  other: '#b6c2cf',
};

export function ReportView() {
  const { t } = useTranslation();
  const show = useStore((s) => s.show);
  // A rehearsal's report says so, on screen and on paper (issue 15).
  const rehearsal = useStore((s) => s.snapshot?.event?.rehearsal === true);
  const [report, setReport] = useState<ReportData | null>(null);
  const load = useAction();
  const run = load.run;
  const [pdf, setPdf] = useState<string | null>(null);

  useEffect(() => {
    void run(() => api.call('report.get', {})).then((r) => r && setReport(r));
  }, [run]);

  if (!report) {
    return (
      <section className="report" aria-busy="true">
        <p>{t('report.loading')}</p>
        <FormError message={load.error?.message} />
      </section>
    );
  }
  const n = formatNumber;
  const mins = (v: number | null) => (v === null ? t('report.none') : t('report.minutes', { value: n(v) }));
  const h = report.headline;
  const event = report.event;

  return (
    <article className="report print-fonts" aria-labelledby="report-title">
      <header className="report-header">
        <h2 id="report-title">{t('report.title', { name: event?.name ?? '' })}</h2>
        {rehearsal && <p className="rehearsal-mark">{t('rehearsal.banner')}</p>}
        {event && (
          <p className="hint">
            {joinParts([sessionWhen(t, event), event.place, t('report.generated', { time: formatClockTime(report.generatedAt) })])}
          </p>
        )}
        <div className="actions no-print">
          {api.kind === 'electron' && (
            <button type="button" onClick={async () => {
              const r = await api.call('report.savePdf', {});
              setPdf(r.ok ? (r.value.path ? t('report.pdfSaved', { path: r.value.path }) : null) : r.error.message);
            }}>
              {t('report.savePdf')}
            </button>
          )}
          {pdf && <span role="status">{pdf}</span>}
          <button type="button" className="primary" onClick={() => void document.fonts.ready.then(() => window.print())}>
            {t('report.print')}
          </button>
          <button type="button" onClick={() => show({ kind: 'export' })}>
            {t('report.back')}
          </button>
        </div>
      </header>

      <ScopeCard scope={report.scope} />

      <section aria-labelledby="headline-title" className="card">
        <h3 id="headline-title">{t('report.headline')}</h3>
        <dl className="figures">
          <Figure label={t('report.people')} value={n(h.people)} detail={t('report.partyMembers', { count: h.partyMembers })} />
          <Figure label={t('report.served')} value={n(h.served + h.servedGroup)} detail={t('report.servedDetail', { alone: h.served, group: h.servedGroup })} />
          <Figure label={t('report.interactions')} value={n(h.interactions)} />
          <Figure label={t('report.minutesCoached')} value={n(h.minutesCoached)} />
          <Figure label={t('report.medianWait')} value={mins(h.medianWaitMinutes)} />
          <Figure label={t('report.p90Wait')} value={mins(h.p90WaitMinutes)} />
          <Figure
            label={t('report.notServed')}
            value={n(h.plenaryOnly + h.noShows + h.left + h.notReached)}
            detail={t('report.notServedDetail', { plenaryOnly: h.plenaryOnly, noShows: h.noShows, left: h.left, notReached: h.notReached })}
          />
          <Figure
            label={t('report.followUps')}
            value={n(h.followUps)}
            detail={t('report.followUpsDetail', { consent: h.followUpsWithConsent })}
          />
        </dl>
      </section>

      <Chart
        id="chart-arrivals"
        title={t('report.arrivalsTitle')}
        caption={t('report.arrivalsCaption', { minutes: report.timeline.bucketMinutes })}
        empty={report.timeline.points.length === 0}
        // Arrivals stamped outside the event's dates (a laptop's clock was wrong): counted, not drawn (shared/export/report.ts reportSpan).
        notes={[
          ...(report.timeline.outside.before > 0 ? [t('report.outsideBefore', { people: t('counts.people', { count: report.timeline.outside.before }) })] : []),
          ...(report.timeline.outside.after > 0 ? [t('report.outsideAfter', { people: t('counts.people', { count: report.timeline.outside.after }) })] : []),
        ]}
      >
        <ComposedChart width={WIDTH} height={HEIGHT} data={report.timeline.points.map((p) => ({ ...p, label: formatClockTime(p.at) }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={16} />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} />
          <Tooltip />
          <Legend />
          <Bar dataKey="arrivals" name={t('report.arrivals')} fill={COLORS.primary} isAnimationActive={false} />
          <Line dataKey="waiting" name={t('report.waiting')} stroke={COLORS.secondary} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </Chart>

      <Chart
        id="chart-waits"
        title={t('report.waitsTitle')}
        caption={t('report.waitsCaption', {
          people: t('counts.people', { count: report.waits.reduce((a, w) => a + w.people, 0) }),
          entries: t('report.queueEntries', { count: report.waits.reduce((a, w) => a + w.entries, 0) }),
        })}
        empty={report.waits.every((w) => w.people === 0)}
      >
        <BarChart
          width={WIDTH}
          height={HEIGHT}
          data={report.waits.map((w) => ({
            ...w,
            label: w.toMinutes === null ? t('report.binOpen', { from: w.fromMinutes }) : t('report.bin', { from: w.fromMinutes, to: w.toMinutes }),
          }))}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} />
          <Tooltip />
          <Bar dataKey="people" name={t('report.peopleAxis')} fill={COLORS.primary} isAnimationActive={false} />
        </BarChart>
      </Chart>

      <Chart id="chart-topics" title={t('report.topicsTitle')} caption={t('report.topicsCaption')} empty={report.topics.length === 0}>
        <BarChart width={WIDTH} height={Math.max(HEIGHT, 40 + report.topics.length * 34)} data={report.topics} layout="vertical" margin={{ left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={formatNumber} />
          <YAxis type="category" dataKey="topic" width={220} />
          <Tooltip />
          <Legend />
          <Bar dataKey="wanted" name={t('report.wanted')} fill={COLORS.primary} isAnimationActive={false} />
          <Bar dataKey="discussed" name={t('report.discussed')} fill={COLORS.secondary} isAnimationActive={false} />
        </BarChart>
      </Chart>

      <Chart id="chart-tables" title={t('report.tablesTitle')} caption={t('report.tablesCaption')} empty={report.tables.length === 0}>
        <BarChart width={WIDTH} height={HEIGHT} data={report.tables}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} angle={report.tables.length > 8 ? -35 : 0} textAnchor={report.tables.length > 8 ? 'end' : 'middle'} height={report.tables.length > 8 ? 60 : 30} />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} />
          <Tooltip />
          <Legend />
          <Bar dataKey="served" stackId="o" name={t('report.outcomeServed')} fill={COLORS.served} isAnimationActive={false} />
          <Bar dataKey="servedGroup" stackId="o" name={t('report.outcomeServedGroup')} fill={COLORS.servedGroup} isAnimationActive={false} />
          <Bar dataKey="plenaryOnly" stackId="o" name={t('report.outcomePlenaryOnly')} fill={COLORS.plenaryOnly} isAnimationActive={false} />
          <Bar dataKey="noShows" stackId="o" name={t('report.outcomeNoShow')} fill={COLORS.noShow} isAnimationActive={false} />
          <Bar dataKey="left" stackId="o" name={t('report.outcomeLeft')} fill={COLORS.left} isAnimationActive={false} />
          <Bar dataKey="notReached" stackId="o" name={t('report.outcomeNotReached')} fill={COLORS.notReached} isAnimationActive={false} />
          <Bar dataKey="other" stackId="o" name={t('report.outcomeOther')} fill={COLORS.other} isAnimationActive={false} />
        </BarChart>
      </Chart>

      <Chart id="chart-modes" title={t('report.modesTitle')} caption={t('report.modesCaption')} empty={report.modes.every((m) => m.interactions === 0)}>
        <BarChart width={WIDTH} height={HEIGHT} data={report.modes.map((m) => ({ ...m, label: t(`report.mode_${m.mode}`) }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} />
          <Tooltip />
          <Bar dataKey="minutes" name={t('report.modeMinutes')} fill={COLORS.primary} isAnimationActive={false} />
        </BarChart>
      </Chart>

      <Chart id="chart-followups" title={t('report.followUpsTitle')} caption={t('report.followUpsCaption')} empty={h.followUps === 0}>
        <BarChart width={WIDTH} height={HEIGHT} data={report.followUps}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="table" interval={0} angle={report.followUps.length > 8 ? -35 : 0} textAnchor={report.followUps.length > 8 ? 'end' : 'middle'} height={report.followUps.length > 8 ? 60 : 30} />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} />
          <Tooltip />
          <Legend />
          <Bar dataKey="withConsent" stackId="f" name={t('report.withConsent')} fill={COLORS.served} isAnimationActive={false} />
          <Bar dataKey="withoutConsent" stackId="f" name={t('report.withoutConsent')} fill={COLORS.other} isAnimationActive={false} />
        </BarChart>
      </Chart>

      <FeedbackSection summary={report.feedback} />
    </article>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="figure-card">
      <dt>{label}</dt>
      <dd>
        <span className="value">{value}</span>
        {detail && <span className="hint">{detail}</span>}
      </dd>
    </div>
  );
}

function Chart({ id, title, caption, empty, notes = [], children }: { id: string; title: string; caption: string; empty: boolean; notes?: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="card chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <figcaption className="hint">{caption}</figcaption>
      {empty ? <p>{t('report.empty')}</p> : <div className="chart-body" dir="ltr">{children}</div>}
      {notes.map((note) => (
        <p key={note} role="note" className="hint">
          {note}
        </p>
      ))}
    </figure>
  );
}
