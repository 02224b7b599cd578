import { Agency, type NewActionItemInput } from '@care/schema';
import { z } from 'zod';
import { caseEntryKey, forgetCaseEntries } from '../collab/case-entries.ts';
import type { TypedItem } from './ActionItemForm.tsx';
import type { Kept } from './KeptTyping.tsx';

/**
 * What was typed into a case's action items' forms (KeptTyping.tsx) when the session ended (its
 * time limit, or unused too long): the page goes to the sign-in page, which comes back to the case,
 * and the same account gets it back there. In localStorage, per person and case, like the case's
 * kept copy (it is as sensitive as the case), and deleted with it: signing out, access to the case
 * revoked, the account disabled (forgetLocalCopy, forgetLocalCopies). Taken back when the case opens.
 */
const Typed = z.object({ what: z.string(), ownerName: z.string(), agencyKind: z.string(), agencyOther: z.string(), due: z.string() }) satisfies z.ZodType<TypedItem>;
/** The item as its edit form showed it: as stored (its 対応内容 may be two versions side by side, longer than one may be written). */
const Seen = z.object({ what: z.string(), ownerName: z.string(), ownerAgency: Agency, due: z.string() }) satisfies z.ZodType<NewActionItemInput>;
const KeptEntry = z.intersection(
  z.object({ where: z.string() }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('add'), conferenceId: z.string(), typed: Typed }),
    z.object({ kind: z.literal('edit'), seen: Seen, typed: Typed }),
    z.object({ kind: z.literal('progress'), draft: z.object({ text: z.string(), from: z.string() }) }),
  ]),
) satisfies z.ZodType<Kept>;
const KeptTyping = z.record(z.string(), KeptEntry);

const PREFIX = 'care-typing:';
const keyOf = (userId: string, caseId: string) => caseEntryKey(PREFIX, userId, caseId);

/** Adds what the case's forms hold as the session ends to what is kept (another tab of the case may have kept its own). */
export function keepTypingOverSignIn(userId: string, caseId: string, typing: Readonly<Record<string, Kept>>): void {
  if (Object.keys(typing).length === 0) return;
  try {
    localStorage.setItem(keyOf(userId, caseId), JSON.stringify({ ...typingKeptOverSignIn(userId, caseId), ...typing }));
  } catch {
    // Quota or no localStorage: it goes with the page, as the session did.
  }
}

/** What this person's forms held in this case when their session last ended here (nothing: {}). */
export function typingKeptOverSignIn(userId: string, caseId: string): Record<string, Kept> {
  try {
    const stored = localStorage.getItem(keyOf(userId, caseId));
    return (stored && KeptTyping.safeParse(JSON.parse(stored)).data) || {};
  } catch {
    return {}; // no localStorage, or not ours: nothing kept
  }
}

/** Forgets the case's kept typing, or every case's of this person without `caseId`. */
export function forgetTypingOverSignIn(userId: string, caseId?: string): void {
  forgetCaseEntries(PREFIX, userId, caseId);
}
