import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStore } from './api';
import { initI18n, pickLanguage } from './i18n';
import { unlockAudioOnFirstGesture } from './lib/chime';
import { chosenLanguage } from './lib/language';
import { isBoardPage, isFeedbackPage } from './lib/route';
import { listenForShortcutKeys } from './lib/shortcuts';
import './styles.css';

async function boot(): Promise<void> {
  const board = isBoardPage();
  // The board and a participant's feedback card follow the viewer's browser; a laptop shows what was chosen on it.
  const viewersOwn = board || isFeedbackPage();
  await initI18n(
    pickLanguage({
      search: window.location.search,
      chosen: viewersOwn ? null : await chosenLanguage(),
      browser: navigator.languages.length > 0 ? navigator.languages : [navigator.language],
      board: viewersOwn,
    }),
  );
  unlockAudioOnFirstGesture();
  listenForShortcutKeys();
  const root = document.getElementById('root');
  if (!root) throw new Error('No #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The queue board and the feedback card need no connection to the event: the hub serves both publicly.
  if (!viewersOwn) await connectStore();
}

void boot();
