/**
 * Exports, the report and the JSON import: the contract's methods whose
 * `service` is 'export', answered beside the core's handler table. It reads
 * through the core's data interface (ExportData) and holds no SQL.
 *
 * An export reads everything it needs in one read transaction when it starts
 * (so the file is one consistent moment of the event), returns at once, and
 * then writes in chunks: between chunks it yields to the event loop, pushes
 * 'exportProgress', and stops if 'export.cancel' asked it to. Every file goes
 * to a temporary name in the target folder and is flushed and renamed only
 * when all of the export's files are written, so a cancelled or failed export
 * leaves nothing behind and a finished one is whole.
 *
 * Where files go: `<data folder>/exports/`, which the web host serves for
 * download at GET /api/exports/<exportId>/<index>. The Electron shell may
 * instead pass a path chosen in its save dialog to `start` in process; no
 * method of the contract takes a path, so a page can never choose where the
 * core writes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { PeerView, Push } from '../../shared/contract.js';
import { hlcToString } from '../../shared/domain/hlc.js';
import { derive } from '../../shared/export/derive.js';
import { slug } from '../../shared/export/format.js';
import { zonedFileStamp } from '../../shared/domain/zone.js';
import { eventLogFile, LOG_FORMAT, LOG_FORMAT_VERSION, type EventLogFile, type FeedbackCard } from '../../shared/export/log.js';
import { parseBounded } from '../../shared/guard.js';
import { checkLoggedOps } from '../../shared/export/log-ops.js';
import {
  DEFAULT_STALE_MINUTES,
  type ExportFacts,
  type ExportFileKind,
  type ExportFormat,
  type ExportScope,
  type ExportStatus,
  type KeptExports,
  type PrivacyLevel,
} from '../../shared/export/model.js';
import { buildReport, emptyReport, type ReportData } from '../../shared/export/report.js';
import { buildSheets, type Sheet } from '../../shared/export/rows.js';
import { aboutRows, buildScope } from '../../shared/export/scope.js';
import { EXPORT_WORDS, type ExportLanguage } from '../../shared/export/words/index.js';
import { isOpType, type Op } from '../../shared/ops.js';
import type { Clock, IdSource } from '../core/clock.js';
import { RejectedError } from '../core/command.js';
import type { ServiceHandlers } from '../core/core.js';
import { LATEST_VERSION } from '../core/migrations.js';
import type { OpRow } from '../core/oplog.js';
import { AtomicFile, isPartFile, syncFolder } from './files.js';
import { BackupError, openBackup, sealBackup } from './backup.js';
import { CancelledError, CHUNK, jsonLogText, writeCsv, writeJsonLog, writeXlsx, type Control } from './writers.js';

/**
 * The feedback cards a JSON export carries apart from its log, as operations
 * of the importing laptop (`deviceId`, with no other operation yet): one
 * `feedback.given` each, stamped with the hour it was given, so the imported
 * event holds the same cards, still tied to no turn. A card already in the log
 * as an operation (a log written before) keeps its one copy (the same id).
 */
export function cardOps(file: EventLogFile, deviceId: string): Op[] {
  const logged = new Set(file.ops.filter((o) => o.type === 'feedback.given').map((o) => String(o.payload.feedbackId)));
  const mine = file.ops.filter((o) => o.deviceId === deviceId).reduce((n, o) => Math.max(n, o.seq), 0);
  const cards = (file.feedback ?? []).filter((c) => !logged.has(c.feedbackId));
  return cards.map((c, i) => ({
    id: randomUUID(),
    deviceId,
    seq: mine + i + 1,
    hlc: hlcToString({ wall: c.at, counter: i, node: deviceId }),
    localAt: null,
    type: 'feedback.given',
    payload: {
      feedbackId: c.feedbackId,
      tableId: c.tableId,
      useful: c.useful,
      wantsMentoring: c.wantsMentoring,
      comment: c.comment,
      tokenId: null,
      via: c.via,
      at: c.at,
    },
  }));
}

/** What the export service reads and writes through the core (its data interface; Core implements it). */
export interface ExportData {
  /** The database file; exports go to `exports/` beside it. */
  readonly dataFile: string;
  /** Everything an export reads, in one read transaction, the tables brought up to date first. */
  exportFacts(device: { id: string; name: string }, readAt: number): ExportFacts | null;
  /** The log for the JSON export, in order, as stored (no feedback card: those come from `exportFeedbackCards`). */
  exportLog(): OpRow[];
  /** The feedback cards, apart from the log: table, hour and answers, nothing that names a turn. */
  exportFeedbackCards(): FeedbackCard[];
  /** The whole log, private notes included: for this laptop's own sealed backup only. */
  backupLog(): OpRow[];
  holdsEvent(): boolean;
  /** The event held is a rehearsal (issue 15): its exports are refused. Absent: never. */
  holdsRehearsal?(): boolean;
  opCount(): number;
  /** Apply a whole imported log into an empty laptop, every operation or none (Core.importOps: `import_invalid`). */
  importOps(ops: readonly Op[]): number;
  /** A restored laptop takes over the tables of the laptop its backup came from, logged (Core.adoptClaims). */
  adoptClaims?(fromDeviceId: string): string[];
}

export interface ExportServiceOptions {
  data: ExportData;
  deviceId: string;
  deviceName: () => string;
  clock: Clock;
  newId?: IdSource;
  emit: (push: Push) => void;
  /** Where exports go; default `exports/` beside the database file. */
  dir?: string;
  log?: (message: string, error?: unknown) => void;
  /**
   * A member's pairing with its hub, for its backup (`current`: null when
   * not a member), and joining with one again after a restore (`rejoin`,
   * throws if the hub does not take it). Absent: backups carry none.
   */
  pairing?: { current(): string | null; rejoin(pairing: string): Promise<void> };
  /** The laptops the live sync has heard from (SyncView.peers), so the scope never calls a silent one up to date. Absent: none. */
  peers?: () => readonly PeerView[];
}

export interface ExportFileRef {
  path: string;
  name: string;
  contentType: string;
}

interface Job {
  status: ExportStatus;
  cancelRequested: boolean;
  /** The files' paths once written, and while running the paths they will take. */
  paths: string[];
  planned: string[];
  settled: Promise<ExportStatus>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.tableside': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Finished exports remembered for their download links. */
const KEEP_JOBS = 50;

const PRIVACY_IN_NAME: Record<PrivacyLevel, string> = {
  full: 'full',
  anonymised: 'anonymised',
  followups: 'follow-ups',
};

export class ExportService {
  readonly folder: string;
  private readonly jobs = new Map<string, Job>();
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly o: ExportServiceOptions) {
    this.log = o.log ?? ((m, e) => console.error(m, e ?? ''));
    const file = o.data.dataFile;
    this.folder = resolve(
      o.dir ??
        (file && file !== ':memory:' ? join(dirname(file), 'exports') : join(tmpdir(), 'tableside-exports', o.deviceId)),
    );
  }

  /**
   * The handlers of the contract's export methods (registered on the core by
   * attachExports); the arguments arrive parsed. A refusal throws
   * RejectedError, which the core turns into 'rejected'.
   */
  handlers(): ServiceHandlers<'export'> {
    return {
      'export.scope': ({ staleMinutes }) => this.scope(staleMinutes),
      'export.start': (request) => this.start(request),
      'export.status': ({ exportId }) => ({ ...this.requireJob(exportId).status }),
      'export.cancel': ({ exportId }) => this.cancel(exportId),
      'export.kept': () => this.kept(),
      'export.deleteKept': () => this.deleteKept(),
      'export.importJson': ({ log }) => this.importLog(log),
      'backup.make': ({ passphrase }) => this.makeBackup(passphrase),
      'backup.restore': ({ content, passphrase }) => this.restoreBackup(content, passphrase),
      'report.get': ({ bucketMinutes, staleMinutes }) => this.report(bucketMinutes, staleMinutes),
    };
  }

  private device() {
    return { id: this.o.deviceId, name: this.o.deviceName() };
  }

  /** The live sync's peers now, for the scope's "not heard from" (undefined without a sync). */
  private heard(): { now: number; peers: readonly PeerView[] } | undefined {
    const peers = this.o.peers?.();
    return peers ? { now: this.o.clock.now(), peers } : undefined;
  }

  private facts(): ExportFacts | null {
    return this.o.data.exportFacts(this.device(), this.o.clock.now());
  }

  scope(staleMinutes = DEFAULT_STALE_MINUTES): ExportScope {
    return buildScope(this.facts(), this.device(), this.o.clock.now(), staleMinutes, undefined, this.heard());
  }

  report(bucketMinutes?: number, staleMinutes = DEFAULT_STALE_MINUTES): ReportData {
    const facts = this.facts();
    if (!facts) return emptyReport(this.scope(staleMinutes), this.o.clock.now());
    const derived = derive(facts);
    const scope = buildScope(facts, this.device(), facts.readAt, staleMinutes, derived, this.heard());
    return buildReport(facts, scope, { derived, ...(bucketMinutes ? { bucketMinutes } : {}) });
  }

  /**
   * Start an export and return at once; progress and the end arrive as
   * 'exportProgress' pushes (and from `status`/`settled`). `path` is for the
   * Electron shell's save dialog only: the main (or only) file's full path.
   * `language`: the headers', sheet names' and value labels' (English by
   * default); the JSON log is the same whatever it is.
   */
  start(
    request: { format: ExportFormat; privacy: PrivacyLevel; staleMinutes?: number; language?: ExportLanguage | undefined },
    options: { path?: string } = {},
  ): ExportStatus {
    const { format, privacy } = request;
    if (format === 'json' && privacy !== 'full') {
      throw new RejectedError(
        'The JSON export is the complete log, which rebuilds the event: it has no anonymised or follow-up form. ' +
          'Choose CSV or a spreadsheet for those.',
        'json_full_only',
      );
    }
    const facts = this.facts();
    if (!facts) throw new RejectedError('There is nothing to export yet: create the event first.', 'nothing_to_export');
    // A rehearsal's figures are made up: no file of them ever leaves as if real (ARCHITECTURE.md, "Rehearsal").
    if (this.o.data.holdsRehearsal?.()) {
      throw new RejectedError('This is a rehearsal: its figures are made up, so Tableside exports no file of them.', 'export_rehearsal');
    }
    const derived = derive(facts);
    const scope = buildScope(facts, this.device(), facts.readAt, request.staleMinutes ?? DEFAULT_STALE_MINUTES, derived, this.heard());
    const exportId = (this.o.newId ?? randomUUID)();
    const folder = options.path ? dirname(resolve(options.path)) : this.folder;
    mkdirSync(folder, { recursive: true });

    const name = this.namer(facts, format, privacy, options.path);
    let plan: { kind: ExportFileKind; path: string; rows: number; write: (f: AtomicFile, c: Control) => Promise<void> }[];
    if (format === 'json') {
      const ops = this.o.data.exportLog();
      const header = {
        format: LOG_FORMAT,
        formatVersion: LOG_FORMAT_VERSION,
        schemaVersion: facts.schemaVersion,
        eventId: facts.event.id,
        exportedAt: facts.readAt,
        exportedBy: { deviceId: facts.device.id, deviceName: facts.device.name },
        scope,
        // Apart from the log: a card's operation (its timestamp, author, place in the log) would say which turn it followed.
        feedback: this.o.data.exportFeedbackCards(),
      };
      plan = [{ kind: 'log', path: name('log'), rows: ops.length, write: (f, c) => writeJsonLog(f, header, ops as OpRow[], c) }];
    } else {
      const words = EXPORT_WORDS[request.language ?? 'en'];
      const sheets = buildSheets(facts, privacy, scope, derived, words);
      if (format === 'csv') {
        plan = sheets.map((sheet: Sheet) => ({
          kind: sheet.kind,
          path: name(sheet.kind),
          rows: sheet.rows.length,
          write: (f, c) => writeCsv(f, sheet, c),
        }));
      } else {
        const about = aboutRows(facts, scope, privacy, facts.readAt, words);
        plan = [
          {
            kind: 'workbook',
            path: name('workbook'),
            rows: sheets.reduce((n, s) => n + s.rows.length, 0),
            write: (f, c) => writeXlsx(f, about, sheets, c, words.sheets.about),
          },
        ];
      }
    }

    const status: ExportStatus = {
      exportId,
      format,
      privacy,
      state: 'running',
      done: 0,
      total: plan.reduce((n, p) => n + p.rows, 0),
      startedAt: facts.readAt,
      finishedAt: null,
      error: null,
      folder,
      files: [],
    };
    const job: Job = { status, cancelRequested: false, paths: [], planned: plan.map((p) => p.path), settled: Promise.resolve(status) };
    job.settled = this.run(job, plan);
    this.jobs.set(exportId, job);
    this.forgetOldJobs();
    this.push(job);
    return { ...status };
  }

  private async run(
    job: Job,
    plan: { kind: ExportFileKind; path: string; write: (f: AtomicFile, c: Control) => Promise<void> }[],
  ): Promise<ExportStatus> {
    const files: AtomicFile[] = [];
    const s = job.status;
    const control: Control = {
      step: async (n) => {
        s.done = Math.min(s.total, s.done + n);
        this.push(job);
        await new Promise<void>((next) => setImmediate(next));
        if (job.cancelRequested) throw new CancelledError('Cancelled');
      },
    };
    try {
      // Let the caller's reply go out before the first chunk.
      await new Promise<void>((next) => setImmediate(next));
      if (job.cancelRequested) throw new CancelledError('Cancelled');
      for (const p of plan) {
        const file = new AtomicFile(p.path);
        files.push(file);
        await p.write(file, control);
        file.finish();
      }
      if (job.cancelRequested) throw new CancelledError('Cancelled');
      // Every file is whole on disk: only now do they get their names. If one
      // rename fails, the ones already renamed are taken back.
      const committed: AtomicFile[] = [];
      try {
        for (const f of files) {
          f.commit();
          committed.push(f);
        }
      } catch (error) {
        for (const f of committed) rmSync(f.target, { force: true });
        throw error;
      }
      syncFolder(s.folder);
      s.files = files.map((f, index) => ({
        index,
        kind: plan[index]?.kind ?? 'log',
        name: basename(f.target),
        bytes: f.bytes,
      }));
      job.paths = files.map((f) => f.target);
      job.planned = [];
      s.done = s.total;
      s.state = 'done';
    } catch (error) {
      for (const f of files) f.abort();
      job.planned = [];
      if (error instanceof CancelledError) {
        s.state = 'cancelled';
      } else {
        s.state = 'failed';
        s.error = error instanceof Error ? error.message : String(error);
        this.log('Tableside: an export failed', error);
      }
    }
    s.finishedAt = this.o.clock.now();
    this.push(job);
    return { ...s };
  }

  private namer(facts: ExportFacts, format: ExportFormat, privacy: PrivacyLevel, path?: string) {
    const stamp = zonedFileStamp(facts.readAt, facts.timeZone);
    const base = `${slug(facts.event.name)}-${facts.event.date}`;
    if (path) {
      const full = resolve(path);
      const ext = extname(full);
      const stem = full.slice(0, full.length - ext.length);
      let first = true;
      // The first file takes the chosen name; a CSV export's companions go beside it.
      return (kind: ExportFileKind) => {
        if (first) {
          first = false;
          return full;
        }
        return `${stem}-${kind}${ext || '.csv'}`;
      };
    }
    const named = (kind: ExportFileKind) => {
      switch (format) {
        case 'json':
          return `${base}-log-${stamp}`;
        case 'xlsx':
          return `${base}-${PRIVACY_IN_NAME[privacy]}-${stamp}`;
        case 'csv':
          return `${base}-${PRIVACY_IN_NAME[privacy]}${kind === 'followups' ? '' : `-${kind}`}-${stamp}`;
      }
    };
    const ext = format === 'json' ? '.tableside' : `.${format}`;
    // Two exports in the same second never share a name (nor a download link's file).
    const taken = new Set([...this.jobs.values()].flatMap((j) => j.paths.concat(j.planned)));
    return (kind: ExportFileKind) => {
      let candidate = join(this.folder, named(kind) + ext);
      for (let n = 2; taken.has(candidate) || existsSync(candidate); n++) {
        candidate = join(this.folder, `${named(kind)}-${n}${ext}`);
      }
      taken.add(candidate);
      return candidate;
    };
  }

  cancel(exportId: string): ExportStatus {
    const job = this.requireJob(exportId);
    if (job.status.state === 'running') job.cancelRequested = true;
    return { ...job.status };
  }

  /** Stop every running export (the core is closing). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.status.state === 'running') job.cancelRequested = true;
  }

  status(exportId: string): ExportStatus | null {
    const job = this.jobs.get(exportId);
    return job ? { ...job.status } : null;
  }

  /** Resolves when the export has finished, been cancelled or failed. */
  settled(exportId: string): Promise<ExportStatus> {
    return this.requireJob(exportId).settled;
  }

  /** A finished export's file, for the web host's download route. */
  file(exportId: string, index: number): ExportFileRef | null {
    const job = this.jobs.get(exportId);
    if (!job || job.status.state !== 'done') return null;
    const path = job.paths[index];
    const view = job.status.files[index];
    if (!path || !view) return null;
    return { path, name: view.name, contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
  }

  /**
   * Rebuild an event from a JSON export. Only into a Tableside that holds no
   * event and no operations: merging two events' logs is the sync's job.
   */
  importLog(file: EventLogFile): { eventId: string; operations: number } {
    this.requireEmpty();
    if (file.schemaVersion > LATEST_VERSION) {
      throw new RejectedError(
        `This log was written by a newer version of Tableside (schema ${file.schemaVersion}; ` +
          `this version understands up to ${LATEST_VERSION}). Update Tableside to import it.`,
        'import_newer',
        { found: file.schemaVersion, supported: LATEST_VERSION },
      );
    }
    const { ops, issues } = checkLoggedOps(file);
    if (issues.length > 0) {
      const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
      // The first bad operation by its place in the file (from 1) and its type, when the first issue is one operation's.
      const at = /^log\.ops\.(\d+)/.exec(issues[0]!.path);
      const first = at ? file.ops[Number(at[1])] : undefined;
      const where: Record<string, string | number> = at && first && isOpType(first.type) ? { context: 'at', position: Number(at[1]) + 1, type: first.type } : {};
      throw new RejectedError(`The log is not valid: ${summary.join('; ')}${issues.length > 3 ? '; …' : ''}`, 'import_invalid', {
        count: issues.length,
        ...where,
      });
    }
    const operations = this.o.data.importOps([...ops, ...cardOps(file, this.o.deviceId)]);
    if (!this.o.data.holdsEvent()) throw new Error('The imported log did not create its event.');
    return { eventId: file.eventId, operations };
  }

  /**
   * This laptop's own backup: the complete log, every private note and draft
   * included, sealed with the coach's passphrase (backup.ts). Only this
   * explicit call makes one; it is returned, not kept in the exports folder.
   */
  async makeBackup(passphrase: string): Promise<{ fileName: string; content: string; operations: number }> {
    const facts = this.facts();
    if (!facts) throw new RejectedError('There is nothing to back up yet: create the event first.', 'nothing_to_export');
    const ops = this.o.data.backupLog();
    const header = {
      format: LOG_FORMAT,
      formatVersion: LOG_FORMAT_VERSION,
      schemaVersion: facts.schemaVersion,
      eventId: facts.event.id,
      exportedAt: facts.readAt,
      exportedBy: { deviceId: facts.device.id, deviceName: facts.device.name },
      // A member's pairing, so the restored laptop joins its hub again by itself (only in this sealed file).
      ...(this.o.pairing?.current() ? { pairing: this.o.pairing.current() } : {}),
    };
    const content = await sealBackup(jsonLogText(header, ops), passphrase, facts.readAt);
    const fileName = `${slug(facts.event.name)}-${facts.event.date}-backup-${zonedFileStamp(facts.readAt, facts.timeZone)}.tablesidebackup`;
    return { fileName, content, operations: ops.length };
  }

  /**
   * Rebuild this laptop from its backup, private notes included, into an
   * empty Tableside. A wrong passphrase, an altered or cut file, or a log
   * that does not check out is refused and changes nothing. A member's
   * backup holds its pairing: the restored laptop then joins that hub again
   * with it, as a new laptop (its own device id, so none of its operations
   * can take the seq numbers of the laptop the backup came from); if the hub
   * does not answer or take it, the event stays restored, not sharing
   * (`rejoined` false), and the coach joins again by hand. Either way the
   * restored laptop then takes over its old self's tables, logged
   * (`adoptClaims`): they show one laptop, this one.
   */
  async restoreBackup(content: string, passphrase: string): Promise<{ eventId: string; operations: number; rejoined: boolean }> {
    this.requireEmpty();
    let text: string;
    try {
      text = await openBackup(content, passphrase);
    } catch (error) {
      if (error instanceof BackupError) throw BACKUP_REFUSALS[error.reason]();
      throw error;
    }
    // The gate's depth limit on what was sealed; then the log's own checks, as for a JSON export.
    const parsed = parseBounded(text, { clean: false });
    const file = parsed.ok ? eventLogFile.safeParse(parsed.value) : null;
    if (!file?.success) throw BACKUP_REFUSALS.backup_damaged();
    const restored = this.importLog(file.data);
    let rejoined = false;
    if (file.data.pairing && this.o.pairing) {
      try {
        await this.o.pairing.rejoin(file.data.pairing);
        rejoined = true;
      } catch (error) {
        this.log('Tableside: the restored laptop could not join its hub again; join again by hand', error);
      }
    }
    // Its old self's tables are this laptop's now (logged; after the rejoin, so it reads the freshest log):
    // no table stays claimed by a laptop that is gone, or by two laptops that are one.
    this.o.data.adoptClaims?.(file.data.exportedBy.deviceId);
    return { ...restored, rejoined };
  }

  private requireEmpty(): void {
    if (this.o.data.holdsEvent() || this.o.data.opCount() > 0) {
      throw new RejectedError(
        'This Tableside already holds an event. Import a log only into an empty one (a new data folder).',
        'import_not_empty',
      );
    }
  }

  /** The finished export files in the exports folder, newest first. */
  kept(): KeptExports {
    const files: KeptExports['files'] = [];
    for (const name of this.folderNames()) {
      if (!isExportFile(name)) continue;
      try {
        const stat = statSync(join(this.folder, name));
        if (stat.isFile()) files.push({ name, bytes: stat.size, madeAt: stat.mtimeMs });
      } catch {
        // Gone since the folder was read.
      }
    }
    files.sort((a, b) => b.madeAt - a.madeAt || a.name.localeCompare(b.name));
    return { folder: this.folder, files };
  }

  /**
   * Delete the kept export files (those of this app's formats only; nothing
   * else in the folder), and forget the finished exports whose download
   * links pointed at them. Refused while an export is being written.
   */
  deleteKept(): { deleted: number } {
    if ([...this.jobs.values()].some((j) => j.status.state === 'running')) {
      throw new RejectedError('An export is being written: wait for it to finish, or cancel it, then delete.', 'export_running');
    }
    let deleted = 0;
    for (const { name } of this.kept().files) {
      rmSync(join(this.folder, name), { force: true });
      deleted += 1;
    }
    if (deleted > 0) syncFolder(this.folder);
    this.jobs.clear();
    return { deleted };
  }

  private folderNames(): string[] {
    try {
      return readdirSync(this.folder);
    } catch {
      return [];
    }
  }

  /** Remove temporary files a crash left behind in the exports folder (never a finished export). */
  sweepPartFiles(): number {
    let removed = 0;
    const names = this.folderNames();
    const running = new Set([...this.jobs.values()].flatMap((j) => j.planned));
    for (const name of names) {
      if (!isPartFile(name)) continue;
      if ([...running].some((p) => basename(p) && name.startsWith(`.${basename(p)}.`))) continue;
      rmSync(join(this.folder, name), { force: true });
      removed += 1;
    }
    return removed;
  }

  private requireJob(exportId: string): Job {
    const job = this.jobs.get(exportId);
    if (!job) throw new RejectedError('No such export (it may be from before the app restarted).', 'no_export');
    return job;
  }

  private push(job: Job): void {
    this.o.emit({ type: 'exportProgress', payload: { ...job.status, files: [...job.status.files] } });
  }

  private forgetOldJobs(): void {
    if (this.jobs.size <= KEEP_JOBS) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEEP_JOBS) break;
      if (job.status.state !== 'running') this.jobs.delete(id);
    }
  }
}

/** Why a backup did not open, as the refusal the page translates. */
const BACKUP_REFUSALS: Record<BackupError['reason'], () => RejectedError> = {
  backup_not_file: () => new RejectedError('This is not a Tableside backup.', 'backup_not_file'),
  backup_newer: () =>
    new RejectedError('This backup was made by a newer version of Tableside. Update Tableside to open it.', 'backup_newer'),
  backup_wrong_passphrase: () => new RejectedError('That passphrase does not open this backup.', 'backup_wrong_passphrase'),
  backup_damaged: () => new RejectedError('This backup is damaged or was altered: it cannot be opened.', 'backup_damaged'),
};


export { CHUNK };

/** A finished file of one of the export formats (not a temporary part file). */
const isExportFile = (name: string): boolean => !name.startsWith('.') && /\.(csv|xlsx|tableside)$/i.test(name);
