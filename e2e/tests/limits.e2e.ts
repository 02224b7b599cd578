import { announcePresence, caseMember } from '@care/server/test/sessions';
import { expect, it } from 'vitest';
import { clickIn, connectionReaches, createCase, editorText, keptInBrowser, localCaseCopies, openCase, openCaseAsMember, useServerAndBrowser } from './harness.ts';

/** A server that takes messages of at most 64 KiB (MAX_MESSAGE_BYTES; 2 MiB by default). */
const suite = useServerAndBrowser({ env: { MAX_MESSAGE_BYTES: '65536' } });

it('a change too large for the server is refused with a clear message, not sent again and again; discarding it keeps the rest', async () => {
  const caseId = await createCase(suite.server, 'E2E 大きすぎる変更');
  const page = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.insertText('本人：80代女性。');
  await connectionReaches(page, '同期済み');

  // A pasted text of ~120 KB (UTF-8), more than the server takes in one message.
  let upgrades = 0;
  page.on('websocket', () => upgrades++);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('あ'.repeat(40_000));
  const refusal = page.getByTestId('refusal');
  await expect.poll(() => refusal.textContent()).toContain('一度に送れる量を超える変更です');
  await connectionReaches(page, '切断されました');
  const tried = upgrades;
  await page.waitForTimeout(4_000); // longer than y-websocket's longest wait before reconnecting (2.5 s)
  expect(upgrades).toBe(tried);

  await refusal.getByRole('button').click();
  await connectionReaches(page, '同期済み');
  // The new line begun before the paste went on its own, and stays.
  expect(await editorText(page)).toBe('本人：80代女性。\n');
  await expect.poll(() => page.getByLabel('破棄した文章の内容').inputValue()).toMatch(/^【ケース概要】\nあ{40000}$/);
  // Writing goes on as before.
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('独居。');
  await connectionReaches(page, '同期済み');
  expect(await editorText(page)).toBe('本人：80代女性。\n独居。');
});

it('signed out in another tab while a page shows its change refused as too large: discarding it there afterwards keeps nothing of the case', async () => {
  const caseId = await createCase(suite.server, 'E2E 破棄とログアウト');
  // Its socket closed on the refusal, the page hears of the sign-out only when it connects again
  // (here no message from the other tab either, as if it came late).
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, async (page) => {
    await page.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
  });
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.insertText('本人：80代女性。');
  await connectionReaches(page, '同期済み');
  await page.keyboard.insertText('い'.repeat(40_000));
  const refusal = page.getByTestId('refusal');
  await expect.poll(() => refusal.textContent()).toContain('一度に送れる量を超える変更です');

  const other = await page.context().newPage();
  await other.goto(suite.server.url);
  other.once('dialog', (dialog) => void dialog.accept()); // the refused change is unsent: it goes
  await other.getByRole('button', { name: 'ログアウト' }).click();
  await other.getByLabel('ログインID').waitFor();
  await expect.poll(() => localCaseCopies(page)).toEqual([]);

  await refusal.getByRole('button').click();
  await page.getByLabel('ログインID').waitFor();
  expect(await keptInBrowser(page)).toEqual({ copies: [], entries: [] });
});

it('a caret no editor can place, announced by a crafted client, leaves everyone’s editor working: what each types reaches the other', async () => {
  const { server } = suite;
  const caseId = await createCase(server, 'E2E 読めないカーソル');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  const errors: string[] = [];
  for (const page of [sato, suzuki]) page.on('pageerror', (error) => errors.push(error.message));
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('本人は');
  await expect.poll(() => editorText(suzuki)).toBe('本人は');

  const crafted = await announcePresence(server.url.replace(/^http/, 'ws') + '/ws/cases', caseId, await caseMember(server, caseId, { name: '山田', agency: '行政' }), {
    cursor: { anchor: { garbage: 1 }, head: { garbage: 1 } },
  });
  await expect.poll(() => sato.locator('.people li').count()).toBe(3); // its presence has reached the pages
  await sato.keyboard.insertText('一人暮らし');
  await clickIn(suzuki.getByLabel('ケース概要'));
  await suzuki.keyboard.press('Control+End');
  await suzuki.keyboard.insertText('。');
  for (const page of [sato, suzuki]) await expect.poll(() => editorText(page)).toBe('本人は一人暮らし。');
  expect(errors).toEqual([]);
  crafted.close();
});
