/**
 * A sentence built from typed text and a template's punctuation says its full
 * stop once (shared/stops.ts): "Time is up for Paola I.", never "Paola I..",
 * in every template of every language, through the page's i18next and the
 * shell's notifications alike.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { alertNotification } from '../../electron/shell/notify.js';
import { notificationText } from '../../electron/shell/words.js';
import { dropDoubledStops, STOPS, stopsPostProcessor } from '../../shared/stops.js';
import ar from '../../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import de from '../../renderer/src/i18n/locales/de.json' with { type: 'json' };
import en from '../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../renderer/src/i18n/locales/es.json' with { type: 'json' };
import fr from '../../renderer/src/i18n/locales/fr.json' with { type: 'json' };
import ru from '../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/locales/zh.json' with { type: 'json' };

const LOCALES = { en, ar, de, es, fr, ru, zh } as const;

function templates(node: unknown, path: string[] = []): { key: string; text: string }[] {
  if (typeof node === 'string') return [{ key: path.join('.'), text: node }];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => templates(v, [...path, k]));
}

describe('a full stop after typed text is said once', () => {
  it('drops the template\'s stop after a value that ends with its own, and nothing else', () => {
    expect(dropDoubledStops('Time is up for Paola I..', { who: 'Paola I.' })).toBe('Time is up for Paola I.');
    expect(dropDoubledStops('Time is up for Paola I.. Call the next group.', { who: 'Paola I.' })).toBe('Time is up for Paola I. Call the next group.');
    expect(dropDoubledStops('Claimed by Why?.', { laptops: 'Why?' })).toBe('Claimed by Why?.'.replace('?.', '?'));
    expect(dropDoubledStops('Saved in Wait....', { folder: 'Wait...' })).toBe('Saved in Wait...');
    expect(dropDoubledStops('张伟。 的时间到了。', { who: '张伟。' })).toBe('张伟。 的时间到了。');
    expect(dropDoubledStops('المهندس م.. انتهى', { who: 'المهندس م.' })).toBe('المهندس م. انتهى');
    // A bidi isolate closing the name: still its own stop.
    expect(dropDoubledStops('Time is up for \u2068Paola I.\u2069.', { who: '\u2068Paola I.\u2069' })).toBe('Time is up for \u2068Paola I.\u2069');
    // Values without a stop of their own, numbers, and the template's own ellipsis stay.
    expect(dropDoubledStops('Time is up for Paola.', { who: 'Paola' })).toBe('Time is up for Paola.');
    expect(dropDoubledStops('At most 5.', { max: 5 })).toBe('At most 5.');
    expect(dropDoubledStops('Loading Paola…', { who: 'Paola' })).toBe('Loading Paola…');
  });

  it('in every template of the seven languages, through i18next as the page sets it up', async () => {
    for (const [language, resources] of Object.entries(LOCALES)) {
      const i18n = i18next.createInstance();
      await i18n.use(stopsPostProcessor).init({
        resources: { [language]: { translation: resources } },
        lng: language,
        interpolation: { escapeValue: false },
        postProcess: [STOPS],
      });
      for (const { key, text } of templates(resources)) {
        const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).filter((n) => n !== 'count');
        if (names.length === 0) continue;
        const values = Object.fromEntries(names.map((n) => [n, 'Paola I.']));
        const shown = i18n.t(key.replace(/_(one|other|few|many|two|zero)$/, ''), { ...values, count: 2 });
        expect(shown, `${language} ${key}`).not.toMatch(/Paola I\.[.。]/u);
      }
    }
  });

  it('in the shell\'s notifications too', () => {
    const snapshot = { tables: [{ id: 'tb1', name: 'Table 3', coaches: [], currentTurn: { id: 't1', participants: [{ ticket: 1, name: 'Paola I.' }] }, pastTurns: [] }] };
    for (const language of ['en', 'ar', 'de', 'es', 'fr', 'ru', 'zh'] as const) {
      for (const kind of ['warning', 'end'] as const) {
        const n = alertNotification({ kind, turnId: 't1', tableId: 'tb1' }, snapshot, notificationText(language));
        expect(`${n.title} ${n.body}`, `${language} ${kind}`).not.toMatch(/Paola I\.[.。]/u);
      }
    }
  });
});
