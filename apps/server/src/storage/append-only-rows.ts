import type { Insertable } from 'kysely';
import { chunks, type Db, type Tables } from './database.ts';
import { GroupCommit } from './group-commit.ts';
import { sqliteAppends } from './sqlite-appends.ts';

/** The trails: tables whose rows are only ever added (triggers refuse UPDATE and DELETE). */
export type AppendOnlyTable = 'audit_log' | 'account_audit';

/** Adds a row; resolves once it is durable (or, in a transaction, once it is part of it). */
export type RowAppender<Row> = { add(row: Row): Promise<void> };

/**
 * Adds rows to an append-only table, those that arrive together in one commit (GroupCommit). On
 * an SQLite file through its append connection (fsynced on the background thread, so never stalling
 * the event loop that relays edits); elsewhere in one transaction. Resolves once durable. On a
 * transaction (inTransaction), each row is part of it: kept with the action it records, or not at all.
 */
export function appendOnlyRows<T extends AppendOnlyTable>(
  db: Db,
  table: T,
  columns: readonly (keyof Insertable<Tables[T]> & string)[],
): RowAppender<Insertable<Tables[T]>> {
  type Row = Insertable<Tables[T]>;
  if (db.kysely.isTransaction) return { add: async (row) => void (await db.kysely.insertInto(table).values(row).execute()) };
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
