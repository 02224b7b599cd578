import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditAction, CaseSummary, ListSubject } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { recordEachCaseShown } from '../audit/audit-log.ts';
import type { CaseDigest, CaseDigests } from '../follow-up/case-digests.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { dayStamp, sendCsv } from './csv.ts';
import { account, casesVisibleTo, openCasesVisibleTo } from './guards.ts';

export type AcrossCasesDeps = { store: CaseStore; access: AccessServices; digests: CaseDigests };

/** The case an entry of a list across cases comes from. */
type FromCase = { caseId: string; caseTitle: string; area: string | null };

/** Which cases a list covers (only open ones, or closed too), what it takes from each one's digest, and its order. */
type ListSpec<T> = { cases: 'open' | 'all'; pick: (digest: CaseDigest) => T[]; order: (a: T & FromCase, b: T & FromCase) => number };

/**
 * A list across cases (対応事項の一覧, 地域課題の一覧): what `pick` takes from the digest of each
 * case the caller may see, with its case, in `order`. Accounts only (guests, invited to one
 * conference, see none). Each case with an entry shown is in its audit trail, as `action`, with
 * `list` and how many of its entries were that case's, before anything leaves the server.
 */
async function listAcrossCases<T>(
  request: FastifyRequest,
  { store, access, digests }: AcrossCasesDeps,
  spec: ListSpec<T> & { action: AuditAction; list: Omit<ListSubject, 'kind' | 'entries'> },
): Promise<(T & FromCase)[]> {
  const principal = account(request);
  const visibleTo = spec.cases === 'open' ? openCasesVisibleTo : casesVisibleTo;
  const cases: CaseSummary[] = await visibleTo(principal, { store, memberships: access.memberships });
  const digested = await digests.of(cases);
  const entries = cases.flatMap(({ id: caseId, title: caseTitle, area }, i) => spec.pick(digested[i]!).map((entry) => ({ caseId, caseTitle, area, ...entry }))).sort(spec.order);
  await recordEachCaseShown(access.audit, {
    actor: principal,
    address: request.ip,
    action: spec.action,
    shown: entries,
    subject: (ofCase) => ({ kind: 'list', ...spec.list, entries: ofCase.length }),
  });
  return entries;
}

/**
 * Serves a list across cases at `path` (its JSON body made by `body`, each case shown audited as
 * `viewAction`) and the same at `${path}/export` as a CSV file for a meeting's papers, each case
 * in it audited as an export of that list; `${path}/printed` records its page being printed so.
 */
export function serveListAcrossCases<T, Body>(
  app: FastifyInstance,
  deps: AcrossCasesDeps,
  spec: ListSpec<T> & {
    path: string;
    viewAction: AuditAction;
    body: (entries: (T & FromCase)[]) => Body;
    csv: { name: string; header: string[]; row: (entry: T & FromCase) => string[] };
  },
) {
  const list = { id: spec.path.slice('/api/'.length), name: `${spec.csv.name}の一覧` };
  app.get(spec.path, async (request): Promise<Body> => spec.body(await listAcrossCases(request, deps, { ...spec, action: spec.viewAction, list })));
  app.get(`${spec.path}/export`, async (request, reply) => {
    const entries = await listAcrossCases(request, deps, { ...spec, action: 'export', list: { ...list, format: 'csv' } });
    return sendCsv(reply, `${spec.csv.name}_${dayStamp()}.csv`, spec.csv.header, entries.map(spec.csv.row));
  });
  // Printed from its page (its 印刷, or the browser's own print): paper leaves as a file does.
  app.post(`${spec.path}/printed`, async (request, reply) => {
    await listAcrossCases(request, deps, { ...spec, action: 'export', list: { ...list, format: 'print' } });
    return reply.code(204).send();
  });
}
