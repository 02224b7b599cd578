import { readFile } from 'node:fs/promises';
import { dayInJapan, JAPAN_TIME_ZONE } from '@care/schema';
import { grantAccess } from '@care/server/test/sessions';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  agreeActionItem,
  answerLeaving,
  byOwnClock,
  clickIn,
  closeShownConference,
  connectionReaches,
  createCase,
  editorBlocks,
  editorText,
  goOffline,
  holdMessages,
  imeComposition,
  joinLiveConference,
  openCase,
  openCaseAsMember,
  planConference,
  settled,
  sidewaysOverflow,
  startShownConference,
  typeWithIme,
  useServerAndBrowser,
} from './harness.ts';

const suite = useServerAndBrowser();

const status = (page: Page) => page.getByTestId('conference-status').textContent();
/** The prompt an empty case summary shows (a placeholder: not part of the text). */
const summaryPrompt = async (page: Page) => {
  const empty = page.getByLabel('ケース概要').locator('p.is-editor-empty');
  return (await empty.count()) === 0 ? undefined : ((await empty.getAttribute('data-placeholder')) ?? undefined);
};
const notes = (page: Page) => page.getByLabel('検討内容', { exact: true });
const roleOf = (page: Page, name: string) => page.getByTestId('participant').filter({ hasText: name }).getByTestId('role').textContent();

/** On the case list shown: the case's next conference comes to read `expected`. The list reads the cases as stored, so it is reloaded until then. */
async function expectNextListed(page: Page, caseTitle: string, expected: string) {
  const next = async () => {
    await page.reload();
    return page.getByTestId('case').filter({ hasText: caseTitle }).getByTestId('next-conference').textContent({ timeout: 5_000 }).catch(() => undefined);
  };
  await expect.poll(next, { timeout: 30_000 }).toBe(expected);
}

/**
 * A case with a conference on 2026-11-23 that 佐藤 (地域包括) has started, open in the browser of
 * 田中 (居宅介護支援事業所), a member whose access the test changes (member), once it shows 開催中.
 */
async function liveWithMember(title: string) {
  const caseId = await createCase(suite.server, title);
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const { page: tanaka, member } = await openCaseAsMember(suite, caseId, { name: '田中', agency: '居宅介護支援事業所' });
  await scheduleAndStart(sato, '2026-11-23');
  await expect.poll(() => status(tanaka)).toBe('開催中');
  return { caseId, sato, tanaka, member };
}

async function scheduleAndStart(page: Page, date: string) {
  await planConference(page, date);
  await startShownConference(page);
}

/** A case with a conference on 2026-11-23 that 佐藤 (地域包括) has started, open in 鈴木's (社協) browser too. */
async function liveWithTwo(title: string, suzukisAgency = '社会福祉協議会') {
  const caseId = await createCase(suite.server, title);
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: suzukisAgency });
  await scheduleAndStart(sato, '2026-11-23');
  await expect.poll(() => status(suzuki)).toBe('開催中');
  return { sato, suzuki };
}

it('the facilitator assigns 記録 and an observer; the others see it at once and only the facilitator has the controls', async () => {
  const caseId = await createCase(suite.server, 'E2E 役割');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  const tanaka = await openCase(suite, caseId, { name: '田中', agency: '民生委員' });

  await scheduleAndStart(sato, '2026-11-23');
  await expect.poll(() => roleOf(suzuki, '佐藤')).toBe('司会');
  for (const page of [suzuki, tanaka]) await expect.poll(() => status(page)).toBe('開催中');
  // Joining confirms 守秘義務: without it, the form says so and nobody is added.
  await suzuki.getByRole('button', { name: 'この会議に参加' }).click();
  await expect.poll(() => suzuki.getByRole('alert').textContent()).toBe('守秘義務の確認にチェックしてから参加してください。');
  expect(await suzuki.getByLabel(/守秘義務を確認しました/).getAttribute('aria-invalid')).toBe('true');
  expect(await sato.getByTestId('participant').count()).toBe(1);
  expect(await sidewaysOverflow(suzuki)).toEqual([]); // the join form, its pledge and its message fit the side column
  await joinLiveConference(suzuki, '社会福祉士');
  await joinLiveConference(tanaka, '民生委員');
  // Whoever started it confirms afterwards; until then everyone sees that they have not.
  const unconfirmed = (page: Page) => page.getByTestId('participant').filter({ hasText: '守秘義務 未確認' }).allTextContents();
  await expect.poll(() => unconfirmed(suzuki)).toEqual([expect.stringContaining('佐藤')]);
  await sato.getByRole('button', { name: '守秘義務を確認' }).click();
  await expect.poll(() => unconfirmed(suzuki)).toEqual([]);
  await expect.poll(() => sato.getByTestId('participant').count()).toBe(3); // 田中's join comes over another socket

  // A version kept: whoever may edit is offered to put it back (田中 reads the list as the page opens) …
  await suzuki.getByLabel('版の名前').fill('役割の前');
  await suzuki.getByRole('button', { name: '版を保存' }).click();
  await tanaka.reload();
  await connectionReaches(tanaka, '同期済み');
  await expect.poll(() => tanaka.getByRole('button', { name: '復元' }).count()).toBe(1);

  await sato.getByLabel('鈴木の役割').selectOption('記録');
  await sato.getByLabel('田中の役割').selectOption('オブザーバー');
  // … an observer, who may not, is not (the server would refuse it).
  await expect.poll(() => tanaka.getByRole('button', { name: '復元' }).count()).toBe(0);
  await expect.poll(() => roleOf(suzuki, '鈴木')).toBe('記録');
  expect(await suzuki.getByTestId('recorders').textContent()).toBe('記録：鈴木'); // who keeps the 検討内容
  await expect.poll(() => roleOf(tanaka, '田中')).toBe('オブザーバー');

  // The facilitator's side panels (roles, agenda and its form) fit their column, before and after the agenda is filled.
  expect(await sidewaysOverflow(sato)).toEqual([]);
  // The agenda timer the facilitator starts runs on everyone's screen.
  await sato.getByRole('button', { name: /標準の議題/ }).click();
  expect(await sidewaysOverflow(sato)).toEqual([]);
  await sato.getByLabel('事例紹介のタイマーを開始').click();
  const timer = suzuki.getByTestId('agenda-timer');
  await expect.poll(() => timer.count()).toBe(1);
  const shown = await timer.textContent();
  await expect.poll(() => timer.textContent(), { timeout: 10_000 }).not.toBe(shown);
  expect(await suzuki.getByLabel('事例紹介のタイマーを開始').count()).toBe(0);

  // Facilitator controls are the facilitator's alone.
  expect(await suzuki.getByRole('button', { name: '会議を終了' }).count()).toBe(0);
  expect(await suzuki.getByLabel('田中の役割').count()).toBe(0);
  // The observer reads the summary but cannot type into it; the recorder can.
  await expect.poll(() => tanaka.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  expect(await suzuki.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('true');
  expect(await tanaka.getByRole('toolbar', { name: '書式', exact: true }).count()).toBe(0);
  expect(await suzuki.getByRole('toolbar', { name: '書式', exact: true }).count()).toBe(1);
  expect(await tanaka.getByRole('button', { name: '対応事項を追加' }).count()).toBe(0);

  // Coming back as an observer writes nothing on its own: no refusal, still read-only.
  await tanaka.reload();
  await connectionReaches(tanaka, '同期済み');
  await expect.poll(() => roleOf(tanaka, '田中')).toBe('オブザーバー');
  expect(await tanaka.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  // The empty summary says what goes in it, to those who may write it only.
  expect(await summaryPrompt(suzuki)).toContain('本人の状況');
  expect(await summaryPrompt(tanaka)).toBeUndefined();
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.insertText('記録：本人の意向を確認');
  await expect.poll(() => tanaka.getByLabel('ケース概要').textContent()).toContain('記録：本人の意向を確認');
  expect(await summaryPrompt(suzuki)).toBeUndefined();
  expect(await tanaka.getByTestId('refusal').count()).toBe(0);
});

it('the Enter that confirms a conversion in Safari (which ends the conversion first) leaves 自分の職種 to type on; the next Enter writes it', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E Safariの確定');
  const field = sato.getByLabel('自分の職種');
  await field.click();
  const ime = await imeComposition(sato);
  await ime.update('しゅにん');
  await ime.commit('主任', 'Safari');
  await settled(sato);

  // Before, that Enter left the field, writing 「主任」 half-typed.
  expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
  await sato.keyboard.insertText('介護支援専門員');
  await sato.keyboard.press('Enter');
  const satoListed = suzuki.getByTestId('participant').filter({ hasText: '佐藤' }).locator('small');
  await expect.poll(() => satoListed.textContent()).toBe('地域包括支援センター・主任介護支援専門員');
});

it("an advisor's 職種 takes no more than the record keeps, so the role stays; cleared, it is gone. Whoever started the conference gives their own", async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 助言者の職種');
  const satoListed = (page: Page) => page.getByTestId('participant').filter({ hasText: '佐藤' }).locator('small').textContent();
  await sato.getByLabel('自分の職種').fill('社会福祉士');
  await sato.getByLabel('自分の職種').press('Enter'); // Enter writes it, as leaving the field does
  await expect.poll(() => satoListed(suzuki)).toBe('地域包括支援センター・社会福祉士');
  await sato.getByLabel('自分の職種').fill('');
  await sato.getByLabel('自分の職種').blur();
  await expect.poll(() => satoListed(suzuki)).toBe('地域包括支援センター');
  await joinLiveConference(suzuki, '薬剤師');
  expect(await suzuki.getByLabel('自分の職種').inputValue()).toBe('薬剤師');
  await sato.getByLabel('鈴木の役割').selectOption('助言者');
  await expect.poll(() => roleOf(suzuki, '鈴木')).toBe('助言者（薬剤師）');
  const profession = sato.getByLabel('鈴木の職種');
  await profession.fill('');
  await profession.pressSequentially('地域包括支援センター'.repeat(5)); // 50 characters
  const kept = '地域包括支援センター'.repeat(4);
  expect(await profession.inputValue()).toBe(kept);
  await profession.blur();
  await expect.poll(() => roleOf(suzuki, '鈴木')).toBe(`助言者（${kept}）`);
  await sato.getByLabel('鈴木の職種').fill('');
  await sato.getByLabel('鈴木の職種').blur();
  await expect.poll(() => roleOf(suzuki, '鈴木')).toBe('助言者');
  await connectionReaches(sato, '同期済み');
  expect(await sato.getByTestId('refusal').count()).toBe(0);
});

it('text pasted or converted (IME) past a field’s limit is cut by the browser: the field says how much did not go in, and what was typed before stays', async () => {
  const { sato } = await liveWithTwo('E2E 文字数の上限');
  await sato.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
  const issues = sato.getByRole('region', { name: '地域課題' });
  const issue = issues.getByRole('textbox', { name: '地域課題', exact: true });
  const typed = '移動手段がなく、';
  const pasted = '買い物に困る高齢者が多い。'.repeat(16); // 208 characters, to 200 in all
  await issue.fill(typed);
  await sato.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await issue.press('Control+V');
  await expect.poll(() => issue.inputValue()).toBe(`${typed}${pasted}`.slice(0, 200));
  await expect.poll(() => issues.getByRole('alert').textContent()).toBe('200文字までです。貼り付けた文の後ろ16文字（「多い。買い物に困る高齢者が多い。」）は入りませんでした。');
  await issue.press('Backspace'); // typed in again: the note has been read
  expect(await issues.getByRole('alert').count()).toBe(0);

  // A conversion committed past a 議題's 60 characters: its end is cut, the rest of the field stays.
  const title = sato.getByRole('textbox', { name: '議題', exact: true });
  const begun = '服薬管理の方法と見守り体制の確認（'.repeat(3); // 51
  await title.fill(begun);
  const ime = await imeComposition(sato);
  await ime.update('かんりえいようしからのじょげん');
  await ime.commit('管理栄養士からの助言'); // 10, one too many
  await settled(sato);
  expect(await title.inputValue()).toBe(`${begun}管理栄養士からの助`);
  expect(await sato.getByRole('alert').filter({ hasText: '変換した文' }).textContent()).toBe('60文字までです。変換した文の後ろ1文字（「言」）は入りませんでした。');
});

it("a 職種 being typed stays when a colleague changes it meanwhile, and says so; left, it is written over theirs. Not typing, theirs shows at once", async () => {
  const caseId = await createCase(suite.server, 'E2E 職種の書き換え');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会', role: 'coordinator' });
  await scheduleAndStart(sato, '2026-11-23');
  await joinLiveConference(suzuki, '薬剤師');
  await sato.getByLabel('鈴木の役割').selectOption('助言者');
  const field = (page: Page) => page.getByLabel('鈴木の職種');
  await expect.poll(() => field(suzuki).inputValue()).toBe('薬剤師');
  await field(suzuki).fill('管理栄養士');
  await field(suzuki).press('Enter');
  await expect.poll(() => field(sato).inputValue()).toBe('管理栄養士');

  await field(sato).fill('理学');
  await field(suzuki).fill('作業療法士');
  await field(suzuki).press('Enter');
  const told = sato.getByRole('alert').filter({ hasText: 'ほかの参加者が職種を' });
  await expect.poll(() => told.textContent()).toContain('「作業療法士」に書き換えました');
  expect(await field(sato).inputValue()).toBe('理学');
  await sato.keyboard.insertText('療法士'); // still in the field, typing on
  await field(sato).press('Enter');
  for (const page of [sato, suzuki]) await expect.poll(() => field(page).inputValue()).toBe('理学療法士');
  expect(await told.count()).toBe(0);
});

it('a 司会 who gives up the role is asked first; then no one is offered roles to give, only to become 司会 themselves', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 司会のいない会議');
  await joinLiveConference(suzuki);
  const asked: string[] = [];
  let answer: 'accept' | 'dismiss' = 'dismiss';
  sato.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog[answer]();
  });
  await sato.getByLabel('佐藤の役割').selectOption('記録');
  await expect.poll(() => asked).toEqual([expect.stringContaining('司会がいなくなります')]);
  await expect.poll(() => sato.getByLabel('佐藤の役割').inputValue()).toBe('司会');
  answer = 'accept';
  await sato.getByLabel('佐藤の役割').selectOption('記録');
  await expect.poll(() => roleOf(suzuki, '佐藤')).toBe('記録');
  expect(asked).toHaveLength(2);
  for (const page of [sato, suzuki]) {
    await expect.poll(() => page.getByRole('button', { name: '自分が司会になる' }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: /の役割$/ }).count()).toBe(0);
  }
  await suzuki.getByRole('button', { name: '自分が司会になる' }).click();
  await expect.poll(() => roleOf(sato, '鈴木')).toBe('司会');
  expect(await suzuki.getByRole('combobox', { name: /の役割$/ }).count()).toBe(2);
  expect(await sato.getByRole('button', { name: '自分が司会になる' }).count()).toBe(0);
  await connectionReaches(suzuki, '同期済み');
  expect(await suzuki.getByTestId('refusal').count()).toBe(0);
});

it("a facilitator's device whose clock is an hour behind still runs the shared timer by the server's clock: it reads the same on every screen", async () => {
  const caseId = await createCase(suite.server, 'E2E 時計のずれ');
  const behind = async (page: Page) => page.clock.install({ time: Date.now() - 3_600_000 });
  const { page: sato } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, behind);
  expect(await sato.evaluate(() => Date.now())).toBeLessThan(Date.now() - 3_500_000);
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await scheduleAndStart(sato, '2026-11-23');
  await sato.getByRole('button', { name: /標準の議題/ }).click();
  await sato.getByLabel('事例紹介のタイマーを開始').click();
  // Started "now" by the server's clock: a few seconds on both screens, not an hour on the punctual one.
  for (const page of [sato, suzuki]) await expect.poll(() => page.getByTestId('agenda-timer').textContent()).toMatch(/^0:0\d$/);
});

it('a device set to another time zone, its clock days behind, shows days and times as they are in Japan: the day a conference is planned for, when a version was saved', async () => {
  const caseId = await createCase(suite.server, 'E2E 時差');
  const elsewhere = async (page: Page) => {
    await page.clock.install({ time: Date.now() - 3 * 86_400_000 });
    await (await page.context().newCDPSession(page)).send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
  };
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, elsewhere);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
  // A new conference is planned for today in Japan by default (the page's own today is days earlier).
  await expect.poll(() => page.getByLabel('開催日').inputValue()).toBe(dayInJapan());
  // A saved version is named with the time in Japan (in Los Angeles it is 17 hours earlier).
  const inJapan = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: JAPAN_TIME_ZONE });
  const before = inJapan.format(Date.now());
  await page.getByLabel('版の名前').fill('時差の確認');
  await page.getByRole('button', { name: '版を保存' }).click();
  await page.getByRole('status').filter({ hasText: '「時差の確認」を保存しました' }).waitFor();
  const saved = await page.getByLabel('戻す版').locator('option').nth(1).textContent();
  expect([`時差の確認（${before}）`, `時差の確認（${inJapan.format(Date.now())}）`]).toContain(saved);
});

it("the facilitator reorders the agenda and changes a time box; the record gives each item's time on the shared timer", async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 議題');
  await sato.getByRole('button', { name: /標準の議題/ }).click();
  const agenda = (page: Page) => page.getByTestId('agenda-item').allTextContents();
  await sato.getByRole('button', { name: 'まとめを上へ' }).click();
  await sato.getByLabel('助言の時間（分）').fill('20');
  await sato.getByLabel('助言の時間（分）').press('Enter');
  await expect.poll(() => agenda(suzuki)).toEqual(['事例紹介5分', '質疑10分', 'まとめ5分', '助言20分']);
  // Not a time box: it goes back to what it was.
  await sato.getByLabel('質疑の時間（分）').fill('0');
  await sato.getByLabel('質疑の時間（分）').press('Enter');
  expect(await sato.getByLabel('質疑の時間（分）').inputValue()).toBe('10');
  // A new item's name stops at its longest; the form says what is missing and marks that field.
  const form = sato.locator('.agenda-form');
  await form.getByLabel('議題', { exact: true }).fill('退院後の在宅生活の継続'.repeat(6));
  expect(await form.getByLabel('議題', { exact: true }).inputValue()).toHaveLength(60);
  await form.getByLabel('時間（分）', { exact: true }).fill('');
  await form.getByRole('button', { name: '追加' }).click();
  await form.getByText('時間（分）を入力してください。').waitFor();
  expect(await form.getByLabel('時間（分）', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByLabel('議題', { exact: true }).getAttribute('aria-invalid')).toBeNull();
  // Over the longest time box, the form says so in the schema's words (not the browser's own bubble).
  await form.getByLabel('時間（分）', { exact: true }).fill('181');
  await form.getByRole('button', { name: '追加' }).click();
  await form.getByText('時間（分）は1〜180分にしてください。').waitFor();
  expect(await form.getByLabel('時間（分）', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await suzuki.getByRole('button', { name: '助言を上へ' }).count()).toBe(0); // the facilitator's to arrange

  // Moving on to the next item keeps the time of the one left, on every screen.
  await sato.getByLabel('事例紹介のタイマーを開始').click();
  await expect.poll(() => suzuki.getByLabel('事例紹介の経過時間').textContent(), { timeout: 10_000 }).toMatch(/^0:0[1-9]$/); // a late tick may skip 0:01
  // The time used is by the facilitator's reading of the server's clock, which may be a fraction of a second from 鈴木's.
  await expect.poll(() => sato.getByLabel('事例紹介の経過時間').textContent(), { timeout: 10_000 }).toMatch(/^0:0[2-9]$/);
  await sato.getByLabel('質疑のタイマーを開始').click();
  await expect.poll(() => suzuki.getByLabel('事例紹介に使った時間').textContent()).toMatch(/^済 0:0[1-9]$/);
  expect(await suzuki.getByLabel('質疑の経過時間').count()).toBe(1);

  await closeShownConference(sato);
  await expect.poll(() => status(sato)).toBe('終了');
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).click();
  await expect.poll(() => sato.getByRole('list', { name: '議題' }).getByRole('listitem').allTextContents()).toEqual([
    '事例紹介予定 5分・実際 1分未満',
    '質疑予定 10分・実際 1分未満',
    'まとめ予定 5分・実際 —',
    '助言予定 20分・実際 —',
  ]);
});

it('the 検討内容 of a conference is written together, through the IME, apart from the summary; its record and minutes keep it as at the close', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 検討内容');
  const outline = (page: Page) => page.getByRole('button', { name: /^議題を見出しにする/ });
  expect(await outline(suzuki).count()).toBe(0); // no agenda yet
  await clickIn(notes(suzuki));
  await typeWithIme(suzuki, ['しゅじい'], '主治医より：');
  await suzuki.keyboard.insertText('服薬は朝1回にまとめる');
  // Who said it is picked from those present and put in at the caret.
  await suzuki.keyboard.press('Enter');
  await suzuki.getByLabel('発言者を入れる').selectOption('佐藤（地域包括支援センター）');
  await suzuki.keyboard.insertText('本人の意向を確認');
  await expect.poll(() => editorText(sato, '検討内容')).toBe('主治医より：服薬は朝1回にまとめる\n佐藤（地域包括支援センター）：本人の意向を確認');
  // The case summary is apart, and 鈴木's caret shows only where 鈴木 is.
  expect(await editorText(sato)).toBe('');
  const carets = (label: string) => sato.getByLabel(label, { exact: true }).locator('.collaboration-carets__caret').count();
  expect([await carets('検討内容'), await carets('ケース概要')]).toEqual([1, 0]);
  expect(await suzuki.getByRole('toolbar', { name: '検討内容の書式' }).count()).toBe(1);

  // Not closed unless the 司会 says yes to the question; with 検討内容 written, it no longer says it is missing.
  await closeShownConference(sato, 'dismiss');
  expect(await status(sato)).toBe('開催中');
  expect(await closeShownConference(sato)).not.toContain('検討内容がまだ書かれていません');
  // Ended: as recorded, for everyone.
  await expect.poll(() => notes(suzuki).getAttribute('contenteditable')).toBe('false');
  expect(await suzuki.getByRole('toolbar', { name: '検討内容の書式' }).count()).toBe(0);
  // The next conference has its own.
  await planConference(sato, '2026-12-21');
  await expect.poll(() => editorText(sato, '検討内容')).toBe('');
  expect(await notes(sato).getAttribute('contenteditable')).toBe('true');
  // Notes follow the agenda: once it has one, its items are offered as headings.
  await sato.getByRole('button', { name: /標準の議題/ }).click();
  await outline(sato).click();
  expect(await editorBlocks(sato, 'h2', '検討内容')).toEqual(['事例紹介', '質疑', '助言', 'まとめ']);
  await expect.poll(() => outline(sato).count()).toBe(0);

  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).click();
  await expect.poll(() => sato.getByLabel('記録時の検討内容').innerText()).toMatch(/^主治医より：服薬は朝1回にまとめる\n+佐藤（地域包括支援センター）：本人の意向を確認$/);
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  expect(await minutes.locator('body').innerText()).toMatch(/検討内容\s+主治医より：服薬は朝1回にまとめる\s+佐藤（地域包括支援センター）：本人の意向を確認\s+決定事項/);

  // Later, found again by words it holds, among the records of every case one may read, with the line.
  await sato.goto(new URL('/records', sato.url()).href);
  await sato.getByLabel('キーワード').fill('朝１回　主治医');
  await sato.getByRole('button', { name: '絞り込む' }).click();
  const rows = sato.getByRole('table', { name: 'タイムライン' }).locator('tbody tr');
  // Under its conference's day (which the timeline orders and filters by), saying when it was recorded: today.
  await expect.poll(() => rows.allTextContents()).toEqual([
    expect.stringMatching(/^2026\/11\/23（記録：\d{4}\/\d\d\/\d\d \d{1,2}:\d\d）2026-11-23 個別ケース検討（会議終了時の記録）主治医より：服薬は朝1回にまとめる/),
  ]);
});

it('the 記録’s last words, typed as the 司会 closes, are kept in the conference and its record, not refused', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 閉会間際の検討内容');
  // 鈴木's browser sends through a connection that holds its frames back while told to.
  const sent = await holdMessages(suzuki, 'browser');
  await suzuki.reload();
  await clickIn(notes(suzuki));
  await suzuki.keyboard.insertText('助言：服薬は朝1回に');
  await expect.poll(() => editorText(sato, '検討内容')).toBe('助言：服薬は朝1回に');

  // The last words leave 鈴木's browser just as 佐藤 closes: the server has the close first.
  sent.hold();
  await suzuki.keyboard.press('Enter');
  await suzuki.keyboard.insertText('次回は12月に');
  await closeShownConference(sato);
  await expect.poll(() => notes(suzuki).getAttribute('contenteditable')).toBe('false');
  sent.release();
  await expect.poll(() => editorText(sato, '検討内容')).toBe('助言：服薬は朝1回に\n次回は12月に');
  await connectionReaches(suzuki, '同期済み');
  expect(await suzuki.getByTestId('refusal').count()).toBe(0);

  // The record waits for them: the list says so, then shows it.
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).click();
  await expect.poll(() => sato.getByLabel('記録時の検討内容').innerText()).toMatch(/^助言：服薬は朝1回に\n+次回は12月に$/);
});

/**
 * `change` (on 鈴木's page) leaves 鈴木's browser just as 佐藤 closes the live conference: the server
 * has the close first. Then 佐藤 opens the record of `conference` and gives its minutes' text.
 */
async function sentAsClosed(sato: Page, suzuki: Page, change: () => Promise<void>, conference: string): Promise<string> {
  const sent = await holdMessages(suzuki, 'browser');
  await suzuki.reload();
  await connectionReaches(suzuki, '同期済み');
  sent.hold();
  await change();
  await closeShownConference(sato);
  await expect.poll(() => status(suzuki)).toBe('終了');
  sent.release();
  await connectionReaches(suzuki, '同期済み');
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: conference }).click();
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  return minutes.locator('body').innerText();
}

async function addItem(page: Page, what: string, owner: string, agency: string, due: string) {
  await page.getByLabel('対応内容').fill(what);
  await page.getByLabel('担当者').fill(owner);
  await page.getByLabel('担当機関').selectOption(agency);
  await page.getByLabel('期限').fill(due);
  await page.getByRole('button', { name: '対応事項を追加' }).click();
}

it('the 記録’s last action item, added as the 司会 closes, is among what the conference decided in its record and minutes', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 閉会間際の対応事項');
  const minutes = await sentAsClosed(sato, suzuki, () => addItem(suzuki, '配食サービスを申し込む', '鈴木', '社会福祉協議会', '2026-12-10'), '2026-11-23 個別ケース検討');
  await expect.poll(() => sato.getByRole('table', { name: 'この会議の対応事項' }).textContent()).toContain('配食サービスを申し込む鈴木社会福祉協議会2026-12-10未着手');
  expect(minutes).toContain('配食サービスを申し込む（担当：鈴木・社会福祉協議会、期限：2026年12月10日（木））');
});

/** 佐藤 and 鈴木 at the second conference of a new case (2026-12-04), reviewing 受診に同行する, agreed at the first. */
async function reviewingWithTwo(title: string) {
  const { sato, suzuki } = await liveWithTwo(title);
  await addItem(sato, '受診に同行する', '鈴木', '社会福祉協議会', '2026-11-30');
  await expect.poll(() => sato.getByTestId('agreed-items').textContent()).toContain('受診に同行する');
  await closeShownConference(sato);
  await scheduleAndStart(sato, '2026-12-04');
  await expect.poll(() => status(suzuki)).toBe('開催中');
  return { sato, suzuki };
}

it('an item marked 完了 at the review just as the 司会 closes is reviewed at that conference, in its record and minutes', async () => {
  const { sato, suzuki } = await reviewingWithTwo('E2E 閉会間際の状況');
  const minutes = await sentAsClosed(sato, suzuki, () => suzuki.getByLabel('受診に同行するの状況').selectOption('完了').then(() => undefined), '2026-12-04 個別ケース検討');
  await expect.poll(() => sato.getByRole('table', { name: '前回までの対応事項の確認' }).textContent()).toContain('完了');
  expect(minutes).toContain('前回までの対応事項「受診に同行する」を完了とする');
});

it('the 記録’s last edits of items, saved as the 司会 closes, are in the conference’s record and minutes: an item agreed there, an earlier one’s 経過', async () => {
  const { sato, suzuki } = await reviewingWithTwo('E2E 閉会間際の対応事項の変更');
  await addItem(sato, '配食サービスを申し込む', '鈴木', '社会福祉協議会', '2026-12-10');
  await expect.poll(() => suzuki.getByTestId('agreed-items').textContent()).toContain('配食サービスを申し込む');
  const minutes = await sentAsClosed(
    sato,
    suzuki,
    async () => {
      await suzuki.getByLabel('受診に同行するの経過').fill('長女に電話済み');
      await suzuki.getByLabel('受診に同行するの経過').press('Enter');
      await suzuki.getByLabel('配食サービスを申し込むを編集').click();
      const editing = suzuki.getByTestId('agreed-items');
      await editing.getByLabel('対応内容').fill('配食サービスを週3回申し込む');
      await editing.getByLabel('期限').fill('2026-12-20');
      await editing.getByRole('button', { name: '保存' }).click();
    },
    '2026-12-04 個別ケース検討',
  );
  await expect.poll(() => sato.getByRole('table', { name: 'この会議の対応事項' }).textContent()).toContain('配食サービスを週3回申し込む鈴木社会福祉協議会2026-12-20未着手');
  expect(await sato.getByRole('table', { name: '前回までの対応事項の確認' }).textContent()).toContain('長女に電話済み');
  expect(minutes).toContain('配食サービスを週3回申し込む（担当：鈴木・社会福祉協議会、期限：2026年12月20日（日））');
  expect(minutes).toContain('長女に電話済み');
});

it('two 司会 closing the conference at the same moment both close it: neither is told the server refused their change', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 同時に閉会');
  await joinLiveConference(suzuki);
  await expect.poll(() => sato.getByTestId('participant').count()).toBe(2);
  await sato.getByLabel('鈴木の役割').selectOption('司会');
  const sent = await holdMessages(suzuki, 'browser');
  await suzuki.reload();
  await connectionReaches(suzuki, '同期済み');
  // 鈴木's close leaves the browser just as 佐藤's reaches the server.
  sent.hold();
  await closeShownConference(suzuki);
  await closeShownConference(sato);
  await expect.poll(() => status(suzuki)).toBe('終了');
  sent.release();
  await connectionReaches(suzuki, '同期済み');
  expect(await suzuki.getByTestId('refusal').count()).toBe(0);
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await expect.poll(() => sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).count(), { timeout: 30_000 }).toBe(1);
});

it('a kana-to-kanji conversion under way as the 司会 closes is finished, kept, and only then is the 検討内容 read-only', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 閉会間際の変換');
  await clickIn(notes(suzuki));
  await suzuki.keyboard.insertText('助言：');
  const ime = await imeComposition(suzuki);
  await ime.update('ほんにん');
  await ime.update('ほんにんのいこう');
  await closeShownConference(sato);
  await connectionReaches(sato, '同期済み'); // the server has the close, and has sent it on to 鈴木
  // The close reaches 鈴木's screen once the conversion is confirmed: shown earlier, it would break it.
  expect(await notes(suzuki).getAttribute('contenteditable')).toBe('true');
  await ime.commit('本人の意向');
  await suzuki.getByText('この会議は終了しました。').waitFor();
  await expect.poll(() => editorText(sato, '検討内容')).toBe('助言：本人の意向');
  await expect.poll(() => notes(suzuki).getAttribute('contenteditable')).toBe('false');
  expect(await suzuki.getByTestId('refusal').count()).toBe(0);
});

it('検討内容 written offline through the whole close is refused when it comes back, and its text is shown to copy', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 閉会をまたいだオフライン');
  await goOffline(suzuki);
  await clickIn(notes(suzuki));
  await suzuki.keyboard.insertText('オフラインで書いた助言');
  await closeShownConference(sato);
  // Long after the close: its record has been taken.
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).waitFor();

  await suzuki.context().setOffline(false);
  const refusal = suzuki.getByTestId('refusal');
  await expect.poll(() => refusal.textContent()).toContain('終了した会議は変更できません');
  await refusal.getByRole('button').click();
  await expect.poll(() => suzuki.getByLabel('破棄した文章の内容').inputValue()).toBe('【検討内容（2026-11-23 個別ケース検討）】\nオフラインで書いた助言');
  expect(await editorText(suzuki, '検討内容')).toBe('');
});

it('a member with read access joins the live conference, confirming 守秘義務, and otherwise only reads', async () => {
  const caseId = await createCase(suite.server, 'E2E 閲覧のみの参加');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const kimura = await openCase(suite, caseId, { name: '木村', agency: '民生委員', access: 'read' });
  await scheduleAndStart(sato, '2026-11-23');
  await expect.poll(() => status(kimura)).toBe('開催中');
  expect(await kimura.getByText('このケースは閲覧のみです（開催中の会議への参加と守秘義務の確認はできます）。').count()).toBe(1);
  await joinLiveConference(kimura, '民生委員');
  const listed = sato.getByTestId('participant').filter({ hasText: '木村' });
  await expect.poll(() => listed.count()).toBe(1);
  expect(await listed.textContent()).not.toContain('守秘義務 未確認');
  expect(await kimura.getByTestId('refusal').count()).toBe(0);
  expect(await kimura.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  expect(await kimura.getByRole('button', { name: '対応事項を追加' }).count()).toBe(0);
  // The 司会 gives 木村 any role but 司会: a reader runs nothing (made its 司会, one stepping down would leave none who can close it).
  await expect.poll(() => sato.getByLabel('木村の役割').locator('option').allTextContents()).toEqual(['記録', '事例提供者', '助言者', '参加者', 'オブザーバー']);
});

it('a 司会 made 閲覧のみ while the conference is live no longer counts as one: the other takes 司会 on; given edit access back, they are offered it again', async () => {
  const { caseId, sato, tanaka, member } = await liveWithMember('E2E 開催中に閲覧のみ');
  await joinLiveConference(tanaka, 'ケアマネジャー');
  const offered = () => sato.getByLabel('田中の役割').locator('option').allTextContents();
  // 佐藤 hands 司会 over to 田中 (another 司会 remains: not asked), who is then made 閲覧のみ.
  await sato.getByLabel('田中の役割').selectOption('司会');
  await sato.getByLabel('佐藤の役割').selectOption('参加者');
  await expect.poll(() => sato.getByLabel('田中の役割').count()).toBe(0);
  await grantAccess(suite.server, caseId, member, 'read');
  // A 司会 who can run nothing is none: 佐藤 is offered to take it on again, and gives 田中 another role, 司会 no longer offered.
  await expect.poll(() => sato.getByRole('button', { name: '自分が司会になる' }).count(), { timeout: 10_000 }).toBe(1);
  await sato.getByRole('button', { name: '自分が司会になる' }).click();
  await sato.getByLabel('田中の役割').selectOption('参加者');
  await expect.poll(offered).not.toContain('司会');
  await grantAccess(suite.server, caseId, member, 'edit');
  await expect.poll(offered, { timeout: 10_000 }).toContain('司会');
  expect(await tanaka.getByTestId('refusal').count()).toBe(0);
});

it('long unbroken text (a URL, a long 場所) wraps: the page keeps to its width, and a heading beside it to one line', async () => {
  const caseId = await createCase(suite.server, 'E2E 長い文字列');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23', `市役所${'第2会議室'.repeat(15)}`);
  await startShownConference(sato);
  await sato.getByLabel('対応内容').fill(`https://example.jp/${'a'.repeat(170)}`);
  await sato.getByLabel('担当者').fill('佐藤');
  await sato.getByLabel('期限').fill('2026-12-01');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByTestId('agreed-items').getByRole('row').count()).toBe(2);
  expect(await sidewaysOverflow(sato)).toEqual([]);
  const heading = await sato.getByRole('heading', { name: '検討内容', exact: true }).boundingBox();
  expect(heading!.width).toBeGreaterThan(heading!.height); // one line, not a character a line
});

it('the facilitator notes the 地域課題 the case shows; everyone sees them, and 地域課題の一覧 gathers them across cases', async () => {
  const caseId = await createCase(suite.server, 'E2E 地域課題 北地区');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  expect(await suzuki.getByRole('region', { name: '地域課題' }).count()).toBe(0); // nothing to show, nothing to write yet
  await scheduleAndStart(sato, '2026-11-23');
  const issues = (page: Page) => page.getByRole('region', { name: '地域課題' }).getByRole('listitem').allTextContents();
  await sato.getByRole('textbox', { name: '地域課題', exact: true }).fill('移動手段がなく買い物に困る');
  await sato.getByRole('button', { name: '書き留める' }).click();
  await sato.getByRole('textbox', { name: '地域課題', exact: true }).fill('');
  await sato.getByRole('button', { name: '書き留める' }).click();
  await expect.poll(() => sato.getByRole('region', { name: '地域課題' }).getByRole('alert').textContent()).toBe('地域課題を入力してください。');
  await expect.poll(() => issues(suzuki)).toEqual(['移動手段がなく買い物に困る']);
  expect(await suzuki.getByRole('button', { name: '書き留める' }).count()).toBe(0); // the facilitator's to note

  const list = await sato.context().newPage();
  await list.goto(new URL('/', sato.url()).href);
  await list.getByRole('link', { name: '地域課題の一覧' }).click();
  const row = list.getByRole('table', { name: '地域課題' }).getByRole('row', { name: /移動手段がなく買い物に困る/ });
  await expect.poll(() => row.textContent()).toBe('2026-11-23（個別ケース検討）移動手段がなく買い物に困る—E2E 地域課題 北地区');
  await list.getByLabel('キーワード').fill('買い物');
  expect(await row.count()).toBe(1);
  await list.getByLabel('キーワード').fill('夜間');
  await expect.poll(() => row.count()).toBe(0);
  // For the 推進会議's papers: all of them as a CSV file.
  await list.getByLabel('キーワード').fill('');
  const [file] = await Promise.all([list.waitForEvent('download'), list.getByRole('button', { name: 'すべてをCSVで出力' }).click()]);
  expect(file.suggestedFilename()).toMatch(/^地域課題_\d{8}\.csv$/);
  expect((await readFile(await file.path())).toString('utf8')).toContain('"2026-11-23","個別ケース検討","移動手段がなく買い物に困る","",');
});

it("an action item's owner picked from the participants brings their agency; anyone else's is chosen by hand", async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 担当機関', '北区社会福祉協議会');
  await joinLiveConference(suzuki);
  await expect.poll(() => sato.getByLabel('鈴木の役割').count()).toBe(1);

  // The form's agency starts unchosen; picking 鈴木, a participant, brings theirs: its kind (社協), and its name.
  const agency = sato.getByLabel('担当機関');
  expect(await agency.inputValue()).toBe('');
  await sato.getByLabel('対応内容').fill('日常生活自立支援事業の説明');
  await sato.getByLabel('担当者').fill('鈴木');
  await expect.poll(() => agency.inputValue()).toBe('社会福祉協議会');
  expect(await sato.getByLabel('機関名').inputValue()).toBe('北区社会福祉協議会');
  await sato.getByLabel('期限').fill('2026-12-01');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  const row = sato.getByTestId('agreed-items').getByRole('row', { name: /日常生活自立支援事業の説明/ });
  await expect.poll(() => row.textContent()).toContain('鈴木北区社会福祉協議会');
  // Editing it, naming another participant does not replace its agency unseen either; theirs is offered.
  await sato.getByLabel('日常生活自立支援事業の説明を編集').click();
  const editing = sato.getByTestId('agreed-items');
  await editing.getByLabel('担当者').fill('佐藤');
  expect(await editing.getByLabel('担当機関').inputValue()).toBe('社会福祉協議会');
  await editing.getByRole('button', { name: /^担当機関を佐藤さんの所属（.+）にする$/ }).waitFor();
  await editing.getByRole('button', { name: 'キャンセル' }).click();

  // Someone who is not a participant: their agency is asked for, not taken from a default, and stays as chosen.
  await sato.getByLabel('対応内容').fill('主治医に受診状況を確認');
  await sato.getByLabel('担当者').fill('山本');
  await sato.getByLabel('期限').fill('2026-12-01');
  expect(await agency.inputValue()).toBe('');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByRole('alert').textContent()).toBe('担当機関を入力してください。');
  expect(await agency.getAttribute('aria-invalid')).toBe('true');
  await agency.selectOption('医療機関');
  await sato.getByLabel('担当者').fill('山本医師');
  expect(await agency.inputValue()).toBe('医療機関');
  // Nor is it replaced when a participant's name is typed after it (it may be another 鈴木's): theirs is offered.
  await sato.getByLabel('担当者').fill('鈴木');
  expect(await agency.inputValue()).toBe('医療機関');
  const offer = sato.getByRole('button', { name: '担当機関を鈴木さんの所属（北区社会福祉協議会）にする' });
  await sato.setViewportSize({ width: 390, height: 844 }); // (on a line of its own, it fits a phone)
  await offer.waitFor();
  expect(await sidewaysOverflow(sato)).toEqual([]);
  await sato.setViewportSize({ width: 1280, height: 720 });
  await offer.click();
  expect(await agency.inputValue()).toBe('社会福祉協議会');
  expect(await sato.getByLabel('機関名').inputValue()).toBe('北区社会福祉協議会');
  expect(await sato.getByRole('button', { name: /^担当機関を/ }).count()).toBe(0);

  // Someone present without an account, listed by the facilitator: what they are stands as their agency.
  await sato.getByText('アカウントのない出席者を追加（本人・家族など）').click();
  await sato.getByLabel('出席者の氏名').fill('山田一郎');
  await sato.getByLabel('所属または続柄').fill('長男');
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  await expect.poll(() => sato.getByTestId('attendee').count()).toBe(1);
  await sato.getByLabel('対応内容').fill('通院に付き添う');
  await sato.getByLabel('担当者').fill('山田一郎');
  await expect.poll(() => agency.inputValue()).toBe('その他');
  expect(await sato.getByLabel('機関名').inputValue()).toBe('長男');
});

it('a double-click on 対応事項を追加 adds the item once and opens nothing else, though the new row moves the form down under the pointer', async () => {
  const caseId = await createCase(suite.server, 'E2E 対応事項の二度押し');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await scheduleAndStart(sato, '2026-11-23');
  await sato.getByLabel('対応内容').fill('訪問して服薬状況を確認');
  await sato.getByLabel('担当者').fill('佐藤');
  await sato.getByLabel('期限').fill('2026-12-01');
  await sato.getByRole('button', { name: '対応事項を追加' }).dblclick();
  const rows = sato.getByTestId('agreed-items').getByRole('row', { name: /訪問して服薬状況を確認/ });
  await expect.poll(() => rows.count()).toBe(1);
  expect(await sato.getByRole('button', { name: '保存', exact: true }).count()).toBe(0); // no item's edit form
  expect(await sato.getByRole('alert').count()).toBe(0); // nor the emptied form submitted again
});

it('an action item typed but not added when the conference ends, or when the typist may no longer edit, is shown to copy instead of lost', async () => {
  const { caseId, sato, tanaka, member } = await liveWithMember('E2E 追加されなかった対応事項');
  await tanaka.getByLabel('対応内容').fill('退院前カンファレンスの日程調整');
  await tanaka.getByLabel('担当者').fill('田中');
  await tanaka.getByLabel('期限').fill('2026-12-01');
  // The 司会 ends the conference before 田中 pressed 対応事項を追加: the form goes, the text stays on 田中's screen.
  await closeShownConference(sato);
  await expect.poll(() => status(tanaka)).toBe('終了');
  const left = tanaka.getByLabel('追加されなかった対応事項の内容');
  await expect.poll(() => left.inputValue()).toBe('【対応事項（2026-11-23 個別ケース検討）】\n対応内容：退院前カンファレンスの日程調整\n担当者：田中\n期限：2026-12-01');
  expect(await tanaka.locator('.discarded-text').textContent()).toContain('会議が終了したため');
  await tanaka.getByRole('button', { name: '閉じる' }).click();
  expect(await left.count()).toBe(0);

  // Made 閲覧のみ while typing at the next conference: the same.
  await scheduleAndStart(sato, '2026-12-04');
  await expect.poll(() => status(tanaka)).toBe('開催中');
  await tanaka.getByLabel('対応内容').fill('福祉用具の選定');
  // Looking at the last conference meanwhile keeps it for the form's return, not shown to copy.
  const shownConference = tanaka.getByLabel('表示する会議');
  const live = await shownConference.inputValue();
  await shownConference.selectOption({ label: '2026-11-23 個別ケース検討（終了）' });
  expect(await left.count()).toBe(0);
  await shownConference.selectOption(live);
  expect(await tanaka.getByLabel('対応内容').inputValue()).toBe('福祉用具の選定');
  await grantAccess(suite.server, caseId, member, 'read');
  await expect.poll(() => left.inputValue(), { timeout: 10_000 }).toBe('【対応事項（2026-12-04 個別ケース検討）】\n対応内容：福祉用具の選定');
  expect(await tanaka.locator('.discarded-text').textContent()).toContain('編集できなくなったため');
  // Given edit access again while the conference goes on, the form comes back with it.
  await grantAccess(suite.server, caseId, member, 'edit');
  await expect.poll(() => tanaka.getByLabel('対応内容').inputValue(), { timeout: 10_000 }).toBe('福祉用具の選定');
  expect(await left.count()).toBe(0);
});

it('an action item edited, or its 経過 typed, but not written when the typist may no longer edit, is shown to copy instead of lost; ending the conference keeps the edit form', async () => {
  const { caseId, sato, tanaka, member } = await liveWithMember('E2E 書き込まれなかった変更');
  for (const what of ['見守り訪問', '家族へ連絡']) {
    await sato.getByLabel('対応内容').fill(what);
    await sato.getByLabel('担当者').fill('佐藤');
    await sato.getByLabel('期限').fill('2026-12-20');
    await sato.getByRole('button', { name: '対応事項を追加' }).click();
    await expect.poll(() => tanaka.getByTestId('agreed-items').textContent()).toContain(what);
  }
  // Items stay editable after the close: an edit form open then keeps its typing.
  await tanaka.getByLabel('見守り訪問を編集').click();
  await tanaka.getByTestId('agreed-items').getByLabel('対応内容').fill('見守り訪問を週2回');
  await closeShownConference(sato);
  await expect.poll(() => status(tanaka)).toBe('終了');
  expect(await tanaka.getByTestId('agreed-items').getByLabel('対応内容').inputValue()).toBe('見守り訪問を週2回');

  // At the next conference the items are reviewed: the form is there still, and 経過 is typed beside it.
  await scheduleAndStart(sato, '2026-12-04');
  await expect.poll(() => status(tanaka)).toBe('開催中');
  const review = tanaka.getByTestId('review-items');
  await expect.poll(() => review.getByLabel('対応内容').inputValue()).toBe('見守り訪問を週2回');
  await tanaka.getByLabel('家族へ連絡の経過').fill('長女に電話済み');
  expect(await sato.getByLabel('家族へ連絡の経過').inputValue()).toBe('');

  // Made 閲覧のみ before either is written: both are shown to copy, saying why.
  await grantAccess(suite.server, caseId, member, 'read');
  const left = tanaka.getByLabel('書き込まれなかった対応事項の変更の内容');
  await expect.poll(() => left.inputValue(), { timeout: 10_000 }).toBe(
    '【対応事項の編集：見守り訪問】\n対応内容：見守り訪問を週2回\n担当者：佐藤\n担当機関：地域包括支援センター\n期限：2026-12-20\n\n【経過：家族へ連絡】\n長女に電話済み',
  );
  expect(await tanaka.locator('.discarded-text').textContent()).toContain('編集できなくなったため');
  // Nothing of it was written meanwhile.
  await settled(sato);
  expect(await sato.getByLabel('家族へ連絡の経過').inputValue()).toBe('');
  expect(await sato.getByTestId('review-items').textContent()).not.toContain('週2回');
  // Given edit access again, the form and the field come back with it.
  await grantAccess(suite.server, caseId, member, 'edit');
  await expect.poll(() => review.getByLabel('対応内容').inputValue(), { timeout: 10_000 }).toBe('見守り訪問を週2回');
  expect(await tanaka.getByLabel('家族へ連絡の経過').inputValue()).toBe('長女に電話済み');
  expect(await left.count()).toBe(0);
});

it('an action item agreed at the first conference is reviewed at the second, by every participant', async () => {
  const caseId = await createCase(suite.server, 'E2E モニタリング');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await scheduleAndStart(sato, '2026-11-23');

  await sato.getByLabel('対応内容').fill('見守り訪問を週2回');
  await sato.getByLabel('担当者').fill('鈴木');
  await sato.getByLabel('担当機関').selectOption('その他');
  await sato.getByLabel('機関名').fill('NPO法人みまもり');
  await sato.getByLabel('期限').fill('2026-12-03');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByTestId('agreed-items').textContent()).toContain('見守り訪問を週2回');
  await sato.getByLabel('対応内容').fill('家族へ連絡');
  await sato.getByLabel('担当者').fill('佐藤');
  await sato.getByLabel('期限').fill('2026-11-30');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByTestId('agreed-items').textContent()).toContain('家族へ連絡');
  await closeShownConference(sato);
  await expect.poll(() => status(sato)).toBe('終了');

  // Done between conferences, on the screen of one planned and then called off: no conference
  // decided it, so the next one held reviews it.
  await planConference(sato, '2026-12-01');
  expect(await sato.getByTestId('status-changed-where').textContent()).toContain('会議の間の変更として記録され');
  // Items are agreed once it meets: a planned one offers no form (once called off, it decided nothing).
  expect(await sato.getByRole('button', { name: '対応事項を追加' }).count()).toBe(0);
  expect(await sato.getByLabel('この会議の対応事項').textContent()).toContain('会議を開始してから追加できます');
  await sato.getByLabel('家族へ連絡の状況').selectOption('完了');
  sato.once('dialog', (dialog) => void dialog.accept());
  await sato.getByRole('button', { name: '中止' }).click();
  await expect.poll(() => status(sato)).toBe('中止');

  await scheduleAndStart(sato, '2026-12-04');
  const review = sato.getByTestId('review-items');
  await expect.poll(() => review.textContent()).toContain('見守り訪問を週2回');
  expect(await sato.getByLabel('家族へ連絡の状況').inputValue()).toBe('完了');
  expect(await sato.getByTestId('status-changed-where').count()).toBe(0); // live: changed at this one
  expect(await review.textContent()).toContain('NPO法人みまもり');
  // Due on 12/3 and still open at the conference of 12/4.
  expect(await review.getByRole('row', { name: /見守り訪問を週2回/ }).textContent()).toContain('2026-12-03期限超過');

  // A participant who comes in now sees the same review and updates the status there.
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await expect.poll(() => suzuki.getByTestId('review-items').textContent()).toContain('見守り訪問を週2回');
  await suzuki.getByLabel('見守り訪問を週2回を編集').click();
  await suzuki.getByTestId('review-items').getByLabel('期限').fill('2026-12-24');
  await suzuki.getByRole('button', { name: '保存', exact: true }).click();
  await expect.poll(() => sato.getByTestId('review-items').textContent()).toContain('2026-12-24');
  expect(await sato.getByTestId('review-items').textContent()).not.toContain('期限超過');
  // What has been done so far (経過) is written at the review, through the IME; Enter keeps it.
  await suzuki.getByLabel('見守り訪問を週2回の経過').click();
  await typeWithIme(suzuki, ['しょかいほうもん'], '初回訪問済み');
  await suzuki.keyboard.press('Enter');
  await expect.poll(() => sato.getByLabel('見守り訪問を週2回の経過').inputValue()).toBe('初回訪問済み');

  // Between conferences, the list of what is owed across cases has it, linked to its case.
  const owed = await sato.context().newPage();
  await owed.goto(new URL('/', sato.url()).href);
  await owed.getByRole('link', { name: '対応事項の一覧' }).click();
  const row = owed.getByRole('table', { name: '対応事項' }).getByRole('row', { name: /見守り訪問を週2回/ });
  await expect.poll(() => row.textContent()).toContain('鈴木（NPO法人みまもり）');
  expect(await owed.title()).toBe('対応事項の一覧 | ケア会議ワークスペース');
  expect(await sato.title()).toBe('ケース | ケア会議ワークスペース'); // never the case's name (a shared computer's history keeps titles)
  expect(await row.textContent()).toMatch(/^2026-12-24.*見守り訪問を週2回.*未着手初回訪問済みE2E モニタリング2026-11-23 個別ケース検討$/);
  // Read once, it says when (not 「今日現在」: left open overnight it is yesterday's), and is read again when asked.
  expect(await owed.getByRole('status').textContent()).toMatch(/件（\d{4}\/\d\d\/\d\d \d{1,2}:\d\d時点）$/);
  await suzuki.getByLabel('見守り訪問を週2回の経過').fill('初回訪問済み、次は12/10');
  await suzuki.keyboard.press('Enter');
  await expect.poll(() => sato.getByLabel('見守り訪問を週2回の経過').inputValue()).toBe('初回訪問済み、次は12/10');
  expect(await row.textContent()).not.toContain('次は12/10');
  await owed.getByRole('button', { name: '再読み込み' }).click();
  await expect.poll(() => row.textContent()).toContain('初回訪問済み、次は12/10');
  // Someone finds what they owe by their own name.
  await owed.getByLabel('キーワード').fill('鈴木');
  expect(await row.count()).toBe(1);
  await owed.getByLabel('キーワード').fill('高橋');
  await expect.poll(() => row.count()).toBe(0);
  // The filter is in the address: a reload (or a link sent to a colleague) keeps it.
  await owed.reload();
  await expect.poll(() => owed.getByRole('status').textContent()).toMatch(/^0件/);
  expect(await owed.getByLabel('キーワード').inputValue()).toBe('高橋');
  // Narrowed, the count says by what: printed, without the filters, the paper is not taken for the whole list.
  await owed.getByLabel('期限超過のみ').check();
  await owed.emulateMedia({ media: 'print' });
  await expect.poll(() => owed.getByRole('status').textContent()).toMatch(/^0件（\d{4}\/\d\d\/\d\d \d{1,2}:\d\d時点・キーワード「高橋」・期限超過のみで絞り込み）$/);
  await owed.emulateMedia({ media: 'screen' });
  await owed.getByLabel('期限超過のみ').uncheck();
  await owed.getByLabel('キーワード').fill('');
  // Printed for the meeting: the list only, no navigation, filters or buttons.
  await owed.emulateMedia({ media: 'print' });
  expect(await row.isVisible()).toBe(true);
  for (const control of [owed.getByRole('link', { name: '← ケース一覧' }), owed.getByLabel('担当機関'), owed.getByRole('button', { name: '印刷' })]) {
    expect(await control.isVisible()).toBe(false);
  }
  await owed.emulateMedia({ media: 'screen' });
  // Printing it is in the trail as the list leaving on paper: 印刷 prints once that is recorded, and
  // the browser's own print is recorded as it begins.
  type Printing = Window & { printed?: number };
  await owed.evaluate(() => {
    const page = window as Printing;
    page.printed = 0;
    page.print = () => void page.printed!++;
  });
  const [recorded] = await Promise.all([owed.waitForResponse('**/api/action-items/printed'), owed.getByRole('button', { name: '印刷' }).click()]);
  expect(recorded.status()).toBe(204);
  await expect.poll(() => owed.evaluate(() => (window as Printing).printed)).toBe(1);
  const [byBrowser] = await Promise.all([owed.waitForResponse('**/api/action-items/printed'), owed.evaluate(() => window.dispatchEvent(new Event('beforeprint')))]);
  expect(byBrowser.status()).toBe(204);
  // For a monitoring meeting's papers: all of it as a CSV file, 経過 included.
  const [owedFile] = await Promise.all([owed.waitForEvent('download'), owed.getByRole('button', { name: 'すべてをCSVで出力' }).click()]);
  expect(owedFile.suggestedFilename()).toMatch(/^対応事項_\d{8}\.csv$/);
  // 期限超過 as of the day it is exported, by the server's clock (this test's dates are fixed).
  const overdue = '2026-12-24' < dayInJapan() ? '期限超過' : '';
  expect((await readFile(await owedFile.path())).toString('utf8')).toContain(`"2026-12-24","見守り訪問を週2回","鈴木","その他","NPO法人みまもり","未着手","${overdue}","初回訪問済み、次は12/10",`);

  // Left open over the night before its due date, the list marks it 期限超過 once Japan's day
  // has changed. (This page's clock stands in for the server's: the server's time is taken off
  // its answers, so the page goes by its own clock.)
  const overnight = await sato.context().newPage();
  await overnight.clock.install({ time: new Date('2026-12-24T23:59:00+09:00') });
  await byOwnClock(overnight);
  await overnight.goto(owed.url());
  const dueTomorrow = overnight.getByRole('table', { name: '対応事項' }).getByRole('row', { name: /見守り訪問を週2回/ });
  await expect.poll(() => dueTomorrow.textContent()).toContain('未着手');
  expect(await dueTomorrow.textContent()).not.toContain('期限超過');
  await overnight.clock.runFor(2 * 60_000);
  await expect.poll(() => dueTomorrow.textContent()).toContain('期限超過');
  await overnight.close();

  // On a phone each item is a card of labelled lines: its state is on screen, not off to the side of a table.
  await suzuki.setViewportSize({ width: 390, height: 844 });
  const state = await suzuki.getByLabel('見守り訪問を週2回の状況').boundingBox();
  expect(state!.x + state!.width).toBeLessThanOrEqual(390);
  await suzuki.getByLabel('見守り訪問を週2回の状況').selectOption('完了');
  await expect.poll(() => sato.getByLabel('見守り訪問を週2回の状況').inputValue()).toBe('完了');
  // Done: no longer owed.
  await owed.reload();
  await owed.getByRole('status').filter({ hasText: '件' }).waitFor();
  expect(await row.count()).toBe(0);

  // The case list says where a conference is under way, and when the case last met and meets next
  // (planned from the live one, which stays shown).
  await sato.getByLabel('開催日').fill('2027-01-12');
  await sato.getByRole('button', { name: '会議を予定する' }).click();
  await owed.getByRole('link', { name: '← ケース一覧' }).click();
  await expectNextListed(owed, 'E2E モニタリング', '次回 2027-01-12 個別ケース検討');
  const listed = owed.getByTestId('case').filter({ hasText: 'E2E モニタリング' });
  expect(await listed.textContent()).toContain('個別ケース検討 開催中');
  expect(await listed.getByTestId('last-conference').textContent()).toBe('前回 2026-11-23 個別ケース検討');
});

it('the case list shows a conference started elsewhere as 開催中 without a reload: read again every half minute, and when its tab is shown again', async () => {
  const caseId = await createCase(suite.server, 'E2E 一覧に出る会議');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23');
  const { page: waiting } = await openCaseAsMember(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await waiting.clock.install();
  const activityRead = () => waiting.waitForResponse((response) => response.url().endsWith('/api/case-activity'));
  const firstRead = activityRead();
  await waiting.goto(`${suite.server.url}/`);
  await firstRead;
  const listed = waiting.getByTestId('case').filter({ hasText: 'E2E 一覧に出る会議' });
  expect(await listed.textContent()).not.toContain('個別ケース検討 開催中');

  await startShownConference(sato);
  await connectionReaches(sato, '同期済み'); // (stored: what the list reads)
  await waiting.clock.runFor(30_000);
  await expect.poll(() => listed.textContent()).toContain('個別ケース検討 開催中');
  await closeShownConference(sato);
  await expect.poll(() => status(sato)).toBe('終了');
  await connectionReaches(sato, '同期済み');
  const again = activityRead();
  await waiting.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // (the tab brought back: it is visible)
  await again;
  await expect.poll(() => listed.textContent()).not.toContain('個別ケース検討 開催中');
});

it('two people updating one item at once keep both: the form writes only its own fields, 経過 typed here is never replaced unseen, and 経過, 内容 and 期限 written offline meanwhile are kept beside theirs', async () => {
  const { sato, suzuki } = await liveWithTwo('E2E 同時の更新');
  await sato.getByLabel('対応内容').fill('見守り訪問を週2回');
  await sato.getByLabel('担当者').fill('鈴木');
  await sato.getByLabel('担当機関').selectOption('社会福祉協議会');
  await sato.getByLabel('期限').fill('2026-12-10');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await closeShownConference(sato);
  await scheduleAndStart(sato, '2026-12-04');
  const review = (page: Page) => page.getByTestId('review-items');
  await expect.poll(() => review(suzuki).textContent()).toContain('見守り訪問を週2回');

  // Both open the item's form; 鈴木 moves the due date, then 佐藤 rewords it from the form opened before.
  await sato.getByLabel('見守り訪問を週2回を編集').click();
  await suzuki.getByLabel('見守り訪問を週2回を編集').click();
  await review(suzuki).getByLabel('期限').fill('2026-12-24');
  await suzuki.getByRole('button', { name: '保存', exact: true }).click();
  await expect.poll(() => review(suzuki).textContent()).toContain('2026-12-24');
  await connectionReaches(suzuki, '同期済み'); // relayed to 佐藤 as stored
  await review(sato).getByLabel('対応内容').fill('見守り訪問を週3回');
  await sato.getByRole('button', { name: '保存', exact: true }).click();
  for (const page of [sato, suzuki]) {
    await expect.poll(() => review(page).getByRole('row', { name: /見守り訪問を週3回/ }).textContent()).toContain('2026-12-24');
  }

  // 佐藤 is typing 経過 when 鈴木's arrives: 佐藤's text stays, and 鈴木's is shown beside it.
  const progress = (page: Page) => page.getByLabel('見守り訪問を週3回の経過');
  const othersWrote = sato.getByRole('alert').filter({ hasText: 'ほかの参加者が経過を' });
  await progress(sato).click();
  await sato.keyboard.insertText('訪問予定');
  await progress(suzuki).fill('電話で確認済み');
  await progress(suzuki).press('Enter');
  await expect.poll(() => othersWrote.textContent()).toContain('「電話で確認済み」に書き換えました');
  expect(await progress(sato).inputValue()).toBe('訪問予定');
  // Typed but not yet written, it is only on this page: closing the page asks first; staying keeps it.
  const asked = sato.waitForEvent('dialog');
  await sato.close({ runBeforeUnload: true });
  const leave = await asked;
  expect(leave.type()).toBe('beforeunload');
  await leave.dismiss();
  expect(await progress(sato).inputValue()).toBe('訪問予定');
  // Esc keeps 鈴木's; typing again and Enter, having seen it, writes 佐藤's.
  await progress(sato).press('Escape');
  expect(await progress(sato).inputValue()).toBe('電話で確認済み');
  expect(await othersWrote.count()).toBe(0);
  await progress(sato).fill('電話で確認済み。12/20 訪問予定');
  await progress(sato).press('Enter');
  await expect.poll(() => progress(suzuki).inputValue()).toBe('電話で確認済み。12/20 訪問予定');

  // 鈴木 writes 経過 offline while 佐藤 writes it online: neither saw the other's, so both are kept
  // and both screens say so, until 佐藤 writes it again, now seeing both.
  const visited = `12/18 訪問し本人と面談。${'室内の片付けは進んでいる。'.repeat(8)}`;
  const called = `12/19 主治医に連絡。${'服薬の状況を確認した。'.repeat(7)}`;
  await goOffline(suzuki);
  await progress(suzuki).fill(visited);
  await progress(suzuki).press('Enter');
  await progress(sato).fill(called);
  await progress(sato).press('Enter');
  await connectionReaches(sato, '同期済み');
  await suzuki.context().setOffline(false);
  await connectionReaches(suzuki, '同期済み');
  const bothKept = (page: Page) => page.getByRole('status').filter({ hasText: '経過が2通り書かれています' });
  for (const page of [sato, suzuki]) {
    await expect.poll(() => bothKept(page).count()).toBe(1);
    const shown = await progress(page).inputValue();
    expect(shown.split(' ／ ').sort()).toEqual([visited, called].sort());
  }
  // Side by side they are over 200 characters: not written, nor given up, until shortened.
  await progress(sato).click();
  await sato.keyboard.press('End');
  await sato.keyboard.press('Backspace');
  await progress(sato).press('Enter');
  await expect.poll(() => sato.getByRole('alert').filter({ hasText: '経過は200文字までです' }).count()).toBe(1);
  expect(await progress(sato).inputValue()).toHaveLength(visited.length + called.length + ' ／ '.length - 1);
  expect(await bothKept(suzuki).count()).toBe(1);
  await progress(sato).fill('12/18 訪問し本人と面談。12/19 主治医に連絡');
  await progress(sato).press('Enter');
  for (const page of [sato, suzuki]) {
    await expect.poll(() => progress(page).inputValue()).toBe('12/18 訪問し本人と面談。12/19 主治医に連絡');
    expect(await bothKept(page).count()).toBe(0);
  }

  // So too 内容 and 期限 from the form: 鈴木 offline, 佐藤 online. The row shows both 内容 and both
  // 期限 on both screens; 佐藤 chooses a 期限, then writes 内容 again from the form, now seeing both.
  const edit = (page: Page) => review(page).getByRole('button', { name: /を編集$/ });
  const saveForm = async (page: Page, what: string, due: string) => {
    await edit(page).click();
    await review(page).getByLabel('対応内容').fill(what);
    await review(page).getByLabel('期限').fill(due);
    await page.getByRole('button', { name: '保存', exact: true }).click();
  };
  await goOffline(suzuki);
  await saveForm(suzuki, '見守り訪問を週1回に', '2026-12-31');
  await saveForm(sato, '見守り訪問を毎日', '2026-12-28');
  await connectionReaches(sato, '同期済み');
  await suzuki.context().setOffline(false);
  await connectionReaches(suzuki, '同期済み');
  const note = (page: Page, label: string) => review(page).getByRole('status').filter({ hasText: `${label}が2通り書かれています` });
  const cell = (page: Page, label: string) => review(page).locator(`td[data-label="${label}"]`);
  for (const page of [sato, suzuki]) {
    await expect.poll(() => note(page, '内容').count()).toBe(1);
    expect((await cell(page, '内容').textContent())!.split('内容が2通り')[0]!.split(' ／ ').sort()).toEqual(['見守り訪問を毎日', '見守り訪問を週1回に']);
    expect(await cell(page, '期限').textContent()).toContain('2026-12-28 ／ 2026-12-31'); // the earlier first, on both screens
  }
  await note(sato, '期限').getByRole('button', { name: '期限を2026-12-31にする' }).click();
  await edit(sato).click();
  expect((await review(sato).getByLabel('対応内容').inputValue()).split(' ／ ').sort()).toEqual(['見守り訪問を毎日', '見守り訪問を週1回に']);
  await review(sato).getByLabel('対応内容').fill('見守り訪問を週2回（うち1回は電話）');
  await sato.getByRole('button', { name: '保存', exact: true }).click();
  for (const page of [sato, suzuki]) {
    await expect.poll(() => cell(page, '内容').textContent()).toBe('見守り訪問を週2回（うち1回は電話）');
    expect(await cell(page, '期限').textContent()).toBe('2026-12-31');
    expect(await review(page).getByRole('status').count()).toBe(0);
  }

  // A new item typed into its form and not yet added is on this page only too: closing the page asks
  // first, and so do signing out and going to another of the app's pages (no unload there), by Back
  // or by a link.
  const asking = (answer: 'accept' | 'dismiss', leave: () => Promise<unknown>) => answerLeaving(sato, answer, leave);
  const caseUrl = sato.url();
  await sato.getByRole('link', { name: '← ケース一覧' }).click(); // nothing typed: nothing asked
  await sato.getByRole('link', { name: 'E2E 同時の更新' }).click();
  await connectionReaches(sato, '同期済み'); // no unsent edits to ask about at sign-out
  await sato.getByLabel('対応内容').fill('ヘルパー事業所に連絡');
  await settled(sato); // the form holds its typing from its next effect on
  expect(await asking('dismiss', () => sato.close({ runBeforeUnload: true }))).toBe('beforeunload');
  expect(await asking('dismiss', () => sato.getByRole('button', { name: 'ログアウト' }).click())).toBe('confirm');
  expect(await asking('dismiss', () => sato.goBack())).toBe('confirm');
  await expect.poll(() => sato.url()).toBe(caseUrl);
  expect(await sato.getByLabel('対応内容').inputValue()).toBe('ヘルパー事業所に連絡');
  expect(await asking('accept', () => sato.getByRole('link', { name: '記録一覧' }).click())).toBe('confirm');
  await expect.poll(() => sato.url()).toBe(`${caseUrl}/records`);
  await sato.goBack();

  // All of it written: the page closes without asking.
  await connectionReaches(sato, '同期済み');
  const questions: string[] = [];
  sato.on('dialog', (dialog) => void (questions.push(dialog.type()), dialog.accept()));
  await sato.close({ runBeforeUnload: true });
  await expect.poll(() => sato.isClosed()).toBe(true);
  expect(questions).toEqual([]);
});

it('a double-click on 会議を予定する, or Enter held down, plans one conference, on the day chosen, and shows it', async () => {
  const caseId = await createCase(suite.server, 'E2E 予定の二度押し');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await sato.getByLabel('開催日').fill('2027-01-08');
  // The first click resets the form to today: a second submit would plan today's conference too, and show it.
  await sato.getByRole('button', { name: '会議を予定する' }).dblclick();
  await expect.poll(() => status(sato)).toBe('予定');
  const shown = sato.getByLabel('表示する会議');
  expect(await shown.locator('option').allTextContents()).toEqual(['2027-01-08 個別ケース検討（予定）']);
  expect(await shown.locator('option:checked').textContent()).toBe('2027-01-08 個別ケース検討（予定）');
  // Enter held down in the form repeats its press: it plans one conference too.
  await sato.getByLabel('開催日').fill('2027-02-05');
  await sato.keyboard.down('Enter');
  await sato.keyboard.down('Enter'); // the key's own repeat, as when held
  await sato.keyboard.up('Enter');
  await expect.poll(() => shown.locator('option').count()).toBe(2);
  expect(await shown.locator('option').allTextContents()).toEqual(['2027-01-08 個別ケース検討（予定）', '2027-02-05 個別ケース検討（予定）']);
});

it('planning the next conference during a live one keeps the live one shown, and says the next one was planned, which cannot start until the live one ends', async () => {
  const caseId = await createCase(suite.server, 'E2E 開催中に次回を予定');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await scheduleAndStart(sato, '2026-11-23');
  await sato.getByLabel('開催日').fill('2026-12-21');
  await sato.getByRole('button', { name: '会議を予定する' }).click();
  await expect.poll(() => sato.getByLabel('表示する会議').locator('option').allTextContents()).toContain('2026-12-21 個別ケース検討（予定）');
  expect(await sato.getByLabel('表示する会議').locator('option:checked').textContent()).toBe('2026-11-23 個別ケース検討（開催中）');
  expect(await sato.getByRole('button', { name: '会議を終了' }).count()).toBe(1);
  expect(await sato.getByRole('status').filter({ hasText: '予定しました' }).textContent()).toBe('2026-12-21 個別ケース検討を予定しました（表示は開催中の会議のままです）。');
  // Shown, the planned one cannot be started while the live one goes on: the bar says so.
  await sato.getByLabel('表示する会議').selectOption({ label: '2026-12-21 個別ケース検討（予定）' });
  await expect.poll(() => status(sato)).toBe('予定');
  expect(await sato.getByRole('button', { name: '会議を開始' }).count()).toBe(0);
  expect(await sato.getByText('開催中の会議を終了すると開始できます').count()).toBe(1);
});

/** The conference a page shows, as its list names it. */
const shownName = (page: Page) => page.getByLabel('表示する会議').locator('option:checked').textContent();

it('a planned conference is moved to another day, then called off (中止): everyone sees it, and it is never held', async () => {
  const caseId = await createCase(suite.server, 'E2E 予定の変更');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await planConference(sato, '2026-12-10', '市役所 第2会議室');
  await expect.poll(() => status(suzuki)).toBe('予定');

  await sato.getByRole('button', { name: '予定を変更' }).click();
  const change = sato.getByRole('form', { name: '予定の変更' });
  expect(await change.getByLabel('場所').inputValue()).toBe('市役所 第2会議室');
  await change.getByLabel('開催日').fill('2026-12-17');
  await change.getByLabel('場所').fill('社協 相談室');
  await change.getByRole('button', { name: '変更を保存' }).click();
  await expect.poll(() => shownName(suzuki)).toBe('2026-12-17 個別ケース検討 社協 相談室（予定）');
  expect(await sato.getByRole('form', { name: '会議の予定' }).count()).toBe(1); // back to planning new ones

  sato.once('dialog', (dialog) => void dialog.accept());
  await sato.getByRole('button', { name: '中止' }).click();
  await expect.poll(() => status(suzuki)).toBe('中止');
  // Never held: it has no record to point to.
  expect(await suzuki.getByText('この会議は中止しました。').textContent()).toBe('この会議は中止しました。開催されていないため、記録も議事録もありません。');
  for (const page of [sato, suzuki]) {
    expect(await page.getByRole('button', { name: '会議を開始' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '対応事項を追加' }).count()).toBe(0);
  }
  // Not the case's next conference any more: the one planned after it is.
  await planConference(sato, '2027-01-12');
  await suzuki.goto(new URL('/', suzuki.url()).href);
  await expectNextListed(suzuki, 'E2E 予定の変更', '次回 2027-01-12 個別ケース検討');
});

it('the next conference, planned for a day still to come, reviews the items as they are today: one due before it is not yet 期限超過', async () => {
  const caseId = await createCase(suite.server, 'E2E 次回の予定');
  // 佐藤's page goes by its own clock, set to 2026-12-01 in Japan: 2026-12-07 is still to come.
  const { page: sato } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, async (page) => {
    await page.clock.install({ time: new Date('2026-12-01T10:00:00+09:00') });
    await byOwnClock(page);
  });
  await scheduleAndStart(sato, '2026-11-23');
  await agreeActionItem(sato, { what: '住宅改修の見積もりを取る', owner: '佐藤', agency: '地域包括支援センター', due: '2026-12-03' });
  await agreeActionItem(sato, { what: '主治医に照会する', owner: '佐藤', agency: '地域包括支援センター', due: '2026-11-30' });
  await closeShownConference(sato);
  await expect.poll(() => status(sato)).toBe('終了');

  await planConference(sato, '2026-12-07');
  const row = (what: string) => sato.getByTestId('review-items').getByRole('row', { name: new RegExp(what) });
  await expect.poll(() => row('住宅改修の見積もりを取る').textContent()).toContain('2026-12-03');
  expect(await row('住宅改修の見積もりを取る').textContent()).not.toContain('期限超過');
  expect(await row('主治医に照会する').textContent()).toContain('2026-11-30期限超過');
});

it('a conference planned for another day asks, as it starts, which day it is held on: held today, it is dated today; a future day is not offered', async () => {
  const caseId = await createCase(suite.server, 'E2E 予定日と違う日の開催');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await planConference(sato, '2099-12-31');
  const today = dayInJapan();
  await sato.getByRole('button', { name: '会議を開始' }).click();
  const askedDay = sato.getByRole('group', { name: '開催日の確認' });
  expect(await askedDay.textContent()).toContain(`予定日は 2099-12-31、今日は ${today} です。`);
  // A future day is not offered: held now, it would be reviewed and recorded as not yet held.
  expect(await askedDay.getByRole('button', { name: /のまま開始$/ }).count()).toBe(0);
  // キャンセル starts nothing; asked again, 今日の会議として開始 holds it today.
  await askedDay.getByRole('button', { name: 'キャンセル' }).click();
  expect(await status(sato)).toBe('予定');
  await startShownConference(sato, 'today');
  await expect.poll(() => shownName(suzuki)).toBe(`${today} 個別ケース検討（開催中）`);
});

it("a conference started by anyone is shown on everyone's screen, also to whoever was in the last one; one that ends stays shown to those in it, though the next is planned; one reading an older conference chosen in the list stays on it and is offered the live one", async () => {
  const caseId = await createCase(suite.server, 'E2E 次の会議の開始');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await scheduleAndStart(sato, '2026-11-23');
  await closeShownConference(sato);
  await expect.poll(() => status(suzuki)).toBe('終了');
  await planConference(suzuki, '2026-12-04');
  await expect.poll(() => shownName(sato)).toBe('2026-11-23 個別ケース検討（終了）'); // the one he was in stays before him
  // 田中, opening the case now, is shown the planned one; he goes back to the first to read it again.
  const tanaka = await openCase(suite, caseId, { name: '田中', agency: '民生委員' });
  await expect.poll(() => status(tanaka)).toBe('予定');
  await tanaka.getByLabel('表示する会議').selectOption({ label: '2026-11-23 個別ケース検討（終了）' });
  await startShownConference(suzuki);

  // Planning the first one did not keep 佐藤 on it: the live one is his to join.
  await expect.poll(() => status(sato)).toBe('開催中');
  expect(await shownName(sato)).toBe('2026-12-04 個別ケース検討（開催中）');
  expect(await sato.getByRole('button', { name: 'この会議に参加' }).count()).toBe(1);
  // 田中 is not taken away from what he reads, but sees that the next one has started, and goes to it when he likes.
  const started = tanaka.getByTestId('started-elsewhere');
  await expect.poll(() => started.textContent()).toBe('会議が開始されました：2026-12-04 個別ケース検討表示する');
  expect(await status(tanaka)).toBe('終了');
  await started.getByRole('button', { name: '表示する' }).click();
  await expect.poll(() => status(tanaka)).toBe('開催中');
  expect(await tanaka.getByRole('button', { name: 'この会議に参加' }).count()).toBe(1);
  expect(await started.count()).toBe(0);
});
