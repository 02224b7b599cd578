// Plain JavaScript: the SQLite background thread (sqlite-background-thread.worker.js) folds with it too;
// TypeScript code imports it through fold-updates.ts.
import * as Y from 'yjs';

/**
 * Merges a snapshot and its following updates into one update, through a doc so that deleted
 * content is garbage-collected (Y.mergeUpdates would keep every tombstone's content).
 * @param {readonly Uint8Array[]} updates
 * @returns {Uint8Array}
 */
export function foldUpdates(updates) {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
