import type { FastifyRequest } from 'fastify';
import { AccessEndReason, type AccessLevel, type CaseSummary, type GuestLetGo } from '@care/schema';
import { CaseId } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { MembershipStore } from '../access/membership-store.ts';
import type { Principal } from '../access/principal.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { AccountDisabledError, CaseClosedToGuestError, ForbiddenError, GuestLetGoError, NotFoundError, UnauthorizedError } from './errors.ts';

/** What a guest let go is told by a request it makes afterwards. */
const GUEST_LET_GO_WORDS: Record<GuestLetGo, string> = {
  [AccessEndReason.invitationRevoked]: '招待が取り消されたため、このケースには参加できなくなりました',
  [AccessEndReason.conferenceClosed]: '招待された会議が終了したため、このケースには参加できなくなりました',
  [AccessEndReason.conferenceCancelled]: '招待された会議が中止されたため、このケースには参加できなくなりました',
};

export function signedIn(request: FastifyRequest): Principal {
  const ended = request.sessionEndedWhy;
  if (ended?.why === AccessEndReason.accountDisabled && ended.userId) {
    throw new AccountDisabledError('このアカウント（またはその所属機関）は管理者によって無効にされました', ended.userId);
  }
  if (ended && ended.why !== AccessEndReason.accountDisabled) throw new GuestLetGoError(GUEST_LET_GO_WORDS[ended.why], ended.why, ended.userId);
  if (!request.principal) throw new UnauthorizedError('ログインしてください');
  return request.principal;
}

/** A signed-in account (not a guest from an invitation link). */
export function account(request: FastifyRequest): Principal {
  const principal = signedIn(request);
  if (principal.role === 'guest') throw new ForbiddenError('招待リンクで参加している方は、この操作はできません');
  return principal;
}

export function coordinator(request: FastifyRequest): Principal {
  const principal = signedIn(request);
  if (!principal.isCoordinator) throw new ForbiddenError('この操作はコーディネーターだけができます');
  return principal;
}

export function admin(request: FastifyRequest): Principal {
  const principal = signedIn(request);
  if (principal.role !== 'admin') throw new ForbiddenError('この操作は管理者だけができます');
  return principal;
}

/** The cases the caller may see (coordinators: all; members: theirs; a guest: the one invited to). */
export async function casesVisibleTo(principal: Principal, deps: { store: CaseStore; memberships: MembershipStore }): Promise<CaseSummary[]> {
  const visible = await deps.memberships.visibleCaseIds(principal);
  const cases = await deps.store.listCases();
  return visible === 'all' ? cases : cases.filter((c) => visible.has(c.id));
}

/** The cases the caller may see that are still open: what the lists across cases cover (a closed case, 終結, is done with). */
export async function openCasesVisibleTo(principal: Principal, deps: { store: CaseStore; memberships: MembershipStore }): Promise<CaseSummary[]> {
  return (await casesVisibleTo(principal, deps)).filter((c) => c.closedAt === null);
}

/**
 * The caller's access to an existing case, and the case: 401 when not signed in, 404 when no such
 * case, 403 when not a member (in the case's trail: RefusedAccessAudit).
 */
export async function caseAccess(
  request: FastifyRequest,
  caseIdParam: string,
  { store, access }: { store: CaseStore; access: Pick<AccessServices, 'memberships' | 'refusedAccess'> },
): Promise<{ principal: Principal; caseId: string; access: AccessLevel; found: CaseSummary }> {
  const principal = signedIn(request);
  const caseId = CaseId.safeParse(caseIdParam).data;
  const found = caseId && (await store.getCase(caseId));
  if (!caseId || !found) throw new NotFoundError('ケースが見つかりません');
  const level = await access.memberships.accessTo(principal, caseId);
  if (!level) {
    access.refusedAccess.refused(principal, caseId, request.ip);
    // A guest's own case, shut while it is closed (終結): told so in plain words.
    if (principal.invitation?.caseId === caseId && found.closedAt !== null) throw new CaseClosedToGuestError();
    throw new ForbiddenError('このケースを閲覧する権限がありません');
  }
  return { principal, caseId, access: level, found };
}
