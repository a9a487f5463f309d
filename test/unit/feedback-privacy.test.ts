/**
 * An anonymous feedback card cannot be joined to the person it came from
 * (ARCHITECTURE.md "Feedback cards"): the operation names no turn and keeps
 * only the hour, the tables keep no turn, and the JSON export carries the
 * cards apart from the log (no operation whose timestamp, author or place in
 * the log would say which turn it followed). An operation written before, with
 * its turn and its minute, is still accepted; its link is dropped everywhere.
 * Nor does what is left say where a card sat: the log's sequence numbers and
 * clock counters run on without a gap, and the counts and each laptop's
 * first and last operation leave the cards out.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import { attachExports } from '../../electron/export/attach.js';
import type { ExportService } from '../../electron/export/service.js';
import type { ExportStatus, MethodName, ReportData } from '../../shared/contract.js';
import { FEEDBACK_TIME_STEP_MS } from '../../shared/domain/feedback.js';
import { hlcParse, hlcToString } from '../../shared/domain/hlc.js';
import { privacySentence } from '../../shared/export/scope.js';
import { carries, EXPORT_ITEMS, PRIVACY_LEVELS, type ExportItem } from '../../shared/export/model.js';
import { EXPORT_WORDS } from '../../shared/export/words/index.js';
import { utcIso } from '../../electron/export/writers.js';
import type { Op } from '../../shared/ops.js';
import { EVENT, TABLE, ok, tempDir, testCore } from './helpers.js';

const MIN = 60_000;

let core: Core;
let clock: ManualClock;
let db: ReturnType<typeof testCore>['db'];
let service: ExportService;
let dir: ReturnType<typeof tempDir>;
let tableId: string;

async function call<T>(method: MethodName, args: unknown): Promise<T> {
  const r = await core.dispatchAsync(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function exportFiles(format: 'csv' | 'xlsx' | 'json', privacy: 'full' | 'anonymised' | 'followups') {
  const { exportId } = await call<ExportStatus>('export.start', { format, privacy });
  const status = await service.settled(exportId);
  expect(status.state, status.error ?? '').toBe('done');
  return status.files.map((f) => ({ name: f.name, kind: f.kind, path: join(status.folder, f.name) }));
}

/** Every id and instant of a person's turn, as the log holds them: what a card must not carry. */
function turnOf(entryId: string): { ids: Set<string>; times: Set<number> } {
  const turn = core.snapshot().tables[0]!.pastTurns.find((t) => t.participants.some((p) => p.id === entryId))!;
  const times = new Set<number>([turn.startedAt, turn.endedAt!, ...turn.participants.flatMap((p) => [p.joinedTurnAt, p.leftTurnAt ?? 0])]);
  const entry = core.exportFacts({ id: 'x', name: 'x' }, clock.now())!.entries.find((e) => e.id === entryId)!;
  times.add(entry.joinedAt);
  times.add(entry.statusAt);
  return { ids: new Set([turn.id, entryId]), times };
}

/** Every string and number anywhere in a value. */
function leaves(value: unknown, out: (string | number)[] = []): (string | number)[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) leaves(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, out);
  return out;
}

beforeEach(() => {
  dir = tempDir('tableside-feedback-privacy');
  ({ core, clock, db } = testCore());
  service = attachExports(core, { dir: dir.dir, log: () => {} });
  ok(core.call('event.create', EVENT));
  tableId = ok(core.call('table.create', TABLE)).tableId;
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** Ana is coached one-to-one, then gives a card with a comment; Ben is coached after her, and gives none. */
function floor(): { ana: string; ben: string; turnId: string } {
  const ana = ok(core.call('walkin.add', { tableId, name: 'Ana Lima', topics: ['Personal branding'], partySize: 1 })).entryId;
  const ben = ok(core.call('walkin.add', { tableId, name: 'Ben Okafor', topics: [], partySize: 1 })).entryId;
  clock.advance(7 * MIN + 13_000);
  const turn = ok(core.call('turn.start', { tableId, entryId: ana }));
  clock.advance(17 * MIN + 5_000);
  ok(core.call('turn.end', { turnId: turn.turnId }));
  clock.advance(40_000);
  ok(core.call('feedback.record', { turnId: turn.turnId, useful: 5, wantsMentoring: true, comment: 'The plan helps' }));
  const second = ok(core.call('turn.start', { tableId, entryId: ben }));
  clock.advance(15 * MIN);
  ok(core.call('turn.end', { turnId: second.turnId }));
  return { ana, ben, turnId: turn.turnId };
}

describe('an anonymous feedback card is not linkable to the person', () => {
  it('the operation, the tables and every export hold no turn, no entry and no instant of the person\'s turn', async () => {
    const { ana, turnId } = floor();
    const ana_ = turnOf(ana);

    // The operation that travels to every laptop: its table, the hour, the answers; no turn.
    const op = core.ops().find((o) => o.type === 'feedback.given')!;
    expect(Object.keys(op.payload).sort()).toEqual(['at', 'comment', 'feedbackId', 'tableId', 'tokenId', 'useful', 'via', 'wantsMentoring']);
    expect(op.payload.at % FEEDBACK_TIME_STEP_MS).toBe(0);
    expect(leaves(op.payload).filter((v) => ana_.ids.has(String(v)) || ana_.times.has(Number(v)))).toEqual([]);
    // The tables: no turn column, the hour only.
    const row = db.prepare(`SELECT * FROM feedback`).get() as Record<string, unknown>;
    expect(Object.keys(row)).not.toContain('interaction_id');
    expect(Number(row.given_at) % FEEDBACK_TIME_STEP_MS).toBe(0);

    // The complete log (JSON, full): no card among the operations; the cards apart, with nothing of the turn.
    const [json] = await exportFiles('json', 'full');
    const log = JSON.parse(readFileSync(json!.path, 'utf8')) as { ops: Op[]; feedback: Record<string, unknown>[] };
    expect(log.ops.some((o) => o.type === 'feedback.given')).toBe(false);
    expect(log.ops.some((o) => o.type === 'turn.ended' && o.payload.turnId === turnId)).toBe(true);
    expect(log.feedback).toHaveLength(1);
    const card = log.feedback[0]!;
    expect(Object.keys(card).sort()).toEqual(['at', 'comment', 'feedbackId', 'tableId', 'useful', 'via', 'wantsMentoring']);
    expect(card).toMatchObject({ useful: 5, wantsMentoring: true, comment: 'The plan helps', via: 'laptop', tableId });
    expect(leaves(card).filter((v) => ana_.ids.has(String(v)) || ana_.times.has(Number(v)))).toEqual([]);
    // No operation id, timestamp or sequence number of the log is in the card, nor any id the log gives a person or turn.
    const logIds = new Set(log.ops.flatMap((o) => [o.id, o.hlc, ...leaves(o.payload).map(String).filter((v) => v !== tableId)]));
    expect(leaves(card).map(String).filter((v) => logIds.has(v))).toEqual([]);
    expect(Number(card.at) % FEEDBACK_TIME_STEP_MS).toBe(0);

    // CSV and workbook, full: the comment is readable, but only in the Comments file and sheet, by the hour and its
    // words alone (nothing beside a name, a ticket, a turn or a table); nowhere else.
    for (const file of await exportFiles('csv', 'full')) {
      const text = readFileSync(file.path, 'utf8');
      if (file.kind !== 'comments') expect(text).not.toContain('The plan helps');
      else expect(text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toEqual(['Hour given,Hour given (UTC),Comment', expect.stringMatching(/^\S+:00:00[+-]\S+,\S+:00:00Z,The plan helps$/)]);
    }
    expect((await exportFiles('csv', 'full')).some((f) => f.kind === 'comments')).toBe(true);
    const [xlsx] = await exportFiles('xlsx', 'full');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx!.path);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.name !== 'Comments' && sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    expect(cells.some((c) => c.includes('The plan helps'))).toBe(false);
    const comments = book.getWorksheet('Comments')!;
    expect(comments.rowCount).toBe(2);
    expect(comments.getRow(2).cellCount).toBe(3);
    expect(comments.getRow(2).getCell(3).value).toBe('The plan helps');
    // The workbook's About sheet says the full export carries them (the same definition wrote the sheet).
    const about: string[] = [];
    book.getWorksheet('About this export')!.eachRow((r) => about.push(String(r.getCell(2).value ?? '')));
    expect(about).toContain(privacySentence('full'));
    expect(privacySentence('full')).toContain("participants' feedback comments");
    // The report follows the anonymised export's rule (no free text): the card and its comment counted, the words nowhere.
    const report = await call<ReportData>('report.get', {});
    expect(report.feedback).toMatchObject({ answers: 1, wantsMentoring: 1, commentCount: 1, comments: [] });
    expect(JSON.stringify(report)).not.toContain('The plan helps');
    for (const file of await exportFiles('csv', 'anonymised')) expect(readFileSync(file.path, 'utf8')).not.toContain('The plan helps');
  });

  it('an empty laptop imports the JSON export with its card, still tied to no turn, recorded as its own', async () => {
    floor();
    const [json] = await exportFiles('json', 'full');
    const log = JSON.parse(readFileSync(json!.path, 'utf8')) as unknown;
    const target = testCore({ prefix: 'target' });
    attachExports(target.core, { dir: dir.dir });
    const imported = await target.core.dispatchAsync('export.importJson', { log });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    const cards = target.core.ops().filter((o) => o.type === 'feedback.given');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.deviceId).toBe(target.core.deviceId);
    expect(cards[0]!.payload).not.toHaveProperty('turnId');
    expect(target.db.prepare(`SELECT useful, comment, table_id FROM feedback`).all()).toEqual([{ useful: 5, comment: 'The plan helps', table_id: tableId }]);
    target.core.close();
  });

  it('each export carries exactly what its About sheet says it carries (one definition: EXPORT_CONTENTS)', async () => {
    const { ana, turnId } = floor();
    ok(core.call('note.save', { turnId, text: 'Shared words of the coach', shared: true }));
    ok(core.call('followup.record', { entryId: ana, turnId, consent: true, contact: 'ana@example.org', note: 'Send the reading list' }));
    const samples: Record<ExportItem, string> = {
      names: 'Ana Lima',
      sharedNotes: 'Shared words of the coach',
      followUpNotes: 'Send the reading list',
      contacts: 'ana@example.org',
      comments: 'The plan helps',
    };
    for (const privacy of PRIVACY_LEVELS) {
      const [xlsx] = await exportFiles('xlsx', privacy);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx!.path);
      const data: string[] = [];
      book.eachSheet((sheet) => sheet.name !== 'About this export' && sheet.eachRow((r) => r.eachCell((c) => data.push(String(c.value)))));
      const about: string[] = [];
      book.getWorksheet('About this export')!.eachRow((r) => about.push(String(r.getCell(2).value ?? '')));
      const sentence = privacySentence(privacy);
      expect(about).toContain(sentence);
      for (const item of EXPORT_ITEMS) {
        expect(data.some((c) => c.includes(samples[item])), `${privacy} ${item}`).toBe(carries(privacy, item));
        // The About sentence names what is carried (before: the full export's left out its follow-up notes and comments).
        if (carries(privacy, item)) expect(sentence, `${privacy} ${item}`).toContain(EXPORT_WORDS.en.contents[item]);
      }
    }
    expect(privacySentence('full')).toContain('follow-up notes');
    expect(privacySentence('followups')).toContain('follow-up notes');
  });

  it('a card imported with a minute (a hand-edited or foreign log) is kept to the hour, in its operation and its timestamp', async () => {
    floor();
    const [json] = await exportFiles('json', 'full');
    const log = JSON.parse(readFileSync(json!.path, 'utf8')) as { feedback: { at: number }[] };
    const hour = log.feedback[0]!.at;
    log.feedback[0]!.at = hour + 7 * MIN + 3_000;
    const target = testCore({ prefix: 'minute' });
    attachExports(target.core, { dir: dir.dir });
    const imported = await target.core.dispatchAsync('export.importJson', { log });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    const card = target.core.ops().find((o) => o.type === 'feedback.given')!;
    // Before: the operation (and so every laptop it travels to) held the minute, and its timestamp too.
    expect(card.payload.at).toBe(hour);
    expect(hlcParse(card.hlc).wall % FEEDBACK_TIME_STEP_MS).toBe(0);
    expect(Number((target.db.prepare(`SELECT given_at FROM feedback`).get() as { given_at: number }).given_at)).toBe(hour);
    target.core.close();
  });

  it('an operation written before, with its turn and minute, is accepted; its link is dropped in the tables and in the exports', async () => {
    const { turnId } = floor();
    const at = clock.now() - 3 * MIN - 7_000;
    const old: Op = {
      id: 'old-op-1',
      deviceId: 'old-laptop',
      seq: 1,
      hlc: hlcToString({ wall: at, counter: 0, node: 'old-laptop' }),
      type: 'feedback.given',
      payload: { feedbackId: 'old-card', turnId, tableId, useful: 3, wantsMentoring: false, comment: 'Old shape', tokenId: null, via: 'laptop', at },
    } as Op;
    expect(core.applyOps([old])).toBe(1);
    core.ensureFresh();
    const rows = db.prepare(`SELECT * FROM feedback ORDER BY comment`).all() as Record<string, unknown>[];
    expect(rows.map((r) => r.comment)).toEqual(['Old shape', 'The plan helps']);
    for (const r of rows) {
      expect(Object.values(r)).not.toContain(turnId);
      expect(Number(r.given_at) % FEEDBACK_TIME_STEP_MS).toBe(0);
    }
    const [json] = await exportFiles('json', 'full');
    const text = readFileSync(json!.path, 'utf8');
    const log = JSON.parse(text) as { ops: Op[]; feedback: Record<string, unknown>[] };
    expect(log.ops.some((o) => o.type === 'feedback.given')).toBe(false);
    expect(log.feedback.map((c) => c.comment).sort()).toEqual(['Old shape', 'The plan helps']);
    expect(leaves(log.feedback)).not.toContain(turnId);
    expect(leaves(log.feedback)).not.toContain(at);

    // And a JSON log written before, with the old operation among its ops, still imports; the imported tables drop the turn.
    const before = { ...(JSON.parse(text) as Record<string, unknown>), feedback: undefined, ops: [...log.ops, { ...old, localAt: null }] };
    const target = testCore({ prefix: 'target' });
    attachExports(target.core, { dir: dir.dir });
    const imported = await target.core.dispatchAsync('export.importJson', { log: before });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    const kept = target.db.prepare(`SELECT * FROM feedback`).all() as Record<string, unknown>[];
    expect(kept.map((r) => r.comment)).toEqual(['Old shape']);
    expect(Object.values(kept[0]!)).not.toContain(turnId);
    target.core.close();
  });
});

describe('nothing an export holds says where a card sat among the turns', () => {
  /**
   * Ana, Ben and Carol are coached one after the other; a card is given after Ben's turn, in the same
   * millisecond as Carol's turn starts, and another after Carol's, the laptop's last action.
   */
  function floorOfThree(): { benEnded: number; carolEnded: number; cardsAt: number[] } {
    const people = ['Ana Lima', 'Ben Okafor', 'Carol Díaz'].map(
      (name) => ok(core.call('walkin.add', { tableId, name, topics: [], partySize: 1 })).entryId,
    );
    let benEnded = 0;
    let carolEnded = 0;
    const cardsAt: number[] = [];
    people.forEach((entryId, i) => {
      if (i === 0) clock.advance(3 * MIN + 1_000);
      const turn = ok(core.call('turn.start', { tableId, entryId }));
      clock.advance(10 * MIN + 3_000);
      ok(core.call('turn.end', { turnId: turn.turnId }));
      if (i === 0) clock.advance(2 * MIN);
      if (i === 1) benEnded = clock.now();
      if (i === 2) carolEnded = clock.now();
      if (i >= 1) {
        clock.advance(40_000);
        cardsAt.push(clock.now());
        ok(core.call('feedback.record', { turnId: turn.turnId, useful: 4, wantsMentoring: false, comment: 'Good' }));
      }
    });
    return { benEnded, carolEnded, cardsAt };
  }

  it('the JSON log numbers each laptop\'s operations and the clock\'s counters with no gap; counts and last operations leave cards out', async () => {
    const { carolEnded, cardsAt } = floorOfThree();
    const [json] = await exportFiles('json', 'full');
    const log = JSON.parse(readFileSync(json!.path, 'utf8')) as {
      ops: Op[];
      feedback: unknown[];
      scope: { operations: number; devices: { operations: number; firstOpAt: number; lastOpAt: number }[]; newestOpAt: number };
    };
    expect(log.feedback).toHaveLength(2);
    expect(log.ops.some((o) => o.type === 'feedback.given')).toBe(false);
    // Each laptop's sequence numbers: 1, 2, 3… (a card left a gap right after the turn it followed).
    const byDevice = new Map<string, number[]>();
    for (const o of log.ops) byDevice.set(o.deviceId, [...(byDevice.get(o.deviceId) ?? []), o.seq]);
    for (const seqs of byDevice.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // Within each millisecond the clock's counters run 0, 1, 2… (the card sat in Carol's turn's millisecond, counter 0, her start 1).
    let wall = -1;
    let next = 0;
    for (const o of log.ops) {
      const h = hlcParse(o.hlc);
      next = h.wall === wall ? next + 1 : 0;
      wall = h.wall;
      expect(h.counter, `${o.type} at ${o.hlc}`).toBe(next);
    }
    // The log still sorts as it is listed, so an import replays it in that order.
    expect(log.ops.map((o) => o.hlc)).toEqual(log.ops.map((o) => o.hlc).sort());
    // The counts are what is listed; the laptop's last operation is Carol's turn's end, not the card after it.
    expect(log.scope.operations).toBe(log.ops.length);
    expect(log.scope.devices).toHaveLength(1);
    expect(log.scope.devices[0]).toMatchObject({ operations: log.ops.length, lastOpAt: carolEnded });
    expect(log.scope.newestOpAt).toBe(carolEnded);

    // The laptops sheet, anonymised, in CSV: the count and the last operation leave the cards out.
    const files = await exportFiles('csv', 'anonymised');
    const devices = readFileSync(files.find((f) => f.name.includes('devices'))!.path, 'utf8');
    expect(devices).toContain(utcIso(carolEnded));
    for (const at of cardsAt) expect(devices).not.toContain(utcIso(at));
    expect(devices.split('\r\n')[1]).toContain(`,${log.ops.length},`);
    // The workbook's About sheet says as many operations as the log lists, newest at Carol's turn's end.
    const [xlsx] = await exportFiles('xlsx', 'anonymised');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx!.path);
    const about: string[] = [];
    book.worksheets[0]!.eachRow((r) => r.eachCell((c) => about.push(String(c.value))));
    expect(about.some((c) => c.includes(`holds ${log.ops.length} operations`))).toBe(true);
    // The report's statement of what it holds, likewise.
    const report = await call<ReportData>('report.get', {});
    expect(report.scope).toMatchObject({ operations: log.ops.length, newestOpAt: carolEnded });
  });

  it('the renumbered log imports into an empty laptop and exports again the same', async () => {
    floorOfThree();
    const [json] = await exportFiles('json', 'full');
    const first = JSON.parse(readFileSync(json!.path, 'utf8')) as { ops: Op[]; feedback: Record<string, unknown>[] };
    const target = testCore({ prefix: 'target' });
    const targetExports = attachExports(target.core, { dir: join(dir.dir, 'target') });
    const imported = await target.core.dispatchAsync('export.importJson', { log: first });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    // The same event: its people, turns and cards.
    const facts = (c: Core) => {
      const f = c.exportFacts({ id: 'x', name: 'x' }, clock.now())!;
      return { entries: f.entries, interactions: f.interactions, participations: f.participations, feedback: f.feedback };
    };
    expect(facts(target.core)).toEqual(facts(core));
    // Exported again: the same operations, numbered the same, and the same cards.
    const started = await target.core.dispatchAsync('export.start', { format: 'json', privacy: 'full' });
    expect(started.ok).toBe(true);
    const status = await targetExports.settled((started as { value: ExportStatus }).value.exportId);
    const again = JSON.parse(readFileSync(join(status.folder, status.files[0]!.name), 'utf8')) as typeof first;
    expect(again.ops).toEqual(first.ops);
    expect(again.feedback).toEqual(first.feedback);
    target.core.close();
  });
});
