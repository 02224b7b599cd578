import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaseSummary } from '@care/schema';
import type { CaseStore } from './case-store.ts';
import { foldUpdates } from './fold-updates.ts';
import { GroupCommit } from './group-commit.ts';

/** Schema versions, applied in order and recorded in SQLite's user_version. Append only. */
const migrations: string[] = [
  `create table cases (
     id text primary key,
     title text not null,
     created_at text not null
   );
   create table case_updates (
     seq integer primary key autoincrement,
     case_id text not null references cases(id),
     data blob not null
   );
   create index case_updates_by_case on case_updates(case_id, seq);
   create table case_snapshots (
     case_id text primary key references cases(id),
     data blob not null,
     through_seq integer not null
   );`,
];

type CaseRow = { id: string; title: string; created_at: string };
const toSummary = (row: CaseRow): CaseSummary => ({ id: row.id, title: row.title, createdAt: row.created_at });

/**
 * The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so a commit is
 * on disk (fsync) before it resolves; concurrent appends share a commit through GroupCommit.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly db: Database.Database;
  private readonly appends: GroupCommit<{ caseId: string; update: Uint8Array }>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    const insert = this.db.prepare('insert into case_updates (case_id, data) values (?, ?)');
    const insertAll = this.db.transaction((items: { caseId: string; update: Uint8Array }[]) => {
      for (const { caseId, update } of items) insert.run(caseId, update);
    });
    this.appends = new GroupCommit((items) => insertAll(items));
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < migrations.length; version++) {
      this.db.transaction(() => {
        this.db.exec(migrations[version]!);
        this.db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  async createCase({ id, title }: { id: string; title: string }): Promise<CaseSummary> {
    const row: CaseRow = { id, title, created_at: new Date().toISOString() };
    this.db.prepare('insert into cases (id, title, created_at) values (@id, @title, @created_at)').run(row);
    return toSummary(row);
  }

  async listCases(): Promise<CaseSummary[]> {
    const rows = this.db.prepare('select * from cases order by created_at desc, id').all() as CaseRow[];
    return rows.map(toSummary);
  }

  async getCase(id: string): Promise<CaseSummary | undefined> {
    const row = this.db.prepare('select * from cases where id = ?').get(id) as CaseRow | undefined;
    return row && toSummary(row);
  }

  appendUpdate(caseId: string, update: Uint8Array): Promise<void> {
    return this.appends.add({ caseId, update });
  }

  async loadUpdates(caseId: string): Promise<Uint8Array[]> {
    return this.readLog(caseId).updates;
  }

  async compact(caseId: string): Promise<number> {
    await this.appends.drain();
    return this.db.transaction(() => {
      const { updates, throughSeq, logged } = this.readLog(caseId);
      if (logged === 0) return 0;
      this.db
        .prepare(
          `insert into case_snapshots (case_id, data, through_seq) values (?, ?, ?)
           on conflict (case_id) do update set data = excluded.data, through_seq = excluded.through_seq`,
        )
        .run(caseId, foldUpdates(updates), throughSeq);
      this.db.prepare('delete from case_updates where case_id = ? and seq <= ?').run(caseId, throughSeq);
      return logged;
    })();
  }

  private readLog(caseId: string) {
    const snapshot = this.db.prepare('select data, through_seq from case_snapshots where case_id = ?').get(caseId) as
      | { data: Buffer; through_seq: number }
      | undefined;
    const rows = this.db
      .prepare('select seq, data from case_updates where case_id = ? and seq > ? order by seq')
      .all(caseId, snapshot?.through_seq ?? 0) as { seq: number; data: Buffer }[];
    const updates = rows.map((row) => new Uint8Array(row.data));
    if (snapshot) updates.unshift(new Uint8Array(snapshot.data));
    return { updates, logged: rows.length, throughSeq: rows.at(-1)?.seq ?? snapshot?.through_seq ?? 0 };
  }

  async close(): Promise<void> {
    await this.appends.drain();
    this.db.close();
  }
}
