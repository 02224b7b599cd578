import type { AuditAction, AuditEntry } from '@care/schema';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../storage/database.ts';

export type AuditRecord = {
  actor: Pick<Principal, 'userId' | 'name' | 'agency'>;
  caseId: string;
  action: AuditAction;
  at?: Date;
};

/**
 * The append-only trail of who opened, edited and exported which case, and when — never what
 * it says. The table refuses UPDATE and DELETE itself (triggers), so no code path can rewrite it.
 */
export class AuditLog {
  constructor(private readonly db: Db) {}

  async record({ actor, caseId, action, at = new Date() }: AuditRecord): Promise<void> {
    await this.db.kysely
      .insertInto('audit_log')
      .values({
        case_id: caseId,
        actor_id: actor.userId,
        actor_name: actor.name,
        actor_agency: actor.agency,
        action,
        at: at.toISOString(),
      })
      .execute();
  }

  /** One case's trail, newest first. */
  async list(caseId: string, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      caseId: row.case_id,
      actorId: row.actor_id,
      actorName: row.actor_name,
      actorAgency: row.actor_agency,
      action: row.action as AuditAction,
      at: row.at,
    }));
  }
}
