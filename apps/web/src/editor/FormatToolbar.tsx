import type { ChainedCommands, Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';

type Format = {
  label: string;
  /** Keyboard shortcut, shown in the button's tooltip (the editor already has them). */
  keys: string;
  run: (chain: ChainedCommands) => ChainedCommands;
  /** Whether the selection already has this format (shown as a pressed button); undefined: an action, not a format. */
  isActive?: (editor: Editor) => boolean;
};

/**
 * What staff format a case summary with: headings for its sections (本人の状況, 課題, 支援方針…),
 * lists for facts and agreements, bold for what must not be missed. Undo takes back only this
 * person's own edits (Yjs), never what others typed meanwhile.
 */
const formats: Format[] = [
  { label: '見出し', keys: 'Ctrl+Alt+2', run: (c) => c.toggleHeading({ level: 2 }), isActive: (e) => e.isActive('heading', { level: 2 }) },
  { label: '小見出し', keys: 'Ctrl+Alt+3', run: (c) => c.toggleHeading({ level: 3 }), isActive: (e) => e.isActive('heading', { level: 3 }) },
  { label: '太字', keys: 'Ctrl+B', run: (c) => c.toggleBold(), isActive: (e) => e.isActive('bold') },
  { label: '箇条書き', keys: 'Ctrl+Shift+8', run: (c) => c.toggleBulletList(), isActive: (e) => e.isActive('bulletList') },
  { label: '番号付きリスト', keys: 'Ctrl+Shift+7', run: (c) => c.toggleOrderedList(), isActive: (e) => e.isActive('orderedList') },
  { label: '元に戻す', keys: 'Ctrl+Z', run: (c) => c.undo() },
  { label: 'やり直す', keys: 'Ctrl+Y', run: (c) => c.redo() },
];

/** The summary editor's formatting buttons, each disabled where it cannot apply (undo with nothing to undo, …). */
export function FormatToolbar({ editor }: { editor: Editor }) {
  // Re-rendered on every transaction of the editor, but only when a button's state changes.
  const states = useEditorState({
    editor,
    selector: ({ editor }) =>
      formats.map((format) => ({
        enabled: format.run(editor.can().chain().focus()).run(),
        pressed: format.isActive?.(editor),
      })),
    equalityFn: (a, b) => b !== null && a.every((state, i) => state.enabled === b[i]!.enabled && state.pressed === b[i]!.pressed),
  });
  return (
    <div role="toolbar" aria-label="書式" className="format-toolbar">
      {formats.map((format, i) => (
        <button
          key={format.label}
          type="button"
          className="secondary"
          title={`${format.label}（${format.keys}）`}
          aria-pressed={states[i]!.pressed}
          disabled={!states[i]!.enabled}
          // Keeps the caret (and an IME composition) in the editor: the click must not take focus.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => format.run(editor.chain().focus()).run()}
        >
          {format.label}
        </button>
      ))}
    </div>
  );
}
