/**
 * Electron main process (entry file). Thin: it opens the core on the data
 * folder, serves the contract over IPC (`Core.dispatchAsync`), answers the
 * shell's methods (native dialogs), and hardens the window. All the
 * logic it uses is plain Node, shared with the web host, or a plain module in
 * electron/shell/ that takes Electron's API as an argument (and is unit-tested
 * without the Electron binary).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  powerMonitor,
  powerSaveBlocker,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import Store from 'electron-store';

import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyFile, writeFile } from 'node:fs/promises';
import { IPC_CALL, IPC_PUSH } from '../shared/bridge.js';
import type { Envelope, Snapshot } from '../shared/contract.js';
import { applyChanges } from '../shared/push.js';
import { RejectedError } from './core/command.js';
import { Core } from './core/core.js';
import { attachExports } from './export/attach.js';
import { attachPlan } from './plan/service.js';
import { attachRehearsal, type RehearsalService } from './rehearsal/service.js';
import { printSigns, saveSignsPdf } from './shell/print.js';
import { startSharing, type Sharing } from './sync/sharing.js';
import { DATABASE_FILE, openDatabase } from './core/db.js';
import { takeDataLock } from './core/lock.js';
import { settingsFrom } from './core/settings.js';
import { electronNativeBinding } from './native.js';
import { isAllowedPermission, isSafeExternalUrl, isTrustedSender, SECURE_WEB_PREFERENCES } from './security.js';
import { BoundsSaver, MIN_SIZE, visibleBounds, type Rect } from './shell/bounds.js';
import { APP_ID } from './shell/identity.js';
import { claimSingleInstance, dataDirArg, revealWindow, secondLaunchNotice } from './shell/instance.js';
import { buildMenuTemplate, shortcutSender } from './shell/menu.js';
import { dialogTitles, menuLabels, notificationText, shellLanguage, type ShellLanguage } from './shell/words.js';
import { AlertNotifier } from './shell/notify.js';
import { KeepAwakeWatcher } from './shell/power.js';

const store = new Store<{
  windowBounds?: Rect;
  windowMaximized?: boolean;
  deviceName?: string;
  lastDataDir?: string;
}>({
  name: 'settings',
});

/** `--data-dir=DIR` (tests, a second event), else the last folder used, else userData. */
function dataDirFromArgs(): string {
  return dataDirArg(process.argv) ?? store.get('lastDataDir') ?? app.getPath('userData');
}

const pageFile = join(__dirname, '..', 'renderer', 'index.html');
const pageUrl = pathToFileURL(pageFile).href;
let core: Core | null = null;
let sharing: Sharing | null = null;
let rehearsal: RehearsalService | null = null;
let win: BrowserWindow | null = null;
let dataDir = '';
let keepAwake: KeepAwakeWatcher | null = null;
let notifier: AlertNotifier | null = null;

function hardenSessions(): void {
  // Only the camera, for our own page, to scan the hub's QR code (security.ts).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isAllowedPermission(permission, details, pageUrl)),
  );
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
  // The primary display first: a window saved off every display is sized to fit it.
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const window = new BrowserWindow({
    ...visibleBounds(store.get('windowBounds'), displays),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Tableside',
    show: false,
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      // The countdown and the chime must keep going while the coach is in
      // another window; Chromium would otherwise slow a hidden page's timers.
      backgroundThrottling: false,
      preload: join(__dirname, 'preload.cjs'),
    },
  });
  const saver = new BoundsSaver({
    read: () => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
    write: ({ bounds, maximized }) => {
      store.set('windowBounds', bounds);
      store.set('windowMaximized', maximized);
    },
  });
  const changed = () => saver.changed();
  window.on('resize', changed);
  window.on('move', changed);
  window.on('maximize', changed);
  window.on('unmaximize', changed);
  window.on('close', () => saver.flush());
  window.on('focus', () => notifier?.closeAll());
  window.once('ready-to-show', () => {
    if (store.get('windowMaximized') === true) window.maximize();
    window.show();
  });
  void window.loadFile(pageFile);
  return window;
}

function openCore(dir: string): Core {
  // One process per data folder: a web host (npm run serve) on the same folder takes the same lock.
  const lock = takeDataLock(dir);
  try {
    const db = openDatabase(join(dir, DATABASE_FILE), { nativeBinding: electronNativeBinding(app) });
    try {
      const opened = new Core({ db, settings: settingsFrom(store, hostname()) });
      store.set('lastDataDir', dir);
      return opened;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The language of the shell's own words: the laptop's choice, else the system's (electron/shell/words.ts). */
function laptopLanguage(c: Core): ShellLanguage {
  const settings = c.dispatch('settings.get', {});
  const chosen = settings.ok ? (settings.value as { language: string | null }).language : null;
  return shellLanguage(chosen, app.getLocale());
}

let menuLanguage: ShellLanguage | null = null;

/** Build the application menu in the laptop's language, again whenever that changes. */
function setMenu(c: Core): void {
  const language = laptopLanguage(c);
  if (language === menuLanguage) return;
  menuLanguage = language;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        development: !app.isPackaged,
        // To the focused window, else the main one.
        onShortcut: shortcutSender(() => BrowserWindow.getFocusedWindow() ?? win),
        labels: menuLabels(language),
      }),
    ),
  );
}

function startShell(c: Core): void {
  setMenu(c);
  keepAwake = new KeepAwakeWatcher({ blocker: powerSaveBlocker, now: () => c.clock.now(), initial: c.snapshot() });
  // A timer does not count the time the laptop slept: decide again on waking.
  powerMonitor.on('resume', () => keepAwake?.evaluate());
  notifier = new AlertNotifier({
    create: ({ title, body }) => new Notification({ title, body, silent: true }),
    supported: () => Notification.isSupported(),
    windowFocused: () => win !== null && !win.isDestroyed() && win.isFocused(),
    snapshot: () => c.snapshot(),
    reveal: () => revealWindow(win),
    text: () => notificationText(laptopLanguage(c)),
  });
}

const primaryInstance = claimSingleInstance(app, (argv, workingDirectory) => {
  revealWindow(win);
  // A relative --data-dir is relative to where the second launch ran.
  const notice = secondLaunchNotice(argv, dataDir, (asked, open) => resolve(workingDirectory, asked) === resolve(open));
  if (notice && win && !win.isDestroyed()) void dialog.showMessageBox(win, { type: 'info', message: notice });
});

if (primaryInstance) {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  void app.whenReady().then(() => {
    hardenSessions();
    dataDir = dataDirFromArgs();
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
    const exports = attachExports(c);
    attachPlan(c);
    // The rehearsal's player and its timers live here, in the main process.
    rehearsal = attachRehearsal(c);
    // Exports go where the coach chooses, with the system's folder dialog.
    c.registerService('shell', {
      'report.savePdf': async () => {
        // The report view is on screen; print it as the browser would.
        const parent = win && !win.isDestroyed() ? win : null;
        if (!parent) throw new RejectedError('Open the report first.', 'no_report');
        const pdf = await parent.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
        const choice = await dialog.showSaveDialog(parent, {
          title: dialogTitles(laptopLanguage(c)).reportPdf,
          defaultPath: 'tableside-report.pdf',
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        });
        if (choice.canceled || !choice.filePath) return { path: null, bytes: 0 };
        await writeFile(choice.filePath, pdf);
        return { path: choice.filePath, bytes: pdf.length };
      },
      // Table signs (issue 15): the page on screen, through the native print dialog or to one PDF.
      'signs.print': ({ paper }) => {
        const parent = win && !win.isDestroyed() ? win : null;
        if (!parent) throw new RejectedError('Open the table signs first.', 'no_signs');
        return printSigns(parent.webContents, paper);
      },
      'signs.savePdf': ({ paper }) => {
        const parent = win && !win.isDestroyed() ? win : null;
        if (!parent) throw new RejectedError('Open the table signs first.', 'no_signs');
        return saveSignsPdf(parent.webContents, paper, async (defaultPath) => {
          const choice = await dialog.showSaveDialog(parent, {
            title: dialogTitles(laptopLanguage(c)).signsPdf,
            defaultPath,
            filters: [{ name: 'PDF', extensions: ['pdf'] }],
          });
          return choice.canceled || !choice.filePath ? null : choice.filePath;
        });
      },
      'export.saveAs': async ({ exportId }) => {
        const parent = win && !win.isDestroyed() ? win : null;
        const status = exports.status(exportId);
        if (!status || status.state !== 'done') throw new RejectedError('That export is not finished.', 'export_not_finished');
        const options = { title: dialogTitles(laptopLanguage(c)).exportFolder, properties: ['openDirectory' as const, 'createDirectory' as const] };
        const choice = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
        const folder = choice.canceled ? undefined : choice.filePaths[0];
        if (!folder) return { folder: null, files: [] };
        const files = status.files.map((f) => f.name);
        for (const name of files) await copyFile(join(status.folder, name), join(folder, name));
        return { folder, files };
      },
    });
    ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, pageUrl)) {
        return { ok: false, error: { code: 'bad_request', message: 'Refused: unknown sender.' } };
      }
      return c.dispatchAsync(method, args);
    });
    void startSharing({ core: c, staticDir: join(__dirname, '..', 'renderer') }).then(
      (s) => {
        sharing = s;
      },
      (error: Error) => dialog.showErrorBox('Tableside cannot share the event', error.message),
    );
    startShell(c);
    let latest: Snapshot | null = null;
    c.subscribe((push) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC_PUSH, push);
      // The main process follows the event as the page does: whole, then what changed.
      if (push.type === 'snapshot') latest = push.payload;
      if (push.type === 'changes') latest = (latest && applyChanges(latest, push.payload)) ?? c.snapshot();
      if (latest && (push.type === 'snapshot' || push.type === 'changes')) keepAwake?.snapshot(latest);
      if (push.type === 'alert') notifier?.alert(push.payload);
      // A change of settings is pushed like any other: the menu follows a new language (rebuilt only then).
      if (push.type === 'snapshot' || push.type === 'changes') setMenu(c);
    });
    c.timers.refresh();
    win = createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  // app.quit() (Cmd+Q, the menu, Playwright's close()) skips 'window-all-closed',
  // so the database is closed here, on every way out.
  app.on('will-quit', () => {
    keepAwake?.stop();
    keepAwake = null;
    notifier?.closeAll();
    void sharing?.close();
    sharing = null;
    rehearsal?.close();
    rehearsal = null;
    core?.close();
    core = null;
  });
}
