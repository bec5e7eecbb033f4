// The example app's Vite config. `coinpool-sandbox/browser` resolves to this repository's source, as it would
// resolve to the installed package in a partner's app.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: { 'coinpool-sandbox/browser': fileURLToPath(new URL('../../src/browser/index.ts', import.meta.url)) },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
