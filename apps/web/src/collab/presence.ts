import type { PresenceUser } from '@care/schema';
import { useEffect, useState } from 'react';
import type { CaseConnection } from './useCaseConnection.ts';

/**
 * Who is in the case now, from the awareness states: those the server relays, and this browser
 * only while it is connected. Its own state stays in awareness when the connection goes (offline,
 * or ended by the server), but then no one else sees it: it is not 接続中.
 */
export function peopleConnected(states: Map<number, Record<string, unknown>>, ownClientId: number, connected: boolean): PresenceUser[] {
  return [...states]
    .filter(([clientId]) => connected || clientId !== ownClientId)
    .map(([, state]) => state.user as PresenceUser | undefined)
    .filter((user): user is PresenceUser => !!user);
}

/** Everyone connected to the case at this moment (this browser too, while it is). */
export function connectedNow({ provider }: CaseConnection): PresenceUser[] {
  return peopleConnected(provider.awareness.getStates(), provider.awareness.clientID, provider.wsconnected);
}

/** Whether two lists name the same people the same way, in the same order. */
function samePeople(a: readonly PresenceUser[], b: readonly PresenceUser[]): boolean {
  return a.length === b.length && a.every((person, i) => JSON.stringify(person) === JSON.stringify(b[i]));
}

/**
 * Everyone connected to the case now (this browser too, while it is), from awareness. The same
 * list while only their carets move (each keystroke of everyone's), so its panel does not render again.
 */
export function usePresence(connection: CaseConnection | undefined): PresenceUser[] {
  const [people, setPeople] = useState<PresenceUser[]>([]);
  useEffect(() => {
    if (!connection) return;
    const { provider } = connection;
    const { awareness } = provider;
    const update = () => {
      const now = connectedNow(connection);
      setPeople((before) => (samePeople(before, now) ? before : now));
    };
    update();
    awareness.on('change', update);
    provider.on('status', update);
    return () => {
      awareness.off('change', update);
      provider.off('status', update);
    };
  }, [connection]);
  return people;
}
