import type { FastifyInstance } from 'fastify';
import type { AuditList } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { caseAccess, coordinator } from './guards.ts';

/** Coordinators read a case's audit trail (who opened, edited, exported it and when). */
export function registerAuditRoutes(app: FastifyInstance, { store, access }: { store: CaseStore; access: AccessServices }) {
  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId/audit', async (request): Promise<AuditList> => {
    coordinator(request);
    const { caseId } = await caseAccess(request, request.params.caseId, { store, memberships: access.memberships });
    return { entries: await access.audit.list(caseId) };
  });
}
