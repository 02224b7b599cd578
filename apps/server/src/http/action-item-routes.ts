import type { FastifyInstance } from 'fastify';
import type { OpenActionItemList } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { CaseDigests } from '../follow-up/case-digests.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { account, openCasesVisibleTo } from './guards.ts';

/** What is owed across cases (モニタリング between conferences). */
export function registerActionItemRoutes(
  app: FastifyInstance,
  { store, access, digests }: { store: CaseStore; access: AccessServices; digests: CaseDigests },
) {
  /** The open action items of every open case the caller may see (guests, invited to one conference, see none). */
  app.get('/api/action-items', async (request): Promise<OpenActionItemList> => {
    const principal = account(request);
    const cases = await openCasesVisibleTo(principal, { store, memberships: access.memberships });
    const digested = await digests.of(cases);
    const items = cases
      .flatMap(({ id: caseId, title: caseTitle, area }, i) => digested[i]!.open.map((open) => ({ caseId, caseTitle, area, ...open })))
      .sort((a, b) => a.item.due.localeCompare(b.item.due) || a.caseTitle.localeCompare(b.caseTitle, 'ja'));
    // Each case whose items are shown is in its audit trail before anything leaves the server.
    const shown = new Set(items.map((open) => open.caseId));
    await Promise.all([...shown].map((caseId) => access.audit.record({ actor: principal, caseId, action: 'view-action-items' })));
    return { items };
  });
}
