/**
 * The renderer's one store, built from slices (zustand's slices pattern).
 * It holds only what the core pushed plus what this screen is showing; the
 * core stays the source of truth.
 */
import { create, type StateCreator } from 'zustand';
import type { AlertPush, Snapshot, TableView, TimersPush } from '../../../shared/contract';
import type { TurnPhase } from '../../../shared/domain/timer';
import type { RehearsalClock } from '../../../shared/domain/rehearsal';
import type { ConnectionState } from '../api/transport';
import { setDisplayZone } from '../lib/format';
import { keepUnchanged } from './share';
import { applyChanges as applyPushedChanges, type SnapshotChanges } from '../../../shared/push';

export interface DataSlice {
  snapshot: Snapshot | null;
  setSnapshot(snapshot: Snapshot): void;
  /**
   * Apply a push of what changed (shared/push.ts): only the tables, fields
   * and entries named are replaced. False if it could not be applied (no
   * snapshot yet, or a table it names is not held): read the snapshot again.
   */
  applyChanges(changes: SnapshotChanges): boolean;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
  /**
   * The host's own clock minus this screen's (ms), as last measured
   * (lib/hostClock.ts): 0 in Electron, which shares its host's clock.
   */
  hostClockOffsetMs: number;
  setHostClockOffset(ms: number): void;
}

export interface TimerSlice {
  /** What each running turn's countdown shows, by turn id, as last pushed. */
  countdowns: Record<string, { remainingMs: number; phase: TurnPhase; paused: boolean }>;
  setTimers(push: TimersPush): void;
}

export interface ActiveAlert extends AlertPush {
  receivedAt: number;
}

export interface AlertSlice {
  /** The latest alert per turn, until the turn ends or the coach dismisses it. */
  alerts: Record<string, ActiveAlert>;
  raiseAlert(alert: AlertPush): void;
  dismissAlert(turnId: string): void;
}

export type View =
  | { kind: 'table'; tableId: string }
  | { kind: 'newTable' }
  | { kind: 'event' }
  | { kind: 'dashboard' }
  | { kind: 'sharing' }
  | { kind: 'export' }
  | { kind: 'report' }
  | { kind: 'signs' }
  | { kind: 'plan' };

export interface UiSlice {
  view: View | null;
  show(view: View): void;
}

/** The data folder's storage refused the last change (a full disk, read-only storage); reading goes on. */
export interface StorageSlice {
  storageFault: { code: 'storage_full' | 'storage_readonly' | 'storage_damaged'; detail: string } | null;
  setStorageFault(fault: StorageSlice['storageFault']): void;
}

/** On a rehearsal floor, its one clock (shared/domain/rehearsal.ts), as the rehearsal bar last read it; null otherwise. */
export interface RehearsalSlice {
  rehearsalClock: RehearsalClock | null;
  setRehearsalClock(clock: RehearsalClock | null): void;
}

export type State = DataSlice & ConnectionSlice & TimerSlice & AlertSlice & UiSlice & StorageSlice & RehearsalSlice;
type Slice<T> = StateCreator<State, [], [], T>;

const dataSlice: Slice<DataSlice> = (set, get) => ({
  snapshot: null,
  // A whole snapshot (on connecting, or after a change that is not one
  // table's): whatever did not change keeps its identity, so selectors and rows skip it.
  setSnapshot: (pushed) => set((s) => withAlerts(s, keepUnchanged(s.snapshot, pushed))),
  // Only what changed: the rest is untouched, by construction.
  applyChanges: (changes) => {
    const current = get().snapshot;
    const next = current ? applyPushedChanges(current, changes) : null;
    if (!next) return false;
    set((s) => withAlerts(s, next));
    return true;
  },
});

const rehearsalSlice: Slice<RehearsalSlice> = (set) => ({
  rehearsalClock: null,
  setRehearsalClock: (rehearsalClock) => set({ rehearsalClock }),
});

const storageSlice: Slice<StorageSlice> = (set) => ({
  storageFault: null,
  setStorageFault: (storageFault) => set({ storageFault }),
});

function withAlerts(s: State, snapshot: Snapshot): Partial<State> {
  // Every running turn: two at one table when laptops apart each started one (TableView.alsoRunning).
  const running = new Set(snapshot.tables.flatMap((t) => [t.currentTurn?.id, ...t.alsoRunning.map((turn) => turn.id)]));
  const kept = Object.entries(s.alerts).filter(([id]) => running.has(id));
  const alerts = kept.length === Object.keys(s.alerts).length ? s.alerts : Object.fromEntries(kept);
  // Every time on screen is the event's wall time (lib/format.ts).
  setDisplayZone(snapshot.event?.timeZone ?? null);
  return snapshot === s.snapshot ? { alerts } : { snapshot, alerts };
}

/** One table as last pushed, by id; the same object as long as nothing in it changed. */
export function useTable(tableId: string): TableView | undefined {
  return useStore((s) => s.snapshot?.tables.find((t) => t.id === tableId));
}

const connectionSlice: Slice<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
  hostClockOffsetMs: 0,
  setHostClockOffset: (hostClockOffsetMs) => set({ hostClockOffsetMs }),
});

const timerSlice: Slice<TimerSlice> = (set) => ({
  countdowns: {},
  setTimers: (push) =>
    set({
      countdowns: Object.fromEntries(
        push.turns.map((t) => [t.turnId, { remainingMs: t.remainingMs, phase: t.phase, paused: t.paused }]),
      ),
    }),
});

const alertSlice: Slice<AlertSlice> = (set) => ({
  alerts: {},
  raiseAlert: (alert) =>
    set((s) => ({ alerts: { ...s.alerts, [alert.turnId]: { ...alert, receivedAt: Date.now() } } })),
  dismissAlert: (turnId) =>
    set((s) => {
      const { [turnId]: _gone, ...rest } = s.alerts;
      return { alerts: rest };
    }),
});

const uiSlice: Slice<UiSlice> = (set) => ({
  view: null,
  show: (view) => set({ view }),
});

export const useStore = create<State>()((...a) => ({
  ...dataSlice(...a),
  ...connectionSlice(...a),
  ...timerSlice(...a),
  ...alertSlice(...a),
  ...uiSlice(...a),
  ...storageSlice(...a),
  ...rehearsalSlice(...a),
}));
