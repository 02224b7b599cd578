import { attendsLiveConference } from '@care/case-doc';
import type { SessionStore } from '../accounts/session-store.ts';
import type { CaseRoom } from '../sync/case-room.ts';

/**
 * What keeps a live editor's session from ending as unused: their presence changing in the room
 * (joining, moving the caret, selecting) counts as use, as their accepted edits do (see app.ts)
 * and HTTP requests. y-websocket's unchanged presence renewal every 15 s does not, so a tab left
 * open and untouched lets its session run out, and its connection is then closed; except while
 * its person has joined the case's live conference: listening at the table for half an hour (a
 * family member, a 民生委員) is taking part, and they must not be signed out mid-conference. Once
 * it closes, their idle time runs again.
 */
export function countPresenceAsActivity(room: CaseRoom, sessions: SessionStore): void {
  room.awareness.on('change', (_changes: unknown, origin: unknown) => {
    const peer = room.peerBehind(origin);
    if (peer) sessions.noteActivity(peer.principal.sessionId);
  });
  // Every announcement, a renewal too ('change' comes first when it changed something). The doc is
  // read only when a use would be recorded (once a minute per session at most).
  room.awareness.on('update', (_changes: unknown, origin: unknown) => {
    const peer = room.peerBehind(origin);
    if (!peer) return;
    const { sessionId, userId } = peer.principal;
    if (sessions.activityDue(sessionId) && attendsLiveConference(room.doc, userId)) sessions.noteActivity(sessionId);
  });
}
