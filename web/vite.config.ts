/**
 * Vite build of the web app: root `web/`, output `web/dist/` with relative
 * asset URLs (the API server serves it at `/`). In development, /graphql is
 * proxied to the API (LINCHPIN_API, default http://127.0.0.1:4000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/graphql': process.env.LINCHPIN_API ?? 'http://127.0.0.1:4000' },
  },
});
