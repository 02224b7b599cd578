import { dayInJapan } from '@care/schema';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { closeShownConference, connectionReaches, createCase, editorText, joinLiveConference, openCase, openCaseAsMember, planConference, settled, startShownConference, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

/** What the conference screen last told screen readers of others' changes. */
const announced = (page: Page) => page.getByRole('status', { name: 'お知らせ' }).textContent();

/** The outline the focused element shows, as the browser draws it ('none' when none). */
const focusedOutline = (page: Page) => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

it('both editors, the ケース概要 and the 検討内容, show that they have the keyboard', async () => {
  const caseId = await createCase(suite.server, 'E2E フォーカス表示');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23');
  for (const label of ['ケース概要', '検討内容']) {
    const editor = sato.getByLabel(label, { exact: true });
    expect(await editor.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('none');
    await editor.focus();
    expect(await sato.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label);
    expect(await focusedOutline(sato)).toBe('solid');
  }
});

it("a screen reader is told of others' changes that matter: the conference started and ended, one's role; not one's own, nor what was there on opening", async () => {
  const caseId = await createCase(suite.server, 'E2E お知らせ');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23');
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  expect(await announced(suzuki)).toBe('');
  await startShownConference(sato);
  await expect.poll(() => announced(suzuki)).toBe('会議が開始されました。');
  await joinLiveConference(suzuki);
  await sato.getByLabel('鈴木の役割').selectOption('記録');
  await expect.poll(() => announced(suzuki)).toBe('あなたの役割が記録になりました。');
  // The same news twice in a row is told twice: the region's text changes each time, as a screen reader needs.
  await suzuki.evaluate(() => {
    const region = document.querySelector('[role="status"][aria-label="お知らせ"]')!;
    const heard: (string | null)[] = ((window as unknown as { heard: (string | null)[] }).heard = []);
    new MutationObserver(() => heard.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
  for (let i = 0; i < 2; i++) {
    await sato.getByLabel('対応内容').fill('訪問する');
    await sato.getByLabel('担当者').fill('佐藤');
    await sato.getByLabel('期限').fill('2026-12-01');
    await sato.getByRole('button', { name: '対応事項を追加' }).click();
    await expect.poll(() => sato.getByTestId('agreed-items').getByRole('row', { name: /訪問する/ }).count()).toBe(i + 1);
  }
  // Told in two texts, or in one if the second came before the first was shown.
  const heardTwice = () => suzuki.evaluate(() => (window as unknown as { heard: string[] }).heard.join('').split('対応事項が追加されました：訪問する。').length - 1);
  await expect.poll(heardTwice).toBe(2);
  await closeShownConference(sato);
  await expect.poll(() => announced(suzuki)).toBe('会議が終了しました。');
  expect(await announced(sato)).toBe(''); // all of it was 佐藤's own doing
  // Opened with the conference already held, nothing is news.
  await suzuki.reload();
  await connectionReaches(suzuki, '同期済み');
  await expect.poll(() => suzuki.getByTestId('conference-status').textContent()).toBe('終了');
  expect(await announced(suzuki)).toBe('');

  // Opened in a browser that keeps no copy of the case yet, the items agreed before are not news
  // either: the next news is all it is told (it was told every item as added).
  const tanaka = await openCaseAsMember(suite, caseId, { name: '田中', agency: '民生委員' }, async (page) => {
    await page.addInitScript(() => {
      const heard: string[] = ((window as unknown as { heard: string[] }).heard = []);
      new MutationObserver(() => {
        const told = document.querySelector('[role="status"][aria-label="お知らせ"]')?.textContent;
        if (told && told !== heard.at(-1)) heard.push(told);
      }).observe(document, { childList: true, characterData: true, subtree: true });
    });
  });
  await planConference(sato, '2026-11-30');
  await startShownConference(sato);
  await expect.poll(() => tanaka.page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['会議が開始されました。']);
});

/** What has the keyboard now: its role or tag, and its name or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element === null || element === document.body ? 'BODY' : `${element.tagName}:${element.getAttribute('aria-label') ?? element.textContent}`;
  });

/** Presses Enter on the button named `name`, as a keyboard user does. */
async function pressButton(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

it('the keyboard keeps its place when the button pressed goes away: 会議を開始 gives it to 会議を終了, joining and 守秘義務を確認 to one\'s own row, 会議を終了 to the status', async () => {
  const caseId = await createCase(suite.server, 'E2E フォーカス');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await planConference(sato, dayInJapan());
  await pressButton(sato, '会議を開始');
  await expect.poll(() => focused(sato)).toBe('BUTTON:会議を終了');
  await pressButton(sato, '守秘義務を確認');
  await expect.poll(() => focused(sato)).toMatch(/^LI:佐藤/);

  await expect.poll(() => suzuki.getByTestId('conference-status').textContent()).toBe('開催中');
  await suzuki.getByLabel(/守秘義務を確認しました/).check();
  await pressButton(suzuki, 'この会議に参加');
  await expect.poll(() => focused(suzuki)).toMatch(/^LI:鈴木/);

  sato.once('dialog', (dialog) => void dialog.accept());
  await pressButton(sato, '会議を終了');
  await expect.poll(() => focused(sato)).toBe('SPAN:終了');
});

it('会議を開始 that asks which day the conference is held on gives the keyboard to the question, and キャンセル gives it back', async () => {
  const caseId = await createCase(suite.server, 'E2E フォーカス 開催日');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23'); // another day than today: asked
  await pressButton(sato, '会議を開始');
  await expect.poll(() => focused(sato)).toBe('BUTTON:今日の会議として開始');
  await pressButton(sato, 'キャンセル');
  await expect.poll(() => focused(sato)).toBe('BUTTON:会議を開始');
});

it("the keyboard does not fall to the page when someone else's change takes away what had it: 会議を開始's question to the status, the new item's form to what was typed in it", async () => {
  const caseId = await createCase(suite.server, 'E2E フォーカス 他の人の変更');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await planConference(sato, '2026-11-23'); // another day than today: asked
  await expect.poll(() => suzuki.getByTestId('conference-status').textContent()).toBe('予定');
  await pressButton(sato, '会議を開始');
  await expect.poll(() => focused(sato)).toBe('BUTTON:今日の会議として開始');
  // 鈴木 starts it meanwhile (and is its 司会: 佐藤 has no 会議を終了): the question goes from under 佐藤's keyboard.
  await startShownConference(suzuki);
  await expect.poll(() => focused(sato)).toBe('SPAN:開催中');
  expect(await sato.getByRole('button', { name: '会議を終了' }).count()).toBe(0);

  // 佐藤 is typing a new item when 鈴木 ends the conference: the form goes, what was typed is shown, with the keyboard.
  await sato.getByLabel('対応内容').fill('見守り訪問');
  expect(await focused(sato)).toBe('INPUT:対応内容');
  await closeShownConference(suzuki);
  await sato.getByLabel('追加されなかった対応事項の内容').waitFor();
  await expect.poll(() => focused(sato)).toBe('TEXTAREA:追加されなかった対応事項の内容');
});

/** Presses `key` (ArrowDown…) on the field with the keyboard, `times` over, letting the page answer each. */
async function pressOn(page: Page, label: string, key: string, times = 1) {
  await page.getByLabel(label, { exact: true }).focus();
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await settled(page);
  }
}

it('a choice moved through with the arrow keys is made on Enter, not at each step: a role, a handover of 司会, an item\'s 状況, a speaker, the conference shown', async () => {
  const caseId = await createCase(suite.server, 'E2E 矢印キーで選ぶ');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  await planConference(sato, dayInJapan());
  await startShownConference(sato);
  await expect.poll(() => suzuki.getByTestId('conference-status').textContent()).toBe('開催中');
  await joinLiveConference(suzuki);
  await expect.poll(() => sato.getByTestId('participant').count()).toBe(2);
  // Every role 鈴木's screen shows for 鈴木, in turn.
  await suzuki.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { rolesSeen: string[] }).rolesSeen = seen;
    const note = () => {
      const row = [...document.querySelectorAll('[data-testid=participant]')].find((r) => r.querySelector('.name')?.textContent === '鈴木');
      const role = row?.querySelector('[data-testid=role]')?.textContent;
      if (role && seen.at(-1) !== role) seen.push(role);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  // 参加者 → 助言者 → 事例提供者 → 記録, then Enter: 鈴木 is given 記録 alone, not each role passed.
  await pressOn(sato, '鈴木の役割', 'ArrowUp', 3);
  expect(await sato.getByLabel('鈴木の役割').inputValue()).toBe('記録');
  await sato.keyboard.press('Enter');
  await expect.poll(() => suzuki.getByTestId('participant').filter({ hasText: '鈴木' }).getByTestId('role').textContent()).toBe('記録');
  await connectionReaches(sato, '同期済み');
  expect(await suzuki.evaluate(() => (window as unknown as { rolesSeen: string[] }).rolesSeen)).toEqual(['参加者', '記録']);
  // Esc puts back the role written.
  await pressOn(sato, '鈴木の役割', 'ArrowDown');
  await sato.keyboard.press('Escape');
  expect(await sato.getByLabel('鈴木の役割').inputValue()).toBe('記録');

  // An item's 状況 from 未着手 down to 完了 (passing 対応中), then leaving the field writes it.
  await sato.getByLabel('対応内容').fill('見守り訪問');
  await sato.getByLabel('担当者').fill('鈴木');
  await sato.getByLabel('担当機関').selectOption('社会福祉協議会');
  await sato.getByLabel('期限').fill('2026-12-20');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await pressOn(sato, '見守り訪問の状況', 'ArrowDown', 2);
  await sato.keyboard.press('Tab');
  await expect.poll(() => suzuki.getByLabel('見守り訪問の状況').inputValue()).toBe('完了');

  // The 記録 puts in the second speaker listed, and goes on typing in the 検討内容.
  await pressOn(suzuki, '発言者を入れる', 'ArrowDown', 2);
  await suzuki.keyboard.press('Enter');
  await settled(suzuki);
  await suzuki.keyboard.type('見守りを続ける');
  await expect.poll(() => editorText(sato, '検討内容')).toBe('鈴木（社会福祉協議会）：見守りを続ける');

  // Another conference moved to in 表示する会議 is shown on Enter, not at once: the whole screen would change under the keys.
  await sato.getByLabel('開催日').fill('2026-11-30');
  await sato.getByRole('button', { name: '会議を予定する' }).click();
  await expect.poll(() => sato.getByLabel('表示する会議').locator('option').count()).toBe(2);
  await pressOn(sato, '表示する会議', 'ArrowUp'); // from the live one to the one planned, listed first
  expect(await sato.getByTestId('conference-status').textContent()).toBe('開催中');
  await sato.keyboard.press('Enter');
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('予定');
  await pressOn(sato, '表示する会議', 'ArrowDown');
  await sato.keyboard.press('Enter');
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('開催中');

  // Handing over 司会: 鈴木 is given it, then 佐藤 moves down their own role to 参加者. The keyboard stays in 佐藤's row.
  await pressOn(sato, '鈴木の役割', 'ArrowUp');
  await sato.keyboard.press('Enter');
  await expect.poll(() => suzuki.getByLabel('佐藤の役割').count()).toBe(1);
  await pressOn(sato, '佐藤の役割', 'ArrowDown', 4);
  await sato.keyboard.press('Enter');
  await expect.poll(() => suzuki.getByLabel('佐藤の役割').inputValue()).toBe('参加者');
  await expect.poll(() => focused(sato)).toMatch(/^LI:佐藤/);
});

it("the 司会's keyboard stays in the list it changes: the agenda filled, an item moved or removed, a 地域課題 or an attendee removed, 自分が司会になる", async () => {
  const caseId = await createCase(suite.server, 'E2E キーボードで司会');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, dayInJapan());
  await startShownConference(sato);
  await pressButton(sato, '標準の議題（事例紹介・質疑・助言・まとめ）を入れる');
  await expect.poll(() => focused(sato)).toBe('BUTTON:事例紹介のタイマーを開始'); // the first item's, to start
  // まとめ up twice: the keyboard stays on its 上へ.
  await pressButton(sato, 'まとめを上へ');
  await expect.poll(() => focused(sato)).toBe('BUTTON:まとめを上へ');
  await sato.keyboard.press('Enter');
  await expect.poll(() => sato.getByTestId('agenda-item').locator('.title').allTextContents()).toEqual(['事例紹介', 'まとめ', '質疑', '助言']);
  await expect.poll(() => focused(sato)).toBe('BUTTON:まとめを上へ');
  // Removed, the item's place goes to the next one.
  await pressButton(sato, '質疑を削除');
  await expect.poll(() => focused(sato)).toBe('BUTTON:助言を削除');

  const issues = sato.getByRole('region', { name: '地域課題' });
  for (const issue of ['移動手段がない', '見守りの担い手不足']) {
    await issues.getByLabel('地域課題', { exact: true }).fill(issue);
    await issues.getByLabel('地域課題', { exact: true }).press('Enter');
  }
  await pressButton(sato, '地域課題「移動手段がない」を削除');
  await expect.poll(() => focused(sato)).toBe('BUTTON:地域課題「見守りの担い手不足」を削除');
  await pressButton(sato, '地域課題「見守りの担い手不足」を削除');
  await expect.poll(() => focused(sato)).toBe('INPUT:地域課題');

  await sato.getByText('アカウントのない出席者を追加（本人・家族など）').click();
  await sato.getByLabel('出席者の氏名').fill('山田花子');
  await sato.getByLabel('所属または続柄').fill('本人');
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  await pressButton(sato, '山田花子を出席者から外す');
  await expect.poll(() => focused(sato)).toMatch(/^LI:佐藤/);

  // 司会 given up, then taken again from one's own row.
  sato.once('dialog', (dialog) => void dialog.accept());
  await sato.getByLabel('佐藤の役割').selectOption('参加者');
  await pressButton(sato, '自分が司会になる');
  await expect.poll(() => focused(sato)).toMatch(/^LI:佐藤/);
});

it("an action item's 編集 gives the keyboard to its form's first field, and 保存 or キャンセル give it back to 編集; its 期限 is named on screen", async () => {
  const caseId = await createCase(suite.server, 'E2E キーボードで対応事項');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, dayInJapan());
  await startShownConference(sato);
  await sato.getByLabel('対応内容').fill('見守り訪問');
  await sato.getByLabel('担当者').fill('佐藤');
  await sato.getByLabel('担当機関').selectOption('地域包括支援センター');
  // 期限 is named on screen, not only to a screen reader: an empty date field shows no placeholder (on an iPad, nothing).
  expect(await sato.getByLabel('期限').evaluate((input: HTMLInputElement) => input.labels?.[0]?.innerText)).toBe('期限');
  await sato.getByLabel('期限').fill('2026-12-20');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  const items = sato.getByTestId('agreed-items');
  await pressButton(sato, '見守り訪問を編集');
  await expect.poll(() => focused(sato)).toBe('INPUT:対応内容');
  await pressButton(sato, 'キャンセル');
  await expect.poll(() => focused(sato)).toBe('BUTTON:見守り訪問を編集');
  await sato.keyboard.press('Enter');
  await expect.poll(() => focused(sato)).toBe('INPUT:対応内容');
  await sato.keyboard.press('End');
  await sato.keyboard.type('（週1回）');
  await sato.keyboard.press('Enter');
  await expect.poll(() => items.textContent()).toContain('見守り訪問（週1回）');
  await expect.poll(() => focused(sato)).toBe('BUTTON:見守り訪問（週1回）を編集');
});
