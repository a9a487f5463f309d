/**
 * One Tableside per laptop account: a second launch (a double-click on the
 * icon while it runs, or a file opened from the desktop) hands over to the
 * first, which comes to the front, and then quits. Two instances would open
 * the same database twice and each run its own timers, so two chimes and two
 * notifications for every alert.
 *
 * Electron's lock lives in the userData folder, so "the same laptop account"
 * means the same userData (tests give each run its own).
 */

export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export interface RevealableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/**
 * Take the lock, or quit. Returns whether this process is the one that goes
 * on; the first one hears of later launches through `onSecondLaunch`.
 */
export function claimSingleInstance(
  app: InstanceApp,
  onSecondLaunch: (argv: readonly string[], workingDirectory: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => onSecondLaunch(argv, workingDirectory));
  return true;
}

/** Bring the window to the front: un-minimise, show if hidden, focus. */
export function revealWindow(win: RevealableWindow | null | undefined): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}

const DATA_DIR_FLAG = '--data-dir=';

/** The folder a launch asked for with `--data-dir=DIR`, if it did. */
export function dataDirArg(argv: readonly string[]): string | undefined {
  const flag = argv.find((a) => a.startsWith(DATA_DIR_FLAG));
  return flag ? flag.slice(DATA_DIR_FLAG.length) : undefined;
}

/**
 * What to tell the person when a second launch asked for a different data
 * folder than the one open: the first window comes forward either way, but
 * it is still showing the first folder's event. Null when there is nothing
 * to say.
 */
export function secondLaunchNotice(
  argv: readonly string[],
  openDataDir: string,
  samePath: (a: string, b: string) => boolean = (a, b) => a === b,
): string | null {
  const asked = dataDirArg(argv);
  if (asked === undefined || samePath(asked, openDataDir)) return null;
  return `Tableside is already open with the data folder ${openDataDir}. Close it first to open ${asked}.`;
}
