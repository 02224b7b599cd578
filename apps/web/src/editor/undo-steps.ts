import * as Y from 'yjs';

/**
 * One's undo steps through a colleague's change that deleted text and wrote it anew elsewhere
 * (block-change-merge.ts): Yjs's steps name the characters they would take out by their ids, and
 * the text written anew has other ids (the colleague's), so a step whose characters all went found
 * nothing of its own left, and Yjs took back the step before it instead, elsewhere in the text.
 * By character: Yjs stores what was typed in one go, steps apart, as one item.
 */

/** The id of each of the `length` characters from `index` in `text` (deleted ones not counted). */
export function idsAt(text: Y.XmlText, index: number, length: number): Y.ID[] {
  const ids: Y.ID[] = [];
  let at = 0;
  for (let item = text._start; item && at < index + length; item = item.right) {
    if (item.deleted || !item.countable) continue;
    for (let i = 0; i < item.length; i++, at++) if (at >= index && at < index + length) ids.push(Y.createID(item.id.client, item.id.clock + i));
  }
  return ids;
}

/** Whether an undo step would take out any of the characters `ids`. */
export const undoTakesOut = (undo: Y.UndoManager, ids: Y.ID[]) => ids.some((id) => undo.undoStack.some((step) => Y.isDeleted(step.insertions, id)));

/** Each undo step that would take out characters of `old` takes out those written anew for them too (`copies`, one for one). */
export function undoTakesOutCopies(undo: Y.UndoManager, old: Y.ID[], copies: Y.ID[]): void {
  for (const step of undo.undoStack) {
    const taken = Y.createDeleteSet();
    old.forEach((id, i) => {
      const copy = copies[i];
      if (copy && Y.isDeleted(step.insertions, id)) taken.clients.set(copy.client, [...(taken.clients.get(copy.client) ?? []), { clock: copy.clock, len: 1 }]);
    });
    if (taken.clients.size > 0) step.insertions = Y.mergeDeleteSets([step.insertions, taken]);
  }
}
