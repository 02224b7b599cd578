import { openStore } from '@care/server';
import { CASE_CLOSED_GUEST_TEXT } from '@care/schema';
import { acceptInvitation, adminOf, inviteGuest } from '@care/server/test/sessions';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  clickIn,
  closeShownConference,
  connectionReaches,
  createCase,
  editorText,
  expectRefusedPage,
  goOffline,
  joinLiveConference,
  keptInBrowser,
  localCaseCopies,
  localCopyHolds,
  openCase,
  planConference,
  REFUSED_PAGE,
  sidewaysOverflow,
  signedInPage,
  startShownConference,
  useServerAndBrowser,
} from './harness.ts';

const suite = useServerAndBrowser();

const status = (page: Page) => page.getByTestId('conference-status').textContent();
/** What the sign-in page says in a browser that came in through an invitation link. */
const INVITED_SESSION_ENDED =
  '招待リンクでの参加は終了しています。続けるには、招待リンクをもう一度開いてください。リンクが使えない場合（有効期限切れ、取り消し、または会議の終了・中止）は、会議の主催者に連絡してください。';

/** A new case whose conference 佐藤 has planned (and started, when `live`), and 山田 (invited to it as of `agency`) has opened from the link, in a browser of their own. */
async function guestInvited(title: string, agency: string, { live }: { live: boolean }) {
  const { server, browser } = suite;
  const caseId = await createCase(server, title);
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const conferenceId = await planConference(sato, '2026-11-23');
  if (live) await startShownConference(sato);
  const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency });
  const guest = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await guest.goto(`${server.url}${invitation.path}`);
  await connectionReaches(guest, '同期済み');
  return { caseId, sato, invitation, guest };
}

/** A new case whose conference 佐藤 has started, and 山田 (invited as of `agency`) sees from the link, in a browser of their own. */
async function guestWatching(title: string, agency: string): Promise<{ sato: Page; guest: Page }> {
  const { sato, guest } = await guestInvited(title, agency, { live: true });
  await expect.poll(() => status(guest)).toBe('開催中');
  return { sato, guest };
}

/** guestWatching, 山田 then joining the conference. */
async function guestJoined(title: string, agency: string): Promise<{ sato: Page; guest: Page }> {
  const watching = await guestWatching(title, agency);
  await joinLiveConference(watching.guest);
  return watching;
}

it('a guest opens its invitation link, sees only its conference, takes part while it is live, and is let go when it closes', async () => {
  const { server, browser } = suite;
  const caseId = await createCase(server, 'E2E 招待 80代女性');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-12-20'); // a later conference the guest is not invited to
  const conferenceId = await planConference(sato, '2026-11-23');
  await startShownConference(sato);

  const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
  // On a phone, as a 民生委員 often joins: one column, nothing wider than the screen.
  const guest = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } })).newPage();
  await guest.goto(`${server.url}${invitation.path}`);
  await expect.poll(() => guest.getByTestId('connection-state').textContent()).toBe('同期済み');
  await expect.poll(() => status(guest)).toBe('開催中');
  expect(await sidewaysOverflow(guest)).toEqual([]);
  expect((await guest.getByLabel('ケース概要').boundingBox())!.width).toBeGreaterThan(300);

  // Only its own conference: no other in the list, no planning, no versions of the case.
  expect(await guest.getByLabel('表示する会議').locator('option').allTextContents()).toEqual([expect.stringContaining('2026-11-23')]);
  expect(await guest.content()).not.toContain('2026-12-20');
  expect(await guest.getByRole('button', { name: '会議を予定する' }).count()).toBe(0);
  expect(await guest.getByRole('region', { name: '版の保存と復元' }).count()).toBe(0);
  // Nor a case list, which is for staff: a guest came to this one case.
  expect(await guest.getByRole('link', { name: '← ケース一覧' }).count()).toBe(0);

  await joinLiveConference(guest); // an outside guest confirms 守秘義務 like everyone else
  // The 司会 gives the guest any role but 司会: a guest never runs a conference (made its 司会, one stepping down would leave none who can close it).
  await expect.poll(() => sato.getByLabel('山田の役割').locator('option').allTextContents()).toEqual(['記録', '事例提供者', '助言者', '参加者', 'オブザーバー']);
  await clickIn(guest.getByLabel('ケース概要'));
  await guest.keyboard.insertText('民生委員より：近所の見守りあり');
  await expect.poll(() => editorText(sato)).toBe('民生委員より：近所の見守りあり');
  await expect.poll(() => sato.getByTestId('participant').filter({ hasText: '山田' }).count()).toBe(1);

  await closeShownConference(sato);
  await expect.poll(() => guest.getByRole('alert').first().textContent()).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  // Let go, the guest sees nothing more of the case, nor a way to pages it may no longer use.
  expect(await guest.content()).not.toContain('近所の見守り');
  expect(await guest.getByLabel('ケース概要').count()).toBe(0);
  expect(await guest.getByRole('link', { name: '← ケース一覧' }).count()).toBe(0);
  // Reloaded, the page says why again, instead of asking a family member for a login they do not
  // have, or to open the link again, which admits no one now.
  await guest.reload();
  await expect.poll(() => guest.getByRole('status').textContent()).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  expect(await guest.getByLabel('ログインID').count()).toBe(0);
  await guest.getByRole('button', { name: '職員の方はこちらからログイン' }).click();
  await guest.getByLabel('ログインID').waitFor();
  // The link lets no one in any more, and says what may have ended it.
  await guest.goto(`${server.url}${invitation.path}`);
  await expect.poll(() => guest.getByRole('alert').textContent()).toBe(
    'この招待リンクは使えません（有効期限切れ、取り消し、または会議の終了・中止）。会議の主催者に連絡してください。',
  );
});

it('an invitation link opened again in a browser that holds a live session lets its guest in, not told the link is dead', async () => {
  const { server } = suite;
  const { caseId, sato, invitation, guest } = await guestInvited('E2E 招待リンクをもう一度', '長女', { live: false });

  // The guest clicks the link in its message again (a page just opened has not heard its session's CSRF token yet).
  const again = await guest.context().newPage();
  await again.goto(`${server.url}${invitation.path}`);
  await connectionReaches(again, '同期済み');
  expect(new URL(again.url()).pathname).toBe(`/cases/${caseId}`);
  expect(await again.getByTestId('account').textContent()).toContain('山田');

  // So does a staff member's browser (the coordinator trying the link): it is the guest's from then on.
  await sato.context().newPage().then(async (tab) => {
    await tab.goto(`${server.url}${invitation.path}`);
    await connectionReaches(tab, '同期済み');
    expect(await tab.getByTestId('account').textContent()).toContain('招待参加');
  });
});

/** A new case whose conference 佐藤 has planned, an invitation link to it, and a browser of the guest's own that has not opened it yet. */
async function linkNotYetOpened(title: string) {
  const { server, browser } = suite;
  const caseId = await createCase(server, title);
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const invitation = await inviteGuest(server, caseId, await planConference(sato, '2026-11-23'));
  const guest = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  return { caseId, invitation, guest };
}

it('an invitation link that cannot reach the server says so and tries again, not that the link is dead', async () => {
  const { server } = suite;
  const { caseId, invitation, guest } = await linkNotYetOpened('E2E 招待リンクと電波');
  // The phone's signal drops as the link is opened: the first try never reaches the server.
  let tries = 0;
  await guest.route('**/api/invitations/accept', (route) => (++tries === 1 ? route.abort('internetdisconnected') : route.continue()));
  await guest.goto(`${server.url}${invitation.path}`);
  await expect.poll(() => guest.getByRole('alert').textContent()).toBe('招待を確認できませんでした（サーバーに接続できません）。接続を確かめて、もう一度お試しください。');
  await guest.getByRole('button', { name: 'もう一度試す' }).click();
  await connectionReaches(guest, '同期済み');
  expect(new URL(guest.url()).pathname).toBe(`/cases/${caseId}`);
});

it('an invitation link opened on a slow network says 読み込み中… until the app has come, not a blank page', async () => {
  const { server } = suite;
  const { invitation, guest } = await linkNotYetOpened('E2E 招待リンクと遅い回線');
  // The app's code (over a megabyte) takes many seconds on a phone's slow link: here, until let through.
  let letThrough!: () => void;
  const arrived = new Promise<void>((resolve) => (letThrough = resolve));
  await guest.route('**/assets/*.js', async (route) => {
    await arrived;
    await route.continue();
  });
  await guest.goto(`${server.url}${invitation.path}`, { waitUntil: 'commit' });
  await expect.poll(() => guest.locator('body').innerText()).toBe('読み込み中…');
  letThrough();
  await connectionReaches(guest, '同期済み');
});

it('an invitation link’s page gets the app’s code compressed, about three times smaller on a phone’s slow link', async () => {
  const { server } = suite;
  const { invitation, guest } = await linkNotYetOpened('E2E 招待リンクと圧縮');
  const encodings = new Map<string, string | undefined>();
  guest.on('response', (response) => {
    if (/\/assets\/.*\.js$/.test(response.url())) encodings.set(response.url(), response.headers()['content-encoding']);
  });
  await guest.goto(`${server.url}${invitation.path}`);
  await connectionReaches(guest, '同期済み');
  expect(encodings.size).toBeGreaterThan(0);
  for (const [url, encoding] of encodings) expect(['br', 'gzip'], url).toContain(encoding);
});

/**
 * A new case a coordinator has open, and 佐藤 invited to it under a staff member's very name and agency
 * (a colleague from another 包括 without an account), opened from the link in a browser of their own.
 */
async function guestInvitedAsStaff(title: string) {
  const { server, browser } = suite;
  const caseId = await createCase(server, title);
  const coordinator = await openCase(suite, caseId, { name: '包括', agency: '地域包括支援センター', role: 'coordinator' });
  const invitation = await inviteGuest(server, caseId, await planConference(coordinator, '2026-11-23'), { name: '佐藤', agency: '地域包括支援センター' });
  const guest = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await guest.goto(`${server.url}${invitation.path}`);
  await connectionReaches(guest, '同期済み');
  return { caseId, coordinator, invitation };
}

it('the case’s audit trail marks a guest’s rows as invited, not as a staff member of the name and agency it was invited as', async () => {
  const { caseId, coordinator } = await guestInvitedAsStaff('E2E 招待の監査記録');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await connectionReaches(sato, '同期済み');

  const panel = coordinator.getByRole('region', { name: 'アクセス管理' });
  await panel.getByRole('button', { name: '監査記録を表示' }).click();
  const opened = () => panel.getByRole('table', { name: '監査記録' }).getByRole('row').filter({ hasText: '閲覧' }).allTextContents();
  await expect.poll(opened).toEqual([expect.stringContaining('佐藤（地域包括支援センター）閲覧'), expect.stringContaining('佐藤（招待・地域包括支援センター）閲覧'), expect.stringContaining('包括（地域包括支援センター）閲覧')]);
});

it('closing asks about a guest who is connected but never joined: the minutes would not list them', async () => {
  const { sato } = await guestWatching('E2E 招待 参加していない家族', '長女'); // この会議に参加 not pressed
  await expect.poll(() => sato.locator('li.visitor').filter({ hasText: '山田' }).count()).toBe(1);
  expect(await closeShownConference(sato, 'dismiss')).toContain('・接続中で、この会議に参加していない人がいます（山田）。出席者として記録と議事録に載りません。');
  expect(await status(sato)).toBe('開催中');
});

it('監査記録の検索 offers an invited guest in its 職員 filter, marked invited, and finds only that guest’s rows', async () => {
  const { coordinator, invitation } = await guestInvitedAsStaff('E2E 招待者で検索');
  await coordinator.goto(`${suite.server.url}/audit`);
  const picker = coordinator.getByLabel('職員');
  const invitedDay = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date(invitation.createdAt));
  await picker.selectOption({ label: `佐藤（招待・地域包括支援センター） ケース「E2E 招待者で検索」${invitedDay}の招待` });
  await coordinator.getByRole('button', { name: '検索' }).click();
  const rows = () => coordinator.getByRole('table', { name: '監査記録' }).locator('tbody tr').allTextContents();
  await expect.poll(rows).toEqual([expect.stringContaining('佐藤（招待・地域包括支援センター）閲覧E2E 招待者で検索')]);
});

it('a guest typing an action item when the conference ends is let go with it shown to copy, not lost with the screen', async () => {
  const { sato, guest } = await guestJoined('E2E 招待 追加されなかった対応事項', '民生委員');
  await guest.getByLabel('対応内容').fill('ゴミ出しの声かけ');
  await guest.getByLabel('担当者').fill('山田');
  await guest.getByLabel('期限').fill('2026-12-20');
  await guest.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => sato.getByTestId('agreed-items').textContent()).toContain('ゴミ出しの声かけ');
  // An item's edit, and a new item, both typed and not yet written.
  await guest.getByLabel('ゴミ出しの声かけを編集').click();
  await guest.getByTestId('agreed-items').getByLabel('対応内容').fill('ゴミ出しの声かけ（週2回）');
  const adding = guest.locator('form.item-form').last();
  await adding.getByLabel('対応内容').fill('近所の見守りを続ける');
  await adding.getByLabel('担当者').fill('山田');

  // The 司会 ends it before 対応事項を追加: once the server lets the guest go, the case is gone from the screen, the typing is not.
  await closeShownConference(sato);
  await expect.poll(() => guest.getByRole('alert').first().textContent(), { timeout: 20_000 }).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  expect(await guest.getByLabel('ケース概要').count()).toBe(0);
  expect(await guest.getByLabel('追加されなかった対応事項の内容').inputValue()).toBe('【対応事項（2026-11-23 個別ケース検討）】\n対応内容：近所の見守りを続ける\n担当者：山田\n担当機関：民生委員');
  expect(await guest.getByLabel('書き込まれなかった対応事項の変更の内容').inputValue()).toBe(
    '【対応事項の編集：ゴミ出しの声かけ】\n対応内容：ゴミ出しの声かけ（週2回）\n担当者：山田\n担当機関：民生委員\n期限：2026-12-20',
  );
  // Invited to this conference only, the guest is not told to add it at the next one, but whom to tell.
  expect(await guest.locator('.discarded-text').allTextContents()).toEqual([
    expect.stringContaining('会議が終了したため、次の対応事項は追加されず、会議の記録にも載っていません。必要なら、コピーして司会・記録に伝えてください。'),
    expect.stringContaining('会議が終了したため、次の変更（対応事項の編集・経過）は書き込まれていません。必要なら、コピーして司会・記録に伝えてください。'),
  ]);
  expect(await sato.getByTestId('agreed-items').textContent()).not.toContain('週2回');
  // Shown once: closed, it is gone for good.
  await guest.getByRole('button', { name: '閉じる' }).first().click();
  await guest.getByRole('button', { name: '閉じる' }).click();
  expect(await guest.locator('.discarded-text').count()).toBe(0);
});

/**
 * A family member (山田, 長女) joined the conference; the hall's Wi-Fi drops while they write `typed`
 * in the summary, and the 司会 closes the conference meanwhile. Their page, still offline.
 */
async function closedWhileOffline(title: string, typed: string): Promise<Page> {
  const { sato, guest } = await guestJoined(title, '長女');
  await expect.poll(() => sato.getByTestId('participant').filter({ hasText: '山田' }).count()).toBe(1);
  await goOffline(guest);
  await clickIn(guest.getByLabel('ケース概要'));
  await guest.keyboard.insertText(typed);
  await expect.poll(() => localCopyHolds(guest, typed)).toBe(true);
  await closeShownConference(sato);
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('終了');
  return guest;
}

it('a guest offline when its conference closes is told so once back, shown what it typed meanwhile, and keeps no copy of the case', async () => {
  const guest = await closedWhileOffline('E2E 招待 オフライン中の終了', '週末は長女が泊まる');
  await guest.context().setOffline(false);
  await expect.poll(() => guest.getByRole('alert').first().textContent(), { timeout: 20_000 }).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  expect(await guest.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\n週末は長女が泊まる');
  // The case (要配慮個人情報) does not stay on a phone that can never open it again.
  await expect.poll(() => localCaseCopies(guest)).toEqual([]);
});

it('a guest’s phone, off when its conference closed, is told so when the page is opened again, shown what it typed to copy, and keeps nothing of the case', async () => {
  const guest = await closedWhileOffline('E2E 招待 閉じていた端末', '届かなかった一言');
  // The page closed meanwhile; opened again later (from the history), online.
  const context = guest.context();
  const caseUrl = guest.url();
  await guest.close();
  await context.setOffline(false);
  const later = await context.newPage();
  await later.goto(caseUrl);
  // Why, not that the link (which admits no one now) would open it again; and its words, once.
  await expect.poll(() => later.getByRole('status').first().textContent()).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  expect(await later.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\n届かなかった一言');
  // Nothing of anyone's stays: only that this browser came in by a link.
  await expect.poll(() => keptInBrowser(later)).toEqual({ copies: [], entries: ['care-invited'] });
  // Shown once: opened again, it is gone.
  await later.reload();
  await expect.poll(() => later.getByRole('status').first().textContent()).toBe('招待された会議が終了しました。ご参加ありがとうございました。');
  expect(await later.getByLabel('送れなかった文章の内容').count()).toBe(0);
});

it('a guest whose invitation runs out mid-conference is told so on the case page, not sent to a sign-in page', async () => {
  const { server, browser } = suite;
  const caseId = await createCase(server, 'E2E 招待の期限切れ');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const conferenceId = await planConference(sato, '2026-11-23');
  await startShownConference(sato);
  const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
  // Invitations last at least a day; this one is made to run out a few seconds after it is opened.
  const store = await openStore({ DATA_DIR: server.dataDir });
  try {
    const soon = new Date(Date.now() + 20_000).toISOString(); // time to open the link and sync on a loaded machine
    await store.db.kysely.updateTable('invitations').set({ expires_at: soon }).where('id', '=', invitation.id).execute();
  } finally {
    await store.close();
  }

  const guest = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await guest.goto(`${server.url}${invitation.path}`);
  await expect.poll(() => guest.getByTestId('connection-state').textContent(), { timeout: 20_000 }).toBe('同期済み');
  await expect
    .poll(() => guest.getByRole('alert').first().textContent(), { timeout: 40_000 })
    .toBe('招待の有効期限が切れました。引き続き参加するには、会議の主催者に新しい招待リンクを依頼してください。');
  expect(new URL(guest.url()).pathname).toBe(`/cases/${caseId}`);
  expect(await guest.getByLabel('ケース概要').count()).toBe(0);
});

it('a guest invited ahead reads the case before the conference, is told when they may write, writes once it starts, and is told when its invitation is revoked', async () => {
  const { server, browser } = suite;
  const caseId = await createCase(server, 'E2E 事前の招待');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const conferenceId = await planConference(sato, '2026-12-24');
  await clickIn(sato.getByLabel('ケース概要'));
  await sato.keyboard.insertText('事前資料：本人は一人暮らし。');
  const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '○○クリニック', access: 'edit' });

  const guest = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await guest.goto(`${server.url}${invitation.path}`);
  await expect.poll(() => editorText(guest)).toBe('事前資料：本人は一人暮らし。');
  expect(await guest.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('false');
  expect(await guest.getByText('招待された会議（2026-12-24）が始まると、ケース概要・この会議の検討内容・参加者・この会議の対応事項を編集できます。それまでは閲覧のみです。').count()).toBe(1);

  await startShownConference(sato, 'today'); // (its planned day is still to come)
  await expect.poll(() => guest.getByLabel('ケース概要').getAttribute('contenteditable')).toBe('true');
  expect(await guest.getByText('それまでは閲覧のみです', { exact: false }).count()).toBe(0);
  await clickIn(guest.getByLabel('ケース概要'));
  await guest.keyboard.press('End');
  await guest.keyboard.insertText('（主治医より：服薬は自己管理できている）');
  await expect.poll(() => editorText(sato)).toBe('事前資料：本人は一人暮らし。（主治医より：服薬は自己管理できている）');

  // The pages across cases, and the password's, are for staff: each tells the guest so, once, with none of its controls.
  for (const [path, refusal] of [
    ['/action-items', REFUSED_PAGE.guest],
    ['/regional-issues', REFUSED_PAGE.guest],
    ['/records', REFUSED_PAGE.guest],
    [`/cases/${caseId}/records`, REFUSED_PAGE.guest],
    ['/password', REFUSED_PAGE.guest], // a guest has no password
    ['/audit', REFUSED_PAGE.coordinatorsOnly],
    ['/admin', REFUSED_PAGE.adminsOnly],
  ] as const) {
    await expectRefusedPage(guest, server.url + path, refusal);
  }

  // Revoked while the guest is offline: back online, the page says so (not that a session ended),
  // shows what never reached the server to copy, and keeps no copy of the case, as for a member.
  await guest.goto(`${server.url}/cases/${caseId}`);
  await connectionReaches(guest, '同期済み');
  await goOffline(guest);
  await clickIn(guest.getByLabel('ケース概要'));
  await guest.keyboard.press('End');
  await guest.keyboard.press('Enter');
  await guest.keyboard.insertText('届かなかった一言');
  await expect.poll(() => localCopyHolds(guest, '届かなかった一言')).toBe(true);
  expect((await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);
  await guest.context().setOffline(false);
  await expect.poll(() => guest.getByRole('alert').first().textContent()).toBe('招待が取り消されました。参加が必要な場合は、会議の主催者にご連絡ください。');
  expect(await guest.getByLabel('送れなかった文章の内容').inputValue()).toBe('【ケース概要】\n届かなかった一言');
  await expect.poll(() => localCaseCopies(guest)).toEqual([]);

  // Signing out still works for them: the session goes with its cookie, and nothing of the case stays here.
  await guest.getByRole('button', { name: 'ログアウト' }).click();
  await expect.poll(() => guest.getByRole('status').textContent()).toBe(INVITED_SESSION_ENDED);
  expect(await guest.context().cookies()).toEqual([]);
  // (Only that this browser came in by a link, and the mark of its last sign-out: nothing of anyone's.)
  expect(await guest.evaluate(() => Object.keys(localStorage).filter((key) => key !== 'care-invited' && key !== 'care-signed-out'))).toEqual([]);
  expect(await localCaseCopies(guest)).toEqual([]);
});

it('the coordinator’s list of invitation links is read again when the page is looked at again: a link made, used or revoked elsewhere shows as it now is', async () => {
  const { server, browser } = suite;
  const caseId = await createCase(server, 'E2E 招待リンクの一覧');
  const coordinator = await signedInPage(browser, server, server.admin.login, server.admin.password);
  await coordinator.goto(`${server.url}/cases/${caseId}`);
  await connectionReaches(coordinator, '同期済み');
  const conferenceId = await planConference(coordinator, '2026-11-23');
  const invited = coordinator.getByRole('region', { name: 'アクセス管理' }).getByRole('list', { name: '招待' }).getByRole('listitem');
  const lookedAtAgain = () => coordinator.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  // Made in another tab (or by a colleague) while this page was left open, then revoked there.
  const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '長女' });
  await lookedAtAgain();
  await expect.poll(() => invited.filter({ hasText: '山田' }).count()).toBe(1);
  expect(await invited.filter({ hasText: '山田' }).textContent()).not.toContain('リンク使用済み');
  // The guest comes in through the link.
  expect((await acceptInvitation(server, invitation.token)).status).toBe(200);
  await lookedAtAgain();
  await expect.poll(() => invited.filter({ hasText: '山田' }).textContent()).toContain('・リンク使用済み）');
  await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`);
  await lookedAtAgain();
  await expect.poll(() => invited.filter({ hasText: '山田' }).textContent()).toContain('取消済み');
});

it('a guest whose case is closed (終結) before its conference is told so in plain words, and again when the page is opened again', async () => {
  const { server } = suite;
  const { caseId, guest } = await guestInvited('E2E 招待 ケース終結', '長女', { live: false });

  expect((await (await adminOf(server)).request('PATCH', `/api/cases/${caseId}`, { closed: true })).status).toBe(200);
  await expect.poll(() => guest.getByRole('alert').first().textContent()).toBe(CASE_CLOSED_GUEST_TEXT);
  await guest.reload();
  await expect.poll(() => guest.getByRole('alert').first().textContent()).toBe(CASE_CLOSED_GUEST_TEXT);
});
