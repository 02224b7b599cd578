import {
  appendSummaryParagraphs,
  CaseDocField,
  assignRole,
  joinConference,
  readConferences,
  rescheduleConference,
  RefusalReason,
  scheduleConference,
  setParticipantProfession,
  startConference,
  summaryPlainText,
} from '@care/case-doc';
import { AccessEndReason, agencyLabel, CASE_CLOSED_GUEST_TEXT, CASE_CLOSED_TO_GUEST, INVITATION_REVOKED, type Invitation, invitationExpiry, type Participant } from '@care/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  adminOf,
  asParticipant,
  caseMember,
  conferenceIn,
  connectClient,
  createCase,
  eventually,
  grantAccess,
  newUser,
  nextClose,
  permissionDenials,
  type RunningServer,
  serverHandledAllSent,
  serverPerSuite,
  type TestClient,
  type TestSession,
  upgradeStatus,
} from './harness.ts';
import { recordEndedSessions } from '../src/access/ended-sessions.ts';
import { READ_ONLY_REFUSAL } from '../src/access/read-only-guard.ts';
import { acceptInvitation, guestSession, inviteGuest, post, revokeAccess, sessionFrom, TEMPORARY_PASSWORD, TEST_PASSWORD } from './sessions.ts';

/**
 * The server asked the client's connection again (4010); it came back read-only, and said so
 * before the sync (so a page is read-only before anything typed could be refused): its next edit is refused.
 */
async function expectReconnectedReadOnly(client: TestClient, closed: Promise<{ code: number }>) {
  expect((await closed).code).toBe(4010);
  await eventually(() => expect(client.provider.synced).toBe(true));
  expect(client.standings).toEqual([{ access: 'edit' }, { access: 'read' }]);
  const denials = permissionDenials(client.provider);
  appendSummaryParagraphs(client.doc, ['もう書けない']);
  await eventually(() => expect(denials).toHaveLength(1));
  client.destroy();
}

describe('who may see a case', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  it('an outsider from another agency gets 403 on HTTP, a refused upgrade, and no case in the list', async () => {
    const caseId = await createCase(server, '包括のケース');
    const outsider = await newUser(server, { name: '部外者', agency: '別法人の事業所' });
    expect((await outsider.request('GET', `/api/cases/${caseId}`)).status).toBe(403);
    const list = (await (await outsider.request('GET', '/api/cases')).json()) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).not.toContain(caseId);
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: outsider.cookie })).toBe(403);
    // Without any session: 401.
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`)).toBe(401);
    expect((await fetch(`${server.httpUrl}/api/cases/${caseId}`)).status).toBe(401);
    // A page of another site cannot open it with the member's cookie either.
    const member = await newUser(server);
    await grantAccess(server, caseId, member, 'edit');
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: member.cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: member.cookie })).toBe(101);
  });

  it('a whole agency can be made a member: its staff see the case, others do not', async () => {
    const caseId = await createCase(server, '社協と共有');
    const shakyo = await newUser(server, { name: '社協職員', agency: '社会福祉協議会' });
    const other = await newUser(server, { name: '医療職', agency: '医療機関' });
    const admin = await adminOf(server);
    const granted = await admin.request('PUT', `/api/cases/${caseId}/members`, { agencyId: shakyo.agencyId, access: 'read' });
    expect(granted.status).toBe(200);
    expect(await shakyo.request('GET', `/api/cases/${caseId}`).then((r) => r.json())).toMatchObject({ id: caseId, access: 'read' });
    expect((await other.request('GET', `/api/cases/${caseId}`)).status).toBe(403);
    // Only coordinators manage membership.
    expect((await shakyo.request('PUT', `/api/cases/${caseId}/members`, { agencyId: other.agencyId, access: 'edit' })).status).toBe(403);
  });

  it('an observer (read access) receives every edit, but their writes are not applied, relayed or stored', async () => {
    const caseId = await createCase(server);
    const observer = await caseMember(server, caseId, { name: '見学者', agency: '民生委員', access: 'read' });
    const editor = await connectClient(server, caseId);
    const watching = await connectClient(server, caseId, observer);
    const denials = permissionDenials(watching.provider);

    appendSummaryParagraphs(editor.doc, ['包括：週2回訪問']);
    await eventually(() => expect(summaryPlainText(watching.doc)).toBe('包括：週2回訪問'));
    appendSummaryParagraphs(watching.doc, ['見学者が書いた']);
    await eventually(() => expect(denials).toEqual([READ_ONLY_REFUSAL]));

    const late = await connectClient(server, caseId);
    expect(summaryPlainText(late.doc)).toBe('包括：週2回訪問');
    expect(summaryPlainText(editor.doc)).toBe('包括：週2回訪問');
    const stored = (await server.store.loadUpdates(caseId)).map((u) => Buffer.from(u).toString('utf8')).join('');
    expect(stored).not.toContain('見学者');
    expect(watching.provider.wsconnected).toBe(true);
    [editor, watching, late].forEach((c) => c.destroy());
  });

  it('a member with read access joins a live conference they attend, confirming 守秘義務, and writes nothing else', async () => {
    const caseId = await createCase(server);
    const reader = await caseMember(server, caseId, { name: '民生委員の木村', agency: '民生委員', access: 'read' });
    const sato = await caseMember(server, caseId, { name: '佐藤' });
    const editor = await connectClient(server, caseId, sato);
    const conferenceId = scheduleConference(editor.doc, { date: '2026-11-23', kind: '個別ケース検討' });
    const watching = await connectClient(server, caseId, reader);
    await eventually(() => expect(readConferences(watching.doc).value).toHaveLength(1));
    const entry = asParticipant(reader, { confidentialityConfirmedAt: 1_000, readOnly: true });

    joinConference(watching.doc, conferenceId, entry); // not live yet: refused
    await eventually(() => expect(watching.denials).toEqual([READ_ONLY_REFUSAL]));
    watching.destroy();
    startConference(editor.doc, conferenceId, asParticipant(sato), Date.now());
    const again = await connectClient(server, caseId, reader);
    await eventually(() => expect(readConferences(again.doc).value[0]?.status).toBe('live'));
    joinConference(again.doc, conferenceId, entry);
    await eventually(() => expect(readConferences(editor.doc).value[0]!.participants.map((p) => p.name)).toContain('民生委員の木村'));
    appendSummaryParagraphs(again.doc, ['閲覧者が書いた']);
    await eventually(() => expect(again.denials).toEqual([READ_ONLY_REFUSAL]));
    expect(summaryPlainText(editor.doc)).toBe('');
    [editor, again].forEach((c) => c.destroy());
  });

  it('a member with read access joins saying so, and is not made 司会: their entry without it is refused, and so is the role', async () => {
    const caseId = await createCase(server);
    const { conferenceId, facilitator, leave } = await conferenceIn(server, caseId);
    const reader = await caseMember(server, caseId, { name: '木村', agency: '民生委員', access: 'read' });
    const joining = await connectClient(server, caseId, reader);
    joinConference(joining.doc, conferenceId, asParticipant(reader, { confidentialityConfirmedAt: Date.now() }));
    await eventually(() => expect(joining.denials).toEqual([RefusalReason.readerUnmarked]));
    joining.destroy();
    const honest = await connectClient(server, caseId, reader);
    joinConference(honest.doc, conferenceId, asParticipant(reader, { confidentialityConfirmedAt: Date.now(), readOnly: true }));
    await eventually(() => expect(readConferences(facilitator.doc).value[0]!.participants.find((p) => p.userId === reader.userId)?.readOnly).toBe(true));

    assignRole(facilitator.doc, conferenceId, reader.userId, { role: '司会' });
    await eventually(() => expect(facilitator.denials).toEqual([RefusalReason.readerFacilitator]));
    expect(readConferences(honest.doc).value[0]!.roles[reader.userId]).toBeUndefined();
    honest.destroy();
    leave();
  });

  it('nobody joins a conference under another’s name or agency: a member, a reader and a guest are refused, their own are taken, and one renamed since keeps the name they joined under', async () => {
    const caseId = await createCase(server);
    const { conferenceId, facilitator, leave } = await conferenceIn(server, caseId);
    const member = await caseMember(server, caseId, { name: '佐藤', agency: '社会福祉協議会' });
    const reader = await caseMember(server, caseId, { name: '木村', agency: '民生委員', access: 'read' });
    const invitation = await inviteGuest(server, caseId, conferenceId, { name: '山田', agency: '民生委員' });
    const guest = await guestSession(server, invitation.token);
    const listed = () => readConferences(facilitator.doc).value[0]!.participants.map((p) => `${p.name}（${agencyLabel(p.agency)}）`);

    const attempts: [TestSession, Participant][] = [
      [member, asParticipant(member, { name: '市長' })],
      [reader, asParticipant(reader, { agency: { kind: '医療機関', other: '北病院' } })],
      [guest, asParticipant(guest, { name: '主治医 田中', agency: { kind: '医療機関' } })],
    ];
    for (const [who, forged] of attempts) {
      const forging = await connectClient(server, caseId, who);
      joinConference(forging.doc, conferenceId, { ...forged, confidentialityConfirmedAt: Date.now() });
      await eventually(() => expect(forging.denials).toEqual([RefusalReason.notOwnName]));
      forging.destroy();
      const honest = await connectClient(server, caseId, who);
      joinConference(honest.doc, conferenceId, asParticipant(who, { confidentialityConfirmedAt: Date.now(), ...(who === reader ? { readOnly: true as const } : {}) }));
      await eventually(() => expect(listed()).toContain(`${who.name}（${agencyLabel(asParticipant(who).agency)}）`));
      expect(honest.denials).toEqual([]);
      honest.destroy();
    }
    expect(listed()).not.toEqual(expect.arrayContaining([expect.stringMatching(/市長|北病院|田中/)]));

    // Renamed by an administrator after joining, 佐藤 gives their 職種 in the entry as it is.
    expect((await (await adminOf(server)).request('PATCH', `/api/users/${member.userId}`, { name: '鈴木' })).status).toBe(200);
    const renamed = await connectClient(server, caseId, member);
    setParticipantProfession(renamed.doc, conferenceId, member.userId, '社会福祉士');
    await eventually(() => expect(readConferences(facilitator.doc).value[0]!.participants.find((p) => p.userId === member.userId)?.profession).toBe('社会福祉士'));
    expect(renamed.denials).toEqual([]);
    renamed.destroy();
    leave();
  });

  it('a reader whose browser kept a copy reconnects: what it re-sends is taken silently (not refused, stored or audited); an edit is still refused', async () => {
    const caseId = await createCase(server);
    const reader = await caseMember(server, caseId, { name: '閲覧者', agency: '民生委員', access: 'read' });
    const editor = await connectClient(server, caseId);
    appendSummaryParagraphs(editor.doc, ['消される段落', '残る段落']);
    editor.doc.getXmlFragment(CaseDocField.summary).delete(0, 1); // so the copy's delete set is not empty
    const first = await connectClient(server, caseId, reader);
    await eventually(() => expect(summaryPlainText(first.doc)).toBe('残る段落'));
    const localCopy = new Y.Doc();
    Y.applyUpdate(localCopy, Y.encodeStateAsUpdate(first.doc));
    first.destroy();

    const again = await connectClient(server, caseId, reader, localCopy);
    await serverHandledAllSent(again);
    expect(again.denials).toEqual([]);
    appendSummaryParagraphs(again.doc, ['閲覧者が書いた']);
    await eventually(() => expect(again.denials).toEqual([READ_ONLY_REFUSAL]));
    const audit = (await (await (await adminOf(server)).request('GET', `/api/cases/${caseId}/audit`)).json()) as {
      entries: { actorId: string; action: string }[];
    };
    // Its reconnecting (same person, case and address, within minutes) is not a second opening.
    expect(audit.entries.filter((e) => e.actorId === reader.userId).map((e) => e.action)).toEqual(['open']);
    const stored = (await server.store.loadUpdates(caseId)).map((u) => Buffer.from(u).toString('utf8')).join('');
    expect(stored).not.toContain('閲覧者');
    [editor, again].forEach((c) => c.destroy());
  });

  it('revoking a membership closes that user’s open socket, and they cannot come back', async () => {
    const caseId = await createCase(server);
    const member = await caseMember(server, caseId, { name: '退任者', agency: '居宅介護支援事業所' });
    const client = await connectClient(server, caseId, member);
    const closed = nextClose(client);
    await revokeAccess(server, caseId, member);
    expect(await closed).toEqual({ code: 4403, reason: 'access to this case was revoked' });
    client.destroy();
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: member.cookie })).toBe(403);
  });

  it('lowering access to read closes the socket so it reconnects read-only', async () => {
    const caseId = await createCase(server);
    const member = await newUser(server);
    await grantAccess(server, caseId, member, 'edit');
    const client = await connectClient(server, caseId, member);
    const closed = nextClose(client);
    await grantAccess(server, caseId, member, 'read');
    await expectReconnectedReadOnly(client, closed);
  });

  it('closing a case (ケース終結) makes it read-only for everyone at once, reopening gives edit back; only coordinators do either, never during a live conference', async () => {
    const caseId = await createCase(server);
    const member = await newUser(server);
    await grantAccess(server, caseId, member, 'edit');
    const coordinator = await newUser(server, { name: '統括', role: 'coordinator' });
    const setClosed = (who: typeof member, closed: boolean) => who.request('PATCH', `/api/cases/${caseId}`, { closed });
    const opened = async () => (await (await member.request('GET', `/api/cases/${caseId}`)).json()) as { access: string; closedAt: string | null };

    expect((await setClosed(member, true)).status).toBe(403); // staff do not close cases
    const client = await connectClient(server, caseId, member);
    const closing = nextClose(client);
    const response = await setClosed(coordinator, true);
    expect(response.status).toBe(200);
    const closedAt = ((await response.json()) as { closedAt: string }).closedAt;
    expect(Date.parse(closedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The member's open connection is asked again and comes back read-only: edits are refused.
    await expectReconnectedReadOnly(client, closing);
    expect(await opened()).toMatchObject({ access: 'read', closedAt });
    expect((await member.request('POST', `/api/cases/${caseId}/records`, { label: '終結後の版' })).status).toBe(403);
    // Closing again changes nothing (the date stays).
    expect(((await (await setClosed(coordinator, true)).json()) as { closedAt: string }).closedAt).toBe(closedAt);

    expect((await setClosed(coordinator, false)).status).toBe(200);
    expect(await opened()).toMatchObject({ access: 'edit', closedAt: null });
    const after = await connectClient(server, caseId, member);
    const reader = await connectClient(server, caseId, coordinator);
    expect([after.standings, reader.standings]).toEqual([[{ access: 'edit' }], [{ access: 'read' }]]);
    appendSummaryParagraphs(after.doc, ['再開後の記録']);
    await eventually(() => expect(summaryPlainText(reader.doc)).toBe('再開後の記録'));
    const trail = (await (await coordinator.request('GET', `/api/cases/${caseId}/audit`)).json()) as { entries: { actorId: string; action: string }[] };
    expect(trail.entries.filter((e) => e.actorId === coordinator.userId && e.action !== 'open').map((e) => e.action)).toEqual(['reopen', 'close']); // newest first

    // Not in the middle of a conference; and a closed case takes no new guests.
    const conference = await conferenceIn(server, caseId);
    expect((await setClosed(coordinator, true)).status).toBe(409);
    await conference.close();
    const planned = await conferenceIn(server, caseId, { live: false });
    expect((await setClosed(coordinator, true)).status).toBe(200);
    const invitation = await coordinator.request('POST', `/api/cases/${caseId}/invitations`, { conferenceId: planned.conferenceId, name: '山田', agency: '民生委員', access: 'read' });
    expect(invitation.status).toBe(409);
    planned.leave();
    [conference, planned].forEach((c) => c.leave());
    [after, reader].forEach((c) => c.destroy());
  });

  it('an administrator changes an account’s name, agency (人事異動) or role: its open connections come back as who it is now, with the access that follows', async () => {
    const caseId = await createCase(server);
    const admin = await adminOf(server);
    const user = await newUser(server, { name: '佐藤', agency: '北地域包括支援センター' });
    const moveTo = await newUser(server, { agency: '南地域包括支援センター' }); // (registers that agency)
    await admin.request('PUT', `/api/cases/${caseId}/members`, { agencyId: user.agencyId, access: 'edit' });
    const change = (body: object, who = user) => admin.request('PATCH', `/api/users/${who.userId}`, body);

    let client = await connectClient(server, caseId, user);
    let closed = nextClose(client);
    expect(await (await change({ name: '鈴木' })).json()).toMatchObject({ name: '鈴木', agency: '北地域包括支援センター' });
    expect(await closed).toEqual({ code: 4010, reason: 'account changed' });
    client.destroy();
    expect(await (await user.request('GET', '/api/session')).json()).toMatchObject({ user: { name: '鈴木' } });

    // Moved to an agency that is not a member of the case: the case is gone for them.
    client = await connectClient(server, caseId, user);
    closed = nextClose(client);
    expect((await change({ agencyId: moveTo.agencyId })).status).toBe(200);
    expect((await closed).code).toBe(4403);
    client.destroy();
    expect((await user.request('GET', `/api/cases/${caseId}`)).status).toBe(403);

    // Made a coordinator: they read every case.
    expect((await change({ role: 'coordinator' })).status).toBe(200);
    expect(await (await user.request('GET', `/api/cases/${caseId}`)).json()).toMatchObject({ access: 'read' });

    expect((await change({ agencyId: 'no-such-agency' })).status).toBe(409);
    expect((await admin.request('PATCH', `/api/users/${admin.userId}`, { role: 'coordinator' })).status).toBe(409);
    expect((await user.request('PATCH', `/api/users/${user.userId}`, { role: 'admin' })).status).toBe(403);
  });

  it('an administrator renames an agency (組織改編): its staff’s open connections come back under the new name', async () => {
    const caseId = await createCase(server);
    const admin = await adminOf(server);
    const user = await newUser(server, { name: '佐藤', agency: '旧 北部包括' });
    const other = await newUser(server, { name: '鈴木', agency: '南部包括' });
    for (const who of [user, other]) await grantAccess(server, caseId, who, 'edit');
    const [mine, theirs] = [await connectClient(server, caseId, user), await connectClient(server, caseId, other)];
    const closed = nextClose(mine);
    const rename = (agencyId: string, name: string) => admin.request('PATCH', `/api/agencies/${agencyId}`, { name });

    expect(await (await rename(user.agencyId, '北部地域包括支援センター')).json()).toMatchObject({ id: user.agencyId, name: '北部地域包括支援センター' });
    expect(await closed).toEqual({ code: 4010, reason: 'account changed' });
    expect(await (await user.request('GET', '/api/session')).json()).toMatchObject({ user: { agency: '北部地域包括支援センター' } });
    await serverHandledAllSent(theirs); // the other agency's connection was not touched
    expect(theirs.provider.wsconnected).toBe(true);

    expect((await rename(user.agencyId, '南部包括')).status).toBe(409);
    expect((await rename('no-such-agency', '新しい名前')).status).toBe(404);
    expect((await user.request('PATCH', `/api/agencies/${user.agencyId}`, { name: '勝手な名前' })).status).toBe(403);
    [mine, theirs].forEach((c) => c.destroy());
  });

  it('disabling an account closes its sockets; signing out closes that session’s sockets', async () => {
    const caseId = await createCase(server);
    const [leaving, signingOut] = [await newUser(server), await newUser(server)];
    for (const user of [leaving, signingOut]) await grantAccess(server, caseId, user, 'edit');
    const [a, b] = [await connectClient(server, caseId, leaving), await connectClient(server, caseId, signingOut)];
    const [closedA, closedB] = [nextClose(a), nextClose(b)];
    await (await adminOf(server)).request('PATCH', `/api/users/${leaving.userId}`, { disabled: true });
    await signingOut.request('DELETE', '/api/session');
    // Why: a disabled account's browser deletes what it kept (its holder cannot sign in again to send it).
    expect(await closedA).toEqual({ code: 4401, reason: 'account disabled' });
    expect((await closedB).code).toBe(4401);
    [a, b].forEach((c) => c.destroy());
  });

  it('a disabled account is given no case, as a disabled agency is not: 409, no member, nothing in the trail', async () => {
    const admin = await adminOf(server);
    const caseId = await createCase(server);
    const leaving = await newUser(server, { name: '退職者' });
    await admin.request('PATCH', `/api/users/${leaving.userId}`, { disabled: true });

    const granted = await admin.request('PUT', `/api/cases/${caseId}/members`, { userId: leaving.userId, access: 'edit' });
    expect(granted.status).toBe(409);
    expect(await granted.json()).toMatchObject({ message: '退職者さんのアカウントは無効になっているため、ケースの権限を付与できません' });
    const { members } = (await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as { members: { userId: string | null }[] };
    expect(members.map((m) => m.userId)).not.toContain(leaving.userId);
    const { entries } = (await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as { entries: { subject?: { id: string } }[] };
    expect(entries.filter((e) => e.subject?.id === leaving.userId)).toEqual([]);
  });

  it('disabling an agency that no longer takes part signs its staff out and keeps them out, and it is given nothing, until it is enabled again', async () => {
    const admin = await adminOf(server);
    const closing = `閉所する居宅介護支援事業所 ${Date.now()}`;
    const sato = await newUser(server, { name: '佐藤', agency: closing });
    const suzuki = await newUser(server, { name: '鈴木', agency: '地域包括支援センター' });
    const caseId = await createCase(server);
    await grantAccess(server, caseId, sato, 'edit');
    const client = await connectClient(server, caseId, sato);
    const closed = nextClose(client);
    const setDisabled = (agencyId: string, disabled: boolean) => admin.request('PATCH', `/api/agencies/${agencyId}`, { disabled });

    expect(await (await setDisabled(sato.agencyId, true)).json()).toMatchObject({ id: sato.agencyId, disabled: true });
    expect(await closed).toEqual({ code: 4401, reason: 'account disabled' });
    expect((await sato.request('GET', '/api/session')).status).toBe(401);
    expect((await post(server, '/api/session', { login: sato.login, password: TEST_PASSWORD })).status).toBe(401);
    expect((await suzuki.request('GET', `/api/session`)).status).toBe(200);
    // Nothing new for it: no account, no one moved into it, no case.
    const newcomer = { login: `newcomer-${Date.now()}`, name: '新人', agencyId: sato.agencyId, password: TEMPORARY_PASSWORD };
    expect((await admin.request('POST', '/api/users', newcomer)).status).toBe(409);
    expect((await admin.request('PATCH', `/api/users/${suzuki.userId}`, { agencyId: sato.agencyId })).status).toBe(409);
    expect((await admin.request('PUT', `/api/cases/${caseId}/members`, { agencyId: sato.agencyId, access: 'read' })).status).toBe(409);
    // Nor its staff one by one: their own account is enabled, but they cannot sign in.
    const alone = await admin.request('PUT', `/api/cases/${caseId}/members`, { userId: sato.userId, access: 'read' });
    expect(alone.status).toBe(409);
    expect(await alone.json()).toMatchObject({ message: `佐藤さんの所属する${closing}は無効になっているため、ケースの権限を付与できません` });
    const membersOf = async () => ((await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as { members: { userId: string | null; access: string; inactive: boolean }[] }).members;
    expect((await membersOf()).find((m) => m.userId === sato.userId)).toMatchObject({ access: 'edit', inactive: true }); // unchanged, shown as 無効 to coordinators
    // An administrator cannot shut themselves out this way.
    const { users } = (await (await admin.request('GET', '/api/users')).json()) as { users: { id: string; agencyId: string }[] };
    expect((await setDisabled(users.find((u) => u.id === admin.userId)!.agencyId, true)).status).toBe(409);

    expect((await setDisabled(sato.agencyId, false)).status).toBe(200);
    const back = await sessionFrom(server, await post(server, '/api/session', { login: sato.login, password: TEST_PASSWORD }));
    expect((await back.request('GET', `/api/cases/${caseId}`)).status).toBe(200); // its memberships stayed
    expect((await membersOf()).find((m) => m.userId === sato.userId)).toMatchObject({ inactive: false });
    const trail = (await (await admin.request('GET', `/api/account-audit?subjectId=${sato.agencyId}`)).json()) as { entries: { action: string }[] };
    expect(trail.entries.map((e) => e.action)).toEqual(['enable-agency', 'disable-agency', 'create-agency']);
    client.destroy();
  });
});

describe('invitation links for external participants', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  const accept = (token: string) => acceptInvitation(server, token);
  /** An invitation to a live conference of the case. */
  const invite = async (caseId: string, body: { access?: 'edit' | 'read' } = {}) => {
    const conference = await conferenceIn(server, caseId);
    conference.leave();
    return inviteGuest(server, caseId, conference.conferenceId, body);
  };

  it('a guest invited to a planned conference is shut out while the case is closed (終結), and let in again once it is reopened', async () => {
    const caseId = await createCase(server);
    const planned = await conferenceIn(server, caseId, { live: false });
    planned.leave();
    const guest = await sessionFrom(server, await accept((await inviteGuest(server, caseId, planned.conferenceId, { access: 'read' })).token));
    const client = await connectClient(server, caseId, guest);
    const coordinator = await adminOf(server);
    const setClosed = (closed: boolean) => coordinator.request('PATCH', `/api/cases/${caseId}`, { closed });

    const closing = nextClose(client);
    expect((await setClosed(true)).status).toBe(200);
    // Told that the case was closed, in words for a family member, not that an access right was withdrawn.
    expect(await closing).toEqual({ code: 4403, reason: AccessEndReason.caseClosed });
    client.destroy();
    const refused = await guest.request('GET', `/api/cases/${caseId}`);
    expect([refused.status, await refused.json()]).toEqual([403, { error: CASE_CLOSED_TO_GUEST, message: CASE_CLOSED_GUEST_TEXT }]);
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: guest.cookie })).toBe(403);

    expect((await setClosed(false)).status).toBe(200);
    expect((await guest.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
  });

  it('lets a guest into that one case only, and only its secret’s hash is stored', async () => {
    const [caseId, otherCase] = [await createCase(server, '招待先'), await createCase(server, '別件')];
    const invitation = await invite(caseId);
    expect(invitation.path).toBe(`/join#${invitation.token}`);
    const rows = await server.store.db.kysely.selectFrom('invitations').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(invitation.token);

    const accepted = await accept(invitation.token);
    expect(accepted.status).toBe(200);
    const guest = await sessionFrom(server, accepted);
    expect(guest).toMatchObject({ name: '山田', agency: '民生委員', role: 'guest', caseId });
    expect((await guest.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await guest.request('GET', `/api/cases/${otherCase}`)).status).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${otherCase}`, { cookie: guest.cookie })).toBe(403);
    const list = (await (await guest.request('GET', '/api/cases')).json()) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).toEqual([caseId]);
    // Guests cannot start cases or invite others.
    expect((await guest.request('POST', '/api/cases', { title: 'x' })).status).toBe(403);
    const client = await connectClient(server, caseId, guest);
    appendSummaryParagraphs(client.doc, ['民生委員より：近所の見守りあり']);
    const editor = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(editor.doc)).toBe('民生委員より：近所の見守りあり'));
    [client, editor].forEach((c) => c.destroy());
  });

  it('refuses an expired invitation, and ends the guest’s session when it expires', async () => {
    const caseId = await createCase(server);
    const invitation = await invite(caseId);
    const guest = await sessionFrom(server, await accept(invitation.token));
    const past = new Date(Date.now() - 1000).toISOString();
    await server.store.db.kysely.updateTable('invitations').set({ expires_at: past }).where('id', '=', invitation.id).execute();
    const refused = await accept(invitation.token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await guest.request('GET', `/api/cases/${caseId}`)).status).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: guest.cookie })).toBe(401);
    expect((await accept('x'.repeat(43))).status).toBe(403);
  });

  it('expires the day after its conference, and follows the conference when it is moved; one already expired stays so', async () => {
    const caseId = await createCase(server);
    const planned = await conferenceIn(server, caseId, { live: false }); // dated 2026-11-23
    const followed = await inviteGuest(server, caseId, planned.conferenceId);
    expect(followed.expiresAt).toBe(invitationExpiry('2026-11-23', followed.createdAt));
    const lapsed = await inviteGuest(server, caseId, planned.conferenceId, { name: '川口' });
    const past = new Date(Date.now() - 1000).toISOString();
    await server.store.db.kysely.updateTable('invitations').set({ expires_at: past }).where('id', '=', lapsed.id).execute();
    const expiries = async () => {
      const response = await (await adminOf(server)).request('GET', `/api/cases/${caseId}/invitations`);
      return new Map(((await response.json()) as { invitations: Invitation[] }).invitations.map((i) => [i.id, i.expiresAt]));
    };

    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    rescheduleConference(planned.facilitator.doc, planned.conferenceId, { date: later, kind: '個別ケース検討' });
    await eventually(async () => expect((await expiries()).get(followed.id)).toBe(invitationExpiry(later, followed.createdAt)));
    expect((await expiries()).get(lapsed.id)).toBe(past);
    expect((await acceptInvitation(server, lapsed.token)).status).toBe(403);
    expect((await acceptInvitation(server, followed.token)).status).toBe(200);
    planned.leave();
  });

  it('a guest whose invitation was revoked signs out like anyone: the session goes and the cookie is cleared', async () => {
    const caseId = await createCase(server);
    const invitation = await invite(caseId);
    const guest = await sessionFrom(server, await accept(invitation.token));
    expect((await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);

    const signedOut = await guest.request('DELETE', '/api/session');
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toMatch(/^care_session=;.*Expires=Thu, 01 Jan 1970/);
    // Gone, not kept till its time limit to say why: its holder has left.
    const after = await guest.request('GET', '/api/session');
    expect([after.status, ((await after.json()) as { error: string }).error]).toEqual([401, 'unauthorized']);
  });

  it('revoking an invitation closes the guest’s socket and the link stops working', async () => {
    const caseId = await createCase(server);
    const invitation = await invite(caseId, { access: 'read' });
    const guest = await sessionFrom(server, await accept(invitation.token));
    const client = await connectClient(server, caseId, guest);
    const closed = nextClose(client);
    expect((await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);
    expect(await closed).toEqual({ code: 4403, reason: 'invitation revoked' });
    client.destroy();
    expect((await accept(invitation.token)).status).toBe(403);
    // Its session stays ended, and says why: the page open elsewhere (or back online) learns its
    // access was withdrawn, not that it timed out, and deletes its copy as a revoked member's.
    for (const path of [`/api/cases/${caseId}`, '/api/session']) {
      const response = await guest.request('GET', path);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: INVITATION_REVOKED });
    }
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: guest.cookie })).toBe(403);
    // However long the page stays offline, until the session's own time limit (12 h) has passed.
    const revokedAnswer = async () => (await guest.request('GET', `/api/cases/${caseId}`)).status;
    await recordEndedSessions(server.app, Date.now() + 2 * 3_600_000); // unused for longer than the idle limit (30 min)
    expect(await revokedAnswer()).toBe(403);
    await recordEndedSessions(server.app, Date.now() + 13 * 3_600_000);
    expect(await revokedAnswer()).toBe(401);
  });
});
