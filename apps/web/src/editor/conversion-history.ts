import { Extension, type Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { UndoManager } from 'yjs';
import { afterComposition } from './after-composition.ts';

/**
 * Runs `run` (undo, redo) once the IME conversion under way in `editor`, if any, is committed as it
 * stands and taken in, so that it is the last step, taken back whole. A focus that leaves the text
 * commits a conversion in every browser (and tells the IME); the toolbar keeps the focus in the
 * editor, so the editor lets it go for a moment, and `run` brings it back. Run in the middle of the
 * conversion instead, undo took its kana out under the IME, which put them back at the next key.
 */
export function afterConversionCommitted(editor: Editor, run: () => void): void {
  afterComposition(editor, run);
  if (editor.view.composing) editor.view.dom.blur();
}

/** The editor's Yjs undo manager (y-tiptap's): this person's own edits of its text. */
export const undoManager = (view: EditorView): UndoManager => yUndoPluginKey.getState(view.state).undoManager;

/**
 * Undo and redo (Yjs: this person's edits only) that treat an IME conversion as one step, as
 * ProseMirror's own history does: its kana and candidates reach the doc one by one, seconds apart,
 * and Yjs's undo groups edits only within half a second, so an undo after 漢字 left 「かんじ」 or
 * 「かん」. The browser's own undo (Ctrl+Z while converting, which the editor's keys do not see,
 * or 元に戻す in the browser's menus) would rewrite the page behind Yjs: it runs Yjs's instead.
 */
export const ConversionHistory = Extension.create({
  name: 'conversionHistory',
  addProseMirrorPlugins() {
    const editor = this.editor;
    let timeout: number | undefined;
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            compositionstart: (view) => {
              const undo = undoManager(view);
              if (timeout === undefined) timeout = undo.captureTimeout;
              undo.stopCapturing(); // a step of its own
              undo.captureTimeout = Number.POSITIVE_INFINITY;
              return false;
            },
            compositionend: (view) => {
              // Its text is taken in a microtask after compositionend; the next conversion may have started by then.
              setTimeout(() => {
                if (view.composing || timeout === undefined || editor.isDestroyed) return;
                const undo = undoManager(view);
                undo.captureTimeout = timeout;
                timeout = undefined;
                // A step of its own here too: a heading or list asked for during it is made right after
                // (afterComposition's timeout, set later than this one), and joined it within half a second.
                undo.stopCapturing();
              });
              return false;
            },
            beforeinput: (_view, event) => {
              const command = event.inputType === 'historyUndo' ? 'undo' : event.inputType === 'historyRedo' ? 'redo' : undefined;
              if (!command) return false;
              event.preventDefault();
              afterConversionCommitted(editor, () => void editor.chain().focus()[command]().run());
              return true;
            },
          },
        },
      }),
    ];
  },
});
