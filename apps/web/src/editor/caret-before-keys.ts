import { Extension } from '@tiptap/core';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Before a key acts, the editor takes its caret from where the page shows it. ProseMirror learns
 * that the caret moved (a click, Ctrl+End, Home) from a selectionchange event the browser sends a
 * moment later, so a key pressed before it acted at the old caret: Enter split the text elsewhere,
 * and a Backspace it took for deleting a character was left to the browser, which joined two
 * paragraphs by itself. Keys come that fast from a loaded machine, or from a test.
 */
export const CaretBeforeKeys = Extension.create({
  name: 'caretBeforeKeys',
  priority: 10_000, // before every keymap
  addProseMirrorPlugins: () => [new Plugin({ props: { handleKeyDown: (view, event) => (actsAtShownCaret(event) && takeShownCaret(view), false) } })],
});

/**
 * Whether the key is one yet to act where the page shows the caret: one really pressed
 * (isTrusted), not one the IME takes while converting (isComposing). A key the IME took that is
 * not converting (keyCode 229 without isComposing) counts: Android's keyboards send every key so,
 * and the first key of a conversion comes so; the browser acts on it at the shown caret, and
 * ProseMirror then reads that edit against its own (Android's Backspace that joins paragraphs).
 * (Safari's Enter or Esc that ends a conversion, also 229 without isComposing, ProseMirror keeps
 * to itself; the caret shown is then where the conversion ended, which it has taken in.) Not the
 * Enter and Backspace ProseMirror makes up itself: on Android and iOS it leaves those keys to the
 * browser and, seeing a new paragraph or a join in the page, runs the editor's own instead; the
 * caret shown is then already in the paragraph the browser made, past the key's place.
 */
export function actsAtShownCaret(event: Pick<KeyboardEvent, 'isTrusted' | 'isComposing'>): boolean {
  return event.isTrusted && !event.isComposing;
}

function takeShownCaret(view: EditorView): void {
  const { selection, doc } = view.state;
  const shown = view.dom.ownerDocument.getSelection();
  // Only a caret (a range is the browser's and ProseMirror's alike), in the text, not in a colleague's caret.
  if (view.composing || !(selection instanceof TextSelection) || !shown?.isCollapsed || !shown.focusNode) return;
  if (!view.dom.contains(shown.focusNode) || shown.focusNode.parentElement?.closest('[contenteditable="false"]')) return;
  let at: number;
  try {
    at = view.posAtDOM(shown.focusNode, shown.focusOffset);
  } catch {
    return; // not a position in the doc
  }
  if (selection.empty && selection.head === at) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.near(doc.resolve(at))));
}
