import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditAction, RegionalIssueList } from '@care/schema';
import { type AcrossCasesDeps, listAcrossCases } from './across-cases.ts';
import { dayStamp, sendCsv } from './csv.ts';

/** 地域課題 gathered across cases (地域課題の発見), for the 地域ケア推進会議. */
export function registerRegionalIssueRoutes(app: FastifyInstance, deps: AcrossCasesDeps) {
  /** The 地域課題 of every case the caller may see, closed ones too (an area's need outlasts the case), latest conference first. */
  const issuesFor = (request: FastifyRequest, action: AuditAction) =>
    listAcrossCases(request, deps, {
      cases: 'all',
      pick: (digest) => digest.issues,
      // Stable: within a case and conference, in the order noted.
      order: (a, b) => b.conference.date.localeCompare(a.conference.date) || a.caseTitle.localeCompare(b.caseTitle, 'ja'),
      action,
    });

  app.get('/api/regional-issues', async (request): Promise<RegionalIssueList> => ({ issues: await issuesFor(request, 'view-regional-issues') }));

  /** The same as a CSV file, for the 推進会議's papers; each case in it is audited as an export. */
  app.get('/api/regional-issues/export', async (request, reply) =>
    sendCsv(
      reply,
      `地域課題_${dayStamp()}.csv`,
      ['会議の日付', '会議の種別', '地域課題', '地区', 'ケースID', 'ケース'],
      (await issuesFor(request, 'export')).map((e) => [e.conference.date, e.conference.kind, e.issue.text, e.area ?? '', e.caseId, e.caseTitle]),
    ),
  );
}
