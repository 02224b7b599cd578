import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { forgetKeptDiscards } from './kept-discard.ts';
import { forgetUnsentEdits } from './unsent-edits.ts';

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
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localCopyName(userId, caseId), doc);
  } catch {
    return { loaded: Promise.resolve(), close: () => {} };
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
  return deleteDatabase(localCopyName(userId, caseId));
}

/** Deletes every case this person kept in this browser (on signing out). */
export async function forgetLocalCopies(userId: string): Promise<void> {
  forgetUnsentEdits(userId);
  forgetKeptDiscards(userId);
  const prefix = userPrefix(userId);
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.flatMap(({ name }) => (name?.startsWith(prefix) ? [deleteDatabase(name)] : [])),
  );
}
