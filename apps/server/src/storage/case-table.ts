import type { CaseSummary } from '@care/schema';
import type { Db, Tables } from './database.ts';

type CaseRow = Tables['cases'];
const toSummary = (row: CaseRow): CaseSummary => ({ id: row.id, title: row.title, area: row.area, createdAt: row.created_at, closedAt: row.closed_at });

/** The cases themselves (not their documents): on a database, or in a transaction on it (inTransaction). */
export class CaseTable {
  constructor(private readonly db: Db) {}

  async createCase({ id, title, area }: { id: string; title: string; area?: string }): Promise<CaseSummary> {
    const row: CaseRow = { id, title, area: area ?? null, created_at: new Date().toISOString(), closed_at: null };
    await this.db.kysely.insertInto('cases').values(row).execute();
    return toSummary(row);
  }

  async listCases(): Promise<CaseSummary[]> {
    const rows = await this.db.kysely.selectFrom('cases').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toSummary);
  }

  async getCase(id: string): Promise<CaseSummary | undefined> {
    const row = await this.db.kysely.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSummary(row);
  }

  async setClosed(id: string, closedAt: string | null): Promise<CaseSummary | undefined> {
    await this.db.kysely.updateTable('cases').set({ closed_at: closedAt }).where('id', '=', id).execute();
    return this.getCase(id);
  }
}
