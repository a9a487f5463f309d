/**
 * What this laptop may do at a table (shared/domain/laptop.ts, the rule the
 * core enforces too), for the table screen and the organiser's views.
 */
import { useShallow } from 'zustand/react/shallow';
import type { TableView } from '../../../shared/contract';
import { claimedTables, runTables, tableAccess, type TableAccess } from '../../../shared/domain/laptop';
import { useStore } from '../store';

const NONE: readonly string[] = [];

export interface TableAccessView {
  access: TableAccess;
  device: { id: string };
  myTables: readonly string[];
  /** The names of the tables this laptop runs (this event's only; not those taken over from it). */
  ownNames: readonly string[];
}

/** This laptop's access to `table`; redraws only when the claims, the names claimed or the table change. */
export function useTableAccess(table: TableView): TableAccessView {
  const { id, myTables } = useStore(
    useShallow((s) => ({ id: s.snapshot?.device.id ?? '', myTables: s.snapshot?.device.myTables ?? NONE })),
  );
  // One string, so the selector's value compares equal while the names stay the same.
  // Whether it claims any (a coach's laptop), and the names of those it still runs (not those taken over from it).
  const claimsAny = useStore((s) => claimedTables(s.snapshot?.tables ?? [], { id, myTables }).length > 0);
  const joined = useStore((s) => runTables(s.snapshot?.tables ?? [], { id, myTables }).map((t) => t.name).join('\u0000'));
  const ownNames = joined === '' ? NONE : joined.split('\u0000');
  const device = { id, myTables };
  return { access: tableAccess(table, device, claimsAny), device, myTables, ownNames };
}
