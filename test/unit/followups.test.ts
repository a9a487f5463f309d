/**
 * Follow-ups edited, withdrawn and de-duplicated: a participant who withdraws
 * consent has their contact erased from the projection, from the stored log
 * and from every export built afterwards (CSV and the JSON log); the log keeps
 * that a follow-up was withdrawn. A second follow-up for the same person in
 * the same queue is refused, naming the first, with nothing changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName } from '../../shared/contract.js';
import { EVENT, TABLE, dumpState, ok, tempDir, testCore } from './helpers.js';

let core: Core;
let db: Parameters<typeof dumpState>[0];
let clock: ManualClock;
let service: ExportService;
let dir: ReturnType<typeof tempDir>;
let tableId: string;

const CONTACT = 'ana.lima@example.org';

async function call<T>(method: MethodName, args: unknown): Promise<T> {
  const r = await core.dispatchAsync(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function exportText(format: 'csv' | 'json', privacy: 'full' | 'followups'): Promise<string> {
  const { exportId } = await call<ExportStatus>('export.start', { format, privacy });
  const status = await service.settled(exportId);
  expect(status.state, status.error ?? '').toBe('done');
  return status.files.map((f) => readFileSync(join(status.folder, f.name), 'utf8')).join('\n');
}

const followUps = () => ok(core.call('snapshot.get', {})).tables.flatMap((t) => t.followUps);

beforeEach(() => {
  dir = tempDir('tableside-followups');
  ({ core, clock, db } = testCore());
  service = attachExports(core, { dir: dir.dir, log: () => {} });
  ok(core.call('event.create', EVENT));
  tableId = ok(core.call('table.create', TABLE)).tableId;
});

afterEach(() => {
  core.close();
  dir.remove();
});

function servedWithFollowUp() {
  const { entryId } = ok(core.call('walkin.add', { tableId, name: 'Ana Lima', topics: [], partySize: 1 }));
  const { turnId } = ok(core.call('turn.start', { tableId, entryId }));
  clock.advance(5 * 60_000);
  const { followUpId } = ok(
    core.call('followup.record', { entryId, turnId, consent: true, contact: CONTACT, note: 'Send the slides' }),
  );
  ok(core.call('turn.end', { turnId }));
  return { entryId, turnId, followUpId };
}

describe('follow-ups: edit, withdraw, no duplicates', () => {
  it('an edit changes the contact and note the projection and a CSV export show', async () => {
    const { followUpId } = servedWithFollowUp();
    ok(core.call('followup.edit', { followUpId, contact: 'ana@example.net', note: 'Call on Monday' }));
    expect(followUps()).toMatchObject([{ id: followUpId, contact: 'ana@example.net', note: 'Call on Monday', withdrawnAt: null }]);
    const csv = await exportText('csv', 'followups');
    expect(csv).toContain('ana@example.net');
    expect(csv).toContain('Call on Monday');
    expect(csv).not.toContain(CONTACT);
  });

  it('withdrawing consent erases the contact from the projection, the stored log, and CSV and JSON exports built afterwards', async () => {
    const { followUpId, entryId } = servedWithFollowUp();
    ok(core.call('followup.edit', { followUpId, contact: 'second@example.org' }));
    expect(await exportText('csv', 'full')).toContain('second@example.org');

    clock.advance(60_000);
    ok(core.call('followup.withdraw', { followUpId }));
    const [f] = followUps();
    expect(f).toMatchObject({ id: followUpId, entryId, consent: false, contact: null, withdrawnAt: clock.now() });

    const log = core.exportLog();
    const text = log.map((o) => o.payload).join('\n');
    expect(text).not.toContain(CONTACT);
    expect(text).not.toContain('second@example.org');
    // The log keeps that it was recorded, edited and withdrawn.
    expect(log.filter((o) => o.type.startsWith('followup.')).map((o) => o.type)).toEqual([
      'followup.recorded',
      'followup.edited',
      'followup.withdrawn',
    ]);

    for (const [format, privacy] of [
      ['csv', 'full'],
      ['csv', 'followups'],
      ['json', 'full'],
    ] as const) {
      const out = await exportText(format, privacy);
      expect(out, `${format} ${privacy}`).not.toContain(CONTACT);
      expect(out, `${format} ${privacy}`).not.toContain('second@example.org');
    }
    const json = await exportText('json', 'full');
    expect(json).toContain('followup.withdrawn');
    // The follow-up list leaves the person out: no consent any more.
    expect(await exportText('csv', 'followups')).not.toContain('Ana Lima');

    // Replaying the log gives the same: the contact is gone from the stored payloads, not only hidden.
    const before = dumpState(db);
    core.rebuildFromLog();
    expect(dumpState(db)).toEqual(before);
    expect(followUps()[0]?.contact).toBeNull();

    // Neither edited back in, nor withdrawn twice; nothing changes.
    expect(core.call('followup.edit', { followUpId, contact: CONTACT })).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'followup_withdrawn' } } });
    expect(core.call('followup.withdraw', { followUpId })).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'followup_withdrawn' } } });
    expect(dumpState(db)).toEqual(before);
  });

  it('a second follow-up for the same person is refused, naming the first, with nothing changed', () => {
    const { entryId, turnId, followUpId } = servedWithFollowUp();
    const before = dumpState(db);
    const opsBefore = core.opCount();
    const r = core.call('followup.record', { entryId, turnId, consent: true, contact: 'other@example.org' });
    expect(r).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'followup_duplicate', followUpId } } });
    expect(dumpState(db)).toEqual(before);
    expect(core.opCount()).toBe(opsBefore);
    // Once withdrawn, a new follow-up with fresh consent may be recorded.
    ok(core.call('followup.withdraw', { followUpId }));
    ok(core.call('followup.record', { entryId, turnId, consent: true, contact: 'again@example.org' }));
    expect(followUps().map((f) => f.contact).sort()).toEqual(['again@example.org', null]);
  });

  it('refuses an unknown follow-up and a contact without consent', () => {
    const { entryId } = ok(core.call('walkin.add', { tableId, name: 'Bo', topics: [], partySize: 1 }));
    const { followUpId } = ok(core.call('followup.record', { entryId, consent: false, note: 'Maybe later' }));
    expect(core.call('followup.edit', { followUpId, contact: 'bo@example.org' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', params: { reason: 'contact_needs_consent' } },
    });
    expect(core.call('followup.withdraw', { followUpId: 'f'.repeat(20) })).toMatchObject({ ok: false, error: { code: 'rejected', params: { reason: 'no_followup' } } });
  });
});
