import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CaseId, type CaseList, type CaseSummary, CreateCaseBody } from '@care/schema';
import type { CaseStore } from '../storage/case-store.ts';
import { NotFoundError } from './errors.ts';

export function registerCaseRoutes(app: FastifyInstance, { store }: { store: CaseStore }) {
  app.get('/api/cases', async (): Promise<CaseList> => ({ cases: await store.listCases() }));

  app.post('/api/cases', async (request, reply): Promise<CaseSummary> => {
    const body = CreateCaseBody.parse(request.body);
    const created = await store.createCase({ id: randomBytes(9).toString('base64url'), ...body });
    reply.code(201);
    return created;
  });

  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId', async (request): Promise<CaseSummary> => {
    const found = await store.getCase(CaseId.parse(request.params.caseId));
    if (!found) throw new NotFoundError('No such case');
    return found;
  });
}
