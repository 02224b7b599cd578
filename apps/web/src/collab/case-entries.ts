/**
 * What this browser keeps in localStorage for one person and one case beside the case's kept copy
 * (local-copy.ts), each kind under a prefix of its own: the key of one entry, and forgetting them
 * with that copy (one case's, or every case's of the person).
 */
export function caseEntryKey(prefix: string, userId: string, caseId = ''): string {
  return `${prefix}${encodeURIComponent(userId)}:${encodeURIComponent(caseId)}`;
}

/** Forgets the person's entry for the case under `prefix`, or every case's without `caseId`. */
export function forgetCaseEntries(prefix: string, userId: string, caseId?: string): void {
  try {
    const key = caseEntryKey(prefix, userId, caseId);
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
    for (const stored of keys) if (caseId === undefined ? stored.startsWith(key) : stored === key) localStorage.removeItem(stored);
  } catch {
    // No localStorage: nothing was kept.
  }
}
