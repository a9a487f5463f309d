import { defineConfig } from 'vite';

// The renderer is built to plain files that both hosts load: Electron from
// disk (hence the relative base) and the web host over HTTP.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
