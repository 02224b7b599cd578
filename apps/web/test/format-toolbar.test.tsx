// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it, vi } from 'vitest';
import { FormatToolbar } from '../src/editor/FormatToolbar.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it('asks the editor what its buttons can do again when the text or the selection changes, not at each caret another moves', async () => {
  const editor = new Editor({ element: document.createElement('div'), extensions: [StarterKit], content: '<p>本人は一人暮らし</p>' });
  const root = createRoot(document.createElement('div'));
  await act(async () => root.render(<FormatToolbar editor={editor} label="書式" />));
  const asked = vi.spyOn(editor, 'can');

  // What another participant's caret moving is to this editor: a transaction that changes nothing of its own.
  for (let moved = 0; moved < 5; moved++) await act(async () => editor.view.dispatch(editor.state.tr.setMeta('y-sync$', { awarenessUpdated: true })));
  expect(asked).not.toHaveBeenCalled();

  await act(async () => void editor.commands.insertContentAt(1, '母'));
  expect(asked).toHaveBeenCalled();
  asked.mockClear();
  await act(async () => void editor.commands.setTextSelection(3));
  expect(asked).toHaveBeenCalled();

  await act(async () => root.unmount());
  editor.destroy();
});
