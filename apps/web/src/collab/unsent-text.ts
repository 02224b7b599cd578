import { z } from 'zod';
import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';
import { caseEntryKey, caseEntryKeys, forgetCaseEntries } from './case-entries.ts';
import type { TextSection } from './discarded-text.ts';

/**
 * The text of a case's unsent edits (what the server's copy lacks: followServerCopy), kept when its
 * page is hidden or left while they are unsent. A guest let go meanwhile (its conference ended, its
 * invitation revoked) can never open the case again to send them, and its copy of the case is then
 * deleted unread (the server's copy, which says what was unsent, is gone with the page): the page
 * opened again shows this text once to copy, as a page still open shows it at the close. In
 * localStorage, per person and case, as sensitive as the kept copy and deleted with it.
 */
const PREFIX = 'care-unsent-text:';
const Sections = z.array(z.object({ where: z.string(), lines: z.array(z.string()) })) satisfies z.ZodType<TextSection[]>;

/** Keeps the text; nothing once this device was signed out since the page's session began (its copies went with it, and so must this). */
export function keepUnsentText(userId: string, caseId: string, sections: TextSection[]): void {
  if (signedOutSinceSessionBegan()) return;
  try {
    localStorage.setItem(caseEntryKey(PREFIX, userId, caseId), JSON.stringify(sections));
  } catch {
    // Quota or no localStorage: it goes with the copy, unseen, as before.
  }
}

/** The unsent text kept for every case of this person. */
export function unsentTextKept(userId: string): TextSection[] {
  try {
    return caseEntryKeys(PREFIX, userId).flatMap((key) => Sections.safeParse(JSON.parse(localStorage.getItem(key) ?? '[]')).data ?? []);
  } catch {
    return [];
  }
}

/** The case's edits reached the server, or its copy went: so does their text (every case's without `caseId`). */
export function forgetUnsentText(userId: string, caseId?: string): void {
  forgetCaseEntries(PREFIX, userId, caseId);
}
