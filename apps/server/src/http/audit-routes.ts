import type { FastifyInstance } from 'fastify';
import {
  ACCOUNT_AUDIT_ACTION_LABELS,
  AccountAuditQuery,
  type AccountAuditSearch,
  AUDIT_ACTION_LABELS,
  type AuditList,
  AuditQuery,
  type AuditSearch,
  describeAddress,
  describeChange,
} from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { ServerConfig } from '../config.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { sendCsv } from './csv.ts';
import { TooManyError } from './errors.ts';
import { caseAccess, coordinator } from './guards.ts';

/** A search's entries if they are all the matches (at most `limit`); else 422, so no file silently leaves some out. */
function wholly<T extends { truncated: boolean }>(found: T, limit: number): T {
  if (found.truncated) throw new TooManyError(`More than ${limit} entries match: narrow the search (a shorter period, one person)`);
  return found;
}

/** Times as people in Japan read them ('2026-12-05 14:37:00'; the 'sv-SE' locale writes ISO order). */
const tokyo = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'medium' });
const inTokyo = (at: string) => tokyo.format(new Date(at));
const dayStamp = () => inTokyo(new Date().toISOString()).slice(0, 10).replaceAll('-', '');

/**
 * Coordinators read the audit trails: who opened, edited, exported what and when (one case's, or
 * across cases), and who changed which account or agency.
 */
export function registerAuditRoutes(
  app: FastifyInstance,
  { store, access, config }: { store: CaseStore; access: AccessServices; config: Pick<ServerConfig, 'AUDIT_EXPORT_LIMIT'> },
) {
  const limit = config.AUDIT_EXPORT_LIMIT;
  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId/audit', async (request): Promise<AuditList> => {
    coordinator(request);
    const { caseId } = await caseAccess(request, request.params.caseId, { store, memberships: access.memberships });
    return { entries: await access.audit.list(caseId) };
  });

  app.get('/api/audit', async (request): Promise<AuditSearch> => {
    coordinator(request);
    return access.audit.search(AuditQuery.parse(request.query));
  });

  app.get('/api/account-audit', async (request): Promise<AccountAuditSearch> => {
    coordinator(request);
    return access.accountAudit.search(AccountAuditQuery.parse(request.query));
  });

  // The same searches as files, for whoever reviews access (every match, or none and why).
  app.get('/api/audit/export', async (request, reply) => {
    coordinator(request);
    const { entries } = wholly(await access.audit.search(AuditQuery.parse(request.query), limit), limit);
    return sendCsv(
      reply,
      `監査記録_ケース_${dayStamp()}.csv`,
      ['日時（日本時間）', '職員ID', '職員', '所属', '操作', 'ケースID', 'ケース'],
      entries.map((e) => [inTokyo(e.at), e.actorId, e.actorName, e.actorAgency, AUDIT_ACTION_LABELS[e.action], e.caseId, e.caseTitle]),
    );
  });

  app.get('/api/account-audit/export', async (request, reply) => {
    coordinator(request);
    const { entries } = wholly(await access.accountAudit.search(AccountAuditQuery.parse(request.query), limit), limit);
    return sendCsv(
      reply,
      `監査記録_アカウント_${dayStamp()}.csv`,
      ['日時（日本時間）', '職員ID', '職員', '所属', '操作', '対象ID', '対象', '内容', '接続元'],
      entries.map((e) => [
        inTokyo(e.at),
        e.actorId,
        e.actorName,
        e.actorAgency,
        ACCOUNT_AUDIT_ACTION_LABELS[e.action],
        e.subjectId,
        e.subjectName,
        e.changes.map(describeChange).join('、'),
        describeAddress(e.address),
      ]),
    );
  });
}
