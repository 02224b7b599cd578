import { docFromState } from '@care/case-doc';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo } from 'react';

function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Rich text of a record (the case summary, a conference's 検討内容) exactly as the record holds it:
 * the record's own Yjs state rendered by the same editor schema as the live page, with editing
 * switched off. Nothing here is connected to the server.
 */
export function RecordedText({ state, field, label }: { state: string; field: string; label: string }) {
  const doc = useMemo(() => docFromState(decodeBase64(state)), [state]);
  useEffect(() => () => doc.destroy(), [doc]);
  const editor = useEditor(
    {
      editable: false,
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc, field })],
      editorProps: { attributes: { 'aria-label': label, 'aria-readonly': 'true', class: 'summary-editor summary-editor--readonly' } },
    },
    [doc, field],
  );
  return <EditorContent editor={editor} />;
}
