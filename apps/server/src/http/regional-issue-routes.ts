import type { FastifyInstance } from 'fastify';
import type { RegionalIssueList } from '@care/schema';
import { type AcrossCasesDeps, listAcrossCases } from './across-cases.ts';

/** 地域課題 gathered across cases (地域課題の発見), for the 地域ケア推進会議. */
export function registerRegionalIssueRoutes(app: FastifyInstance, deps: AcrossCasesDeps) {
  /** The 地域課題 of every case the caller may see, closed ones too (an area's need outlasts the case), latest conference first. */
  app.get('/api/regional-issues', async (request): Promise<RegionalIssueList> => ({
    issues: await listAcrossCases(request, deps, {
      cases: 'all',
      pick: (digest) => digest.issues,
      // Stable: within a case and conference, in the order noted.
      order: (a, b) => b.conference.date.localeCompare(a.conference.date) || a.caseTitle.localeCompare(b.caseTitle, 'ja'),
      action: 'view-regional-issues',
    }),
  }));
}
