/**
 * What this browser keeps in localStorage for one person and one case beside the case's kept copy
 * (local-copy.ts), each kind under a prefix of its own: the key of one entry, and forgetting them
 * with that copy (one case's, or every case's of the person).
 */
export function caseEntryKey(prefix: string, userId: string, caseId = '', part?: string): string {
  const key = `${prefix}${encodeURIComponent(userId)}:${encodeURIComponent(caseId)}`;
  return part === undefined ? key : `${key}:${encodeURIComponent(part)}`;
}

/**
 * The keys of the person's entry for the case under `prefix` (with its parts, for a kind kept in
 * parts), or of every case's without `caseId` (throws without localStorage).
 */
export function caseEntryKeys(prefix: string, userId: string, caseId?: string): string[] {
  const key = caseEntryKey(prefix, userId, caseId);
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
  return keys.filter((stored) => (caseId === undefined ? stored.startsWith(key) : stored === key || stored.startsWith(`${key}:`)));
}

/** The case an entry's key (from caseEntryKeys) is for. */
export function caseOfEntryKey(prefix: string, userId: string, key: string): string {
  return decodeURIComponent(key.slice(caseEntryKey(prefix, userId).length).split(':')[0] ?? '');
}

/** Forgets the person's entry for the case under `prefix`, or every case's without `caseId`. */
export function forgetCaseEntries(prefix: string, userId: string, caseId?: string): void {
  try {
    for (const stored of caseEntryKeys(prefix, userId, caseId)) localStorage.removeItem(stored);
  } catch {
    // No localStorage: nothing was kept.
  }
}
