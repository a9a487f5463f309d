/**
 * This laptop's own backup (issue 11): the complete log with its private
 * notes, sealed with a passphrase; and every route out of the laptop
 * checked for private note text: network sync, the sync file, every export
 * format at every privacy level, and the backup file read without its
 * passphrase.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { attachExports } from '../../electron/export/attach.js';
import { BACKUP_KDF, readBackup } from '../../electron/export/backup.js';
import { deriveEventKey, open, openFrame, type Sealed } from '../../electron/sync/crypto.js';
import { parseFrame } from '../../electron/sync/protocol.js';
import { startSharing } from '../../electron/sync/sharing.js';
import { BACKUP_MAX_CHARS } from '../../shared/backup-limits.js';
import type { Envelope, ExportStatus } from '../../shared/contract.js';
import { EVENT, T0, TABLE, dumpOps, dumpTables, sequentialIds, tempDir, testCore } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PASSPHRASE = 'correct horse battery staple';
const PRIVATE_DRAFT = 'PRIVATE-DRAFT-5e1 thinks of leaving libraries';
const PRIVATE_NOTE = 'PRIVATE-NOTE-7c2 wants to leave her job';
const SHARED_NOTE = 'SHARED-NOTE-41 asked about mentoring';

async function call<T>(core: Core, method: string, args: unknown = {}): Promise<T> {
  const r = (await core.dispatchAsync(method, args)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function refusal(core: Core, method: string, args: unknown) {
  const r = await core.dispatchAsync(method, args);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

/** A coach's day on `core`: two people served, a private note (autosaved twice) and a shared one. */
async function coachDay(core: Core, clock: ManualClock, tableId?: string) {
  const table = tableId ?? (await call<{ tableId: string }>(core, 'table.create', TABLE)).tableId;
  await call(core, 'walkin.add', { tableId: table, name: 'Ana Lima', topics: [], partySize: 1 });
  await call(core, 'walkin.add', { tableId: table, name: 'Bo Chen', topics: [], partySize: 1 });
  clock.advance(60_000);
  const first = await call<{ turnId: string }>(core, 'turn.start', { tableId: table });
  await call(core, 'note.save', { turnId: first.turnId, text: PRIVATE_DRAFT, shared: false });
  clock.advance(1_000);
  await call(core, 'note.save', { turnId: first.turnId, text: PRIVATE_NOTE, shared: false });
  clock.advance(10 * 60_000);
  await call(core, 'turn.end', { turnId: first.turnId });
  const second = await call<{ turnId: string }>(core, 'turn.start', { tableId: table });
  await call(core, 'note.save', { turnId: second.turnId, text: SHARED_NOTE, shared: true });
  clock.advance(10 * 60_000);
  await call(core, 'turn.end', { turnId: second.turnId });
  return { tableId: table, firstTurnId: first.turnId };
}

/** A core with an event, attached exports, in a data folder of its own. */
function laptopCore(prefix: string) {
  const dir = tempDir(`tableside-backup-${prefix}`);
  const made = testCore({ prefix, file: join(dir.dir, DATABASE_FILE) });
  attachExports(made.core, { dir: join(dir.dir, 'exports'), log: () => {} });
  cleanups.push(() => {
    made.core.close();
    dir.remove();
  });
  return { ...made, dir: dir.dir };
}

/** Every way a text could sit in a file's bytes: as UTF-8, UTF-16 and base64 (at each of its three alignments). */
function expectAbsent(bytes: Buffer, secret: string, where: string) {
  expect(bytes.includes(secret, 0, 'utf8'), `${where}: utf-8`).toBe(false);
  expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${where}: utf-16`).toBe(false);
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.from('x'.repeat(shift) + secret).toString('base64').slice(4, -4);
    expect(bytes.includes(b64, 0, 'utf8'), `${where}: base64 (shift ${shift})`).toBe(false);
  }
}

describe('the backup of this laptop, sealed with a passphrase', () => {
  it('round trip: an empty laptop restored from it holds the same event, private notes and drafts included', async () => {
    const a = laptopCore('a');
    await call(a.core, 'event.create', EVENT);
    const { firstTurnId } = await coachDay(a.core, a.clock);
    const backup = await call<{ fileName: string; content: string; operations: number }>(a.core, 'backup.make', { passphrase: PASSPHRASE });
    expect(backup.fileName).toMatch(/\.tablesidebackup$/);
    expect(backup.operations).toBe(a.core.opCount());
    // The header says what it is and how it was sealed; nothing of the event is readable.
    const { header } = readBackup(backup.content);
    expect(header).toMatchObject({ format: 'tableside-backup', version: 1, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: BACKUP_KDF.N, r: 8, p: 1 } });
    expect(Buffer.from(header.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(header.nonce, 'base64')).toHaveLength(12);
    // A fresh salt and nonce each time: the same log never seals the same way twice.
    const again = await call<{ content: string }>(a.core, 'backup.make', { passphrase: PASSPHRASE });
    expect(readBackup(again.content).header.kdf.salt).not.toBe(header.kdf.salt);
    expect(readBackup(again.content).header.nonce).not.toBe(header.nonce);

    const b = laptopCore('b');
    const restored = await call<{ eventId: string; operations: number }>(b.core, 'backup.restore', { content: backup.content, passphrase: PASSPHRASE });
    expect(restored).toEqual({ eventId: a.core.snapshot().event?.id, operations: a.core.opCount(), rejoined: false });
    expect(dumpTables(b.db)).toEqual(dumpTables(a.db));
    // The private note is on the restored laptop, where the coach sees it.
    const table = b.core.snapshot().tables[0]!;
    const turn = table.pastTurns.find((t) => t.id === firstTurnId);
    expect(turn?.note).toMatchObject({ text: PRIVATE_NOTE, shared: false });
    // And its draft is in the log too, as on the laptop it came from.
    expect(JSON.stringify(b.core.ops())).toContain(PRIVATE_DRAFT);
  }, 60_000);

  it('a wrong passphrase, a changed byte, a cut file, an oversize file or another file are refused with their reasons, and change nothing', async () => {
    const a = laptopCore('a');
    await call(a.core, 'event.create', EVENT);
    await coachDay(a.core, a.clock);
    const { content } = await call<{ content: string }>(a.core, 'backup.make', { passphrase: PASSPHRASE });
    const b = laptopCore('b');
    const before = { ops: dumpOps(b.db), tables: dumpTables(b.db) };
    const unchanged = () => {
      expect(dumpOps(b.db)).toEqual(before.ops);
      expect(dumpTables(b.db)).toEqual(before.tables);
      expect(b.core.snapshot().event).toBeNull();
    };
    const reasonOf = async (c: string, passphrase = PASSPHRASE) => {
      const error = await refusal(b.core, 'backup.restore', { content: c, passphrase });
      unchanged();
      return error.code === 'rejected' ? error.params?.reason : error.code;
    };

    expect(await reasonOf(content, 'correct horse battery stapler')).toBe('backup_wrong_passphrase');
    // One character of the sealed body changed (in its middle): the tag no longer verifies.
    const file = JSON.parse(content) as Record<string, unknown> & { body: string };
    const mid = Math.floor(file.body.length / 2);
    const flipped = file.body[mid] === 'A' ? 'B' : 'A';
    expect(await reasonOf(JSON.stringify({ ...file, body: file.body.slice(0, mid) + flipped + file.body.slice(mid + 1) }))).toBe('backup_damaged');
    // A header field changed (it is the associated data): refused the same way.
    expect(await reasonOf(JSON.stringify({ ...file, createdAt: (file.createdAt as number) + 1 }))).toBe('backup_damaged');
    // A changed byte anywhere in the file's text, read as bytes.
    const raw = Buffer.from(content, 'utf8');
    const at = Math.floor(raw.length * 0.7);
    raw[at] = raw[at]! ^ 0x01;
    expect(['backup_damaged', 'backup_not_file']).toContain(await reasonOf(raw.toString('utf8')));
    // Cut short (a copy interrupted): half of it, and all but its last byte.
    expect(await reasonOf(content.slice(0, Math.floor(content.length / 2)))).toBe('backup_damaged');
    expect(await reasonOf(content.slice(0, -1))).toBe('backup_damaged');
    expect(await reasonOf(JSON.stringify({ ...file, body: file.body.slice(0, -8) }))).toBe('backup_damaged');
    // Past the size limit: refused at the contract, before anything reads it.
    const oversize = await refusal(b.core, 'backup.restore', { content: 'x'.repeat(BACKUP_MAX_CHARS + 1), passphrase: PASSPHRASE });
    expect(oversize).toMatchObject({ code: 'bad_request', issues: [{ path: 'content', code: 'too_long' }] });
    unchanged();
    // Not a backup at all, nested past the gate, or from a newer Tableside.
    expect(await reasonOf('{"format":"tableside-sync"}')).toBe('backup_not_file');
    expect(await reasonOf('['.repeat(5000))).toBe('backup_not_file');
    expect(await reasonOf(JSON.stringify({ ...file, version: 2 }))).toBe('backup_newer');
    // A doctored cost (to make this laptop spend gigabytes) is refused before scrypt runs.
    expect(await reasonOf(JSON.stringify({ ...file, kdf: { ...(file.kdf as object), N: 1 << 24 } }))).toBe('backup_damaged');
    // A backup restores only into an empty Tableside.
    expect(await refusal(a.core, 'backup.restore', { content, passphrase: PASSPHRASE })).toMatchObject({
      code: 'rejected',
      params: { reason: 'import_not_empty' },
    });
    // The right passphrase still opens the untouched file.
    await call(b.core, 'backup.restore', { content, passphrase: PASSPHRASE });
    expect(b.core.opCount()).toBe(a.core.opCount());
  }, 120_000);

  it('is made only with a passphrase of at least 10 characters, and only when there is an event', async () => {
    const a = laptopCore('a');
    expect(await refusal(a.core, 'backup.make', { passphrase: PASSPHRASE })).toMatchObject({ code: 'rejected', params: { reason: 'nothing_to_export' } });
    await call(a.core, 'event.create', EVENT);
    expect(await refusal(a.core, 'backup.make', { passphrase: 'short' })).toMatchObject({
      code: 'bad_request',
      issues: [{ path: 'passphrase', code: 'too_short', params: { minimum: 10 } }],
    });
    expect(await refusal(a.core, 'backup.make', {})).toMatchObject({ code: 'bad_request' });
  });
});

/** Records every body crossing between a member and its hub. */
async function recordingProxy(target: string) {
  const bodies: Buffer[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(body);
      const out = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        const back: Buffer[] = [];
        up.on('data', (c: Buffer) => back.push(c));
        up.on('end', () => {
          const text = Buffer.concat(back);
          bodies.push(text);
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(text);
        });
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

async function sharingLaptop(name: string) {
  const dir = tempDir(`tableside-route-${name}`);
  mkdirSync(join(dir.dir, 'static'), { recursive: true });
  writeFileSync(join(dir.dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const clock = new ManualClock(T0);
  const core = new Core({ db: openDatabase(join(dir.dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  const exports = attachExports(core, { dir: join(dir.dir, 'exports'), log: () => {} });
  const sharing = await startSharing({ core, staticDir: join(dir.dir, 'static'), hubHost: '127.0.0.1', hubPort: 0, clock, mdns: false, log: () => {} });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
    dir.remove();
  });
  return { core, clock, exports, dir: dir.dir };
}

async function xlsxText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
  return cells.join('\n');
}

describe('every route out of the laptop carries no private note', () => {
  it('network sync (opened with the key), the sync file, every export at every privacy level, and the backup without its passphrase', async () => {
    const hub = await sharingLaptop('hub');
    await call(hub.core, 'event.create', EVENT);
    const { code } = await call<{ code: string }>(hub.core, 'sync.becomeHub');
    const hubAddress = hub.core.snapshot().sync.listening[0]!.replace('http://', '');
    const proxy = await recordingProxy(`http://${hubAddress}`);
    const coach = await sharingLaptop('coach');
    await call(coach.core, 'sync.join', { code, hubAddress: proxy.address });
    await coachDay(coach.core, coach.clock);
    await call(coach.core, 'sync.now');
    expect(coach.core.snapshot().sync).toMatchObject({ pending: 0, lastError: null });
    const secrets = [PRIVATE_DRAFT, PRIVATE_NOTE];
    const key = deriveEventKey(code, hub.core.snapshot().event!.id);

    // 1. The network: every frame opened with the event key, and the hub's whole log.
    const frames = proxy.bodies.map((b) => parseFrame(b)).filter((f) => f !== null);
    expect(frames.length).toBeGreaterThan(1);
    const opened = Buffer.from(frames.map((f) => JSON.stringify(openFrame(key, f.header, f.data))).join('\n'));
    expect(opened.includes(SHARED_NOTE)).toBe(true); // what may leave did
    for (const s of secrets) {
      expectAbsent(Buffer.concat(proxy.bodies), s, 'network (sealed)');
      expectAbsent(opened, s, 'network (opened)');
      expectAbsent(Buffer.from(JSON.stringify(hub.core.ops())), s, "the hub's log");
    }

    // 2. The sync file, opened with the key.
    const file = await call<{ content: string }>(coach.core, 'sync.exportFile');
    const fileOpened = Buffer.from(JSON.stringify(open(key, JSON.parse(file.content) as Sealed)));
    expect(fileOpened.includes(SHARED_NOTE)).toBe(true);
    for (const s of secrets) {
      expectAbsent(Buffer.from(file.content), s, 'sync file');
      expectAbsent(fileOpened, s, 'sync file (opened)');
    }

    // 3. Every export format at every privacy level.
    const made: string[] = [];
    for (const [format, privacy] of [
      ['csv', 'full'],
      ['csv', 'anonymised'],
      ['csv', 'followups'],
      ['xlsx', 'full'],
      ['xlsx', 'anonymised'],
      ['xlsx', 'followups'],
      ['json', 'full'],
    ] as const) {
      const { exportId } = await call<ExportStatus>(coach.core, 'export.start', { format, privacy });
      const status = await coach.exports.settled(exportId);
      expect(status.state, status.error ?? '').toBe('done');
      for (const f of status.files) {
        const bytes = readFileSync(join(status.folder, f.name));
        // An .xlsx is a zip: its raw bytes, and its cells read back.
        const texts = format === 'xlsx' ? [bytes, Buffer.from(await xlsxText(bytes))] : [bytes];
        for (const t of texts) for (const s of secrets) expectAbsent(t, s, `${format}/${privacy}/${f.name}`);
        made.push(`${format}/${privacy}`);
      }
    }
    expect(new Set(made).size).toBe(7);
    // The report, which the page prints, reads no private note either.
    const report = await call<unknown>(coach.core, 'report.get', {});
    for (const s of secrets) expectAbsent(Buffer.from(JSON.stringify(report)), s, 'report');

    // 4. The backup file, read without its passphrase: no note text in its bytes in any encoding.
    const backup = await call<{ content: string }>(coach.core, 'backup.make', { passphrase: PASSPHRASE });
    for (const s of [...secrets, SHARED_NOTE, 'Ana Lima']) expectAbsent(Buffer.from(backup.content), s, 'backup file');
    // …though it holds them: with the passphrase, an empty laptop has the private note back.
    const restoredOn = laptopCore('restored');
    await call(restoredOn.core, 'backup.restore', { content: backup.content, passphrase: PASSPHRASE });
    expect(JSON.stringify(restoredOn.core.snapshot())).toContain(PRIVATE_NOTE);
  }, 120_000);
});
