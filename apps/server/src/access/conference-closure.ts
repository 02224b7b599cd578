import { conferenceIdsWith, onConferencesClosed } from '@care/case-doc';
import { AccessCloseCode, AccessEndReason } from '@care/schema';
import type { CaseRoom } from '../sync/case-room.ts';
import type { AccessServices } from './access-services.ts';

/**
 * An invitation is for one conference: when that conference closes, its invitations stop
 * admitting anyone (HTTP and websocket) and its guests' connections are closed (4403). Every
 * process that has the case open sees the closing update and closes its own guests' sockets. The
 * conferences already closed when a case loads are ended too, in case the process that saw one
 * close stopped before recording it.
 */
export function endInvitationsWhenConferencesClose(
  room: CaseRoom,
  access: Pick<AccessServices, 'invitations' | 'live'>,
  onError: (error: unknown, context: string) => void,
): void {
  const end = async (conferenceIds: string[]) => {
    await access.invitations.conferencesClosed(room.caseId, conferenceIds);
    await access.live.recheck(
      ({ caseId, principal }) => caseId === room.caseId && conferenceIds.includes(principal.invitation?.conferenceId ?? ''),
      { code: AccessCloseCode.accessRevoked, reason: AccessEndReason.conferenceClosed },
    );
  };
  const ending = (conferenceIds: string[]) =>
    end(conferenceIds).catch((error) => onError(error, `ending the invitations of closed conferences of case ${room.caseId}`));

  const alreadyClosed = [...conferenceIdsWith(room.doc, 'closed')];
  if (alreadyClosed.length > 0) void ending(alreadyClosed);
  onConferencesClosed(room.doc, (closed) => void ending(closed));
}
