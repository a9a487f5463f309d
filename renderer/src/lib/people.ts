/** How people are named on screen: their name, or their ticket if anonymous. */
import type { TFunction } from 'i18next';
import { ticketText } from '../../../shared/domain/ticket';
import { formatList, formatNumber } from './format';
import { fewOf } from '../../../shared/few';

/** A ticket as people read it ("2", or "2B" when two people at the table hold 2: shared/domain/ticket.ts), in the page's digits. */
export function shownTicket(p: { ticket: number; ticketSuffix: string }): string {
  return ticketText(p, formatNumber);
}

export function personLabel(t: TFunction, p: { name: string | null; ticket: number; ticketSuffix: string }): string {
  return p.name ?? t('queue.ticket', { ticket: shownTicket(p) });
}

export function peopleLabel(t: TFunction, people: readonly { name: string | null; ticket: number; ticketSuffix: string }[]): string {
  return formatList(people.map((p) => personLabel(t, p)));
}

/**
 * The first few people's labels (name, or ticket if anonymous: `FEW_NAMES`,
 * shared/few.ts) and how many are left unnamed, for a short line.
 */
export function fewPeople(
  t: TFunction,
  people: readonly { name: string | null; ticket: number; ticketSuffix: string }[],
): { names: string[]; hidden: number } {
  const { shown, hidden } = fewOf(people);
  return { names: shown.map((p) => personLabel(t, p)), hidden };
}
