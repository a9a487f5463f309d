/**
 * Electron main process (entry file). Thin: it opens the core on the data
 * folder, serves the handler table over IPC, and hardens the window. All the
 * logic it uses is plain Node, shared with the web host.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';

import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CALL, IPC_PUSH } from '../shared/bridge.js';
import type { Envelope } from '../shared/contract.js';
import { Core } from './core/core.js';
import { DATABASE_FILE, openDatabase } from './core/db.js';
import { settingsFrom } from './core/settings.js';
import { electronNativeBinding } from './native.js';
import { isSafeExternalUrl, isTrustedSender, SECURE_WEB_PREFERENCES } from './security.js';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

const store = new Store<{ windowBounds?: Bounds; deviceName?: string; lastDataDir?: string }>({
  name: 'settings',
});

/** `--data-dir=DIR` (tests, a second event), else the last folder used, else userData. */
function dataDirFromArgs(): string {
  const flag = process.argv.find((a) => a.startsWith('--data-dir='));
  if (flag) return flag.slice('--data-dir='.length);
  return store.get('lastDataDir') ?? app.getPath('userData');
}

const pageFile = join(__dirname, '..', 'renderer', 'index.html');
const pageUrl = pathToFileURL(pageFile).href;
let core: Core | null = null;
let win: BrowserWindow | null = null;

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const bounds = store.get('windowBounds') ?? { width: 1280, height: 860 };
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    title: 'Tableside',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  const saveBounds = () => store.set('windowBounds', window.getNormalBounds());
  window.on('resize', saveBounds);
  window.on('move', saveBounds);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(pageFile);
  return window;
}

function openCore(dataDir: string): Core {
  const db = openDatabase(join(dataDir, DATABASE_FILE), { nativeBinding: electronNativeBinding(app) });
  store.set('lastDataDir', dataDir);
  return new Core({ db, settings: settingsFrom(store, hostname()) });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenSessions();
    const dataDir = dataDirFromArgs();
    try {
      core = openCore(dataDir);
    } catch (error) {
      // A database from a newer Tableside, a missing native module, a folder
      // that cannot be written: say so instead of sitting without a window.
      dialog.showErrorBox(
        'Tableside cannot open its data',
        `${(error as Error).message}\n\nData folder: ${dataDir}`,
      );
      app.exit(1);
      return;
    }
    const c = core;
    ipcMain.handle(IPC_CALL, (event: IpcMainInvokeEvent, method: unknown, args: unknown): Envelope<unknown> => {
      if (!isTrustedSender(event.senderFrame?.url, pageUrl)) {
        return { ok: false, error: { code: 'bad_request', message: 'Refused: unknown sender.' } };
      }
      return c.dispatch(method, args);
    });
    c.subscribe((push) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC_PUSH, push);
    });
    c.timers.refresh();
    win = createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  // app.quit() (Cmd+Q, the menu, Playwright's close()) skips 'window-all-closed',
  // so the database is closed here, on every way out.
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
}

