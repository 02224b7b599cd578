import type { AuditAction, AuditEntry, AuditQuery, AuditSearch } from '@care/schema';
import type { Selectable } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { chunks, type Db, storedInstant, type Tables } from '../storage/database.ts';
import { GroupCommit } from '../storage/group-commit.ts';
import { sqliteAppends } from '../storage/sqlite-appends.ts';

const toEntry = (row: Selectable<Tables['audit_log']>): AuditEntry => ({
  seq: Number(row.seq),
  caseId: row.case_id,
  actorId: row.actor_id,
  actorName: row.actor_name,
  actorAgency: row.actor_agency,
  action: row.action as AuditAction,
  at: row.at,
});

type AuditRow = { caseId: string; actorId: string; actorName: string; actorAgency: string; action: string; at: string };

export type AuditRecord = {
  actor: Pick<Principal, 'userId' | 'name' | 'agency'>;
  caseId: string;
  action: AuditAction;
  at?: Date;
};

/**
 * The append-only trail of who opened, edited, exported or read the records of which case, and
 * when — never what it says. The table refuses UPDATE and DELETE itself (triggers), so no code
 * path can rewrite it.
 * Rows that arrive together share one commit; on an SQLite file its fsync runs on the writer
 * thread, so it never stalls the event loop that relays edits.
 */
export class AuditLog {
  private readonly appends: GroupCommit<AuditRow>;

  constructor(private readonly db: Db) {
    this.appends = new GroupCommit(
      db.sqliteFile
        ? sqliteAppends<AuditRow>(
            db.sqliteFile,
            'insert into audit_log (case_id, actor_id, actor_name, actor_agency, action, at) values (?, ?, ?, ?, ?, ?)',
            (row) => [row.caseId, row.actorId, row.actorName, row.actorAgency, row.action, row.at],
          )
        : (rows) => this.insert(rows),
    );
  }

  /** Resolves once the row is durable. */
  record({ actor, caseId, action, at = new Date() }: AuditRecord): Promise<void> {
    return this.appends.add({ caseId, actorId: actor.userId, actorName: actor.name, actorAgency: actor.agency, action, at: at.toISOString() });
  }

  private insert(rows: AuditRow[]): Promise<void> {
    return this.db.kysely.transaction().execute(async (trx) => {
      for (const chunk of chunks(rows)) {
        await trx
          .insertInto('audit_log')
          .values(
            chunk.map((row) => ({
              case_id: row.caseId,
              actor_id: row.actorId,
              actor_name: row.actorName,
              actor_agency: row.actorAgency,
              action: row.action,
              at: row.at,
            })),
          )
          .execute();
      }
    });
  }

  /** One case's trail, newest first. */
  async list(caseId: string, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.db.kysely.selectFrom('audit_log').selectAll().where('case_id', '=', caseId).orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }

  /** The trail across cases, newest first, with each case's name; at most `limit` entries. */
  async search(query: AuditQuery, limit = 500): Promise<AuditSearch> {
    let select = this.db.kysely
      .selectFrom('audit_log as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .selectAll('a')
      .select('c.title')
      .orderBy('a.seq', 'desc')
      .limit(limit + 1);
    if (query.actorId) select = select.where('a.actor_id', '=', query.actorId);
    if (query.action) select = select.where('a.action', '=', query.action);
    if (query.from) select = select.where('a.at', '>=', storedInstant(query.from));
    if (query.before) select = select.where('a.at', '<', storedInstant(query.before));
    const rows = await select.execute();
    return { entries: rows.slice(0, limit).map((row) => ({ ...toEntry(row), caseTitle: row.title })), truncated: rows.length > limit };
  }
}
