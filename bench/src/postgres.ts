import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the bench finds PostgreSQL (the same default as the server's tests). */
const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type PgSchema = { url: string; drop: () => Promise<void> };

/**
 * A schema of its own for one bench run, dropped afterwards; undefined (with the reason) when
 * PostgreSQL is not reachable, so the report says so instead of failing the whole run.
 */
export async function pgSchema(): Promise<PgSchema | { unavailable: string }> {
  const name = `care_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(`create schema ${name}`);
  } catch (error) {
    return { unavailable: `PostgreSQL at ${BENCH_DATABASE_URL}: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
  const url = new URL(BENCH_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop schema ${name} cascade`);
      await dropper.end();
    },
  };
}
