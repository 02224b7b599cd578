import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import { openPostgres, openSqlite } from './database.ts';
import { SqlCaseStore } from './sql-store.ts';
import type { SqliteSynchronous } from './sqlite-background-thread.ts';

/** PostgreSQL when DATABASE_URL is set (several processes), else the embedded SQLite file. */
export function openStore(
  config: Pick<ServerConfig, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Pick<ServerConfig, 'SQLITE_SYNCHRONOUS'>>,
): Promise<SqlCaseStore> {
  return SqlCaseStore.open(
    config.DATABASE_URL
      ? openPostgres(config.DATABASE_URL)
      : openSqlite(join(config.DATA_DIR, 'cases.sqlite'), config.SQLITE_SYNCHRONOUS),
  );
}

export const openSqliteStore = (file: string, synchronous?: SqliteSynchronous) =>
  SqlCaseStore.open(openSqlite(file, synchronous));
