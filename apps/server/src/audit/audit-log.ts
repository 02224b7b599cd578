import type { AuditAction, AuditEntry, AuditList, AuditQuery, AuditSearch, AuditSubject } from '@care/schema';
import type { Insertable, Selectable } from 'kysely';
import { appendOnlyRows, type RowAppender } from '../storage/append-only-rows.ts';
import { type Db, storedInstant, type Tables } from '../storage/database.ts';
import { parseShownInOneLine } from '../storage/stored-text.ts';
import { type Actor, actorColumns, newest, trailEntry } from './trail-columns.ts';

const toEntry = (row: Selectable<Tables['audit_log']>): AuditEntry => ({
  ...trailEntry(row),
  caseId: row.case_id,
  action: row.action as AuditAction,
  subject: row.subject === null ? null : (parseShownInOneLine(row.subject) as AuditSubject),
});

export type AuditRecord = {
  actor: Actor;
  caseId: string;
  action: AuditAction;
  at?: Date;
  /** Whom a grant or revoke was for; what a read or export was of. */
  subject?: AuditSubject;
  /** The client's address (request.ip, or the sync connection's); none for a command run on the server. */
  address?: string;
};

/**
 * The append-only trail of who opened, edited, exported or read the records of which case, and
 * when — never what it says — and whom its access was given to or taken from. The table refuses
 * UPDATE and DELETE itself (triggers), so no code path can rewrite it. Rows that arrive together
 * share one commit (appendOnlyRows).
 */
export class AuditLog {
  private readonly appends: RowAppender<Insertable<Tables['audit_log']>>;

  constructor(private readonly db: Db) {
    this.appends = appendOnlyRows(db, 'audit_log', ['case_id', 'actor_id', 'actor_name', 'actor_agency', 'action', 'at', 'subject', 'address']);
  }

  /** Resolves once the row is durable. */
  record({ actor, caseId, action, at = new Date(), subject, address }: AuditRecord): Promise<void> {
    return this.appends.add({
      case_id: caseId,
      ...actorColumns(actor),
      action,
      at: at.toISOString(),
      subject: subject ? JSON.stringify(subject) : null,
      address: address ?? null,
    });
  }

  /** One case's trail, newest first: at most `limit` entries, and whether it has more. */
  async list(caseId: string, limit = 500): Promise<AuditList> {
    const rows = await this.db.kysely.selectFrom('audit_log').selectAll().where('case_id', '=', caseId).orderBy('seq', 'desc').limit(limit + 1).execute();
    return newest(rows, limit, toEntry);
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
    if (query.caseId) select = select.where('a.case_id', '=', query.caseId);
    if (query.actorId) select = select.where('a.actor_id', '=', query.actorId);
    if (query.action) select = select.where('a.action', '=', query.action);
    if (query.from) select = select.where('a.at', '>=', storedInstant(query.from));
    if (query.before) select = select.where('a.at', '<', storedInstant(query.before));
    return newest(await select.execute(), limit, (row) => ({ ...toEntry(row), caseTitle: row.title }));
  }
}

/**
 * Records a list or search across cases: one row in the trail of each case among the entries
 * `shown`, as `action`, with what was read of that case (`subject`, made from its entries).
 */
export async function recordEachCaseShown<E extends { caseId: string }>(
  audit: Pick<AuditLog, 'record'>,
  { shown, subject, ...row }: Omit<AuditRecord, 'caseId' | 'subject'> & { shown: readonly E[]; subject: (ofCase: E[]) => AuditSubject },
): Promise<void> {
  const byCase = new Map<string, E[]>();
  for (const entry of shown) byCase.set(entry.caseId, [...(byCase.get(entry.caseId) ?? []), entry]);
  await Promise.all([...byCase].map(([caseId, ofCase]) => audit.record({ ...row, caseId, subject: subject(ofCase) })));
}
