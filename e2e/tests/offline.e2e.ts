import { adminOf, caseMember, grantAccess, revokeAccess } from '@care/server/test/sessions';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  clickIn,
  connectionReaches,
  createCase,
  editorText,
  goOffline,
  holdMessages,
  localCaseCopies,
  localCopyHolds,
  openCase,
  openCaseAsMember,
  pageWithSession,
  planConference,
  signedInPage,
  startShownConference,
  typeWithIme,
  useServerAndBrowser,
} from './harness.ts';

const suite = useServerAndBrowser();
const sato = { name: '佐藤', agency: '地域包括支援センター' };
const suzuki = { name: '鈴木', agency: '社会福祉協議会' };
const revokedNotice = 'このケースへのアクセス権が取り消されました。';
const disabledNotice = 'このアカウント（またはその所属機関）は管理者によって無効にされました。この端末に保存していたケースの内容は削除しました。';

it('edits typed offline are kept and merged on reconnect with what others typed meanwhile', async () => {
  const caseId = await createCase(suite.server, 'E2E オフライン 再接続');
  const [a, b] = [await openCase(suite, caseId, sato), await openCase(suite, caseId, suzuki)];
  await clickIn(b.getByLabel('ケース概要'));
  await b.keyboard.insertText('支援方針');
  await expect.poll(() => editorText(a)).toBe('支援方針');

  const connectedNow = (page: Page) => page.getByRole('heading', { name: /^参加者/ }).textContent();
  await expect.poll(() => connectedNow(a)).toBe('参加者（0・接続中 2）');
  await goOffline(a);
  await a.getByRole('status').filter({ hasText: '変更はこの端末に保存され' }).waitFor();
  // Offline, A is with no one, not even itself.
  await expect.poll(() => connectedNow(a)).toBe('参加者（0・接続中 0）');
  await clickIn(a.getByLabel('ケース概要'));
  // Typed only once the caret is in the editor, at the end of its text.
  const caret = () => a.evaluate(() => `${document.activeElement?.getAttribute('aria-label')} ${getSelection()?.anchorNode?.textContent}@${getSelection()?.anchorOffset}`);
  await expect.poll(() => caret()).toMatch(/^ケース概要 /);
  await a.keyboard.press('Control+End');
  await expect.poll(() => caret()).toBe('ケース概要 支援方針@4');
  await a.keyboard.press('Enter');
  await typeWithIme(a, ['ほんにん', 'ほんにんは'], '本人は');
  await typeWithIme(a, ['ひとり', 'ひとりぐらし'], '一人暮らし');
  // Meanwhile B writes at the start; A does not see it while offline.
  await b.keyboard.press('Control+Home');
  await b.keyboard.insertText('【更新】');
  await expect.poll(() => editorText(b)).toBe('【更新】支援方針');
  expect(await editorText(a)).toBe('支援方針\n本人は一人暮らし');

  await a.context().setOffline(false);
  await connectionReaches(a, '同期済み');
  for (const page of [a, b]) await expect.poll(() => editorText(page)).toBe('【更新】支援方針\n本人は一人暮らし');
  await expect.poll(() => connectedNow(a)).toBe('参加者（0・接続中 2）');
});

it('an edit typed offline survives closing the page and reaches the server when the case is opened again', async () => {
  const caseId = await createCase(suite.server, 'E2E オフライン 再訪');
  const a = await openCase(suite, caseId, sato);
  await goOffline(a);
  await clickIn(a.getByLabel('ケース概要'));
  await typeWithIme(a, ['やかん', 'やかんの'], '夜間の');
  await a.keyboard.insertText('見守りが必要');
  await expect.poll(() => localCopyHolds(a, '見守りが必要')).toBe(true);
  const context = a.context();
  await a.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(again, '同期済み');
  await expect.poll(() => editorText(again)).toBe('夜間の見守りが必要');
  // Someone who never saw that browser gets it from the server.
  const b = await openCase(suite, caseId, suzuki);
  await expect.poll(() => editorText(b)).toBe('夜間の見守りが必要');
});

it('signing out deletes the cases kept in this browser; so does losing access to a case', async () => {
  const caseId = await createCase(suite.server, 'E2E オフライン 削除');
  const a = await openCase(suite, caseId, sato);
  await expect.poll(() => localCaseCopies(a)).toHaveLength(1);
  await a.getByRole('button', { name: 'ログアウト' }).click();
  await a.getByLabel('ログインID').waitFor();
  await expect.poll(() => localCaseCopies(a)).toEqual([]);

  const { page: b, member } = await openCaseAsMember(suite, caseId, suzuki);
  await clickIn(b.getByLabel('ケース概要'));
  await b.keyboard.insertText('本人は独居、要配慮情報');
  await connectionReaches(b, '同期済み');
  await expect.poll(() => localCaseCopies(b)).toHaveLength(1);
  await revokeAccess(suite.server, caseId, member);
  await b.getByText(revokedNotice).waitFor();
  await expect.poll(() => localCaseCopies(b)).toEqual([]);
  // The page stops showing the case, and offers nothing that needs access; only the way back.
  expect(await b.content()).not.toContain('本人は独居');
  expect(await b.content()).not.toContain('E2E オフライン 削除');
  for (const gone of [b.getByLabel('ケース概要'), b.getByText('閲覧のみ'), b.getByRole('button', { name: '版を保存' }), b.getByRole('link', { name: '記録一覧' })]) {
    expect(await gone.count()).toBe(0);
  }
  await b.getByRole('link', { name: '← ケース一覧' }).click();
  await b.getByRole('heading', { name: 'ケース一覧' }).waitFor();
});

it('signing out while edits are not yet on the server asks first; cancelling keeps them until they are saved', async () => {
  const title = 'E2E 未送信のままログアウト';
  const caseId = await createCase(suite.server, title);
  const a = await openCase(suite, caseId, sato);
  const questions: string[] = [];
  const answerCancel = (page: Page) =>
    page.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
  answerCancel(a);
  await goOffline(a);
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('退院前カンファレンスの日程を調整');
  await expect.poll(() => localCopyHolds(a, '退院前カンファレンスの日程を調整')).toBe(true);
  await a.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => questions).toHaveLength(1);
  expect(questions[0]).toContain('1件のケースに、サーバーへの保存をまだ確認できていない変更があります');
  // Cancelled: still signed in, the edit still here and kept.
  expect(await a.getByTestId('account').count()).toBe(1);
  expect(await editorText(a)).toBe('退院前カンファレンスの日程を調整');

  // The page is closed before it reconnects: the case list says which case holds the edit.
  const context = a.context();
  await a.close();
  await context.setOffline(false);
  const page = await context.newPage();
  answerCancel(page);
  await page.goto(suite.server.url);
  const row = page.getByRole('listitem').filter({ hasText: title });
  await row.getByText('未送信の変更あり').waitFor();
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => questions).toHaveLength(2);

  // Opened online, the edit is saved; then signing out asks nothing.
  await row.getByRole('link').click();
  await connectionReaches(page, '同期済み');
  await page.goBack();
  await row.waitFor();
  expect(await row.getByText('未送信の変更あり').count()).toBe(0);
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByLabel('ログインID').waitFor();
  expect(questions).toHaveLength(2);
  const b = await openCase(suite, caseId, suzuki);
  await expect.poll(() => editorText(b)).toBe('退院前カンファレンスの日程を調整');
});

it('a second tab of the same person, saved, leaves the case marked 未送信 while the first holds edits the server never got; the mark goes once they are sent', async () => {
  const title = 'E2E 二つのタブ 未送信';
  const caseId = await createCase(suite.server, title);
  let sent!: Awaited<ReturnType<typeof holdMessages>>;
  const { page: a } = await openCaseAsMember(suite, caseId, sato, async (page) => {
    sent = await holdMessages(page, 'browser');
  });
  const b = await a.context().newPage();
  await b.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(b, '同期済み');
  const colleague = await openCase(suite, caseId, suzuki);

  // The first tab's socket is cut (the second's is not): what it types is kept here only.
  sent.hold();
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('長女が週末に来訪');
  await expect.poll(() => localCopyHolds(a, '長女が週末に来訪')).toBe(true);
  // The second tab types too, and the server stores it.
  await clickIn(b.getByLabel('ケース概要'));
  await b.keyboard.insertText('通所は週2回');
  await expect.poll(() => editorText(colleague)).toBe('通所は週2回');
  await connectionReaches(b, '同期済み');

  await b.getByRole('link', { name: '← ケース一覧' }).click();
  const row = b.getByRole('listitem').filter({ hasText: title });
  await row.getByText('未送信の変更あり').waitFor();
  // The first tab closed before sending: its edits are in the kept copy, still marked.
  await a.close();
  await b.reload();
  await row.getByText('未送信の変更あり').waitFor();

  // Opened again, the case sends them; only then does the mark go.
  await row.getByRole('link').click();
  await connectionReaches(b, '同期済み');
  await expect.poll(() => editorText(colleague)).toContain('長女が週末に来訪');
  await b.goBack();
  await row.waitFor();
  expect(await row.getByText('未送信の変更あり').count()).toBe(0);
});

/** A new member's page on a new case, offline, with `text` typed there and kept in the browser's copy. */
async function typedOffline(title: string, text: string) {
  const caseId = await createCase(suite.server, title);
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato);
  await goOffline(a);
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText(text);
  await expect.poll(() => localCopyHolds(a, text)).toBe(true);
  return { caseId, a, member };
}

/** What this browser keeps of the app's in localStorage (unsent cases, discarded text). */
const keptInLocalStorage = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('care-')));

it('access revoked while offline: coming back online ends the connection, deletes the kept copy and says that what was typed offline went with it, shown this once', async () => {
  const caseId = await createCase(suite.server, 'E2E オフライン中の取り消し');
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato);
  await planConference(a, '2026-11-23');
  await startShownConference(a); // action items are agreed at a live conference
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('届いた所見');
  await connectionReaches(a, '同期済み');
  await goOffline(a);
  await a.keyboard.press('Enter');
  await a.keyboard.insertText('オフラインで書いた所見');
  await a.getByLabel('対応内容').fill('見守り訪問');
  await a.getByLabel('担当者').fill('鈴木');
  await a.getByLabel('担当機関').selectOption('社会福祉協議会');
  await a.getByLabel('期限').fill('2026-12-20');
  await a.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => localCopyHolds(a, '見守り訪問')).toBe(true);
  await revokeAccess(suite.server, caseId, member);
  await a.context().setOffline(false);
  await a.getByText(revokedNotice).waitFor();
  expect(await a.getByLabel('ケース概要').count()).toBe(0);
  await expect.poll(() => localCaseCopies(a)).toEqual([]);
  // Said, and what the server never got (not what it has) is shown to copy; nothing keeps it.
  expect(await a.getByTestId('unsent-revoked').textContent()).toContain('未送信の変更は、アクセス権がなくなったためサーバーに送れず、この端末から削除しました');
  expect(await a.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\nオフラインで書いた所見\n\n【対応事項】\n見守り訪問（鈴木・社会福祉協議会、2026-12-20まで）');
  expect(await keptInLocalStorage(a)).toEqual([]);
  await a.reload();
  await expect.poll(() => a.getByRole('alert').textContent()).toBe('このケースを閲覧する権限がありません。');
  expect(await a.getByLabel('送れなかった文章の内容').count()).toBe(0);
});

/** A member's case page on which 届いていない所見 is typed but not acknowledged: the browser's frames are held back. */
async function typedUnacknowledged(title: string) {
  const caseId = await createCase(suite.server, title);
  let sent!: Awaited<ReturnType<typeof holdMessages>>;
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato, async (page) => {
    sent = await holdMessages(page, 'browser');
  });
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('届いた所見');
  await connectionReaches(a, '同期済み');
  sent.hold();
  await a.keyboard.press('Enter');
  await a.keyboard.insertText('届いていない所見');
  await connectionReaches(a, '保存中');
  return { caseId, a, member };
}

it('access revoked while the link is slow: what the server has not acknowledged is shown to copy, though the page was never offline', async () => {
  const { caseId, a, member } = await typedUnacknowledged('E2E 遅い回線での取り消し');
  await revokeAccess(suite.server, caseId, member);
  await a.getByText(revokedNotice).waitFor();
  expect(await a.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\n届いていない所見');
});

it('an account disabled while its case is open: the page says so and stays, every case kept for it here is deleted, and what the server never got is shown to copy', async () => {
  const { caseId, a, member } = await typedUnacknowledged('E2E 無効化');
  const other = await createCase(suite.server, 'E2E 無効化・別のケース');
  await grantAccess(suite.server, other, member, 'edit');
  const second = await a.context().newPage();
  await second.goto(`${suite.server.url}/cases/${other}`);
  await connectionReaches(second, '同期済み');
  await second.close();
  expect(await localCaseCopies(a)).toHaveLength(2);

  const admin = await adminOf(suite.server);
  expect((await admin.request('PATCH', `/api/users/${member.userId}`, { disabled: true })).status).toBe(200);
  // Not sent to the sign-in page promising to send it later: this account cannot sign in again.
  await a.getByText(disabledNotice).waitFor();
  expect(new URL(a.url()).pathname).toBe(`/cases/${caseId}`);
  expect(await a.getByLabel('ケース概要').count()).toBe(0);
  expect(await a.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\n届いていない所見');
  await expect.poll(() => localCaseCopies(a)).toEqual([]);
  expect(await keptInLocalStorage(a)).toEqual([]);
});

it.each([
  {
    how: 'access revoked',
    end: (member: { userId: string }, caseId: string) => revokeAccess(suite.server, caseId, member),
    says: revokedNotice,
    because: 'このケースへのアクセス権がなくなったため',
  },
  {
    how: 'account disabled',
    end: async (member: { userId: string }) => void (await (await adminOf(suite.server)).request('PATCH', `/api/users/${member.userId}`, { disabled: true })),
    says: disabledNotice,
    because: 'このアカウント（またはその所属機関）が管理者によって無効にされたため',
  },
])('$how while an action item is being typed: the item is shown once to copy, saying why it was not added', async ({ end, says, because }) => {
  const caseId = await createCase(suite.server, 'E2E 入力中のアクセス終了');
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato);
  await planConference(a, '2026-11-23');
  await startShownConference(a);
  await a.getByLabel('対応内容').fill('見守り訪問');
  await a.getByLabel('担当者').fill('鈴木');
  await end(member, caseId);
  await a.getByText(says).waitFor();
  expect(await a.getByLabel('ケース概要').count()).toBe(0);
  expect(await a.getByLabel('追加されなかった対応事項の内容').inputValue()).toBe('【対応事項（2026-11-23 個別ケース検討）】\n対応内容：見守り訪問\n担当者：鈴木');
  // Not told editing ended for a role (閲覧のみ), nor to tell a conference's 司会 no longer shown.
  const note = await a.locator('.discarded-text').textContent();
  expect(note).toContain(`${because}、次の対応事項は追加されていません。必要なら、コピーしてこのケースの担当者に伝えてください。`);
  // Shown once: closed, it is gone for good.
  await a.getByRole('button', { name: '閉じる' }).click();
  expect(await a.locator('.discarded-text').count()).toBe(0);
});

it('an account disabled while its case page is offline: back online, the page says so and stays, shows what the server never got, and deletes every case kept for it here', async () => {
  const { caseId, a, member } = await typedOffline('E2E オフライン中の無効化', 'オフラインで書いたメモ');
  const admin = await adminOf(suite.server);
  expect((await admin.request('PATCH', `/api/users/${member.userId}`, { disabled: true })).status).toBe(200);
  await a.context().setOffline(false);
  // As if it had been online then: not the sign-in page, promising to send what it kept.
  await a.getByText(disabledNotice).waitFor();
  expect(new URL(a.url()).pathname).toBe(`/cases/${caseId}`);
  expect(await a.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\nオフラインで書いたメモ');
  await expect.poll(() => localCaseCopies(a)).toEqual([]);
  expect(await keptInLocalStorage(a)).toEqual([]);
});

it('an account disabled after its case page was closed offline: a tab opened next says so on the sign-in page and deletes every case kept for it here', async () => {
  const { a, member } = await typedOffline('E2E 閉じた後の無効化', '閉じる前のメモ');
  const context = a.context();
  await a.close();
  const admin = await adminOf(suite.server);
  expect((await admin.request('PATCH', `/api/users/${member.userId}`, { disabled: true })).status).toBe(200);
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(suite.server.url);
  await again.getByText(disabledNotice).waitFor();
  expect(new URL(again.url()).pathname).toBe('/login');
  await expect.poll(() => localCaseCopies(again)).toEqual([]);
  expect(await keptInLocalStorage(again)).toEqual([]);
});

it('an agency disabled while its staff member’s case list is open: opening a case then goes to the sign-in page, which says so, and every case kept for the account here is deleted', async () => {
  const caseId = await createCase(suite.server, 'E2E 一覧から無効化');
  // (An agency of its own: disabling it signs out every member of it.)
  const { page: a, member } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: `閉所する事業所 ${Date.now()}` });
  await a.getByRole('link', { name: '← ケース一覧' }).click();
  const row = a.getByRole('link', { name: 'E2E 一覧から無効化' });
  await row.waitFor();
  expect(await localCaseCopies(a)).toHaveLength(1);
  const admin = await adminOf(suite.server);
  expect((await admin.request('PATCH', `/api/agencies/${member.agencyId}`, { disabled: true })).status).toBe(200);
  await row.click();
  // Not that the session ended, with what was typed kept for the next sign-in: there is none.
  await a.getByText(disabledNotice).waitFor();
  expect(new URL(a.url()).pathname).toBe('/login');
  await expect.poll(() => localCaseCopies(a)).toEqual([]);
});

it('the case list deletes the kept copy of a case whose access went while its page was closed, and keeps the others', async () => {
  const kept = await createCase(suite.server, 'E2E 残るケース');
  const lost = await createCase(suite.server, 'E2E 取り消されるケース');
  const { page, member } = await openCaseAsMember(suite, kept, sato);
  await grantAccess(suite.server, lost, member, 'edit');
  await page.goto(`${suite.server.url}/cases/${lost}`);
  await connectionReaches(page, '同期済み');
  await page.getByRole('link', { name: '← ケース一覧' }).click();
  await page.getByRole('link', { name: 'E2E 取り消されるケース' }).waitFor();
  expect(await localCaseCopies(page)).toHaveLength(2);

  await revokeAccess(suite.server, lost, member);
  await page.reload();
  await page.getByRole('link', { name: 'E2E 残るケース' }).waitFor();
  await expect.poll(() => localCaseCopies(page)).toHaveLength(1);
  expect((await localCaseCopies(page))[0]).toContain(kept);
  // Nothing unsent went with it: nothing to say.
  expect(await page.getByRole('alert').count()).toBe(0);
});

it.each([
  {
    shown: 'the case list',
    path: () => '/',
    says: 'アクセス権がなくなったケースについて、この端末にあった未送信の変更はサーバーに送れず、この端末から削除しました。',
  },
  {
    shown: 'the case',
    path: (caseId: string) => `/cases/${caseId}`,
    says: 'このケースを閲覧する権限がありません。この端末にあった未送信の変更は、アクセス権がなくなったためサーバーに送れず、この端末から削除しました。',
  },
])('access revoked while a page closed offline held unsent edits: $shown, opened next, deletes the kept copy and says so', async ({ path, says }) => {
  const { caseId, a, member } = await typedOffline('E2E 閉じた後の取り消し', '閉じる前のメモ');
  const context = a.context();
  await a.close();
  await revokeAccess(suite.server, caseId, member);
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${suite.server.url}${path(caseId)}`);
  await expect.poll(() => again.getByRole('alert').textContent()).toBe(says);
  await expect.poll(() => localCaseCopies(again)).toEqual([]);
  expect(await keptInLocalStorage(again)).toEqual([]);
});

it('an offline edit the server refuses stays on this device, said so, until it is discarded; its text is then shown to copy', async () => {
  const { caseId, a, member } = await typedOffline('E2E 拒否された変更', '閲覧のみになる前のメモ');
  await grantAccess(suite.server, caseId, member, 'read');
  await a.context().setOffline(false);
  const refusal = a.getByTestId('refusal');
  await expect.poll(() => refusal.textContent()).toContain('他の参加者には届いていません');
  await refusal.getByRole('button').click();
  await connectionReaches(a, '同期済み');
  await expect.poll(() => editorText(a)).toBe('');
  expect(await refusal.count()).toBe(0);
  expect(await localCopyHolds(a, '閲覧のみになる前のメモ')).toBe(false);
  // What was typed is not lost with it: shown until closed, to be copied somewhere that takes it.
  const discarded = a.getByLabel('破棄した文章の内容');
  await expect.poll(() => discarded.inputValue()).toBe('【ケース概要】\n閲覧のみになる前のメモ');
  // Until then, it is kept in this browser: a reload does not lose it a second time.
  await a.reload();
  await connectionReaches(a, '同期済み');
  await expect.poll(() => discarded.inputValue()).toBe('【ケース概要】\n閲覧のみになる前のメモ');
  await a.getByRole('button', { name: '閉じる' }).click();
  expect(await discarded.count()).toBe(0);
  await a.reload();
  await connectionReaches(a, '同期済み');
  expect(await discarded.count()).toBe(0);
});

it('discarding refused edits in one tab keeps what another tab of the same person has not sent: closed, that tab loses nothing', async () => {
  const caseId = await createCase(suite.server, 'E2E 破棄と別のタブ');
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato);
  const b = await a.context().newPage();
  const sent = await holdMessages(b, 'browser');
  await b.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(b, '同期済み');
  // Both tabs type offline; back online, the second tab's socket is cut (its edits stay unsent),
  // the first tab's edits are refused (access lowered meanwhile) and discarded there.
  await goOffline(a);
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('閲覧のみになる前のメモ');
  await clickIn(b.getByLabel('ケース概要'));
  await b.keyboard.insertText('長女が週末に来訪');
  await expect.poll(() => localCopyHolds(b, '長女が週末に来訪')).toBe(true);
  await grantAccess(suite.server, caseId, member, 'read');
  sent.hold();
  await a.context().setOffline(false);
  const refusal = a.getByTestId('refusal');
  await expect.poll(() => refusal.textContent()).toContain('他の参加者には届いていません');
  await refusal.getByRole('button').click();
  await expect.poll(() => a.getByLabel('破棄した文章の内容').inputValue()).toBe('【ケース概要】\n閲覧のみになる前のメモ');
  expect(await localCopyHolds(a, '閲覧のみになる前のメモ')).toBe(false);

  // The second tab's edits are still kept in this browser: closing that tab does not lose them.
  await expect.poll(() => localCopyHolds(b, '長女が週末に来訪')).toBe(true);
  await b.close();
  const again = await a.context().newPage();
  await again.goto(`${suite.server.url}/cases/${caseId}`);
  await expect.poll(() => editorText(again)).toBe('長女が週末に来訪');
});

/**
 * A member types online, goes offline and types more while `change` is made to their standing;
 * once back online, the server refuses what was typed offline, and nothing typed after the
 * reconnection goes in (the page is read-only before the case is read again over HTTP, held back
 * here until then). The page, read-only now, is returned.
 */
async function backOnlineAfter(title: string, change: (caseId: string, member: { userId: string }) => Promise<void>): Promise<Page> {
  const caseId = await createCase(suite.server, title);
  const { page: a, member } = await openCaseAsMember(suite, caseId, sato);
  const editingControls = [
    a.getByRole('toolbar', { name: '書式', exact: true }),
    a.getByRole('button', { name: '会議を予定する' }),
    a.getByRole('button', { name: '版を保存' }),
  ];
  for (const control of editingControls) expect(await control.count()).toBe(1);
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('オンライン。');
  await connectionReaches(a, '同期済み');
  await goOffline(a);
  await a.keyboard.insertText('オフラインで書いた大事な所見');
  await change(caseId, member);
  let readCase!: () => void;
  const caseRead = new Promise<void>((resolve) => (readCase = resolve));
  await a.route((url) => url.pathname === `/api/cases/${caseId}`, (route) => caseRead.then(() => route.continue()));
  await a.context().setOffline(false);

  await expect.poll(() => a.getByTestId('refusal').textContent()).toContain('他の参加者には届いていません');
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('再接続直後の入力');
  expect(await editorText(a)).toBe('オンライン。オフラインで書いた大事な所見');
  readCase();
  // Connected, but not all saved: the badge does not say 同期済み.
  await connectionReaches(a, '未保存の変更あり');
  expect(await a.getByRole('status').filter({ hasText: 'サーバーが受け付けなかった変更が、この端末にだけ残っています' }).count()).toBe(1);
  // Read-only as if the change had been made while the page was online.
  await expect.poll(() => a.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  for (const control of editingControls) await expect.poll(() => control.count()).toBe(0);
  expect(await a.getByText('閲覧のみ', { exact: true }).count()).toBe(1);
  return a;
}

it('a case closed while a member is offline is read-only for them once back online', async () => {
  const a = await backOnlineAfter('E2E オフライン中の終結', async (caseId) => {
    const closed = await (await adminOf(suite.server)).request('PATCH', `/api/cases/${caseId}`, { closed: true });
    expect(closed.status).toBe(200);
  });
  await expect.poll(() => a.getByTestId('case-closed').count()).toBe(1);
});

it('access lowered to 閲覧のみ while a member is offline is theirs once back online; what the server refused counts as unsent', async () => {
  const title = 'E2E オフライン中の閲覧のみ';
  const a = await backOnlineAfter(title, (caseId, member) => grantAccess(suite.server, caseId, member, 'read'));
  expect(await a.getByTestId('case-closed').count()).toBe(0);
  // Kept only in this browser: the case list marks the case, and signing out (which deletes it) asks first.
  await a.getByRole('link', { name: '← ケース一覧' }).click();
  await a.getByRole('listitem').filter({ hasText: title }).getByText('未送信の変更あり').waitFor();
  const questions: string[] = [];
  a.on('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await a.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => questions).toEqual([expect.stringContaining('1件のケースに、サーバーへの保存をまだ確認できていない変更があります')]);
  expect(await a.getByTestId('account').count()).toBe(1);
});

it('保存中 while what was typed is not yet acknowledged by the server, 同期済み once it is', async () => {
  const caseId = await createCase(suite.server, 'E2E 保存中');
  let server!: Awaited<ReturnType<typeof holdMessages>>;
  const { page: a } = await openCaseAsMember(suite, caseId, sato, async (page) => {
    server = await holdMessages(page, 'server');
  });

  server.hold();
  await clickIn(a.getByLabel('ケース概要'));
  await a.keyboard.insertText('聞き取りの記録');
  await connectionReaches(a, '保存中');
  server.release();
  await connectionReaches(a, '同期済み');
  const b = await openCase(suite, caseId, suzuki);
  await expect.poll(() => editorText(b)).toBe('聞き取りの記録');
});

it('a page whose code is not loaded yet, opened offline, says so in Japanese and opens once back online and asked to try again', async () => {
  const caseId = await createCase(suite.server, 'E2E 画面の読み込み');
  const member = await caseMember(suite.server, caseId, suzuki);
  const page = await signedInPage(suite.browser, suite.server, member.login);
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'E2E 画面の読み込み' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('この画面を読み込めませんでした（サーバーに接続できません）。接続を確かめて、もう一度お試しください。');
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'もう一度試す' }).click();
  await connectionReaches(page, '同期済み');
});

it("a case's address opened on a slow link fetches the case page's code while the app asks who is signed in, not after the answer", async () => {
  const caseId = await createCase(suite.server, 'E2E 遅い回線でケースを開く');
  const member = await caseMember(suite.server, caseId, suzuki);
  const page = await pageWithSession(suite.browser, suite.server, member.cookie);
  const seen: string[] = [];
  page.on('request', (request) => seen.push(new URL(request.url()).pathname));
  const caseCodeAsked = () => seen.some((path) => /^\/assets\/CasePage-.*\.js$/.test(path));
  // The answer to who is signed in comes slowly: held until the case page's code is asked for (5 s at most).
  await page.route('**/api/session', async (route) => {
    await expect.poll(caseCodeAsked, { timeout: 5_000 }).toBe(true).catch(() => {});
    seen.push('answered: who is signed in');
    await route.continue();
  });
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(page, '同期済み');
  expect(seen.findIndex((path) => /^\/assets\/CasePage-/.test(path))).toBeLessThan(seen.indexOf('answered: who is signed in'));
});
