import * as Y from 'yjs';

/**
 * One's undo steps through a colleague's change that deleted text and wrote it anew elsewhere
 * (block-change-merge.ts): Yjs's steps name the characters they would take out or bring back by
 * their ids, and the text written anew has other ids (the colleague's), so a step whose characters
 * all went found nothing of its own left, and Yjs took back the step before it instead, elsewhere
 * in the text. By character: Yjs stores what was typed in one go, steps apart, as one item.
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
    const taken = copiesOf(old, copies, (id) => Y.isDeleted(step.insertions, id));
    if (taken.length > 0) step.insertions = Y.mergeDeleteSets([step.insertions, deleteSetOf(taken.map(([, copy]) => copy))]);
  }
}

/** Whether `step` would bring back the character `id` (one's deletion): not one it also typed (kana an IME replaced), as Yjs reads a step. */
const bringsBack = (step: StackItem, id: Y.ID) => Y.isDeleted(step.deletions, id) && !Y.isDeleted(step.insertions, id);

/** Whether an undo step would bring back the character `id`. */
export const undoBringsBack = (undo: Y.UndoManager, id: Y.ID) => undo.undoStack.some((step) => bringsBack(step, id));

/**
 * Each undo step that would bring back characters of `old` (one's deletion, where the text was)
 * brings back instead their `copies`, deleted where it was written anew (Yjs brings a character
 * back where it was, in the text it was in). Call it in the transaction that deleted `copies`:
 * Yjs drops a deleted character's content at its end unless it is kept.
 */
export function undoBringsBackCopies(undo: Y.UndoManager, old: Y.ID[], copies: Y.ID[]): void {
  for (const step of undo.undoStack) {
    const brought = copiesOf(old, copies, (id) => bringsBack(step, id));
    if (brought.length === 0) continue;
    for (const [, copy] of brought) Y.getItem(undo.doc.store, copy).keep = true;
    step.deletions = Y.mergeDeleteSets([without(step.deletions, brought.map(([id]) => id)), deleteSetOf(brought.map(([, copy]) => copy))]);
  }
}

/** Each character of `old` that `holds`, with its copy (one for one). */
const copiesOf = (old: Y.ID[], copies: Y.ID[], holds: (id: Y.ID) => boolean): [Y.ID, Y.ID][] => old.flatMap((id, i) => (copies[i] && holds(id) ? [[id, copies[i]] as [Y.ID, Y.ID]] : []));

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type StackItem = Y.UndoManager['undoStack'][number];

function deleteSetOf(ids: Y.ID[]): DeleteSet {
  const set = Y.createDeleteSet();
  for (const { client, clock } of ids) {
    if (!set.clients.has(client)) set.clients.set(client, []);
    set.clients.get(client)!.push({ clock, len: 1 });
  }
  return Y.mergeDeleteSets([set]); // sorted, and neighbours merged
}

/** `set` without the characters `ids`. */
function without(set: DeleteSet, ids: Y.ID[]): DeleteSet {
  const out = new Set(ids.map(({ client, clock }) => `${client}:${clock}`));
  const kept: Y.ID[] = [];
  for (const [client, ranges] of set.clients) for (const { clock, len } of ranges) for (let at = clock; at < clock + len; at++) if (!out.has(`${client}:${at}`)) kept.push(Y.createID(client, at));
  return deleteSetOf(kept);
}
