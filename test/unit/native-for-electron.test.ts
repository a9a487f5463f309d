/**
 * scripts/native-for-electron.mjs, the parts that run without Electron's
 * binary: the message when the binary is missing, where the Electron build of
 * better-sqlite3 goes (it must be where electron/native.ts looks), and the
 * stamp that lets `npm start` skip the build. The script runs as a child
 * process on a fake project folder, the way `npm start` runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronNativeBinding, electronNativeDir, projectRoot } from '../../electron/native.js';

const SCRIPT = resolve('scripts/native-for-electron.mjs');
const ELECTRON = '41.0.3';
const ABI = '145';
const BETTER_SQLITE3 = '12.11.1';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A project folder with just enough of node_modules for the script. */
function fakeProject(
  options: { electron?: boolean; abiFile?: boolean; pathTxt?: boolean; binary?: boolean } = {},
): string {
  const { electron = true, abiFile = true, pathTxt = false, binary = false } = options;
  const root = mkdtempSync(join(tmpdir(), 'tableside-native-test-'));
  roots.push(root);
  write(join(root, 'package.json'), '{"name":"fake","private":true}');
  write(join(root, 'node_modules/better-sqlite3/package.json'), JSON.stringify({ version: BETTER_SQLITE3 }));
  if (electron) {
    write(join(root, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: ELECTRON }));
    if (abiFile) write(join(root, 'node_modules/electron/abi_version'), ABI);
    if (pathTxt || binary) write(join(root, 'node_modules/electron/path.txt'), 'electron');
    if (binary) write(join(root, 'node_modules/electron/dist/electron'), '');
  }
  return root;
}

function runScript(root: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const r = spawnSync(process.execPath, [SCRIPT, `--root=${root}`, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr };
}

interface Plan {
  electron?: { version: string; abi?: string; executable: string | null };
  outDir?: string;
  binary?: string;
  upToDate: boolean;
}

function dryRun(root: string): Plan {
  const r = runScript(root, '--dry-run', '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

function expectBinaryMissingMessage(r: ReturnType<typeof runScript>): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const message = r.stderr.trim();
  expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  expect(message).toContain('npm run serve');
  // One plain paragraph: no stack trace, no blank lines.
  expect(message).not.toMatch(/^\s+at /m);
  expect(message).not.toMatch(/Error:/);
  expect(message).not.toContain('\n\n');
}

describe('native-for-electron: Electron binary missing', () => {
  it('explains and exits 1 when the binary was never downloaded (no path.txt)', () => {
    const root = fakeProject();
    const r = runScript(root);
    expectBinaryMissingMessage(r);
    expect(r.stderr).toContain(`Electron ${ELECTRON}`);
    expect(dryRun(root).upToDate).toBe(false);
  });

  it('explains and exits 1 when path.txt exists but dist/ does not', () => {
    expectBinaryMissingMessage(runScript(fakeProject({ pathTxt: true })));
  });

  it('explains and exits 1 when the electron package is not installed at all', () => {
    expectBinaryMissingMessage(runScript(fakeProject({ electron: false })));
  });

  it('builds nothing on the way out', () => {
    const root = fakeProject();
    runScript(root);
    expect(existsSync(join(root, '.native'))).toBe(false);
  });
});

describe('native-for-electron: where the Electron build goes', () => {
  it('is the folder electron/native.ts reads, for a fake project', () => {
    const root = fakeProject();
    const plan = dryRun(root);
    expect(plan.electron).toEqual({ version: ELECTRON, abi: ABI, executable: null });
    expect(plan.outDir).toBe(electronNativeDir(root, ABI));
    expect(plan.binary).toBe(join(electronNativeDir(root, ABI), 'better_sqlite3.node'));
  });

  it('is the folder electron/native.ts reads, for this project and its installed Electron', () => {
    const root = resolve('.');
    const abi = readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8').trim();
    const plan = dryRun(root);
    expect(plan.electron?.abi).toBe(abi);
    expect(plan.outDir).toBe(electronNativeDir(root, abi));
  });

  it('asks node-abi for the ABI when the electron package has no abi_version file', () => {
    const root = fakeProject({ abiFile: false });
    symlinkSync(resolve('node_modules/node-abi'), join(root, 'node_modules/node-abi'), 'junction');
    expect(dryRun(root).outDir).toBe(electronNativeDir(root, ABI));
  });

  it('electron/native.ts finds the project folder whether Electron starts on "." or on dist/electron/main.cjs', () => {
    const root = fakeProject();
    const appPath = join(root, 'dist', 'electron');
    mkdirSync(appPath, { recursive: true });
    expect(projectRoot(root)).toBe(root);
    expect(projectRoot(appPath)).toBe(root);

    const app = { isPackaged: false, getAppPath: () => appPath };
    expect(() => electronNativeBinding(app)).toThrow(/npm start/);
    const file = join(electronNativeDir(root, process.versions.modules), 'better_sqlite3.node');
    write(file, '');
    expect(electronNativeBinding(app)).toBe(file);
    expect(electronNativeBinding({ ...app, isPackaged: true })).toBeUndefined();
  });
});

describe('native-for-electron: the stamp', () => {
  function stampedProject(stamp: Record<string, string>, withBinary = true): string {
    const root = fakeProject({ binary: true });
    const dir = electronNativeDir(root, ABI);
    if (withBinary) write(join(dir, 'better_sqlite3.node'), '');
    write(join(dir, 'stamp.json'), JSON.stringify(stamp));
    return root;
  }
  const current = {
    electron: ELECTRON,
    abi: ABI,
    betterSqlite3: BETTER_SQLITE3,
    platform: process.platform,
    arch: process.arch,
  };

  it('skips the build when the stamp matches Electron and better-sqlite3', () => {
    const root = stampedProject({ ...current, method: 'prebuild-install' });
    expect(dryRun(root).upToDate).toBe(true);
    const r = runScript(root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to date/);
  });

  it('rebuilds when Electron, better-sqlite3 or the architecture changed, or the binary is gone', () => {
    expect(dryRun(stampedProject({ ...current, electron: '40.0.0' })).upToDate).toBe(false);
    expect(dryRun(stampedProject({ ...current, betterSqlite3: '12.0.0' })).upToDate).toBe(false);
    expect(dryRun(stampedProject({ ...current, arch: 'other' })).upToDate).toBe(false);
    expect(dryRun(stampedProject(current, false)).upToDate).toBe(false);
  });
});
