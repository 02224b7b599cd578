import type { Editor } from '@tiptap/core';

/**
 * Runs `run` once the IME conversion under way in `editor` has ended and the editor has taken in
 * its text (ProseMirror does, a microtask after compositionend); at once when none is under way.
 * Returns what calls it off, if it has not run yet.
 */
export function afterComposition(editor: Editor, run: () => void): () => void {
  if (!editor.view.composing) {
    run();
    return () => {};
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ended = () => (timer = setTimeout(() => editor.isDestroyed || run()));
  editor.view.dom.addEventListener('compositionend', ended, { once: true });
  return () => {
    editor.view.dom.removeEventListener('compositionend', ended);
    clearTimeout(timer);
  };
}
