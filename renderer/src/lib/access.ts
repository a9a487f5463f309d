/**
 * What this laptop may do at a table (shared/domain/laptop.ts, the rule the
 * core enforces too), for the table screen and the organiser's views.
 */
import { useShallow } from 'zustand/react/shallow';
import type { TableView } from '../../../shared/contract';
import { claimedTables, tableAccess, type TableAccess } from '../../../shared/domain/laptop';
import { useStore } from '../store';

const NONE: readonly string[] = [];

export interface TableAccessView {
  access: TableAccess;
  device: { id: string };
  myTables: readonly string[];
  /** The names of the tables this laptop runs (this event's only). */
  ownNames: readonly string[];
}

/** This laptop's access to `table`; redraws only when the claims, the names claimed or the table change. */
export function useTableAccess(table: TableView): TableAccessView {
  const { id, myTables } = useStore(
    useShallow((s) => ({ id: s.snapshot?.device.id ?? '', myTables: s.snapshot?.device.myTables ?? NONE })),
  );
  // One string, so the selector's value compares equal while the names stay the same.
  const joined = useStore((s) => claimedTables(s.snapshot?.tables ?? [], { id, myTables }).map((t) => t.name).join('\u0000'));
  const ownNames = joined === '' ? NONE : joined.split('\u0000');
  const device = { id, myTables };
  return { access: tableAccess(table, device, ownNames.length > 0), device, myTables, ownNames };
}
