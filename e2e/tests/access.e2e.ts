import { adminOf, grantAccess, newUser, TEST_PASSWORD } from '@care/server/test/sessions';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { clickIn, connectionReaches, createCase, editorText, expectRefusedPage, keptInBrowser, localCaseCopies, localCopyHolds, openCase, openCaseAsMember, planConference, REFUSED_PAGE, signedInPage, startShownConference, useServerAndBrowser } from './harness.ts';

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
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('物忘れが増えている');
  await expect.poll(() => editorText(sato)).toBe('物忘れが増えている');

  const takahashi = await signedInPage(browser, server, outsider.login);
  await expect.poll(() => takahashi.locator('.case-list li').count()).toBe(0);
  await takahashi.goto(`${server.url}/cases/${caseId}`);
  await expect.poll(() => takahashi.getByRole('alert').textContent()).toBe('このケースを閲覧する権限がありません。');
  expect(await takahashi.getByLabel('ケース概要').count()).toBe(0);
  expect(await takahashi.content()).not.toContain('物忘れ');
  // A mistyped address gets the app's own page, with the way back, not a bare error.
  await takahashi.goto(`${server.url}/cases/${caseId}/recods`);
  await expect.poll(() => takahashi.getByRole('heading', { level: 1 }).textContent()).toBe('ページが見つかりません');
  await takahashi.getByRole('link', { name: '← ケース一覧' }).click();
  await expect.poll(() => takahashi.title()).toBe('ケース一覧 | ケア会議ワークスペース');
  // Pages for coordinators and administrators say so, once, showing nothing a member cannot use.
  await expectRefusedPage(takahashi, `${server.url}/audit`, REFUSED_PAGE.coordinatorsOnly);
  await expectRefusedPage(takahashi, `${server.url}/admin`, REFUSED_PAGE.adminsOnly);

  // Signing out ends it: the case is no longer reachable from that browser. Its other tabs (one on
  // the case, one on the list) say so, and promise nothing kept: signing out deleted every copy.
  const [onCase, onList] = [await sato.context().newPage(), await sato.context().newPage()];
  await onCase.goto(sato.url());
  await connectionReaches(onCase, '同期済み');
  await onList.goto(server.url);
  await onList.getByRole('heading', { name: 'ケース一覧' }).waitFor();
  await sato.getByRole('button', { name: 'ログアウト' }).click();
  await sato.getByLabel('ログインID').waitFor();
  for (const tab of [onCase, onList]) {
    await tab.getByLabel('ログインID').waitFor();
    expect(await tab.getByRole('status').textContent()).toBe('ログアウトしました（別のタブや画面で）。続けるには、もう一度ログインしてください。');
  }
  await sato.goto(`${server.url}/cases/${caseId}`);
  await sato.getByLabel('ログインID').waitFor();
});

it('a link with its query (対応事項の一覧 narrowed) opened signed out comes back whole after signing in', async () => {
  const { browser, server } = suite;
  const member = await newUser(server, { name: '鈴木', agency: '民生委員' });
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await page.goto(`${server.url}/action-items?q=${encodeURIComponent('見守り')}&overdue=1`);
  await page.getByLabel('ログインID').fill(member.login);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('キーワード').waitFor();
  expect(new URL(page.url()).search).toBe(`?q=${encodeURIComponent('見守り')}&overdue=1`);
  expect(await page.getByLabel('キーワード').inputValue()).toBe('見守り');
});

it('signed out in another tab, a page that learns it first from a refused request keeps none of what its forms held', async () => {
  const caseId = await createCase(suite.server, 'E2E 別のタブでログアウト');
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, async (page) => {
    // It hears neither the other tab's message nor its socket's close (4401, signed out) before a
    // request is refused: its connection drops instead, and asking again over HTTP gets 401.
    await page.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
    await page.routeWebSocket(/\/ws\/cases\//, (socket) => {
      const server = socket.connectToServer();
      server.onClose(() => void socket.close());
    });
  });
  await planConference(page, '2026-11-23');
  await startShownConference(page);
  const newItem = page.getByRole('region', { name: 'この会議の対応事項' }).locator(':scope > form');
  await newItem.getByLabel('対応内容').fill('配食サービスの調整');

  const other = await page.context().newPage();
  await other.goto(suite.server.url);
  await other.getByRole('button', { name: 'ログアウト' }).click();
  await other.getByLabel('ログインID').waitFor();

  await page.getByLabel('ログインID').waitFor();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('care-typing:')))).toEqual([]);
  // Nor does it promise to: it says it was signed out, as its other tabs do.
  expect(await page.getByRole('status').textContent()).toBe('ログアウトしました（別のタブや画面で）。続けるには、もう一度ログインしてください。');
});

it('signed out in another tab, a case page still typing unsent edits keeps nothing of the case on the device, before or after it learns of it', async () => {
  const caseId = await createCase(suite.server, 'E2E ログアウト後の入力');
  /** Lets the page hear its socket's close (4401, signed out), held back till then. */
  let hearClose = () => {};
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, async (page) => {
    // It hears of the sign-out late: no message from the other tab, and its socket's close held
    // back. What it sends is held too, so that what it types stays unsent (as offline).
    await page.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
    await page.routeWebSocket(/\/ws\/cases\//, (socket) => {
      const server = socket.connectToServer();
      let synced = false;
      server.onMessage((message) => {
        synced = true;
        socket.send(message);
      });
      socket.onMessage((message) => void (synced ? undefined : server.send(message)));
      server.onClose((code, reason) => void (hearClose = () => void socket.close({ code, reason })));
    });
  });
  await clickIn(page.getByLabel('ケース概要'));
  await page.keyboard.insertText('未送信の一言');
  await expect.poll(() => localCopyHolds(page, '未送信の一言')).toBe(true);

  // Signing out in another tab asks about the unsent edit; agreed, they go with everything else.
  const other = await page.context().newPage();
  await other.goto(suite.server.url);
  other.once('dialog', (dialog) => void dialog.accept());
  await other.getByRole('button', { name: 'ログアウト' }).click();
  await other.getByLabel('ログインID').waitFor();
  await expect.poll(() => localCaseCopies(page)).toEqual([]);

  // The case page goes on typing before it hears of it, then hears: nothing of it is kept.
  await page.keyboard.insertText('ログアウト後の一言');
  await expect.poll(() => editorText(page)).toContain('ログアウト後の一言');
  expect(await keptInBrowser(page)).toEqual({ copies: [], entries: [] });
  hearClose();
  await page.getByLabel('ログインID').waitFor();
  expect(await keptInBrowser(page)).toEqual({ copies: [], entries: [] });
});

it('signing out while offline ends the session at the server once the device is back online, or before the next page opened shows anyone signed in', async () => {
  const { browser, server } = suite;
  /** Whether the server still takes the browser's cookie as a session. */
  const sessionStands = async (page: Page) => (await page.context().request.get(`${server.url}/api/session`)).status() === 200;

  // Back online with the page still open: sent at once.
  const sato = await signedInPage(browser, server, (await newUser(server, { name: '佐藤' })).login);
  await sato.context().setOffline(true);
  await sato.getByRole('button', { name: 'ログアウト' }).click();
  await sato.getByLabel('ログインID').waitFor();
  expect(await sessionStands(sato)).toBe(true); // the server has not heard of it
  await sato.context().setOffline(false);
  await expect.poll(() => sessionStands(sato)).toBe(false);

  // The page closed offline: the next one opened on the device sends it before anything else.
  const tanaka = await signedInPage(browser, server, (await newUser(server, { name: '田中' })).login);
  await tanaka.context().setOffline(true);
  await tanaka.getByRole('button', { name: 'ログアウト' }).click();
  await tanaka.getByLabel('ログインID').waitFor();
  const context = tanaka.context();
  await tanaka.close();
  await context.setOffline(false);
  const next = await context.newPage();
  await next.goto(server.url);
  await next.getByLabel('ログインID').waitFor();
  expect(await next.getByTestId('account').count()).toBe(0);
  await expect.poll(() => sessionStands(next)).toBe(false);
});

it('a session that ends while a page is in use leads to the sign-in page, which says why and that what was typed is kept', async () => {
  const caseId = await createCase(suite.server, 'E2E ログインの終了');
  const page = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await page.context().clearCookies(); // the server no longer knows the session, as after its time limit
  await page.getByRole('link', { name: '← ケース一覧' }).click();
  await page.getByLabel('ログインID').waitFor();
  expect(await page.getByRole('status').filter({ hasText: 'ログインが終了しました' }).textContent()).toContain('入力した内容はこの端末に残っており');
});

it('a coordinator closes a case (ケース終結): the open pages turn read-only at once, the list hides it until asked; reopening gives editing back', async () => {
  const { browser, server } = suite;
  const admin = await adminOf(server);
  const caseId = ((await (await admin.request('POST', '/api/cases', { title: '終結予定 90代女性' })).json()) as { id: string }).id;
  const member = await newUser(server, { name: '佐藤', agency: '地域包括支援センター' });
  await grantAccess(server, caseId, member, 'edit');
  const coordinatorAccount = await newUser(server, { name: '統括', agency: '市役所 高齢福祉課', role: 'coordinator' });

  const sato = await signedInPage(browser, server, member.login);
  await sato.goto(`${server.url}/cases/${caseId}`);
  await connectionReaches(sato, '同期済み');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('施設入所が決まった。');
  expect(await sato.getByRole('toolbar', { name: '書式', exact: true }).count()).toBe(1);
  await planConference(sato, '2026-11-23');

  const coordinator = await signedInPage(browser, server, coordinatorAccount.login);
  await coordinator.goto(`${server.url}/cases/${caseId}`);
  await connectionReaches(coordinator, '同期済み');
  let asked = '';
  coordinator.once('dialog', (dialog) => void ((asked = dialog.message()), dialog.accept()));
  await coordinator.getByRole('button', { name: 'ケースを終結する' }).click();
  await coordinator.getByTestId('case-closed').waitFor();
  // Asked first, the coordinator was told what closing leaves behind.
  expect(asked).toContain('予定のままの会議があります（2026-11-23 個別ケース検討）。終結すると開催できません。');
  // A closed case invites no one (the server refuses it): no link is offered.
  await coordinator.getByText('終結したケースには招待できません。').waitFor();
  expect(await coordinator.getByRole('button', { name: '招待リンクを作成' }).count()).toBe(0);

  // Sato's page, open all along, says so and stops offering to edit.
  await expect.poll(() => sato.getByTestId('case-closed').count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => sato.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  expect(await sato.getByRole('toolbar', { name: '書式', exact: true }).count()).toBe(0);
  await connectionReaches(sato, '同期済み');
  expect(await editorText(sato)).toBe('施設入所が決まった。');
  expect(await sato.getByTestId('refusal').count()).toBe(0);

  // An administrator corrects Sato's name meanwhile: the open page says who Sato is now.
  expect((await admin.request('PATCH', `/api/users/${member.userId}`, { name: '佐藤（旧姓 田中）' })).status).toBe(200);
  await expect.poll(() => sato.getByTestId('account').textContent()).toContain('佐藤（旧姓 田中）');

  // The case list shows it only when asked for closed cases too.
  await sato.goto(server.url);
  await sato.getByRole('heading', { name: 'ケース一覧' }).waitFor();
  await sato.getByLabel(/終結したケースも表示/).waitFor();
  expect(await sato.getByRole('link', { name: '終結予定 90代女性' }).count()).toBe(0);
  await sato.getByLabel(/終結したケースも表示/).check();
  await sato.getByRole('link', { name: '終結予定 90代女性' }).click();
  await connectionReaches(sato, '同期済み');
  expect(await sato.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  // Its records stay a click away, though no version can be saved now.
  expect(await sato.getByRole('button', { name: '版を保存' }).count()).toBe(0);
  await sato.getByRole('link', { name: '記録一覧' }).click();
  await sato.getByRole('heading', { name: '記録一覧：終結予定 90代女性' }).waitFor();
  await sato.goBack();
  await connectionReaches(sato, '同期済み');

  // Reopened: Sato's page is editable again without reloading, and says so at once (the case, read
  // again over HTTP, comes late here: the connection's statement of access is enough).
  await sato.route(`**/api/cases/${caseId}`, async (route) => {
    await new Promise((later) => setTimeout(later, 2_000));
    await route.continue();
  });
  coordinator.once('dialog', (dialog) => void dialog.accept());
  await coordinator.getByRole('button', { name: '終結を取り消す' }).click();
  await expect.poll(() => sato.getByLabel('ケース概要').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true');
  expect(await sato.getByTestId('case-closed').count()).toBe(0);
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.press('Control+End');
  await sato.keyboard.insertText('入所は延期。');
  await expect.poll(() => editorText(coordinator)).toBe('施設入所が決まった。入所は延期。');
});
