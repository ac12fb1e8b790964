/**
 * Builds the web app into dist/web, which the Atelier server serves with an SPA fallback.
 * The annotator libraries (OpenSeadragon + Annotorious, the text annotator, ECharts) are only
 * pulled in by the screens that use them, through lazy routes, so signing in stays light.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Annotorious on OpenSeadragon draws its shapes with PixiJS at a fixed `resolution: 2`: four times
 * the pixels of a plain screen, which costs tens of milliseconds per redraw where WebGL runs on the
 * CPU (machines without a usable GPU, headless browsers). The screen's own pixel ratio is enough.
 * The build fails if the line is no longer there, so an upgrade cannot drop this silently.
 */
function annotoriousScreenResolution(): Plugin {
  const marker = /(new\s+\w+\(\)\s*,\s*\w+\s*=\s*\w+\(\{\s*width:\s*\w+\.width,\s*height:\s*\w+\.height,\s*backgroundAlpha:\s*0,\s*view:\s*\w+,\s*antialias:\s*!0,\s*)resolution:\s*2/;
  return {
    name: 'annotorious-screen-resolution',
    transform(code, id) {
      if (!id.includes('@annotorious/openseadragon/dist/annotorious-openseadragon.es.js')) return null;
      if (!marker.test(code)) this.error('annotorious-screen-resolution: the PixiJS renderer options were not found; check the Annotorious upgrade');
      return { code: code.replace(marker, '$1resolution: Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1))'), map: null };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), annotoriousScreenResolution()],
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
