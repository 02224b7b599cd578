import { sql, type Transaction } from 'kysely';
import type { CaseSummary } from '@care/schema';
import type { CaseStore } from './case-store.ts';
import { CaseTable } from './case-table.ts';
import { chunks, type Db, type Tables, toBuffer } from './database.ts';
import { foldUpdates } from './fold-updates.ts';
import { GroupCommit } from './group-commit.ts';
import { migrateToLatest } from './migrations.ts';
import { sqliteAppends } from './sqlite-appends.ts';
import { sqliteCompaction } from './sqlite-compaction.ts';
import { SqliteBackgroundThread } from './sqlite-background-thread.ts';

type LoggedUpdate = { caseId: string; update: Uint8Array };

/** How often the background thread moves the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * How long the fsync after a commit of updates waits before it starts. Those milliseconds delay
 * acknowledgements only (relays wait for the commit, not the fsync); they keep the fsync's work in
 * the kernel off the CPU while the commit's relays go out (measured on 2 cores: −0.3 ms on the
 * median relay at 10 clients, and a higher sustained rate), and let a few more commits share it,
 * as PostgreSQL's commit_delay does.
 */
const UPDATE_SYNC_DELAY_MS = 5;

/**
 * SQLite: appends an update to its case's log with the case's next seq, above every seq the case
 * has had (its snapshot's last folded one included: the rows up to it are gone). The log is kept
 * in case order (migration 0012) and has no ever-increasing key of its own; the append
 * connection is its only writer, so two appends never take the same seq.
 */
const APPEND_TO_CASE_LOG = `
  insert into case_updates (case_id, seq, data) values (@caseId, max(
    coalesce((select max(seq) from case_updates where case_id = @caseId), 0),
    coalesce((select through_seq from case_snapshots where case_id = @caseId), 0)
  ) + 1, @update)`;

/**
 * The case store, written once over Kysely for both engines (the embedded SQLite file and
 * PostgreSQL). Concurrent appends share one commit through GroupCommit. On an SQLite file an
 * append is written (safe from a crash of this process) at once and durable after the background
 * thread's next fsync (sqlite-appends.ts); that thread also folds compactions, so no fsync or fold
 * stalls the event loop. On PostgreSQL a commit is both at once, and several server processes
 * share the tables; compaction locks the case row so they never fold the same rows twice or drop
 * each other's.
 */
export class SqlCaseStore implements CaseStore {
  private readonly appends: GroupCommit<LoggedUpdate>;
  /** On an SQLite file, compaction folds on the background thread (sqlite-compaction.ts). */
  private readonly compactFile?: (caseId: string) => Promise<number>;
  private readonly cases: CaseTable;

  private constructor(readonly db: Db) {
    this.cases = new CaseTable(db);
    const file = db.sqliteFile;
    this.appends = new GroupCommit(
      file
        ? sqliteAppends<LoggedUpdate>(
            file,
            APPEND_TO_CASE_LOG,
            (row) => [row],
            UPDATE_SYNC_DELAY_MS,
          )
        : (items) => this.insertUpdatesPostgres(items),
    );
    this.compactFile = file && sqliteCompaction(file);
  }

  /** Opens the store on a database, migrating its schema to the latest version first. */
  static async open(db: Db): Promise<SqlCaseStore> {
    const file = db.sqliteFile;
    let backgroundThread: SqliteBackgroundThread | undefined;
    try {
      await migrateToLatest(db);
      backgroundThread = file && new SqliteBackgroundThread(file.path, CHECKPOINT_EVERY_MS);
      await backgroundThread?.ready;
    } catch (error) {
      file?.appendConnection.close();
      await db.kysely.destroy();
      throw error;
    }
    // The database with its background thread, for the other append-only table too (the audit trail).
    return new SqlCaseStore(file ? { ...db, sqliteFile: { ...file, backgroundThread } } : db);
  }

  get engine() {
    return this.db.engine;
  }

  createCase(input: { id: string; title: string; area?: string }): Promise<CaseSummary> {
    return this.cases.createCase(input);
  }

  listCases(): Promise<CaseSummary[]> {
    return this.cases.listCases();
  }

  getCase(id: string): Promise<CaseSummary | undefined> {
    return this.cases.getCase(id);
  }

  setClosed(id: string, closedAt: string | null): Promise<CaseSummary | undefined> {
    return this.cases.setClosed(id, closedAt);
  }

  appendUpdate(caseId: string, update: Uint8Array, onWritten?: () => void): Promise<void> {
    return this.appends.add({ caseId, update }, onWritten);
  }

  /**
   * One statement, so one consistent view even while another process compacts: never the old
   * snapshot together with a log that compaction has already emptied.
   */
  async loadUpdates(caseId: string): Promise<Uint8Array[]> {
    const { rows } = await sql<{ data: Uint8Array }>`
      select data from (
        select 0 as part, 0 as seq, data from case_snapshots where case_id = ${caseId}
        union all
        select 1 as part, seq, data from case_updates where case_id = ${caseId}
      ) as log order by part, seq`.execute(this.db.kysely);
    return rows.map((row) => new Uint8Array(row.data));
  }

  private insertUpdatesPostgres(items: LoggedUpdate[]): Promise<void> {
    return this.db.kysely.transaction().execute(async (trx) => {
      for (const chunk of chunks(items)) {
        await trx
          .insertInto('case_updates')
          .values(chunk.map(({ caseId, update }) => ({ case_id: caseId, data: toBuffer(update) })))
          .execute();
      }
    });
  }

  /**
   * The snapshot's last folded seq, and how many updates are logged after it and the highest seq
   * among them. Not the highest seq alone: on PostgreSQL a lower seq may commit later, adding a
   * row without raising it; a compaction raises the first part.
   */
  async storedVersions(caseIds: readonly string[]): Promise<Map<string, string>> {
    const versions = new Map<string, string>();
    for (const chunk of chunks(caseIds)) {
      const rows = await this.db.kysely
        .selectFrom('cases as c')
        .leftJoin('case_snapshots as s', 's.case_id', 'c.id')
        .leftJoin('case_updates as u', 'u.case_id', 'c.id')
        .select((eb) => ['c.id', 's.through_seq', eb.fn.count('u.seq').as('logged'), eb.fn.max('u.seq').as('last')])
        .where('c.id', 'in', chunk)
        .groupBy(['c.id', 's.through_seq'])
        .execute();
      for (const row of rows) versions.set(row.id, `${row.through_seq ?? ''}:${row.logged}:${row.last ?? ''}`);
    }
    return versions;
  }

  async compact(caseId: string): Promise<number> {
    await this.appends.drain();
    if (this.compactFile) return this.compactFile(caseId);
    return this.db.kysely.transaction().execute(async (trx) => {
      await this.lockForCompaction(trx, caseId);
      const snapshot = await trx
        .selectFrom('case_snapshots')
        .select('data')
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      const rows = await trx
        .selectFrom('case_updates')
        .select(['seq', 'data'])
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
      if (rows.length === 0) return 0;
      const updates = rows.map((row) => new Uint8Array(row.data));
      if (snapshot) updates.unshift(new Uint8Array(snapshot.data));
      const throughSeq = rows.at(-1)!.seq;
      await trx
        .insertInto('case_snapshots')
        .values({ case_id: caseId, data: toBuffer(foldUpdates(updates)), through_seq: throughSeq })
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), through_seq: eb.ref('excluded.through_seq') })),
        )
        .execute();
      // Delete exactly the rows folded: on PostgreSQL a row with a lower seq may commit later.
      for (const chunk of chunks(rows.map((row) => row.seq))) {
        await trx.deleteFrom('case_updates').where('case_id', '=', caseId).where('seq', 'in', chunk).execute();
      }
      return rows.length;
    });
  }

  /**
   * PostgreSQL: two processes compacting one case take turns on the case row. `no key update`
   * does not conflict with the key-share lock that inserting into case_updates takes, so
   * appends carry on meanwhile. SQLite: one connection, transactions already take turns.
   */
  private async lockForCompaction(trx: Transaction<Tables>, caseId: string): Promise<void> {
    if (this.db.engine !== 'postgres') return;
    await trx.selectFrom('cases').select('id').where('id', '=', caseId).forNoKeyUpdate().execute();
  }

  async close(): Promise<void> {
    await this.appends.drain();
    await this.db.sqliteFile?.backgroundThread?.close();
    this.db.sqliteFile?.appendConnection.close();
    await this.db.kysely.destroy();
  }
}
