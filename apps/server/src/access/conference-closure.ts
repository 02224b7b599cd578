import { conferenceIdsWith, conferenceStatus, ENDED_STATUSES, onConferencesEnded } from '@care/case-doc';
import { AccessCloseCode, AccessEndReason } from '@care/schema';
import type { CaseRoom } from '../sync/case-room.ts';
import type { AccessServices } from './access-services.ts';

/**
 * An invitation is for one conference: when that conference ends (closes, or is cancelled before
 * it starts), its invitations stop admitting anyone (HTTP and websocket) and its guests'
 * connections are closed (4403, saying which). Every process that has the case open sees the
 * ending update and closes its own guests' sockets. The conferences already ended when a case
 * loads are ended too, in case the process that saw one end stopped before recording it.
 */
export function endInvitationsWhenConferencesClose(
  room: CaseRoom,
  access: Pick<AccessServices, 'invitations' | 'live'>,
  onError: (error: unknown, context: string) => void,
): void {
  const end = async (conferenceIds: string[]) => {
    await access.invitations.conferencesEnded(room.caseId, conferenceIds);
    for (const conferenceId of conferenceIds) {
      const reason = conferenceStatus(room.doc, conferenceId) === 'cancelled' ? AccessEndReason.conferenceCancelled : AccessEndReason.conferenceClosed;
      await access.live.recheck(
        ({ caseId, principal }) => caseId === room.caseId && principal.invitation?.conferenceId === conferenceId,
        { code: AccessCloseCode.accessRevoked, reason },
      );
    }
  };
  const ending = (conferenceIds: string[]) =>
    end(conferenceIds).catch((error) => onError(error, `ending the invitations of ended conferences of case ${room.caseId}`));

  const alreadyEnded = [...conferenceIdsWith(room.doc, ...ENDED_STATUSES)];
  if (alreadyEnded.length > 0) void ending(alreadyEnded);
  onConferencesEnded(room.doc, (ended) => void ending(ended));
}
