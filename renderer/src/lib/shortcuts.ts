/**
 * Keyboard shortcuts: one registry fed by key presses (in any window) and by
 * the Electron application menu (the `shortcut` push). The screen showing
 * the current table registers what each shortcut does there.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { SHORTCUTS, shortcutFor, type ShortcutId } from '../../../shared/shortcuts';

const handlers = new Map<ShortcutId, () => void>();
/** Screens that turn the shortcuts off while mounted (a table that is read-only on this laptop). */
let pausedBy = 0;

export function triggerShortcut(id: ShortcutId): boolean {
  if (pausedBy > 0) return false;
  const handler = handlers.get(id);
  if (!handler) return false;
  handler();
  return true;
}

export function listenForShortcutKeys(): void {
  window.addEventListener('keydown', (e) => {
    const id = shortcutFor(e);
    if (id && triggerShortcut(id)) e.preventDefault();
  });
}

/** While mounted, `handler` is what shortcut `id` does. */
export function useShortcut(id: ShortcutId, handler: () => void): void {
  const ref = useRef(handler);
  // The latest handler, without re-registering on every render.
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const run = () => ref.current();
    handlers.set(id, run);
    return () => {
      if (handlers.get(id) === run) handlers.delete(id);
    };
  }, [id]);
}

/** While mounted with `off` true, no shortcut acts (the buttons they stand for are disabled too). */
export function useShortcutsOff(off: boolean): void {
  useEffect(() => {
    if (!off) return undefined;
    pausedBy += 1;
    return () => {
      pausedBy -= 1;
    };
  }, [off]);
}

/** The label shown beside a button, e.g. "Alt+N". */
export function shortcutLabel(id: ShortcutId): string {
  return SHORTCUTS.find((s) => s.id === id)?.accelerator ?? '';
}
