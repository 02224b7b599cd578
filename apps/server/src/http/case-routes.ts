import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type CaseActivityList, type CaseList, type CaseSummary, CreateCaseBody, type OpenedCase, UpdateCaseBody } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { ConflictError } from '../accounts/account-store.ts';
import type { CaseDigests } from '../follow-up/case-digests.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { account, caseAccess, casesVisibleTo, coordinator, openCasesVisibleTo, signedIn } from './guards.ts';

type Deps = {
  store: CaseStore;
  access: AccessServices;
  /** Whether one of the case's conferences is live now (a case is not closed in the middle of one). */
  hasLiveConference: (caseId: string) => Promise<boolean>;
  digests: CaseDigests;
};

export function registerCaseRoutes(app: FastifyInstance, { store, access, hasLiveConference, digests }: Deps) {
  /** Only the cases the caller may see. */
  app.get('/api/cases', async (request): Promise<CaseList> => ({
    cases: await casesVisibleTo(signedIn(request), { store, memberships: access.memberships }),
  }));

  /**
   * The last, live and next conference of each open case the caller may see (CaseActivityList), for
   * accounts. Like the list itself it is not audited: it shows conference dates and kinds, never
   * what is written about the person.
   */
  app.get('/api/case-activity', async (request): Promise<CaseActivityList> => {
    const cases = await openCasesVisibleTo(account(request), { store, memberships: access.memberships });
    const digested = await digests.of(cases);
    return {
      cases: cases.map(({ id }, i) => {
        const { last, live, next } = digested[i]!; // (not its open items: those are 対応事項の一覧's, audited there)
        return { caseId: id, last, live, next };
      }),
    };
  });

  /** Any account may start a case; its creator is its first member, with edit access. */
  app.post('/api/cases', async (request, reply): Promise<CaseSummary> => {
    const creator = account(request);
    const body = CreateCaseBody.parse(request.body);
    const created = await access.change(async (tx) => {
      const made = await tx.cases.createCase({ id: randomBytes(9).toString('base64url'), ...body });
      await tx.memberships.grant(made.id, { userId: creator.userId, access: 'edit' }, creator.userId);
      await tx.audit.record({ actor: creator, address: request.ip, caseId: made.id, action: 'create' });
      return made;
    });
    reply.code(201);
    return created;
  });

  /**
   * A case's name and one's access to it, for its pages. Not audited, like the list: what is written
   * about the person comes over the sync connection, whose opening is the 閲覧 on the trail (one per
   * visit; this is also asked when a connection fails, to tell a refusal from being offline).
   */
  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId', async (request): Promise<OpenedCase> => {
    const { access: level, found } = await caseAccess(request, request.params.caseId, { store, access });
    return { ...found, access: level };
  });

  /**
   * ケース終結 and reopening, by coordinators: a closed case stays listed and readable (records,
   * minutes) but nobody edits it; everyone's open connection is asked again, so their pages
   * turn read-only at once (and editable again on reopening).
   */
  app.patch<{ Params: { caseId: string } }>('/api/cases/:caseId', async (request): Promise<CaseSummary> => {
    coordinator(request);
    const { principal, caseId, found } = await caseAccess(request, request.params.caseId, { store, access });
    const { closed } = UpdateCaseBody.parse(request.body);
    if (closed === (found.closedAt !== null)) return found; // already so: nothing changes, nothing is audited
    if (closed && (await hasLiveConference(caseId))) throw new ConflictError('開催中の会議があります。会議を終了してから、ケースを終結してください。');
    return access.change(async (tx) => {
      const updated = (await tx.cases.setClosed(caseId, closed ? new Date().toISOString() : null))!;
      await tx.audit.record({ actor: principal, address: request.ip, caseId, action: closed ? 'close' : 'reopen' });
      tx.afterwards((revocations) => revocations.caseAccessChanged(caseId));
      return updated;
    });
  });
}
