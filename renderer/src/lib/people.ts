/** How people are named on screen: their name, or their ticket if anonymous. */
import type { TFunction } from 'i18next';

export function personLabel(t: TFunction, p: { name: string | null; ticket: number }): string {
  return p.name ?? t('queue.ticket', { ticket: p.ticket });
}

let listFormat: Intl.ListFormat | null = null;

export function peopleLabel(t: TFunction, people: readonly { name: string | null; ticket: number }[]): string {
  const names = people.map((p) => personLabel(t, p));
  // Making the formatter costs far more than using it, and every snapshot draws a few of these.
  listFormat ??= new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' });
  return listFormat.format(names);
}
