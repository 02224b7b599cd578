import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most tests start real servers (some as child processes) and finish in well under a second;
    // the generous limit only keeps a loaded 2-core CI machine from failing them on time alone.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two files at once even on 2 cores (vitest's default there is one): much of a test is waiting
    // (sockets, timers, child processes starting), so the suite takes about two thirds of the time.
    maxWorkers: 2,
    // One module registry per worker rather than per file: every file imports the same server
    // (Fastify, Kysely, Yjs…), and loading it again for each took most of the suite's CPU under CI
    // load. Tests share no module state: each starts its own servers and stores.
    isolate: false,
    // Cheap password hashing (see passwordCost), also for the server processes tests start.
    env: { CARE_TEST_WEAK_PASSWORD_HASHING: '1' },
  },
});
