import { CaseDocField } from '@care/case-doc';
import type { PresenceUser } from '@care/schema';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import StarterKit from '@tiptap/starter-kit';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { FormatToolbar } from './FormatToolbar.tsx';
import { SummaryOutlineButton } from './SummaryOutline.tsx';

/** A caret label reads 「氏名・所属機関」 so everyone sees who is typing and for which agency. */
function renderCaret(user: Record<string, string>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = user.color ?? '#888';
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = user.color ?? '#888';
  label.textContent = `${user.name ?? ''}・${user.agency ?? ''}`;
  caret.append(label);
  return caret;
}

const SUMMARY_PLACEHOLDER = '本人の状況、課題、これまでの支援、今回検討したいことなどを書きます。';

/** `editable` false shows the summary read-only, without the toolbar (observers); the server refuses their writes anyway. */
export function SummaryEditor({ connection, user, editable = true }: { connection: CaseConnection; user: PresenceUser; editable?: boolean }) {
  const editor = useEditor(
    {
      extensions: [
        // History comes from Yjs (per-user undo), not from ProseMirror's own stack.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: connection.doc, field: CaseDocField.summary }),
        CollaborationCaret.configure({ provider: connection.provider, user, render: renderCaret }),
        // What goes here, while it is empty; not shown to those who may only read it.
        Placeholder.configure({ placeholder: SUMMARY_PLACEHOLDER }),
      ],
      editable,
      editorProps: { attributes: { 'aria-label': 'ケース概要', class: 'summary-editor' } },
    },
    [connection],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  return (
    <>
      {/* Before the toolbar, so Shift+Tab from the editor still reaches the toolbar first. */}
      {editor && editable && <SummaryOutlineButton editor={editor} />}
      {editor && editable && <FormatToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </>
  );
}
