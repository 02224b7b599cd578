import type { AccountAuditEntry, AgencyAccount, SessionInfo } from '@care/schema';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.ts';
import { RecordStore } from '../src/records/record-store.ts';
import { migrateToLatest } from '../src/storage/migrations.ts';
import { adminOf, createCase, newUser, type RunningServer, serverPerSuite } from './harness.ts';
import { serverEngines } from './services.ts';
import { beforeAgencyKinds } from './storage/before-migrations.ts';

const engines = await serverEngines('the agency kind tests');

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

describe.each(engines)('on $name, a registered agency has a kind (種別), which its staff carry', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), undefined, engine);

  it('an administrator registers an agency with its kind and corrects it; its staff sign in as of that kind; the trail says so', async () => {
    const admin = await adminOf(server);
    expect((await admin.request('POST', '/api/agencies', { name: '北病院' })).status).toBe(400); // no kind: none is assumed
    const hospital = await json<AgencyAccount>(await admin.request('POST', '/api/agencies', { name: '北病院', kind: 'その他' }), 201);
    expect(hospital).toMatchObject({ name: '北病院', kind: 'その他' });
    const doctor = await newUser(server, { name: '高橋医師', agency: '北病院' });
    expect(doctor.agencyKind).toBe('その他');

    expect(await json<AgencyAccount>(await admin.request('PATCH', `/api/agencies/${hospital.id}`, { kind: '医療機関' }))).toMatchObject({ kind: '医療機関' });
    const { agencies } = await json<{ agencies: AgencyAccount[] }>(await admin.request('GET', '/api/agencies'));
    expect(agencies.find((agency) => agency.id === hospital.id)).toMatchObject({ name: '北病院', kind: '医療機関' });
    expect((await json<SessionInfo>(await doctor.request('GET', '/api/session'))).user).toMatchObject({ agency: '北病院', agencyKind: '医療機関' });
    expect((await admin.request('PATCH', `/api/agencies/${hospital.id}`, { kind: '病院' })).status).toBe(400);

    const trail = await json<{ entries: AccountAuditEntry[] }>(await admin.request('GET', `/api/account-audit?subjectId=${hospital.id}`));
    expect(trail.entries.map((entry) => [entry.action, entry.changes])).toEqual([
      ['change-agency-kind', [{ field: 'kind', from: 'その他', to: '医療機関' }]],
      ['create-agency', [{ field: 'kind', from: '', to: 'その他' }]],
    ]);
  });

  it("the timeline's agency filter finds by kind the records that name a registered agency of that kind", async () => {
    const admin = await adminOf(server);
    await json(await admin.request('POST', '/api/agencies', { name: '南クリニック', kind: '医療機関' }), 201);
    const caseId = await createCase(server, '南地区 事例');
    const records = new RecordStore(server.store.db);
    const takenBy = { userId: 'u-sato', name: '佐藤', agency: '南地域包括支援センター' };
    const add = (label: string, agencies: string[]) => records.add({ caseId, conferenceId: label, kind: 'closed-conference', label, takenBy, agencies, state: new Uint8Array([1]) });
    await add('南クリニックと', ['南地域包括支援センター', '南クリニック']);
    await add('民生委員と', ['民生委員']);
    const labels = async (agency: string) => (await records.timeline({ agency })).filter((entry) => entry.caseId === caseId).map((entry) => entry.label);
    expect(await labels('医療機関')).toEqual(['南クリニックと']);
    expect(await labels('南クリニック')).toEqual(['南クリニックと']);
    expect(await labels('民生委員')).toEqual(['民生委員と']);
    expect(await labels('社会福祉協議会')).toEqual([]);
  });

  it('agencies registered before they had a kind are given the one their name suggests, else その他', async () => {
    const { kysely } = server.store.db;
    const named = ['東地域包括支援センター', '東区社協', '東病院', 'ケアプランセンター東', '東市 介護保険課', 'NPO法人みまもり'];
    const accounts = new AccountStore(server.store.db);
    const ids = await Promise.all(named.map(async (name) => (await accounts.createAgency(name, 'その他')).id));
    await beforeAgencyKinds(kysely); // as a database made before agencies had kinds holds them
    await migrateToLatest(server.store.db);
    const kinds = await kysely.selectFrom('agencies').select(['name', 'kind']).where('id', 'in', ids).execute();
    kinds.sort((a, b) => named.indexOf(a.name) - named.indexOf(b.name));
    expect(kinds.map((row) => `${row.name}: ${row.kind}`)).toEqual([
      '東地域包括支援センター: 地域包括支援センター',
      '東区社協: 社会福祉協議会',
      '東病院: 医療機関',
      'ケアプランセンター東: 居宅介護支援事業所',
      '東市 介護保険課: 行政',
      'NPO法人みまもり: その他',
    ]);
  });
});
