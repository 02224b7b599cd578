import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { type ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * An empty text's line, which the editor shows but the Yjs fragment does not hold, is written to it
 * before one's first edit there, as no undo step: else that edit made the line, and undoing it took
 * the line out of the fragment, the editor showed an empty line again and wrote it back (as no
 * step), and redo put the edit's own line back after it (「\n本人：」 for 「本人：」).
 */
export const FirstParagraph = Extension.create({
  name: 'firstParagraph',
  addProseMirrorPlugins: () => [
    new Plugin({
      // Before y-tiptap writes the edit (after the state is applied, as the view updates).
      appendTransaction: (transactions, before) => {
        const binding = ySyncPluginKey.getState(before)?.binding as ProsemirrorBinding | undefined;
        const local = transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey) && tr.getMeta('addToHistory') !== false);
        if (!binding || !local || binding.type.length > 0 || !before.doc.eq(before.doc.type.createAndFill()!)) return null;
        binding.mux(() =>
          binding.doc.transact((tr) => {
            tr.meta.set('addToHistory', false);
            binding._prosemirrorChanged(before.doc);
          }, ySyncPluginKey),
        );
        return null;
      },
    }),
  ],
});
