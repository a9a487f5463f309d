// Builds everything the app and the web host run:
//   dist/renderer/        the React UI (Vite)
//   dist/host/serve.mjs   the web host (esbuild; dependencies stay in node_modules)
//   dist/electron/*.cjs   the Electron main process and preload (esbuild)
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';

const quiet = process.argv.includes('--quiet');
const started = Date.now();
rmSync('dist', { recursive: true, force: true });

await vite({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
};
await Promise.all([
  esbuild({
    ...node,
    entryPoints: ['electron/host/serve.ts'],
    outfile: 'dist/host/serve.mjs',
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...node,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    // electron-store and conf are ESM-only: bundle them into the CJS main.
    external: ['electron', 'better-sqlite3'],
  }),
  esbuild({
    ...node,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    // A sandboxed preload may require only 'electron'.
    external: ['electron'],
  }),
]);
if (!quiet) console.log(`Built in ${Date.now() - started} ms`);
