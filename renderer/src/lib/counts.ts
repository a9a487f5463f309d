/**
 * Entries versus heads, said on every label: "3 in the queue" counts entries
 * (a party is one entry, one turn); "5 people" counts heads (party sizes
 * summed). When a queue holds parties, both are said: "3 in the queue (5 people)".
 * The numbers come from shared/domain/table.ts (waitingEntries, waitingHeads).
 */
import type { TFunction } from 'i18next';
import type { QueueEntryView } from '../../../shared/contract';
import { crowdTitleWords, waitingEntries, waitingHeads } from '../../../shared/domain/table';
import { formatNumber } from './format';

/** "3 in the queue", or "3 in the queue (5 people)" when parties make the heads differ. */
export function queueCountLabel(t: TFunction, queue: readonly QueueEntryView[]): string {
  const entries = waitingEntries({ queue: [...queue] });
  const heads = waitingHeads({ queue: [...queue] });
  if (entries === heads) return t('counts.inQueue', { count: entries });
  return t('counts.inQueueHeads', { entries: t('counts.inQueue', { count: entries }), people: t('counts.people', { count: heads }) });
}


/** For a labelled figure ("In the queue: 3"): "3", or "3 (5 people)" when parties make the heads differ. */
export function queueCountFigure(t: TFunction, queue: readonly QueueEntryView[]): string {
  return countFigure(t, waitingEntries({ queue: [...queue] }), waitingHeads({ queue: [...queue] }));
}

/** A figure counted in entries, under a label that says so ("Served (queue entries): 3"), with the heads when they differ: "3 (5 people)". */
export function countFigure(t: TFunction, entries: number, heads: number): string {
  return entries === heads ? formatNumber(entries) : t('counts.inQueueHeads', { entries, people: t('counts.people', { count: heads }) });
}

/** The crowd tools' heading (table.ts crowdTitleWords): "5 here now, 1 stepped away: handle the crowd". */
export function crowdTitle(t: TFunction, table: { queue: readonly QueueEntryView[] }): string {
  const w = crowdTitleWords({ queue: [...table.queue] });
  return t(`crowd.${w.key}`, w.params);
}
