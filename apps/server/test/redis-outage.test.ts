import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/storage/database.ts';
import {
  caseMember,
  connectClient,
  createCase,
  eventually,
  nextClose,
  type RunningServer,
  removeDir,
  startServer,
  type TestClient,
  type TestSession,
} from './harness.ts';
import { type Availability, createTestSchema, probePostgres, testRedisPrefix, warnSkipped } from './services.ts';

function redisServerBinary(): Availability {
  try {
    execFileSync('redis-server', ['--version']);
    return { ok: true };
  } catch {
    return { ok: false, reason: 'redis-server is not installed (apt-get install redis-server)' };
  }
}

const missing = warnSkipped('the Redis outage tests', await probePostgres(), redisServerBinary());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of this test's own, so it can be killed and restarted without touching anyone else's. */
class PrivateRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'care-redis-'));
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  remove() {
    removeDir(this.dir);
  }
}

describe.skipIf(missing)('when Redis goes down and comes back', { timeout: 30_000 }, () => {
  let redis: PrivateRedis;
  let env: Record<string, string>;
  let dropSchema: () => Promise<void>;
  const servers: RunningServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    redis = new PrivateRedis(await freePort());
    await redis.start();
    // The periodic catch-up is left at its default (30 s): recovery here must come from reconnecting.
    env = { DATABASE_URL: schema.url, REDIS_URL: `redis://127.0.0.1:${redis.port}`, REDIS_PREFIX: testRedisPrefix() };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  afterAll(async () => {
    await redis?.kill();
    redis?.remove();
    await dropSchema?.();
  });

  async function client(server: RunningServer, caseId: string, as?: TestSession) {
    const connected = await connectClient(server, caseId, as);
    clients.push(connected);
    return connected;
  }

  it('each process keeps serving its own clients, and the others catch up once Redis is back', async () => {
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a!, b!);
    const caseId = await createCase(a!);
    const writerOnA = await client(a!, caseId);
    const neighbourOnA = await client(a!, caseId);
    const watcherOnB = await client(b!, caseId);
    appendSummaryParagraphs(writerOnA.doc, ['通常時']);
    await eventually(() => expect(summaryPlainText(watcherOnB.doc)).toBe('通常時'));

    await redis.kill();
    appendSummaryParagraphs(writerOnA.doc, ['停止中の編集']);
    await eventually(() => expect(summaryPlainText(neighbourOnA.doc)).toBe('通常時\n停止中の編集'));
    // Opening another case does not wait for Redis.
    const other = await createCase(b!);
    const onOther = await client(b!, other);
    appendSummaryParagraphs(onOther.doc, ['別のケース']);

    await redis.start();
    await eventually(() => expect(summaryPlainText(watcherOnB.doc)).toBe('通常時\n停止中の編集'), 15_000);
    // Live relay works again.
    appendSummaryParagraphs(watcherOnB.doc, ['復旧後']);
    await eventually(() => expect(summaryPlainText(writerOnA.doc)).toBe('通常時\n停止中の編集\n復旧後'));
  });

  it('a revocation whose notice was lost is found by the other process once its Redis connection is back', async () => {
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a!, b!);
    const caseId = await createCase(a!);
    const [revoked, staying] = await Promise.all([caseMember(a!, caseId, { name: '取消' }), caseMember(a!, caseId, { name: '継続' })]);
    const onB = await Promise.all([client(b!, caseId, revoked), client(b!, caseId, staying)]);
    const closed = nextClose(onB[0]!);

    await redis.kill();
    // Pub/sub is at most once: the notice of this revocation never reaches B. (Made straight in
    // the database, since A would queue its notice and send it once Redis is back.)
    const db = openPostgres(env.DATABASE_URL!);
    try {
      await db.kysely.deleteFrom('case_members').where('case_id', '=', caseId).where('user_id', '=', revoked.userId).execute();
    } finally {
      await db.kysely.destroy();
    }
    await redis.start();
    expect(await closed).toEqual({ code: 4403, reason: 'access to this case was revoked' });
    expect(onB[1]!.provider.wsconnected).toBe(true);
  });
});
