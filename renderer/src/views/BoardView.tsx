import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../shared/contract';
import { languageName } from '../lib/format';

/**
 * The queue board for a big screen or any phone on the floor: which table
 * offers what, in which language, and how long the wait is. It shows no
 * participant's name; it needs no event code.
 */
export function BoardView() {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const res = await fetch('/api/board', { cache: 'no-store' });
        if (!stop) {
          setBoard((await res.json()) as Board);
          setError(false);
        }
      } catch {
        if (!stop) setError(true);
      }
    };
    void load();
    const id = setInterval(() => void load(), 5000);
    document.documentElement.dataset.tablesideReady = 'true';
    return () => {
      stop = true;
      clearInterval(id);
    };
  }, []);
  return (
    <main className="board" aria-labelledby="board-title">
      <h1 id="board-title">{board?.event ?? t('board.title')}</h1>
      {error && <p role="status">{t('board.offline')}</p>}
      <ul className="board-tables" aria-label={t('board.tables')}>
        {board?.tables.map((tb) => (
          <li key={tb.name} className={`board-table ${tb.state}`} aria-label={tb.name}>
            <h2>{tb.name}</h2>
            <p className="coaches">{tb.coaches.join(', ')}</p>
            <p>{languageName(tb.language)}</p>
            <p className="topics">{tb.topics.join(' · ')}</p>
            <p className="wait">
              {tb.state === 'closed'
                ? t('board.closed')
                : tb.expectedWait
                  ? t('board.wait', { low: tb.expectedWait.low, high: tb.expectedWait.high })
                  : t('board.noWait')}
            </p>
            <p className="hint">{t('board.waiting', { count: tb.waiting })}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
