import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { z } from 'zod';
import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';
import { caseEntryKey, forgetCaseEntries } from './case-entries.ts';
import { type TextSection, textOnlyIn, writtenText } from './discarded-text.ts';

/**
 * What discarding this browser's copy of a case took away, kept until dismissed, so that a reload
 * or leaving the case does not lose it a second time: `shown`, the text only the discarded copy
 * had; `toCompare`, the whole text of a copy discarded before the server's copy came to compare it
 * with. In localStorage, per person and case, like the kept copy itself (which holds the whole
 * case), and deleted with it (signing out, access revoked: forgetKeptDiscards).
 */
const Sections = z.array(z.object({ where: z.string(), lines: z.array(z.string()) })) satisfies z.ZodType<TextSection[]>;
const KeptDiscard = z.object({ shown: Sections, toCompare: Sections.optional() });
type KeptDiscard = z.infer<typeof KeptDiscard>;

const NOTHING: KeptDiscard = { shown: [] };
const PREFIX = 'care-discarded:';
const keyOf = (userId: string, caseId: string) => caseEntryKey(PREFIX, userId, caseId);

function read(userId: string, caseId: string): KeptDiscard {
  try {
    const stored = localStorage.getItem(keyOf(userId, caseId));
    return (stored && KeptDiscard.safeParse(JSON.parse(stored)).data) || NOTHING;
  } catch {
    return NOTHING; // no localStorage, or not ours: nothing kept
  }
}

function write(userId: string, caseId: string, kept: KeptDiscard): void {
  try {
    // Signed out meanwhile (a tab that has not heard of it yet): nothing of the case may be kept after it.
    if ((kept.shown.length > 0 || kept.toCompare) && !signedOutSinceSessionBegan()) localStorage.setItem(keyOf(userId, caseId), JSON.stringify(kept));
    else localStorage.removeItem(keyOf(userId, caseId));
  } catch {
    // Quota or no localStorage: the page still shows it until it is closed or left.
  }
}

/** Forgets the case's kept discard, or every case's of this person without `caseId`. */
export function forgetKeptDiscards(userId: string, caseId?: string): void {
  forgetCaseEntries(PREFIX, userId, caseId);
}

/** The text a discard took away from this case in this browser, and the steps that change it (each kept at once). */
export function useKeptDiscard(userId: string, caseId: string) {
  const [kept, setKept] = useState(NOTHING);
  // The steps read it here: a sync can come before React has rendered the last change.
  const current = useRef(kept);
  useEffect(() => {
    current.current = read(userId, caseId);
    setKept(current.current);
  }, [userId, caseId]);
  const change = useCallback(
    (next: KeptDiscard) => {
      current.current = next;
      write(userId, caseId, next);
      setKept(next);
    },
    [userId, caseId],
  );
  const steps = useMemo(
    () => ({
      /** Just as the copy goes: its whole text, until the server's copy comes. */
      discarding: (doc: Y.Doc) => change({ shown: current.current.shown, toCompare: writtenText(doc) }),
      /** The server's copy is in `doc`: what only the discarded copy had joins what is shown. */
      synced: (doc: Y.Doc) => {
        const { shown, toCompare } = current.current;
        if (toCompare) change({ shown: [...shown, ...textOnlyIn(toCompare, writtenText(doc))] });
      },
      dismissed: () => change(NOTHING),
    }),
    [change],
  );
  return { discarded: kept.shown, ...steps };
}
