import { type Conference, hasEnded } from '@care/case-doc';
import type { Invitation } from '@care/schema';

/**
 * Why an invitation admits no one any more (its state in the access panel's list), or undefined
 * while it still does. Its conference's end is seen live in the doc, before the list is loaded again.
 */
export function invitationEnded(
  invitation: Pick<Invitation, 'conferenceId' | 'expiresAt' | 'revokedAt' | 'conferenceClosedAt'>,
  conferences: readonly Pick<Conference, 'id' | 'status'>[],
  now = new Date().toISOString(),
): string | undefined {
  if (invitation.revokedAt) return '取消済み';
  const conference = conferences.find((c) => c.id === invitation.conferenceId);
  if (invitation.conferenceClosedAt || (conference && hasEnded(conference.status))) return conference?.status === 'cancelled' ? '会議中止' : '会議終了';
  if (invitation.expiresAt <= now) return '期限切れ';
  return undefined;
}
