import { RefusalReason } from '@care/case-doc';
import type { PresenceUser } from '@care/schema';
import { useEffect, useState } from 'react';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionState = 'connecting' | 'offline' | 'synced' | 'closed';

/** The server ended the connection for good (signed out 4401, access revoked 4403): no reconnecting. */
export type ClosedByServer = { code: number; reason: string };

export type CaseConnection = {
  doc: Y.Doc;
  provider: WebsocketProvider;
};

function syncUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws/cases`;
}

/**
 * Opens the case's shared doc over y-websocket for as long as the component is mounted. The
 * session cookie goes with the upgrade request; the server decides who this is.
 */
export function useCaseConnection(caseId: string, user: PresenceUser) {
  const [connection, setConnection] = useState<CaseConnection>();
  const [state, setState] = useState<ConnectionState>('connecting');
  /** The server's reason for refusing this browser's last refused change. */
  const [refusal, setRefusal] = useState<string>();
  const [closed, setClosed] = useState<ClosedByServer>();

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncUrl(), caseId, doc);
    provider.awareness.setLocalStateField('user', user);
    provider.messageHandlers[2] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        // An edit typed while reconnecting can reach the server before the sync that carries what
        // it builds on; that sync re-sends it, so this refusal heals itself and is not shown.
        if (reason !== RefusalReason.unresolved) setRefusal(reason);
      });
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') setState(status === 'connecting' ? 'connecting' : 'offline');
    };
    const onSync = (synced: boolean) => setState(synced ? 'synced' : 'connecting');
    const onClosed = (event: ClosedByServer) => {
      setClosed(event);
      setState('closed');
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    setConnection({ doc, provider });
    return () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.destroy();
      doc.destroy();
      setConnection(undefined);
      setRefusal(undefined);
    };
  }, [caseId, user]);

  return { connection, state, refusal, closed };
}

/** Everyone currently in the case (including this browser), from awareness. */
export function usePresence(connection: CaseConnection | undefined): PresenceUser[] {
  const [people, setPeople] = useState<PresenceUser[]>([]);
  useEffect(() => {
    if (!connection) return;
    const { awareness } = connection.provider;
    const update = () =>
      setPeople(
        [...awareness.getStates().values()]
          .map((state) => state.user as PresenceUser | undefined)
          .filter((user): user is PresenceUser => !!user),
      );
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [connection]);
  return people;
}
