import type { Compilable } from 'kysely';
import type { Db } from './database.ts';
import { whenUnlocked } from './sqlite-appends.ts';

/**
 * Runs a write that needs no fsync of its own, without making the event loop wait for the disk:
 * on an SQLite file it commits on the append connection (into the WAL in the OS's cache; the
 * background thread's next fsync or checkpoint takes it to disk), where the Kysely connection would
 * fsync while every relay waits. Elsewhere (PostgreSQL) it is an ordinary write. For what a power
 * cut may lose harmlessly, such as when a session was last used.
 */
export async function writeUnsynced(db: Db, query: Compilable & { execute(): Promise<unknown> }): Promise<void> {
  const file = db.sqliteFile;
  if (!file) {
    await query.execute();
    return;
  }
  const { sql, parameters } = query.compile();
  const statement = file.appendConnection.prepare(sql);
  await whenUnlocked(() => statement.run(...parameters));
}
