import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';

/**
 * Which of a person's cases hold edits in this browser that the server has not acknowledged
 * (typed offline, or still saving), including cases whose page is closed. Signing out deletes the
 * kept copies, and these edits with them, so it asks first. Case ids only, in localStorage, shared
 * by the person's tabs.
 */
const PREFIX = 'care-unsent:';

function keyOf(userId: string): string {
  return PREFIX + encodeURIComponent(userId);
}

export function casesWithUnsentEdits(userId: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // no localStorage (private mode, blocked): nothing known, nothing to warn about
  }
}

/** Records whether the case has unacknowledged edits in this browser. */
export function noteUnsentEdits(userId: string, caseId: string, unsent: boolean): void {
  const others = casesWithUnsentEdits(userId).filter((id) => id !== caseId);
  store(userId, unsent ? [...others, caseId] : others);
}

/** The case's kept copy is gone (or every case's, without `caseId`): so are its unsent edits. */
export function forgetUnsentEdits(userId: string, caseId?: string): void {
  if (caseId === undefined) store(userId, []);
  else noteUnsentEdits(userId, caseId, false);
}

function store(userId: string, cases: string[]): void {
  try {
    // Signed out meanwhile (a tab that has not heard of it yet): that deleted the edits, which must not come back.
    if (cases.length > 0 && !signedOutSinceSessionBegan()) localStorage.setItem(keyOf(userId), JSON.stringify(cases));
    else localStorage.removeItem(keyOf(userId));
  } catch {
    // Quota or no localStorage: the edits themselves are kept in the local copy all the same.
  }
}

