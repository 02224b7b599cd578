import { z } from 'zod';
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
export const InvitationList = z.object({ invitations: z.array(Invitation) });
export type InvitationList = z.infer<typeof InvitationList>;

/** Returned once when an invitation is created: the secret is never shown again (only its hash is kept). */
export const CreatedInvitation = Invitation.extend({ token: z.string(), path: z.string() });
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

/**
 * ApiError.error (403) of a request with a guest's session whose invitation was revoked: the
 * session has ended, and its holder is told why (the case's coordinator withdrew the invitation).
 */
export const INVITATION_REVOKED = 'invitation_revoked';

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
