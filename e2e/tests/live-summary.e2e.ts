import { adminOf, grantAccess, newUser } from '@care/server/test/sessions';
import { expect, it } from 'vitest';
import { connectionReaches, editorText, signedInPage, startServerProcess, typeWithIme, useServerAndBrowser } from './harness.ts';

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

  // Sato signs in and opens the case from the list.
  const sato = await signedInPage(browser, server, satoAccount.login);
  await sato.getByRole('link', { name: 'E2E 80代女性 独居' }).click();
  const suzuki = await signedInPage(browser, server, suzukiAccount.login);
  await suzuki.goto(`${server.url}/cases/${caseId}`);

  for (const page of [sato, suzuki]) await connectionReaches(page, '同期済み');

  const satoEditor = sato.getByLabel('ケース概要');
  await satoEditor.click();
  await typeWithIme(sato, ['ほんにん', 'ほんにんは'], '本人は');
  await typeWithIme(sato, ['ひとり', 'ひとりぐらし'], '一人暮らし');
  await sato.keyboard.insertText('。');

  const suzukiEditor = suzuki.getByLabel('ケース概要');
  await expect.poll(() => editorText(suzuki)).toBe('本人は一人暮らし。');
  // Suzuki sees whose caret that is, with the agency — from Sato's account, not typed in.
  await expect.poll(() => suzuki.locator('.collaboration-carets__label').first().textContent()).toBe('佐藤・地域包括支援センター');
  await expect.poll(() => suzuki.locator('.people li').count()).toBe(2);

  // Suzuki answers from the other browser; Sato sees it.
  await suzukiEditor.click();
  await suzuki.keyboard.press('Control+End'); // the end of the summary, wherever the click put the caret
  await suzuki.keyboard.press('Enter');
  await typeWithIme(suzuki, ['みまもり'], '見守り');
  await suzuki.keyboard.insertText('を週2回');
  await expect.poll(() => editorText(sato)).toBe('本人は一人暮らし。\n見守りを週2回');

  // Restart the server on the same port: the pages reconnect (sessions survive) and nothing is lost.
  await server.stop('SIGTERM');
  await expect.poll(() => suzuki.getByTestId('connection-state').textContent()).not.toBe('同期済み');
  server = suite.server = await startServerProcess({ dataDir: server.dataDir, port: server.port });
  await connectionReaches(suzuki, '同期済み', 15_000);

  const fresh = await signedInPage(browser, server, tanakaAccount.login);
  await fresh.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => editorText(fresh)).toBe('本人は一人暮らし。\n見守りを週2回');
});
