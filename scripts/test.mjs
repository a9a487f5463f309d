// `npm test`: exactly what CI runs. Lint, type-check, unit tests, build, and
// the Playwright suites (web host in Chromium; Electron where its binary
// exists). Ends with one line counting every test, and names each skipped one.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

function findChromium() {
  if (process.env.TABLESIDE_CHROMIUM) return process.env.TABLESIDE_CHROMIUM;
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (system) return system;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  const own = existsSync(cache) && readdirSync(cache).find((d) => d.startsWith('chromium'));
  return own ? join(cache, own) : null;
}

const chromium = findChromium();
if (!chromium) {
  console.error(`No Chromium for the Playwright suites. Install one of:
  - Debian/Ubuntu's:   sudo apt-get install -y chromium
  - Playwright's own:  npx playwright install chromium
  - or point TABLESIDE_CHROMIUM at a Chromium or Chrome binary.`);
  process.exit(1);
}

// The checks that need nothing but the sources (lint, the type-checks, the
// build) each keep one core busy: they run two at a time, each one's output
// printed whole when it ends. Then the unit tests and the Playwright suites
// run side by side: the Playwright tests spend much of their time waiting
// (on timers, the network, the page), and the unit tests, which keep a core
// busy, fill that time instead of running before them. Playwright's output
// streams as it runs; the unit tests' is printed whole when they end.
// CI installs without running install scripts (.ci/run) and compiles better-sqlite3 here, as the first of
// these steps: the compile keeps one core busy for about 70 s (SQLite's amalgamation is one file), and the
// checks take the other core meanwhile instead of waiting for the install to end.
const nativeBuild = process.env.TABLESIDE_BUILD_NATIVE === '1' ? [['native module (better-sqlite3)', 'npm', ['rebuild', 'better-sqlite3']]] : [];
const checks = [
  ...nativeBuild,
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['type-check (node side)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['type-check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['type-check (Playwright suites)', 'npx', ['tsc', '-p', 'tsconfig.e2e.json', '--noEmit']],
  ['build', 'node', ['scripts/build.mjs', '--quiet']],
];
const cores = availableParallelism();
const lanes = Math.max(1, Math.min(2, cores));
// Beside Playwright on a two-core machine, one fork: the other core is Playwright's (vitest.config.ts keeps
// two or more when the unit tests run alone, e.g. `npm run test:unit`).
const unitForks = String(Math.max(1, cores - 2));
const unitTests = [
  'unit tests',
  'npx',
  ['vitest', 'run', `--maxWorkers=${unitForks}`, '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`],
];
const playwrightSuites = ['Playwright (web host in Chromium, and Electron)', 'npx', ['playwright', 'test']];

const failedSteps = [];
const allStarted = Date.now();
const elapsed = (from) => ((Date.now() - from) / 1000).toFixed(1);

function report(name, status, seconds) {
  if (status !== 0) {
    failedSteps.push(name);
    console.log(`✘ ${name} failed (${seconds} s)`);
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}

/** One step with the terminal to itself (its output streams as it runs). */
function runStreaming([name, command, args]) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => console.log(error.message));
    child.on('close', (code) => {
      report(name, code ?? 1, elapsed(started));
      done();
    });
  });
}

/** One step beside others: its output kept, and printed with its name when it ends. */
function runBeside([name, command, args]) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const output = [];
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      console.log(`\n▶ ${name}`);
      process.stdout.write(Buffer.concat(output));
      report(name, code ?? 1, elapsed(started));
      done();
    });
  });
}

const queue = [...checks];
await Promise.all(
  Array.from({ length: lanes }, async () => {
    while (queue.length > 0) await runBeside(queue.shift());
  }),
);
// Nothing the tests run without the native module, and nothing the Playwright suites test without the build.
const noNative = failedSteps.includes('native module (better-sqlite3)');
await Promise.all([
  noNative ? null : runBeside(unitTests),
  noNative || failedSteps.includes('build') ? null : runStreaming(playwrightSuites),
]);
console.log(`\nAll steps: ${elapsed(allStarted)} s`);

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedNames = [];

const vitest = readJson(`${OUT}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}

const playwright = readJson(`${OUT}/playwright.json`);
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'skipped') {
          const reason = t.annotations?.find((a) => a.type === 'skip')?.description;
          skippedNames.push(`[${t.projectName}] ${[...path, spec.title].join(' › ')}${reason ? ` — ${reason}` : ''}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of playwright.suites ?? []) walk(suite, [suite.title]);
}

console.log('');
if (skippedNames.length > 0) {
  console.log('Skipped:');
  for (const name of skippedNames) console.log(`  - ${name}`);
}
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
