import { overtimeSeconds } from './timer.js';

/**
 * What the organiser's dashboard flags: a turn running over, a long queue
 * while another table sits idle, a table whose laptop has not been heard
 * from. Pure, from the snapshot's figures and the pushed countdowns.
 */
export interface TableFacts {
  id: string;
  name: string;
  closed: boolean;
  waiting: number;
  busy: boolean;
  /** Whole minutes the current turn is over time (0 in its first minute over; overtimeMinutes); null if it is not over, or no turn runs. */
  overtimeMinutes: number | null;
  /** When its laptop was last heard from; null if never, Infinity-like if it is this laptop. */
  lastHeardAt: number | null;
  local: boolean;
}

export type DashboardAlert =
  | { kind: 'overtime'; tableId: string; table: string; minutes: number }
  | { kind: 'imbalance'; tableId: string; table: string; waiting: number; idleTable: string }
  | { kind: 'silent'; tableId: string; table: string; minutes: number | null };

export const LONG_QUEUE = 4;
export const SILENT_AFTER_MS = 2 * 60_000;

/**
 * Whether a laptop last heard from at `lastHeardAt` (ms, this laptop's clock;
 * null: never) is silent at `now`: more than SILENT_AFTER_MS ago. The one
 * rule for the dashboard's alert and the export's "not heard from".
 */
export function isSilent(lastHeardAt: number | null, now: number): boolean {
  return lastHeardAt === null || now - lastHeardAt > SILENT_AFTER_MS;
}

/**
 * Whole minutes a turn is over time, from its pushed remainingMs (0 in the
 * first minute over); null while time is left. The minutes of the countdown's
 * own digits ("+0:48" is 0, "+1:05" is 1: timer.ts overtimeSeconds, one
 * rounding rule), read once a minute by the dashboard, not each second.
 */
export function overtimeMinutes(remainingMs: number): number | null {
  return remainingMs < 0 ? Math.floor(overtimeSeconds(remainingMs) / 60) : null;
}

/**
 * An alert as words: the i18n key (under `dashboard.`) and its parameters.
 * A turn in its first minute over time says "under a minute" (the coach's
 * countdown shows "+0:48" then), never "0 min over time".
 */
export function alertWords(a: DashboardAlert): { key: string; params: Record<string, string | number> } {
  switch (a.kind) {
    case 'overtime':
      return a.minutes === 0
        ? { key: 'overtimeUnderMinute', params: { table: a.table } }
        : { key: 'overtime', params: { table: a.table, minutes: a.minutes } };
    case 'imbalance':
      return { key: 'imbalance', params: { table: a.table, count: a.waiting, idle: a.idleTable } };
    case 'silent':
      return a.minutes === null ? { key: 'neverHeard', params: { table: a.table } } : { key: 'silent', params: { table: a.table, minutes: a.minutes } };
  }
}

export function dashboardAlerts(tables: readonly TableFacts[], now: number): DashboardAlert[] {
  const alerts: DashboardAlert[] = [];
  const open = tables.filter((t) => !t.closed);
  const idle = open.filter((t) => !t.busy && t.waiting === 0);
  for (const t of open) {
    if (t.overtimeMinutes !== null) {
      alerts.push({ kind: 'overtime', tableId: t.id, table: t.name, minutes: t.overtimeMinutes });
    }
    const idleOther = idle.find((i) => i.id !== t.id);
    if (t.waiting >= LONG_QUEUE && idleOther) {
      alerts.push({ kind: 'imbalance', tableId: t.id, table: t.name, waiting: t.waiting, idleTable: idleOther.name });
    }
    if (!t.local && isSilent(t.lastHeardAt, now)) {
      alerts.push({
        kind: 'silent',
        tableId: t.id,
        table: t.name,
        minutes: t.lastHeardAt === null ? null : Math.floor((now - t.lastHeardAt) / 60_000),
      });
    }
  }
  return alerts;
}
