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

/** Leaves the mark of a sign-out (before the server is asked: whatever 401 it causes comes after). */
export function markSignOut(): void {
  try {
    localStorage.setItem(KEY, `${Date.now()}:${Math.random().toString(36).slice(2)}`);
  } catch {
    // No localStorage: nothing is kept over a session's end either.
  }
}

/** The mark of the last sign-out on this device (null: none, or no localStorage). */
export function lastSignOut(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

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
