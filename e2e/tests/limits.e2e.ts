import { expect, it } from 'vitest';
import { clickIn, connectionReaches, createCase, editorText, openCase, useServerAndBrowser } from './harness.ts';

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
