import type { Db } from './database.ts';
import type { BatchCommit } from './group-commit.ts';

/**
 * Appends to an append-only table of an SQLite file (the update log, the audit trail), for
 * GroupCommit. A batch is inserted on the event loop's append connection, whose commit puts it in
 * the WAL in the OS's cache without an fsync: microseconds, and then it is written (it survives a
 * crash of this process). It is durable once the background thread has fsynced the WAL after it
 * (synchronous `full`; with `normal`, at the next checkpoint), which runs off the event loop and
 * covers every batch written before it started.
 */
export function sqliteAppends<Row>(
  file: NonNullable<Db['sqliteFile']>,
  insertSql: string,
  values: (row: Row) => unknown[],
  /** How long the fsync may wait for more commits to share it (see SqliteBackgroundThread.sync). */
  syncDelayMs = 0,
): BatchCommit<Row> {
  const insert = file.appendConnection.prepare(insertSql);
  const insertAll = file.appendConnection.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(...values(row));
  });
  return async (rows, written) => {
    await whenUnlocked(() => insertAll(rows));
    written();
    if (file.synchronous === 'full') await file.backgroundThread!.sync(syncDelayMs);
  };
}

/** How long a write on the append connection waits for another connection's write lock before it fails. */
const LOCK_WAIT_MS = 10_000;

/**
 * Runs a write on the append connection, retrying on later ticks while the other connection holds
 * the write lock: a Kysely transaction on the event loop between two of its statements (waiting
 * inside SQLite there would block the very loop that must finish it).
 */
export async function whenUnlocked<T>(write: () => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
