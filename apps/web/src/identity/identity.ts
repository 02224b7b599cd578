import { PresenceUser } from '@care/schema';

const STORAGE_KEY = 'care.identity';
const CARET_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

/** Who this browser says it is in a conference (until accounts exist, it is self-declared). */
export function loadIdentity(): PresenceUser | undefined {
  try {
    return PresenceUser.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')).data;
  } catch {
    return undefined;
  }
}

export function saveIdentity(input: { name: string; agency: string }): PresenceUser {
  const color = CARET_COLORS[Math.floor(Math.random() * CARET_COLORS.length)]!;
  const userId = crypto.randomUUID();
  const identity = PresenceUser.parse({ ...input, userId, color });
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  return identity;
}
