/**
 * The application menu's template (electron/shell/menu.ts), built without
 * Electron: the coach's actions with the same accelerators as the UI, the
 * standard roles, and the push a chosen item sends to the window.
 */
import { describe, expect, it } from 'vitest';
import { IPC_PUSH } from '../../shared/bridge.js';
import { pushes } from '../../shared/contract.js';
import { SHORTCUTS, type ShortcutId } from '../../shared/shortcuts.js';
import {
  buildMenuTemplate,
  flattenMenu,
  MENU_LABELS,
  shortcutItemId,
  shortcutPush,
  shortcutSender,
  type MenuOptions,
} from '../../electron/shell/menu.js';

function template(overrides: Partial<MenuOptions> = {}) {
  const chosen: ShortcutId[] = [];
  const items = buildMenuTemplate({
    platform: 'linux',
    development: false,
    onShortcut: (id) => chosen.push(id),
    ...overrides,
  });
  return { items, all: flattenMenu(items), chosen };
}

describe('the coach menu', () => {
  it('has every shortcut once, with the accelerator the UI shows', () => {
    const { all } = template();
    for (const s of SHORTCUTS) {
      const matches = all.filter((i) => i.id === shortcutItemId(s.id));
      expect(matches, s.id).toHaveLength(1);
      expect(matches[0]).toMatchObject({ accelerator: s.accelerator, label: MENU_LABELS.shortcuts[s.id] });
    }
    const coach = all.find((i) => i.id === 'coach');
    expect(coach?.label).toBe('Coach');
    expect(coach?.submenu?.map((i) => i.accelerator)).toEqual(SHORTCUTS.map((s) => s.accelerator));
  });

  it('shows the accelerators but leaves the keys to the page, so one key press is one action', () => {
    const { all } = template();
    const coachItems = all.filter((i) => i.id?.startsWith('shortcut.'));
    expect(coachItems).toHaveLength(SHORTCUTS.length);
    for (const item of coachItems) expect(item.registerAccelerator).toBe(false);
  });

  it('no two items share an accelerator, and each is a valid Electron accelerator', () => {
    const accelerators = template().all.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const a of accelerators) expect(a).toMatch(/^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+[A-Z0-9]$/);
  });

  it('choosing an item asks for that action', () => {
    const { all, chosen } = template();
    for (const s of SHORTCUTS) all.find((i) => i.id === shortcutItemId(s.id))?.click?.();
    expect(chosen).toEqual(SHORTCUTS.map((s) => s.id));
  });

  it('takes its words from one object, so a translation can replace them', () => {
    const labels = {
      ...MENU_LABELS,
      coach: 'Coaching',
      view: 'Ansicht',
      shortcuts: { addWalkIn: 'Neuer Gast', startNext: 'Nächste', endTurn: 'Beenden', focusNote: 'Notiz' },
    };
    const { items, all } = template({ labels });
    expect(items.map((i) => i.label)).toContain('Coaching');
    expect(items.map((i) => i.label)).toContain('Ansicht');
    expect(all.find((i) => i.id === shortcutItemId('addWalkIn'))?.label).toBe('Neuer Gast');
  });
});

describe('the standard menus', () => {
  const roles = (items: ReturnType<typeof template>['all']) => items.flatMap((i) => (i.role ? [i.role] : []));

  it('Windows and Linux: File › Quit, Edit, View with zoom and full screen, Window; no app menu', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { items, all } = template({ platform });
      expect(items.map((i) => i.label ?? i.role)).toEqual(['File', 'Edit', 'View', 'Coach', 'Window']);
      expect(roles(all)).toEqual(
        expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
      );
      expect(roles(all)).not.toContain('appMenu');
    }
  });

  it('macOS: the app menu first, and File › Close', () => {
    const { items, all } = template({ platform: 'darwin' });
    expect(items[0]).toEqual({ role: 'appMenu' });
    expect(items.find((i) => i.label === 'File')?.submenu).toEqual([{ role: 'close' }]);
    expect(roles(all)).not.toContain('quit'); // it is in the app menu
  });

  it('reload and developer tools only when not packaged', () => {
    expect(roles(template({ development: true }).all)).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
    const packaged = roles(template({ development: false }).all);
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(packaged).not.toContain(role);
  });

  it('uses no mnemonics, so Alt+letter is never taken by the menu bar', () => {
    for (const item of template({ platform: 'win32' }).all) expect(item.label ?? '').not.toContain('&');
  });
});

describe('the shortcut push', () => {
  it('is the contract’s shortcut push', () => {
    for (const s of SHORTCUTS) {
      const push = shortcutPush(s.id);
      expect(push).toEqual({ type: 'shortcut', payload: { id: s.id } });
      expect(pushes.shortcut.parse(push.payload)).toEqual({ id: s.id });
    }
  });

  it('goes to the target window on the push channel, and nowhere when there is none', () => {
    const sent: unknown[][] = [];
    const window = { destroyed: false, isDestroyed: () => window.destroyed, webContents: { send: (...a: unknown[]) => void sent.push(a) } };
    let target: typeof window | null = window;
    const send = shortcutSender(() => target);

    expect(send('startNext')).toBe(true);
    expect(sent).toEqual([[IPC_PUSH, { type: 'shortcut', payload: { id: 'startNext' } }]]);

    window.destroyed = true;
    expect(send('endTurn')).toBe(false);
    target = null;
    expect(send('endTurn')).toBe(false);
    expect(sent).toHaveLength(1);
  });
});
