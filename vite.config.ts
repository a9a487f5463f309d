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
    // Fonts stay files: the page's CSP (default-src 'self') refuses data: URLs,
    // and the report's fonts come in many small slices (scripts/print-fonts.mjs).
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
