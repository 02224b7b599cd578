import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The scale-out tier's tests need a real PostgreSQL and Redis (`.ci/run` starts them). When one
 * is missing, those tests are skipped with a warning that says which and why: never a silent pass.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type Availability = { ok: true } | { ok: false; reason: string };

export async function probePostgres(): Promise<Availability> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `PostgreSQL at ${TEST_DATABASE_URL}: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

export async function probeRedis(): Promise<Availability> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `Redis at ${TEST_REDIS_URL}: ${(error as Error).message}` };
  } finally {
    redis.disconnect();
  }
}

/** Warns loudly (once per test file) that a tier's tests are skipped, and why. */
export function warnSkipped(what: string, ...availability: Availability[]): boolean {
  const missing = availability.filter((a): a is { ok: false; reason: string } => !a.ok);
  if (missing.length === 0) return false;
  console.warn(`\n⚠️  SKIPPING ${what}: ${missing.map((m) => m.reason).join('; ')}\n`);
  return true;
}

/** A PostgreSQL schema of its own for one test run; its URL selects it through search_path. */
export async function createTestSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `care_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => adminQuery(`drop schema if exists ${schema} cascade`) };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A Redis channel prefix of its own for one test run (pub/sub leaves no keys to clean up). */
export const testRedisPrefix = () => `care-test-${randomBytes(6).toString('hex')}`;

/** An engine a test's servers store in: the environment that selects it, and what removes its data afterwards. */
export type ServerEngine = { name: string; env: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }> };

/**
 * The embedded SQLite, and PostgreSQL (a schema of its own for each use) when it is running; when
 * not, `what` is said to be skipped on it.
 */
export async function serverEngines(what: string): Promise<ServerEngine[]> {
  const sqlite: ServerEngine = { name: 'SQLite', env: async () => ({ env: {}, drop: async () => {} }) };
  if (warnSkipped(`${what} on PostgreSQL`, await probePostgres())) return [sqlite];
  const postgres: ServerEngine = {
    name: 'PostgreSQL',
    env: async () => {
      const schema = await createTestSchema();
      return { env: { DATABASE_URL: schema.url }, drop: schema.drop };
    },
  };
  return [sqlite, postgres];
}
