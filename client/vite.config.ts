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

export default defineConfig(({ isSsrBuild }) => ({
  root,
  plugins: [react(), precompress()],
  // The server-rendering build (client/src/ssr, `vite build --ssr`) carries its own React and the
  // rest, in their production builds: the server runs with NODE_ENV=development in the demo, where
  // React's development build drew the scorecard in 20 ms instead of 9; and the build then loads
  // from any folder (from outside the repository it could not find React, and drew nothing).
  ...(isSsrBuild
    ? { ssr: { noExternal: true }, define: { 'process.env.NODE_ENV': JSON.stringify('production') } }
    : {}),
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The server reads it to add a lazy route's chunks to that route's HTML as modulepreload links.
    manifest: true,
  },
  server: { port: 5173, strictPort: false, proxy: apiProxy },
  preview: { proxy: apiProxy },
}));
