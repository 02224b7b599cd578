import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    // Under CI this suite runs after the unit and server tests (turbo.json), but a shared 2-core
    // machine can still take 2–4× an idle one's time (a server restart): a test may take two minutes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // A page reacts within a second on an idle machine; a shared 2-core one under test load may
    // take several (scrypt on sign-up, cold sockets): an expect.poll waits up to 10 s, not 1.
    expect: { poll: { timeout: 10_000 } },
    // Each file starts its own server and browser; two at once fit a 2-core machine.
    maxWorkers: 2,
    // One module registry per worker, not per file (as in the server suite): the harness imports
    // the server's test helpers, which took a minute of loading per run under CI load.
    isolate: false,
    // Cheap password hashing in the servers the tests start (see passwordCost in @care/server).
    env: { CARE_TEST_WEAK_PASSWORD_HASHING: '1' },
  },
});
