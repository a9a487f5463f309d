/**
 * Single instance (electron/shell/instance.ts): the lock decision, the first
 * window coming forward on a second launch, and the notice when the second
 * launch asked for another data folder. Electron's app and window are fakes.
 */
import { describe, expect, it } from 'vitest';
import {
  claimSingleInstance,
  dataDirArg,
  revealWindow,
  secondLaunchNotice,
  type InstanceApp,
  type RevealableWindow,
} from '../../electron/shell/instance.js';

function fakeApp(lockFree: boolean) {
  const log: string[] = [];
  let listener: ((event: unknown, argv: string[], cwd: string) => void) | undefined;
  const app: InstanceApp = {
    requestSingleInstanceLock: () => {
      log.push('lock');
      return lockFree;
    },
    quit: () => void log.push('quit'),
    on: (_event, l) => {
      log.push('on second-instance');
      listener = l;
    },
  };
  return { app, log, launch: (argv: string[]) => listener?.({}, argv, '/home/coach') };
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const log: string[] = [];
  const s = { minimized: false, visible: true, destroyed: false, ...state };
  const win: RevealableWindow = {
    isDestroyed: () => s.destroyed,
    isMinimized: () => s.minimized,
    restore: () => {
      log.push('restore');
      s.minimized = false;
    },
    isVisible: () => s.visible,
    show: () => {
      log.push('show');
      s.visible = true;
    },
    focus: () => void log.push('focus'),
  };
  return { win, log };
}

describe('claimSingleInstance', () => {
  it('the first launch takes the lock and listens for later launches', () => {
    const { app, log, launch } = fakeApp(true);
    const heard: [readonly string[], string][] = [];
    expect(claimSingleInstance(app, (argv, cwd) => heard.push([argv, cwd]))).toBe(true);
    expect(log).toEqual(['lock', 'on second-instance']);
    launch(['tableside', '--data-dir=/tmp/x']);
    expect(heard).toEqual([[['tableside', '--data-dir=/tmp/x'], '/home/coach']]);
  });

  it('a second launch quits at once and opens nothing', () => {
    const { app, log } = fakeApp(false);
    let heard = 0;
    expect(claimSingleInstance(app, () => void heard++)).toBe(false);
    expect(log).toEqual(['lock', 'quit']);
    expect(heard).toBe(0);
  });
});

describe('revealWindow', () => {
  it('focuses a window that is already showing', () => {
    const { win, log } = fakeWindow();
    expect(revealWindow(win)).toBe(true);
    expect(log).toEqual(['focus']);
  });

  it('restores a minimised window, then focuses it', () => {
    const { win, log } = fakeWindow({ minimized: true });
    revealWindow(win);
    expect(log).toEqual(['restore', 'focus']);
  });

  it('shows a hidden window (still loading, or hidden by the OS)', () => {
    const { win, log } = fakeWindow({ visible: false });
    revealWindow(win);
    expect(log).toEqual(['show', 'focus']);
  });

  it('does nothing without a live window (the second launch came before the window)', () => {
    expect(revealWindow(null)).toBe(false);
    const { win, log } = fakeWindow({ destroyed: true });
    expect(revealWindow(win)).toBe(false);
    expect(log).toEqual([]);
  });
});

describe('a second launch naming a data folder', () => {
  it('reads --data-dir=DIR', () => {
    expect(dataDirArg(['electron', 'main.cjs', '--data-dir=/data/event'])).toBe('/data/event');
    expect(dataDirArg(['electron', 'main.cjs'])).toBeUndefined();
  });

  it('says nothing for the same folder, or none named', () => {
    expect(secondLaunchNotice(['t', '--data-dir=/data/a'], '/data/a')).toBeNull();
    expect(secondLaunchNotice(['t'], '/data/a')).toBeNull();
    expect(secondLaunchNotice(['t', '--data-dir=/data/a/'], '/data/a', (a, b) => a.replace(/\/$/, '') === b)).toBeNull();
  });

  it('explains that the open window still shows the first folder', () => {
    expect(secondLaunchNotice(['t', '--data-dir=/data/b'], '/data/a')).toBe(
      'Tableside is already open with the data folder /data/a. Close it first to open /data/b.',
    );
  });
});
