import type { FastifyInstance } from 'fastify';
import { AccountAuditQuery, type AccountAuditSearch, type AuditList, AuditQuery, type AuditSearch } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { caseAccess, coordinator } from './guards.ts';

/**
 * Coordinators read the audit trails: who opened, edited, exported what and when (one case's, or
 * across cases), and who changed which account or agency.
 */
export function registerAuditRoutes(app: FastifyInstance, { store, access }: { store: CaseStore; access: AccessServices }) {
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
}
