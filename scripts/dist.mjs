// Packages the desktop app for the platform this runs on (`npm run dist`):
// AppImage + deb on Linux, an NSIS installer on Windows, a dmg on macOS, into
// release/. Configuration: electron-builder.yml.
//
// electron-builder rebuilds native dependencies for Electron *in place*
// (npmRebuild), which would leave node_modules/better-sqlite3 built for
// Electron's ABI and break the tests and `npm run serve`. So the Node build of
// better_sqlite3.node is set aside first and put back afterwards.
//
// Extra arguments go to electron-builder: `npm run dist -- --dir` makes an
// unpacked folder only.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryMissingMessage, electronInfo } from './native-for-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PLATFORM_FLAG = { linux: '--linux', win32: '--win', darwin: '--mac' };

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

function main() {
  const electron = electronInfo(root);
  if (!electron?.executable) {
    console.error(`Cannot package Tableside. ${binaryMissingMessage(electron?.version)}`);
    return 1;
  }
  const platformFlag = PLATFORM_FLAG[process.platform];
  if (!platformFlag) {
    console.error(`Packaging on ${process.platform} is not set up (Linux, Windows and macOS are).`);
    return 1;
  }

  const built = run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  if (built !== 0) return built;

  const nodeBinding = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const keep = mkdtempSync(join(tmpdir(), 'tableside-dist-'));
  const kept = join(keep, 'better_sqlite3.node');
  if (existsSync(nodeBinding)) copyFileSync(nodeBinding, kept);
  try {
    const cli = createRequire(join(root, 'package.json')).resolve('electron-builder/cli.js');
    return run(process.execPath, [cli, platformFlag, '--publish', 'never', ...process.argv.slice(2)]);
  } finally {
    if (existsSync(kept)) copyFileSync(kept, nodeBinding);
    rmSync(keep, { recursive: true, force: true });
  }
}

process.exitCode = main();
