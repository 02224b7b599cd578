import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

/**
 * While the text is empty, offers its usual sections as headings, each over an empty paragraph,
 * and puts the caret under the first. One edit of the person who clicks, so 元に戻す takes it back.
 */
export function OutlineButton({ editor, sections, label }: { editor: Editor; sections: readonly string[]; label: string }) {
  const empty = useEditorState({ editor, selector: ({ editor }) => editor.isEmpty });
  if (!empty || sections.length === 0) return null;
  const insert = () =>
    editor
      .chain()
      .focus()
      .insertContent(sections.flatMap((title) => [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] }, { type: 'paragraph' }]))
      // Into the paragraph under the first heading: past its opening, its text and its closing.
      .setTextSelection(sections[0]!.length + 3)
      .run();
  return (
    <button type="button" className="secondary summary-outline" onMouseDown={(event) => event.preventDefault()} onClick={insert}>
      {label}（{sections.join('・')}）
    </button>
  );
}
