import { conferenceIdsWith, conferenceStatus, ENDED_STATUSES, hasEnded, onConferencesEnded, onConferencesMoved, readConferences } from '@care/case-doc';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccessCloseCode, AccessEndReason } from '@care/schema';
import type { CaseRoom } from '../sync/case-room.ts';
import { endGuestSessionsOf, type SessionSweep } from './ended-sessions.ts';

/**
 * An invitation is for one conference, and follows it:
 * - when that conference ends (closes, or is cancelled before it starts), its invitations stop
 *   admitting anyone (HTTP and websocket), its guests' sessions end, in the account trail then
 *   (endGuestSessionsOf), and their connections are closed (4403, saying which); a closed one's
 *   after the closing grace, so that a guest's last words of its 検討内容 still arrive;
 * - when it is moved to another day, its invitations expire by the new day (invitationExpiry).
 * Every process that has the case open sees the update and does both (the second time changes
 * nothing). When a case loads, both are done for what the doc already says, in case the process
 * that saw a change stopped before recording it.
 */
export function invitationsFollowTheirConferences(
  room: CaseRoom,
  sessions: SessionSweep,
  { closingGraceMs, onError }: { closingGraceMs: number; onError: (error: unknown, context: string) => void },
): void {
  const { access } = sessions;
  const end = async (conferenceIds: string[]) => {
    await access.invitations.conferencesEnded(room.caseId, conferenceIds);
    const ended = conferenceIds.map((conferenceId) => {
      const cancelled = conferenceStatus(room.doc, conferenceId) === 'cancelled';
      return { conferenceId, cancelled, reason: cancelled ? AccessEndReason.conferenceCancelled : AccessEndReason.conferenceClosed };
    });
    // Its connections still stand till the grace is over: they were admitted by the session, not per frame.
    for (const { conferenceId, reason } of ended) await endGuestSessionsOf(sessions, room.caseId, conferenceId, reason);
    for (const { conferenceId, cancelled, reason } of ended) {
      // The connection holds the guest's last words, if any, on their way (see ClosingGrace).
      if (!cancelled) await sleep(closingGraceMs, undefined, { ref: false });
      await access.live.recheck(
        ({ caseId, principal }) => caseId === room.caseId && principal.invitation?.conferenceId === conferenceId,
        { code: AccessCloseCode.accessRevoked, reason },
      );
    }
  };
  const ending = (conferenceIds: string[]) =>
    end(conferenceIds).catch((error) => onError(error, `ending the invitations of ended conferences of case ${room.caseId}`));

  /** The dates of these conferences (all when undefined) that have not ended, as the doc holds them now. */
  const datesOf = (conferenceIds?: string[]) =>
    new Map(
      readConferences(room.doc)
        .value.filter((c) => !hasEnded(c.status) && (!conferenceIds || conferenceIds.includes(c.id)))
        .map((c) => [c.id, c.date]),
    );
  const following = (dates: Map<string, string>) =>
    access.invitations
      .followConferenceDates(room.caseId, dates)
      .catch((error) => onError(error, `moving the invitations of moved conferences of case ${room.caseId}`));

  const alreadyEnded = [...conferenceIdsWith(room.doc, ...ENDED_STATUSES)];
  if (alreadyEnded.length > 0) void ending(alreadyEnded);
  void following(datesOf());
  onConferencesEnded(room.doc, (ended) => void ending(ended));
  onConferencesMoved(room.doc, (moved) => void following(datesOf(moved)));
}
