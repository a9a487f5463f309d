/**
 * The crowd tools count as every other place on the table screen: one
 * definition of each count (shared/domain/table.ts queueCounts), and words
 * that say what is counted ("here now" apart from "in the queue").
 */
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { crowdTitleWords, queueCounts } from '../../shared/domain/table.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

const en = JSON.parse(readFileSync(new URL('../../renderer/src/i18n/locales/en.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('crowd counts: one definition, words that say what they count', () => {
  it('a person who stepped away is in the queue but not here now: the crowd tools say both, never "5 in the queue" beside "Waiting (6)"', async () => {
    const t = i18next.createInstance();
    await t.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const { tableId } = ok(core.call('table.create', TABLE));
    const sizes = [1, 2, 1, 3, 1, 2];
    const ids = sizes.map((partySize, i) => ok(core.call('walkin.add', { tableId, name: `P${i}`, topics: [], partySize })).entryId);
    ok(core.call('entry.setStatus', { entryId: ids[1]!, status: 'away' }));
    const table = ok(core.call('snapshot.get', {})).tables[0]!;

    expect(queueCounts(table)).toEqual({ inQueue: { entries: 6, heads: 10 }, here: { entries: 5, heads: 8 }, away: { entries: 1, heads: 2 } });
    // The queue's heading ("Waiting (6)") and the floor list count every place held.
    expect(t.t('queue.title', { count: table.queue.length })).toBe('Waiting (6)');
    const { inQueue } = queueCounts(table);
    const people = t.t('counts.people', { count: inQueue.heads });
    expect(t.t('counts.inQueueHeads', { entries: t.t('counts.inQueue', { count: inQueue.entries }), people })).toBe('6 in the queue (10 people)');
    // Before: "5 in the queue: handle the crowd".
    const crowdTitle = (tb: typeof table) => {
      const w = crowdTitleWords(tb);
      return t.t(`crowd.${w.key}`, w.params);
    };
    expect(crowdTitle(table)).toBe('5 here now, 1 stepped away: handle the crowd');
    ok(core.call('entry.setStatus', { entryId: ids[1]!, status: 'waiting' }));
    expect(crowdTitle(ok(core.call('snapshot.get', {})).tables[0]!)).toBe('6 in the queue: handle the crowd');
    core.close();
  });
});
