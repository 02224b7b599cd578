import type { FastifyRequest } from 'fastify';
import type { AuditAction, CaseSummary } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { CaseDigest, CaseDigests } from '../follow-up/case-digests.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { account, casesVisibleTo, openCasesVisibleTo } from './guards.ts';

export type AcrossCasesDeps = { store: CaseStore; access: AccessServices; digests: CaseDigests };

/** The case an entry of a list across cases comes from. */
type FromCase = { caseId: string; caseTitle: string; area: string | null };

/**
 * A list across cases (対応事項の一覧, 地域課題の一覧): what `pick` takes from the digest of each
 * case the caller may see (only open ones, or closed too), with its case, in `order`. Accounts
 * only (guests, invited to one conference, see none). Each case with an entry shown is in its
 * audit trail, as `action`, before anything leaves the server.
 */
export async function listAcrossCases<T>(
  request: FastifyRequest,
  { store, access, digests }: AcrossCasesDeps,
  list: { cases: 'open' | 'all'; pick: (digest: CaseDigest) => T[]; order: (a: T & FromCase, b: T & FromCase) => number; action: AuditAction },
): Promise<(T & FromCase)[]> {
  const principal = account(request);
  const visibleTo = list.cases === 'open' ? openCasesVisibleTo : casesVisibleTo;
  const cases: CaseSummary[] = await visibleTo(principal, { store, memberships: access.memberships });
  const digested = await digests.of(cases);
  const entries = cases.flatMap(({ id: caseId, title: caseTitle, area }, i) => list.pick(digested[i]!).map((entry) => ({ caseId, caseTitle, area, ...entry }))).sort(list.order);
  const shown = new Set(entries.map((entry) => entry.caseId));
  await Promise.all([...shown].map((caseId) => access.audit.record({ actor: principal, caseId, action: list.action })));
  return entries;
}
