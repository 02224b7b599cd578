import type { ChainedCommands, Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { useEditorState } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';
import { type KeyboardEvent, useRef, useState } from 'react';
import { afterComposition } from './after-composition.ts';
import { afterConversionCommitted } from './conversion-history.ts';

type Format = {
  label: string;
  /** Keyboard shortcut, shown in the button's tooltip (the editor already has them). */
  keys: string;
  run: (chain: ChainedCommands) => ChainedCommands;
  /** Whether the selection already has this format (shown as a pressed button); undefined: an action, not a format. */
  isActive?: (editor: Editor) => boolean;
  /**
   * How it waits when asked for during an IME conversion (the click leaves it open); undefined: it
   * is applied at once. A block change (heading, list) is made once the conversion ends: made in the
   * middle of it, ProseMirror then put the kana typed so far back in front of the kanji, for
   * everyone. Undo and redo commit the conversion first (afterConversionCommitted).
   */
  wait?: (editor: Editor, run: () => void) => void;
};

/**
 * What staff format a case summary with: headings for its sections (本人の状況, 課題, 支援方針…),
 * lists for facts and agreements, bold for what must not be missed. Undo takes back only this
 * person's own edits (Yjs), never what others typed meanwhile.
 */
const formats: Format[] = [
  { label: '見出し', keys: 'Ctrl+Alt+2', run: (c) => c.toggleHeading({ level: 2 }), isActive: (e) => e.isActive('heading', { level: 2 }), wait: afterComposition },
  { label: '小見出し', keys: 'Ctrl+Alt+3', run: (c) => c.toggleHeading({ level: 3 }), isActive: (e) => e.isActive('heading', { level: 3 }), wait: afterComposition },
  { label: '太字', keys: 'Ctrl+B', run: (c) => c.toggleBold(), isActive: (e) => e.isActive('bold') },
  { label: '箇条書き', keys: 'Ctrl+Shift+8', run: (c) => c.toggleBulletList(), isActive: (e) => e.isActive('bulletList'), wait: afterComposition },
  { label: '番号付きリスト', keys: 'Ctrl+Shift+7', run: (c) => c.toggleOrderedList(), isActive: (e) => e.isActive('orderedList'), wait: afterComposition },
  { label: '元に戻す', keys: 'Ctrl+Z', run: (c) => c.undo(), wait: afterConversionCommitted },
  { label: 'やり直す', keys: 'Ctrl+Y', run: (c) => c.redo(), wait: afterConversionCommitted },
];

type ButtonState = { enabled: boolean; pressed: boolean | undefined };
type ReadStates = { state: EditorState; history: string; states: ButtonState[] };

/** How much there is to undo and redo: Yjs's stacks change after the transaction that changes the text (none without Yjs). */
function historyOf(state: EditorState): string {
  const manager = (yUndoPluginKey.getState(state) as { undoManager: UndoManager } | undefined)?.undoManager;
  return `${manager?.undoStack.length}/${manager?.redoStack.length}`;
}

/**
 * What each button shows, asked of the editor (a dry run of each command) only when what it depends
 * on changed: the text, what there is to undo or redo, the selection and the marks to come.
 * Another participant's caret moving is a transaction that changes none of them; asked at each, it
 * took a fifth of the time a page spent on others' typing in a conference of 11.
 */
function statesOf(editor: Editor, read: ReadStates | undefined): ReadStates {
  const { state } = editor;
  const history = historyOf(state);
  const unchanged =
    read && read.state.doc === state.doc && read.history === history && read.state.selection.eq(state.selection) && read.state.storedMarks === state.storedMarks;
  if (unchanged) return read;
  const states = formats.map((format) => ({ enabled: format.run(editor.can().chain().focus()).run(), pressed: format.isActive?.(editor) }));
  return { state, history, states };
}

/** Keys that move between the buttons (WAI-ARIA toolbar): by one, or to either end. */
const moves: Record<string, (position: number, count: number) => number> = {
  ArrowRight: (position, count) => (position + 1) % count,
  ArrowLeft: (position, count) => (position - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * A rich-text editor's formatting buttons (the toolbar named `label`), each disabled where it
 * cannot apply (undo with nothing to undo, …). One tab stop for the whole toolbar, as WAI-ARIA's
 * toolbar pattern has it: Shift+Tab from the editor reaches it, the arrow keys (and Home, End)
 * move between its buttons, and a button that runs puts the caret back in the editor.
 */
export function FormatToolbar({ editor, label }: { editor: Editor; label: string }) {
  // Re-rendered on every transaction of the editor, but only when a button's state changes.
  const read = useRef<ReadStates>(undefined);
  const states = useEditorState({
    editor,
    selector: ({ editor }) => (read.current = statesOf(editor, read.current)).states,
    equalityFn: (a, b) => b !== null && a.every((state, i) => state.enabled === b[i]!.enabled && state.pressed === b[i]!.pressed),
  });
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  /** The button last moved to; the tab stop while it is enabled, else the first enabled one is. */
  const [chosen, setChosen] = useState(0);
  const enabled = formats.flatMap((_, i) => (states[i]!.enabled ? [i] : []));
  const tabStop = enabled.includes(chosen) ? chosen : enabled[0];

  function move(event: KeyboardEvent) {
    const to = moves[event.key];
    if (!to || tabStop === undefined) return;
    event.preventDefault();
    const next = enabled[to(enabled.indexOf(tabStop), enabled.length)]!;
    setChosen(next);
    buttons.current[next]?.focus();
  }

  return (
    <div role="toolbar" aria-label={label} className="format-toolbar" onKeyDown={move}>
      {formats.map((format, i) => (
        <button
          key={format.label}
          ref={(button) => void (buttons.current[i] = button)}
          type="button"
          className="secondary"
          tabIndex={i === tabStop ? 0 : -1}
          onFocus={() => setChosen(i)}
          title={`${format.label}（${format.keys}）`}
          aria-pressed={states[i]!.pressed}
          disabled={!states[i]!.enabled}
          // Keeps the caret (and an IME composition) in the editor: the click must not take focus.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            const apply = () => void format.run(editor.chain().focus()).run();
            if (format.wait) format.wait(editor, apply);
            else apply();
          }}
        >
          {format.label}
        </button>
      ))}
    </div>
  );
}
