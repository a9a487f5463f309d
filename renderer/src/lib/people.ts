/** How people are named on screen: their name, or their ticket if anonymous. */
import type { TFunction } from 'i18next';
import { formatList } from './format';

export function personLabel(t: TFunction, p: { name: string | null; ticket: number }): string {
  return p.name ?? t('queue.ticket', { ticket: p.ticket });
}

export function peopleLabel(t: TFunction, people: readonly { name: string | null; ticket: number }[]): string {
  return formatList(people.map((p) => personLabel(t, p)));
}
