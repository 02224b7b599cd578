import { type Conference, hasEnded } from '@care/case-doc';
import { type Invitation, invitationExpiry } from '@care/schema';
import { serverNow } from '../server-clock.ts';

type Shown = Pick<Invitation, 'conferenceId' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'conferenceClosedAt'>;

/**
 * An invitation's state in the access panel's list: why it admits no one any more (`ended`), or
 * until when it admits (`until`). Its conference's end and its moves are seen live in the doc,
 * before the list is loaded again: the server follows them the same way (invitationExpiry).
 */
export function invitationState(
  invitation: Shown,
  conferences: readonly Pick<Conference, 'id' | 'status' | 'date'>[],
  now = new Date(serverNow()).toISOString(),
): { ended: string } | { until: string } {
  if (invitation.revokedAt) return { ended: '取消済み' };
  const conference = conferences.find((c) => c.id === invitation.conferenceId);
  if (invitation.conferenceClosedAt || (conference && hasEnded(conference.status))) {
    return { ended: conference?.status === 'cancelled' ? '会議中止' : '会議終了' };
  }
  if (invitation.expiresAt <= now) return { ended: '期限切れ' }; // not let in again by a move (see followConferenceDates)
  const until = conference ? invitationExpiry(conference.date, invitation.createdAt) : invitation.expiresAt;
  return until <= now ? { ended: '期限切れ' } : { until };
}
