/**
 * Builds the web app into dist/web, which the Atelier server serves with an SPA fallback.
 * The annotator libraries (OpenSeadragon + Annotorious, the text annotator, ECharts) are only
 * pulled in by the screens that use them, through lazy routes, so signing in stays light.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // For working on the web app only: `npx vite --config web/vite.config.ts` beside `atelier demo`.
    proxy: { '/api': 'http://127.0.0.1:8190' },
  },
});
