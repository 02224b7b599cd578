import { connect } from 'node:net';
import * as encoding from 'lib0/encoding';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { adminOf, createCase, type LogLine, rawSocket, type RunningServer, startServer } from './harness.ts';
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

// A presence (awareness) state is JSON holding its sender's name; one that does not parse closes the
// connection, and the reason logged for it must not quote the text (as JSON.parse's message does).
it('a malformed presence state is logged as such, not with its text', async () => {
  const logs: LogLine[] = [];
  server = await startServer({ logTo: logs });
  const caseId = await createCase(server);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // awareness message
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1); // one client's state
  encoding.writeVarUint(update, 7); // its id
  encoding.writeVarUint(update, 1); // its clock
  encoding.writeVarString(update, '{"user":{"name":山田花子}}'); // the name not quoted
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  const bad = await rawSocket(server, caseId);
  await bad.opened;
  bad.socket.send(encoding.toUint8Array(encoder));
  expect((await bad.closed).code).toBe(1007);

  const closing = logs.find((line) => line.msg === 'closing connection after a malformed message');
  expect(closing?.reason).toMatch(/^malformed message: /);
  expect(JSON.stringify(logs)).not.toContain('山田花子');
});

// What an operator needs of a connection failure is kept: its address, and with several addresses
// tried (localhost on IPv4 and IPv6), node's AggregateError says each attempt, its own message empty.
it('a connection failure is logged with the address and reason of each attempt', async () => {
  const logs: LogLine[] = [];
  server = await startServer({ logTo: logs });
  const refused = await new Promise<Error>((resolve) => connect({ host: '127.0.0.1', port: 9 }).on('error', resolve));
  server.app.log.error({ err: new AggregateError([refused], '') }, 'connecting');

  const logged = logs.find((line) => line.msg === 'connecting') as LogLine & { err: { errors: { code: string; address: string; port: number }[] } };
  expect(logged.err.errors).toEqual([expect.objectContaining({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 })]);
});
