import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { agreeActionItem, clickIn, closeShownConference, connectionReaches, createCase, editorText, holdPosts, joinLiveConference, openCase, planConference, startShownConference, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

async function typeAtEnd(page: Page, lines: string[]) {
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.press('Control+End');
  for (const [i, line] of lines.entries()) {
    if (i > 0 || (await editorText(page)) !== '') await page.keyboard.press('Enter');
    await page.keyboard.insertText(line);
  }
}

it('a closed conference leaves a record that opens read-only exactly as at close, exports its minutes, and compares with a later version', async () => {
  const caseId = await createCase(suite.server, 'E2E 記録 80代女性');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const yamamoto = await openCase(suite, caseId, { name: '山本', agency: '医療機関' });

  // The facilitator runs a conference: an advisor, a summary, an action item; then closes it.
  await planConference(sato, '2026-11-23', '市役所 第2会議室');
  await startShownConference(sato);
  await expect.poll(() => yamamoto.getByTestId('conference-status').textContent()).toBe('開催中');
  await joinLiveConference(yamamoto, '薬剤師');
  // 本人 attends without an account: the facilitator lists her, so the record names everyone present.
  await sato.getByText('アカウントのない出席者を追加（本人・家族など）').click();
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  await expect.poll(() => sato.getByRole('alert').textContent()).toBe('氏名・所属または続柄を入力してください。');
  await sato.getByLabel('出席者の氏名').fill('山田花子');
  await sato.getByLabel('所属または続柄').fill('本人');
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  await expect.poll(() => yamamoto.getByTestId('attendee').allTextContents()).toEqual(['山田花子本人（アカウントなし）']);
  // A nurse attends once, in the room: the facilitator confirms 守秘義務 with her as she is listed.
  await sato.getByLabel('出席者の氏名').fill('木下');
  await sato.getByLabel('所属または続柄').fill('○○訪問看護ステーション');
  await sato.getByLabel('守秘義務を確認した（本人・家族以外の方）').check();
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  await expect.poll(() => yamamoto.getByTestId('attendee').allTextContents()).toEqual([
    '山田花子本人（アカウントなし）',
    '木下○○訪問看護ステーション（アカウントなし・守秘義務 確認済み）',
  ]);
  expect(await yamamoto.getByText('アカウントのない出席者を追加（本人・家族など）').count()).toBe(0); // the 司会's to keep
  await sato.getByLabel('山本の役割').selectOption('助言者');
  // As an advisor, with the profession given on joining (the facilitator can change it).
  await expect.poll(() => yamamoto.getByTestId('participant').filter({ hasText: '山本' }).getByTestId('role').textContent()).toBe('助言者（薬剤師）');
  expect(await sato.getByLabel('山本の職種').inputValue()).toBe('薬剤師');
  await typeAtEnd(sato, ['本人：80代女性、独居。', '課題：服薬管理が難しい。']);
  await sato.getByLabel('対応内容').fill('服薬カレンダーを導入する');
  await sato.getByLabel('担当者').fill('山本');
  await sato.getByLabel('担当機関').selectOption('医療機関');
  // Added without its due date: the form says which field is missing and marks it, keeping the rest.
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByRole('alert').textContent()).toBe('期限を入力してください。');
  expect(await sato.getByLabel('期限').getAttribute('aria-invalid')).toBe('true');
  expect(await sato.getByLabel('対応内容').getAttribute('aria-invalid')).toBeNull();
  await sato.getByLabel('期限').fill('2026-12-01');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => yamamoto.getByTestId('agreed-items').textContent()).toContain('服薬カレンダーを導入する');
  await expect.poll(() => editorText(yamamoto)).toBe('本人：80代女性、独居。\n課題：服薬管理が難しい。');
  // Closing cannot be undone: it asks first, naming what is still missing.
  const question = await closeShownConference(sato);
  expect(question).toContain('・検討内容がまだ書かれていません。');
  expect(question).toContain('・守秘義務を確認していない参加者がいます（佐藤）。');
  await expect.poll(() => yamamoto.getByTestId('conference-status').textContent()).toBe('終了');
  // Its record, taken a few seconds later, is then among the versions to go back to on every screen.
  await expect.poll(() => yamamoto.getByLabel('戻す版').locator('option').allTextContents()).toEqual(['戻す版を選ぶ', expect.stringMatching(/^2026-11-23 個別ケース検討（/)]);

  // The live doc goes on after the close, and a version of it is saved from the live screen.
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.press('Control+End');
  await sato.keyboard.insertText('薬局と連携する。');
  await typeAtEnd(sato, ['閉会後の追記：次回までに訪問。']);
  await expect.poll(() => editorText(yamamoto)).toContain('閉会後の追記');
  await sato.getByLabel('版の名前').fill('閉会後');
  await sato.getByRole('button', { name: '版を保存' }).click();
  await sato.getByRole('status').filter({ hasText: '「閉会後」を保存しました' }).waitFor();

  // The record list shows the closed conference; its record opens read-only, as it was at close.
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-11-23 個別ケース検討' }).click();
  await expect.poll(() => sato.getByRole('heading', { level: 1 }).textContent()).toBe('2026-11-23 個別ケース検討：E2E 記録 80代女性');
  const summary = sato.getByLabel('記録時のケース概要');
  await expect.poll(() => summary.innerText()).toBe('本人：80代女性、独居。\n\n課題：服薬管理が難しい。');
  expect(await summary.getAttribute('contenteditable')).toBe('false');
  await summary.click();
  await sato.keyboard.type('書き込めない');
  expect(await summary.innerText()).not.toContain('書き込めない');
  await expect.poll(() => sato.getByTestId('record-meta').textContent()).toContain('改ざんなし');
  expect(await sato.getByTestId('record-meta').textContent()).toContain('佐藤（地域包括支援センター）');
  const people = await sato.getByRole('list', { name: '出席者' }).textContent();
  expect(people).toContain('山本医療機関・薬剤師助言者');
  expect(people).toContain('佐藤地域包括支援センター司会守秘義務 未確認'); // started it, never confirmed
  // Confirmed today, at a conference of an earlier day: with its own date, not as a time on 11/23.
  expect(people).toMatch(/山本医療機関・薬剤師助言者守秘義務 確認済み（\d{4}\/\d\d\/\d\d \d{1,2}:\d\d）/);
  expect(people).toContain('山田花子本人（アカウントなし）');
  expect(await sato.getByRole('table', { name: 'この会議の対応事項' }).textContent()).toContain('服薬カレンダーを導入する山本医療機関2026-12-01未着手');
  expect(await sato.getByRole('table', { name: '前回までの対応事項の確認' }).count()).toBe(0); // the case's first conference

  // The minutes open as a printable page with the place, the participants, roles and action items.
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  const printed = await minutes.locator('body').innerText();
  for (const text of ['会議名', '市役所 第2会議室', '山本', '薬剤師', '助言者', '服薬カレンダーを導入する', '次回予定']) expect(printed).toContain(text);
  expect(printed).toMatch(/山本\s+医療機関\s+薬剤師\s+確認済み（\d{4}\/\d\d\/\d\d \d{1,2}:\d\d）/);
  expect(printed).toMatch(/山田花子\s+本人\s+—/);
  expect(printed).toMatch(/木下\s+○○訪問看護ステーション\s+確認済み（\d{4}\/\d\d\/\d\d \d{1,2}:\d\d・司会が確認）/);
  expect(printed).not.toContain('閉会後の追記');
  // Printed, no section's heading is left at the foot of a page, its content on the next.
  await minutes.emulateMedia({ media: 'print' });
  const headingBreaks = await minutes.locator('h2').evaluateAll((headings) => headings.map((heading) => getComputedStyle(heading).breakAfter));
  expect(headingBreaks.length).toBeGreaterThan(5);
  expect(new Set(headingBreaks)).toEqual(new Set(['avoid']));

  // Comparing the record with the later version shows exactly what was written after the close:
  // the line added, and within the line edited, the words added to it.
  await sato.getByRole('link', { name: '← 記録一覧' }).click();
  await sato.getByRole('button', { name: '比較' }).click();
  const added = () => sato.getByLabel('ケース概要の差分').locator('.diff-line--added').allTextContents();
  await expect.poll(added).toEqual(['+ 課題：服薬管理が難しい。薬局と連携する。', '+ 閉会後の追記：次回までに訪問。']);
  expect(await sato.getByLabel('ケース概要の差分').locator('ins').allTextContents()).toEqual(['薬局と連携する。']);
  expect(await sato.getByLabel('ケース概要の差分').locator('.diff-line--removed').allTextContents()).toEqual(['− 課題：服薬管理が難しい。']);
  expect(await sato.getByText('どちらも記載なし').count()).toBe(1); // no 検討内容 was written at that conference
  // The comparison is a page of its own: a reload keeps it, Back goes to the list without it, Forward to it again.
  await sato.reload();
  await expect.poll(added).toEqual(['+ 課題：服薬管理が難しい。薬局と連携する。', '+ 閉会後の追記：次回までに訪問。']);
  await sato.goBack();
  await expect.poll(() => sato.getByRole('table', { name: '記録一覧' }).count()).toBe(1);
  expect(await sato.getByLabel('ケース概要の差分').count()).toBe(0);
  await sato.goForward();
  await expect.poll(added).toEqual(['+ 課題：服薬管理が難しい。薬局と連携する。', '+ 閉会後の追記：次回までに訪問。']);

  // The next conference reviews the item (モニタリング): its record shows it apart from what that
  // conference agreed, with where it was agreed and its status as of then.
  await sato.getByRole('link', { name: '← ケースに戻る' }).click();
  // The versions to restore are listed as 記録一覧 lists them, oldest first.
  const restorable = async () => (await sato.getByLabel('戻す版').locator('option').allTextContents()).map((option) => option.replace(/（[^（]*）$/, ''));
  await expect.poll(restorable).toEqual(['戻す版を選ぶ', '2026-11-23 個別ケース検討', '閉会後']);
  await planConference(sato, '2026-12-04');
  await startShownConference(sato);
  // Yamamoto joins with no role handed to her: she takes part as 参加者, on this screen and in the record.
  await expect.poll(() => yamamoto.getByTestId('conference-status').textContent()).toBe('開催中');
  await joinLiveConference(yamamoto);
  await sato.getByLabel('服薬カレンダーを導入するの状況').selectOption('対応中');
  await clickIn(sato.getByLabel('検討内容', { exact: true }));
  await sato.keyboard.insertText('服薬は安定。カレンダーを継続する。');
  await closeShownConference(sato);
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('終了');
  // The first conference shown again on the case screen lists its item as it is now (対応中, changed
  // at the second), not as agreed there: the screen says so and where that conference's own is.
  await sato.getByLabel('表示する会議').selectOption({ label: '2026-11-23 個別ケース検討 市役所 第2会議室（終了）' });
  expect(await sato.getByLabel('服薬カレンダーを導入するの状況').inputValue()).toBe('対応中');
  await expect.poll(() => sato.getByTestId('items-as-of-now').textContent()).toBe(
    'この会議は終了しています。対応事項の状況・経過は現在のものです。この会議の時点のものは、この会議の記録にあります。',
  );
  // It links to the list until the list of records has been read (a moment after the notice shows).
  const ownRecord = sato.getByRole('link', { name: 'この会議の記録' });
  await expect.poll(() => ownRecord.getAttribute('href')).toMatch(/\/records\/[^/]+$/);
  await ownRecord.click();
  await expect.poll(() => sato.getByRole('heading', { level: 1 }).textContent()).toBe('2026-11-23 個別ケース検討：E2E 記録 80代女性');
  expect(await sato.getByRole('table', { name: 'この会議の対応事項' }).textContent()).toContain('服薬カレンダーを導入する山本医療機関2026-12-01未着手');
  // The second conference's record, in which Yamamoto takes part without a role handed to her.
  await sato.getByRole('link', { name: '← 記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-12-04 個別ケース検討' }).click();
  await expect.poll(() => sato.getByRole('list', { name: '出席者' }).textContent()).toContain('山本医療機関・薬剤師参加者守秘義務 確認済み'); // as she gave it at the first
  const reviewed = sato.getByRole('table', { name: '前回までの対応事項の確認' });
  await expect.poll(() => reviewed.textContent()).toContain('服薬カレンダーを導入する山本医療機関2026-12-01期限超過2026-11-23 個別ケース検討 市役所 第2会議室（終了）対応中');
  expect(await sato.getByRole('table', { name: 'この会議の対応事項' }).count()).toBe(0);
  expect(await sato.getByRole('region', { name: 'この会議の対応事項' }).textContent()).toBe('この会議の対応事項なし');

  // Compared with the version saved at the first conference, the second's 検討内容 does not show as
  // replacing the first's: each conference's is shown under its name.
  await sato.getByRole('link', { name: '← 記録一覧' }).click();
  await sato.getByRole('button', { name: '比較' }).click();
  await expect.poll(() => sato.getByLabel('2026-12-04 個別ケース検討の検討内容').textContent()).toBe('服薬は安定。カレンダーを継続する。');
  expect(await sato.getByText('別々の会議の記録です。それぞれの会議の検討内容を示します。').count()).toBe(1);
  expect(await sato.getByRole('heading', { name: '2026-11-23 個別ケース検討', level: 4 }).count()).toBe(1);
  expect(await sato.getByLabel('検討内容の差分').count()).toBe(0);

  // For a handover, the minutes of both conferences print as one document, oldest first.
  const [all] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録一式を表示・印刷（PDF）' }).click()]);
  await all.waitForLoadState();
  expect(await all.title()).toBe('議事録一式：E2E 記録 80代女性');
  expect(await all.locator('article h1').allTextContents()).toEqual(['議事録', '議事録']);
  expect(await all.locator('article dl.meta dd:nth-of-type(2)').allTextContents()).toEqual([
    expect.stringMatching(/^2026年11月23日（月）/),
    expect.stringMatching(/^2026年12月4日（金）/),
  ]);
});

it("each one at the case's next conference starts with the 職種 they gave at the last, theirs to change; its record and minutes name it", async () => {
  const caseId = await createCase(suite.server, 'E2E 職種の引き継ぎ');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  const status = (page: Page) => page.getByTestId('conference-status').textContent();
  const ownProfession = (page: Page) => page.getByLabel('自分の職種');
  await planConference(sato, '2026-11-23');
  await startShownConference(sato);
  await ownProfession(sato).fill('社会福祉士');
  await ownProfession(sato).press('Enter');
  await expect.poll(() => status(suzuki)).toBe('開催中');
  await joinLiveConference(suzuki, '生活支援コーディネーター');
  await expect.poll(() => sato.getByTestId('participant').filter({ hasText: '鈴木' }).locator('small').textContent()).toBe('社会福祉協議会・生活支援コーディネーター');
  await closeShownConference(sato);
  await expect.poll(() => status(suzuki)).toBe('終了');

  // The next one (モニタリング): whoever starts it is listed as at the last, and joining offers one's own.
  await planConference(sato, '2026-12-07');
  await startShownConference(sato);
  await expect.poll(() => ownProfession(sato).inputValue()).toBe('社会福祉士');
  await expect.poll(() => status(suzuki)).toBe('開催中');
  expect(await suzuki.getByLabel('職種（任意）').inputValue()).toBe('生活支援コーディネーター');
  // Offered, not typed: going to another page asks nothing, and it is offered again on coming back.
  const asked: string[] = [];
  suzuki.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await suzuki.getByRole('link', { name: '記録一覧' }).click();
  await suzuki.getByRole('table', { name: '記録一覧' }).waitFor();
  expect(asked).toEqual([]);
  await suzuki.goBack();
  await expect.poll(() => suzuki.getByLabel('職種（任意）').inputValue()).toBe('生活支援コーディネーター');
  await joinLiveConference(suzuki);
  await expect.poll(() => ownProfession(suzuki).inputValue()).toBe('生活支援コーディネーター');
  // Changed since: each changes their own as before.
  await ownProfession(sato).fill('主任介護支援専門員');
  await ownProfession(sato).press('Enter');
  await expect.poll(() => suzuki.getByTestId('participant').filter({ hasText: '佐藤' }).locator('small').textContent()).toBe('地域包括支援センター・主任介護支援専門員');
  await connectionReaches(suzuki, '同期済み');
  expect(await suzuki.getByTestId('refusal').count()).toBe(0);
  await closeShownConference(sato);
  await expect.poll(() => status(sato)).toBe('終了');

  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '2026-12-07 個別ケース検討' }).click();
  const people = sato.getByRole('list', { name: '出席者' });
  await expect.poll(() => people.textContent()).toContain('鈴木社会福祉協議会・生活支援コーディネーター参加者');
  expect(await people.textContent()).toContain('佐藤地域包括支援センター・主任介護支援専門員司会');
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  expect(await minutes.locator('body').innerText()).toMatch(/鈴木\s+社会福祉協議会\s+生活支援コーディネーター\s+確認済み/);
});

it('comparing the first conference with the third names the one held between, linking its record, an item fallen overdue by the third’s date, and an item added with its 期限', async () => {
  const caseId = await createCase(suite.server, 'E2E 間の会議');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const status = () => sato.getByTestId('conference-status').textContent();
  // The first agrees an item due 11-20: on time on 11-02.
  await planConference(sato, '2026-11-02');
  await startShownConference(sato);
  await agreeActionItem(sato, { what: '主治医に服薬状況を照会する', owner: '佐藤', agency: '地域包括支援センター', due: '2026-11-20' });
  await closeShownConference(sato);
  await expect.poll(status).toBe('終了');
  // The second's discussion is in its record alone.
  await planConference(sato, '2026-11-16');
  await startShownConference(sato);
  await clickIn(sato.getByLabel('検討内容', { exact: true }));
  await sato.keyboard.insertText('成年後見の申立てを支援する。');
  await closeShownConference(sato);
  await expect.poll(status).toBe('終了');
  // By the third the item is still open, past its date; the third agrees one due before its own date.
  await planConference(sato, '2026-11-30');
  await startShownConference(sato);
  await agreeActionItem(sato, { what: 'ケアマネジャーに連絡する', owner: '佐藤', agency: '地域包括支援センター', due: '2026-11-25' });
  await closeShownConference(sato);
  await expect.poll(status).toBe('終了');

  await sato.getByRole('link', { name: '記録一覧' }).click();
  await expect.poll(() => sato.getByRole('table', { name: '記録一覧' }).locator('tbody tr').count()).toBe(3);
  await sato.getByLabel('比較元').selectOption({ index: 0 });
  await sato.getByLabel('比較先').selectOption({ index: 2 });
  await sato.getByRole('button', { name: '比較' }).click();
  const between = sato.getByTestId('conferences-between');
  await expect.poll(() => between.getByRole('paragraph').textContent()).toBe(
    'この二つの記録の間に、ほかに1件の会議があります。その会議の検討内容や、そこで決まってその後に済んだ対応事項は、この比較には表れません。それぞれの記録をご確認ください。',
  );
  expect(await between.getByRole('listitem').allTextContents()).toEqual(['2026-11-16 個別ケース検討']);
  expect(await sato.getByText('期限超過は、それぞれの記録の会議の日（比較元 2026-11-02、比較先 2026-11-30）の時点で判定しています。').count()).toBe(1);
  expect(await sato.getByTestId('items-changed').textContent()).toBe('主治医に服薬状況を照会する：状況 未着手 → 未着手（期限超過）');
  // An item added shows its 期限 (the list's order), and 期限超過 as the change above does.
  expect(await sato.getByTestId('items-added').textContent()).toBe('ケアマネジャーに連絡する（佐藤・期限 2026-11-25・未着手（期限超過））');
  // The conference between opens from there, with what was discussed at it.
  await between.getByRole('link', { name: '2026-11-16 個別ケース検討' }).click();
  await expect.poll(() => sato.getByRole('heading', { level: 1 }).textContent()).toBe('2026-11-16 個別ケース検討：E2E 間の会議');
  expect(await sato.getByText('成年後見の申立てを支援する。').count()).toBe(1);
});

it('版を保存 sends once while its request is under way: a double-click and another click save one version', async () => {
  const caseId = await createCase(suite.server, 'E2E 版の二度押し');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await typeAtEnd(sato, ['本人：80代女性、独居。']);
  // Each save is held until the clicks are done, as on a slow connection.
  const saves = await holdPosts(sato, '**/api/cases/*/records');
  await sato.getByLabel('版の名前').fill('助言前');
  const save = sato.getByRole('button', { name: '版を保存' });
  await save.dblclick();
  await save.click({ force: true }); // a click of its own (force: without waiting for the button to be enabled)
  saves.answer();
  await sato.getByRole('status').filter({ hasText: '「助言前」を保存しました' }).waitFor();
  expect(saves.sent()).toBe(1);
});

it('a second conference of the same kind on the same day is named by its start time when closing it and on its record', async () => {
  const caseId = await createCase(suite.server, 'E2E 同じ日の会議');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-12-07');
  await startShownConference(sato);
  expect((await closeShownConference(sato)).split('\n')[0]).toBe('2026-12-07 個別ケース検討を終了しますか？'); // the only one that day
  await planConference(sato, '2026-12-07', '市役所 第3会議室');
  await startShownConference(sato);
  const [asked] = (await closeShownConference(sato)).split('\n');
  const name = /^(2026-12-07 個別ケース検討 \d\d:\d\d(?::\d\d)?開始)を終了しますか？$/.exec(asked!)?.[1];
  expect(asked).toBe(`${name}を終了しますか？`);
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('終了');

  await sato.getByRole('link', { name: '記録一覧' }).click();
  // Both records are named by their start times (to the second when started in the same minute); the list is oldest first.
  await expect.poll(() => sato.getByRole('link', { name: /^2026-12-07 個別ケース検討/ }).allTextContents()).toEqual([expect.stringMatching(/開始$/), name]);
  await sato.getByRole('link', { name: /^2026-12-07 個別ケース検討/ }).last().click();
  const conferenceLine = sato.locator('section', { has: sato.getByRole('heading', { name: '会議', exact: true }) }).locator('p').first();
  await expect.poll(() => conferenceLine.textContent()).toBe(`${name}（市役所 第3会議室）`);
});

it('この版のケース概要に戻す is offered to a member who may edit the case, not to one who may only read it', async () => {
  const caseId = await createCase(suite.server, 'E2E 戻す権限');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await typeAtEnd(sato, ['本人：80代女性、独居。']);
  await sato.getByLabel('版の名前').fill('助言前');
  await sato.getByRole('button', { name: '版を保存' }).click();
  await sato.getByRole('status').filter({ hasText: '「助言前」を保存しました' }).waitFor();
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('link', { name: '助言前' }).click();
  const restore = (page: Page) => page.getByRole('button', { name: 'この版のケース概要に戻す' });
  await restore(sato).waitFor();

  const tanaka = await openCase(suite, caseId, { name: '田中', agency: '民生委員', access: 'read' });
  await tanaka.goto(sato.url());
  // Shown with the record (its buttons beside it), not offered to ask and then be refused.
  await tanaka.getByTestId('record-meta').waitFor();
  expect(await restore(tanaka).count()).toBe(0);
});
