import { AccessEndReason, ACCOUNT_DISABLED, type ChangePasswordBody, guestLetGoBy, type LoginBody, type SessionInfo } from '@care/schema';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiCallError } from '../api.ts';
import type { TextSection } from '../collab/discarded-text.ts';
import { forgetLocalCopies } from '../collab/local-copy.ts';
import { unsentTextKept } from '../collab/unsent-text.ts';
import { markSignOut, sessionBegins, signedOutSinceSessionBegan, signOutSent, signOutUnsent } from './device-sign-outs.ts';
import { GUEST_LET_GO_TEXT } from './guest-let-go.ts';
import { noteInvited } from './invited-browser.ts';

type SessionState =
  | { status: 'loading' }
  /**
   * `notice`: why the sign-in page is shown, when a session ended under the person's feet. `letGo`:
   * a guest let go while its page was closed, told why, with the text of its edits that never
   * reached the server (shown once to copy, deleted here with its copy of the case).
   */
  | { status: 'signed-out'; notice?: string; letGo?: { notice: string; unsent: TextSection[] } }
  | { status: 'signed-in'; info: SessionInfo };

type SessionContext = SessionState & {
  login: (body: LoginBody) => Promise<void>;
  /** Chooses a new password; signs in with it (the account's other sessions end). */
  changePassword: (body: ChangePasswordBody) => Promise<void>;
  acceptInvitation: (token: string) => Promise<SessionInfo>;
  logout: () => Promise<void>;
  /** The server said the session has ended (401, or 4401 with its `reason`): show the sign-in page, saying why. */
  expired: (reason?: string) => void;
  /** Whether a failed request says the session has ended (401); if so, `expired` with why. */
  endedBy: (error: unknown) => boolean;
  /**
   * What a page keeps in this browser for its holder when the session simply ends (`keep` is called
   * then, before the sign-in page, which comes back to the page): not when signed out or disabled,
   * which delete what was kept. Gives the way to stop.
   */
  keepWhenEnded: (keep: () => void) => () => void;
  /** Asks who is signed in again: an administrator may have changed the account's name, agency or role. */
  refresh: () => Promise<void>;
};

const Context = createContext<SessionContext | undefined>(undefined);

/** Who is signed in, from the server's session (the http-only cookie is never readable here). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    // Only while still loading: an invitation accepted (or a sign-in) meanwhile must not be undone
    // by this earlier question's answer arriving later.
    const settle = (next: SessionState) => setState((current) => (current.status === 'loading' ? next : current));
    sessionBegins();
    if (signOutUnsent()) {
      // Signed out here while offline: never shown signed in again before the server has taken it.
      void sendSignOut().finally(() => settle({ status: 'signed-out' }));
      return;
    }
    api.session().then(
      (info) => settle({ status: 'signed-in', info }),
      (error: unknown) => {
        // A tab opened after its account was disabled, or its guest let go (invitation revoked,
        // conference ended): the server says whose, for its copies to go.
        const body = error instanceof ApiCallError ? error.body : undefined;
        const disabled = whySignedOut(error) === AccessEndReason.accountDisabled;
        const letGo = error instanceof ApiCallError && error.status === 403 ? guestLetGoBy(body?.error) : undefined;
        const gone = disabled || letGo ? body?.userId : undefined;
        if (!gone) return settle({ status: 'signed-out' });
        settle(letGo ? { status: 'signed-out', letGo: { notice: GUEST_LET_GO_TEXT[letGo], unsent: unsentTextKept(gone) } } : ACCOUNT_DISABLED_NOTICE);
        forgetCopiesOf(gone);
      },
    );
  }, []);

  // A sign-out made offline is sent as soon as the device is back online.
  useEffect(() => {
    const retry = () => void (signOutUnsent() && sendSignOut());
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, []);

  // The tabs of this browser share one session: signing out in one signs out the others at once,
  // and they say so (rather than that it ended, with what was typed kept: signing out deleted it).
  const signOuts = useRef<BroadcastChannel>(undefined);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(SIGN_OUT_CHANNEL);
    channel.onmessage = () => setState((current) => (current.status === 'signed-in' ? SIGNED_OUT_ELSEWHERE : current));
    signOuts.current = channel;
    return () => channel.close();
  }, []);

  const signedInWithPassword = useCallback((info: SessionInfo) => {
    signOutSent(); // a session an unsent sign-out was for is replaced by this one
    noteInvited(false);
    setState({ status: 'signed-in', info });
  }, []);
  const login = useCallback(
    async (body: LoginBody) => {
      sessionBegins();
      signedInWithPassword(await api.login(body));
    },
    [signedInWithPassword],
  );
  const changePassword = useCallback(
    async (body: ChangePasswordBody) => {
      sessionBegins();
      signedInWithPassword(await api.changePassword(body));
    },
    [signedInWithPassword],
  );
  const acceptInvitation = useCallback(async (token: string) => {
    sessionBegins();
    const info = await api.acceptInvitation(token);
    signOutSent();
    noteInvited(true);
    setState({ status: 'signed-in', info });
    return info;
  }, []);
  const signedInUserId = state.status === 'signed-in' ? state.info.user.userId : undefined;
  const keepers = useRef(new Set<() => void>());
  const keepWhenEnded = useCallback((keep: () => void) => {
    keepers.current.add(keep);
    return () => void keepers.current.delete(keep);
  }, []);
  const logout = useCallback(async () => {
    markSignOut(signedInUserId);
    // Unreachable (offline), it is sent again once the server can be reached (sendSignOut).
    await api.logout().then(signOutSent, () => {});
    setState({ status: 'signed-out' });
    signOuts.current?.postMessage('signed out');
    // The cases this person kept in this browser go with them (要配慮個人情報 on a shared computer).
    if (signedInUserId) await forgetLocalCopies(signedInUserId).catch(() => {});
  }, [signedInUserId]);
  const expired = useCallback(
    (reason?: string) => {
      if (reason === AccessEndReason.accountDisabled) {
        setState(ACCOUNT_DISABLED_NOTICE);
        if (signedInUserId) forgetCopiesOf(signedInUserId);
        return;
      }
      // Signed out in another tab, whether its socket said so or a request was refused first.
      if (reason === AccessEndReason.signedOut || signedOutSinceSessionBegan()) return setState(SIGNED_OUT_ELSEWHERE);
      for (const keep of keepers.current) keep();
      setState({ status: 'signed-out', notice: SESSION_ENDED });
    },
    [signedInUserId],
  );
  const endedBy = useCallback(
    (error: unknown) => {
      if (!isSignedOut(error)) return false;
      expired(whySignedOut(error));
      return true;
    },
    [expired],
  );
  const refresh = useCallback(async () => {
    const info = await api.session().catch(() => undefined); // a session that ended shows where it is used
    if (!info) return;
    // The same person as before keeps the same object: pages that depend on it do not start over.
    const same = (current: SessionState) => current.status === 'signed-in' && JSON.stringify(current.info) === JSON.stringify(info);
    setState((current) => (same(current) ? current : { status: 'signed-in', info }));
  }, []);

  return <Context value={{ ...state, login, changePassword, acceptInvitation, logout, expired, endedBy, keepWhenEnded, refresh }}>{children}</Context>;
}

export function useSession(): SessionContext {
  const session = useContext(Context);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Renders its children for a signed-in person; anyone else goes to the sign-in page and comes back after. */
export function RequireSession({ children }: { children: (info: SessionInfo) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <p className="page">読み込み中…</p>;
  // The query comes back too: a link to a narrowed list or a comparison of records means them.
  const from = location.pathname + location.search;
  if (session.status === 'signed-out') return <Navigate to="/login" replace state={{ from, notice: session.notice }} />;
  return children(session.info);
}

/**
 * Said on the sign-in page when a session ends while in use (its time limit, or an administrator
 * disabled the account or signed it out). What was typed is kept: each case's copy in this browser
 * stays until its holder signs out, and is sent once they sign in again; what its action items'
 * forms held comes back to them when the case opens (keepWhenEnded, typing-over-sign-in.ts).
 */
const SESSION_ENDED =
  'ログインが終了しました（有効期限切れなど）。もう一度ログインしてください。入力した内容はこの端末に残っており、同じアカウントでログインすると、ケース概要の変更は送信され、書きかけの対応事項（追加・編集・経過）はケースの画面に戻ります。';

/**
 * Signed out in another tab (its sockets are closed with AccessEndReason.signedOut, and it tells
 * the others): that deleted every copy kept here, so nothing is promised.
 */
const SIGNED_OUT_ELSEWHERE: SessionState = {
  status: 'signed-out',
  notice: 'ログアウトしました（別のタブや画面で）。続けるには、もう一度ログインしてください。',
};
const SIGN_OUT_CHANNEL = 'care-sign-out';

/**
 * Sends a sign-out made while the server could not be reached (signOutUnsent): asks who is signed
 * in (for the CSRF token) and, if it is still the one who signed out, signs them out. Settles
 * either way; still unreachable, it stays unsent, to be sent later.
 */
async function sendSignOut(): Promise<void> {
  const whose = signOutUnsent();
  try {
    const info = await api.session();
    if (info.user.userId === whose && signOutUnsent() === whose) await api.logout();
    signOutSent();
  } catch (error) {
    if (isSignedOut(error)) signOutSent(); // the session has gone already
  }
}

/**
 * Its holder cannot sign in again to send what this browser kept for a disabled account, nor a guest
 * let go open the case again: it goes (as on a live 4401 AccessEndReason.accountDisabled, or 4403),
 * and ACCOUNT_DISABLED_NOTICE says so to the account's holder.
 */
function forgetCopiesOf(userId: string) {
  void forgetLocalCopies(userId).catch(() => {});
}

/** The account, or its agency, was disabled: every copy kept here for it was deleted, so nothing is promised. */
export const ACCOUNT_DISABLED_TEXT = 'このアカウント（またはその所属機関）は管理者によって無効にされました。この端末に保存していたケースの内容は削除しました。';
const ACCOUNT_DISABLED_NOTICE: SessionState = { status: 'signed-out', notice: ACCOUNT_DISABLED_TEXT };

/** A 401 from the API means the session ended meanwhile. */
function isSignedOut(error: unknown): boolean {
  return error instanceof ApiCallError && error.status === 401;
}

/**
 * Why a 401 ended the session, in the words of a 4401 close (for `expired`): a disabled account's
 * (ACCOUNT_DISABLED), else undefined (it simply ended).
 */
export function whySignedOut(error: unknown): string | undefined {
  return error instanceof ApiCallError && error.body?.error === ACCOUNT_DISABLED ? AccessEndReason.accountDisabled : undefined;
}
