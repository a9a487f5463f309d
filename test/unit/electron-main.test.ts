/**
 * electron/main.ts as a whole, without the Electron binary: it is bundled the
 * way scripts/build.mjs bundles it, except that `require('electron')` gets a
 * fake that records what main asks of Electron (the thin edge). The real core,
 * SQLite, electron-store and the shell modules run underneath. This checks
 * the wiring the unit tests of electron/shell/ cannot: that main.ts actually
 * hardens the window, checks IPC senders, sets the menu, holds the
 * power-save blocker when it should, restores bounds safely, and hands a
 * second launch to the first.
 *
 * What it cannot check is Electron itself (that a real BrowserWindow honours
 * these options); test/electron/app.spec.ts does that where the binary exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_PUSH } from '../../shared/bridge.js';
import type { Envelope } from '../../shared/contract.js';
import { SHORTCUTS } from '../../shared/shortcuts.js';
import { SECURE_WEB_PREFERENCES } from '../../electron/security.js';
import type { MenuTemplateItem } from '../../electron/shell/menu.js';

const require = createRequire(import.meta.url);
const FAKE_KEY = '__tablesideFakeElectron';
/** Inside the project, so the bundle's require('better-sqlite3') resolves to node_modules. */
const OUT_DIR = resolve('.test-output', `electron-main-${process.pid}`);
const BUNDLE = join(OUT_DIR, 'main.cjs');
/** Where main.ts computes its page to be, relative to the bundle. */
const PAGE_URL = pathToFileURL(join(OUT_DIR, '..', 'renderer', 'index.html')).href;

type Listener = (...args: unknown[]) => unknown;

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  static focused: FakeWindow | null = null;
  static getFocusedWindow = () => FakeWindow.focused;
  static getAllWindows = () => FakeWindow.all;

  readonly log: string[] = [];
  readonly sent: unknown[][] = [];
  /** What the page was printed with: printToPDF's and print's options. */
  readonly printed: { how: 'pdf' | 'print'; options: unknown }[] = [];
  /** What the system's print dialog answers (true: printed). */
  printAnswer = true;
  readonly webContents = {
    send: (...args: unknown[]) => void this.sent.push(args),
    printToPDF: (options: unknown) => {
      this.printed.push({ how: 'pdf', options });
      return Promise.resolve(Buffer.from('%PDF-1.7 fake report'));
    },
    print: (options: unknown, callback?: (success: boolean, reason: string) => void) => {
      this.printed.push({ how: 'print', options });
      setImmediate(() => callback?.(this.printAnswer, this.printAnswer ? '' : 'cancelled'));
    },
  };
  minimized = false;
  visible = false;
  loaded = '';

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.all.push(this);
  }

  loadFile(file: string) {
    this.loaded = file;
    return Promise.resolve();
  }
  show() {
    this.log.push('show');
    this.visible = true;
  }
  focus() {
    this.log.push('focus');
  }
  restore() {
    this.log.push('restore');
    this.minimized = false;
  }
  maximize() {
    this.log.push('maximize');
  }
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  isDestroyed = () => false;
  isFocused = () => FakeWindow.focused === this;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
}

function fakeElectron(options: { lockFree: boolean; userData: string; displays: { id: number; workArea: object }[]; locale?: string }) {
  const calls: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    getLocale: () => options.locale ?? 'en-US',
    isPackaged: true, // the default better-sqlite3 build: the Node one, here
    getPath: (name: string) => (name === 'userData' ? options.userData : tmpdir()),
    getVersion: () => '0.0.0-test',
    getAppPath: () => process.cwd(),
    requestSingleInstanceLock: () => options.lockFree,
    quit: () => void calls.push('app.quit'),
    exit: (code: number) => void calls.push(`app.exit ${code}`),
    whenReady: () => Promise.resolve(),
    setAppUserModelId: (id: string) => void calls.push(`setAppUserModelId ${id}`),
  });
  const ipcHandlers = new Map<string, Listener>();
  const blockers = new Set<number>();
  let nextBlocker = 0;
  const notifications: { title: string; body: string; silent: boolean }[] = [];
  const permission: { request?: Listener; check?: Listener } = {};
  let menu: MenuTemplateItem[] | null = null;
  const opened: string[] = [];
  const dialogs: string[] = [];

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, body: string) => void dialogs.push(`${title}: ${body}`),
      showMessageBox: (_win: unknown, o: { message: string }) => {
        dialogs.push(o.message);
        return Promise.resolve({ response: 0 });
      },
      /** The file a person names in the system's Save dialog (null: they cancel). */
      chosenFile: null as string | null,
      showSaveDialog(..._args: unknown[]) {
        dialogs.push('save dialog');
        const filePath = electron.dialog.chosenFile;
        return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true });
      },
      /** The folder a person picks in the system's dialog (null: they cancel). */
      chosenFolder: null as string | null,
      showOpenDialog(..._args: unknown[]) {
        dialogs.push('open dialog');
        const folder = electron.dialog.chosenFolder;
        return Promise.resolve(folder ? { canceled: false, filePaths: [folder] } : { canceled: true, filePaths: [] });
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void ipcHandlers.set(channel, fn),
      on: (channel: string, fn: Listener) => void ipcHandlers.set(`on:${channel}`, fn),
    },
    Menu: {
      buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }),
      setApplicationMenu: (m: { template: MenuTemplateItem[] }) => {
        menu = m.template;
      },
    },
    Notification: class {
      static isSupported = () => true;
      constructor(readonly o: { title: string; body: string; silent: boolean }) {}
      show() {
        notifications.push(this.o);
      }
      close() {}
      on() {}
    },
    powerMonitor: {
      on: (event: string) => calls.push(`powerMonitor.on ${event}`),
    },
    powerSaveBlocker: {
      start: (type: string) => {
        calls.push(`powerSaveBlocker.start ${type}`);
        blockers.add(++nextBlocker);
        return nextBlocker;
      },
      stop: (id: number) => {
        calls.push(`powerSaveBlocker.stop ${id}`);
        return blockers.delete(id);
      },
      isStarted: (id: number) => blockers.has(id),
    },
    screen: {
      getPrimaryDisplay: () => options.displays[0],
      getAllDisplays: () => options.displays,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => {
          permission.request = fn;
        },
        setPermissionCheckHandler: (fn: Listener) => {
          permission.check = fn;
        },
      },
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
  };
  return {
    electron,
    app,
    calls,
    ipcHandlers,
    blockers,
    notifications,
    permission,
    opened,
    dialogs,
    menu: () => menu,
  };
}

type Fake = ReturnType<typeof fakeElectron>;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  // As scripts/build.mjs bundles it, with 'electron' swapped for the fake.
  await build({
    entryPoints: ['electron/main.ts'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'error',
    plugins: [
      {
        name: 'fake-electron',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'fake-electron' }));
          b.onLoad({ filter: /.*/, namespace: 'fake-electron' }, () => ({
            contents: `module.exports = globalThis.${FAKE_KEY};`,
            loader: 'js',
          }));
        },
      },
    ],
  });
});

afterAll(() => {
  rmSync(OUT_DIR, { recursive: true, force: true });
});

const dirs: string[] = [];
const running: Fake[] = [];
afterEach(() => {
  for (const fake of running.splice(0)) fake.app.emit('will-quit');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  FakeWindow.all = [];
  FakeWindow.focused = null;
});

const LAPTOP = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 900 } };

/** Loads a fresh copy of main.cjs against a fresh fake Electron, and lets `whenReady` run. */
async function boot(options: { lockFree?: boolean; settings?: object; displays?: { id: number; workArea: object }[]; locale?: string } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'tableside-main-userdata-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tableside-main-data-'));
  dirs.push(userData, dataDir);
  if (options.settings) writeFileSync(join(userData, 'settings.json'), JSON.stringify(options.settings));
  const fake = fakeElectron({ lockFree: options.lockFree ?? true, userData, displays: options.displays ?? [LAPTOP], ...(options.locale ? { locale: options.locale } : {}) });
  (globalThis as Record<string, unknown>)[FAKE_KEY] = fake.electron;

  const windowsBefore = FakeWindow.all.length;
  // main.ts reads the command line once Electron is ready, so it stays set until then.
  const argv = process.argv;
  process.argv = [argv[0] ?? 'electron', BUNDLE, `--data-dir=${dataDir}`];
  try {
    delete require.cache[BUNDLE];
    require(BUNDLE);
    running.push(fake);
    await new Promise((r) => setImmediate(r));
  } finally {
    process.argv = argv;
  }
  return { fake, dataDir, window: FakeWindow.all[windowsBefore] };
}

async function call(fake: Fake, senderUrl: string | undefined, method: string, args: unknown = {}) {
  const handler = fake.ipcHandlers.get(IPC_CALL);
  if (!handler) throw new Error('no IPC handler');
  return (await handler({ senderFrame: senderUrl === undefined ? null : { url: senderUrl } }, method, args)) as Envelope<unknown>;
}

describe('main.ts with a fake Electron', () => {
  it('opens one hardened window on the page, with the preload and background throttling off', async () => {
    const { fake, window } = await boot();
    expect(fake.dialogs).toEqual([]);
    expect(FakeWindow.all).toHaveLength(1);
    const prefs = window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ ...SECURE_WEB_PREFERENCES, backgroundThrottling: false });
    expect(prefs.preload).toBe(join(OUT_DIR, 'preload.cjs'));
    expect(window?.loaded).toBe(join(OUT_DIR, '..', 'renderer', 'index.html'));
    expect(window?.options.show).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.visible).toBe(true);
  });

  it('answers IPC only from its own page', async () => {
    const { fake } = await boot();
    const ours = await call(fake, PAGE_URL, 'snapshot.get');
    expect(ours.ok).toBe(true);
    for (const sender of [undefined, 'https://evil.example/', 'file:///tmp/other.html']) {
      const refused = await call(fake, sender, 'snapshot.get');
      expect(refused).toEqual({ ok: false, error: { code: 'bad_request', message: 'Refused: unknown sender.' } });
    }
  });

  it('refuses every permission but the camera for our page, every navigation and new window; opens only safe links outside', async () => {
    const { fake } = await boot();
    const answers: boolean[] = [];
    const page = PAGE_URL;
    const answer = (granted: boolean) => answers.push(granted);
    fake.permission.request?.({}, 'media', answer, { mediaTypes: ['video'], requestingUrl: `${page}#/sharing` });
    fake.permission.request?.({}, 'media', answer, { mediaTypes: ['video', 'audio'], requestingUrl: page });
    fake.permission.request?.({}, 'media', answer, { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' });
    fake.permission.request?.({}, 'media', answer);
    fake.permission.request?.({}, 'notifications', answer, { requestingUrl: page });
    expect(answers).toEqual([true, false, false, false, false]);
    expect(fake.permission.check?.({}, 'clipboard-read')).toBe(false);

    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
        this.openHandler = fn;
      },
    });
    fake.app.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, event).toBe(true);
    }
    expect(contents.openHandler?.({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://example.org/help']);
  });

  it('sets the application menu; choosing an action pushes it to the window', async () => {
    const { fake, window } = await boot();
    const items = (fake.menu() ?? []).flatMap(function flat(i: MenuTemplateItem): MenuTemplateItem[] {
      return [i, ...(i.submenu ?? []).flatMap(flat)];
    });
    for (const s of SHORTCUTS) {
      const item = items.find((i) => i.id === `shortcut.${s.id}`);
      expect(item?.accelerator).toBe(s.accelerator);
    }
    items.find((i) => i.id === 'shortcut.startNext')?.click?.();
    expect(window?.sent).toContainEqual([IPC_PUSH, { type: 'shortcut', payload: { id: 'startNext' } }]);
  });

  it('speaks the laptop’s language in the menu: the system’s at first (German), then the one chosen in the app (French)', async () => {
    const { fake } = await boot({ locale: 'de-AT' });
    const labels = () =>
      (fake.menu() ?? []).flatMap(function flat(i: MenuTemplateItem): MenuTemplateItem[] {
        return [i, ...(i.submenu ?? []).flatMap(flat)];
      }).map((i) => i.label).filter(Boolean);
    expect(labels()).toEqual(expect.arrayContaining(['Datei', 'Ansicht', 'Gespräch beenden', 'Notiz schreiben']));
    expect(labels()).not.toContain('End Turn');
    expect((await call(fake, PAGE_URL, 'settings.update', { language: 'fr' })).ok).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(labels()).toEqual(expect.arrayContaining(['Fichier', 'Terminer l\'entretien']));
  });

  it('holds the power-save blocker while the session runs, on the core’s snapshot pushes, and lets go on quit', async () => {
    const { fake, window } = await boot();
    const settle = () => new Promise((r) => setImmediate(r));
    const isoDate = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const today = isoDate(new Date());
    const allDay = { name: 'Career clinic', date: today, startTime: '00:00', endTime: '23:59', place: 'Hall B' };
    // At 23:59 local time "all day" is over; nothing to check in that minute.
    const lastMinute = new Date().getHours() === 23 && new Date().getMinutes() === 59;

    expect(fake.blockers.size).toBe(0); // no event yet
    expect((await call(fake, PAGE_URL, 'event.create', allDay)).ok).toBe(true);
    await settle();
    expect(fake.blockers.size).toBe(0); // an event, but no table
    const table = { name: 'Table 1', coaches: ['Ana'], topics: [], languages: ['en'], turnMinutes: 15 };
    expect(await call(fake, PAGE_URL, 'table.create', table)).toMatchObject({ ok: true });
    await settle();
    expect(window?.sent.some(([channel, push]) => channel === IPC_PUSH && ['snapshot', 'changes'].includes((push as { type: string }).type))).toBe(true);
    if (!lastMinute) expect(fake.blockers.size).toBe(1);

    const yesterday = isoDate(new Date(Date.now() - 86_400_000));
    expect((await call(fake, PAGE_URL, 'event.update', { ...allDay, date: yesterday })).ok).toBe(true);
    await settle();
    expect(fake.blockers.size).toBe(0);

    expect((await call(fake, PAGE_URL, 'event.update', allDay)).ok).toBe(true);
    await settle();
    if (!lastMinute) expect(fake.blockers.size).toBe(1);
    fake.app.emit('will-quit');
    expect(fake.blockers.size).toBe(0);
    expect(fake.calls.filter((c) => c.startsWith('powerSaveBlocker.start'))).toEqual(
      lastMinute ? [] : ['powerSaveBlocker.start prevent-display-sleep', 'powerSaveBlocker.start prevent-display-sleep'],
    );
  });

  it('shows an OS notification for a turn’s warning and end while the window is not focused', async () => {
    // The core's clock and timers are Date.now and setTimeout: fake them to run a turn to its end.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const { fake, window } = await boot();
      const value = <T,>(e: Envelope<unknown>) => {
        if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
        return e.value as T;
      };
      const today = new Date();
      const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      value(await call(fake, PAGE_URL, 'event.create', { name: 'Clinic', date, startTime: '00:00', endTime: '23:59', place: '' }));
      const { tableId } = value<{ tableId: string }>(
        await call(fake, PAGE_URL, 'table.create', { name: 'Table 1', coaches: ['Ana'], topics: [], languages: ['en'], turnMinutes: 15 }),
      );
      value(await call(fake, PAGE_URL, 'walkin.add', { tableId, name: 'Lucía', topics: [], partySize: 1 }));
      value(await call(fake, PAGE_URL, 'turn.start', { tableId }));

      // The coach is looking at the window at the warning: no notification.
      FakeWindow.focused = window ?? null;
      vi.advanceTimersByTime(13 * 60_000 + 1_000);
      expect(fake.notifications).toEqual([]);
      expect(window?.sent).toContainEqual([IPC_PUSH, expect.objectContaining({ type: 'alert', payload: expect.objectContaining({ kind: 'warning' }) })]);

      // They switched to another window before the end.
      FakeWindow.focused = null;
      vi.advanceTimersByTime(2 * 60_000);
      expect(fake.notifications).toEqual([
        { title: 'Table 1: time is up', body: 'The turn with Lucía has reached its time.', silent: true },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a second launch brings the window forward; naming another folder says which one is open', async () => {
    const { fake, window, dataDir } = await boot();
    window?.emit('ready-to-show');
    if (window) window.minimized = true;
    fake.app.emit('second-instance', {}, ['tableside', `--data-dir=${dataDir}`], '/');
    expect(window?.log.slice(-2)).toEqual(['restore', 'focus']);
    expect(fake.dialogs).toEqual([]);

    // The same folder, named relative to where the second launch ran: nothing to say.
    fake.app.emit('second-instance', {}, ['tableside', `--data-dir=./${basename(dataDir)}`], dirname(dataDir));
    expect(fake.dialogs).toEqual([]);

    fake.app.emit('second-instance', {}, ['tableside', '--data-dir=/somewhere/else'], '/');
    await new Promise((r) => setImmediate(r));
    expect(fake.dialogs).toEqual([expect.stringContaining(`already open with the data folder ${dataDir}`)]);
  });

  it('a launch that does not get the lock quits without opening anything', async () => {
    const { fake } = await boot({ lockFree: false });
    expect(fake.calls).toContain('app.quit');
    expect(FakeWindow.all).toHaveLength(0);
    expect(fake.ipcHandlers.has(IPC_CALL)).toBe(false);
  });

  it('restores saved bounds on a present display, and only the size when that display is gone', async () => {
    const onScreen = await boot({ settings: { windowBounds: { x: 100, y: 50, width: 1100, height: 720 } } });
    expect(onScreen.window?.options).toMatchObject({ x: 100, y: 50, width: 1100, height: 720 });

    const offScreen = await boot({ settings: { windowBounds: { x: 3000, y: 50, width: 1100, height: 720 } } });
    expect(offScreen.window?.options).toMatchObject({ width: 1100, height: 720 });
    expect(offScreen.window?.options).not.toHaveProperty('x');
  });

  it('saves a finished export to the folder chosen in the system dialog, and nothing when cancelled', async () => {
    const { fake } = await boot();
    const value = <T,>(e: Envelope<unknown>) => {
      if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
      return e.value as T;
    };
    value(await call(fake, PAGE_URL, 'event.create', { name: 'Clinic', date: '2026-08-26', startTime: '09:00', endTime: '12:00', place: '' }));
    const started = value<{ exportId: string }>(await call(fake, PAGE_URL, 'export.start', { format: 'csv', privacy: 'anonymised' }));
    let state = '';
    for (let i = 0; i < 200 && state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      state = value<{ state: string }>(await call(fake, PAGE_URL, 'export.status', { exportId: started.exportId })).state;
    }
    expect(state).toBe('done');
    const chosen = mkdtempSync(join(tmpdir(), 'tableside-main-chosen-'));
    dirs.push(chosen);
    fake.electron.dialog.chosenFolder = chosen;
    const saved = value<{ folder: string; files: string[] }>(await call(fake, PAGE_URL, 'export.saveAs', { exportId: started.exportId }));
    expect(saved.folder).toBe(chosen);
    expect(saved.files.length).toBeGreaterThan(0);
    expect(readdirSync(chosen).sort()).toEqual([...saved.files].sort());
    fake.electron.dialog.chosenFolder = null;
    expect(await call(fake, PAGE_URL, 'export.saveAs', { exportId: started.exportId })).toEqual({ ok: true, value: { folder: null, files: [] } });
    expect(await call(fake, PAGE_URL, 'export.saveAs', { exportId: 'no-such-export' })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('saves the report on screen as a PDF where the Save dialog says', async () => {
    const { fake } = await boot();
    const folder = mkdtempSync(join(tmpdir(), 'tableside-main-pdf-'));
    dirs.push(folder);
    fake.electron.dialog.chosenFile = join(folder, 'report.pdf');
    const saved = await call(fake, PAGE_URL, 'report.savePdf', {});
    expect(saved).toEqual({ ok: true, value: { path: join(folder, 'report.pdf'), bytes: 20 } });
    expect(readFileSync(join(folder, 'report.pdf'), 'utf8')).toBe('%PDF-1.7 fake report');
    fake.electron.dialog.chosenFile = null;
    expect(await call(fake, PAGE_URL, 'report.savePdf', {})).toEqual({ ok: true, value: { path: null, bytes: 0 } });
  });

  it('runs the rehearsal player in the main process: a rehearsal starts, plays at 20×, and is left (issue 15)', async () => {
    const { fake } = await boot();
    expect(await call(fake, PAGE_URL, 'rehearsal.status', {})).toEqual({ ok: true, value: null });
    expect(await call(fake, PAGE_URL, 'event.createRehearsal', {})).toMatchObject({ ok: true });
    expect(await call(fake, PAGE_URL, 'rehearsal.control', { playing: true, speed: 20 })).toMatchObject({
      ok: true,
      value: { playing: true, speed: 20, minutes: 105, arrived: 0 },
    });
    expect(await call(fake, PAGE_URL, 'rehearsal.leave', {})).toEqual({ ok: true, value: { left: true } });
    expect(await call(fake, PAGE_URL, 'rehearsal.status', {})).toEqual({ ok: true, value: null });
  });

  it('prints the table signs through the system dialog, and saves them as one landscape PDF where the Save dialog says (issue 15)', async () => {
    const { fake } = await boot();
    const win = FakeWindow.all.at(-1)!;
    const folder = mkdtempSync(join(tmpdir(), 'tableside-main-signs-'));
    dirs.push(folder);
    fake.electron.dialog.chosenFile = join(folder, 'signs.pdf');
    expect(await call(fake, PAGE_URL, 'signs.savePdf', { paper: 'letter' })).toEqual({ ok: true, value: { path: join(folder, 'signs.pdf'), bytes: 20 } });
    expect(readFileSync(join(folder, 'signs.pdf'), 'utf8')).toBe('%PDF-1.7 fake report');
    expect(win.printed.at(-1)).toEqual({ how: 'pdf', options: { landscape: true, pageSize: 'Letter', printBackground: true, preferCSSPageSize: true } });
    fake.electron.dialog.chosenFile = null;
    expect(await call(fake, PAGE_URL, 'signs.savePdf', { paper: 'a4' })).toEqual({ ok: true, value: { path: null, bytes: 0 } });
    expect(await call(fake, PAGE_URL, 'signs.print', { paper: 'a4' })).toEqual({ ok: true, value: { printed: true } });
    expect(win.printed.at(-1)).toEqual({ how: 'print', options: { landscape: true, pageSize: 'A4', printBackground: true, silent: false } });
    win.printAnswer = false;
    expect(await call(fake, PAGE_URL, 'signs.print', { paper: 'a4' })).toEqual({ ok: true, value: { printed: false } });
    // Bad paper: refused at the gate, nothing printed.
    const before = win.printed.length;
    expect(await call(fake, PAGE_URL, 'signs.print', { paper: 'A0' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(win.printed).toHaveLength(before);
  });
});
