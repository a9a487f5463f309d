/**
 * OS notifications for a turn's warning and end (electron/shell/notify.ts):
 * the text, which names the table and the people from the snapshot; when one
 * is shown; and the bookkeeping around a fake Notification.
 */
import { describe, expect, it } from 'vitest';
import {
  AlertNotifier,
  alertNotification,
  NOTIFICATION_TEXT,
  peopleLabel,
  shouldNotify,
  tableLabel,
  type NotificationLike,
  type NotifySnapshot,
  type NotifyTable,
} from '../../electron/shell/notify.js';

const lucia = { ticket: 1, name: 'Lucía' };
const table = (over: Partial<NotifyTable> = {}): NotifyTable => ({
  id: 'tb1',
  name: 'Table 3',
  coaches: ['Ana Ortega'],
  currentTurn: { id: 'turn1', participants: [lucia] },
  pastTurns: [],
  ...over,
});
const snapshot = (...tables: NotifyTable[]): NotifySnapshot => ({ tables });

describe('alertNotification', () => {
  it('the warning names the table, the person and the minutes left', () => {
    expect(alertNotification({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' }, snapshot(table()))).toEqual({
      title: 'Table 3: 2 minutes left',
      body: 'The turn with Lucía ends in 2 minutes.',
    });
  });

  it('the end says time is up', () => {
    expect(alertNotification({ kind: 'end', turnId: 'turn1', tableId: 'tb1' }, snapshot(table()))).toEqual({
      title: 'Table 3: time is up',
      body: 'The turn with Lucía has reached its time.',
    });
  });

  it('finds the right table among several', () => {
    const other = table({ id: 'tb2', name: 'Table 4', currentTurn: { id: 'turn2', participants: [{ ticket: 7, name: 'Kofi' }] } });
    const n = alertNotification({ kind: 'end', turnId: 'turn2', tableId: 'tb2' }, snapshot(table(), other));
    expect(n).toEqual({ title: 'Table 4: time is up', body: 'The turn with Kofi has reached its time.' });
  });

  it('an anonymous person is named by their ticket', () => {
    const anon = table({ currentTurn: { id: 'turn1', participants: [{ ticket: 12, name: null }] } });
    expect(alertNotification({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' }, snapshot(anon)).body).toBe(
      'The turn with Ticket 12 ends in 2 minutes.',
    );
  });

  it('a turn that has just ended is found among the past turns', () => {
    const ended = table({ currentTurn: null, pastTurns: [{ id: 'turn1', participants: [lucia] }] });
    expect(alertNotification({ kind: 'end', turnId: 'turn1', tableId: 'tb1' }, snapshot(ended)).body).toBe(
      'The turn with Lucía has reached its time.',
    );
  });

  it('still says something when the snapshot no longer has the turn or the table', () => {
    expect(alertNotification({ kind: 'end', turnId: 'gone', tableId: 'tb1' }, snapshot(table()))).toEqual({
      title: 'Table 3: time is up',
      body: 'The turn with the current visitor has reached its time.',
    });
    expect(alertNotification({ kind: 'warning', turnId: 'x', tableId: 'gone' }, null)).toEqual({
      title: 'Tableside: 2 minutes left',
      body: 'The turn with the current visitor ends in 2 minutes.',
    });
  });

  it('follows a translation of its words', () => {
    const fr = {
      ...NOTIFICATION_TEXT,
      locale: 'fr',
      warningTitle: '{{table}} : plus que {{minutes}} minutes',
      warningBody: 'Le tour de {{people}} se termine dans {{minutes}} minutes.',
    };
    const two = table({ currentTurn: { id: 'turn1', participants: [lucia, { ticket: 2, name: 'Kofi' }] } });
    expect(alertNotification({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' }, snapshot(two), fr)).toEqual({
      title: 'Table 3 : plus que 2 minutes',
      body: 'Le tour de Lucía et Kofi se termine dans 2 minutes.',
    });
  });
});

describe('labels', () => {
  it('a table without a name is called by its coaches', () => {
    expect(tableLabel(table({ name: '  ', coaches: ['Ana', 'Ben'] }))).toBe('Ana and Ben');
    expect(tableLabel(table({ name: '', coaches: [] }))).toBe('Tableside');
  });

  it('a group is listed, people who left are not, and a long list is cut short', () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ ticket: i + 1, name: i === 0 ? 'Lucía' : null }));
    expect(peopleLabel({ id: 't', participants: people(2) })).toBe('Lucía and Ticket 2');
    expect(peopleLabel({ id: 't', participants: people(4) })).toBe('Lucía, Ticket 2, Ticket 3, and Ticket 4');
    expect(peopleLabel({ id: 't', participants: people(7) })).toBe('Lucía, Ticket 2, Ticket 3, and 4 more');
    expect(
      peopleLabel({ id: 't', participants: [{ ...lucia, leftTurnAt: 5 }, { ticket: 2, name: 'Kofi', leftTurnAt: null }] }),
    ).toBe('Kofi');
    expect(peopleLabel({ id: 't', participants: [] })).toBe('the current visitor');
  });
});

describe('shouldNotify', () => {
  it('only when the coach is not looking at the window, and the OS can show one', () => {
    expect(shouldNotify({ supported: true, windowFocused: false })).toBe(true);
    expect(shouldNotify({ supported: true, windowFocused: true })).toBe(false);
    expect(shouldNotify({ supported: false, windowFocused: false })).toBe(false);
  });
});

describe('AlertNotifier', () => {
  /** Electron's Notification, replaced: it records what was shown and closed. */
  function setup(focused = false) {
    const log: string[] = [];
    const made: (NotificationLike & { title: string; emit(e: 'click' | 'close'): void })[] = [];
    let revealed = 0;
    const state = { focused };
    const notifier = new AlertNotifier({
      create: ({ title, body }) => {
        const listeners = new Map<string, () => void>();
        const n = {
          title,
          show: () => log.push(`show ${title} | ${body}`),
          close: () => {
            log.push(`close ${title}`);
            listeners.get('close')?.();
          },
          on: (event: string, listener: () => void) => listeners.set(event, listener),
          emit: (event: 'click' | 'close') => listeners.get(event)?.(),
        };
        made.push(n);
        return n;
      },
      supported: () => true,
      windowFocused: () => state.focused,
      snapshot: () => snapshot(table()),
      reveal: () => void revealed++,
    });
    return { notifier, log, made, state, revealed: () => revealed };
  }

  it('shows nothing while the window is focused', () => {
    const s = setup(true);
    expect(s.notifier.alert({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' })).toBe(false);
    expect(s.log).toEqual([]);
  });

  it('shows the warning, then replaces it with the end of the same turn', () => {
    const s = setup();
    s.notifier.alert({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' });
    s.notifier.alert({ kind: 'end', turnId: 'turn1', tableId: 'tb1' });
    expect(s.log).toEqual([
      'show Table 3: 2 minutes left | The turn with Lucía ends in 2 minutes.',
      'close Table 3: 2 minutes left',
      'show Table 3: time is up | The turn with Lucía has reached its time.',
    ]);
    expect(s.notifier.open).toBe(1);
  });

  it('clicking one brings the window back and forgets it', () => {
    const s = setup();
    s.notifier.alert({ kind: 'end', turnId: 'turn1', tableId: 'tb1' });
    s.made[0]?.emit('click');
    expect(s.revealed()).toBe(1);
    expect(s.notifier.open).toBe(0);
  });

  it('the coach coming back to the window closes what is still on screen', () => {
    const s = setup();
    s.notifier.alert({ kind: 'warning', turnId: 'turn1', tableId: 'tb1' });
    s.notifier.alert({ kind: 'warning', turnId: 'turn2', tableId: 'tb1' });
    expect(s.notifier.open).toBe(2);
    s.notifier.closeAll();
    expect(s.notifier.open).toBe(0);
    expect(s.log.filter((l) => l.startsWith('close'))).toHaveLength(2);
  });
});
