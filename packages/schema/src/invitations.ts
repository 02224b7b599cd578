import { z } from 'zod';
import { AccessEndReason } from './access-close.ts';
import { AccessLevel, EntityId } from './accounts.ts';
import { boundedText, CaseId } from './case.ts';

/** An external participant's link to one conference of one case. */
export const CreateInvitationBody = z.strictObject({
  name: boundedText(60),
  agency: boundedText(80),
  conferenceId: CaseId,
  access: AccessLevel.default('edit'),
});
export type CreateInvitationBody = z.input<typeof CreateInvitationBody>;

export const Invitation = z.object({
  id: EntityId,
  caseId: CaseId,
  conferenceId: CaseId,
  name: z.string(),
  agency: z.string(),
  access: AccessLevel,
  createdAt: z.iso.datetime(),
  /** invitationExpiry of its conference's date; follows the conference when it is moved, unless already past. */
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** When its conference ended (closed, or cancelled): the invitation then admits no one. */
  conferenceClosedAt: z.iso.datetime().nullable(),
});
export type Invitation = z.infer<typeof Invitation>;
/** An invitation as its case's coordinators list it: also when its guest first came in through the link (null: not yet). */
export const ListedInvitation = Invitation.extend({ firstUsedAt: z.iso.datetime().nullable() });
export type ListedInvitation = z.infer<typeof ListedInvitation>;
export const InvitationList = z.object({ invitations: z.array(ListedInvitation) });
export type InvitationList = z.infer<typeof InvitationList>;

/** Returned once when an invitation is created: the secret is never shown again (only its hash is kept). */
export const CreatedInvitation = Invitation.extend({ token: z.string(), path: z.string() });
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

/**
 * Why a guest was let go before its session's time limit: its invitation revoked, or its
 * conference closed or called off. The session is kept, ended, till that limit, so that its
 * browser, offline meanwhile, is told which when it comes back (and deletes its copy of the case).
 */
export type GuestLetGo = typeof AccessEndReason.invitationRevoked | typeof AccessEndReason.conferenceClosed | typeof AccessEndReason.conferenceCancelled;

/** ApiError.error (403) of a request with a guest's session that was let go, by why. */
export const GUEST_LET_GO: Record<GuestLetGo, string> = {
  [AccessEndReason.invitationRevoked]: 'invitation_revoked',
  [AccessEndReason.conferenceClosed]: 'conference_closed',
  [AccessEndReason.conferenceCancelled]: 'conference_cancelled',
};

/** ApiError.error (403) of a request with a guest's session whose invitation was revoked (the case's coordinator withdrew it). */
export const INVITATION_REVOKED = GUEST_LET_GO[AccessEndReason.invitationRevoked];

/** Why a guest was let go, from the ApiError.error of a 403; undefined for any other refusal. */
export function guestLetGoBy(error: string | undefined): GuestLetGo | undefined {
  return (Object.keys(GUEST_LET_GO) as GuestLetGo[]).find((why) => GUEST_LET_GO[why] === error);
}

const DAY_MS = 86_400_000;
/** Conference dates are days in Japan, which keeps no daylight saving time. */
const JAPAN_OFFSET_MS = 9 * 3_600_000;

/**
 * When an invitation to a conference held on `conferenceDate` (YYYY-MM-DD) stops admitting its
 * guest, if the conference has not ended before: at the end of the next day in Japan, so a guest
 * can read the case beforehand and a conference that runs late or is closed the next morning keeps
 * its guests; and never sooner than a day after the invitation was made (a conference still live
 * days after its date).
 */
export function invitationExpiry(conferenceDate: string, createdAt: string): string {
  const [year, month, day] = conferenceDate.split('-').map(Number) as [number, number, number];
  const endOfNextDay = Date.UTC(year, month - 1, day + 2) - JAPAN_OFFSET_MS;
  return new Date(Math.max(endOfNextDay, Date.parse(createdAt) + DAY_MS)).toISOString();
}
