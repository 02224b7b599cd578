import type { FastifyInstance } from 'fastify';
import type { RegionalIssueList } from '@care/schema';
import { type AcrossCasesDeps, serveListAcrossCases } from './across-cases.ts';

/**
 * 地域課題 gathered across cases (地域課題の発見), for the 地域ケア推進会議: those of every case the
 * caller may see, closed ones too (an area's need outlasts the case), latest conference first.
 */
export function registerRegionalIssueRoutes(app: FastifyInstance, deps: AcrossCasesDeps) {
  serveListAcrossCases(app, deps, {
    path: '/api/regional-issues',
    cases: 'all',
    pick: (digest) => digest.issues,
    // Stable: within a case and conference, in the order noted.
    order: (a, b) => b.conference.date.localeCompare(a.conference.date) || a.caseTitle.localeCompare(b.caseTitle, 'ja'),
    viewAction: 'view-regional-issues',
    body: (issues): RegionalIssueList => ({ issues }),
    csv: {
      name: '地域課題',
      header: ['会議の日付', '会議の種別', '地域課題', '地区', 'ケースID', 'ケース'],
      row: (e) => [e.conference.date, e.conference.kind, e.issue.text, e.area ?? '', e.caseId, e.caseTitle],
    },
  });
}
