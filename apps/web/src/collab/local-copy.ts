import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { forgetTypingOverSignIn } from '../conference/typing-over-sign-in.ts';
import { signedOutSinceSessionBegan } from '../identity/device-sign-outs.ts';
import { forgetKeptDiscards } from './kept-discard.ts';
import { casesWithUnsentEdits, forgetUnsentEdits } from './unsent-edits.ts';
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

/** Keeps `doc` in this browser and loads what an earlier visit kept into it. */
export function keepLocalCopy(userId: string, caseId: string, doc: Y.Doc): LocalCopy {
  const none = { loaded: Promise.resolve(), close: () => {} };
  // Signed out meanwhile (a tab that has not heard of it yet): that deleted every copy, none comes back.
  if (signedOutSinceSessionBegan()) return none;
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localCopyName(userId, caseId), doc);
  } catch {
    return none;
  }
  const loaded = new Promise<void>((resolve) => {
    persistence.whenSynced.then(() => resolve());
    persistence._db.then(
      // Another page deleting this copy (signing out, access revoked) must not wait for this one.
      (db) => (db.onversionchange = () => void persistence.destroy()),
      () => resolve(),
    );
  });
  return { loaded, close: () => void persistence.destroy() };
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
