import { adminOf, grantAccess, newUser } from '@care/server/test/sessions';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { NO_MINUTES_WITHOUT_CONFERENCE } from '@care/schema';
import { clickIn, connectionReaches, countRendersOf, createCase, editorBlocks, editorText, goOffline, holdMessages, imeComposition, openCase, openCaseAsMember, planConference, settled, signedInPage, startServerProcess, startShownConference, typeWithIme, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

it('two participants co-edit the case summary in Japanese, and it survives a server restart', async () => {
  const { browser } = suite;
  let { server } = suite;
  const admin = await adminOf(server);
  const caseId = ((await (await admin.request('POST', '/api/cases', { title: 'E2E 80代女性 独居' })).json()) as { id: string }).id;
  const satoAccount = await newUser(server, { name: '佐藤', agency: '地域包括支援センター' });
  const suzukiAccount = await newUser(server, { name: '鈴木', agency: '社会福祉協議会' });
  const tanakaAccount = await newUser(server, { name: '田中', agency: '行政' });
  for (const account of [satoAccount, suzukiAccount, tanakaAccount]) await grantAccess(server, caseId, account, 'edit');

  const otherCase = ((await (await admin.request('POST', '/api/cases', { title: 'E2E 70代男性', area: '南地区' })).json()) as { id: string }).id;
  await grantAccess(server, otherCase, satoAccount, 'edit');

  // Sato signs in, finds the case in the list (by a word of its name, typed full-width) and opens it.
  const sato = await signedInPage(browser, server, satoAccount.login);
  await sato.getByLabel('ケースを検索').fill('ｅ２ｅ　独居');
  await expect.poll(() => sato.locator('.case-list a').allTextContents()).toEqual(['E2E 80代女性 独居']);
  await sato.getByLabel('ケースを検索').fill('南地区');
  await expect.poll(() => sato.locator('.case-list a').allTextContents()).toEqual(['E2E 70代男性']);
  await sato.getByLabel('ケースを検索').fill('独居');
  await sato.getByRole('link', { name: 'E2E 80代女性 独居' }).click();
  const suzuki = await signedInPage(browser, server, suzukiAccount.login);
  await suzuki.goto(`${server.url}/cases/${caseId}`);

  for (const page of [sato, suzuki]) await connectionReaches(page, '同期済み');

  const satoEditor = sato.getByLabel('ケース概要');
  await clickIn(satoEditor);
  await typeWithIme(sato, ['ほんにん', 'ほんにんは'], '本人は');
  await typeWithIme(sato, ['ひとり', 'ひとりぐらし'], '一人暮らし');
  await sato.keyboard.insertText('。');

  const suzukiEditor = suzuki.getByLabel('ケース概要');
  await expect.poll(() => editorText(suzuki)).toBe('本人は一人暮らし。');
  // Suzuki sees whose caret that is, with the agency — from Sato's account, not typed in.
  const caretLabel = suzuki.locator('.collaboration-carets__label').first();
  await expect.poll(() => caretLabel.evaluate((label) => getComputedStyle(label, '::after').content)).toBe('"佐藤・地域包括支援センター"');
  await expect.poll(() => suzuki.locator('.people li').count()).toBe(2);

  // Suzuki answers from the other browser; Sato sees it.
  await clickIn(suzukiEditor);
  await suzuki.keyboard.press('Control+End'); // the end of the summary, wherever the click put the caret
  await suzuki.keyboard.press('Enter');
  await typeWithIme(suzuki, ['みまもり'], '見守り');
  await suzuki.keyboard.insertText('を週2回');
  await expect.poll(() => editorText(sato)).toBe('本人は一人暮らし。\n見守りを週2回');

  // Sato joins Suzuki's line to his own right where Suzuki's caret sits (at its end); the keys come
  // quickly, so Chrome may do the join itself before ProseMirror has seen the caret move. The
  // caret's label 「鈴木・社会福祉協議会」 stays a label: it never becomes text of the summary.
  await expect.poll(() => sato.locator('.collaboration-carets__caret').count()).toBe(1);
  await clickIn(satoEditor);
  await sato.keyboard.press('Control+End');
  await sato.keyboard.press('Home');
  await sato.keyboard.press('Backspace');
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人は一人暮らし。見守りを週2回');

  // Restart the server on the same port: the pages reconnect (sessions survive) and nothing is lost.
  await server.stop('SIGTERM');
  // Its network is up: what it cannot reach is the server, and it says so (not オフライン).
  await connectionReaches(suzuki, 'サーバーに接続できません');
  await expect.poll(() => suzuki.getByTestId('connection-state').textContent()).not.toBe('同期済み');
  server = suite.server = await startServerProcess({ dataDir: server.dataDir, port: server.port });
  await connectionReaches(suzuki, '同期済み', 15_000);

  const fresh = await signedInPage(browser, server, tanakaAccount.login);
  await fresh.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => editorText(fresh)).toBe('本人は一人暮らし。見守りを週2回');
});

/** A new case with two members who may edit it, 佐藤 (包括) and 鈴木 (社協), each on its page once synced. */
async function caseWithTwoEditors(title: string) {
  const caseId = await createCase(suite.server, title);
  const [sato, suzuki] = await Promise.all([
    openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }),
    openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' }),
  ]);
  return { sato, suzuki };
}

it('typing in the summary renders the conference screen (its action items, participants, agenda) no more', async () => {
  const caseId = await createCase(suite.server, 'E2E 入力中の再描画');
  let renders!: () => Promise<number>;
  const { page } = await openCaseAsMember(suite, caseId, { name: '民生委員', agency: '行政' }, async (page) => {
    renders = await countRendersOf(page, '.conference');
  });
  await clickIn(page.getByLabel('ケース概要'));
  const before = await renders();
  expect(before).toBeGreaterThan(0); // the count sees the screen
  // Each keystroke is saved (保存中, then 同期済み when the server has it): only the badge says so.
  for (const char of '本人は一人暮らし') {
    await page.keyboard.insertText(char);
    await connectionReaches(page, '同期済み');
  }
  expect(await editorText(page)).toBe('本人は一人暮らし');
  expect(await renders()).toBe(before);
});

/** Pastes into the summary as a browser does: `html` on the clipboard, beside an image file if `image`. */
const pasteIntoSummary = (page: Page, html: string, image?: boolean) =>
  page.getByLabel('ケース概要').evaluate(
    (editor, [html, image]) => {
      const data = new DataTransfer();
      if (html) data.setData('text/html', html as string);
      if (image) data.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' }));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, image],
  );

/** The toolbar's button `name` (見出し, 箇条書き, …). */
const formatButton = (page: Page, name: string) => page.getByRole('toolbar', { name: '書式', exact: true }).getByRole('button', { name, exact: true });

/** Two editors of a new case whose summary reads 本人：見守り, 佐藤 converting ひとり between 本人： and 見守り: the conversion is left open. */
async function conversionUnderWay(title: string) {
  const { sato, suzuki } = await caseWithTwoEditors(title);
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人：見守り');
  await expect.poll(() => editorText(suzuki)).toBe('本人：見守り');
  await pressTimes(sato, 'ArrowLeft', 3);
  const ime = await imeComposition(sato);
  await ime.update('ひとり');
  return { sato, suzuki, ime };
}

it('a colleague editing the paragraph in which one is choosing kanji neither breaks the conversion nor is lost: their edit shows once it is confirmed', async () => {
  // Suzuki's edit lands before the conversion, in the same text.
  const { sato, suzuki, ime } = await conversionUnderWay('E2E 変換中');
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+Home');
  await pressTimes(suzuki, 'ArrowRight', 2);
  await suzuki.keyboard.insertText('（長男と同居）');
  await connectionReaches(suzuki, '同期済み'); // the server has it, and has sent it on to Sato
  await ime.update('ひとりぐらし');
  await ime.commit('一人暮らし、');

  // Before, the kana typed so far stayed beside the kanji: 「本人（長男と同居）：ひとり一人暮らし、見守り」.
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人（長男と同居）：一人暮らし、見守り');
  await connectionReaches(sato, '同期済み');
});

for (const [blockType, selector] of [
  ['見出し', 'h2'],
  ['箇条書き', 'ul > li'],
] as const) {
  it(`making a ${blockType} from the toolbar while choosing kanji there makes one of the kanji, without the kana`, async () => {
    const { sato, suzuki } = await caseWithTwoEditors(`E2E 自分の変換中に${blockType}`);
    await clickIn(sato.getByLabel('ケース概要'));
    await sato.keyboard.insertText('本人：');
    const ime = await imeComposition(sato);
    await ime.update('かんじ');
    await formatButton(sato, blockType).click(); // the click leaves the conversion open
    await ime.update('漢字');
    await ime.commit('漢字', 'Chrome');

    // Before, the kana stayed in front of the kanji: 「本人：かんじ漢字」, in everyone's copy.
    for (const page of [sato, suzuki]) {
      await expect.poll(() => editorBlocks(page, selector)).toEqual(['本人：漢字']);
      expect(await editorBlocks(page, ':scope > *')).toEqual(['本人：漢字', '']); // the editor keeps an empty line last
    }
    await connectionReaches(sato, '同期済み');
  });
}

for (const [by, undo, redo] of [
  ['the toolbar', (page: Page) => formatButton(page, '元に戻す').click(), (page: Page) => formatButton(page, 'やり直す').click()],
  ['Ctrl+Z and Ctrl+Y', (page: Page) => page.keyboard.press('Control+z'), (page: Page) => page.keyboard.press('Control+y')],
] as const) {
  it(`undo by ${by} while choosing kanji takes back the conversion whole, as it stands, and redo brings it back`, async () => {
    const { sato, suzuki } = await caseWithTwoEditors(`E2E 変換中に元に戻す（${by}）`);
    await clickIn(sato.getByLabel('ケース概要'));
    await sato.keyboard.insertText('本人：');
    await typeWithIme(sato, ['どっきょ'], '独居');
    const ime = await imeComposition(sato);
    // Kana typed slowly reach the doc one by one, further apart than Yjs groups edits into one step.
    for (const kana of ['ひ', 'ひと', 'ひとり']) {
      await ime.update(kana);
      await sato.waitForTimeout(600);
    }
    const steps = ['本人：独居ひとり', '本人：独居', '本人：'];
    // Before, the toolbar's undo took back only the last kana (「本人：独居ひと」); the keys ran the
    // browser's own undo, behind Yjs, which ended the conversion without a word to the editor.
    for (const step of steps.slice(1)) {
      await undo(sato);
      for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe(step);
    }
    for (const step of steps.slice(0, -1).reverse()) {
      await redo(sato);
      for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe(step);
    }
    // The conversion is over: what is typed next is typed as such.
    await sato.keyboard.press('End');
    await sato.keyboard.insertText('暮らし');
    for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：独居ひとり暮らし');
    // And the others' changes, which wait while one is choosing kanji, show again (before, not after the keys).
    await clickIn(suzuki.getByLabel('ケース概要'));
    await suzuki.keyboard.press('Control+End');
    await suzuki.keyboard.insertText('。');
    for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：独居ひとり暮らし。');
    await connectionReaches(sato, '同期済み');
  });
}

it('undo puts the caret where the undone text was and redo after the redone text, and a colleague’s typing meanwhile leaves it there', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 元に戻した後のカーソル');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人：');
  await typeWithIme(sato, ['どっきょ'], '独居'); // a step of its own
  await expect.poll(() => editorText(suzuki)).toBe('本人：独居');
  await sato.keyboard.press('Control+Home'); // the caret elsewhere than what is undone
  await formatButton(sato, '元に戻す').click();
  await expect.poll(() => editorText(suzuki)).toBe('本人：');
  await formatButton(sato, 'やり直す').click();
  await expect.poll(() => editorText(suzuki)).toBe('本人：独居');
  // Suzuki adds a line meanwhile.
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+End');
  await suzuki.keyboard.press('Enter');
  await suzuki.keyboard.insertText('見守り');
  await expect.poll(() => editorText(sato)).toBe('本人：独居\n見守り');
  // Before, redo left the caret before 独居 (「、本人：独居」 here, the caret having been at the start).
  await sato.keyboard.insertText('、');
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：独居、\n見守り');
  // Undo from elsewhere puts the caret where 、 was (before, it stayed at the end: 「見守り。」).
  await sato.keyboard.press('Control+End');
  await formatButton(sato, '元に戻す').click();
  await expect.poll(() => editorText(suzuki)).toBe('本人：独居\n見守り');
  await sato.keyboard.insertText('。');
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：独居。\n見守り');
  await connectionReaches(sato, '同期済み');
});

it('undoing all one typed in an empty summary and redoing it brings back that text alone, without an empty line before it', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 空の概要で元に戻す');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人：');
  await expect.poll(() => editorText(suzuki)).toBe('本人：');
  await formatButton(sato, '元に戻す').click();
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('');
  await formatButton(sato, 'やり直す').click();
  // Before, 「\n本人：」: the empty line the editor shows in an empty summary had been written into it.
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：');
  expect(await formatButton(sato, 'やり直す').isDisabled()).toBe(true);
  await connectionReaches(sato, '同期済み');
});

for (const [blockType, selector] of [
  ['見出し', 'h2'],
  ['箇条書き', 'ul > li'],
] as const) {
  it(`a ${blockType} asked for while choosing kanji is an undo step of its own, after the conversion’s`, async () => {
    const { sato, suzuki } = await caseWithTwoEditors(`E2E 変換中の${blockType}を元に戻す`);
    await clickIn(sato.getByLabel('ケース概要'));
    await sato.keyboard.insertText('本人：');
    const ime = await imeComposition(sato);
    await ime.update('かんじ');
    await formatButton(sato, blockType).click(); // made once the conversion ends
    await ime.update('漢字');
    await ime.commit('漢字', 'Chrome');
    await expect.poll(() => editorBlocks(suzuki, selector)).toEqual(['本人：漢字']);
    // Before, one undo took back both the block and the kanji (「本人：」).
    /** What is made a block of that type, and the first line (a heading or list item's, or a paragraph's). */
    const steps: [string[], string][] = [
      [['本人：漢字'], '本人：漢字'],
      [[], '本人：漢字'],
      [[], '本人：'],
    ];
    for (const [blocks, text] of steps.slice(1)) {
      await formatButton(sato, '元に戻す').click();
      for (const page of [sato, suzuki]) {
        await expect.poll(() => editorBlocks(page, selector)).toEqual(blocks);
        await expect.poll(async () => (await editorBlocks(page, ':scope > *'))[0]).toBe(text);
      }
    }
    for (const [blocks, text] of steps.slice(0, -1).reverse()) {
      await formatButton(sato, 'やり直す').click();
      for (const page of [sato, suzuki]) {
        await expect.poll(() => editorBlocks(page, selector)).toEqual(blocks);
        await expect.poll(async () => (await editorBlocks(page, ':scope > *'))[0]).toBe(text);
      }
    }
    await connectionReaches(sato, '同期済み');
  });
}

/**
 * 鈴木 adds to the paragraph in which 佐藤 is choosing kanji, then changes its shape: both reach 佐藤
 * as one change once the kanji are confirmed. `candidates` are what the conversion shows before it
 * (the kana go out as typed, and so does a candidate that replaced them: 鈴木 sees it); `confirmed`
 * is what 佐藤 picks after it. `merged` is what both screens show after.
 */
const conversionChanges: { name: string; candidates: string[]; confirmed: string; change: (suzuki: Page) => Promise<void>; merged: string[] }[] = [];
for (const [blockType, tag] of [
  ['見出し', 'h2'],
  ['箇条書き', 'ul'],
] as const) {
  const change = (suzuki: Page) => formatButton(suzuki, blockType).click();
  conversionChanges.push(
    // Before, the kana stayed in the new block and the kanji went to a paragraph of their own below it.
    { name: `making it a ${blockType}`, candidates: ['ひとりぐらし'], confirmed: '一人暮らし、', change, merged: [`${tag} 本人：一人暮らし、見守り（週2回）`, 'p '] },
    // Before, the block kept the candidate shown (一人暮らし) and the one picked went to a paragraph of its own below it.
    { name: `making it a ${blockType} once a candidate replaced the kana`, candidates: ['ひとりぐらし', '一人暮らし'], confirmed: '独り暮らし、', change, merged: [`${tag} 本人：独り暮らし、見守り（週2回）`, 'p '] },
  );
}
// Before, the one picked stayed in the first part and the candidate shown went to the second.
conversionChanges.push({
  name: 'splitting it with Enter before the conversion once a candidate replaced the kana',
  candidates: ['ひとりぐらし', '一人暮らし'],
  confirmed: '独り暮らし、',
  change: async (suzuki) => {
    await suzuki.keyboard.press('Control+Home');
    await pressTimes(suzuki, 'ArrowRight', '本人'.length);
    await suzuki.keyboard.press('Enter');
  },
  merged: ['p 本人', 'p ：独り暮らし、見守り（週2回）'],
});

for (const { name, candidates, confirmed, change, merged } of conversionChanges) {
  it(`a colleague ${name}, the paragraph in which one is choosing kanji, keeps the kanji in it`, async () => {
    const { sato, suzuki, ime } = await conversionUnderWay(`E2E 変換中に ${name}`);
    for (const candidate of candidates) await ime.update(candidate);
    await expect.poll(() => editorText(suzuki)).toBe(`本人：${candidates.at(-1)}見守り`);
    await clickIn(suzuki.getByLabel('ケース概要'));
    await suzuki.keyboard.press('Control+End');
    await suzuki.keyboard.insertText('（週2回）');
    await change(suzuki);
    await connectionReaches(suzuki, '同期済み'); // the server has it, and has sent it on to Sato
    await ime.update(confirmed);
    await ime.commit(confirmed);

    for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(merged);
    // Sato types on where the conversion ended.
    await sato.keyboard.insertText('を');
    const typedOn = merged.map((block) => block.replace(confirmed, `${confirmed}を`));
    for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(typedOn);
    await connectionReaches(sato, '同期済み');
  });
}

it('a colleague’s heading made before the conversion reached them, and reaching the server after it, keeps the kanji too', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 確定後に届く見出し');
  const sent = await holdMessages(suzuki, 'browser');
  await suzuki.reload();
  await connectionReaches(suzuki, '同期済み');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人：見守り');
  await sato.keyboard.press('Enter');
  await sato.keyboard.insertText('二行目');
  await expect.poll(() => editorText(suzuki)).toBe('本人：見守り\n二行目');

  await sato.keyboard.press('ArrowUp');
  await sato.keyboard.press('End');
  await pressTimes(sato, 'ArrowLeft', 3);
  const ime = await imeComposition(sato);
  await ime.update('ひとりぐらし');
  await expect.poll(() => editorText(suzuki)).toBe('本人：ひとりぐらし見守り\n二行目');
  // Suzuki's heading stays in their browser (a slow connection) until Sato's kanji are on the server.
  sent.hold();
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+Home');
  await suzuki.getByRole('toolbar', { name: '書式', exact: true }).getByRole('button', { name: '見出し', exact: true }).click();
  await ime.commit('一人暮らし、');
  await connectionReaches(sato, '同期済み');
  sent.release();

  // Before, the heading kept the kana and the kanji were lost with the paragraph.
  for (const page of [sato, suzuki]) {
    await expect.poll(() => editorBlocks(page, 'h2')).toEqual(['本人：一人暮らし、見守り']);
    expect(await editorBlocks(page, ':scope > *')).toEqual(['本人：一人暮らし、見守り', '二行目']);
  }
  await connectionReaches(suzuki, '同期済み');
});

for (const [change, removeParagraph] of [
  ['joins it to the paragraph above', async (page: Page) => {
    await page.keyboard.press('Home');
    await settled(page);
    await page.keyboard.press('Backspace');
  }],
  ['deletes it', async (page: Page) => {
    await page.keyboard.press('Shift+Home');
    await settled(page);
    await pressTimes(page, 'Backspace', 2);
  }],
] as const) {
  it(`a colleague who ${change} while one is choosing kanji at its end loses none of one's typing, nor what one types after`, async () => {
    const { sato, suzuki } = await caseWithTwoEditors(`E2E 変換中に段落が消える（${change}）`);
    await clickIn(sato.getByLabel('ケース概要'));
    await sato.keyboard.insertText('本人は独居。');
    await sato.keyboard.press('Enter');
    await sato.keyboard.insertText('長女は県外。');
    await expect.poll(() => editorText(suzuki)).toBe('本人は独居。\n長女は県外。');
    await clickIn(suzuki.getByLabel('ケース概要'));
    await suzuki.keyboard.press('Control+End');
    await settled(suzuki);
    const ime = await imeComposition(suzuki);
    await ime.update('かんじ');
    await expect.poll(() => editorText(sato)).toBe('本人は独居。\n長女は県外。かんじ');
    await removeParagraph(sato); // the server collects the paragraph Suzuki is still converting in
    await connectionReaches(sato, '同期済み');
    await ime.update('漢字');
    await ime.commit('漢字');
    await suzuki.keyboard.insertText('次回12月。');

    // Before, the server refused Suzuki's kanji and everything after (its paragraph was gone), while Suzuki's badge said 同期済み.
    const expected = change === 'deletes it' ? '本人は独居。漢字次回12月。' : '本人は独居。長女は県外。漢字次回12月。';
    for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe(expected);
    await connectionReaches(suzuki, '同期済み');
    await sato.reload();
    await expect.poll(() => editorText(sato)).toBe(expected);
  });
}

it('an edit the server keeps refusing as one it cannot place shows 未保存の変更あり, and signing out asks first', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 受け付けられない変更');
  // Suzuki's browser loses one edit on the way: the next builds on it, so the server cannot place it, however often it comes.
  let dropNextEdit = false;
  await suzuki.routeWebSocket(/\/ws\/cases\//, (route) => {
    const server = route.connectToServer();
    route.onMessage((message) => {
      const edit = typeof message !== 'string' && message[0] === 0 && message[1] === 2; // a sync frame's update
      if (edit && dropNextEdit) dropNextEdit = false;
      else server.send(message);
    });
  });
  await suzuki.reload();
  await connectionReaches(suzuki, '同期済み');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人は独居。');
  await expect.poll(() => editorText(suzuki)).toBe('本人は独居。');
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+End');
  await settled(suzuki);
  dropNextEdit = true;
  await suzuki.keyboard.insertText('長女');
  await connectionReaches(suzuki, '同期済み'); // the server answered after it, so the browser counts it stored
  await suzuki.keyboard.insertText('は県外。');

  // Before, the refusal went unsaid: 同期済み, and signing out deleted the only copy without asking.
  await connectionReaches(suzuki, '未保存の変更あり');
  const questions: string[] = [];
  suzuki.on('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await suzuki.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => questions).toHaveLength(1);
  expect(await editorText(suzuki)).toBe('本人は独居。長女は県外。');
  expect(await editorText(sato)).toBe('本人は独居。');
});

/**
 * Keeps what `page` does from the others for a while: offline, or (online) with what its browser
 * sends held on the way. Set up before the page's case opens again (the socket is routed anew).
 */
async function delayed(page: Page, how: 'オフライン' | '通信の遅れ') {
  if (how === 'オフライン') return { start: () => goOffline(page), end: () => page.context().setOffline(false) };
  const sent = await holdMessages(page, 'browser');
  await page.reload();
  await connectionReaches(page, '同期済み');
  return { start: async () => sent.hold(), end: async () => sent.release() };
}

/** The summary's blocks, each as its tag and its text: 'h2 本人の状況', 'ul 独居', 'p ' (an empty line). */
async function blocksOf(page: Page): Promise<string[]> {
  const tags = await page
    .getByLabel('ケース概要', { exact: true })
    .evaluate((editor) => [...editor.children].filter((block) => !block.matches('.collaboration-carets__caret')).map((block) => block.tagName.toLowerCase()));
  return (await editorBlocks(page, ':scope > *')).map((text, i) => `${tags[i]} ${text}`);
}

/** Presses `key` `n` times. */
async function pressTimes(page: Page, key: string, n: number) {
  for (let i = 0; i < n; i++) await page.keyboard.press(key);
}

/** Puts the caret at the start of the summary's paragraph `n` (from 0). */
async function caretInParagraph(page: Page, n: number) {
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.press('Control+Home');
  await pressTimes(page, 'ArrowDown', n);
  await page.keyboard.press('Home'); // ArrowDown from a list item keeps its indent
}

const ADDITION = '、週3回の訪問';

/**
 * 佐藤 adds ADDITION at the end of some of the summary's paragraphs (`added`) and 鈴木 changes
 * their shape (a heading, a join, a split, a deletion), neither seeing the other's change: offline,
 * or with the change held on the way. `merged` is what both screens, and the server's copy, show after.
 */
const lateEdits: {
  name: string;
  how: 'オフライン' | '通信の遅れ';
  late: '佐藤' | '鈴木';
  paragraphs: string[];
  /** The paragraphs 佐藤 makes list items (箇条書き) before. */
  listed?: number[];
  added: number[];
  change: (suzuki: Page) => Promise<void>;
  merged: string[];
}[] = [];
for (const [how, late, blockType, last] of [
  ['オフライン', '佐藤', '見出し', false],
  ['オフライン', '佐藤', '見出し', true],
  ['オフライン', '佐藤', '箇条書き', false],
  ['オフライン', '鈴木', '見出し', false],
  ['オフライン', '鈴木', '箇条書き', true],
  ['通信の遅れ', '佐藤', '見出し', false],
  ['通信の遅れ', '鈴木', '箇条書き', false],
] as const) {
  const block = `${blockType === '見出し' ? 'h2' : 'ul'} ヘルパー利用中${ADDITION}`;
  lateEdits.push({
    name: `佐藤が書き足す${last ? '最後の段落' : '段落'}を鈴木が${blockType}にしても、書き足しは${blockType}に残る`,
    how,
    late,
    paragraphs: last ? ['家族は遠方', 'ヘルパー利用中'] : ['ヘルパー利用中', '家族は遠方'],
    added: [last ? 1 : 0],
    change: async (suzuki) => {
      await caretInParagraph(suzuki, last ? 1 : 0);
      await formatButton(suzuki, blockType).click();
    },
    merged: last ? ['p 家族は遠方', block, 'p '] : [block, 'p 家族は遠方'], // the editor keeps an empty line last
  });
}
for (const [how, late, key] of [
  ['通信の遅れ', '鈴木', 'Backspace'],
  ['オフライン', '佐藤', 'Delete'],
] as const) {
  lateEdits.push({
    name: `佐藤が書き足す段落を鈴木が${key === 'Backspace' ? 'その先頭で Backspace を押して前の段落に' : '前の段落の末尾で Delete を押して'}つなげても、書き足しはつないだ段落に残る`,
    how,
    late,
    paragraphs: ['家族は遠方', 'ヘルパー利用中'],
    added: [1],
    change: async (suzuki) => {
      await caretInParagraph(suzuki, key === 'Backspace' ? 1 : 0);
      if (key === 'Delete') await suzuki.keyboard.press('End');
      await suzuki.keyboard.press(key);
    },
    merged: [`p 家族は遠方ヘルパー利用中${ADDITION}`],
  });
}
// Enter keeps the paragraph's start where it was: typing in the rest goes with the rest.
lateEdits.push({
  name: '佐藤が書き足す段落を鈴木が Enter で二つに分けても、書き足しは後ろの段落に残る',
  how: 'オフライン',
  late: '鈴木',
  paragraphs: ['独居。ヘルパー利用中', '家族は遠方'],
  added: [0],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 0);
    await pressTimes(suzuki, 'ArrowRight', 3);
    await suzuki.keyboard.press('Enter');
  },
  merged: ['p 独居。', `p ヘルパー利用中${ADDITION}`, 'p 家族は遠方'],
});
// A deletion from one paragraph into another keeps the end of the last, written anew at the end of
// the first (here reusing the 「。」 both end with): typing there stays. Typing in a paragraph it
// deletes outright goes with it, as the rest of that paragraph: they deleted it, and its words
// alone (「、週3回の訪問」) would read as nonsense in the record.
lateEdits.push({
  name: '鈴木が三つの段落にまたがる範囲を消しても、佐藤が消し残りの段落に書き足したものは残る',
  how: 'オフライン',
  late: '佐藤',
  paragraphs: ['家族は遠方。', 'ヘルパー利用中', '週1回電話あり。'],
  added: [1, 2],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 0);
    await pressTimes(suzuki, 'ArrowRight', 3);
    await pressTimes(suzuki, 'Shift+ArrowRight', '遠方。\nヘルパー利用中\n週1回'.length);
    await settled(suzuki);
    await suzuki.keyboard.press('Backspace');
  },
  merged: [`p 家族は電話あり。${ADDITION}`],
});
// Text deleted in one paragraph and written in another is not a paragraph's end moved to a block of
// its own: what is left of the first paragraph stays (one's own, which reads as unseen, included).
lateEdits.push({
  name: '鈴木が佐藤の書き足す段落から語を消して別の段落に書いても、残りの文はその段落に残る',
  how: 'オフライン',
  late: '鈴木',
  paragraphs: ['ヘルパー利用中', '家族は遠方'],
  added: [0],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 0);
    await pressTimes(suzuki, 'ArrowRight', 4);
    await pressTimes(suzuki, 'Shift+ArrowRight', 2);
    await settled(suzuki);
    await suzuki.keyboard.press('Backspace');
    await caretInParagraph(suzuki, 1);
    await suzuki.keyboard.press('End');
    await suzuki.keyboard.insertText('、利用なし');
  },
  merged: [`p ヘルパー中${ADDITION}`, 'p 家族は遠方、利用なし'],
});

// Enter twice cuts the paragraph in three: typing at its end goes with the last part.
lateEdits.push({
  name: '佐藤が書き足す段落を鈴木が Enter で三つに分けても、書き足しは最後の段落に残る',
  how: 'オフライン',
  late: '鈴木',
  paragraphs: ['独居。ヘルパー利用中。週1回電話あり', '家族は遠方'],
  added: [0],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 0);
    await pressTimes(suzuki, 'ArrowRight', '独居。'.length);
    await suzuki.keyboard.press('Enter');
    await pressTimes(suzuki, 'ArrowRight', 'ヘルパー利用中。'.length);
    await suzuki.keyboard.press('Enter');
  },
  merged: ['p 独居。', 'p ヘルパー利用中。', `p 週1回電話あり${ADDITION}`, 'p 家族は遠方'],
});
lateEdits.push({
  name: '佐藤が書き足す段落を鈴木がその先頭で Backspace を押して前の箇条書きにつなげても、書き足しは箇条書きに残る',
  how: 'オフライン',
  late: '鈴木',
  paragraphs: ['家族は遠方', 'ヘルパー利用中'],
  listed: [0],
  added: [1],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 1);
    await suzuki.keyboard.press('Backspace');
  },
  merged: [`ul 家族は遠方ヘルパー利用中${ADDITION}`, 'p '],
});
// Their typing and their heading reach this browser as one change: the heading holds text it never had.
lateEdits.push({
  name: '佐藤が書き足す段落に鈴木も書き入れて見出しにしても、二人の書いたものは見出しに残る',
  how: 'オフライン',
  late: '佐藤',
  paragraphs: ['ヘルパー利用中', '家族は遠方'],
  added: [0],
  change: async (suzuki) => {
    await caretInParagraph(suzuki, 0);
    await pressTimes(suzuki, 'ArrowRight', 'ヘルパー'.length);
    await suzuki.keyboard.insertText('（週2回）');
    await formatButton(suzuki, '見出し').click();
  },
  merged: [`h2 ヘルパー（週2回）利用中${ADDITION}`, 'p 家族は遠方'],
});

for (const { name, how, late, paragraphs, listed = [], added, change, merged } of lateEdits) {
  it(`${how}の${late}: ${name}`, async () => {
    const { sato, suzuki } = await caseWithTwoEditors(`E2E ${how} ${late} ${name}`);
    await clickIn(sato.getByLabel('ケース概要'));
    await sato.keyboard.insertText(paragraphs[0]!);
    for (const paragraph of paragraphs.slice(1)) {
      await sato.keyboard.press('Enter');
      await sato.keyboard.insertText(paragraph);
    }
    for (const n of listed) {
      await caretInParagraph(sato, n);
      await formatButton(sato, '箇条書き').click();
    }
    await expect.poll(() => editorText(suzuki)).toBe(paragraphs.join('\n'));
    const [latePage, onTime] = late === '佐藤' ? [sato, suzuki] : [suzuki, sato];
    const delay = await delayed(latePage, how);
    await delay.start();

    const add = async () => {
      for (const n of added) {
        await caretInParagraph(sato, n);
        await sato.keyboard.press('End');
        await sato.keyboard.insertText(ADDITION);
      }
    };
    for (const step of late === '佐藤' ? [add, () => change(suzuki)] : [() => change(suzuki), add]) await step();
    await connectionReaches(onTime, '同期済み');
    expect(await blocksOf(suzuki)).toEqual(merged.map((block) => block.replace(ADDITION, ''))); // their change, without the addition
    await delay.end();

    for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(merged);
    for (const page of [sato, suzuki]) await connectionReaches(page, '同期済み');
    // The server keeps it so: the page opened again reads it.
    await sato.reload();
    await connectionReaches(sato, '同期済み');
    expect(await blocksOf(sato)).toEqual(merged);
  });
}

/** Two editors of a new case whose summary 佐藤 wrote: 家族は遠方, then 本人は and 独居 converted (an undo step of its own). */
async function satoWroteTwoLines(title: string) {
  const { sato, suzuki } = await caseWithTwoEditors(title);
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('家族は遠方');
  await sato.keyboard.press('Enter');
  await sato.keyboard.insertText('本人は');
  await typeWithIme(sato, ['どっきょ'], '独居');
  await expect.poll(() => editorText(suzuki)).toBe('家族は遠方\n本人は独居');
  return { sato, suzuki };
}

// y-tiptap keeps a caret by the characters beside it, which such a change deletes and writes anew:
// the caret jumped to where the old paragraph was, and one's next words went there. In `merged`,
// {} is where 佐藤 types: 独居 before, then 、独居 typed at the caret, or 一人暮らし over 独居 selected.
for (const [name, change, merged, selected] of [
  ['見出しにしても', (suzuki: Page) => formatButton(suzuki, '見出し').click(), ['p 家族は遠方', 'h2 本人は{}', 'p '], false],
  ['見出しにしても', (suzuki: Page) => formatButton(suzuki, '見出し').click(), ['p 家族は遠方', 'h2 本人は{}', 'p '], true],
  ['箇条書きにしても', (suzuki: Page) => formatButton(suzuki, '箇条書き').click(), ['p 家族は遠方', 'ul 本人は{}', 'p '], false],
  ['その先頭で Backspace を押して前の段落につなげても', (suzuki: Page) => suzuki.keyboard.press('Backspace'), ['p 家族は遠方本人は{}'], false],
  ['カーソルの前で Enter を押して分けても', async (suzuki: Page) => {
    await suzuki.keyboard.press('ArrowRight');
    await suzuki.keyboard.press('Enter');
  }, ['p 家族は遠方', 'p 本', 'p 人は{}'], false],
] as const) {
  const [where, typed] = selected ? ['選んだ語', '一人暮らし'] : ['カーソル', '、独居'];
  it(`鈴木が佐藤の${where}のある段落を${name}、佐藤の${where}は文中のその場所にあり、続けて打つ字はそこに入る`, async () => {
    const { sato, suzuki } = await satoWroteTwoLines(`E2E 佐藤の${where}のある段落を${name}`);
    await pressTimes(sato, 'ArrowLeft', '独居'.length);
    if (selected) await pressTimes(sato, 'Shift+ArrowRight', '独居'.length);
    await caretInParagraph(suzuki, 1);
    await change(suzuki);
    await expect.poll(() => blocksOf(sato)).toEqual(merged.map((block) => block.replace('{}', '独居')));
    await sato.keyboard.insertText(typed.replace('独居', ''));
    for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(merged.map((block) => block.replace('{}', typed)));
  });
}

// The text a colleague moves is theirs in Yjs: one's undo step found nothing of it left, and Yjs
// took back the step before it, elsewhere (here 「家族は遠方」).
it('元に戻す after a colleague made one’s paragraph a heading takes back one’s last words in it, not one’s words before them, and やり直す brings them back', async () => {
  const { sato, suzuki } = await satoWroteTwoLines('E2E 見出しにされた段落で元に戻す');
  await caretInParagraph(suzuki, 1);
  await formatButton(suzuki, '見出し').click();
  await expect.poll(() => blocksOf(sato)).toEqual(['p 家族は遠方', 'h2 本人は独居', 'p ']);
  await sato.keyboard.press('Control+z');
  for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(['p 家族は遠方', 'h2 本人は', 'p ']);
  await sato.keyboard.press('Control+y');
  for (const page of [sato, suzuki]) await expect.poll(() => blocksOf(page)).toEqual(['p 家族は遠方', 'h2 本人は独居', 'p ']);
});

it('keys pressed before the browser has told the editor where the caret moved act where the caret is shown', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 速い打鍵');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('一段落目。');
  await sato.keyboard.press('Enter');
  await sato.keyboard.insertText('本人：ひとり');
  await expect.poll(() => editorText(suzuki)).toBe('一段落目。\n本人：ひとり');
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+Home');
  await settled(suzuki);

  // As on a loaded machine, where that news comes after the next keys: here it never comes.
  await suzuki.evaluate(() => document.addEventListener('selectionchange', (event) => event.stopImmediatePropagation(), { capture: true }));
  await suzuki.keyboard.press('Control+End');
  await suzuki.keyboard.press('Enter');
  await suzuki.keyboard.insertText('三');
  // Before, Enter split the summary at its start, where the editor still had its caret: 「\n三一段落目。…」.
  for (const page of [suzuki, sato]) await expect.poll(() => editorText(page)).toBe('一段落目。\n本人：ひとり\n三');
});

it('Enter in the middle of a paragraph on Android splits it at the caret', async () => {
  const caseId = await createCase(suite.server, 'E2E Android の Enter');
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  // The editor (ProseMirror) tells Android Chrome by its user agent and leaves Enter to it there.
  const { page: sato } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36' });
  });
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人：ひとり暮らし');
  await sato.keyboard.press('Home');
  await pressTimes(sato, 'ArrowRight', '本人：'.length);
  await settled(sato);
  await sato.keyboard.press('Enter');
  await sato.keyboard.insertText('独居、');
  // Before, it split the paragraph at its start (「\n独居、本人：ひとり暮らし」): the editor took its
  // caret from the paragraph the browser had just made, before making its own split.
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人：\n独居、ひとり暮らし');
});

it('an empty summary offers its usual sections as headings: the caret lands under the first, and the offer goes away', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E ひな形');
  const offer = (page: typeof sato) => page.getByRole('button', { name: /見出しのひな形を入れる/ });
  expect(await offer(suzuki).count()).toBe(1);
  await offer(sato).click();
  await expect.poll(() => editorBlocks(suzuki, 'h2')).toEqual(['本人の状況', '本人・家族の意向', '課題', 'これまでの支援', '検討したいこと']);
  await expect.poll(() => offer(suzuki).count()).toBe(0);
  expect(await offer(sato).count()).toBe(0);
  await typeWithIme(sato, ['どっきょ'], '独居');
  await expect.poll(() => editorBlocks(suzuki, 'h2 + p')).toEqual(['独居', '', '', '', '']);
});

it('a double-click on 見出しのひな形を入れる lays out the headings once and formats nothing, though the toolbar moves up under the pointer as the offer goes away', async () => {
  const caseId = await createCase(suite.server, 'E2E ひな形の二度押し');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await sato.getByRole('button', { name: /見出しのひな形を入れる/ }).dblclick();
  await expect.poll(() => editorBlocks(sato, 'h2')).toEqual(['本人の状況', '本人・家族の意向', '課題', 'これまでの支援', '検討したいこと']);
  expect(await editorBlocks(sato, 'h2 + p')).toEqual(['', '', '', '', '']);
  expect(await sato.getByRole('toolbar', { name: '書式', exact: true }).getByRole('button', { pressed: true }).count()).toBe(0);
});

it('formats the summary from the toolbar: the other browser sees the headings and lists, and undo takes back only one’s own edits', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E 書式');
  const button = (page: typeof sato, name: string) => page.getByRole('toolbar', { name: '書式', exact: true }).getByRole('button', { name, exact: true });

  // Nothing typed yet: nothing to undo.
  await clickIn(sato.getByLabel('ケース概要'));
  expect(await button(sato, '元に戻す').isDisabled()).toBe(true);
  await button(sato, '見出し').click();
  expect(await button(sato, '見出し').getAttribute('aria-pressed')).toBe('true');
  await typeWithIme(sato, ['ほんにん', 'ほんにんのじょうきょう'], '本人の状況'); // the click left the caret in the editor
  await sato.keyboard.press('Enter');
  expect(await button(sato, '見出し').getAttribute('aria-pressed')).toBe('false');
  await button(sato, '箇条書き').click();
  expect(await button(sato, '箇条書き').getAttribute('aria-pressed')).toBe('true');
  await typeWithIme(sato, ['どっきょ'], '独居');
  await sato.keyboard.press('Enter');
  await sato.keyboard.insertText('要介護2');

  const suzukiEditor = suzuki.getByLabel('ケース概要');
  await expect.poll(() => editorBlocks(suzuki, 'h2')).toEqual(['本人の状況']);
  await expect.poll(() => editorBlocks(suzuki, 'ul > li')).toEqual(['独居', '要介護2']);

  // Suzuki adds a paragraph of their own under the list.
  await clickIn(suzukiEditor);
  await suzuki.keyboard.press('Control+End');
  await suzuki.keyboard.press('Enter');
  await suzuki.keyboard.press('Enter'); // an empty list item's Enter leaves the list
  await suzuki.keyboard.insertText('見守りを週2回');
  await expect.poll(() => editorBlocks(sato, 'p')).toContain('見守りを週2回');

  // Sato's undo takes back Sato's typing (at least the last item), never Suzuki's paragraph; redo brings it back.
  await button(sato, '元に戻す').click();
  await expect.poll(() => editorBlocks(suzuki, 'li')).not.toContain('要介護2');
  expect(await editorBlocks(suzuki, 'p')).toContain('見守りを週2回');
  await button(sato, 'やり直す').click();
  await expect.poll(() => editorBlocks(suzuki, 'ul > li')).toEqual(['独居', '要介護2']);
  expect(await editorBlocks(suzuki, 'p')).toContain('見守りを週2回');

  // By keyboard alone: Shift+Tab from the editor reaches the toolbar, one tab stop for all its
  // buttons; the arrow keys move along it, and Enter applies and puts the caret back.
  const focused = () => suzuki.evaluate(() => document.activeElement?.textContent);
  await suzuki.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('見出し');
  expect(await suzuki.getByRole('toolbar', { name: '書式', exact: true }).locator('[tabindex="0"]').count()).toBe(1);
  await suzuki.keyboard.press('ArrowLeft'); // round to the last enabled button (nothing of Suzuki's to redo)
  expect(await focused()).toBe('元に戻す');
  await suzuki.keyboard.press('Home');
  await suzuki.keyboard.press('ArrowRight');
  expect(await focused()).toBe('小見出し');
  await suzuki.keyboard.press('Enter');
  await expect.poll(() => editorBlocks(sato, 'h3')).toEqual(['見守りを週2回']);
  expect(await suzuki.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);

  // A pasted table comes as one line a row, its cells apart; a pasted image is left out, its alt
  // text kept in its place, and the writer is told both (until their next key).
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.press('Control+End');
  const paragraphs = (await editorBlocks(sato, 'p')).length;
  await sato.keyboard.press('Enter');
  // The new line is on both screens before the paste (without waiting, the paste now and then landed before it).
  await expect.poll(async () => (await editorBlocks(suzuki, 'p')).length).toBe(paragraphs + 1);
  await pasteIntoSummary(
    sato,
    '<p>訪問記録</p><table><thead><tr><th>日付</th><th>内容</th></tr></thead><tbody><tr><td>11/1</td><td><p>訪問</p><p>本人不在</p></td></tr>' +
      '<tr><td>11/8</td><td>電話</td></tr></tbody></table><p>自宅→<img src="data:image/png;base64,iVBORw0KGgo=" alt="自宅周辺の地図">←</p>',
  );
  const pasted = ['訪問記録', '日付 ｜ 内容', '11/1 ｜ 訪問 本人不在', '11/8 ｜ 電話', '自宅→［画像：自宅周辺の地図］←'];
  await expect.poll(async () => (await editorBlocks(suzuki, 'p')).slice(-5)).toEqual(pasted);
  const notice = sato.locator('.paste-notice');
  expect(await notice.textContent()).toBe('表は1行ずつ、項目を「｜」で区切った文章として貼り付けました。画像は貼り付けられません。文章だけを貼り付けました。');
  await sato.keyboard.press('End');
  expect(await notice.count()).toBe(0);
  await pasteIntoSummary(sato, '', true); // a screenshot: nothing else to take
  expect(await notice.textContent()).toBe('画像は貼り付けられません。');
  expect((await editorBlocks(sato, 'p')).slice(-5)).toEqual(pasted);

  // A version saved before any conference met has no minutes: there was no meeting.
  const saveVersion = async (label: string) => {
    await sato.getByLabel('版の名前').fill(label);
    await sato.getByRole('button', { name: '版を保存' }).click();
    await sato.getByRole('status').filter({ hasText: `「${label}」を保存しました` }).waitFor();
    await sato.getByRole('link', { name: '記録一覧' }).click();
    await sato.getByRole('link', { name: label }).click();
    await expect.poll(() => sato.getByLabel('記録時のケース概要').locator('h2').textContent()).toBe('本人の状況');
  };
  await saveVersion('会議の前');
  expect(await sato.getByTestId('no-minutes').textContent()).toBe(NO_MINUTES_WITHOUT_CONFERENCE);
  expect(await sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).count()).toBe(0);
  // Its minutes' address, typed or bookmarked, opens a page of the app saying why there are none.
  const typed = await sato.context().newPage();
  await typed.goto(`${suite.server.url}/api${new URL(sato.url()).pathname}/minutes?format=html`);
  await expect.poll(() => typed.getByRole('alert').textContent()).toBe(NO_MINUTES_WITHOUT_CONFERENCE);
  expect(await typed.getByRole('heading', { level: 1 }).textContent()).toBe('議事録を表示できません');
  await typed.getByRole('link', { name: 'この版の記録を開く' }).click();
  await typed.getByTestId('no-minutes').waitFor();
  await typed.close();

  // A saved version's minutes keep the headings and lists as headings and lists (the lines pasted as paragraphs).
  await sato.getByRole('link', { name: 'ケースを開く' }).click();
  await planConference(sato, '2026-12-07');
  await startShownConference(sato);
  await saveVersion('書式の確認');
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  expect(await minutes.locator('.summary').first().innerHTML()).toBe(
    '<h3>本人の状況</h3>\n<ul><li><p>独居</p></li><li><p>要介護2</p></li></ul>\n<h4>見守りを週2回</h4>\n' +
      ['訪問記録', '日付 ｜ 内容', '11/1 ｜ 訪問 本人不在', '11/8 ｜ 電話', '自宅→［画像：自宅周辺の地図］←'].map((line) => `<p>${line}</p>`).join('\n'),
  );
});

/** What Word for Windows puts on the clipboard for a Japanese document with four lists (the web app's unit tests paste it too). */
const WORD_LISTS = readFileSync(fileURLToPath(new URL('../../apps/web/test/fixtures/word-lists-ja.html', import.meta.url)), 'utf8');

it('lists pasted from Word are lists, bulleted or numbered, levels nested and Word’s drawn markers gone, for the colleague too', async () => {
  const { sato, suzuki } = await caseWithTwoEditors('E2E Wordの箇条書き');
  await clickIn(sato.getByLabel('ケース概要'));
  await pasteIntoSummary(sato, WORD_LISTS);
  for (const page of [sato, suzuki]) {
    await expect.poll(() => editorBlocks(page, ':scope > ul > li > p')).toEqual(['独居（長男は県外）', '要介護2（令和8年10月認定）', '服薬管理が難しい', 'ごみ出しの日が分からない']);
    expect(await editorBlocks(page, 'li > ul > li')).toEqual(['デイサービス週2回', '訪問介護週3回', '飲み忘れが週に数回ある']);
    expect(await editorBlocks(page, ':scope > ol > li')).toEqual(['地域包括支援センターが月1回訪問する', '民生委員が週2回見守る', '主治医に服薬状況を伝える', '長男に電話で状況を伝える']);
    expect(await editorBlocks(page, ':scope > p')).toEqual(['本人の状況', '課題', '今後の対応', '次回までに', '']);
  }
  await connectionReaches(sato, '同期済み');
});
