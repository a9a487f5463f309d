/**
 * Which better-sqlite3 binary the Electron app loads.
 *
 * npm builds better-sqlite3 for the Node that ran `npm install`; the tests and
 * the web host load that one. Electron embeds a different Node ABI, so
 * `npm start` first runs scripts/native-for-electron.mjs, which builds a
 * second copy for Electron's ABI into .native/electron-<abi>/ without touching
 * the first. The app points better-sqlite3 at that copy with its
 * `nativeBinding` option. A packaged app has its dependencies rebuilt for
 * Electron by electron-builder, so it uses the default binary.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function electronNativeDir(appRoot: string, abi: string): string {
  return join(appRoot, '.native', `electron-${abi}`);
}

/**
 * The project folder: the nearest folder with a package.json at or above the
 * app path. `electron .` makes the app path the project; `electron
 * dist/electron/main.cjs` (as the Playwright suite launches it) makes it
 * dist/electron.
 */
export function projectRoot(appPath: string): string {
  for (let dir = appPath; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return appPath;
  }
}

export function electronNativeBinding(app: {
  isPackaged: boolean;
  getAppPath(): string;
}): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(electronNativeDir(projectRoot(app.getAppPath()), process.versions.modules), 'better_sqlite3.node');
  if (!existsSync(file)) {
    throw new Error(
      `better-sqlite3 has not been built for this Electron (ABI ${process.versions.modules}). ` +
        'Run `npm start`, which builds it, or `node scripts/native-for-electron.mjs`.',
    );
  }
  return file;
}
