import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

/** The sections a case summary usually has, as a 事例提供シート lays them out. */
export const SUMMARY_SECTIONS = ['本人の状況', '本人・家族の意向', '課題', 'これまでの支援', '検討したいこと'] as const;

/**
 * While the summary is empty, offers its usual sections as headings, each over an empty paragraph,
 * and puts the caret under the first. One edit of the person who clicks, so 元に戻す takes it back.
 */
export function SummaryOutlineButton({ editor }: { editor: Editor }) {
  const empty = useEditorState({ editor, selector: ({ editor }) => editor.isEmpty });
  if (!empty) return null;
  const insert = () =>
    editor
      .chain()
      .focus()
      .insertContent(SUMMARY_SECTIONS.flatMap((title) => [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] }, { type: 'paragraph' }]))
      // Into the paragraph under the first heading: past its opening, its text and its closing.
      .setTextSelection(SUMMARY_SECTIONS[0].length + 3)
      .run();
  return (
    <button type="button" className="secondary summary-outline" onMouseDown={(event) => event.preventDefault()} onClick={insert}>
      見出しのひな形を入れる（{SUMMARY_SECTIONS.join('・')}）
    </button>
  );
}
