import type { PresenceUser } from '@care/schema';
import type { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { type ReactNode, useEffect, useState } from 'react';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { afterComposition } from './after-composition.ts';
import { CaretBeforeKeys } from './caret-before-keys.ts';
import { BlockChangeMerge } from './block-change-merge.ts';
import { ConversionHistory } from './conversion-history.ts';
import { FirstParagraph } from './first-paragraph.ts';
import { FormatToolbar } from './FormatToolbar.tsx';
import { PastedContent } from './pasted-content.ts';
import { UndoCaret } from './undo-caret.ts';

/**
 * A caret label reads 「氏名・所属機関」 so everyone sees who is typing and for which agency. The
 * widget holds no text and no block: the label is drawn by CSS from data-label. When Chrome does an
 * edit itself next to the caret (a join of two paragraphs pressed before ProseMirror saw the caret
 * move), it copied the label's text out of the widget into the paragraph, and ProseMirror took it
 * in as the case's text, for everyone.
 */
function renderCaret(user: Record<string, string>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = user.color ?? '#888';
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = user.color ?? '#888';
  label.dataset.label = `${user.name ?? ''}・${user.agency ?? ''}`;
  caret.append(label);
  return caret;
}

export type RichTextProps = {
  connection: CaseConnection;
  user: PresenceUser;
  /** The case doc's Y.XmlFragment this edits (CaseDocField.summary, conferenceNotesField(id)). */
  field: string;
  /** The editor's accessible name. */
  label: string;
  /** Its formatting toolbar's (distinct for each editor on a page). */
  toolbarLabel: string;
  /** What goes here, shown while it is empty to those who may edit it. */
  placeholder: string;
  /** False shows the text read-only, without the toolbar; the server refuses such writes anyway. */
  editable: boolean;
  /** Offered above the toolbar to those who may edit (e.g. the summary's section headings). */
  extra?: (editor: Editor) => ReactNode;
};

/**
 * Rich text everyone in the case edits together (Tiptap bound to the case doc through Yjs), with
 * the others' carets. Several can be on one page: each binds its own fragment, and each caret
 * is shown only in the text it is in.
 */
export function RichTextEditor({ connection, user, field, label, toolbarLabel, placeholder, editable, extra }: RichTextProps) {
  /** What the last paste could not take as it came (a table, an image). */
  const [pasteNotice, setPasteNotice] = useState<string>();
  const editor = useEditor(
    {
      extensions: [
        // History comes from Yjs (per-user undo), not from ProseMirror's own stack.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: connection.doc, field }),
        CollaborationCaret.configure({ provider: connection.provider, user, render: renderCaret }),
        Placeholder.configure({ placeholder }), // shown only while editable
        PastedContent.configure({ onNotice: setPasteNotice }),
        CaretBeforeKeys,
        BlockChangeMerge,
        ConversionHistory,
        UndoCaret,
        FirstParagraph,
      ],
      editable,
      editorProps: { attributes: { 'aria-label': label, class: 'summary-editor' } },
    },
    [connection, field],
  );
  useEffect(() => {
    if (!editor || editor.isEditable === editable) return;
    // Made read-only (its conference closed) in the middle of an IME composition: the conversion
    // is the writer's last words, which the server still takes a moment after a close. ProseMirror
    // takes it in right after compositionend (a microtask); read-only follows.
    if (!editable) return afterComposition(editor, () => editor.setEditable(false));
    editor.setEditable(true);
  }, [editor, editable]);
  return (
    <>
      {/* Before the toolbar, so Shift+Tab from the editor still reaches the toolbar first. */}
      {editor && editable && extra?.(editor)}
      {editor && editable && <FormatToolbar editor={editor} label={toolbarLabel} />}
      <EditorContent editor={editor} />
      {editable && pasteNotice && (
        <p role="status" className="paste-notice">
          {pasteNotice}
        </p>
      )}
    </>
  );
}
