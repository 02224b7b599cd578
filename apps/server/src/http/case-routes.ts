import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type CaseList, type CaseSummary, CreateCaseBody, type OpenedCase } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { account, caseAccess, signedIn } from './guards.ts';

export function registerCaseRoutes(app: FastifyInstance, { store, access }: { store: CaseStore; access: AccessServices }) {
  /** Only the cases the caller may see. */
  app.get('/api/cases', async (request): Promise<CaseList> => {
    const visible = await access.memberships.visibleCaseIds(signedIn(request));
    const cases = await store.listCases();
    return { cases: visible === 'all' ? cases : cases.filter((c) => visible.has(c.id)) };
  });

  /** Any account may start a case; its creator is its first member, with edit access. */
  app.post('/api/cases', async (request, reply): Promise<CaseSummary> => {
    const creator = account(request);
    const body = CreateCaseBody.parse(request.body);
    const created = await store.createCase({ id: randomBytes(9).toString('base64url'), ...body });
    await access.memberships.grant(created.id, { userId: creator.userId, access: 'edit' }, creator.userId);
    reply.code(201);
    return created;
  });

  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId', async (request): Promise<OpenedCase> => {
    const { principal, caseId, access: level } = await caseAccess(request, request.params.caseId, { store, memberships: access.memberships });
    await access.audit.record({ actor: principal, caseId, action: 'open' });
    return { ...(await store.getCase(caseId))!, access: level };
  });
}
