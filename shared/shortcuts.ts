/**
 * The keyboard shortcuts for a coach's frequent actions. The UI shows them
 * beside each button and handles the keys; the Electron application menu
 * uses the same accelerators and, when chosen, pushes the same action to the
 * renderer, so both always agree.
 */
export const SHORTCUTS = [
  { id: 'addWalkIn', accelerator: 'Alt+W', key: 'w' },
  { id: 'startNext', accelerator: 'Alt+N', key: 'n' },
  { id: 'endTurn', accelerator: 'Alt+E', key: 'e' },
  { id: 'focusNote', accelerator: 'Alt+T', key: 't' },
] as const;

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];
export const SHORTCUT_IDS = SHORTCUTS.map((s) => s.id) as [ShortcutId, ...ShortcutId[]];

/** Which shortcut a key press is (Alt plus the key, no other modifier), if any. */
export function shortcutFor(e: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
}): ShortcutId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  // `code` (the physical key) rather than `key`: Alt+N types "˜" on a Mac.
  const match = SHORTCUTS.find((s) => e.code === `Key${s.key.toUpperCase()}`);
  return match ? match.id : null;
}
