import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { adminOf, newUser } from '@care/server/test/sessions';
import { expect, it } from 'vitest';
import { answerLeaving, connectionReaches, createCase, holdPosts, planConference, settled, sidewaysOverflow, signedInPage, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

const status = (page: Page) => page.getByRole('status').textContent();

it('an administrator registers an agency and an account, and gives that agency a case; its staff, having chosen their own password, then see it, and the trail shows who opened it', async () => {
  const { browser, server } = suite;
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);

  await admin.getByRole('link', { name: '管理' }).click();
  await admin.getByLabel('機関名').fill('北地区社会福祉協議会');
  // Its kind (種別) is asked for, not assumed: its staff's action items are filed under it.
  await admin.getByRole('button', { name: '機関を登録' }).click();
  await expect.poll(() => admin.getByRole('alert').textContent()).toBe('種別を入力してください。');
  await admin.getByLabel('種別', { exact: true }).selectOption('その他');
  await admin.getByRole('button', { name: '機関を登録' }).click();
  await expect.poll(() => status(admin)).toBe('機関「北地区社会福祉協議会」を登録しました');
  // Chosen wrongly, it is corrected in the list.
  await admin.getByLabel('北地区社会福祉協議会の種別').selectOption('社会福祉協議会');
  await expect.poll(() => status(admin)).toBe('機関「北地区社会福祉協議会」の種別を社会福祉協議会にしました');
  expect(await admin.getByLabel('北地区社会福祉協議会の種別').inputValue()).toBe('社会福祉協議会');

  await admin.getByLabel('氏名').fill('鈴木');
  await admin.getByLabel('ログインID').fill('suzuki.kita');
  await admin.getByLabel('所属機関').selectOption({ label: '北地区社会福祉協議会' });
  await admin.getByLabel('初期パスワード', { exact: true }).fill('kita shakyo password');
  await admin.getByLabel('初期パスワード（確認）').fill('kita shakyo password');
  await admin.getByRole('button', { name: 'アカウントを作成' }).click();
  await expect.poll(() => status(admin)).toBe(
    '鈴木 さんのアカウントを作成しました。初期パスワードは仮のもので、ご本人が初めてのログインで自分のパスワードに変えます（14日以内）',
  );
  const suzukiRow = admin.getByRole('row').filter({ hasText: 'suzuki.kita' });
  await expect.poll(() => suzukiRow.textContent()).toContain('仮パスワード（本人が未変更）');
  // Among hundreds, an account is found by a word of its name, login or agency, however typed; the form to add one comes before the list.
  const accountRows = admin.getByRole('table', { name: 'アカウント' }).getByRole('row');
  await admin.getByLabel('アカウントを検索').fill('ＳＵＺＵＫＩ 社会福祉');
  await expect.poll(() => accountRows.filter({ hasText: server.admin.login }).count()).toBe(0);
  expect(await suzukiRow.count()).toBe(1);
  await admin.getByLabel('アカウントを検索').fill('');
  await expect.poll(() => accountRows.filter({ hasText: server.admin.login }).count()).toBe(1);
  const [form, list] = [await admin.getByRole('button', { name: 'アカウントを作成' }).boundingBox(), await admin.getByRole('table', { name: 'アカウント' }).boundingBox()];
  expect(form!.y).toBeLessThan(list!.y);
  // The form names what is missing or wrong, in its own words, before anything is sent.
  await admin.getByLabel('氏名').fill('鈴木次郎');
  await admin.getByLabel('ログインID').fill('Suzuki.Kita');
  await admin.getByLabel('初期パスワード', { exact: true }).fill('short');
  await admin.getByRole('button', { name: 'アカウントを作成' }).click();
  await expect.poll(() => admin.getByRole('alert').textContent()).toBe('所属機関を入力してください。初期パスワードは12文字以上にしてください。');
  expect(await admin.getByLabel('所属機関').getAttribute('aria-invalid')).toBe('true');
  // A login taken, or one that only looks different (in case or width), is refused by the server, which says so in Japanese too.
  await admin.getByLabel('所属機関').selectOption({ label: '北地区社会福祉協議会' });
  await admin.getByLabel('初期パスワード', { exact: true }).fill('another kita password');
  await admin.getByLabel('初期パスワード（確認）').fill('another kita password');
  await admin.getByRole('button', { name: 'アカウントを作成' }).click();
  await expect.poll(() => admin.getByRole('alert').textContent()).toBe(
    'ログインID「Suzuki.Kita」は、すでにあるログインID「suzuki.kita」と見分けがつかないため使えません（全角・半角、大文字・小文字、前後の空白は区別しません）',
  );
  // Their own account can be disabled only by another administrator.
  const own = admin.getByRole('row').filter({ hasText: server.admin.login });
  expect(await own.getByRole('button', { name: '無効にする' }).count()).toBe(0);
  expect(await suzukiRow.getByRole('button', { name: '無効にする' }).count()).toBe(1);

  // The account typed and not made is asked about before the page is left.
  expect(await answerLeaving(admin, 'accept', () => admin.getByRole('link', { name: '← ケース一覧' }).click())).toBe('confirm');
  await admin.getByRole('button', { name: '作成' }).click();
  await expect.poll(() => admin.getByRole('alert').textContent()).toBe('ケース名を入力してください。');
  await admin.getByLabel('ケース名').fill('北地区 70代男性 独居');
  await admin.getByRole('button', { name: '作成' }).click();
  await connectionReaches(admin, '同期済み');
  const panel = admin.getByRole('region', { name: 'アクセス管理' });
  await panel.getByLabel('権限を付与する相手').selectOption({ label: '北地区社会福祉協議会' });
  await panel.getByRole('button', { name: '権限を付与' }).click();
  await expect.poll(() => panel.getByRole('list', { name: 'メンバー' }).textContent()).toContain('北地区社会福祉協議会（機関・編集）');

  // Suzuki, of that agency, signs in with the password the administrator gave, which only lets
  // them choose their own (typed twice), and then finds the case in the list.
  const suzuki = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await suzuki.goto(`${server.url}/login`);
  await suzuki.getByLabel('ログインID').fill('suzuki.kita');
  await suzuki.getByLabel('パスワード').fill('kita shakyo password');
  await suzuki.getByRole('button', { name: 'ログイン' }).click();
  await suzuki.getByRole('heading', { name: 'パスワードの設定' }).waitFor();
  await suzuki.getByLabel('新しいパスワード（12文字以上）').fill('suzuki no himitsu');
  await suzuki.getByLabel('新しいパスワード（確認）').fill('suzuki no himitsi');
  await suzuki.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect.poll(() => suzuki.getByRole('alert').textContent()).toBe('確認のために入力したパスワードが一致しません。');
  await suzuki.getByLabel('新しいパスワード（確認）').fill('suzuki no himitsu');
  await suzuki.getByRole('button', { name: 'パスワードを変更' }).click();
  await suzuki.getByRole('link', { name: '北地区 70代男性 独居' }).click();
  await connectionReaches(suzuki, '同期済み');

  await panel.getByRole('button', { name: '監査記録を表示' }).click();
  // 閲覧 with no 対象, and where from (接続元: the browser's address).
  await expect.poll(() => panel.getByRole('table', { name: '監査記録' }).textContent()).toContain('鈴木（北地区社会福祉協議会）閲覧127.0.0.1');

  // Taking the agency's access back closes Suzuki's connection for good.
  await panel.getByRole('listitem').filter({ hasText: '北地区社会福祉協議会' }).getByRole('button', { name: '取り消す' }).click();
  await expect.poll(() => suzuki.getByRole('alert').first().textContent()).toBe('このケースへのアクセス権が取り消されました。');
  // The trail, left open, now names whose access was taken back.
  const trail = panel.getByRole('table', { name: '監査記録' });
  await expect.poll(() => trail.textContent()).toContain('権限取消北地区社会福祉協議会（機関・編集）');

  // A guest's link for a planned conference: shown once, to copy into the invitation; the form
  // empties for the next guest, and the trail names whom it was for.
  await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await admin.getByLabel('開催日').fill('2026-12-20');
  await admin.getByRole('button', { name: '会議を予定する' }).click();
  await panel.getByLabel('招待する人の氏名').fill('山田');
  await panel.getByLabel('招待する人の所属').fill('民生委員');
  // The grant's and the invitation's access are told apart by name (a screen reader lists both).
  expect(await panel.getByRole('combobox', { name: '権限', exact: true }).count()).toBe(1);
  await panel.getByRole('combobox', { name: '招待の権限', exact: true }).selectOption({ label: '編集' });
  // Clicked again while the link is being made (held here, as on a slow connection), it makes one.
  const invitations = await holdPosts(admin, '**/api/cases/*/invitations');
  const invite = panel.getByRole('button', { name: '招待リンクを作成' });
  await invite.click();
  await invite.click({ force: true }); // a click of its own, not a double-click (force: whether or not it is enabled)
  invitations.answer();
  await expect.poll(() => panel.getByLabel('招待リンク').inputValue()).toMatch(new RegExp(`^${server.url}/join#[A-Za-z0-9_-]{43}$`));
  expect(invitations.sent()).toBe(1);
  await admin.unrouteAll();
  await expect.poll(() => panel.getByLabel('招待する人の氏名').inputValue()).toBe('');
  await panel.getByRole('button', { name: 'コピー' }).click();
  await panel.getByRole('button', { name: 'コピーしました' }).waitFor();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(await panel.getByLabel('招待リンク').inputValue());
  await expect.poll(() => trail.textContent()).toContain('権限付与山田（招待・民生委員・編集）');
  // The invitation names its conference and lasts until the day after it (until 24:00 in Japan, as
  // every page shows times, said as that day's 23:59: 0:00 of the next reads as a day later); when
  // the conference is moved, the invitation follows it.
  const yamada = panel.getByRole('list', { name: '招待' }).getByRole('listitem').filter({ hasText: '山田' });
  await expect.poll(() => yamada.textContent()).toMatch(/^山田（民生委員・編集・2026-12-20 個別ケース検討・2026\/12\/21 23:59 まで）/);
  await admin.getByRole('button', { name: '予定を変更' }).click();
  await admin.getByRole('form', { name: '予定の変更' }).getByLabel('開催日').fill('2026-12-27');
  await admin.getByRole('button', { name: '変更を保存' }).click();
  await expect.poll(() => yamada.textContent()).toMatch(/^山田（民生委員・編集・2026-12-27 個別ケース検討・2026\/12\/28 23:59 まで）/);
  // The conference is called off: the invitation says so, and there is nothing left to revoke.
  expect(await yamada.getByRole('button', { name: '取り消す' }).count()).toBe(1);
  admin.once('dialog', (dialog) => void dialog.accept());
  await admin.getByRole('button', { name: '中止' }).click();
  await expect.poll(() => yamada.textContent()).toBe('山田（民生委員・編集・2026-12-27 個別ケース検討・会議中止）');
  expect(await yamada.getByRole('button', { name: '取り消す' }).count()).toBe(0);

  // Suzuki forgets the password: the administrator gives a temporary one again, for Suzuki to replace.
  await admin.goto(`${server.url}/admin`);
  await expect.poll(() => suzukiRow.textContent()).toContain('利用中');
  await suzukiRow.getByRole('button', { name: 'パスワード再設定' }).click();
  await suzukiRow.getByLabel('鈴木 さんの仮パスワード', { exact: true }).fill('too short');
  await suzukiRow.getByLabel('鈴木 さんの仮パスワード（確認）').fill('too short');
  await suzukiRow.getByRole('button', { name: '設定' }).click();
  await expect.poll(() => admin.getByRole('alert').textContent()).toBe('仮パスワードは12文字以上にしてください。');
  await suzukiRow.getByLabel('鈴木 さんの仮パスワード', { exact: true }).fill('temporary once more');
  await suzukiRow.getByLabel('鈴木 さんの仮パスワード（確認）').fill('temporary once more');
  await suzukiRow.getByRole('button', { name: '設定' }).click();
  await expect.poll(() => status(admin)).toContain('鈴木 さんのパスワードを仮パスワードに再設定しました');
  await expect.poll(() => suzukiRow.textContent()).toContain('仮パスワード（本人が未変更）');

  // Suzuki moves to the municipality as a coordinator (人事異動): same account, new agency and role.
  await suzukiRow.getByRole('button', { name: '編集' }).click();
  await suzukiRow.getByLabel('鈴木 さんの所属機関').selectOption({ label: '高齢福祉課' });
  await suzukiRow.getByLabel('鈴木 さんの権限').selectOption({ label: 'コーディネーター' });
  await suzukiRow.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => status(admin)).toBe('鈴木 さんのアカウントを変更しました');
  await expect.poll(() => suzukiRow.textContent()).toMatch(/^鈴木suzuki\.kita高齢福祉課コーディネーター/);
  // Their own name too (no role to give up there): the account bar follows at once.
  await own.getByRole('button', { name: '編集' }).click();
  await expect.poll(() => own.getByRole('combobox').count()).toBe(1); // the agency only
  await own.getByRole('textbox').fill('管理者（総務）');
  await own.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => admin.getByTestId('account').textContent()).toContain('管理者（総務）');

  // Every case Suzuki opened, across cases, under the agency Suzuki belonged to then.
  await admin.getByRole('link', { name: '← ケース一覧' }).click();
  await admin.getByRole('link', { name: '監査記録の検索' }).click();
  await admin.getByLabel('職員').selectOption({ label: '鈴木（高齢福祉課・suzuki.kita）' });
  await admin.getByRole('button', { name: '検索' }).click();
  const found = admin.getByRole('table', { name: '監査記録' });
  // Only Suzuki's entries once searched: the 閲覧 of each visit, and where from (接続元: the browser's address).
  const onlySuzukisVisits = async () => {
    const rows = await found.locator('tbody tr').allTextContents();
    return rows.length > 0 && rows.every((row) => row.endsWith('鈴木（北地区社会福祉協議会）閲覧北地区 70代男性 独居127.0.0.1'));
  };
  await expect.poll(onlySuzukisVisits).toBe(true);
  // On a phone the filters (a long list of people among them) and the entries fit the screen.
  await admin.setViewportSize({ width: 390, height: 844 });
  expect(await sidewaysOverflow(admin)).toEqual([]);
  await admin.setViewportSize({ width: 1280, height: 720 });
  // To the second: many entries fall within one minute, and their order matters.
  expect(await found.locator('tbody tr td').first().textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}:\d{2}$/);

  // Everyone who read this person's case, from its own trail (which lists only its newest 500): all of
  // them, by the case's filter, and as a file naming the case and no other.
  await admin.getByRole('link', { name: '← ケース一覧' }).click();
  await admin.getByRole('link', { name: '北地区 70代男性 独居' }).click();
  await admin.getByRole('link', { name: 'このケースの監査記録を検索・CSVで出力' }).click();
  const caseFilter = admin.locator('form.filters label').filter({ hasText: /^ケース/ }).locator('select');
  await expect.poll(() => caseFilter.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('北地区 70代男性 独居');
  await expect.poll(() => found.textContent()).toContain('鈴木（北地区社会福祉協議会）閲覧北地区 70代男性 独居127.0.0.1');
  const [caseFile] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'CSVで出力' }).click()]);
  const caseRows = (await readFile(await caseFile.path())).toString('utf8').slice(1).trim().split('\r\n').slice(1);
  expect(caseRows.length).toBeGreaterThan(3);
  expect(caseRows.every((row) => row.split('","')[6] === '北地区 70代男性 独居')).toBe(true);

  // The agency is reorganised (組織改編): same agency, new name, its memberships kept.
  await admin.goto(`${server.url}/admin`);
  await admin.getByRole('button', { name: '北地区社会福祉協議会の名前を変更' }).click();
  await admin.getByLabel('北地区社会福祉協議会の新しい名前').fill('北部社会福祉協議会');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => status(admin)).toBe('機関「北地区社会福祉協議会」を「北部社会福祉協議会」に改めました');
  // (the message comes first; the list follows once reloaded)
  await expect.poll(() => admin.getByRole('list', { name: '機関' }).textContent()).toContain('北部社会福祉協議会');

  // Later the agency stops taking part: disabled, not deleted (its records name it), and offered for no new account.
  admin.once('dialog', (dialog) => void dialog.accept());
  await admin.getByRole('button', { name: '北部社会福祉協議会を無効にする' }).click();
  await expect.poll(() => status(admin)).toBe('機関「北部社会福祉協議会」を無効にしました');
  const northern = admin.getByRole('list', { name: '機関' }).getByRole('listitem').filter({ hasText: '北部社会福祉協議会' });
  await expect.poll(() => northern.textContent()).toContain('無効');
  expect(await admin.getByLabel('所属機関', { exact: true }).locator('option').allTextContents()).not.toContain('北部社会福祉協議会');

  // Whoever reviews access later sees who did what to Suzuki's account (and the agency), and when.
  await admin.getByRole('link', { name: 'アカウント・組織の管理の記録' }).click();
  const accountTrail = admin.getByRole('table', { name: 'アカウント管理の記録' });
  await expect.poll(() => accountTrail.textContent()).toContain('組織名の変更北部社会福祉協議会名前: 北地区社会福祉協議会 → 北部社会福祉協議会');
  expect(await accountTrail.textContent()).toContain('組織の無効化北部社会福祉協議会');
  expect(await accountTrail.textContent()).toContain('組織の種別の変更北地区社会福祉協議会種別: その他 → 社会福祉協議会');
  await admin.getByLabel('対象').selectOption({ label: '鈴木（suzuki.kita）' });
  await admin.getByRole('button', { name: '検索' }).click();
  const actions = () => accountTrail.locator('tbody tr td:nth-child(3)').allTextContents();
  await expect.poll(actions).toEqual(['アカウントの変更', 'パスワード再設定', 'パスワード変更（本人）', 'アカウントの作成']);
  expect(await accountTrail.locator('tbody tr').first().textContent()).toContain('所属: 北地区社会福祉協議会 → 高齢福祉課、役割: 職員 → コーディネーター');
  // The same entries as a file for Excel (UTF-8 with its byte order mark).
  const [file] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'CSVで出力' }).click()]);
  expect(file.suggestedFilename()).toMatch(/^監査記録_アカウント_\d{8}\.csv$/);
  const csv = await readFile(await file.path());
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const rows = csv.toString('utf8').slice(1).trim().split('\r\n');
  expect(rows.map((row) => row.split('","')[4])).toEqual(['操作', 'アカウントの変更', 'パスワード再設定', 'パスワード変更（本人）', 'アカウントの作成']);

  // The same, one click from the account's row on 管理.
  await admin.goto(`${server.url}/admin`);
  await suzukiRow.getByRole('link', { name: '鈴木 さんの記録' }).click();
  await expect.poll(actions).toEqual(['アカウントの変更', 'パスワード再設定', 'パスワード変更（本人）', 'アカウントの作成']);
  // (the filter shows the account once the list of accounts it picks from has loaded, which may come after the entries)
  await expect.poll(() => admin.getByLabel('対象').inputValue()).not.toBe('');
});

it('an account edited from a list shown before another administrator moved it keeps its new agency; the name of someone whose agency is disabled can be corrected', async () => {
  const { browser, server } = suite;
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  const otherAdmin = await adminOf(server);
  const moved = await newUser(server, { name: '異動太郎', agency: '東病院' });
  const idle = await newUser(server, { name: '休止花子', agency: '西事業所' });
  const { agencyId: southId } = await newUser(server, { name: '南職員', agency: '南病院' });
  await admin.goto(`${server.url}/admin`);
  const movedRow = admin.getByRole('row').filter({ hasText: moved.login });
  await expect.poll(() => movedRow.textContent()).toContain('東病院');

  // Meanwhile another administrator moves him (人事異動), and disables her agency.
  expect((await otherAdmin.request('PATCH', `/api/users/${moved.userId}`, { agencyId: southId })).status).toBe(200);
  expect((await otherAdmin.request('PATCH', `/api/agencies/${idle.agencyId}`, { disabled: true })).status).toBe(200);

  // From the list as it was shown, his name is corrected: he stays where he was moved.
  await movedRow.getByRole('button', { name: '編集' }).click();
  await admin.getByLabel('異動太郎 さんの氏名').fill('異動 太郎');
  await movedRow.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => status(admin)).toBe('異動 太郎 さんのアカウントを変更しました');
  await expect.poll(() => admin.getByRole('row').filter({ hasText: moved.login }).textContent()).toContain('南病院');

  const idleRow = admin.getByRole('row').filter({ hasText: idle.login });
  await idleRow.getByRole('button', { name: '編集' }).click();
  await admin.getByLabel('休止花子 さんの氏名').fill('休止 花子');
  await idleRow.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => status(admin)).toBe('休止 花子 さんのアカウントを変更しました');
});

it('アクセス管理 lists a member who has moved to another agency (人事異動) under the agency they are in now, with their login', async () => {
  const { browser, server } = suite;
  const otherAdmin = await adminOf(server);
  const caseId = await createCase(server, '東地区 80代女性');
  const moved = await newUser(server, { name: '転出一郎', agency: '東包括' });
  const { agencyId: westId } = await newUser(server, { name: '西職員', agency: '西包括' });
  expect((await otherAdmin.request('PUT', `/api/cases/${caseId}/members`, { agencyId: moved.agencyId, access: 'edit' })).status).toBe(200);
  expect((await otherAdmin.request('PUT', `/api/cases/${caseId}/members`, { userId: moved.userId, access: 'read' })).status).toBe(200);
  expect((await otherAdmin.request('PATCH', `/api/users/${moved.userId}`, { agencyId: westId })).status).toBe(200);

  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  await admin.goto(`${server.url}/cases/${caseId}`);
  const members = admin.getByRole('region', { name: 'アクセス管理' }).getByRole('list', { name: 'メンバー' });
  // Their own access stays (a decision for whoever runs the case); the list shows they are no longer at 東包括.
  await expect.poll(() => members.textContent()).toContain(`転出一郎（西包括・${moved.login}・個人・閲覧のみ）`);
  expect(await members.textContent()).toContain('東包括（機関・編集）');
});

it('disabling an account on 管理 asks first, as disabling an agency does: it signs its holder out at once', async () => {
  const { browser, server } = suite;
  const leaving = await newUser(server, { name: '退職予定', agency: '北包括' });
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  await admin.goto(`${server.url}/admin`);
  const row = admin.getByRole('row').filter({ hasText: leaving.login });
  await expect.poll(() => row.textContent()).toContain('利用中');

  const asked: string[] = [];
  admin.once('dialog', (dialog) => void (asked.push(dialog.message()), dialog.dismiss()));
  await row.getByRole('button', { name: '無効にする' }).click();
  await expect.poll(() => asked).toEqual(['退職予定 さんを無効にすると、すぐにログアウトし、有効に戻すまでログインできません。よろしいですか？']);
  expect((await leaving.request('GET', '/api/cases')).status).toBe(200);

  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: '無効にする' }).click();
  await expect.poll(() => status(admin)).toBe('退職予定 さんを無効にしました');
  await expect.poll(() => row.textContent()).toContain('無効');
  expect((await leaving.request('GET', '/api/cases')).status).toBe(401);
});

it('管理 says the staff of a disabled agency cannot sign in, not 利用中', async () => {
  const { browser, server } = suite;
  const staff = await newUser(server, { name: '閉所職員', agency: '閉所事業所' });
  expect((await (await adminOf(server)).request('PATCH', `/api/agencies/${staff.agencyId}`, { disabled: true })).status).toBe(200);
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  await admin.goto(`${server.url}/admin`);
  const state = admin.getByRole('row').filter({ hasText: staff.login }).getByRole('cell').nth(4);
  await expect.poll(() => state.textContent()).toBe('所属機関が無効');
});

it('the forms off the conference screen (new case, 管理, 版の名前, アクセス管理\'s invitation, password) ask before a move would lose what is typed in them, and not once it is sent or emptied; a search asks nothing', async () => {
  const { browser, server } = suite;
  await createCase(server, 'E2E 入力したまま'); // a case in the list, so it has its search box
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  const link = (name: string) => () => admin.getByRole('link', { name, exact: true }).click();
  const reaches = (path: string | RegExp) => expect.poll(() => new URL(admin.url()).pathname).toMatch(path);
  /** Typed into `field`: a link to `away`, Back and closing the page each ask first, and staying keeps it. */
  const asksBeforeLosing = async (field: Locator, text: string, away: string) => {
    await field.fill(text);
    await settled(admin); // the form holds its typing from its next effect on
    const here = new URL(admin.url()).pathname;
    expect(await answerLeaving(admin, 'dismiss', link(away))).toBe('confirm');
    expect(await answerLeaving(admin, 'dismiss', () => admin.goBack())).toBe('confirm');
    expect(await answerLeaving(admin, 'dismiss', () => admin.close({ runBeforeUnload: true }))).toBe('beforeunload');
    await reaches(here);
    expect(await field.inputValue()).toBe(text);
  };
  // (A question not listened for is dismissed: a move that asked would not happen.)

  // A search is typed again at no loss: nothing is asked.
  await admin.getByLabel('ケースを検索').fill('入力');
  await settled(admin);
  await link('管理')();
  await reaches('/admin');

  await asksBeforeLosing(admin.getByLabel('機関名'), '南地区社会福祉協議会', '← ケース一覧');
  await admin.getByLabel('機関名').fill(''); // emptied: nothing to lose
  await settled(admin);
  await link('← ケース一覧')();
  await reaches('/');

  await asksBeforeLosing(admin.getByLabel('ケース名'), '南地区 90代女性 独居', 'パスワード変更');
  await admin.getByRole('button', { name: '作成' }).click(); // made: the move to it asks nothing
  await reaches(/^\/cases\/[^/]+$/);

  await asksBeforeLosing(admin.getByLabel('版の名前'), '助言前', '← ケース一覧');
  await admin.getByRole('button', { name: '版を保存' }).click();
  await admin.getByRole('status').filter({ hasText: '「助言前」を保存しました' }).waitFor();

  // アクセス管理: a guest's name or agency typed asks until its link is made; a pick to grant asks nothing.
  const panel = admin.getByRole('region', { name: 'アクセス管理' });
  await planConference(admin, '2026-12-20'); // a guest is invited to one
  await asksBeforeLosing(panel.getByLabel('招待する人の所属'), '民生委員', '← ケース一覧');
  await panel.getByLabel('招待する人の氏名').fill('山田');
  await panel.getByRole('button', { name: '招待リンクを作成' }).click();
  await expect.poll(() => panel.getByLabel('招待する人の所属').inputValue()).toBe('');
  await panel.getByLabel('権限を付与する相手').selectOption({ index: 1 });
  await settled(admin);
  await link('← ケース一覧')();
  await reaches('/');

  await link('パスワード変更')();
  await asksBeforeLosing(admin.getByLabel('現在のパスワード'), server.admin.password, '← ケース一覧');
  await admin.getByLabel('現在のパスワード').fill('');
  await settled(admin);
  await link('← ケース一覧')();
  await reaches('/');
});

it('a new case is created once when 作成 is pressed again while the case page is still loading', async () => {
  const { browser, server } = suite;
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  // The case page's code held back, as on a slow connection: the app goes there only once it has loaded.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let loading!: () => void;
  const caseCodeAsked = new Promise<void>((resolve) => (loading = resolve));
  await admin.route('**/assets/CasePage-*.js', async (route) => {
    loading();
    await released;
    await route.continue();
  });
  const title = '南地区 80代女性 独居（作成は一度）';
  await admin.getByLabel('ケース名').fill(title);
  await admin.getByLabel('地区').fill('南地区');
  await admin.getByLabel('地区').press('Enter');
  // The case made, the app is on its way to it: Enter again, where it was pressed, as when nothing seems to happen.
  await caseCodeAsked;
  await admin.keyboard.press('Enter');
  release();
  await connectionReaches(admin, '同期済み');
  const { cases } = await admin.evaluate(async () => (await (await fetch('/api/cases')).json()) as { cases: { title: string }[] });
  expect(cases.filter((c) => c.title === title)).toHaveLength(1);
});
