import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import { redactedUrl } from '../redacted-url.ts';
import { openPostgres, openSqlite } from './database.ts';
import { MigrationError } from './migrations.ts';
import { SqlCaseStore } from './sql-store.ts';
import type { SqliteSynchronous } from './sqlite-background-thread.ts';

/** The database could not be reached or opened at start-up (wrong DATABASE_URL, server down, no access). */
export class StoreOpenError extends Error {}

/** PostgreSQL when DATABASE_URL is set (several processes), else the embedded SQLite file. */
export async function openStore(
  config: Pick<ServerConfig, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Pick<ServerConfig, 'SQLITE_SYNCHRONOUS'>>,
): Promise<SqlCaseStore> {
  const where = config.DATABASE_URL ? redactedUrl(config.DATABASE_URL) : join(config.DATA_DIR, 'cases.sqlite');
  try {
    return await SqlCaseStore.open(
      config.DATABASE_URL
        ? openPostgres(config.DATABASE_URL)
        : openSqlite(join(config.DATA_DIR, 'cases.sqlite'), config.SQLITE_SYNCHRONOUS),
    );
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new StoreOpenError(`cannot open the database at ${where}: ${(error as Error).message}`, { cause: error });
  }
}

export const openSqliteStore = (file: string, synchronous?: SqliteSynchronous) =>
  SqlCaseStore.open(openSqlite(file, synchronous));
