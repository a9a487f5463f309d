import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Board, BoardTable } from '../../../shared/contract';
import { i18n, loadLanguage, matchLanguage } from '../i18n';
import { boardLayout } from '../lib/boardLayout';
import { shownTicket } from '../lib/people';
import { formatList, languageName } from '../lib/format';
import { joinParts } from '../lib/parts';

/** How long each page shows when the tables fill more than one. */
const PAGE_MS = 12_000;

/** The name of a language in that language ("français"), for the event's languages. */
function endonym(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The size of the element `ref` points at (the area the cards may fill), kept up to date. */
function useAreaSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight * 0.85 }));
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * How much of a card's text fits it, 0–1 (1: all of it): its height against
 * the height its parts need (the topics line may be cut, so it counts as one
 * line at most), and each wait line's width against its text's.
 */
function cardRoom(card: Element): number {
  const style = getComputedStyle(card);
  const inner = card.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const parts = Array.from(card.children) as HTMLElement[];
  const gap = parseFloat(style.rowGap) || 0;
  const need = parts.reduce((sum, part) => sum + part.scrollHeight, 0) + gap * Math.max(0, parts.length - 1);
  let room = need > inner ? inner / need : 1;
  for (const line of Array.from(card.querySelectorAll<HTMLElement>('.wait'))) {
    if (line.scrollWidth > line.clientWidth + 1) room = Math.min(room, line.clientWidth / line.scrollWidth);
  }
  return room;
}

/**
 * Shrink the cards' text together (the CSS variable --fit on the list) until
 * every card on the page holds all of its text, down to each size's floor
 * (the wait figure's 40 px): text cut on a projector's 1024×768 ("Attente
 * 25–60 min" got 47 of its 83 px) shows whole instead.
 */
function fitCards(list: HTMLElement): void {
  let fit = 1;
  list.style.setProperty('--fit', '1');
  for (let i = 0; i < 6; i++) {
    const room = Math.min(1, ...Array.from(list.children).map(cardRoom));
    if (room >= 0.995 || fit <= 0.4) break;
    fit = Math.max(0.4, fit * room * 0.98);
    list.style.setProperty('--fit', fit.toFixed(3));
  }
}

/**
 * The queue board for a big screen or any phone on the floor: every table's
 * number, who coaches it in which language, the ticket being served now, the
 * wait for someone joining now, and where to go instead when this table
 * will not reach them before the session ends. It shows no participant's
 * name and needs no event code. The hub pushes it on every change (an event
 * stream); nothing polls.
 */
export function BoardView() {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);
  const [offline, setOffline] = useState(false);
  const [page, setPage] = useState(0);
  const area = useRef<HTMLUListElement>(null);
  const { width, height } = useAreaSize(area);
  useEffect(() => {
    const source = new EventSource('/api/board/events');
    source.onmessage = (e: MessageEvent<string>) => {
      const next = JSON.parse(e.data) as Board;
      // Each table's own language is loaded before the board shows it (languages load on first use).
      const own = next.tables.flatMap((tb) => tb.languages.flatMap((l) => matchLanguage(l) ?? []));
      void Promise.all(own.map(loadLanguage)).finally(() => {
        setBoard(next);
        setOffline(false);
      });
    };
    source.onerror = () => setOffline(true);
    document.documentElement.dataset.tablesideReady = 'true';
    return () => source.close();
  }, []);
  const tables = board?.tables ?? [];
  const layout = boardLayout(tables.length, width, height);
  const current = Math.min(page, layout.pages - 1);
  useEffect(() => {
    if (layout.pages <= 1) return undefined;
    const id = setTimeout(() => setPage((current + 1) % layout.pages), PAGE_MS);
    return () => clearTimeout(id);
  }, [current, layout.pages]);
  const shown = tables.slice(current * layout.perPage, (current + 1) * layout.perPage);
  useLayoutEffect(() => {
    const list = area.current;
    if (!list) return;
    if (layout.scroll) list.style.setProperty('--fit', '1');
    else fitCards(list);
  }, [board, width, height, current, layout.columns, layout.rows, layout.scroll]);
  return (
    <main className={layout.scroll ? 'board scroll' : 'board'} aria-labelledby="board-title">
      {board?.rehearsal && <p className="rehearsal-bar rehearsal-badge board-rehearsal">{t('rehearsal.banner')}</p>}
      <header className="board-head">
        <h1 id="board-title">{board?.event ?? t('board.title')}</h1>
        {board && board.languages.length > 0 && (
          <p className="board-languages" aria-label={t('board.languages')}>
            {board.languages.map((l) => (
              <span key={l} lang={l}>
                {endonym(l)}
              </span>
            ))}
          </p>
        )}
        {offline && <p role="status">{t('board.offline')}</p>}
        {layout.pages > 1 && (
          <nav className="board-pages" aria-label={t('board.pages')}>
            <button type="button" onClick={() => setPage((current + layout.pages - 1) % layout.pages)}>
              {t('board.previousPage')}
            </button>
            <span role="status">{t('board.page', { page: current + 1, pages: layout.pages })}</span>
            <button type="button" onClick={() => setPage((current + 1) % layout.pages)}>
              {t('board.nextPage')}
            </button>
          </nav>
        )}
      </header>
      <ul
        ref={area}
        className="board-tables"
        aria-label={t('board.tables')}
        style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gridTemplateRows: layout.scroll ? 'none' : `repeat(${layout.rows}, 1fr)` }}
      >
        {shown.map((tb) => (
          <BoardCard key={`${tb.number} ${tb.name}`} table={tb} t={t} />
        ))}
      </ul>
    </main>
  );
}

/** The wait line in one language: the figure big, the words beside it. */
function WaitLine({ table, t }: { table: BoardTable; t: TFunction }) {
  if (table.state === 'closed') return <p className="wait">{t('board.closed')}</p>;
  if (table.notReached) {
    return (
      <p className="wait not-reached">
        {table.tryTable !== null ? t('board.tryTable', { number: table.tryTable }) : t('board.notReached')}
      </p>
    );
  }
  if (!table.expectedWait || (table.state === 'open' && table.waiting === 0)) return <p className="wait">{t('board.noWait')}</p>;
  return (
    <p className="wait">
      <span className="wait-label">{t('board.waitLabel')}</span>{' '}
      <span className="wait-figure">{t('board.minutes', { low: table.expectedWait.low, high: table.expectedWait.high })}</span>
      {table.expectedWait.untilEnd && <span className="wait-label"> ({t('board.untilEnd')})</span>}
    </p>
  );
}

function BoardCard({ table, t }: { table: BoardTable; t: TFunction }) {
  // The table's main language too (its first), when it is not the board's and the board has words for it.
  const ownTag = table.languages[0] ?? 'en';
  const own = ownTag.split('-')[0] ?? ownTag;
  const second = own !== i18n.language.split('-')[0] && i18n.hasResourceBundle(own, 'translation') ? i18n.getFixedT(own) : null;
  return (
    <li className={`board-table ${table.state}`} aria-label={table.name}>
      <div className="board-table-head">
        <span className="board-number" aria-hidden="true">
          {table.number}
        </span>
        <div>
          <h2>{table.name}</h2>
          <p className="coaches">{formatList(table.coaches)}</p>
          <p className="board-language">{formatList(table.languages.map(languageName))}</p>
        </div>
      </div>
      {/* The wait lines give way (clipped) before the line of tickets and heads below them does. */}
      <div className="board-waits">
        <WaitLine table={table} t={t} />
        {second && (
          <div className="board-wait-second" lang={ownTag}>
            <WaitLine table={table} t={second} />
          </div>
        )}
      </div>
      {table.state !== 'closed' && (
        <p className="board-now">
          {joinParts([
            table.servingTickets.length > 0 && t('board.serving', { tickets: formatList(table.servingTickets.map(shownTicket)) }),
            t('board.waiting', { count: table.waiting }),
          ])}
        </p>
      )}
      {table.topics.length > 0 && <p className="topics">{joinParts(table.topics)}</p>}
    </li>
  );
}
