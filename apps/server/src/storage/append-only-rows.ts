import type { Insertable } from 'kysely';
import { chunks, type Db, type Tables } from './database.ts';
import { GroupCommit } from './group-commit.ts';
import { sqliteAppends } from './sqlite-appends.ts';

/** The trails: tables whose rows are only ever added (triggers refuse UPDATE and DELETE). */
export type AppendOnlyTable = 'audit_log' | 'account_audit';

/**
 * Adds rows to an append-only table, those that arrive together in one commit (GroupCommit). On
 * an SQLite file through its append connection (fsynced on the writer thread, so never stalling
 * the event loop that relays edits); elsewhere in one transaction. Resolves once durable.
 */
export function appendOnlyRows<T extends AppendOnlyTable>(
  db: Db,
  table: T,
  columns: readonly (keyof Insertable<Tables[T]> & string)[],
): GroupCommit<Insertable<Tables[T]>> {
  type Row = Insertable<Tables[T]>;
  const file = db.sqliteFile;
  return new GroupCommit<Row>(
    file
      ? sqliteAppends<Row>(
          file,
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          (row) => columns.map((column) => row[column]),
        )
      : (rows) =>
          db.kysely.transaction().execute(async (trx) => {
            for (const chunk of chunks(rows)) await trx.insertInto(table).values(chunk).execute();
          }),
  );
}
