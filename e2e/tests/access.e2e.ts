import { adminOf, grantAccess, newUser } from '@care/server/test/sessions';
import { expect, it } from 'vitest';
import { connectionReaches, editorText, signedInPage, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

it('a member signs in and sees the case; someone from another agency without membership cannot', async () => {
  const { browser, server } = suite;
  const admin = await adminOf(server);
  const caseId = ((await (await admin.request('POST', '/api/cases', { title: '包括 80代男性 認知症疑い' })).json()) as { id: string }).id;
  const member = await newUser(server, { name: '佐藤', agency: '地域包括支援センター' });
  const outsider = await newUser(server, { name: '高橋', agency: '別地区の居宅介護支援事業所' });
  await grantAccess(server, caseId, member, 'edit');

  // Without signing in, the app asks for it.
  const anonymous = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await anonymous.goto(`${server.url}/cases/${caseId}`);
  await anonymous.getByLabel('ログインID').waitFor();

  // A wrong password is refused with a message.
  await anonymous.getByLabel('ログインID').fill(member.login);
  await anonymous.getByLabel('パスワード').fill('not the password');
  await anonymous.getByRole('button', { name: 'ログイン' }).click();
  await expect.poll(() => anonymous.getByRole('alert').textContent()).toBe('ログインIDまたはパスワードが違います。');

  const sato = await signedInPage(browser, server, member.login);
  await sato.getByRole('link', { name: '包括 80代男性 認知症疑い' }).click();
  await connectionReaches(sato, '同期済み');
  await sato.getByLabel('ケース概要').click();
  await sato.keyboard.insertText('物忘れが増えている');
  await expect.poll(() => editorText(sato)).toBe('物忘れが増えている');

  const takahashi = await signedInPage(browser, server, outsider.login);
  await expect.poll(() => takahashi.locator('.case-list li').count()).toBe(0);
  await takahashi.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => takahashi.getByRole('alert').textContent()).toBe('このケースを閲覧する権限がありません。');
  expect(await takahashi.getByLabel('ケース概要').count()).toBe(0);
  expect(await takahashi.content()).not.toContain('物忘れ');

  // Signing out ends it: the case is no longer reachable from that browser.
  await sato.getByRole('button', { name: 'ログアウト' }).click();
  await sato.getByLabel('ログインID').waitFor();
  await sato.goto(`${server.url}/cases/${caseId}`);
  await sato.getByLabel('ログインID').waitFor();
});
