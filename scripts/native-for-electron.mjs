// Builds better-sqlite3 a second time, for Electron's Node ABI.
//
// Why two builds: a native addon is compiled against one ABI
// (process.versions.modules). `npm install` builds better-sqlite3 for the Node
// that ran it, at node_modules/better-sqlite3/build/Release/better_sqlite3.node;
// the unit tests, the e2e suite and the web host (`npm run serve`) load that one
// and it must stay as it is. Electron embeds its own Node with a different ABI,
// so this script (run by `npm start` before launching Electron) produces a copy
// for Electron at
//
//   .native/electron-<abi>/better_sqlite3.node      (+ stamp.json)
//
// without touching node_modules. It copies the better-sqlite3 package (minus
// build/) to a temporary folder and builds there: first `prebuild-install
// --runtime electron` (better-sqlite3 publishes prebuilt binaries for Electron),
// else `node-gyp rebuild --runtime=electron` against Electron's headers. The
// stamp records the Electron and better-sqlite3 versions, so later runs skip the
// work until either changes. electron/native.ts hands that file to
// better-sqlite3's `nativeBinding` option in the dev app; a packaged app is
// rebuilt for Electron by electron-builder and uses the default binary.
//
// Usage: node scripts/native-for-electron.mjs [--dry-run] [--json] [--force] [--root=DIR]
//   --dry-run  say what would be done (paths, up to date or not), build nothing
//   --json     with --dry-run: print the plan as JSON (used by the unit test)
//   --force    rebuild even when the stamp is current
//   --root     the project folder (default: the folder above scripts/)
//
// Exit codes: 0 done or up to date, 1 Electron's binary missing or build failed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BINARY_NAME = 'better_sqlite3.node';
export const STAMP_NAME = 'stamp.json';
const HEADERS_URL = 'https://electronjs.org/headers';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Same layout as electronNativeDir() in electron/native.ts. */
export function nativeDir(root, abi) {
  return join(root, '.native', `electron-${abi}`);
}

/**
 * The installed Electron: version, ABI and the executable (undefined when the
 * binary was not downloaded). Mirrors node_modules/electron/index.js without
 * throwing.
 */
export function electronInfo(root, env = process.env) {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pkg = readJson(join(pkgDir, 'package.json'));
  if (!pkg?.version) return undefined;
  const pathTxt = join(pkgDir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  let executable;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  else if (relative) executable = join(pkgDir, 'dist', relative);
  return {
    version: pkg.version,
    abi: electronAbi(root, pkgDir, pkg.version),
    executable: executable && existsSync(executable) ? executable : null,
  };
}

/** node_modules/electron/abi_version when the package has it, else node-abi's table. */
function electronAbi(root, pkgDir, version) {
  const file = join(pkgDir, 'abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  try {
    const nodeAbi = createRequire(join(root, 'package.json'))('node-abi');
    return String(nodeAbi.getAbi(version, 'electron'));
  } catch {
    return undefined;
  }
}

export function betterSqliteVersion(root) {
  return readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json'))?.version;
}

/** What the stamp must say for an existing build to be reused. */
export function wantedStamp(electron, betterSqlite3) {
  return { electron: electron.version, abi: electron.abi, betterSqlite3, platform: process.platform, arch: process.arch };
}

export function isUpToDate(dir, wanted) {
  if (!existsSync(join(dir, BINARY_NAME))) return false;
  const stamp = readJson(join(dir, STAMP_NAME));
  return !!stamp && Object.entries(wanted).every(([key, value]) => stamp[key] === value);
}

export function binaryMissingMessage(electronVersion) {
  const which = electronVersion ? `Electron ${electronVersion}` : 'Electron';
  return (
    `${which} is installed without its binary: the Electron executable was not downloaded, ` +
    'either because ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set when dependencies were installed or because ' +
    'there was no network access to download it. The desktop app cannot start without it. ' +
    '`npm run serve` runs the same app in a browser instead (the web host, which needs no Electron). ' +
    'To get the desktop app, reinstall Electron with network access: `node node_modules/electron/install.js` ' +
    '(or delete node_modules/electron and run `npm install`).'
  );
}

/** The plan for a root: everything the script decides before building. */
export function plan(root, env = process.env) {
  const electron = electronInfo(root, env);
  const betterSqlite3 = betterSqliteVersion(root);
  if (!electron || !electron.abi || !betterSqlite3) {
    return { root, electron, betterSqlite3, outDir: undefined, upToDate: false };
  }
  const outDir = nativeDir(root, electron.abi);
  const wanted = wantedStamp(electron, betterSqlite3);
  return { root, electron, betterSqlite3, outDir, binary: join(outDir, BINARY_NAME), wanted, upToDate: isUpToDate(outDir, wanted) };
}

/**
 * npm passes its config to scripts as npm_config_* variables; some would
 * point the build at plain Node (this machine's .npmrc has nodedir=/usr, which
 * makes node-gyp use Node's headers). The build gets explicit flags instead.
 */
function buildEnv(env) {
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (/^npm_config_(nodedir|target|runtime|arch|platform|disturl|dist_url|libc)$/i.test(key)) delete out[key];
  }
  return out;
}

function run(label, command, args, cwd, env) {
  console.log(`native-for-electron: ${label}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  return result.status === 0;
}

function nodeGypCommand(root, env) {
  const candidates = [
    env.npm_config_node_gyp,
    (() => {
      try {
        return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
      } catch {
        return undefined;
      }
    })(),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const script = candidates.find((c) => c && existsSync(c));
  if (script) return { command: process.execPath, prefix: [script] };
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', prefix: ['--yes', 'node-gyp'] };
}

/** Builds in a temporary copy of the package; returns the method that worked or undefined. */
export function buildForElectron(p, env = process.env) {
  const source = join(p.root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'tableside-native-'));
  const childEnv = buildEnv(env);
  const { version } = p.electron;
  try {
    const skip = [join(source, 'build'), join(source, 'node_modules')];
    cpSync(source, work, {
      recursive: true,
      filter: (file) => !skip.some((s) => file === s || file.startsWith(s + sep)),
    });
    const built = join(work, 'build', 'Release', BINARY_NAME);
    let method;

    let prebuildInstall;
    try {
      prebuildInstall = createRequire(join(source, 'package.json')).resolve('prebuild-install/bin.js');
    } catch {
      prebuildInstall = undefined;
    }
    if (
      prebuildInstall &&
      run(
        `downloading the prebuilt binary for Electron ${version} (prebuild-install)`,
        process.execPath,
        [prebuildInstall, '--runtime', 'electron', '--target', version, '--arch', process.arch],
        work,
        childEnv,
      ) &&
      existsSync(built)
    ) {
      method = 'prebuild-install';
    } else {
      const gyp = nodeGypCommand(p.root, env);
      const args = [
        ...gyp.prefix,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        `--arch=${process.arch}`,
        `--dist-url=${HEADERS_URL}`,
      ];
      if (run(`no prebuilt binary; compiling for Electron ${version} (node-gyp)`, gyp.command, args, work, childEnv) && existsSync(built)) {
        method = 'node-gyp';
      }
    }
    if (!method) return undefined;

    mkdirSync(p.outDir, { recursive: true });
    const partial = `${p.binary}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, p.binary);
    writeFileSync(join(p.outDir, STAMP_NAME), `${JSON.stringify({ ...p.wanted, method, builtAt: new Date().toISOString() }, null, 2)}\n`);
    return method;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv, env) {
  const flags = new Set(argv.filter((a) => !a.startsWith('--root=')));
  const rootFlag = argv.find((a) => a.startsWith('--root='));
  const root = resolve(rootFlag ? rootFlag.slice('--root='.length) : fileURLToPath(new URL('..', import.meta.url)));
  const p = plan(root, env);

  if (flags.has('--dry-run')) {
    if (flags.has('--json')) {
      console.log(JSON.stringify(p, null, 2));
    } else if (p.outDir) {
      console.log(`Electron ${p.electron.version} (ABI ${p.electron.abi}), better-sqlite3 ${p.betterSqlite3}`);
      console.log(`Electron binary: ${p.electron.executable ?? 'not installed'}`);
      console.log(`Output: ${p.binary} (${p.upToDate ? 'up to date' : 'would be built'})`);
    } else {
      console.log('Electron or better-sqlite3 is not installed under', root);
    }
    return 0;
  }

  if (!p.electron?.executable) {
    console.error(binaryMissingMessage(p.electron?.version));
    return 1;
  }
  if (!p.outDir) {
    console.error(
      p.betterSqlite3
        ? `Cannot tell the Node ABI of Electron ${p.electron.version}: node_modules/electron/abi_version is missing and node-abi does not know it.`
        : 'better-sqlite3 is not installed: run `npm install` first.',
    );
    return 1;
  }
  if (p.upToDate && !flags.has('--force')) {
    console.log(`better-sqlite3 for Electron ${p.electron.version} (ABI ${p.electron.abi}) is up to date.`);
    return 0;
  }
  const method = buildForElectron(p, env);
  if (!method) {
    console.error(
      `Could not get better-sqlite3 ${p.betterSqlite3} for Electron ${p.electron.version}: there was no prebuilt binary ` +
        'to download and compiling it failed (that needs Electron\'s headers from electronjs.org and a C++ toolchain: ' +
        'python3, make and g++ on Linux, Xcode tools on macOS, Visual Studio Build Tools on Windows). ' +
        'The output above says which step failed. `npm run serve` runs the same app in a browser meanwhile.',
    );
    return 1;
  }
  console.log(`Built ${p.binary} (${method}).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
