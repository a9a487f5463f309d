import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventView, Snapshot, TableView } from '../../../shared/contract';
import { formatEventDate, languageName } from '../lib/format';
import { useStore } from '../store';
import { api } from '../api';
import { FormError } from '../components/Field';
import { useAction } from '../lib/useAction';
import './signs.css';
import { joinParts } from '../lib/parts';
import { Parts } from '../components/Parts';

export type Paper = 'a4' | 'letter';

/** A table's languages (BCP 47 tags, the first its main one). */
export function tableLanguages(table: TableView): string[] {
  return table.languages;
}

/** A language in its own name and, when that differs, in the UI language's: "Français (French)". */
export function languageBothWays(tag: string): string {
  let own = tag;
  try {
    own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    // Standing alone on a sign, a name starts with a capital ("Français", not "français").
    own = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
  } catch {
    // an unknown or private-use tag ("x-klingon": no locale Intl takes) is shown as written
  }
  const ui = languageName(tag);
  return own.toLowerCase() === ui.toLowerCase() ? own : `${own} (${ui})`;
}

/** Where the queue board is served for this event: the hub's first address, or the hub a member syncs with. */
export function boardUrl(sync: Snapshot['sync']): string | null {
  const base = sync.role === 'hub' ? sync.listening[0] : sync.role === 'member' ? sync.hubUrl : null;
  return base ? `${base.replace(/\/$/, '')}/board` : null;
}

/** Topic lines shrink as a table offers more of them, so all fit on its page. */
function topicsSize(count: number, coachLines: number): string {
  const load = count + Math.max(0, coachLines - 1) * 2;
  return load <= 3 ? 'few' : load <= 7 ? 'some' : 'many';
}

/** One sign: one printed page, readable from three metres. */
function Sign({ table, event, paper, qr, board }: { table: TableView; event: EventView; paper: Paper; qr: string | null; board: string | null }) {
  const { t } = useTranslation();
  return (
    <section className={`sign ${paper}`} aria-label={t('signs.signLabel', { name: table.name })}>
      <h3 className="sign-table">{table.name}</h3>
      <p className="sign-coaches">{joinParts(table.coaches)}</p>
      {table.topics.length > 0 && (
        <ul className={`sign-topics ${topicsSize(table.topics.length, Math.ceil(joinParts(table.coaches).length / 34))}`} aria-label={t('signs.topics')}>
          {table.topics.map((topic) => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      )}
      <p className="sign-languages">{joinParts(tableLanguages(table).map(languageBothWays))}</p>
      <footer className="sign-footer">
        <p className="sign-times">
          <Parts parts={[
            t('signs.times', { date: formatEventDate(event.date), start: event.startTime, end: event.endTime }),
            event.place && <span key="place" className="sign-place">{event.place}</span>,
          ]} />
        </p>
        {qr && board && (
          <figure className="sign-qr">
            <img src={qr} alt={t('signs.qrAlt')} />
            <figcaption>{t('signs.qrCaption', { address: board.replace(/^https?:\/\//, '') })}</figcaption>
          </figure>
        )}
      </footer>
    </section>
  );
}

/**
 * "Print table signs": one page per table, A4 or Letter (landscape), with the
 * table, its coaches, topics, languages (in their own names and the UI
 * language's), the session's times, and a QR code to the queue board where a
 * hub serves one. Printed by the browser's (or Electron's native) print
 * dialog: every table in one document, so "Save as PDF" gives one PDF.
 */
export function SignsView({ snapshot }: { snapshot: Snapshot & { event: EventView } }) {
  const { t } = useTranslation();
  const show = useStore((s) => s.show);
  const [paper, setPaper] = useState<Paper>(() => (/^en-(US|CA)|-(US|CA|MX|PH)$/.test(navigator.language) ? 'letter' : 'a4'));
  const board = boardUrl(snapshot.sync);
  const [made, setMade] = useState<{ board: string; src: string } | null>(null);
  useEffect(() => {
    let live = true;
    if (board) {
      void QRCode.toString(board, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
        if (live) setMade({ board, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      });
    }
    return () => {
      live = false;
    };
  }, [board]);
  const qr = made && made.board === board ? made.src : null;
  const tables = snapshot.tables;
  const ready = tables.length > 0 && !(board && !qr);
  const printing = useAction();
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className="signs" aria-labelledby="signs-title">
      <div className="no-print">
        <h2 id="signs-title">{t('signs.title')}</h2>
        <p className="hint">{t('signs.lead', { count: tables.length })}</p>
        {!board && <p className="hint">{t('signs.noBoard')}</p>}
        <div className="actions">
          <label>
            {t('signs.paper')}{' '}
            <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
              <option value="a4">{t('signs.a4')}</option>
              <option value="letter">{t('signs.letter')}</option>
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={!ready || printing.busy}
            onClick={() =>
              // Electron: the system's print dialog through the shell (electron/shell/print.ts); a browser: its own.
              api.kind === 'electron'
                ? void printing.run(() => api.call('signs.print', { paper })).then((r) => setDone(r && !r.printed ? t('signs.notPrinted') : null))
                : window.print()
            }
          >
            {t('signs.print')}
          </button>
          {api.kind === 'electron' && (
            <button
              type="button"
              disabled={!ready || printing.busy}
              onClick={() =>
                void printing.run(() => api.call('signs.savePdf', { paper })).then((r) => setDone(r?.path ? t('signs.pdfSaved', { path: r.path }) : null))
              }
            >
              {t('signs.savePdf')}
            </button>
          )}
          <button type="button" onClick={() => show({ kind: 'event' })}>
            {t('signs.back')}
          </button>
        </div>
        {done && <p role="status">{done}</p>}
        <FormError message={printing.error?.message} />
      </div>
      <div className={`sign-pages ${paper}`} data-paper={paper}>
        {tables.map((table) => (
          <Sign key={table.id} table={table} event={snapshot.event} paper={paper} qr={qr} board={board} />
        ))}
      </div>
    </section>
  );
}
