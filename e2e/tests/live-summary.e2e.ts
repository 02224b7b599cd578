import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCase, editorText, launchBrowser, pageAs, removeDir, startServerProcess, type ServerProcess, typeWithIme } from './harness.ts';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

it('two participants co-edit the case summary in Japanese, and it survives a server restart', async () => {
  const caseId = await createCase(server, 'E2E 80代女性 独居');

  // The first participant comes in through the join form.
  const sato = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await sato.goto(`${server.url}/cases/${caseId}`);
  await sato.getByLabel('氏名').fill('佐藤');
  await sato.getByLabel('所属機関').fill('地域包括支援センター');
  await sato.getByRole('button', { name: '参加' }).click();

  const suzuki = await pageAs(browser, { name: '鈴木', agency: '社会福祉協議会', color: '#2f9e44' });
  await suzuki.goto(`${server.url}/cases/${caseId}`);

  for (const page of [sato, suzuki]) await expect.poll(() => page.getByTestId('connection-state').textContent()).toBe('同期済み');

  const satoEditor = sato.getByLabel('ケース概要');
  await satoEditor.click();
  await typeWithIme(sato, ['ほんにん', 'ほんにんは'], '本人は');
  await typeWithIme(sato, ['ひとり', 'ひとりぐらし'], '一人暮らし');
  await sato.keyboard.insertText('。');

  const suzukiEditor = suzuki.getByLabel('ケース概要');
  await expect.poll(() => editorText(suzuki)).toBe('本人は一人暮らし。');
  // Suzuki sees whose caret that is, with the agency.
  await expect.poll(() => suzuki.locator('.collaboration-carets__label').first().textContent()).toBe('佐藤・地域包括支援センター');
  await expect.poll(() => suzuki.locator('.people li').count()).toBe(2);

  // Suzuki answers from the other browser; Sato sees it.
  await suzukiEditor.click();
  await suzuki.keyboard.press('Control+End'); // the end of the summary, wherever the click put the caret
  await suzuki.keyboard.press('Enter');
  await typeWithIme(suzuki, ['みまもり'], '見守り');
  await suzuki.keyboard.insertText('を週2回');
  await expect.poll(() => editorText(sato)).toBe('本人は一人暮らし。\n見守りを週2回');

  // Restart the server on the same port: the pages reconnect and nothing is lost.
  await server.stop('SIGTERM');
  await expect.poll(() => suzuki.getByTestId('connection-state').textContent()).not.toBe('同期済み');
  server = await startServerProcess({ dataDir: server.dataDir, port: server.port });
  await expect.poll(() => suzuki.getByTestId('connection-state').textContent(), { timeout: 15_000 }).toBe('同期済み');

  const fresh = await pageAs(browser, { name: '田中', agency: '行政', color: '#9c36b5' });
  await fresh.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => editorText(fresh)).toBe('本人は一人暮らし。\n見守りを週2回');
});
