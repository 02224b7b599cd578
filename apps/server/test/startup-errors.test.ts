import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnServerProcess } from './server-process.ts';
import { createTestSchema, probePostgres, warnSkipped } from './services.ts';

const noPostgres = warnSkipped('the Redis start-up error test (it needs PostgreSQL)', await probePostgres());

/** Starts the real entry point, which must not come to listen: its exit code and what it printed. */
async function refusedStart(env: Record<string, string>) {
  const spawned = spawnServerProcess(env);
  const output = await spawned.listening.then(
    async (server) => {
      await server.stop();
      throw new Error(`the server started:\n${server.output()}`);
    },
    (error: Error) => error.message,
  );
  return { ...(await spawned.stop()), output };
}

// An operator reads why the server did not start, in one line, not a stack trace, and a service
// manager sees exit code 2 (configuration) as for a bad variable.
it('a server whose PostgreSQL cannot be reached says so and exits 2', { timeout: 60_000 }, async () => {
  const refused = await refusedStart({ DATABASE_URL: 'postgres://care:secret@127.0.0.1:1/care' });
  expect(refused.code).toBe(2);
  expect(refused.output).toContain('cannot open the database at postgres://care:***@127.0.0.1:1/care');
  expect(refused.output).not.toContain('secret');
  expect(refused.output).not.toMatch(/\n\s+at /);
});

it('a server whose port is taken says so and exits 2', { timeout: 60_000 }, async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const port = (taken.address() as { port: number }).port;
    const refused = await refusedStart({ PORT: String(port) });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain(`cannot listen on 127.0.0.1:${port}: the address is in use`);
    expect(refused.output).not.toMatch(/\n\s+at /);
  } finally {
    taken.close();
  }
});

describe.skipIf(noPostgres)('with PostgreSQL', () => {
  it('a server whose Redis cannot be reached says why in one line and exits 2', { timeout: 60_000 }, async () => {
    const schema = await createTestSchema();
    try {
      const refused = await refusedStart({ DATABASE_URL: schema.url, REDIS_URL: 'redis://127.0.0.1:1' });
      expect(refused.code).toBe(2);
      expect(refused.output).toContain('cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1');
      expect(refused.output).not.toContain('Unhandled error event');
    } finally {
      await schema.drop();
    }
  });
});
