import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from './store';
import { isBoardPage, isFeedbackPage } from './lib/route';
import { BoardView } from './views/BoardView';
import { Floor } from './views/Floor';
import { Welcome } from './views/Welcome';
import { StorageBanner } from './components/StorageBanner';

/** A participant's phone only ever shows the feedback card: it loads apart from the coach's screens. */
const FeedbackPhoneView = lazy(() => import('./views/FeedbackPhoneView').then((m) => ({ default: m.FeedbackPhoneView })));

export function App() {
  const { t } = useTranslation();
  // Only whether there is a snapshot and an event: each screen selects what it shows.
  const loaded = useStore((s) => s.snapshot !== null);
  const hasEvent = useStore((s) => (s.snapshot?.event ?? null) !== null);
  if (isBoardPage()) return <BoardView />;
  if (isFeedbackPage()) {
    return (
      <Suspense fallback={<main className="loading" aria-busy="true" />}>
        <FeedbackPhoneView />
      </Suspense>
    );
  }
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
