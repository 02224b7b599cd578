import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { forgetTypingOverSignIn } from '../conference/typing-over-sign-in.ts';
import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';
import { forgetKeptDiscards } from './kept-discard.ts';
import { casesWithUnsentEdits, forgetUnsentEdits, type UnsentMark } from './unsent-edits.ts';
import { forgetUnsentText } from './unsent-text.ts';

/**
 * The copy of a case kept in this browser (IndexedDB), so that edits typed offline survive the
 * tab being closed and reach the server when the case is opened again. One database per person
 * and case: two staff sharing a browser never see or merge each other's copies.
 */
const PREFIX = 'care-case';

function userPrefix(userId: string): string {
  return `${PREFIX}:${encodeURIComponent(userId)}:`;
}

export function localCopyName(userId: string, caseId: string): string {
  return userPrefix(userId) + encodeURIComponent(caseId);
}

export type LocalCopy = {
  /** Resolves once the kept copy is in the doc, or at once without IndexedDB (then the case works online only). */
  loaded: Promise<void>;
  /** Stops keeping the doc (the copy stays). */
  close: () => void;
};

/**
 * Keeps `doc` in this browser and loads what an earlier visit kept into it. A discard in another
 * tab deletes the whole copy (Yjs cannot take one page's edits out of it), this page's unsent
 * edits with it: while `holdsUnsent` (its 未送信 mark stands), the page writes its doc back as the
 * copy, so an edit typed in any tab is on the server or in the copy. A sign-out or revoked access
 * takes every mark first (forgetLocalCopy), and the copy stays gone.
 */
export function keepLocalCopy(userId: string, caseId: string, doc: Y.Doc, holdsUnsent: () => boolean = () => false): LocalCopy {
  const none = { loaded: Promise.resolve(), close: () => {} };
  // Signed out meanwhile (a tab that has not heard of it yet): that deleted every copy, none comes back.
  if (signedOutSinceSessionBegan()) return none;
  let closed = false;
  const keep = (): IndexeddbPersistence => {
    // Opened on a doc, it first stores the whole doc: written back, the copy holds all the page has.
    const opened = new IndexeddbPersistence(localCopyName(userId, caseId), doc);
    opened._db.then(
      // Another page deleting this copy must not wait for this one; opened again, this waits for the deletion.
      (db) =>
        (db.onversionchange = () => {
          void opened.destroy();
          if (!closed && holdsUnsent()) persistence = keep();
        }),
      () => {},
    );
    return opened;
  };
  let persistence: IndexeddbPersistence;
  try {
    persistence = keep();
  } catch {
    return none;
  }
  const first = persistence;
  const loaded = new Promise<void>((resolve) => {
    first.whenSynced.then(() => resolve());
    first._db.catch(() => resolve());
  });
  return {
    loaded,
    close: () => {
      closed = true;
      void persistence.destroy();
    },
  };
}

/**
 * Deletes a database; an open connection to it (a page still showing the case) delays this until
 * it closes.
 */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}

/** Deletes this browser's copy of one case (its access was revoked: the copy must not outlive it). */
export function forgetLocalCopy(userId: string, caseId: string): Promise<void> {
  forgetUnsentEdits(userId, caseId);
  return deleteCopy(userId, caseId);
}

/**
 * Deletes the copy of one case with this page's edits the server refused, to start over from the
 * server's. Only this page's mark goes: another tab's unsent edits are written back (keepLocalCopy).
 */
export function discardLocalCopy(userId: string, caseId: string, mark: UnsentMark | undefined): Promise<void> {
  mark?.discarded();
  return deleteCopy(userId, caseId);
}

function deleteCopy(userId: string, caseId: string): Promise<void> {
  forgetKeptDiscards(userId, caseId);
  forgetTypingOverSignIn(userId, caseId);
  forgetUnsentText(userId, caseId);
  return deleteDatabase(localCopyName(userId, caseId));
}

/** Deletes every case this person kept in this browser (on signing out). */
export async function forgetLocalCopies(userId: string): Promise<void> {
  forgetUnsentEdits(userId);
  forgetKeptDiscards(userId);
  forgetTypingOverSignIn(userId);
  forgetUnsentText(userId);
  await Promise.all((await keptCaseIds(userId)).map((caseId) => deleteDatabase(localCopyName(userId, caseId))));
}

/** The cases this person keeps a copy of in this browser. */
export async function keptCaseIds(userId: string): Promise<string[]> {
  const prefix = userPrefix(userId);
  const databases = await indexedDB.databases();
  return databases.flatMap(({ name }) => (name?.startsWith(prefix) ? [decodeURIComponent(name.slice(prefix.length))] : []));
}

/**
 * Deletes the copies of cases this person may no longer open (access revoked while the case's page
 * was not open here): the copy must not outlive the access. `kept` is read before the list of
 * cases was asked for, so a case opened since is never taken for a lost one. Says whether some of
 * them held edits the server never got (they went with the copy, as the server would refuse them).
 */
export async function forgetCopiesOfLostCases(userId: string, kept: string[], listed: string[]): Promise<{ unsentDeleted: boolean }> {
  const open = new Set(listed);
  const lost = kept.filter((caseId) => !open.has(caseId));
  const unsent = new Set(casesWithUnsentEdits(userId));
  await Promise.all(lost.map((caseId) => forgetLocalCopy(userId, caseId)));
  return { unsentDeleted: lost.some((caseId) => unsent.has(caseId)) };
}
