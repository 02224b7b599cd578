import { Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Plugin, Selection } from '@tiptap/pm/state';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';

/** Where `after` differs from `before`: from where in both, to where in `after`; undefined if it does not. */
function changedRange(before: Node, after: Node): { from: number; to: number } | undefined {
  const from = before.content.findDiffStart(after.content);
  if (from === null) return undefined;
  const end = before.content.findDiffEnd(after.content)!;
  // Text repeated around the change (「ああ」 from 「あ」) matches the end before its start: past it, as ProseMirror reads it.
  return { from, to: end.a < from ? end.b + from - end.a : Math.max(from, end.b) };
}

/**
 * Undo leaves the caret where the undone text was, redo after the redone text, as an editor's own
 * history does. y-tiptap draws an undo or redo as the doc anew and keeps the caret where it was:
 * redone text came back on its left, and an undo from elsewhere left it there. An undo that keeps
 * the caret within what it changed (a heading undone where one is writing) leaves it be.
 *
 * y-tiptap also hands over, when a step is undone or redone, the selection from before it, to be
 * put back; but Yjs tells of the step only once it is done, so it was put back at the next change
 * to the text instead (a colleague's), by its position then, which their edits meanwhile may have
 * put past the end: drawing that change threw, and the screen went on without it. It is dropped.
 */
export const UndoCaret = Extension.create({
  name: 'undoCaret',
  addProseMirrorPlugins: () => [
    new Plugin({
      view: (view) => {
        const undo: UndoManager = yUndoPluginKey.getState(view.state).undoManager;
        // After y-tiptap's own listener (its plugin's view is made before this one).
        const drop = () => {
          const binding = ySyncPluginKey.getState(view.state)?.binding;
          if (binding) binding.beforeTransactionSelection = null;
        };
        undo.on('stack-item-popped', drop);
        return { destroy: () => undo.off('stack-item-popped', drop) };
      },
      appendTransaction: (transactions, before, after) => {
        const undo: UndoManager = yUndoPluginKey.getState(after).undoManager;
        if (!(undo.undoing || undo.redoing) || !transactions.some((tr) => tr.getMeta(ySyncPluginKey)?.isUndoRedoOperation)) return null;
        const range = changedRange(before.doc, after.doc);
        if (!range) return null;
        const { from, to } = after.selection;
        if (undo.undoing && from >= range.from && to <= range.to) return null;
        const caret = undo.undoing ? Selection.near(after.doc.resolve(range.from)) : Selection.near(after.doc.resolve(range.to), -1);
        return after.tr.setSelection(caret);
      },
    }),
  ],
});
