// @vitest-environment happy-dom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockChangeMerge } from '../src/editor/block-change-merge.ts';
import { undoManager } from '../src/editor/conversion-history.ts';
import { UndoCaret } from '../src/editor/undo-caret.ts';
import { blocksAndSelectionOf, blocksOf, positionIn, Relay } from './two-browsers.ts';

// 佐藤 types; 鈴木, the colleague, reshapes 佐藤's paragraph (y-tiptap writes that as its text
// deleted and written anew), and 佐藤's browser receives the change as it comes from the server.

let relay: Relay;
afterEach(() => relay.leave());

/**
 * 佐藤 and 鈴木 on one case, 佐藤 having written 家族は遠方, then 本人は, then 独居 converted from
 * どっきょ (as an IME writes it: the kana, then the kanji in their place): three undo steps.
 */
async function satoWroteTwoLines() {
  relay = new Relay();
  // As the summary editor has it: UndoCaret keeps y-tiptap's selection of an undo step from outliving it.
  const sato = relay.join([BlockChangeMerge, UndoCaret]);
  const suzuki = relay.join([BlockChangeMerge, UndoCaret]);
  const converted = () => sato.editor.commands.insertContent('どっきょ') && sato.editor.commands.insertContentAt({ from: positionIn(sato.editor, 1, 3), to: positionIn(sato.editor, 1, 7) }, '独居');
  const steps = [() => sato.editor.commands.insertContent('家族は遠方'), () => sato.editor.commands.splitBlock() && sato.editor.commands.insertContent('本人は'), converted];
  for (const step of steps) {
    step();
    undoManager(sato.editor.view).stopCapturing();
  }
  await relay.sync();
  expect(blocksOf(suzuki.editor)).toEqual(['p 家族は遠方', 'p 本人は独居']);
  return { sato, suzuki };
}

/** What each browser has once `act` of 佐藤's has reached the others: `everyone(blocks)` when they converge. */
async function blocksAfter(act: () => unknown): Promise<string[][]> {
  act();
  await relay.sync();
  return relay.browsers.map(({ editor }) => blocksOf(editor));
}
const everyone = (blocks: readonly string[]) => relay.browsers.map(() => blocks);

/** Puts `editor`'s caret `offset` characters into its `n`th text block, or selects from there to `to`. */
const select = (editor: Editor, n: number, offset: number, to?: number) => editor.commands.setTextSelection({ from: positionIn(editor, n, offset), to: positionIn(editor, n, to ?? offset) });

/**
 * What 鈴木 does to the second paragraph (本人は独居), each in one transaction, and what 佐藤 sees after
 * it: with the caret where it was (本人は|独居), with 独居 selected, after 元に戻す (独居 taken back).
 */
const reshapes = [
  {
    name: '見出しにする',
    run: (suzuki: Editor) => select(suzuki, 1, 1) && suzuki.commands.toggleHeading({ level: 2 }),
    caret: ['p 家族は遠方', 'h2 本人は|独居', 'p '],
    selected: ['p 家族は遠方', 'h2 本人は[独居]', 'p '],
    undone: ['p 家族は遠方', 'h2 本人は', 'p '],
  },
  {
    name: '箇条書きにする',
    run: (suzuki: Editor) => select(suzuki, 1, 1) && suzuki.commands.toggleBulletList(),
    caret: ['p 家族は遠方', 'ul 本人は|独居', 'p '],
    selected: ['p 家族は遠方', 'ul 本人は[独居]', 'p '],
    undone: ['p 家族は遠方', 'ul 本人は', 'p '],
  },
  {
    name: '先頭で Backspace を押して前の段落につなげる',
    run: (suzuki: Editor) => select(suzuki, 1, 0) && suzuki.commands.joinBackward(),
    caret: ['p 家族は遠方本人は|独居'],
    selected: ['p 家族は遠方本人は[独居]'],
    undone: ['p 家族は遠方本人は'],
  },
  {
    name: '本の後で Enter を押して分ける',
    run: (suzuki: Editor) => select(suzuki, 1, 1) && suzuki.commands.splitBlock(),
    caret: ['p 家族は遠方', 'p 本', 'p 人は|独居'],
    selected: ['p 家族は遠方', 'p 本', 'p 人は[独居]'],
    undone: ['p 家族は遠方', 'p 本', 'p 人は'],
  },
  {
    // The characters beside the caret stay: y-tiptap keeps it there, the merge leaves it alone; it
    // moves only the selection's end in the moved text.
    name: '独の後で Enter を押して分ける',
    run: (suzuki: Editor) => select(suzuki, 1, 4) && suzuki.commands.splitBlock(),
    caret: ['p 家族は遠方', 'p 本人は|独', 'p 居'],
    selected: ['p 家族は遠方', 'p 本人は[独', 'p 居]'],
    undone: ['p 家族は遠方', 'p 本人は', 'p '],
  },
];
const reshape = (name: string) => reshapes.find((reshape) => reshape.name === name)!.run;

describe('the caret in the paragraph a colleague reshapes stays where it was in the text, and one types on there', () => {
  // Without the merge, y-tiptap kept the caret by the characters beside it, which went: it jumped to
  // the empty line under the new heading, the end of the joined paragraph or the first part of a split.
  for (const { name, run, caret: merged } of reshapes) {
    it(`鈴木が${name}`, async () => {
      const { sato, suzuki } = await satoWroteTwoLines();
      select(sato.editor, 1, '本人は'.length);
      run(suzuki.editor);
      await relay.deliver(sato);
      expect(blocksAndSelectionOf(sato.editor)).toEqual(merged);

      const typedOn = merged.map((block) => block.replace('|', '、'));
      expect(await blocksAfter(() => sato.editor.commands.insertContent('、'))).toEqual(everyone(typedOn));
    });
  }

  it.each([
    ['at its start', 0, 'h2 |本人は独居'],
    ['at its end', '本人は独居'.length, 'h2 本人は独居|'],
  ])('also %s (made a heading)', async (_, offset, heading) => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, offset);
    reshape('見出しにする')(suzuki.editor);
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族は遠方', heading, 'p ']);
  });

  it('also at its start when joined to the paragraph before', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, 0);
    reshape('先頭で Backspace を押して前の段落につなげる')(suzuki.editor);
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族は遠方|本人は独居']);
  });
});

describe('both ends of a selection in the paragraph a colleague reshapes stay around the same words', () => {
  // Without the merge, the selection collapsed to where the caret would have jumped, and what one
  // typed to replace the word went there.
  for (const { name, run, selected: merged } of reshapes) {
    it(`鈴木が${name}`, async () => {
      const { sato, suzuki } = await satoWroteTwoLines();
      select(sato.editor, 1, '本人は'.length, '本人は独居'.length);
      run(suzuki.editor);
      await relay.deliver(sato);
      expect(blocksAndSelectionOf(sato.editor)).toEqual(merged);

      // Typed over a selection across blocks, as the last case's, the two are one.
      const replaced = merged.join('\n').replace(/\[.*\]/s, '一人暮らし').split('\n');
      expect(await blocksAfter(() => sato.editor.commands.insertContent('一人暮らし'))).toEqual(everyone(replaced));
    });
  }

  it('one end in another paragraph: that one stays where it was', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    sato.editor.commands.setTextSelection({ from: positionIn(sato.editor, 0, '家族は'.length), to: positionIn(sato.editor, 1, '本人は'.length) });
    reshape('見出しにする')(suzuki.editor);
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族は[遠方', 'h2 本人は]独居', 'p ']);
  });

  it('also one made from its end back to its start', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    sato.editor.commands.setTextSelection({ from: positionIn(sato.editor, 1, '本人は独居'.length), to: positionIn(sato.editor, 1, 0) });
    reshape('見出しにする')(suzuki.editor);
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族は遠方', 'h2 ]本人は独居[', 'p ']);
  });
});

describe('元に戻す after a colleague reshaped one’s paragraph takes back one’s last words in it', () => {
  // The text they wrote anew is theirs in Yjs: without the merge, one's last step found nothing of
  // its own left, and Yjs took back the step before (本人は), then the one before it (家族は遠方).
  for (const { name, run, undone } of reshapes) {
    it(`鈴木が${name}, and やり直す brings them back`, async () => {
      const { sato, suzuki } = await satoWroteTwoLines();
      run(suzuki.editor);
      await relay.deliver(sato);
      const changed = blocksOf(sato.editor);

      expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(undone));
      expect(await blocksAfter(() => sato.editor.commands.redo())).toEqual(everyone(changed));
    });
  }

  // One's deletion there went with the old text: Yjs brought the words back in it (on a line of its
  // own under the heading, in the first part of a split) or, the old paragraph gone, not at all,
  // and took back the step before instead.
  for (const { name, run, caret } of reshapes.filter(({ name }) => name !== '独の後で Enter を押して分ける')) {
    it(`鈴木が${name}: the words one deleted come back where they were in it, and やり直す deletes them again`, async () => {
      const { sato, suzuki } = await satoWroteTwoLines();
      sato.editor.commands.deleteRange({ from: positionIn(sato.editor, 1, '本人は'.length), to: positionIn(sato.editor, 1, '本人は独居'.length) });
      await relay.sync();
      run(suzuki.editor);
      await relay.deliver(sato);
      const changed = blocksOf(sato.editor);

      expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(caret.map((block) => block.replace('|', ''))));
      expect(await blocksAfter(() => sato.editor.commands.redo())).toEqual(everyone(changed));
    });
  }

  it('also when the colleague had not yet seen one’s deletion: the words come back in the heading', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    sato.editor.commands.deleteRange({ from: positionIn(sato.editor, 1, '本人は'.length), to: positionIn(sato.editor, 1, '本人は独居'.length) });
    reshape('見出しにする')(suzuki.editor);
    await relay.deliver(sato);
    expect(await blocksAfter(() => undefined)).toEqual(everyone(['p 家族は遠方', 'h2 本人は', 'p ']));

    expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['p 家族は遠方', 'h2 本人は独居', 'p ']));
  });

  it('also after it was reshaped twice (a heading, then a list item)', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    reshape('見出しにする')(suzuki.editor);
    await relay.deliver(sato);
    reshape('箇条書きにする')(suzuki.editor);
    await relay.deliver(sato);
    expect(blocksOf(sato.editor)).toEqual(['p 家族は遠方', 'ul 本人は独居', 'p ']);

    expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['p 家族は遠方', 'ul 本人は', 'p ']));
  });

  it('and none of what the colleague typed there since', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    reshape('見出しにする')(suzuki.editor);
    select(suzuki.editor, 1, '本人は独居'.length);
    suzuki.editor.commands.insertContent('。');
    await relay.deliver(sato);
    expect(blocksOf(sato.editor)).toEqual(['p 家族は遠方', 'h2 本人は独居。', 'p ']);

    expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['p 家族は遠方', 'h2 本人は。', 'p ']));
  });
});

it('a colleague’s reshaping another paragraph moves nothing: the caret stays, nothing is written, 元に戻す takes back one’s last words', async () => {
  const { sato, suzuki } = await satoWroteTwoLines();
  select(sato.editor, 1, '本人は'.length);
  let written = 0;
  sato.doc.on('update', (_, origin) => origin !== sato.provider && written++);
  select(suzuki.editor, 0, 1);
  suzuki.editor.commands.toggleHeading({ level: 2 });
  await relay.deliver(sato);
  expect(blocksAndSelectionOf(sato.editor)).toEqual(['h2 家族は遠方', 'p 本人は|独居']);
  expect(written).toBe(0);

  expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['h2 家族は遠方', 'p 本人は']));
});

describe('several reshapes in one change of a colleague’s', () => {
  it('both paragraphs made headings at once: the caret stays in its words, 元に戻す takes back one’s last ones', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, '本人は'.length);
    suzuki.editor.chain().setTextSelection({ from: positionIn(suzuki.editor, 0, 1), to: positionIn(suzuki.editor, 1, 1) }).toggleHeading({ level: 2 }).run();
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['h2 家族は遠方', 'h2 本人は|独居', 'p ']);

    expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['h2 家族は遠方', 'h2 本人は', 'p ']));
  });

  it('the first made a heading and the second split before the caret, offline, reaching one as one change', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, '本人は'.length);
    reshape('見出しにする')(suzuki.editor);
    select(suzuki.editor, 0, 1);
    suzuki.editor.commands.toggleHeading({ level: 2 });
    reshape('本の後で Enter を押して分ける')(suzuki.editor);
    await relay.deliver(sato, { asOne: true });
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['h2 家族は遠方', 'h2 本', 'h2 人は|独居', 'p ']);

    expect(await blocksAfter(() => sato.editor.commands.undo())).toEqual(everyone(['h2 家族は遠方', 'h2 本', 'h2 人は', 'p ']));
  });
});

describe('the caret in text a colleague deletes', () => {
  it('outright, with its paragraph: it goes where the paragraph was, and nothing of it comes back', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, '本人は'.length);
    // With text written in the same change, which has the merge look for where the deleted text went.
    suzuki.editor.chain().setTextSelection({ from: positionIn(suzuki.editor, 0, '家族は遠方'.length), to: positionIn(suzuki.editor, 1, '本人は独居'.length) }).deleteSelection().insertContent('。').run();
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族は遠方。|']);

    expect(await blocksAfter(() => sato.editor.commands.insertContent('、'))).toEqual(everyone(['p 家族は遠方。、']));
  });

  it('from the paragraph before to within its own, which keeps its end: the caret goes with that end', async () => {
    const { sato, suzuki } = await satoWroteTwoLines();
    select(sato.editor, 1, '本人は'.length);
    suzuki.editor.commands.setTextSelection({ from: positionIn(suzuki.editor, 0, '家族は'.length), to: positionIn(suzuki.editor, 1, '本人'.length) });
    suzuki.editor.commands.deleteSelection();
    await relay.deliver(sato);
    expect(blocksAndSelectionOf(sato.editor)).toEqual(['p 家族はは|独居']);
  });
});

