import type { PresenceUser, SessionUser } from '@care/schema';

const CARET_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

/** How the signed-in person appears to others in a conference: their name, agency and a caret colour of their own. */
export function presenceOf(user: SessionUser): PresenceUser {
  let hash = 0;
  for (const char of user.userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { userId: user.userId, name: user.name, agency: user.agency, color: CARET_COLORS[hash % CARET_COLORS.length]! };
}
