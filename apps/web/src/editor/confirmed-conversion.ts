import { Extension } from '@tiptap/core';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, type ProsemirrorBinding, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** The last kana-to-kanji conversion confirmed here: in `text`, `confirmed` stands between `before` and `after`. */
type Conversion = { text: Y.XmlText; before: string; confirmed: string; after: string; start: Y.RelativePosition };

/**
 * A colleague who makes a paragraph a heading or a list item while one converts kana in it keeps
 * the kanji: they go where the kana were in the new block.
 *
 * Why: the kana go out as typed, so the colleague's heading is made of 「…ひとりぐらし…」. The editor
 * binding (y-tiptap) cannot rename a block in the doc: it inserts a new one with the text the
 * colleague saw, and deletes the old one or empties it (a paragraph kept below). The kanji confirmed
 * here went into the old one, so they were lost, or stood alone in a paragraph below the heading, for
 * everyone. Only this browser knows the conversion, so it alone moves the kanji over, in one change
 * that goes out to the others as any edit does. It does so whenever the colleague's change comes,
 * held while the conversion was open or arriving after it was confirmed.
 */
export const ConfirmedConversionKept = Extension.create({
  name: 'confirmedConversionKept',
  addProseMirrorPlugins: () => [new Plugin({ view: keepConfirmedConversions })],
});

function keepConfirmedConversions(view: EditorView) {
  const binding = ySyncPluginKey.getState(view.state)?.binding as ProsemirrorBinding | undefined;
  if (!binding) return {};
  let last: Conversion | undefined;
  const confirmed = (event: Event) => {
    const text = (event as CompositionEvent).data;
    // ProseMirror takes in the confirmed text a microtask after compositionend (the others' held changes come a task later).
    queueMicrotask(() => (last = text ? conversionBefore(view, binding, text) : undefined));
  };
  const changed = (transaction: Y.Transaction) => {
    if (!last || (!last.text._item?.deleted && plainText(last.text) === last.before + last.confirmed + last.after)) return;
    const conversion = last;
    last = undefined; // edited since: that edit knew the kanji
    // After y-tiptap has drawn the change (it observes the doc before this event).
    if (!transaction.local) queueMicrotask(() => moveToCopy(view, binding, conversion, transaction));
  };
  view.dom.addEventListener('compositionend', confirmed);
  binding.doc.on('afterTransaction', changed);
  return {
    destroy: () => {
      view.dom.removeEventListener('compositionend', confirmed);
      binding.doc.off('afterTransaction', changed);
    },
  };
}

/** The conversion just confirmed, which ends at the caret. */
function conversionBefore(view: EditorView, binding: ProsemirrorBinding, confirmed: string): Conversion | undefined {
  const { empty, $head } = view.state.selection;
  if (!empty || !$head.parent.textBetween(0, $head.parentOffset).endsWith(confirmed)) return undefined;
  const start = absolutePositionToRelativePosition($head.pos - confirmed.length, binding.type, binding.mapping) as Y.RelativePosition;
  const at = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  if (!(at?.type instanceof Y.XmlText)) return undefined;
  const text = plainText(at.type);
  if (text.slice(at.index, at.index + confirmed.length) !== confirmed) return undefined;
  return { text: at.type, before: text.slice(0, at.index), confirmed, after: text.slice(at.index + confirmed.length), start };
}

/**
 * If `transaction` (a colleague's) put the conversion's text into a new block as it was before
 * the confirmation, puts the confirmed text there in place of what stood for it, and takes it out
 * of where it was left.
 */
function moveToCopy(view: EditorView, binding: ProsemirrorBinding, conversion: Conversion, transaction: Y.Transaction): void {
  const { text, before, confirmed, after, start } = conversion;
  const isNew = (type: Y.XmlText) => !!type._item && type._item.id.clock >= (transaction.beforeState.get(type._item.id.client) ?? 0);
  const holdsCopy = (type: Y.AbstractType<unknown>) => {
    if (!(type instanceof Y.XmlText) || type === text || !isNew(type)) return false;
    const copied = plainText(type);
    return copied.length >= before.length + after.length && copied.startsWith(before) && copied.endsWith(after) && copied !== before + confirmed + after;
  };
  const copy = binding.type.createTreeWalker(holdsCopy).next().value as Y.XmlText | undefined;
  if (!copy) return;
  const unconfirmed = plainText(copy).slice(before.length, copy.length - after.length);

  const left = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  const leftBehind = !!left && left.type === text && !text._item?.deleted && plainText(text).startsWith(confirmed, left.index);
  const caretAfterLeft = leftBehind && view.state.selection.empty && view.state.selection.head === pmPosition(binding, text, left.index + confirmed.length);
  binding.doc.transact(() => {
    const format = formatAt(copy, before.length);
    copy.delete(before.length, unconfirmed.length);
    copy.insert(before.length, confirmed, unconfirmed ? format : undefined);
    if (leftBehind) text.delete(left.index, confirmed.length);
  }, ConfirmedConversionKept);
  const caret = caretAfterLeft ? pmPosition(binding, copy, before.length + confirmed.length) : null;
  if (caret !== null) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, caret)));
}

/** The editor's position for `index` in a text of the doc. */
function pmPosition(binding: ProsemirrorBinding, text: Y.XmlText, index: number): number | null {
  return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(text, index), binding.mapping);
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
