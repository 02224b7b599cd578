import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { chunks, type Db, type Tables } from './database.ts';

/**
 * Every table the migrations create, parents before the rows that reference them. The seqs of the
 * trails are kept (rows are cited by them); case_updates are renumbered (below).
 */
const TABLES_IN_ORDER = [
  'cases',
  'agencies',
  'users',
  'invitations',
  'sessions',
  'case_members',
  'case_snapshots',
  'case_updates',
  'conference_records',
  'record_search_text',
  'audit_log',
  'account_audit',
] as const satisfies readonly (keyof Tables)[];

type TableName = (typeof TABLES_IN_ORDER)[number];

/** Tables whose seq PostgreSQL generates (identity): copied as they are, then the sequence set above them. */
const KEPT_SEQS: readonly TableName[] = ['audit_log', 'account_audit'];

export type CopiedCounts = Record<TableName, number>;

/**
 * Copies a stopped, migrated embedded store (an SQLite file) into a migrated, empty PostgreSQL
 * database, in one transaction: all of it, or nothing. Afterwards each table's rows are counted
 * on both sides.
 *
 * SQLite counts update seqs per case, PostgreSQL across the database (its seq is the table's key),
 * so the update log is inserted case by case in its order and takes PostgreSQL's seqs: a case's
 * updates apply in the same order, and its snapshot (through_seq only informational) before them.
 */
export async function copySqliteToPostgres(sourceFile: string, target: Db): Promise<CopiedCounts> {
  const nonEmpty = Object.entries(await countRows(target)).filter(([, rows]) => rows > 0);
  if (nonEmpty.length > 0) {
    throw new Error(`The PostgreSQL database is not empty (${nonEmpty.map(([table, rows]) => `${table}: ${rows}`).join(', ')}): store:copy copies only into an empty one, never over a deployment's data`);
  }
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    // One read transaction: every table as of the same moment.
    const read = source.transaction(() =>
      Object.fromEntries(TABLES_IN_ORDER.map((table) => [table, source.prepare(selectAll(table)).all() as Record<string, unknown>[]])),
    );
    const rows = read() as Record<TableName, Record<string, unknown>[]>;
    await target.kysely.transaction().execute(async (trx) => {
      for (const table of TABLES_IN_ORDER) {
        for (const chunk of chunks(rows[table])) {
          const columns = Object.keys(chunk[0]!);
          await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) overriding system value
            values ${sql.join(chunk.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`))}`.execute(trx);
        }
      }
      // New trail rows (this command's own, to begin with) follow the copied ones.
      for (const table of KEPT_SEQS) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'seq'), coalesce(max(seq), 0) + 1, false) from ${sql.table(table)}`.execute(trx);
      }
    });
    const expected = Object.fromEntries(TABLES_IN_ORDER.map((table) => [table, rows[table].length])) as CopiedCounts;
    const copied = await countRows(target);
    const differing = TABLES_IN_ORDER.filter((table) => copied[table] !== expected[table]);
    if (differing.length > 0) {
      throw new Error(`The copy differs from the SQLite store: ${differing.map((table) => `${table} ${copied[table]} rows, not ${expected[table]}`).join('; ')}`);
    }
    return copied;
  } finally {
    source.close();
  }
}

/** All of a table's rows; the update log without its seqs (PostgreSQL gives them), in each case's order. */
function selectAll(table: TableName): string {
  if (table === 'case_updates') return 'select case_id, data from case_updates order by case_id, seq';
  return `select * from ${table}`;
}

async function countRows(db: Db): Promise<CopiedCounts> {
  const counts = await Promise.all(
    TABLES_IN_ORDER.map(async (table) => {
      const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
      return [table, Number(rows[0]!.n)] as const;
    }),
  );
  return Object.fromEntries(counts) as CopiedCounts;
}
