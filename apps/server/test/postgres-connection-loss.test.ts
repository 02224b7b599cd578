import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { post } from './sessions.ts';
import { createTestSchema, probePostgres, TEST_DATABASE_URL, warnSkipped } from './services.ts';

const missing = warnSkipped('the PostgreSQL connection-loss test', await probePostgres());

/** Ends the server's connections to PostgreSQL from the database's side, as a restart or failover of it does. */
async function terminateConnections(applicationName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
    expect(ended.rowCount).toBeGreaterThan(0);
    while ((await admin.query('select 1 from pg_stat_activity where application_name = $1', [applicationName])).rowCount) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await admin.end();
  }
}

describe.skipIf(missing)('PostgreSQL ending the server’s connections', { timeout: 120_000 }, () => {
  let dropSchema: () => Promise<void>;
  let server: ServerProcess | undefined;
  const applicationName = `care_loss_${process.pid}`;

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    const url = new URL(schema.url);
    url.searchParams.set('application_name', applicationName);
    server = await startServerProcess({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await server?.stop();
    await dropSchema?.();
  });

  // An idle connection ended by PostgreSQL (restarted, failed over, or an idle timeout on the way)
  // made the pool emit an error nobody listened to, which ended the whole process.
  it('the server keeps running and answers from new connections', async () => {
    const signIn = () => post(server!, '/api/session', { login: 'nobody', password: 'not the password at all' });
    expect((await signIn()).status).toBe(401); // a pooled connection, now idle

    await terminateConnections(applicationName);

    expect((await signIn()).status).toBe(401);
    expect((await signIn()).status).toBe(401);
    expect(server!.child.exitCode).toBeNull();
  });
});
