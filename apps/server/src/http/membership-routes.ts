import type { FastifyInstance } from 'fastify';
import { type Conference, hasEnded } from '@care/case-doc';
import {
  type AccessLevel,
  type AuditSubject,
  type CaseMemberList,
  type CreatedInvitation,
  CreateInvitationBody,
  EntityId,
  GrantMembershipBody,
  type Invitation,
  type InvitationList,
} from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { INVITATION_REVOKED_CLOSE } from '../access/live-connections.ts';
import { ConflictError } from '../accounts/account-store.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { caseAccess, coordinator } from './guards.ts';

type Params = { Params: { caseId: string } };
/** A conference's status and date in the case doc as it is now (undefined: no such conference). */
export type ConferenceOf = (caseId: string, conferenceId: string) => Promise<Pick<Conference, 'status' | 'date'> | undefined>;
type ItemParams = { Params: { caseId: string; id: string } };

/** A membership as the trail names it: the agency or account given access (by its id), by its name then, and its access before a change (`was`). */
const memberSubject = ({ agencyId, userId, name, access, was }: { agencyId?: string | null; userId?: string | null; name: string; access: AccessLevel; was?: AccessLevel }): AuditSubject =>
  ({ kind: agencyId ? 'agency' : 'account', id: (agencyId ?? userId)!, name, access, ...(was && { was }) });

const invitationSubject = (i: Invitation): AuditSubject => ({ kind: 'invitation', id: i.id, name: i.name, agency: i.agency, access: i.access });

/**
 * Who may open a case: coordinators grant agencies and users access, and invite external
 * participants by link. Taking access away closes the connections it let in.
 */
export function registerMembershipRoutes(
  app: FastifyInstance,
  { store, access, conferenceOf }: { store: CaseStore; access: AccessServices; conferenceOf: ConferenceOf },
) {
  const manage = async (request: Parameters<typeof coordinator>[0], caseId: string) => {
    coordinator(request);
    return caseAccess(request, caseId, { store, access });
  };

  app.get<Params>('/api/cases/:caseId/members', async (request): Promise<CaseMemberList> => {
    const { caseId } = await manage(request, request.params.caseId);
    return { members: await access.memberships.list(caseId) };
  });

  app.put<Params>('/api/cases/:caseId/members', async (request): Promise<CaseMemberList> => {
    const { caseId, principal } = await manage(request, request.params.caseId);
    const body = GrantMembershipBody.parse(request.body);
    const agency = body.agencyId ? await access.accounts.getAgency(body.agencyId) : undefined;
    if (body.agencyId && !agency) throw new NotFoundError('その機関はありません');
    if (agency?.disabled) throw new ConflictError(`${agency.name}は無効になっているため、ケースの権限を付与できません`);
    const user = body.userId ? await access.accounts.getUser(body.userId) : undefined;
    if (body.userId && !user) throw new NotFoundError('そのアカウントはありません');
    if (user?.disabled) throw new ConflictError(`${user.name}さんのアカウントは無効になっているため、ケースの権限を付与できません`);
    // Its holder cannot sign in while their agency is disabled (letsIn): nor is it given a case then.
    const usersAgency = user && (await access.accounts.getAgency(user.agencyId));
    if (usersAgency?.disabled) throw new ConflictError(`${user!.name}さんの所属する${usersAgency.name}は無効になっているため、ケースの権限を付与できません`);
    const name = (agency ?? user)!.name;
    return access.change(async (tx) => {
      const was = await tx.memberships.grant(caseId, body, principal.userId);
      await tx.audit.record({ actor: principal, address: request.ip, caseId, action: 'grant', subject: memberSubject({ ...body, name, was }) });
      tx.afterwards((revocations) => revocations.caseAccessChanged(caseId));
      return { members: await tx.memberships.list(caseId) };
    });
  });

  app.delete<ItemParams>('/api/cases/:caseId/members/:id', async (request, reply) => {
    const { caseId, principal } = await manage(request, request.params.caseId);
    const memberId = EntityId.parse(request.params.id);
    await access.change(async (tx) => {
      const revoked = await tx.memberships.revoke(caseId, memberId);
      if (!revoked) throw new NotFoundError('このケースにそのメンバーはいません');
      await tx.audit.record({ actor: principal, address: request.ip, caseId, action: 'revoke', subject: memberSubject({ ...revoked, name: revoked.label }) });
      tx.afterwards((revocations) => revocations.caseAccessChanged(caseId));
    });
    return reply.code(204).send();
  });

  app.get<Params>('/api/cases/:caseId/invitations', async (request): Promise<InvitationList> => {
    const { caseId } = await manage(request, request.params.caseId);
    const invitations = await access.invitations.list(caseId);
    const used = await access.accountAudit.firstUses(invitations.map((i) => i.id));
    return { invitations: invitations.map((i) => ({ ...i, firstUsedAt: used.get(i.id) ?? null })) };
  });

  app.post<Params>('/api/cases/:caseId/invitations', async (request, reply): Promise<CreatedInvitation> => {
    const { caseId, principal, found } = await manage(request, request.params.caseId);
    const body = CreateInvitationBody.parse(request.body);
    if (found.closedAt) throw new ConflictError('このケースは終結しているため、招待できません');
    const conference = await conferenceOf(caseId, body.conferenceId);
    if (!conference) throw new NotFoundError('このケースにその会議はありません');
    if (hasEnded(conference.status)) {
      throw new ConflictError(`この会議は${conference.status === 'closed' ? '終了' : '中止'}しているため、招待できません（予定か開催中の会議に招待してください）`);
    }
    if (body.access === 'edit' && (await access.memberships.accessTo(principal, caseId)) !== 'edit') {
      throw new ForbiddenError('編集できないケースには、閲覧のみで招待できます');
    }
    const created = await access.change(async (tx) => {
      const invitation = await tx.invitations.create(caseId, body, conference.date, principal.userId);
      await tx.audit.record({ actor: principal, address: request.ip, caseId, action: 'grant', subject: invitationSubject(invitation) });
      return invitation;
    });
    reply.code(201);
    return created;
  });

  app.delete<ItemParams>('/api/cases/:caseId/invitations/:id', async (request, reply) => {
    const { caseId, principal } = await manage(request, request.params.caseId);
    const invitationId = EntityId.parse(request.params.id);
    await access.change(async (tx) => {
      const revoked = await tx.invitations.revoke(caseId, invitationId);
      if (!revoked) throw new NotFoundError('その招待はないか、すでに取り消されています');
      // Its guests' sessions end with it (see SessionStore.endGuestsOf); their connections close.
      await tx.sessions.endGuestsOf(invitationId);
      tx.afterwards((r) => r.sessionsEnded({ invitationId }, INVITATION_REVOKED_CLOSE.code, INVITATION_REVOKED_CLOSE.reason));
      await tx.audit.record({ actor: principal, address: request.ip, caseId, action: 'revoke', subject: invitationSubject(revoked) });
    });
    return reply.code(204).send();
  });
}
