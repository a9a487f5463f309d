/**
 * The packaging configuration (electron-builder.yml), checked where
 * electron-builder cannot run: it parses, it matches app-builder-lib's own
 * JSON schema (the one electron-builder validates against before it
 * packages), it says what ARCHITECTURE.md says (fuses, file associations, the
 * app id the main process uses), and every file it names exists and is what
 * its name says (the icons are parsed, not just found).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/shell/identity.js';

const require = createRequire(import.meta.url);
// js-yaml ships no types; this is all of it the test uses.
const yaml = require('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown> & {
  appId?: string;
  productName?: string;
  directories?: { buildResources?: string; output?: string };
  files?: string[];
  electronFuses?: Record<string, boolean>;
  fileAssociations?: { ext: string; name?: string; mimeType?: string; icon?: string }[];
  mac?: { icon?: string };
  win?: { icon?: string };
  linux?: { icon?: string };
};

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Config;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; productName: string; build?: unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;

// The schema uses a few keywords of its own generator ("typeof"), so not strict.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (value: unknown): string[] =>
  validate(value) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

describe('electron-builder.yml', () => {
  it('matches app-builder-lib’s schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('the schema check has teeth: a misspelt key or a wrong type is refused', () => {
    expect(errorsOf({ ...config, electronFuse: { runAsNode: false } })).not.toEqual([]);
    expect(errorsOf({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).not.toEqual([]);
    expect(errorsOf({ ...config, electronFuses: { ...config.electronFuses, runAsNode: 'no' } })).not.toEqual([]);
    expect(errorsOf({ ...config, fileAssociations: [{ name: 'no extension' }] })).not.toEqual([]);
  });

  it('is the only configuration (package.json has no "build" key to merge in)', () => {
    expect(pkg.build).toBeUndefined();
  });

  it('has the app id and name the main process uses', () => {
    // electron/shell/identity.ts: Windows ties notifications to this id.
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // The integrity and asar-only fuses need an asar to check.
    expect(config.asar).toBe(true);
  });

  it('associates Tableside’s sync files and event exports', () => {
    const byExt = new Map((config.fileAssociations ?? []).map((a) => [a.ext, a]));
    expect(byExt.get('tablesidesync')).toMatchObject({ name: 'Tableside sync file', mimeType: expect.stringMatching(/^application\//) });
    expect(byExt.get('tableside')).toMatchObject({ name: 'Tableside event export', mimeType: expect.stringMatching(/^application\//) });
  });

  it('builds the three platforms’ installers', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });
});

describe('every file electron-builder.yml names exists', () => {
  const FILE_KEYS = new Set([
    'icon',
    'installerIcon',
    'uninstallerIcon',
    'installerHeaderIcon',
    'installerSidebar',
    'uninstallerSidebar',
    'license',
    'include',
    'script',
    'entitlements',
    'entitlementsInherit',
    'background',
  ]);
  const buildResources = config.directories?.buildResources ?? 'build';

  /** [where, path] for every value under a key that names a file. */
  function namedFiles(value: unknown, where = ''): [string, string][] {
    if (Array.isArray(value)) return value.flatMap((v, i) => namedFiles(v, `${where}[${i}]`));
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([key, v]): [string, string][] =>
      FILE_KEYS.has(key) && typeof v === 'string' ? [[`${where}.${key}`, v]] : namedFiles(v, `${where}.${key}`),
    );
  }

  it('the build resources folder', () => {
    expect(statSync(buildResources).isDirectory()).toBe(true);
  });

  const files = namedFiles(config);
  it('names the icons', () => {
    expect(files.map(([where]) => where)).toEqual(expect.arrayContaining(['.icon', '.mac.icon', '.win.icon', '.linux.icon']));
  });

  // electron-builder looks for these relative to the project, then to the build resources folder.
  it.each(files)('%s: %s', (_where, file) => {
    expect(existsSync(file) || existsSync(join(buildResources, file)), file).toBe(true);
  });

  it('the package’s main entry is what scripts/build.mjs writes, and `files` packs it', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    const buildScript = readFileSync('scripts/build.mjs', 'utf8');
    expect(buildScript).toContain(`outfile: '${pkg.main}'`);
    // The preload main.ts loads from beside itself, and the page from ../renderer (Vite's outDir).
    expect(buildScript).toContain(`outfile: 'dist/electron/preload.cjs'`);
    expect(readFileSync('electron/main.ts', 'utf8')).toContain(`join(__dirname, 'preload.cjs')`);
    expect(readFileSync('vite.config.ts', 'utf8')).toContain(`outDir: '../dist/renderer'`);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
  });
});

describe('the icons are what their names say', () => {
  const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pngSize = (b: Buffer) => {
    expect(b.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  };

  it('icon.png is a 512×512 PNG', () => {
    expect(pngSize(readFileSync(config.linux?.icon ?? ''))).toEqual({ width: 512, height: 512 });
  });

  it('icon.ico holds 16 to 256 px images, the 256 one as PNG (what Windows and NSIS expect)', () => {
    const ico = readFileSync(config.win?.icon ?? '');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const size = ico[entry] || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const image = ico.subarray(offset, offset + length);
      if (size === 256) expect(pngSize(image)).toEqual({ width: 256, height: 256 });
      else expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8)]).toEqual([40, size, size * 2]);
      sizes.push(size);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('icon.icns is a well-formed icon family with PNGs up to 1024 px', () => {
    const icns = readFileSync(config.mac?.icon ?? '');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, { width: number; height: number }>();
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('ascii', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length).toBeGreaterThan(8);
      types.set(type, pngSize(icns.subarray(at + 8, at + length)));
      at += length;
    }
    expect(types.get('ic09')).toEqual({ width: 512, height: 512 });
    expect(types.get('ic10')).toEqual({ width: 1024, height: 1024 });
    expect(types.get('ic07')).toEqual({ width: 128, height: 128 });
  });
});

describe('npm run dist without Electron’s binary', () => {
  const binaryPresent = existsSync(join('node_modules', 'electron', 'path.txt'));

  it.skipIf(binaryPresent)('stops with one clear message, not a stack trace', () => {
    const run = spawnSync(process.execPath, ['scripts/dist.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Cannot package Tableside\. Electron [\d.]+ is installed without its binary/);
    expect(run.stderr).toContain('npm run serve');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
