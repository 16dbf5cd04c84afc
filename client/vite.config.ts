import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API is served from the same origin in production; in development Vite forwards /api to
// the Fastify server so the session cookie stays first-party.
const apiProxy = {
  '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
};

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The server reads it to add a lazy route's chunks to that route's HTML as modulepreload links.
    manifest: true,
  },
  server: { port: 5173, strictPort: false, proxy: apiProxy },
  preview: { proxy: apiProxy },
});
