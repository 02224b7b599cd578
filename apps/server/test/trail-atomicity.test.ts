import { describe, expect, it } from 'vitest';
import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import type { AuditList, ConferenceRecordList, ConferenceRecordMeta } from '@care/schema';
import { adminOf, connectClient, createCase, editorOf, newUser, refuseNewRows, type RunningServer, serverHandledAllSent, serverPerSuite } from './harness.ts';
import { post, TEST_PASSWORD } from './sessions.ts';
import { serverEngines } from './services.ts';

const engines = await serverEngines('the trail atomicity tests');

/**
 * The fault: a trail the database will not add to (a full disk, a lost connection, a bug). What
 * the trail would have recorded must then not happen either: an unrecorded change of who may
 * read 要配慮個人情報 is worse than a refused one.
 */
describe.each(engines)('on $name, a change of access and the trail row recording it are kept together', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), {}, engine);

  it('makes no account change it cannot record, and makes it once it can', async () => {
    const admin = await adminOf(server);
    const sato = await newUser(server, { name: '佐藤' });
    const change = { role: 'coordinator', password: 'a temporary one from the admin', disabled: true };

    const trail = await refuseNewRows(server, 'account_audit');
    expect((await admin.request('PATCH', `/api/users/${sato.userId}`, change)).status).toBe(500);
    expect((await admin.request('POST', '/api/agencies', { name: '記録されない機関', kind: 'その他' })).status).toBe(500);
    await trail.allow();

    const { users } = (await (await admin.request('GET', '/api/users')).json()) as { users: { id: string; role: string; disabled: boolean; temporaryPasswordSince: string | null }[] };
    expect(users.find((u) => u.id === sato.userId)).toMatchObject({ role: 'staff', disabled: false, temporaryPasswordSince: null });
    const { agencies } = (await (await admin.request('GET', '/api/agencies')).json()) as { agencies: { name: string }[] };
    expect(agencies.map((a) => a.name)).not.toContain('記録されない機関');
    // Nor were Sato's sessions ended, nor their password replaced.
    expect((await sato.request('GET', '/api/session')).status).toBe(200);
    expect((await post(server, '/api/session', { login: sato.login, password: TEST_PASSWORD })).status).toBe(200);

    expect((await admin.request('PATCH', `/api/users/${sato.userId}`, change)).status).toBe(200);
    const recorded = (await (await admin.request('GET', `/api/account-audit?subjectId=${sato.userId}`)).json()) as { entries: { action: string }[] };
    expect(recorded.entries.slice(0, 3).map((e) => e.action).sort()).toEqual(['change-account', 'disable-account', 'reset-password']);
    expect((await sato.request('GET', '/api/session')).status).toBe(401);
  });

  it('starts no session whose sign-in it cannot record', async () => {
    const sato = await newUser(server, { name: '佐藤' });
    const trail = await refuseNewRows(server, 'account_audit');
    const refused = await post(server, '/api/session', { login: sato.login, password: TEST_PASSWORD });
    await trail.allow();
    expect(refused.status).toBe(500);
    expect(refused.headers.getSetCookie()).toEqual([]);
    const sessions = await server.store.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', sato.userId).execute();
    expect(sessions).toHaveLength(1); // the one newUser signed in with, nothing more
  });

  it("changes no case's members or closure it cannot record", async () => {
    const admin = await adminOf(server);
    const caseId = await createCase(server);
    const suzuki = await newUser(server, { name: '鈴木' });
    const members = async () => ((await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as { members: { id: string; userId: string | null }[] }).members;
    expect((await admin.request('PUT', `/api/cases/${caseId}/members`, { userId: suzuki.userId, access: 'read' })).status).toBe(200);
    const granted = (await members()).find((m) => m.userId === suzuki.userId)!;

    const trail = await refuseNewRows(server, 'audit_log');
    expect((await admin.request('DELETE', `/api/cases/${caseId}/members/${granted.id}`)).status).toBe(500);
    expect((await admin.request('PUT', `/api/cases/${caseId}/members`, { userId: suzuki.userId, access: 'edit' })).status).toBe(500);
    expect((await admin.request('PATCH', `/api/cases/${caseId}`, { closed: true })).status).toBe(500);
    await trail.allow();

    expect(await members()).toContainEqual(expect.objectContaining({ id: granted.id, userId: suzuki.userId, access: 'read' }));
    expect((await suzuki.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect(await server.store.getCase(caseId)).toMatchObject({ closedAt: null });
  });

  it('keeps no version of a case, nor sets it back to one, that it cannot record', async () => {
    const caseId = await createCase(server);
    const editor = await editorOf(server, caseId);
    const client = await connectClient(server, caseId, editor);
    const written = async (text: string) => {
      appendSummaryParagraphs(client.doc, [text]);
      await serverHandledAllSent(client);
    };
    const labels = async () => ((await (await editor.request('GET', `/api/cases/${caseId}/records`)).json()) as ConferenceRecordList).records.map((r) => r.label);
    await written('最初の見立て');
    const first = (await (await editor.request('POST', `/api/cases/${caseId}/records`, { label: '第1版' })).json()) as ConferenceRecordMeta;
    await written('次の見立て');

    const trail = await refuseNewRows(server, 'audit_log');
    expect((await editor.request('POST', `/api/cases/${caseId}/records`, { label: '第2版' })).status).toBe(500);
    expect((await editor.request('POST', `/api/cases/${caseId}/records/${first.id}/restore`)).status).toBe(500);
    await trail.allow();
    expect(await labels()).toEqual(['第1版']);
    const watcher = await connectClient(server, caseId, editor);
    expect(summaryPlainText(watcher.doc)).toBe('最初の見立て\n次の見立て');

    expect((await editor.request('POST', `/api/cases/${caseId}/records/${first.id}/restore`)).status).toBe(200);
    expect(await labels()).toEqual(['第1版', '復元前の版（「第1版」を復元）']);
    const { entries } = (await (await (await adminOf(server)).request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList;
    expect(entries.filter((e) => ['save-version', 'restore'].includes(e.action)).map((e) => [e.actorName, e.action])).toEqual([
      [editor.name, 'restore'],
      [editor.name, 'save-version'],
      [editor.name, 'save-version'],
    ]);
    [client, watcher].forEach((c) => c.destroy());
  });
});
