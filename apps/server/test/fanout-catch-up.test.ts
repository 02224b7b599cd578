import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeWire } from '../src/fanout/wire.ts';
import { openPostgres } from '../src/storage/database.ts';
import { SqlCaseStore } from '../src/storage/sql-store.ts';
import { connectClient, createCase, eventually, type RunningServer, startServer, type TestClient } from './harness.ts';
import { createTestSchema, probePostgres, probeRedis, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

const missing = warnSkipped('the Redis fan-out catch-up tests (PostgreSQL + Redis)', await probePostgres(), await probeRedis());

/**
 * Redis pub/sub may drop messages. These tests commit an edit to the shared database the way
 * another process would, but let Redis never deliver it, and check that the server still
 * brings it to its clients from storage.
 */
describe.skipIf(missing)('catching up from storage when Redis did not deliver', { timeout: 30_000 }, () => {
  let env: Record<string, string>;
  let dropSchema: () => Promise<void>;
  let otherProcess: SqlCaseStore;
  let redis: Redis;
  let server: RunningServer | undefined;
  let client: TestClient | undefined;

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix() };
    otherProcess = await SqlCaseStore.open(openPostgres(schema.url));
    redis = new Redis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    client?.destroy();
    await server?.stop();
  });
  afterAll(async () => {
    redis?.disconnect();
    await otherProcess?.close();
    await dropSchema?.();
  });

  /** An edit stored by "another process" whose Redis message never arrives. */
  async function commitElsewhere(caseId: string, line: string): Promise<void> {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    appendSummaryParagraphs(doc, [line]);
    await otherProcess.appendUpdate(caseId, updates[0]!);
  }

  async function openCase(extraEnv: Record<string, string> = {}) {
    server = await startServer({ env: { ...env, ...extraEnv } });
    const caseId = await createCase(server);
    client = await connectClient(server, caseId);
    return { caseId, client };
  }

  it('notices a gap in a sender’s sequence numbers', async () => {
    const { caseId, client } = await openCase();
    await commitElsewhere(caseId, '届かなかった編集');
    const channel = `${env.REDIS_PREFIX}:case:${caseId}`;
    const publish = (seq: number) =>
      redis.publish(channel, Buffer.from(encodeWire({ sender: 'other', seq, kind: 'update', payload: Y.encodeStateAsUpdate(new Y.Doc()) })));
    await publish(1);
    await publish(2);
    expect(summaryPlainText(client.doc)).toBe('');
    await publish(4); // 3 was lost
    await eventually(() => expect(summaryPlainText(client.doc)).toBe('届かなかった編集'));
  });

  it('catches up after its Redis subscriber connection drops', async () => {
    const { caseId, client } = await openCase();
    await commitElsewhere(caseId, '切断中の編集');
    const clients = (await redis.client('LIST')) as string;
    const subscriber = clients.split('\n').find((line) => line.includes(`name=${env.REDIS_PREFIX}:subscribe `));
    const id = /id=(\d+)/.exec(subscriber ?? '')?.[1];
    expect(id).toBeDefined();
    await redis.client('KILL', 'ID', id!);
    await eventually(() => expect(summaryPlainText(client.doc)).toBe('切断中の編集'));
  });

  it('catches up periodically, covering a sender that died between commit and publish', async () => {
    const { caseId, client } = await openCase({ CATCH_UP_INTERVAL_MS: '200' });
    await commitElsewhere(caseId, '公開前に停止');
    await eventually(() => expect(summaryPlainText(client.doc)).toBe('公開前に停止'));
  });
});
