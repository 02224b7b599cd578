import { snapshotHolds } from '@care/sync-client';
import * as Y from 'yjs';
import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';
import { caseEntryKey, caseEntryKeys, caseOfEntryKey, forgetCaseEntries } from './case-entries.ts';

/**
 * Which of a person's cases hold edits in this browser that the server has not acknowledged
 * (typed offline, or still saving), including cases whose page is closed: the case list marks them
 * (未送信の変更あり), and signing out, which deletes the kept copies and these edits with them, asks
 * first. In localStorage, shared by the person's tabs.
 *
 * Each page of a case marks its own edits, under a key of its own: one mark per case, cleared by
 * any tab up to date, let a second tab clear it while the first still held edits (offline, or its
 * socket cut), and the person sign out believing them saved. A mark names its edits by the page's
 * doc as it was (a Yjs snapshot), and is cleared by a page everything of which the server has
 * acknowledged, only if its doc holds all of that: the page itself once its edits are saved, or,
 * for a page closed (or crashed) first, a page opened later, which loads those edits from the kept
 * copy and sends them.
 */
const PREFIX = 'care-unsent:';

/** Where a version before per-page marks listed the cases (a page that loaded the kept copy since holds their edits). */
const legacyKey = (userId: string) => PREFIX + encodeURIComponent(userId);

export function casesWithUnsentEdits(userId: string): string[] {
  try {
    const marked = caseEntryKeys(PREFIX, userId).map((key) => caseOfEntryKey(PREFIX, userId, key));
    return [...new Set([...legacyCases(userId), ...marked])];
  } catch {
    return []; // no localStorage (private mode, blocked): nothing known, nothing to warn about
  }
}

/** What one page of a case says of its own edits (its doc's clientID tells it from the case's other pages). */
export type UnsentMark = {
  /** Some edits in the doc are not acknowledged: marks them, as the doc now is. */
  unsent(): void;
  /** Everything in the doc is on the server: clears the case's marks whose edits the doc holds. */
  saved(): void;
  /** This page's edits were discarded (with the kept copy): its mark goes, for good; other pages' stay. */
  discarded(): void;
  /** Whether this page's mark is there: taken by a sign-out or access revoked, its edits are no longer to be kept. */
  stands(): boolean;
};

export function unsentMarkOf(userId: string, caseId: string, doc: Y.Doc): UnsentMark {
  const own = caseEntryKey(PREFIX, userId, caseId, String(doc.clientID));
  const edits = ownEditsSinceSaved(doc);
  let discarded = false;
  return {
    unsent() {
      // Signed out meanwhile (a tab that has not heard of it yet): that deleted the edits, which must not come back.
      if (signedOutSinceSessionBegan() || discarded) return;
      attempt(() => localStorage.setItem(own, bytesAsText(Y.encodeSnapshot(edits.named()))));
    },
    saved() {
      edits.restart();
      attempt(() => {
        const others = caseEntryKeys(PREFIX, userId, caseId).filter((key) => key !== own);
        localStorage.removeItem(own);
        dropLegacy(userId, caseId);
        if (others.length === 0) return;
        const held = Y.snapshot(doc);
        for (const key of others) if (marksOnly(held, localStorage.getItem(key))) localStorage.removeItem(key);
      });
    },
    discarded() {
      discarded = true;
      attempt(() => {
        localStorage.removeItem(own);
        dropLegacy(userId, caseId); // this page had loaded the kept copy, which held them
      });
    },
    stands() {
      try {
        return !discarded && localStorage.getItem(own) !== null;
      } catch {
        return false;
      }
    },
  };
}

/**
 * What this page changed in `doc` since `restart` (everything it held was on the server then), as a
 * snapshot naming only that: the clocks its insertions reached and what it deleted. Kept as it
 * changes, since the mark is rewritten at each keystroke until saved: a snapshot of the whole doc
 * walks every item of it (a few ms a keystroke for a long-edited case, more on an old laptop).
 */
function ownEditsSinceSaved(doc: Y.Doc) {
  let inserted = new Map<number, number>();
  let deleted = Y.createDeleteSet();
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.local) return; // what came from the server, or from the kept copy (its page marked it)
    for (const [client, clock] of transaction.afterState) if (clock !== transaction.beforeState.get(client)) inserted.set(client, clock);
    if (transaction.deleteSet.clients.size > 0) deleted = Y.mergeDeleteSets([deleted, transaction.deleteSet]);
  });
  return {
    named: () => Y.createSnapshot(deleted, inserted),
    restart() {
      inserted = new Map();
      deleted = Y.createDeleteSet();
    },
  };
}

/** The case's kept copy is gone (or every case's, without `caseId`): so are its unsent edits. */
export function forgetUnsentEdits(userId: string, caseId?: string): void {
  forgetCaseEntries(PREFIX, userId, caseId);
  attempt(() => (caseId === undefined ? localStorage.removeItem(legacyKey(userId)) : dropLegacy(userId, caseId)));
}

/** Whether the mark names nothing beyond `held`; one that cannot be read names what no one can check, and stays till a sign-out asks. */
function marksOnly(held: Y.Snapshot, mark: string | null): boolean {
  if (mark === null) return false; // cleared meanwhile by another tab
  try {
    return snapshotHolds(held, Y.decodeSnapshot(textAsBytes(mark)));
  } catch {
    return false;
  }
}

function legacyCases(userId: string): string[] {
  const stored: unknown = JSON.parse(localStorage.getItem(legacyKey(userId)) ?? '[]');
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

function dropLegacy(userId: string, caseId: string): void {
  const cases = legacyCases(userId);
  if (!cases.includes(caseId)) return;
  const left = cases.filter((id) => id !== caseId);
  if (left.length > 0) localStorage.setItem(legacyKey(userId), JSON.stringify(left));
  else localStorage.removeItem(legacyKey(userId));
}

function attempt(write: () => void): void {
  try {
    write();
  } catch {
    // Quota or no localStorage: the edits themselves are kept in the local copy all the same.
  }
}

function bytesAsText(bytes: Uint8Array): string {
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
}

function textAsBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
