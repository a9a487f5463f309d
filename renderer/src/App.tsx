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
  const snapshot = useStore((s) => s.snapshot);
  if (isBoardPage()) return <BoardView />;
  if (isFeedbackPage()) return <FeedbackPhoneView />;
  if (!snapshot) {
    return (
      <main className="loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <>
      <StorageBanner />
      {snapshot.event ? <Floor snapshot={{ ...snapshot, event: snapshot.event }} /> : <Welcome />}
    </>
  );
}
