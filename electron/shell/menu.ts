/**
 * The application menu, as a template: plain data that main.ts hands to
 * `Menu.buildFromTemplate`. The coach's frequent actions come from the same
 * table the UI uses for its keys (shared/shortcuts.ts), with the same
 * accelerators, so the menu and the buttons always agree.
 *
 * Who handles a key press: the renderer, in both hosts (it has to in the
 * browser, where there is no menu). So on Windows and Linux the menu shows
 * the accelerator but does not register it (`registerAccelerator: false`),
 * and on macOS, where that option does not exist, the menu only sees keys
 * the page left unhandled (the renderer calls preventDefault on a key it
 * acts on). Choosing the item with the mouse sends the `shortcut` push to the
 * window, which does what the key would have done.
 *
 * No Electron import here (ESLint forbids it outside main.ts and preload.ts):
 * the template's type is a structural subset of Electron's
 * MenuItemConstructorOptions, which main.ts's call to buildFromTemplate checks.
 */
import { IPC_PUSH } from '../../shared/bridge.js';
import type { Push } from '../../shared/contract.js';
import { SHORTCUTS, type ShortcutId } from '../../shared/shortcuts.js';

/** The roles this menu uses: each is one of Electron's MenuItem roles. */
export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'close'
  | 'quit'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export interface MenuTemplateItem {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  registerAccelerator?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

/**
 * Every word the menu shows that Electron does not supply itself (role items
 * are labelled by Electron, and by macOS in the person's language). One
 * object, so that a translation can replace it whole.
 */
export const MENU_LABELS = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  coach: 'Coach',
  window: 'Window',
  shortcuts: {
    addWalkIn: 'Add a Walk-in',
    startNext: 'Start Next Turn',
    endTurn: 'End Turn',
    focusNote: 'Write a Note',
  } satisfies Record<ShortcutId, string>,
};

export type MenuLabels = typeof MENU_LABELS;

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Not packaged: reload and the developer tools are in the View menu. */
  development: boolean;
  /** Called when the coach chooses one of their actions from the menu. */
  onShortcut(id: ShortcutId): void;
  labels?: MenuLabels;
}

/** The menu item id of a coach's action, for tests and for enabling it later. */
export const shortcutItemId = (id: ShortcutId): string => `shortcut.${id}`;

/** What main.ts sends on IPC_PUSH when a coach's action is chosen from the menu. */
export function shortcutPush(id: ShortcutId): Extract<Push, { type: 'shortcut' }> {
  return { type: 'shortcut', payload: { id } };
}

/** A window as far as sending it a push goes (Electron's BrowserWindow fits). */
export interface PushTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/**
 * The menu's `onShortcut` for main.ts: sends the push on the same channel as
 * the core's pushes, to the window `target` names (the focused one, else the
 * main one). Returns whether a window was there to receive it.
 */
export function shortcutSender(target: () => PushTarget | null | undefined): (id: ShortcutId) => boolean {
  return (id) => {
    const win = target();
    if (!win || win.isDestroyed()) return false;
    win.webContents.send(IPC_PUSH, shortcutPush(id));
    return true;
  };
}

export function buildMenuTemplate(options: MenuOptions): MenuTemplateItem[] {
  const labels = options.labels ?? MENU_LABELS;
  const mac = options.platform === 'darwin';
  const separator: MenuTemplateItem = { type: 'separator' };

  const coach: MenuTemplateItem[] = SHORTCUTS.map((s) => ({
    id: shortcutItemId(s.id),
    label: labels.shortcuts[s.id],
    accelerator: s.accelerator,
    // Shown, but the key itself is left to the page (see above).
    registerAccelerator: false,
    click: () => options.onShortcut(s.id),
  }));

  const view: MenuTemplateItem[] = [
    ...(options.development
      ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, separator]
      : []),
    // Zoom matters here: the countdown is read from two metres away.
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
  ];

  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { label: labels.file, submenu: [{ role: mac ? 'close' : 'quit' }] },
    { label: labels.edit, role: 'editMenu' },
    { label: labels.view, submenu: view },
    { id: 'coach', label: labels.coach, submenu: coach },
    { label: labels.window, role: 'windowMenu' },
  ];
}

/** Every item of a template, depth first (for tests and checks). */
export function flattenMenu(items: readonly MenuTemplateItem[]): MenuTemplateItem[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
