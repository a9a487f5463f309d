import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStore } from './api';
import { initI18n, pickLanguage } from './i18n';
import { unlockAudioOnFirstGesture } from './lib/chime';
import { isBoardPage } from './lib/route';
import { listenForShortcutKeys } from './lib/shortcuts';
import './styles.css';

async function boot(): Promise<void> {
  await initI18n(pickLanguage(window.location.search, navigator.language));
  unlockAudioOnFirstGesture();
  listenForShortcutKeys();
  const root = document.getElementById('root');
  if (!root) throw new Error('No #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The queue board needs no connection to the event: the hub pushes its public board data.
  if (!isBoardPage()) await connectStore();
}

void boot();
