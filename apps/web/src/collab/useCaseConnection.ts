import { RefusalReason } from '@care/case-doc';
import { AccessCloseCode, AccessEndReason, CASE_CLOSED_TO_GUEST, CloseCode, type ConnectionStanding, guestLetGoBy, type PresenceUser } from '@care/schema';
import { onStanding, SaveTracker, updateFrame } from '@care/sync-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { api, ApiCallError } from '../api.ts';
import { whySignedOut } from '../identity/session.tsx';
import { useWatched, Watched } from '../ui/watched.ts';
import { waitForCompositions } from './composition-wait.ts';
import type { TextSection } from './discarded-text.ts';
import { useKeptDiscard } from './kept-discard.ts';
import { discardLocalCopy, forgetLocalCopies, forgetLocalCopy, keepLocalCopy } from './local-copy.ts';
import { forgetUnsentText, keepUnsentText } from './unsent-text.ts';
import { followServerCopy } from './server-copy.ts';
import { type UnsentMark, unsentMarkOf } from './unsent-edits.ts';
import { UnresolvedRefusals } from './unresolved-refusals.ts';

const TOO_LARGE = '一度に送れる量を超える変更です。長い文章は、いくつかに分けて貼り付けてください';

/**
 * connecting: the first connection is being made (or a lost one is syncing again);
 * offline: no connection, edits are kept in this browser until it comes back;
 * saving: connected, some edits typed here are not yet acknowledged as stored by the server;
 * synced: connected, and everything typed here is stored on the server;
 * refused: connected, but the server refused some changes typed here: they are in this browser only (until discarded);
 * closed: the server ended the connection for good.
 */
export type ConnectionState = 'connecting' | 'offline' | 'unreachable' | 'saving' | 'synced' | 'refused' | 'closed';

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
 * A refused upgrade looks like any failed connection to a browser. Whether it was refused (the
 * access went while this page was offline, a guest's invitation was revoked, or the session ended)
 * is asked over HTTP.
 */
async function refusalOf(caseId: string): Promise<ClosedByServer | undefined> {
  try {
    await api.getCase(caseId);
    return undefined;
  } catch (error) {
    const status = error instanceof ApiCallError ? error.status : 0;
    // A disabled account's is said as the live close says it: its copies here go (see end).
    if (status === 401) return { code: AccessCloseCode.sessionEnded, reason: whySignedOut(error) ?? 'session ended' };
    // A guest let go meanwhile (its invitation revoked, its conference ended) is told which, as the live close says it.
    const letGo = status === 403 ? guestLetGoBy((error as ApiCallError).body?.error) : undefined;
    if (letGo) return { code: AccessCloseCode.accessRevoked, reason: letGo };
    if (status === 403 && (error as ApiCallError).body?.error === CASE_CLOSED_TO_GUEST) return { code: AccessCloseCode.accessRevoked, reason: AccessEndReason.caseClosed };
    if (status === 403 || status === 404) return { code: AccessCloseCode.accessRevoked, reason: 'no access to this case' };
    return undefined; // still unreachable: offline
  }
}

/**
 * The server's statement of a connection's standing, its first frame; `again` when the page had
 * lost its connection (offline, or asked again with 4010): the case may have been closed, or this
 * person changed, meanwhile.
 */
export type OnStanding = (standing: ConnectionStanding, again: boolean) => void;

/**
 * Opens the case's shared doc for as long as the component is mounted: the copy kept in this
 * browser first (edits typed offline earlier), then the server over y-websocket, which merges the
 * two. The session cookie goes with the upgrade request; the server decides who this is. While the
 * browser is offline the socket is closed and edits go to the local copy only.
 */
export function useCaseConnection(caseId: string, user: PresenceUser, standingStated?: OnStanding) {
  // Read when it happens, so a new callback does not reconnect.
  const stated = useRef(standingStated);
  stated.current = standingStated;
  const [connection, setConnection] = useState<CaseConnection>();
  /**
   * Where this browser's edits are: it goes 保存中 and back to 同期済み at each keystroke, so it is
   * watched by the badge that shows it (useConnectionState), not this page's state, which would
   * render the whole conference screen again twice a keystroke.
   */
  const [state] = useState(() => new Watched<ConnectionState>('connecting'));
  /** The server's reason for refusing this browser's last refused change. */
  const [refusal, setRefusal] = useState<string>();
  const [closed, setClosed] = useState<ClosedByServer>();
  /** Access went while this browser held changes the server never got: their text (deleted with the copy), shown once. */
  const [unsentRevoked, setUnsentRevoked] = useState<TextSection[]>();
  /** Bumped to start over from the server's copy (after discarding this browser's). */
  const [generation, setGeneration] = useState(0);
  const { userId } = user;
  /** The text that discarding took away (the server's copy lacks it), to show and copy. */
  const { discarded, discarding, synced: comparedWithServer, dismissed: dismissDiscarded } = useKeptDiscard(userId, caseId);
  /** This page's 未送信 mark: a discard takes it, and no other tab's. */
  const ownMark = useRef<UnsentMark>(undefined);

  useEffect(() => {
    const doc = new Y.Doc();
    const unsentMark = unsentMarkOf(userId, caseId, doc);
    ownMark.current = unsentMark;
    const localCopy = keepLocalCopy(userId, caseId, doc, unsentMark.stands);
    // No BroadcastChannel between tabs: an edit built on another tab's edit that the server has
    // not yet got would be refused as unresolved and stay unsent. Tabs share through the server.
    const provider = new WebsocketProvider(syncUrl(), caseId, doc, { connect: false, disableBc: true });
    const saves = new SaveTracker(provider);
    /** What the server has (its changes, and ours it acknowledged): what access revoked takes away is what the doc holds beyond it. */
    const serverCopy = followServerCopy(doc, provider);
    const stopWaitingForCompositions = waitForCompositions(provider);
    let lost = false;
    let closedByServer: ClosedByServer | undefined;
    /** The server closed the socket on a change too large to take: sent again, it would only be refused again. */
    let tooLarge = false;
    let checking = false;
    let destroyed = false;
    /**
     * The server refused a change typed here: it stays unsent, though the tracker counts it answered.
     * Set at once (not on the next render), since the answer follows the refusal in the same frames.
     */
    let refused = false;
    const refuse = (reason: string) => {
      refused = true;
      setRefusal(reason);
      unsentMark.unsent(); // kept only here until discarded: the case list marks it, and signing out asks first
    };
    const unresolved = new UnresolvedRefusals(
      saves,
      () => {
        const socket = provider.ws;
        if (!provider.wsconnected || socket?.readyState !== WebSocket.OPEN) return false;
        socket.send(updateFrame(serverCopy.lacking()));
        return true;
      },
      refuse,
      () => unsentChanged(),
    );
    const unsent = () => saves.status.unsaved > 0 || refused || unresolved.doubtful;
    /** The text of unsent edits may be kept from this page, or an earlier one (keepUnsentText). */
    let textMayBeKept = true;
    const levelWithServer = () => {
      if (unsent()) return;
      serverCopy.acknowledged();
      if (provider.synced && textMayBeKept) {
        forgetUnsentText(userId, caseId);
        textMayBeKept = false;
      }
    };
    // Hidden or left with edits unsent, the page may never come back before its guest is let go: their text is kept to be shown then.
    const keepUnsent = () => {
      const text = unsent() ? serverCopy.unsentText() : undefined;
      if (!text?.length) return;
      keepUnsentText(userId, caseId, text);
      textMayBeKept = true;
    };
    const keepUnsentWhenHidden = () => document.visibilityState === 'hidden' && keepUnsent();
    /** What is unsent may have changed (a save acknowledged, a refusal found to heal): said everywhere it shows. */
    const unsentChanged = () => {
      // On every change, not only when it flips: the mark names the edits so far.
      if (unsent()) unsentMark.unsent();
      else unsentMark.saved();
      levelWithServer();
      refresh();
    };

    const describe = (): ConnectionState => {
      if (closedByServer || tooLarge) return 'closed';
      if (provider.wsconnected && provider.synced) return saves.status.unsaved > 0 ? 'saving' : 'synced';
      if (provider.wsconnected) return 'connecting';
      // This device's network gone is said so; with it up, the server is what cannot be reached (stopped, restarting).
      if (!navigator.onLine) return 'offline';
      return lost ? 'unreachable' : 'connecting';
    };
    const refresh = () => state.set(describe());

    provider.awareness.setLocalStateField('user', user);
    onStanding(provider, (standing) => stated.current?.(standing, lost));
    provider.messageHandlers[2] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        // An edit typed while reconnecting can reach the server before the sync that carries what
        // it builds on; that sync re-sends it, so this refusal mostly heals itself: shown only if not.
        if (reason === RefusalReason.unresolved) unresolved.refused(reason);
        else refuse(reason);
      });
    };
    const end = (event: ClosedByServer) => {
      closedByServer = event;
      provider.disconnect();
      // The copy must not outlive the right to the case. What in it never reached the server is
      // said, and its text shown this once (it was on this screen a moment ago); nothing keeps it.
      // A disabled account loses every case at once: all its copies here go.
      const accountDisabled = event.reason === AccessEndReason.accountDisabled;
      if (event.code === AccessCloseCode.accessRevoked || accountDisabled) {
        if (unsent()) setUnsentRevoked(serverCopy.unsentText() ?? []);
        localCopy.close();
        void (accountDisabled ? forgetLocalCopies(userId) : forgetLocalCopy(userId, caseId));
      }
      setClosed(event);
      refresh();
    };
    const onSync = (synced: boolean) => {
      if (synced) lost = false;
      if (synced) comparedWithServer(doc);
      if (synced) levelWithServer();
      if (synced) unresolved.synced();
      refresh();
    };
    const onConnectionClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.tooBig) {
        tooLarge = true;
        provider.disconnect();
        refuse(TOO_LARGE);
        return refresh();
      }
      lost = true;
      // Emitted while wsconnected still says whether the socket had opened.
      if (!provider.wsconnected && navigator.onLine && !checking) {
        checking = true;
        void refusalOf(caseId).then((refusedUpgrade) => {
          checking = false;
          if (refusedUpgrade && !destroyed && !closedByServer) end(refusedUpgrade);
        });
      }
      refresh();
    };
    const goOffline = () => {
      lost = true;
      provider.disconnect();
      refresh();
    };
    const goOnline = () => {
      if (!closedByServer && !tooLarge) provider.connect();
      refresh();
    };
    provider.on('status', refresh);
    provider.on('sync', onSync);
    provider.on('connection-close', onConnectionClose);
    provider.on('closed', end);
    const stopWatchingSaves = saves.onChange(unsentChanged);
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    document.addEventListener('visibilitychange', keepUnsentWhenHidden);
    window.addEventListener('pagehide', keepUnsent);
    setConnection({ doc, provider });
    refresh();
    // Load the kept copy before syncing, so the sync carries its offline edits in one step.
    void localCopy.loaded.then(() => {
      if (!destroyed && navigator.onLine) provider.connect();
    });

    return () => {
      destroyed = true;
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      document.removeEventListener('visibilitychange', keepUnsentWhenHidden);
      window.removeEventListener('pagehide', keepUnsent);
      provider.off('status', refresh);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.off('closed', end);
      stopWatchingSaves();
      stopWaitingForCompositions();
      saves.destroy();
      serverCopy.destroy();
      provider.destroy();
      localCopy.close();
      doc.destroy();
      setConnection(undefined);
      setRefusal(undefined);
      setClosed(undefined);
      setUnsentRevoked(undefined);
      state.set('connecting');
    };
  }, [caseId, user, userId, generation, comparedWithServer, state]);

  /**
   * Drops this browser's copy (with the refused changes in it) and starts over from the server's;
   * the text it held that the server's lacks is then in `discarded`, until dismissed.
   */
  const discardLocalChanges = useCallback(() => {
    void discardLocalCopy(userId, caseId, ownMark.current);
    if (connection) discarding(connection.doc);
    setGeneration((n) => n + 1);
  }, [connection, userId, caseId, discarding]);

  const dismissUnsentRevoked = useCallback(() => setUnsentRevoked([]), []);
  return { connection, state, refusal, closed, discardLocalChanges, discarded, dismissDiscarded, unsentRevoked, dismissUnsentRevoked };
}

/** The connection's state as the page shows it (useCaseConnection's `state` and `refusal`). */
export function useConnectionState(state: Watched<ConnectionState>, refusal: string | undefined): ConnectionState {
  const current = useWatched(state);
  // A refused change counts as answered, so the save tracker alone would call it 同期済み.
  return refusal && current === 'synced' ? 'refused' : current;
}
