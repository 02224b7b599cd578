import { joinConference, readConferences } from '@care/case-doc';
import {
  type AccountAuditSearch,
  type AccountList,
  type AgencyList,
  type AuditSearch,
  type CaseList,
  type ConferenceRecordList,
  lookAlikeKey,
  type SessionInfo,
  type Timeline,
} from '@care/schema';
import { describe, expect, it } from 'vitest';
import { AccountAudit } from '../src/audit/account-audit.ts';
import { AuditLog } from '../src/audit/audit-log.ts';
import { RecordStore } from '../src/records/record-store.ts';
import { migrateToLatest } from '../src/storage/migrations.ts';
import { adminOf, caseMember, conferenceIn, connectClient, createCase, eventually, newUser, type RunningServer, serverPerSuite, signIn } from './harness.ts';
import { asParticipant } from './sessions.ts';
import { serverEngines } from './services.ts';
import { beforeOneLineNames } from './storage/before-migrations.ts';

const engines = await serverEngines('the tests of names stored with hidden characters');

async function json<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** What no one-line text shows: 「a\u202Ecb」 reads as 「abc」. */
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

// One-line text has been read without hidden characters since 0b872d0; what was stored before still holds them.
describe.each(engines)('on $name, names stored with hidden characters before one-line text was read without them', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), undefined, engine);

  it('are stored as they show once the database is migrated; an agency whose name then reads as another’s is told apart', async () => {
    const { kysely } = server.store.db;
    const admin = await adminOf(server);
    const caseId = await createCase(server);
    const user = await newUser(server, { name: '佐藤', agency: '東病院' });
    const east = user.agencyId;
    const west = ((await (await admin.request('POST', '/api/agencies', { name: '西病院', kind: '医療機関' })).json()) as { id: string }).id;

    // As a database written before 0b872d0 holds them.
    await beforeOneLineNames(kysely);
    await kysely.updateTable('users').set({ name: 'a\u202Ecb' }).where('id', '=', user.userId).execute();
    await kysely.updateTable('agencies').set({ name: '東病院\u2067', name_key: lookAlikeKey('東病院\u2067') }).where('id', '=', west).execute();
    await kysely.updateTable('cases').set({ title: '北\u200E地区\t事例', area: '\u200F北地区' }).where('id', '=', caseId).execute();
    await migrateToLatest(server.store.db);

    const { users } = await json<AccountList>(await admin.request('GET', '/api/users'));
    expect(users.find((account) => account.id === user.userId)?.name).toBe('acb');
    expect((await json<SessionInfo>(await user.request('GET', '/api/session'))).user.name).toBe('acb');
    const { cases } = await json<CaseList>(await admin.request('GET', '/api/cases'));
    expect(cases.find((c) => c.id === caseId)).toMatchObject({ title: '北地区 事例', area: '北地区' });
    // The agency that held the mark yields: two agencies never read the same in 管理 or on a list.
    const { agencies } = await json<AgencyList>(await admin.request('GET', '/api/agencies'));
    expect(agencies.filter((agency) => [east, west].includes(agency.id)).map((agency) => `${agency.id === east ? 'east' : 'west'} ${agency.name}`).sort()).toEqual([
      'east 東病院',
      'west 東病院（2）',
    ]);
    expect((await admin.request('POST', '/api/agencies', { name: '東病院（２）', kind: '医療機関' })).status).toBe(409); // its look-alike key is its name's
    const trail = await json<AccountAuditSearch>(await admin.request('GET', `/api/account-audit?subjectId=${west}`));
    expect(trail.entries.map(({ actorName, action, changes }) => ({ actorName, action, changes }))[0]).toEqual({
      actorName: 'サーバー',
      action: 'rename-agency',
      changes: [{ field: 'name', from: '東病院', to: '東病院（2）' }],
    });
  });

  it('an account named so writes its own participant entry from a page that took its name before it was stored as it shows, and from one after', async () => {
    const { kysely } = server.store.db;
    const caseId = await createCase(server);
    const { conferenceId, facilitator } = await conferenceIn(server, caseId);
    const member = await caseMember(server, caseId, { name: '佐藤', agency: '南病院' });
    await beforeOneLineNames(kysely);
    await kysely.updateTable('users').set({ name: 'a\u202Ecb' }).where('id', '=', member.userId).execute();
    const before = await signIn(server, member.login);
    expect(before.name).toBe('a\u202Ecb');
    await migrateToLatest(server.store.db);
    const after = await signIn(server, member.login);
    expect(after.name).toBe('acb');

    const participants = () => readConferences(facilitator.doc).value[0]!.participants.filter((p) => p.userId === member.userId);
    for (const [page, profession] of [[before, '看護師'], [after, '保健師']] as const) {
      const joining = await connectClient(server, caseId, page);
      joinConference(joining.doc, conferenceId, asParticipant(page, { profession, confidentialityConfirmedAt: Date.now() }));
      await eventually(() => expect(participants()).toMatchObject([{ name: 'acb', profession }]));
      expect(joining.denials).toEqual([]);
      joining.destroy();
    }
  });

  it('stay as they were stored in the trails and records, which are read as they show: 管理’s trails, their CSV exports, a case’s records, the timeline’s agency filter', async () => {
    const { kysely } = server.store.db;
    const admin = await adminOf(server);
    const caseId = await createCase(server, '南地区 事例');
    const spoofed = { userId: 'u-mimic', name: 'a\u202Ecb', agency: '南病院\u2067' };
    await new AuditLog(server.store.db).record({
      actor: spoofed,
      caseId,
      action: 'grant',
      subject: { kind: 'account', id: 'u-x', name: '市長\u200F', agency: '市役所\u0007', access: 'edit' },
    });
    await new AccountAudit(server.store.db).record({
      actor: spoofed,
      action: 'change-account',
      subject: { id: 'u-mimic', name: 'a\u202Ecb（mimic）' },
      changes: [{ field: 'name', from: 'a\u202Ecb', to: '市長\u200F' }],
    });
    await new RecordStore(server.store.db).add({
      caseId,
      conferenceId: 'conference-1',
      kind: 'closed-conference',
      label: '2026/11/23\u202E 個別ケース検討',
      takenBy: spoofed,
      agencies: ['南病院\u2067'],
      state: new Uint8Array([0, 0]),
    });

    const trail = await json<AuditSearch>(await admin.request('GET', `/api/audit?actorId=${spoofed.userId}`));
    expect(trail.entries.map(({ actorName, actorAgency, subject }) => ({ actorName, actorAgency, subject }))).toEqual([
      { actorName: 'acb', actorAgency: '南病院', subject: { kind: 'account', id: 'u-x', name: '市長', agency: '市役所', access: 'edit' } },
    ]);
    const accountTrail = await json<AccountAuditSearch>(await admin.request('GET', `/api/account-audit?actorId=${spoofed.userId}`));
    expect(accountTrail.entries.map(({ actorName, subjectName, changes }) => ({ actorName, subjectName, changes }))).toEqual([
      { actorName: 'acb', subjectName: 'acb（mimic）', changes: [{ field: 'name', from: 'acb', to: '市長' }] },
    ]);
    for (const file of ['/api/audit/export', '/api/account-audit/export']) {
      const csv = await (await admin.request('GET', `${file}?actorId=${spoofed.userId}`)).text();
      expect(csv).toContain('acb');
      expect(csv.replace(/\r\n/g, '')).not.toMatch(HIDDEN);
    }
    const { records } = await json<ConferenceRecordList>(await admin.request('GET', `/api/cases/${caseId}/records`));
    expect(records.map(({ label, takenBy }) => ({ label, takenBy }))).toEqual([{ label: '2026/11/23 個別ケース検討', takenBy: { userId: 'u-mimic', name: 'acb', agency: '南病院' } }]);
    const timeline = await json<Timeline>(await admin.request('GET', `/api/records?agency=${encodeURIComponent('南病院')}`));
    expect(timeline.entries.filter((entry) => entry.caseId === caseId).map((entry) => entry.label)).toEqual(['2026/11/23 個別ケース検討']);

    // The trails are append-only: what was recorded stays as it was.
    expect((await kysely.selectFrom('audit_log').select('actor_name').where('actor_id', '=', spoofed.userId).executeTakeFirstOrThrow()).actor_name).toBe('a\u202Ecb');
    expect((await kysely.selectFrom('account_audit').select('subject_name').where('actor_id', '=', spoofed.userId).executeTakeFirstOrThrow()).subject_name).toBe('a\u202Ecb（mimic）');
  });
});
