/**
 * Sign-outs on this device. Its tabs share one session (the cookie): signing out in one ends it in
 * all, and deletes what the person kept in this browser (forgetLocalCopies). The others hear of it
 * from a BroadcastChannel message or their socket's close, but a request refused with 401 can come
 * first, and the server cannot tell them more (the cookie went with the sign-out): taken for a
 * session that simply ended, what their forms held would be kept (keepWhenEnded) after the
 * deletion, till the next sign-out. So a sign-out leaves a mark in localStorage before it asks the
 * server, and a tab compares the mark with the one it saw as its session began: another, and its
 * session was signed out, and nothing of it may be kept here again (what a tab that has not yet
 * heard of it writes would stay after the deletion).
 */
const KEY = 'care-signed-out';

/**
 * A sign-out the server has not taken yet: made offline, the session it ends still stands there
 * (the cookie is http-only: only the server ends it), and the next page opened on this device
 * would be signed in. Whose it was, so that it is sent when the server can be reached again.
 */
const UNSENT = 'care-sign-out-unsent';

/** What localStorage holds under `key`; null without one, or without localStorage (private mode, blocked). */
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key` (null: removes it); without localStorage, nothing is kept over a session's end either. */
function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to keep it in.
  }
}

/** Leaves the mark of `userId`'s sign-out (before the server is asked: whatever 401 it causes comes after), unsent until signOutSent. */
export function markSignOut(userId: string | undefined): void {
  write(KEY, `${Date.now()}:${Math.random().toString(36).slice(2)}`);
  if (userId) write(UNSENT, userId);
}

/** Whose sign-out the server has not taken yet, if any. */
export const signOutUnsent = (): string | null => read(UNSENT);

/** The server has taken the sign-out (or the session it was for has gone some other way). */
export const signOutSent = (): void => write(UNSENT, null);

/** The mark of the last sign-out on this device (null: none, or no localStorage). */
export const lastSignOut = (): string | null => read(KEY);

/** The mark as this tab's session began (read before asking the server who is signed in). */
let markAtSessionStart = lastSignOut();

/** This tab's session begins (loading, signing in): sign-outs before it are none of its business. */
export function sessionBegins(): void {
  markAtSessionStart = lastSignOut();
}

/** Whether this device was signed out since this tab's session began (in this tab or another). */
export function signedOutSinceSessionBegan(): boolean {
  return lastSignOut() !== markAtSessionStart;
}
