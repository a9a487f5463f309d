/**
 * OS notifications for a turn's 2-minute warning and its end.
 *
 * The core raises an `alert` push when a running turn crosses its warning or
 * its deadline (once per crossing; see electron/core/timers.ts). The page
 * already shows it and chimes, and keeps doing so in a background window
 * (main.ts turns off backgroundThrottling). What a coach who switched to
 * another window misses is *seeing* it, so main.ts shows an OS notification:
 *
 * - only when the window is not focused (shouldNotify): a coach looking at
 *   the app sees the alert on the page and is not sent a second one;
 * - silent, because the page's chime is the sound (two sounds for one alert
 *   would teach people to ignore both);
 * - naming the table and the person, from the snapshot, so a coach with
 *   several tables on one laptop knows which one;
 * - clicking it brings the window back.
 */
import { dropDoubledStops } from '../../shared/stops.js';
import { WARNING_MS } from '../../shared/domain/timer.js';
import { ticketText } from '../../shared/domain/ticket.js';

/** Every word a notification shows; one object so that a translation can replace it. */
export const NOTIFICATION_TEXT = {
  locale: 'en',
  warningTitle: '{{table}}: {{minutes}} minutes left',
  warningBody: 'The turn with {{people}} ends in {{minutes}} minutes.',
  endTitle: '{{table}}: time is up',
  endBody: 'The turn with {{people}} has reached its time.',
  ticket: 'Ticket {{ticket}}',
  /** More people than are named: "Lucía, Ticket 4, Ticket 5 and 3 more". */
  more: '{{count}} more',
  /** When the snapshot no longer has the turn (it ended in the meantime). */
  unknownPeople: 'the current visitor',
  /** When the snapshot no longer has the table, or it has neither name nor coach. */
  unknownTable: 'Tableside',
};

export type NotificationText = typeof NOTIFICATION_TEXT;

export interface AlertLike {
  kind: 'warning' | 'end';
  turnId: string;
  tableId: string;
}

export interface NotifyPerson {
  ticket: number;
  /** '' or the letter telling apart two holders of one number (shared/domain/ticket.ts). */
  ticketSuffix?: string;
  name: string | null;
  /** Set when the person left a group turn early. */
  leftTurnAt?: number | null;
}

export interface NotifyTurn {
  id: string;
  participants: readonly NotifyPerson[];
}

export interface NotifyTable {
  id: string;
  name: string;
  coaches: readonly string[];
  currentTurn: NotifyTurn | null;
  /** Other turns running at the table at once (TableView.alsoRunning). */
  alsoRunning?: readonly NotifyTurn[];
  pastTurns?: readonly NotifyTurn[];
}

/** What the text needs from the core's Snapshot (a structural subset of it). */
export interface NotifySnapshot {
  tables: readonly NotifyTable[];
}

const NAMED = 3;

function fill(template: string, values: Record<string, string | number>): string {
  const filled = template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
  // A name that ends with "." takes no second one from the template (as every t() in the page).
  return dropDoubledStops(filled, values);
}

export function tableLabel(table: NotifyTable | undefined, text: NotificationText = NOTIFICATION_TEXT): string {
  if (!table) return text.unknownTable;
  const name = table.name.trim();
  if (name) return name;
  const coaches = table.coaches.map((c) => c.trim()).filter(Boolean);
  return coaches.length ? new Intl.ListFormat(text.locale, { type: 'conjunction' }).format(coaches) : text.unknownTable;
}

export function peopleLabel(turn: NotifyTurn | undefined, text: NotificationText = NOTIFICATION_TEXT): string {
  const present = (turn?.participants ?? []).filter((p) => (p.leftTurnAt ?? null) === null);
  if (present.length === 0) return text.unknownPeople;
  const names = present.map((p) => p.name?.trim() || fill(text.ticket, { ticket: ticketText({ ticket: p.ticket, ticketSuffix: p.ticketSuffix ?? '' }) }));
  const shown = names.length > NAMED + 1 ? [...names.slice(0, NAMED), fill(text.more, { count: names.length - NAMED })] : names;
  return new Intl.ListFormat(text.locale, { type: 'conjunction' }).format(shown);
}

/** The notification's title and body for one alert. */
export function alertNotification(
  alert: AlertLike,
  snapshot: NotifySnapshot | null,
  text: NotificationText = NOTIFICATION_TEXT,
): { title: string; body: string } {
  const table = snapshot?.tables.find((t) => t.id === alert.tableId);
  const turn =
    table?.currentTurn?.id === alert.turnId
      ? table.currentTurn
      : (table?.alsoRunning?.find((t) => t.id === alert.turnId) ?? table?.pastTurns?.find((t) => t.id === alert.turnId));
  const values = {
    table: tableLabel(table, text),
    people: peopleLabel(turn, text),
    minutes: Math.round(WARNING_MS / 60_000),
  };
  return alert.kind === 'warning'
    ? { title: fill(text.warningTitle, values), body: fill(text.warningBody, values) }
    : { title: fill(text.endTitle, values), body: fill(text.endBody, values) };
}

/**
 * Whether to show an OS notification: only when the OS can, and when the
 * coach is not looking at the app (its window is not focused, or is gone).
 */
export function shouldNotify(state: { supported: boolean; windowFocused: boolean }): boolean {
  return state.supported && !state.windowFocused;
}

// ---------------------------------------------------------------------------
// Showing them: at most one notification per turn on screen.

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export interface NotifierOptions {
  create(content: { title: string; body: string }): NotificationLike;
  supported(): boolean;
  windowFocused(): boolean;
  snapshot(): NotifySnapshot | null;
  /** Clicking a notification: bring the window back. */
  reveal(): void;
  /** The words, or how to get them as each notification is made (the laptop's language may change). */
  text?: NotificationText | (() => NotificationText);
}

/**
 * Shows a notification per alert, following shouldNotify. A turn's end
 * replaces its warning if that is still on screen. References are kept until
 * a notification is closed: Electron drops the click handler of a
 * notification that was garbage-collected.
 */
export class AlertNotifier {
  private readonly shown = new Map<string, NotificationLike>();

  constructor(private readonly options: NotifierOptions) {}

  get open(): number {
    return this.shown.size;
  }

  alert(alert: AlertLike): boolean {
    const o = this.options;
    if (!shouldNotify({ supported: o.supported(), windowFocused: o.windowFocused() })) return false;
    this.shown.get(alert.turnId)?.close();
    const notification = o.create(alertNotification(alert, o.snapshot(), typeof o.text === 'function' ? o.text() : o.text));
    this.shown.set(alert.turnId, notification);
    notification.on('click', () => {
      o.reveal();
      this.forget(alert.turnId, notification);
    });
    notification.on('close', () => this.forget(alert.turnId, notification));
    notification.show();
    return true;
  }

  /** The coach came back to the window: what the notifications said is on the page. */
  closeAll(): void {
    for (const n of [...this.shown.values()]) n.close();
    this.shown.clear();
  }

  private forget(turnId: string, notification: NotificationLike): void {
    if (this.shown.get(turnId) === notification) this.shown.delete(turnId);
  }
}
