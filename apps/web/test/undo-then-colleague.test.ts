// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import { undoManager } from '../src/editor/conversion-history.ts';
import { UndoCaret } from '../src/editor/undo-caret.ts';
import { blocksOf, positionIn, Relay } from './two-browsers.ts';

let relay: Relay;
afterEach(() => relay.leave());

// y-tiptap keeps, for each undo step, the selection from before it, and hands it over to be put back
// when the step is undone; Yjs says so only after the undo, so it was put back at the next change
// instead, by its position then. A colleague's change that had shortened the text meanwhile made that
// position fall outside it: drawing the next change threw, and the screen showed the text without it.
it('a colleague’s change after one’s 元に戻す shows, though they had shortened the text before', async () => {
  relay = new Relay();
  const sato = relay.join([UndoCaret]);
  const suzuki = relay.join([UndoCaret]);
  sato.editor.commands.insertContent('家族は遠方');
  sato.editor.commands.splitBlock();
  sato.editor.commands.insertContent('本人は独居');
  undoManager(sato.editor.view).stopCapturing();
  sato.editor.commands.deleteRange({ from: positionIn(sato.editor, 1, '本人は'.length), to: positionIn(sato.editor, 1, '本人は独居'.length) });
  await relay.sync();
  suzuki.editor.commands.deleteRange({ from: positionIn(suzuki.editor, 0, 0), to: positionIn(suzuki.editor, 0, '家族は遠方'.length) });
  await relay.sync();
  sato.editor.commands.undo();
  await relay.sync();
  expect(blocksOf(sato.editor)).toEqual(['p ', 'p 本人は独居']);

  suzuki.editor.commands.setTextSelection(positionIn(suzuki.editor, 1, 0));
  suzuki.editor.commands.insertContent('母');
  await relay.sync();
  for (const { editor } of [sato, suzuki]) expect(blocksOf(editor)).toEqual(['p ', 'p 母本人は独居']);
});
