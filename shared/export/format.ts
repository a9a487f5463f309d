/** How exported values read: labels for modes and outcomes (times: shared/domain/zone.ts). */
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
  served_group: 'served in a group',
  plenary_only: 'plenary only',
  no_show: 'no-show',
  left: 'left before being served',
  not_reached: 'not reached',
  removed: 'removed',
  transferred: 'sent to another table',
  in_turn: 'being coached',
  waiting: 'waiting',
  away: 'stepped away',
};

export const PRIVACY_DESCRIPTIONS: Record<PrivacyLevel, string> = {
  full:
    "Full: participants' names, notes the coaches shared (never a private note), " +
    'and contact details given with consent.',
  anonymised:
    'Anonymised: ticket numbers instead of names; no notes, follow-up notes or other free text; no contact details.',
  followups:
    'Follow-up list: only people who agreed to be contacted for a mentoring follow-up, ' +
    'with their contact details and the coaches who met them.',
};

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
