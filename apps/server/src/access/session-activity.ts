import type { SessionStore } from '../accounts/session-store.ts';
import type { CaseRoom } from '../sync/case-room.ts';

/**
 * What keeps a live editor's session from ending as unused: their presence changing in the room
 * (joining, moving the caret, selecting) counts as use, as their accepted edits do (see app.ts)
 * and HTTP requests. y-websocket's unchanged presence renewal every 15 s does not, so a tab left
 * open and untouched lets its session run out, and its connection is then closed.
 */
export function countPresenceAsActivity(room: CaseRoom, sessions: SessionStore): void {
  room.awareness.on('change', (_changes: unknown, origin: unknown) => {
    const peer = room.peerBehind(origin);
    if (peer) sessions.noteActivity(peer.principal.sessionId);
  });
}
