import { useTranslation } from 'react-i18next';
import { useStore } from './store';
import { isBoardPage, isFeedbackPage } from './lib/route';
import { BoardView } from './views/BoardView';
import { FeedbackPhoneView } from './views/FeedbackPhoneView';
import { Floor } from './views/Floor';
import { Welcome } from './views/Welcome';
import { StorageBanner } from './components/StorageBanner';

export function App() {
  const { t } = useTranslation();
  // Only whether there is a snapshot and an event: each screen selects what it shows.
  const loaded = useStore((s) => s.snapshot !== null);
  const hasEvent = useStore((s) => (s.snapshot?.event ?? null) !== null);
  if (isBoardPage()) return <BoardView />;
  if (isFeedbackPage()) return <FeedbackPhoneView />;
  if (!loaded) {
    return (
      <main className="loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <>
      <StorageBanner />
      {hasEvent ? <Floor /> : <Welcome />}
    </>
  );
}
