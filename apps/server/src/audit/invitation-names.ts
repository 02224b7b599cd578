import type { Invitation } from '@care/schema';
import type { CaseDigests } from '../follow-up/case-digests.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { invitationSubject } from './account-audit.ts';

/** An invitation as the account trail names it (invitationSubject), with its case and conference by their names now. */
export type InvitedTo = (invitation: Pick<Invitation, 'id' | 'name' | 'agency' | 'caseId' | 'conferenceId'>) => Promise<{ id: string; name: string }>;

/** Names invitations from the cases as stored (a conference's name is in its case's document). */
export function invitationNames(store: Pick<CaseStore, 'getCase'>, digests: Pick<CaseDigests, 'of'>): InvitedTo {
  return async (invitation) => {
    const [found, [digest]] = await Promise.all([store.getCase(invitation.caseId), digests.of([{ id: invitation.caseId }])]);
    return invitationSubject(invitation, found?.title ?? invitation.caseId, digest?.conferenceNames.get(invitation.conferenceId) ?? invitation.conferenceId);
  };
}
