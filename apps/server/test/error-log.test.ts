import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { adminOf, type LogLine, type RunningServer, startServer } from './harness.ts';
import { createTestSchema, probePostgres, warnSkipped } from './services.ts';

const missing = warnSkipped('the PostgreSQL error-log test', await probePostgres());

let server: RunningServer | undefined;
let dropSchema: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.app.close();
  await dropSchema?.();
  server = dropSchema = undefined;
});

// PostgreSQL's errors carry the values they concern (a unique violation's detail: `Key (title)=(山田花子)
// already exists`); a failed request is logged with its error, and the log must not hold them.
it.skipIf(missing)('a database error is logged with its code, constraint and table, not the values in it (PostgreSQL)', async () => {
  const schema = await createTestSchema();
  dropSchema = schema.drop;
  const logs: LogLine[] = [];
  server = await startServer({ env: { DATABASE_URL: schema.url }, logTo: logs });
  // Two cases may share a title; a unique index here makes the second one's insert fail in the database.
  await sql.raw('create unique index cases_title_in_test on cases (title)').execute(server.store.db.kysely);
  const admin = await adminOf(server);
  const title = '山田花子';
  expect((await admin.request('POST', '/api/cases', { title })).status).toBe(201);
  expect((await admin.request('POST', '/api/cases', { title })).status).toBe(500);

  const failed = logs.find((line) => line.msg === 'request failed') as LogLine & { err: Record<string, unknown> };
  expect(failed.err).toMatchObject({ type: 'DatabaseError', code: '23505', constraint: 'cases_title_in_test', table: 'cases' });
  expect(failed.err.message).toContain('cases_title_in_test');
  expect(failed.err.stack).toContain('createCase');
  expect(JSON.stringify(logs)).not.toContain(title);
});
