/** How exported values read: labels for modes and outcomes, and local times. */
import type { ModeKey, Outcome } from './derive.js';
import type { PrivacyLevel } from './model.js';

export const MODE_LABELS: Record<ModeKey, string> = {
  one_to_one: 'one-to-one',
  group: 'group',
  plenary: 'plenary',
  topic_focus: 'topic focus',
  rotation: 'sub-group rotation',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  served: 'served',
  no_show: 'no-show',
  left: 'left',
  not_reached: 'not reached',
  removed: 'removed',
  transferred: 'sent to another table',
  in_turn: 'being coached',
  waiting: 'waiting',
  away: 'stepped away',
};

export const PRIVACY_DESCRIPTIONS: Record<PrivacyLevel, string> = {
  full:
    "Full: participants' names, notes the coaches shared (and this laptop's own private notes), " +
    'and contact details given with consent.',
  anonymised:
    'Anonymised: ticket numbers instead of names; no notes, follow-up notes or other free text; no contact details.',
  followups:
    'Follow-up list: only people who agreed to be contacted for a mentoring follow-up, ' +
    'with their contact details and the coaches who met them.',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` in the local time zone of the laptop making the export. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** `HH:MM`, local. */
export function localClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A Date whose UTC fields are the local wall time, for spreadsheet cells (which have no time zone). */
export function wallDate(ms: number): Date {
  const offset = new Date(ms).getTimezoneOffset() * 60_000;
  return new Date(ms - offset);
}

/** `+02:00`: the local offset from UTC at that instant. */
export function utcOffset(ms: number): string {
  const minutes = -new Date(ms).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A file-name-safe form of a label: letters and digits of any script, joined by hyphens. */
export function slug(text: string, fallback = 'event'): string {
  const s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || fallback;
}
