/**
 * `npm run serve`: the web host as a program. Opens the data folder, starts
 * the core and its timers, serves the UI, and prints the address once it is
 * ready to answer.
 */
import Conf from 'conf';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShiftableClock, systemClock } from '../core/clock.js';
import { Core } from '../core/core.js';
import { DATABASE_FILE, openDatabase } from '../core/db.js';
import { takeDataLock, type DataLock } from '../core/lock.js';
import { settingsFrom } from '../core/settings.js';
import { parseServeArgs, UsageError, USAGE } from './cli.js';
import { defaultDataDir } from './paths.js';
import { ACCESS_CODE_FILE, isLoopback, storedAccessCode } from './access.js';
import { startHost } from './server.js';
import { startSharing } from '../sync/sharing.js';
import { attachExports } from '../export/attach.js';
import { attachPlan } from '../plan/service.js';
import { attachRehearsal } from '../rehearsal/service.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message ? `${message}\n\n${USAGE}` : USAGE);
    process.exit(message ? 2 : 0);
  }
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  // Tests only: a clock they can move forward, optionally starting ahead
  // (a restarted test host keeps the time its predecessor had reached).
  const testClock =
    process.env.TABLESIDE_TEST_CLOCK === '1'
      ? new ShiftableClock(systemClock, Number(process.env.TABLESIDE_TEST_CLOCK_OFFSET_MS ?? 0) || 0)
      : undefined;

  let core: Core;
  let lock: DataLock | null = null;
  try {
    // One process per data folder: the Electron app and other web hosts take the same lock.
    lock = takeDataLock(dataDir);
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      const settings = settingsFrom(
        new Conf({ cwd: dataDir, configName: 'settings', projectName: 'tableside' }),
        hostname(),
      );
      core = new Core({ db, clock: testClock ?? systemClock, settings });
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    // A newer version's data, a damaged file, a foreign log, another laptop's
    // database: refused with its code, nothing changed.
    lock?.release();
    const code = (error as { code?: unknown }).code;
    console.error(
      `Tableside could not open ${join(dataDir, DATABASE_FILE)}${typeof code === 'string' ? ` [${code}]` : ''}:\n${(error as Error).message}`,
    );
    process.exit(1);
  }
  if (core.readOnly) {
    console.warn(`Tableside: ${dataDir} cannot be written; the event opens read-only (every change is refused).`);
  }

  if (options.demo && !core.snapshot().event) {
    const demo = core.call('event.createDemo', {});
    if (!demo.ok) console.error(`Could not create the demo event: ${demo.error.message}`);
  }
  core.timers.refresh();
  attachExports(core);
  attachPlan(core);
  // The rehearsal's player and its timers live in this process, like the turn timers.
  const rehearsal = attachRehearsal(core);

  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = resolve(here, '..', 'renderer');
  const sharing = await startSharing({
    core,
    staticDir,
    ...(options.syncHost ? { hubHost: options.syncHost } : {}),
    ...(options.syncPort !== null ? { hubPort: options.syncPort } : {}),
    ...(testClock ? { clock: testClock } : {}),
    mdns: process.env.TABLESIDE_NO_MDNS !== '1',
    // Tests only: how often hubs look for each other (hubs.ts HUB_PROBE_MS), so a web test can see the warning first.
    ...(testClock && Number(process.env.TABLESIDE_TEST_HUB_PROBE_MS) > 0 ? { hubProbeMs: Number(process.env.TABLESIDE_TEST_HUB_PROBE_MS) } : {}),
    // Tests only: how long a sync message may take (service.ts POST_TIMEOUT_MS, 15 s), so a test waits out a frozen hub in seconds.
    ...(testClock && Number(process.env.TABLESIDE_TEST_POST_TIMEOUT_MS) > 0 ? { postTimeoutMs: Number(process.env.TABLESIDE_TEST_POST_TIMEOUT_MS) } : {}),
    log: (line) => console.warn(line),
  });
  const host = await startHost({
    core,
    staticDir,
    host: options.host,
    port: options.port,
    testClock,
    // Kept in the data folder, so the printed link still works after a restart.
    ...(options.requireAccess || !isLoopback(options.host) ? { access: { required: true, code: storedAccessCode(dataDir) } } : {}),
    log: (line) => console.warn(`Tableside: ${line}`),
  }).catch((error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${options.port} is in use. Choose another with --port N (0 picks a free one).`
        : `Tableside could not listen: ${error.message}`,
    );
    void sharing.close();
    core.close();
    process.exit(1);
  });

  console.log(`Tableside web host ready at ${host.url} (data: ${dataDir})`);
  if (host.accessCode !== null) {
    console.warn(
      'Every browser must open the address above, with its access code, once; keep it to the organisers. ' +
        `Anyone with it can change the event. A new code: delete ${ACCESS_CODE_FILE} in the data folder and restart.`,
    );
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    rehearsal.close();
    void Promise.all([host.close(), sharing.close()]).then(() => {
      core.close();
      lock?.release();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  if (error instanceof UsageError) process.exit(2);
  console.error(error);
  process.exit(1);
});
