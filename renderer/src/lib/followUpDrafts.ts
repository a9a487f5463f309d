/**
 * Follow-ups typed but not yet recorded ("Record follow-up" not pressed), so
 * nothing typed is lost:
 * - each form keeps its draft in this browser's storage, per turn
 *   (`tableside.followUpDraft.<turnId>`), so a reload or a restart shows it
 *   again (the form opens by itself then);
 * - End turn, Start next and "Next group" (buttons and shortcuts) record every
 *   open form's draft of the turns they end first (`recordDraftsOf`), through
 *   the core like "Record follow-up" (committed to SQLite); one that cannot be
 *   recorded (a contact too long, a duplicate) stays kept and shows, open and
 *   marked not recorded yet, under Earlier turns.
 * A draft is something typed: consent ticked, a contact or a note. A
 * follow-up can also be recorded later on an earlier turn (Earlier turns).
 */

/** What a follow-up form holds before it is recorded. */
export interface FollowUpDraft {
  entryId: string;
  consent: boolean;
  contact: string;
  note: string;
}

import type { Envelope } from '../../../shared/contract';

const KEY = 'tableside.followUpDraft.';

/** Whether `d` holds anything typed (consent ticked, a contact or a note). */
export function draftHasText(d: FollowUpDraft): boolean {
  return d.consent || d.contact.trim() !== '' || d.note.trim() !== '';
}

/** The draft kept for `turnId`, or null. */
export function loadDraft(turnId: string): FollowUpDraft | null {
  try {
    const raw = localStorage.getItem(KEY + turnId);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<FollowUpDraft>;
    if (typeof d.entryId !== 'string') return null;
    return { entryId: d.entryId, consent: d.consent === true, contact: String(d.contact ?? ''), note: String(d.note ?? '') };
  } catch {
    return null;
  }
}

/** Keep `draft` for `turnId` (null or nothing typed: forget it). */
export function saveDraft(turnId: string, draft: FollowUpDraft | null): void {
  try {
    if (draft && draftHasText(draft)) localStorage.setItem(KEY + turnId, JSON.stringify(draft));
    else localStorage.removeItem(KEY + turnId);
  } catch {
    // Storage full or refused: the form still holds the text, and End turn still records it first.
  }
}

/** Each open form's "record my draft now" (true: recorded or nothing to record), by turn. */
const recorders = new Map<string, Set<() => Promise<boolean>>>();

/** A form says how to record its draft; returns the function that takes it back (on unmount). */
export function registerDraft(turnId: string, record: () => Promise<boolean>): () => void {
  const set = recorders.get(turnId) ?? new Set();
  set.add(record);
  recorders.set(turnId, set);
  return () => {
    set.delete(record);
    if (set.size === 0) recorders.delete(turnId);
  };
}

/** Record every open form's draft for `turnIds`; false if one could not be (its form shows why). */
export async function recordDraftsOf(turnIds: readonly string[]): Promise<boolean> {
  let all = true;
  for (const id of turnIds) for (const record of [...(recorders.get(id) ?? [])]) all = (await record()) && all;
  return all;
}

/**
 * `call` once every draft of `turnIds` was recorded (`recordDraftsOf`). A
 * draft that cannot be recorded (a duplicate, a contact too long) never
 * holds the turn: it stays kept, and the turn's form under Earlier turns
 * shows it open, marked not recorded yet.
 */
export function afterDrafts<T>(turnIds: readonly string[], call: () => Promise<Envelope<T>>): () => Promise<Envelope<T>> {
  return async () => {
    await recordDraftsOf(turnIds);
    return call();
  };
}
