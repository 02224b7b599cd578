import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { type AccountAuditEntry, type AuditEntry, type AuditList, type AuditSearch, type CaseMemberList, describeAddress, describeAuditSubject, guestUserId, MemberSubject, TrailGuestList } from '@care/schema';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { openPostgres, openSqlite } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrations.ts';
import { beforeAuditAddresses } from './storage/before-migrations.ts';
import { SqlCaseStore } from '../src/storage/sql-store.ts';
import { AccountAudit } from '../src/audit/account-audit.ts';
import { AuditLog } from '../src/audit/audit-log.ts';
import {
  adminOf,
  caseMember,
  conferenceIn,
  connectClient,
  createCase,
  editorOf,
  eventually,
  newUser,
  type RunningServer,
  removeDir,
  serverPerSuite,
  startServer,
  upgradeStatus,
} from './harness.ts';
import { commandActor } from '../src/server-command.ts';
import { acceptInvitation, changePassword, guestSession, inviteGuest, post, revokeAccess, signIn, TEMPORARY_PASSWORD, TEST_PASSWORD } from './sessions.ts';
import { createTestSchema, probePostgres, serverEngines } from './services.ts';

/**
 * How a field reads in an exported CSV: one a spreadsheet would take for a formula keeps an
 * apostrophe first. A random case id may start with '-', and stays text in the file too.
 */
const asCsvText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

type Entry = { actorId: string; actorName: string; action: string; at: string };

/** A visit to a case's page: its sync connection opens (the 閲覧 on the trail) and closes. */
async function visit(server: RunningServer, caseId: string, who: Parameters<typeof connectClient>[2], from?: string): Promise<void> {
  (await connectClient(server, caseId, who, undefined, { from })).destroy();
}

describe('the audit trail', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  const trail = async (caseId: string) =>
    ((await (await (await adminOf(server)).request('GET', `/api/cases/${caseId}/audit`)).json()) as { entries: Entry[] }).entries;

  it('records who opened and edited a case, once per connection rather than per keystroke (its name alone, for its page, is not an opening), and never the content', async () => {
    const caseId = await createCase(server);
    const sato = await caseMember(server, caseId, { name: '佐藤', agency: '地域包括支援センター' });
    expect((await sato.request('GET', `/api/cases/${caseId}`)).status).toBe(200); // its name, for the page: no 閲覧
    const client = await connectClient(server, caseId, sato);
    for (let i = 0; i < 10; i++) appendSummaryParagraphs(client.doc, [`秘密の内容${i}`]);
    const watcher = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(watcher.doc).split('\n')).toHaveLength(10));

    await eventually(async () => {
      const satos = (await trail(caseId)).filter((e) => e.actorId === sato.userId);
      expect(satos.map((e) => e.action).sort()).toEqual(['edit', 'open']);
    });
    const all = await trail(caseId);
    expect(all.every((e) => e.actorName && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(JSON.stringify(all)).not.toContain('秘密');
    [client, watcher].forEach((c) => c.destroy());
  });

  it('records exports through AuditLog (the hook for records), and shows the trail only to coordinators', async () => {
    const caseId = await createCase(server);
    const member = await caseMember(server, caseId, { name: '鈴木' });
    await server.app.access.audit.record({ actor: member, caseId, action: 'export' });
    expect((await trail(caseId)).map((e) => e.action)).toContain('export');
    expect((await member.request('GET', `/api/cases/${caseId}/audit`)).status).toBe(403);
    const coordinator = await newUser(server, { name: '調整役', role: 'coordinator' });
    expect((await coordinator.request('GET', `/api/cases/${caseId}/audit`)).status).toBe(200);
  });

  it('lets coordinators search the trail across cases, e.g. every case one person opened', async () => {
    const [north, south] = [await createCase(server, '北の事例'), await createCase(server, '南の事例')];
    const sato = await caseMember(server, north, { name: '佐藤' });
    await (await adminOf(server)).request('PUT', `/api/cases/${south}/members`, { userId: sato.userId, access: 'read' });
    for (const caseId of [north, south]) await visit(server, caseId, sato);
    const coordinator = await newUser(server, { name: '調整役', role: 'coordinator' });
    const search = async (query: Record<string, string>) => {
      const response = await coordinator.request('GET', `/api/audit?${new URLSearchParams(query)}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { entries: (Entry & { caseTitle: string })[]; truncated: boolean };
    };
    const found = await search({ actorId: sato.userId });
    expect(found.entries.map((e) => [e.caseTitle, e.actorName, e.action])).toEqual([
      ['南の事例', '佐藤', 'open'],
      ['北の事例', '佐藤', 'open'],
    ]);
    expect(found.truncated).toBe(false);
    expect((await search({ actorId: sato.userId, action: 'export' })).entries).toEqual([]);
    expect((await search({ actorId: sato.userId, before: '2000-01-01T00:00:00+09:00' })).entries).toEqual([]);
    expect((await sato.request('GET', '/api/audit')).status).toBe(403);
    expect((await coordinator.request('GET', '/api/audit?action=delete-everything')).status).toBe(400);
  });

  it('records what administrators do to accounts and agencies, and a holder choosing their password, never a password itself', async () => {
    const admin = await adminOf(server);
    const json = async <T = { id: string }>(response: Response, status = 200): Promise<T> => {
      expect(response.status).toBe(status);
      return (await response.json()) as T;
    };
    const welfare = await json(await admin.request('POST', '/api/agencies', { name: '福祉課', kind: '行政' }), 201);
    const created = await json(
      await admin.request('POST', '/api/users', { login: 'tanaka', name: '田中', agencyId: welfare.id, role: 'staff', password: TEMPORARY_PASSWORD }),
      201,
    );
    await changePassword(server, 'tanaka', TEMPORARY_PASSWORD, TEST_PASSWORD);
    const health = await json(await admin.request('POST', '/api/agencies', { name: '健康課', kind: '行政' }), 201);
    await json(await admin.request('PATCH', `/api/users/${created.id}`, { name: '田中（旧姓 山本）', agencyId: health.id, role: 'coordinator' }));
    await json(await admin.request('PATCH', `/api/users/${created.id}`, { password: 'another temporary one', disabled: true }));
    await json(await admin.request('PATCH', `/api/users/${created.id}`, { disabled: false }));
    await json(await admin.request('PATCH', `/api/agencies/${welfare.id}`, { name: '福祉総務課' }));

    const coordinator = await newUser(server, { name: '調整役', role: 'coordinator' });
    const search = async (query: Record<string, string>) =>
      json<{ entries: { actorName: string; action: string; subjectName: string; changes: unknown[] }[] }>(
        await coordinator.request('GET', `/api/account-audit?${new URLSearchParams(query)}`),
      );
    const ofTanaka = await search({ subjectId: created.id });
    expect(ofTanaka.entries.map((e) => [e.actorName, e.action, e.subjectName, e.changes]).reverse()).toEqual([
      ['管理者', 'create-account', '田中（tanaka）', [{ field: 'agency', from: '', to: '福祉課' }, { field: 'role', from: '', to: 'staff' }]],
      ['田中', 'change-password', '田中（tanaka）', []],
      [
        '管理者',
        'change-account',
        '田中（旧姓 山本）（tanaka）',
        [
          { field: 'name', from: '田中', to: '田中（旧姓 山本）' },
          { field: 'agency', from: '福祉課', to: '健康課' },
          { field: 'role', from: 'staff', to: 'coordinator' },
        ],
      ],
      ['管理者', 'reset-password', '田中（旧姓 山本）（tanaka）', []],
      ['管理者', 'disable-account', '田中（旧姓 山本）（tanaka）', []],
      ['管理者', 'enable-account', '田中（旧姓 山本）（tanaka）', []],
    ]);
    expect((await search({ subjectId: welfare.id })).entries.map((e) => [e.action, e.changes])).toEqual([
      ['rename-agency', [{ field: 'name', from: '福祉課', to: '福祉総務課' }]],
      ['create-agency', [{ field: 'kind', from: '', to: '行政' }]],
    ]);
    expect((await search({ action: 'change-account', subjectId: created.id })).entries).toHaveLength(1);
    const everything = JSON.stringify(await search({}));
    for (const secret of [TEMPORARY_PASSWORD, TEST_PASSWORD, 'another temporary one']) expect(everything).not.toContain(secret);
    expect((await (await newUser(server)).request('GET', '/api/account-audit')).status).toBe(403);
    expect((await coordinator.request('GET', '/api/account-audit?action=drop-table')).status).toBe(400);
  });

  it('records sign-ins and sign-outs, and refused sign-ins on an existing account, without telling which logins exist', async () => {
    const sato = await newUser(server, { name: '佐藤' });
    const signedIn = await signIn(server, sato.login);
    expect((await signedIn.request('DELETE', '/api/session')).status).toBe(204);
    const attempt = (login: string) => post(server, '/api/session', { login, password: 'a guess at the password' });
    expect((await attempt(sato.login)).status).toBe(401);
    expect((await attempt('nobody-has-this-login')).status).toBe(401);

    const coordinator = await newUser(server, { name: '調整役', role: 'coordinator' });
    const search = async (query: Record<string, string>) =>
      ((await (await coordinator.request('GET', `/api/account-audit?${new URLSearchParams(query)}`)).json()) as {
        entries: { actorName: string; action: string; subjectName: string; address: string | null }[];
      }).entries;
    await eventually(async () =>
      expect((await search({ subjectId: sato.userId })).map((e) => [e.actorName, e.action])).toEqual([
        ['不明な利用者', 'sign-in-failed'],
        ['佐藤', 'sign-out'],
        ['佐藤', 'sign-in'],
        ['佐藤', 'change-password'],
        ['管理者', 'create-account'],
      ]),
    );
    const refused = await search({ action: 'sign-in-failed' });
    expect(refused.map((e) => e.subjectName)).toEqual([`佐藤（${sato.login}）`]);
    // Where each came from, to tell a colleague's typo from someone guessing elsewhere.
    expect(new Set((await search({ subjectId: sato.userId })).map((e) => e.address))).toEqual(new Set(['127.0.0.1']));
  });

  it('names whom each grant and revoke was for, as then: an agency, an account or a guest, with the access', async () => {
    const caseId = await createCase(server, '付与の記録');
    const admin = await adminOf(server);
    const planned = await conferenceIn(server, caseId, { live: false }); // (grants its 編集者 edit access)
    planned.leave();
    const suzuki = await caseMember(server, caseId, { name: '鈴木', access: 'read' });
    expect((await admin.request('PUT', `/api/cases/${caseId}/members`, { agencyId: suzuki.agencyId, access: 'edit' })).status).toBe(200);
    const { members } = (await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as CaseMemberList;
    const agencyName = members.find((m) => m.agencyId === suzuki.agencyId)!.label;
    const alone = members.find((m) => m.userId === suzuki.userId)!;
    expect((await admin.request('DELETE', `/api/cases/${caseId}/members/${alone.id}`)).status).toBe(204);
    const invitation = await inviteGuest(server, caseId, planned.conferenceId, { name: '山田', agency: '民生委員', access: 'read' });
    expect((await admin.request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(404); // once is enough

    const entries = ((await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as { entries: AuditEntry[] }).entries;
    const changes = entries.filter((e) => e.action === 'grant' || e.action === 'revoke').reverse();
    expect(changes.map((e) => [e.action, e.subject && describeAuditSubject(e.subject)])).toEqual([
      ['grant', '編集者（個人・編集）'],
      ['grant', '鈴木（個人・閲覧のみ）'],
      ['grant', `${agencyName}（機関・編集）`],
      ['revoke', '鈴木（個人・閲覧のみ）'],
      ['grant', '山田（招待・民生委員・閲覧のみ）'],
      ['revoke', '山田（招待・民生委員・閲覧のみ）'],
    ]);
    expect(changes.slice(1).map((e) => MemberSubject.parse(e.subject).id)).toEqual([suzuki.userId, suzuki.agencyId, suzuki.userId, invitation.id, invitation.id]);
    expect(entries.filter((e) => e.action === 'open').every((e) => e.subject === null)).toBe(true);
    // The trail starts where the case does: who registered it (and so became its first member).
    expect(entries.at(-1)).toMatchObject({ action: 'create', actorId: (await adminOf(server)).userId, subject: null });

    const file = await (await admin.request('GET', `/api/audit/export?${new URLSearchParams({ action: 'revoke' })}`)).text();
    expect(file).toContain(`"権限取消","${asCsvText(caseId)}","付与の記録","山田（招待・民生委員・閲覧のみ）"`);
  });

  it('says where each entry came from (接続元), as the account trail does: a guest opening the case, a member editing over the sync connection, grants over HTTP; a backup as the server’s command', async () => {
    const caseId = await createCase(server, '北地区 接続元');
    const { conferenceId, leave } = await conferenceIn(server, caseId); // a member schedules and starts it: edits
    const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
    const guestId = guestUserId(invitation.id);
    await visit(server, caseId, await guestSession(server, invitation.token));
    leave();
    // As the backup command records it: run on the server, from no client.
    await server.app.access.audit.record({ actor: commandActor('backup'), caseId, action: 'backup' });

    const admin = await adminOf(server);
    const entries = async () => ((await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList).entries;
    await eventually(async () => expect((await entries()).map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'grant', 'open', 'edit', 'backup'])));
    const loopback = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;
    const all = await entries();
    const guests = all.filter((e) => e.actorId === guestId);
    expect(guests).toEqual([expect.objectContaining({ action: 'open', address: expect.stringMatching(loopback) })]);
    for (const entry of all) expect(describeAddress(entry)).toMatch(entry.action === 'backup' ? /^サーバー上のコマンド$/ : loopback);

    const lines = (await (await admin.request('GET', `/api/audit/export?actorId=${guestId}`)).text()).split('\r\n');
    expect(lines[0]).toBe('"日時（日本時間）","職員ID","職員","所属","操作","ケースID","ケース","対象","接続元"');
    expect(lines[1]).toMatch(/^"[^"]+","guest_/);
    expect(lines[1]!.endsWith(`"閲覧","${asCsvText(caseId)}","北地区 接続元","","${guests[0]!.address}"`)).toBe(true);
  });

  it('exports either trail as a CSV file for Excel: every match, in words, never a formula', async () => {
    const caseId = await createCase(server, '"引用符" の事例');
    const trickster = await caseMember(server, caseId, { name: '=HYPERLINK("http://evil")' });
    await visit(server, caseId, trickster);
    const coordinator = await newUser(server, { name: '調整役', role: 'coordinator' });

    const file = await coordinator.request('GET', `/api/audit/export?${new URLSearchParams({ actorId: trickster.userId })}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''%E7%9B%A3%E6%9F%BB/); // 監査…
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('"日時（日本時間）","職員ID","職員","所属","操作","ケースID","ケース","対象","接続元"');
    expect(lines).toHaveLength(3); // header, the one 閲覧, and the final line break
    expect(lines[1]).toMatch(/^"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d",/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")","地域包括支援センター","閲覧","${asCsvText(caseId)}","""引用符"" の事例"`);

    const accounts = await (await coordinator.request('GET', `/api/account-audit/export?subjectId=${trickster.userId}`)).text(); // (text() drops the BOM)
    expect(accounts.split('\r\n')[0]).toBe('"日時（日本時間）","職員ID","職員","所属","操作","対象ID","対象","内容","接続元"');
    expect(accounts).toContain('"アカウントの作成"');
    expect(accounts).toContain('"所属: 地域包括支援センター、役割: 職員","127.0.0.1"');

    expect((await trickster.request('GET', '/api/audit/export')).status).toBe(403);
    expect((await coordinator.request('GET', '/api/account-audit/export?action=everything')).status).toBe(400);

    // Each file taken away is itself in the account trail: by whom, which entries and how many, from where.
    const period = new URLSearchParams({ action: 'open', from: '2026-04-01T00:00:00+09:00', before: '2027-04-01T00:00:00+09:00' });
    const opened = (await (await coordinator.request('GET', `/api/audit/export?${period}`)).text()).split('\r\n').length - 2;
    const taken = (await (await coordinator.request('GET', `/api/account-audit?action=export-trail&actorId=${coordinator.userId}`)).json()) as {
      entries: AccountAuditEntry[];
    };
    const accountRows = accounts.split('\r\n').length - 2;
    expect(taken.entries.map((e) => [e.actorName, e.action, e.subjectName, e.address])).toEqual([
      ['調整役', 'export-trail', `ケースの監査記録 ${opened}件（操作: 閲覧、2026-04-01 00:00:00から、2027-04-01 00:00:00より前）`, '127.0.0.1'],
      ['調整役', 'export-trail', `アカウントの監査記録 ${accountRows}件（対象: =HYPERLINK("http://evil")（${trickster.login}））`, '127.0.0.1'],
      ['調整役', 'export-trail', `ケースの監査記録 1件（職員: =HYPERLINK("http://evil")（${trickster.login}））`, '127.0.0.1'],
    ]);
    expect(opened).toBeGreaterThan(0);
  });

  it('names who started, closed and called off each conference, once each, though their edits make one row a window', async () => {
    const caseId = await createCase(server);
    const held = await conferenceIn(server, caseId, { live: false });
    await held.start();
    await held.close();
    const calledOff = await conferenceIn(server, caseId, { live: false });
    await calledOff.cancel();
    const editor = (await editorOf(server, caseId)).name;
    await eventually(async () =>
      expect(
        (await trail(caseId))
          .filter((e) => e.action.endsWith('-conference'))
          .map((e) => [e.actorName, e.action, describeAuditSubject((e as AuditEntry).subject!)])
          .reverse(),
      ).toEqual([
        [editor, 'start-conference', '2026-11-23 個別ケース検討'],
        [editor, 'close-conference', '2026-11-23 個別ケース検討'],
        [editor, 'cancel-conference', '2026-11-23 個別ケース検討'],
      ]),
    );
    const rows = (await trail(caseId)).filter((e) => e.action.endsWith('-conference')) as AuditEntry[];
    expect(rows.every((e) => e.address !== null && /127\.0\.0\.1|::1/.test(e.address))).toBe(true);
    [held, calledOff].forEach((conference) => conference.leave());
  });

  it('finds and exports everything one case’s trail holds (who read this person’s records), though its screen lists only the newest 500', async () => {
    const [mine, other] = [await createCase(server, '山田花子さんの事例'), await createCase(server, '別の事例')];
    const sato = await caseMember(server, mine, { name: '佐藤' });
    await (await adminOf(server)).request('PUT', `/api/cases/${other}/members`, { userId: sato.userId, access: 'read' });
    await visit(server, other, sato);
    // Years of use: more entries than one screen lists, the first of them its opening.
    await visit(server, mine, sato);
    for (let i = 0; i < 500; i++) await server.app.access.audit.record({ actor: sato, caseId: mine, action: 'view-record' });
    const coordinator = await newUser(server, { name: '監査担当', role: 'coordinator' });

    const listed = (await (await coordinator.request('GET', `/api/cases/${mine}/audit`)).json()) as AuditList;
    expect([listed.entries.length, listed.truncated]).toEqual([500, true]);
    const found = (await (await coordinator.request('GET', `/api/audit?caseId=${mine}&actorId=${sato.userId}&action=open`)).json()) as { entries: Entry[] };
    expect(found.entries.map((e) => e.action)).toEqual(['open']);
    const file = await coordinator.request('GET', `/api/audit/export?caseId=${mine}`);
    expect(file.status).toBe(200);
    const rows = (await file.text()).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(503); // its registration, 佐藤's access, the opening and the 500 reads; nothing of the other case
    expect(rows.every((row) => row.includes('"山田花子さんの事例"'))).toBe(true);
    const taken = (await (await coordinator.request('GET', `/api/account-audit?action=export-trail&actorId=${coordinator.userId}`)).json()) as { entries: AccountAuditEntry[] };
    expect(taken.entries.map((e) => e.subjectName)).toEqual(['ケースの監査記録 503件（ケース: 山田花子さんの事例）']);
    expect((await sato.request('GET', `/api/audit?caseId=${mine}`)).status).toBe(403);
    expect((await sato.request('GET', `/api/audit/export?caseId=${mine}`)).status).toBe(403);
  });

  it('offers every guest invited by link to search by, and names the guest (not its id) when one’s rows leave as a file', async () => {
    const caseId = await createCase(server, '招待者の記録');
    const { conferenceId, leave } = await conferenceIn(server, caseId, { live: false });
    leave();
    const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
    const guest = await guestSession(server, invitation.token);
    await visit(server, caseId, guest);
    const coordinator = await newUser(server, { name: '監査担当', role: 'coordinator' });

    const { guests } = TrailGuestList.parse(await (await coordinator.request('GET', '/api/audit/guests')).json());
    expect(guests[0]).toEqual({ id: guest.userId, name: '山田', agency: '民生委員', caseTitle: '招待者の記録', invitedAt: invitation.createdAt });
    expect((await guest.request('GET', '/api/audit/guests')).status).toBe(403);
    const file = await coordinator.request('GET', `/api/audit/export?actorId=${guest.userId}`);
    expect((await file.text()).split('\r\n').slice(1, -1)).toEqual([expect.stringContaining('"閲覧"')]);
    const taken = (await (await coordinator.request('GET', `/api/account-audit?action=export-trail&actorId=${coordinator.userId}`)).json()) as { entries: AccountAuditEntry[] };
    expect(taken.entries.map((e) => e.subjectName)).toEqual([expect.stringMatching(/^ケースの監査記録 1件（職員: 山田（招待・民生委員）ケース「招待者の記録」の.+）$/)]);
  });

  it('refuses an export with more matches than AUDIT_EXPORT_LIMIT rather than leaving some out', async () => {
    const small = await startServer({ env: { AUDIT_EXPORT_LIMIT: '2' } });
    try {
      const admin = await adminOf(small);
      // More entries than that: three cases registered and opened (a reopening within minutes would add none).
      for (let i = 0; i < 3; i++) await visit(small, await createCase(small), admin);
      const tooMany = await admin.request('GET', '/api/audit/export');
      expect(tooMany.status).toBe(422);
      expect(await tooMany.json()).toMatchObject({ error: 'too_many', message: expect.stringContaining('絞り込んでください') });
      expect((await admin.request('GET', `/api/audit/export?actorId=nobody`)).status).toBe(200);
      // Only the file that left is recorded, not the refused one.
      const taken = (await (await admin.request('GET', '/api/account-audit?action=export-trail')).json()) as { entries: AccountAuditEntry[] };
      expect(taken.entries.map((e) => e.subjectName)).toEqual(['ケースの監査記録 0件（職員: nobody）']);
    } finally {
      await small.stop();
      removeDir(small.dataDir);
    }
  });
});

describe('the audit trail across reconnects', () => {
  let server!: RunningServer;
  // Behind a proxy that says where each connection comes from (x-forwarded-for).
  serverPerSuite((started) => (server = started), { env: { TRUST_PROXY: 'true' } });

  it('shows whoever was refused the case — access taken back, a link passed on, a guest of another case — once per address and window, by whom and from where', async () => {
    const caseId = await createCase(server, '山田花子さんの事例');
    const sato = await caseMember(server, caseId, { name: '佐藤', agency: '北包括' });
    await revokeAccess(server, caseId, sato);
    const fromOffice = (path: string) => fetch(`${server.httpUrl}${path}`, { headers: { cookie: sato.cookie, 'x-forwarded-for': '192.0.2.20' } });
    for (const path of [`/api/cases/${caseId}`, `/api/cases/${caseId}/records`, `/api/cases/${caseId}`]) expect((await fromOffice(path)).status).toBe(403);
    const socketUrl = `${server.wsUrl}/${caseId}`;
    expect(await upgradeStatus(socketUrl, { cookie: sato.cookie, 'x-forwarded-for': '192.0.2.20' })).toBe(403); // the page's reconnects: within the window
    expect(await upgradeStatus(socketUrl, { cookie: sato.cookie, 'x-forwarded-for': '203.0.113.5' })).toBe(403); // from home
    const otherCase = await createCase(server, '別の事例');
    const guest = await guestSession(server, (await inviteGuest(server, otherCase, (await conferenceIn(server, otherCase, { live: false })).conferenceId)).token);
    expect((await guest.request('GET', `/api/cases/${caseId}`)).status).toBe(403);

    const admin = await adminOf(server);
    expect((await admin.request('GET', `/api/cases/${caseId}`)).status).toBe(200); // a coordinator reads every case
    await eventually(async () => {
      const { entries } = (await (await admin.request('GET', `/api/audit?caseId=${caseId}&action=access-refused`)).json()) as AuditSearch;
      expect(entries.map((e) => [e.actorName, e.actorAgency, e.address]).reverse()).toEqual([
        ['佐藤', '北包括', '192.0.2.20'],
        ['佐藤', '北包括', '203.0.113.5'],
        ['山田', '民生委員', '127.0.0.1'],
      ]);
    });
  });

  it('has one 閲覧 and one 編集 for a person whose Wi-Fi keeps reconnecting, and new ones from another address, by another person, or once the window has passed', async () => {
    // The server's clock too (it runs in this process): it moves on as usual until set ahead.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const caseId = await createCase(server);
    const sato = await caseMember(server, caseId, { name: '佐藤' });
    const suzuki = await caseMember(server, caseId, { name: '鈴木' });
    const admin = await adminOf(server);
    const rows = async () =>
      ((await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList).entries
        .filter((e) => e.action === 'open' || e.action === 'edit')
        .map((e) => [e.actorName, e.action, e.address])
        .reverse();
    /** A connection that types a line, is acknowledged, and drops. */
    const connectAndType = async (who: typeof sato, from: string) => {
      const client = await connectClient(server, caseId, who, undefined, { from });
      appendSummaryParagraphs(client.doc, [`${who.name}が${from}から`]);
      await eventually(() => expect(client.saves.status).toMatchObject({ local: 1, unsaved: 0 }));
      client.destroy();
    };

    for (let i = 0; i < 4; i++) await connectAndType(sato, '192.0.2.10'); // connects, then reconnects 3 times
    await eventually(async () => expect(await rows()).toEqual([['佐藤', 'open', '192.0.2.10'], ['佐藤', 'edit', '192.0.2.10']]));

    await connectAndType(sato, '192.0.2.20'); // the same person elsewhere (the office's network, say): an opening and edit of its own
    await visit(server, caseId, suzuki, '192.0.2.10'); // another person at the same address
    vi.setSystemTime(Date.now() + 16 * 60_000); // past both windows (10 minutes for 閲覧, 15 for 編集 by default)
    await connectAndType(sato, '192.0.2.10');
    await eventually(async () =>
      expect(await rows()).toEqual([
        ['佐藤', 'open', '192.0.2.10'],
        ['佐藤', 'edit', '192.0.2.10'],
        ['佐藤', 'open', '192.0.2.20'],
        ['佐藤', 'edit', '192.0.2.20'],
        ['鈴木', 'open', '192.0.2.10'],
        ['佐藤', 'open', '192.0.2.10'],
        ['佐藤', 'edit', '192.0.2.10'],
      ]),
    );
  });
});

const postgres = await probePostgres();

const serverEnginesForTrail = await serverEngines('one account’s trail');

describe.each(await serverEngines('changes of a case’s access'))('on $name, a change of access on the case trail', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), {}, engine);

  it('says what the access was before and after, so a change reads apart from a first grant, on the screen and in the CSV', async () => {
    const caseId = await createCase(server, '権限の変更');
    const admin = await adminOf(server);
    const suzuki = await caseMember(server, caseId, { name: '鈴木', access: 'read' });
    const grant = async (body: object) => expect((await admin.request('PUT', `/api/cases/${caseId}/members`, body)).status).toBe(200);
    await grant({ userId: suzuki.userId, access: 'edit' });
    await grant({ agencyId: suzuki.agencyId, access: 'edit' });
    await grant({ agencyId: suzuki.agencyId, access: 'read' });
    const agencyName = ((await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as CaseMemberList).members.find(
      (m) => m.agencyId === suzuki.agencyId,
    )!.label;

    const entries = ((await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList).entries;
    const grants = entries.filter((e) => e.action === 'grant').reverse();
    expect(grants.map((e) => MemberSubject.parse(e.subject)).map(({ id, access, was }) => [id, access, was])).toEqual([
      [suzuki.userId, 'read', undefined],
      [suzuki.userId, 'edit', 'read'],
      [suzuki.agencyId, 'edit', undefined],
      [suzuki.agencyId, 'read', 'edit'],
    ]);
    expect(grants.map((e) => describeAuditSubject(e.subject!))).toEqual([
      '鈴木（個人・閲覧のみ）',
      '鈴木（個人・閲覧のみ → 編集）',
      `${agencyName}（機関・編集）`,
      `${agencyName}（機関・編集 → 閲覧のみ）`,
    ]);
    const file = await (await admin.request('GET', `/api/audit/export?${new URLSearchParams({ caseId, action: 'grant' })}`)).text();
    expect(file).toContain(`"権限付与","${asCsvText(caseId)}","権限の変更","鈴木（個人・閲覧のみ → 編集）"`);
  });
});

describe.each(serverEnginesForTrail)('on $name, one account’s trail', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), {}, engine);

  it('shows its sign-ins ended by disabling its agency, and why each sign-in was refused (the person trying is told only that it was)', async () => {
    const admin = await adminOf(server);
    const yamada = await newUser(server, { name: '山田太郎', agency: '南区社会福祉協議会' });
    await signIn(server, yamada.login); // and in a second browser
    const trail = async () =>
      ((await (await admin.request('GET', `/api/account-audit?subjectId=${yamada.userId}`)).json()) as { entries: AccountAuditEntry[] }).entries;
    /** Tries to sign in as Yamada; once refused, waits for the refusal in the trail (recorded without waiting). */
    const refused = async (password: string) => {
      const before = (await trail()).length;
      const attempt = await post(server, '/api/session', { login: yamada.login, password });
      expect(attempt.status).toBe(401);
      expect(await attempt.json()).toMatchObject({ message: 'ログインIDまたはパスワードが違います' });
      await eventually(async () => expect(await trail()).toHaveLength(before + 1));
    };

    expect((await admin.request('PATCH', `/api/agencies/${yamada.agencyId}`, { disabled: true })).status).toBe(200);
    expect((await yamada.request('GET', '/api/session')).status).toBe(401);
    await refused(TEST_PASSWORD);
    expect((await admin.request('PATCH', `/api/agencies/${yamada.agencyId}`, { disabled: false })).status).toBe(200);
    await refused('a guess at the password');
    expect((await admin.request('PATCH', `/api/users/${yamada.userId}`, { disabled: true })).status).toBe(200);
    await refused(TEST_PASSWORD);

    const subject = `山田太郎（${yamada.login}）`;
    expect((await trail()).map((e) => [e.actorName, e.action, e.subjectName, e.refusal])).toEqual([
      ['不明な利用者', 'sign-in-failed', subject, 'account-disabled'],
      ['管理者', 'disable-account', subject, null],
      ['不明な利用者', 'sign-in-failed', subject, 'wrong-password'],
      ['不明な利用者', 'sign-in-failed', subject, 'agency-disabled'],
      ['管理者', 'signed-out-with-agency', subject, null],
      ['管理者', 'signed-out-with-agency', subject, null], // one for each browser signed in:
      ['山田太郎', 'sign-in', subject, null],
      ['山田太郎', 'change-password', subject, null], // (which signs in too)
      ['管理者', 'create-account', subject, null],
    ]);
    const file = await (await admin.request('GET', `/api/account-audit/export?subjectId=${yamada.userId}`)).text();
    expect(file).toContain(`"ログアウト（所属機関の無効化）","${asCsvText(yamada.userId)}","${subject}","",`);
    for (const why of ['所属機関が無効', 'パスワード違い', 'アカウントが無効']) expect(file).toContain(`"ログイン失敗","${asCsvText(yamada.userId)}","${subject}","${why}",`);
  });

  it('records each time a guest comes in through their invitation link and signs out, and each refused use of it, naming the guest, the case and conference, and the address', async () => {
    const admin = await adminOf(server);
    const caseId = await createCase(server, '北地区 見守り');
    const { conferenceId, leave } = await conferenceIn(server, caseId);
    const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
    const trail = async () =>
      ((await (await admin.request('GET', `/api/account-audit?subjectId=${invitation.id}`)).json()) as { entries: AccountAuditEntry[] }).entries;

    expect((await (await guestSession(server, invitation.token)).request('DELETE', '/api/session')).status).toBe(204);
    expect((await acceptInvitation(server, invitation.token)).status).toBe(200);
    expect((await admin.request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);
    expect((await acceptInvitation(server, invitation.token)).status).toBe(403);
    // A secret that belongs to no invitation names no one (like an unknown login).
    expect((await acceptInvitation(server, 'x'.repeat(43))).status).toBe(403);
    await eventually(async () => expect(await trail()).toHaveLength(4)); // the refusal is recorded without waiting

    const subject = '山田（招待・民生委員）ケース「北地区 見守り」の2026-11-23 個別ケース検討';
    const entries = await trail();
    expect(entries.map((e) => [e.actorId, e.actorName, e.action, e.subjectName, e.refusal])).toEqual([
      ['unknown', '不明な利用者', 'sign-in-failed', subject, 'invitation-revoked'],
      [`guest_${invitation.id}`, '山田', 'accept-invitation', subject, null],
      [`guest_${invitation.id}`, '山田', 'sign-out', subject, null],
      [`guest_${invitation.id}`, '山田', 'accept-invitation', subject, null],
    ]);
    expect(entries.every((e) => e.address !== null && /127\.0\.0\.1|::1/.test(e.address))).toBe(true);
    const file = await (await admin.request('GET', `/api/account-audit/export?subjectId=${invitation.id}`)).text();
    expect(file).toContain(`"招待リンクで参加","${asCsvText(invitation.id)}","${subject}","",`);
    expect(file).toContain(`"ログイン失敗","${asCsvText(invitation.id)}","${subject}","招待リンクが取消済み",`);
    leave();
  });
});

describe('the audit table is append-only in the database itself', () => {
  const engines = [
    {
      name: 'SQLite',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'care-audit-'));
        return { store: await SqlCaseStore.open(openSqlite(join(dir, 'cases.sqlite'))), drop: async () => removeDir(dir) };
      },
    },
    ...(postgres.ok
      ? [
          {
            name: 'PostgreSQL',
            open: async () => {
              const schema = await createTestSchema();
              return { store: await SqlCaseStore.open(openPostgres(schema.url)), drop: schema.drop };
            },
          },
        ]
      : []),
  ];

  /** Runs `use` on a fresh store of an engine, closed (and its schema dropped) whatever happens. */
  async function inStore(open: (typeof engines)[number]['open'], use: (store: SqlCaseStore) => Promise<void>): Promise<void> {
    const { store, drop } = await open();
    try {
      await use(store);
    } finally {
      await store.close();
      await drop();
    }
  }

  it.each(engines)('$name refuses UPDATE and DELETE of audit rows', ({ open }) =>
    inStore(open, async (store) => {
      const log = new AuditLog(store.db);
      await log.record({ actor: { userId: 'u1', name: '佐藤', agency: '包括' }, caseId: 'c1', action: 'open' });
      await expect(store.db.kysely.updateTable('audit_log').set({ actor_id: 'someone-else' }).execute()).rejects.toThrow(/append-only/);
      await expect(store.db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      expect((await log.list('c1')).entries).toMatchObject([{ actorId: 'u1', action: 'open' }]);
    }),
  );

  it.each(engines)('$name keeps the rows recorded before addresses were, which say so (記録なし) rather than naming a command', ({ open }) =>
    inStore(open, async (store) => {
      const { kysely } = store.db;
      await beforeAuditAddresses(kysely); // as a database made before the case trail kept addresses holds it
      const row = { case_id: 'c1', actor_id: 'u1', actor_name: '佐藤', actor_agency: '包括', action: 'open', at: new Date(Date.UTC(2026, 0, 5)).toISOString(), subject: null };
      await kysely.insertInto('audit_log').values(row).execute();
      await migrateToLatest(store.db);
      const log = new AuditLog(store.db);
      await log.record({ actor: { userId: 'u1', name: '佐藤', agency: '包括' }, caseId: 'c1', action: 'open', address: '192.0.2.7' });
      expect((await log.list('c1')).entries.map(describeAddress)).toEqual(['192.0.2.7', '記録なし']);
    }),
  );

  it.each(engines)('$name searches the trail across cases by person, action and time, newest first', ({ open }) =>
    inStore(open, async (store) => {
      await store.createCase({ id: 'north', title: '北の事例' });
      await store.createCase({ id: 'south', title: '南の事例' });
      const log = new AuditLog(store.db);
      const sato = { userId: 'sato', name: '佐藤', agency: '包括' };
      const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour));
      await log.record({ actor: sato, caseId: 'north', action: 'open', at: at(1) });
      await log.record({ actor: { userId: 'suzuki', name: '鈴木', agency: '社協' }, caseId: 'south', action: 'open', at: at(2) });
      await log.record({ actor: sato, caseId: 'south', action: 'export', at: at(3) });
      const seen = async (query: Parameters<AuditLog['search']>[0], limit?: number) =>
        (await log.search(query, limit)).entries.map((e) => `${e.actorId} ${e.action} ${e.caseTitle}`);
      expect(await seen({ actorId: 'sato' })).toEqual(['sato export 南の事例', 'sato open 北の事例']);
      expect(await seen({ action: 'open' })).toEqual(['suzuki open 南の事例', 'sato open 北の事例']);
      expect(await seen({ from: at(2).toISOString(), before: '2026-12-05T13:00:00+09:00' })).toEqual(['sato export 南の事例', 'suzuki open 南の事例']);
      expect(await seen({ before: at(3).toISOString() })).toEqual(['suzuki open 南の事例', 'sato open 北の事例']); // before: exclusive
      expect(await log.search({}, 2)).toMatchObject({ truncated: true, entries: [{ actorId: 'sato' }, { actorId: 'suzuki' }] });
      expect(await log.search({}, 3)).toMatchObject({ truncated: false });
    }),
  );

  it.each(engines)('$name keeps the account trail append-only too, and searches it by person, subject and time', ({ open }) =>
    inStore(open, async (store) => {
      const trail = new AccountAudit(store.db);
      const admin = { userId: 'admin', name: '管理者', agency: '市役所' };
      const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour));
      await trail.record({ actor: admin, action: 'create-account', subject: { id: 'sato', name: '佐藤（sato）' }, at: at(1) });
      await trail.record({ actor: admin, action: 'change-account', subject: { id: 'sato', name: '佐藤（sato）' }, changes: [{ field: 'role', from: 'staff', to: 'admin' }], at: at(2) });
      await trail.record({ actor: { userId: 'sato', name: '佐藤', agency: '包括' }, action: 'change-password', subject: { id: 'sato', name: '佐藤（sato）' }, at: at(3) });
      // Recorded last, but it happened before the password change (a sweep dates a session's end when it was).
      await trail.record({ actor: { userId: 'sato', name: '佐藤', agency: '包括' }, action: 'session-expired', subject: { id: 'sato', name: '佐藤（sato）' }, at: new Date(at(2).getTime() + 30 * 60_000) });
      await expect(store.db.kysely.updateTable('account_audit').set({ changes: '[]' }).execute()).rejects.toThrow(/append-only/);
      await expect(store.db.kysely.deleteFrom('account_audit').execute()).rejects.toThrow(/append-only/);
      const seen = async (query: Parameters<AccountAudit['search']>[0]) => (await trail.search(query)).entries.map((e) => `${e.actorId} ${e.action}`);
      expect(await seen({ subjectId: 'sato' })).toEqual(['sato change-password', 'sato session-expired', 'admin change-account', 'admin create-account']);
      expect(await seen({})).toEqual(['sato change-password', 'sato session-expired', 'admin change-account', 'admin create-account']);
      expect(await seen({ actorId: 'admin', from: at(2).toISOString() })).toEqual(['admin change-account']);
      expect(await seen({ before: at(2).toISOString() })).toEqual(['admin create-account']);
      expect((await trail.search({ action: 'change-account' })).entries[0]!.changes).toEqual([{ field: 'role', from: 'staff', to: 'admin' }]);
      expect(await trail.search({}, 2)).toMatchObject({ truncated: true });
    }),
  );
});
