// The dashboard's build: one small bundle, no source maps, nothing loaded from outside at run time
// (the basemap's TopoJSON is bundled). JSX is compiled by Vite's own transform for Preact.
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, reportCompressedSize: false, chunkSizeWarningLimit: 1000 },
});
