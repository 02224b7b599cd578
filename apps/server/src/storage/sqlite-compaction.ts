import type { Db } from './database.ts';
import { whenUnlocked } from './sqlite-appends.ts';

/**
 * Compaction on an SQLite file. The background thread reads the case's log and folds it (the CPU, off
 * the event loop); the event loop's append connection stores the fold between two batches of
 * appends, so the update log has one writer. (When the thread stored folds itself, appends met its
 * write lock and retried on a later tick: at 10,000 updates/s that cost relays tens of ms at p99.)
 * Deleting the folded rows is cheap because the log is kept in case order (migration 0012).
 */
export function sqliteCompaction(file: NonNullable<Db['sqliteFile']>): (caseId: string) => Promise<number> {
  const connection = file.appendConnection;
  // A fold read before another one's was stored may be stored after it: it never replaces a later
  // fold, and what it would delete is already gone.
  const upsertSnapshot = connection.prepare(
    `insert into case_snapshots (case_id, data, through_seq) values (?, ?, ?)
     on conflict (case_id) do update set data = excluded.data, through_seq = excluded.through_seq
     where excluded.through_seq > case_snapshots.through_seq`,
  );
  // Log seqs only grow, and every row up to the fold's last was read and folded: later appends stay.
  const deleteFolded = connection.prepare('delete from case_updates where case_id = ? and seq <= ?');
  /** Whether the fold became the case's snapshot. */
  const storeFold = connection.transaction((caseId: string, data: Uint8Array, throughSeq: number): boolean => {
    if (upsertSnapshot.run(caseId, data, throughSeq).changes === 0) return false;
    deleteFolded.run(caseId, throughSeq);
    return true;
  });
  return async (caseId) => {
    const fold = await file.backgroundThread!.fold(caseId);
    if (!fold) return 0;
    const stored = await whenUnlocked(() => storeFold(caseId, fold.data, fold.throughSeq));
    return stored ? fold.count : 0;
  };
}
