import {
  addActionItem,
  appendSummaryParagraphs,
  assignRole,
  closeConference,
  joinConference,
  readConferences,
  scheduleConference,
  startConference,
  summaryPlainText,
} from '@care/case-doc';
import { expect, it } from 'vitest';
import { connectDoc } from './doc-client.ts';
import { createCase, editorText, pageAs, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

const tanaka = { userId: 'user-tanaka-0001', name: '田中', agency: '地域包括支援センター' };
const yamamoto = { userId: 'user-yamamoto-01', name: '山本', agency: '医療機関' };

it('a coordinator opens a closed conference record read-only, exactly as at close, and compares it with a later version', async () => {
  const { server, browser } = env;
  const caseId = await createCase(server, 'E2E 記録 80代女性');

  // A conference is run and closed (from Node: the conference screen is another issue's).
  const lead = await connectDoc(server, caseId, tanaka);
  const adviser = await connectDoc(server, caseId, yamamoto);
  const conferenceId = scheduleConference(lead.doc, { date: '2026-11-23', kind: '個別ケース検討', place: '市役所 第2会議室' });
  startConference(lead.doc, conferenceId, { userId: tanaka.userId, name: tanaka.name, agency: { kind: '地域包括支援センター' } });
  assignRole(lead.doc, conferenceId, yamamoto.userId, { role: '助言者', profession: '薬剤師' });
  appendSummaryParagraphs(lead.doc, ['本人：80代女性、独居。', '課題：服薬管理が難しい。']);
  addActionItem(lead.doc, conferenceId, { what: '服薬カレンダーを導入する', ownerName: '山本', ownerAgency: { kind: '医療機関' }, due: '2026-12-01' });
  await expect.poll(() => readConferences(adviser.doc).value[0]?.roles[yamamoto.userId]?.role).toBe('助言者');
  joinConference(adviser.doc, conferenceId, { userId: yamamoto.userId, name: '山本', agency: { kind: '医療機関' }, profession: '薬剤師' });
  await expect.poll(() => readConferences(lead.doc).value[0]?.participants.length).toBe(2);
  closeConference(lead.doc, conferenceId);
  // The live doc goes on after the close.
  appendSummaryParagraphs(lead.doc, ['閉会後の追記：次回までに訪問。']);

  // In the browser, the live screen has that later edit; a version of it is saved there.
  const page = await pageAs(browser, { name: '佐藤', agency: '社会福祉協議会', color: '#2f9e44' });
  await page.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => editorText(page)).toContain('閉会後の追記');
  await page.getByLabel('版の名前').fill('閉会後');
  await page.getByRole('button', { name: '版を保存' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('「閉会後」を保存しました');

  // The record list shows the closed conference; its record opens read-only, as it was at close.
  await page.getByRole('link', { name: '記録一覧' }).click();
  await page.getByRole('link', { name: '2026-11-23 個別ケース検討' }).click();
  const summary = page.getByLabel('記録時のケース概要');
  await expect.poll(() => summary.innerText()).toBe('本人：80代女性、独居。\n\n課題：服薬管理が難しい。');
  expect(await summary.getAttribute('contenteditable')).toBe('false');
  await summary.click();
  await page.keyboard.type('書き込めない');
  expect(await summary.innerText()).not.toContain('書き込めない');
  await expect.poll(() => page.getByTestId('record-meta').textContent()).toContain('改ざんなし');
  const people = page.getByRole('list', { name: '出席者' });
  expect(await people.textContent()).toContain('山本医療機関・薬剤師助言者');
  expect(await people.textContent()).toContain('田中地域包括支援センター司会');
  expect(await page.getByRole('table', { name: '対応事項' }).textContent()).toContain('服薬カレンダーを導入する山本医療機関2026-12-01未着手');

  // The minutes export opens as a printable page with the participants and the action items.
  const [minutes] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  const printed = await minutes.locator('body').innerText();
  for (const text of ['会議名', '市役所 第2会議室', '山本', '助言者', '服薬カレンダーを導入する', '次回予定']) expect(printed).toContain(text);

  // Comparing the record with the later version shows exactly the line added after the close.
  await page.getByRole('link', { name: '← 記録一覧' }).click();
  await page.getByRole('button', { name: '比較' }).click();
  await expect.poll(() => page.getByLabel('ケース概要の差分').locator('.diff-line--added').allTextContents()).toEqual(['+ 閉会後の追記：次回までに訪問。']);

  expect(summaryPlainText(lead.doc)).toContain('閉会後の追記');
  lead.destroy();
  adviser.destroy();
});
