import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressed } from './vite-precompress.ts';

// In development the Vite server proxies the API and websockets to the Fastify server.
const server = process.env.CARE_SERVER ?? 'http://127.0.0.1:3000';

/**
 * Each build gets an id, compiled into its code and written beside it (build-id.txt), which the
 * server names on its responses (BUILD_HEADER): a page open since an earlier build finds them
 * differ (app-version.ts). None in development.
 */
function buildId(id: string): Plugin {
  return {
    name: 'care-build-id',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'build-id.txt', source: id });
    },
  };
}

export default defineConfig(({ command }) => {
  const build = command === 'build' ? `${new Date().toISOString()}-${randomBytes(4).toString('hex')}` : null;
  return {
    define: { __CARE_BUILD__: JSON.stringify(build) },
    plugins: [react(), ...(build ? [buildId(build)] : []), precompressed()],
    // The unit tests: one module registry per worker rather than per file (as in the server suite),
    // two workers even on 2 cores. Loading Tiptap, ProseMirror and Yjs again for each of 45 files
    // took the suite 160 s on this machine; it takes 12 s. No test keeps state between files
    // (each makes its own editors and docs; those using localStorage clear it first).
    test: { isolate: false, maxWorkers: 2 },
    server: {
      proxy: {
        '/api': server,
        '/ws': { target: server.replace(/^http/, 'ws'), ws: true },
      },
    },
  };
});
