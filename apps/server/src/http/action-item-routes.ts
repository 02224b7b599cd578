import type { FastifyInstance } from 'fastify';
import type { OpenActionItemList } from '@care/schema';
import { type AcrossCasesDeps, listAcrossCases } from './across-cases.ts';

/** What is owed across cases (モニタリング between conferences). */
export function registerActionItemRoutes(app: FastifyInstance, deps: AcrossCasesDeps) {
  /** The open action items of every open case the caller may see, soonest due first. */
  app.get('/api/action-items', async (request): Promise<OpenActionItemList> => ({
    items: await listAcrossCases(request, deps, {
      cases: 'open',
      pick: (digest) => digest.open,
      order: (a, b) => a.item.due.localeCompare(b.item.due) || a.caseTitle.localeCompare(b.caseTitle, 'ja'),
      action: 'view-action-items',
    }),
  }));
}
