import { incomingChange } from '@care/sync-client';
import { Extension } from '@tiptap/core';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, type ProsemirrorBinding, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * What one typed here and a colleague made a heading or a list item without having seen it stays,
 * in the heading or list item: text added offline or within the network's delay, and kanji
 * confirmed from kana the colleague saw (which replace those kana).
 *
 * Why: the editor binding (y-tiptap) cannot rename a block in the doc. The colleague's change
 * inserts a new block with the text they saw and deletes the old one, or empties it (a paragraph
 * kept last). What one typed there meanwhile went with the old block: lost, or left alone in the
 * paragraph below, for everyone. The change's own delete set tells what the colleague saw there
 * (all they deleted); this browser, which typed the rest, redoes its edits of that text in the new
 * block, in one change that goes out as any edit does. Only the browser whose typing it is acts
 * (others holding it converge by receiving that change), so nothing is added twice.
 */
export const BlockChangeMerge = Extension.create({
  name: 'blockChangeMerge',
  addProseMirrorPlugins: () => [new Plugin({ view: mergeBlockChanges })],
});

/** What a change deleted, as decodeUpdate reads it. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
/** A stretch of an old block's text: the colleague saw it (kept, or deleted here since) or did not (typed here). */
type Piece = { kind: 'kept' | 'deletedHere' | 'typedHere'; text: string; at: Y.Item };
/** A block's text the colleague remade elsewhere, and what was done to it here that they did not see. */
type Remade = { old: Y.XmlText; seen: string; pieces: Piece[]; caret?: Caret };
/** Where the caret stood in an old text: `offset` characters into a piece's `item`, or (no item) at the start (0) or the end (∞). */
type Caret = { item: Y.Item | null; offset: number };

function mergeBlockChanges(view: EditorView) {
  const binding = ySyncPluginKey.getState(view.state)?.binding as ProsemirrorBinding | undefined;
  if (!binding) return {};
  let caret: Y.RelativePosition | undefined;
  const before = (transaction: Y.Transaction) => {
    caret = transaction.local || !view.state.selection.empty ? undefined : (absolutePositionToRelativePosition(view.state.selection.head, binding.type, binding.mapping) as Y.RelativePosition);
  };
  const after = (transaction: Y.Transaction) => {
    const change = incomingChange(transaction);
    if (!change) return;
    const removedFrom = textsRemoved(binding, transaction);
    if (removedFrom.length === 0) return; // most changes (typing) delete nothing: no need to decode them
    const theirDeletions = Y.decodeUpdate(change).ds;
    // Read now: the doc drops deleted text after this event.
    const remade = removedFrom.flatMap((old) => {
      const found = remadeText(binding, transaction, theirDeletions, old, caret);
      return found ? [found] : [];
    });
    // After y-tiptap has drawn the change (it observes the doc before this event).
    if (remade.length > 0) queueMicrotask(() => redo(view, binding, transaction, remade));
  };
  binding.doc.on('beforeTransaction', before);
  binding.doc.on('afterTransaction', after);
  return {
    destroy: () => {
      binding.doc.off('beforeTransaction', before);
      binding.doc.off('afterTransaction', after);
    },
  };
}

/** The editor's texts of which `transaction` deleted something. */
function textsRemoved(binding: ProsemirrorBinding, transaction: Y.Transaction): Y.XmlText[] {
  const texts = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent instanceof Y.XmlText && within(struct.parent, binding.type)) texts.add(struct.parent);
  });
  return [...texts];
}

function within(type: Y.AbstractType<any>, root: Y.AbstractType<any>): boolean {
  for (let at: Y.AbstractType<any> | null = type; at; at = (at._item?.parent as Y.AbstractType<any> | undefined) ?? null) if (at === root) return true;
  return false;
}

/**
 * If the colleague deleted all they saw of `old` (its block, or its text when the block was kept)
 * and this browser typed or deleted there what they did not see: the pieces of `old` (in order).
 */
function remadeText(binding: ProsemirrorBinding, transaction: Y.Transaction, theirDeletions: DeleteSet, old: Y.XmlText, caretAt?: Y.RelativePosition): Remade | undefined {
  const existed = (item: Y.Item) => item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
  const pieces: Piece[] = [];
  let leftOver = false;
  let caret: Caret | undefined;
  for (let item = old._start; item; item = item.right) {
    if (!item.countable) continue;
    const shownBefore = existed(item) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
    const seen = Y.isDeleted(theirDeletions, item.id);
    const kind = seen ? (shownBefore ? 'kept' : 'deletedHere') : shownBefore && item.id.client === binding.doc.clientID ? 'typedHere' : undefined;
    if (!kind) {
      if (!item.deleted) leftOver = true;
      continue;
    }
    if (!(item.content instanceof Y.ContentString)) return undefined; // only text is moved
    if (kind === 'kept' && !item.deleted) leftOver = true;
    if (caretAt?.item && caretAt.item.client === item.id.client && caretAt.item.clock >= item.id.clock && caretAt.item.clock < item.id.clock + item.length) {
      caret = { item, offset: caretAt.item.clock - item.id.clock + (caretAt.assoc < 0 ? 1 : 0) }; // assoc < 0: after that character
    }
    pieces.push({ kind, text: item.content.str, at: item });
  }
  const oldDeleted = !!old._item && old._item.deleted && Y.isDeleted(transaction.deleteSet, old._item.id);
  if (!pieces.some(({ kind }) => kind !== 'kept') || (!oldDeleted && leftOver)) return undefined;
  if (!caret && caretAt && !caretAt.item && old._item && caretAt.type?.client === old._item.id.client && caretAt.type.clock === old._item.id.clock) {
    caret = { item: null, offset: caretAt.assoc < 0 ? 0 : Number.POSITIVE_INFINITY }; // the start, or the end
  }
  const seen = pieces.flatMap(({ kind, text }) => (kind === 'typedHere' ? [] : [text])).join('');
  return seen ? { old, seen, pieces, caret } : undefined;
}

/** Redoes this browser's edits of each remade text in the new text that `transaction` made of it. */
function redo(view: EditorView, binding: ProsemirrorBinding, transaction: Y.Transaction, remade: Remade[]): void {
  const isNew = (type: Y.XmlText) => !!type._item && !type._item.deleted && type._item.id.clock >= (transaction.beforeState.get(type._item.id.client) ?? 0);
  let caret: { text: Y.XmlText; index: number } | undefined;
  binding.doc.transact(() => {
    for (const { old, seen, pieces, caret: caretIn } of remade) {
      // A block kept (the last) was emptied by a change that made the block before it; text kept
      // there can also be what the colleague saw and left, so only that shape counts.
      const kept = !old._item?.deleted;
      const isCopy = (type: Y.AbstractType<any>) =>
        type instanceof Y.XmlText && type !== old && isNew(type) && plainText(type) === seen && (!kept || blockOf(binding, type) === blockOf(binding, old)?.prevSibling);
      const copy = binding.type.createTreeWalker(isCopy).next().value as Y.XmlText | undefined;
      if (!copy) continue;
      let index = 0;
      for (const { kind, text, at } of pieces) {
        if (caretIn?.item === at) caret = { text: copy, index: index + (kind === 'deletedHere' ? 0 : caretIn.offset) };
        if (kind === 'kept') index += text.length;
        else if (kind === 'deletedHere') copy.delete(index, text.length);
        else {
          copy.insert(index, text, formatAt(copy, Math.max(index - 1, 0)));
          index += text.length;
        }
      }
      if (caretIn && caretIn.item === null) caret = { text: copy, index: Math.min(caretIn.offset, index) };
      if (kept) old.delete(0, old.length); // holding only what was typed here
    }
  }, BlockChangeMerge);
  const at = caret && relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(caret.text, caret.index), binding.mapping);
  if (at !== undefined && at !== null) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at)));
}

/** The top-level block (paragraph, heading, list, …) that holds `type`. */
function blockOf(binding: ProsemirrorBinding, type: Y.AbstractType<any>): Y.XmlElement | undefined {
  let at: Y.AbstractType<any> | undefined = type;
  while (at && at._item?.parent !== binding.type) at = at._item?.parent as Y.AbstractType<any> | undefined;
  return at instanceof Y.XmlElement ? at : undefined;
}

/** A text's characters without its formatting (XmlText.toString writes the formatting as tags); anything else counts one. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map(({ insert }) => (typeof insert === 'string' ? insert : '\uFFFC')).join('');
}

/** The formatting (bold, …) of the character at `index`. */
function formatAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let end = 0;
  for (const { insert, attributes } of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    end += typeof insert === 'string' ? insert.length : 1;
    if (index < end) return attributes ?? {};
  }
  return {};
}
