import * as Y from 'yjs';

/**
 * Merges a snapshot and its following updates into one update, through a doc so that deleted
 * content is garbage-collected (Y.mergeUpdates would keep every tombstone's content).
 */
export function foldUpdates(updates: readonly Uint8Array[]): Uint8Array {
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
