import { appendSummaryParagraphs, closeConference, readConferences, summaryPlainText } from '@care/case-doc';
import { ConferenceRecord, ConferenceRecordList } from '@care/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres } from '../src/storage/database.ts';
import { SERVER_STAND_IN } from '../src/records/closed-conference-recorder.ts';
import { SqlCaseStore } from '../src/storage/sql-store.ts';
import { adminOf, caseMember, conferenceIn, connectClient, createCase, eventually, nextClose, type TestClient, type TestSession } from './harness.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { guestSession, inviteGuest, post } from './sessions.ts';
import { createTestSchema, probePostgres, probeRedis, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

const missing = warnSkipped('the two-process scale-out tests (PostgreSQL + Redis)', await probePostgres(), await probeRedis());

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `行${from + i}`);

// Each test starts server processes (tsx compiles on start): on a loaded 2-core machine that alone can take a minute.
describe.skipIf(missing)('several server processes sharing PostgreSQL and Redis', { timeout: 120_000 }, () => {
  let env: Record<string, string>;
  let dropSchema: () => Promise<void>;
  /** The shared database, where the harness creates each process's first administrator. */
  let db: Db;
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];

  /**
   * Two processes the tests share (each makes its own case and people), started on first use:
   * starting processes is most of these tests' time. A test that kills one starts its own.
   */
  let pair: Promise<ServerProcess[]> | undefined;
  const pairStarted: ServerProcess[] = [];

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    // Three failed sign-ins per login: the limit the sign-in test counts to (no other test fails one).
    env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix(), LOGIN_FAILURES_PER_ACCOUNT: '3' };
    db = openPostgres(schema.url);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });
  afterAll(async () => {
    await Promise.all(pairStarted.map((p) => p.stop()));
    await db?.kysely.destroy();
    await dropSchema?.();
  });

  /**
   * Starts `count` processes, noting in `started` each that runs: when one fails to start, the
   * others are still stopped after the test.
   */
  async function launch(count: number, started: ServerProcess[]): Promise<ServerProcess[]> {
    const launched = await Promise.allSettled(Array.from({ length: count }, () => startServerProcess(env)));
    const running = launched.flatMap((result) => (result.status === 'fulfilled' ? [Object.assign(result.value, { db })] : []));
    started.push(...running);
    const failed = launched.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return running;
  }
  /** Processes of this test alone, stopped after it. */
  const start = (count: number) => launch(count, processes);
  const shared = () => (pair ??= launch(2, pairStarted));
  async function client(server: ServerProcess, caseId: string, who?: TestSession) {
    const connected = await connectClient(server, caseId, who);
    clients.push(connected);
    return connected;
  }

  it('clients on different processes co-edit one case and converge', async () => {
    const [a, b] = await shared();
    const caseId = await createCase(a!, '二プロセス');
    const onA = await client(a!, caseId);
    const onB = await client(b!, caseId);
    for (let i = 0; i < 20; i++) {
      appendSummaryParagraphs(onA.doc, [`A${i}`]);
      appendSummaryParagraphs(onB.doc, [`B${i}`]);
    }
    await eventually(() => {
      const text = summaryPlainText(onA.doc);
      expect(text.split('\n')).toHaveLength(40);
      expect(summaryPlainText(onB.doc)).toBe(text);
    }, 30_000);
    // Each side's own lines stay in the order it typed them.
    const merged = summaryPlainText(onB.doc).split('\n');
    expect(merged.filter((line) => line.startsWith('A'))).toEqual(Array.from({ length: 20 }, (_, i) => `A${i}`));
    expect(merged.filter((line) => line.startsWith('B'))).toEqual(Array.from({ length: 20 }, (_, i) => `B${i}`));
  });

  it('shows presence across processes, to those already there and to those who join later', async () => {
    const [a, b] = await shared();
    const caseId = await createCase(a!);
    const watcherOnB = await client(b!, caseId);
    const tanaka = await client(a!, caseId, await caseMember(a!, caseId, { name: '田中', agency: '社会福祉協議会' }));
    tanaka.provider.awareness.setLocalStateField('cursor', null); // any presence: the server stamps who it is
    const namesSeenBy = (c: TestClient) =>
      [...c.provider.awareness.getStates().values()].map((state) => state.user?.name).filter(Boolean);
    await eventually(() => expect(namesSeenBy(watcherOnB)).toContain('田中'));

    // A process that opens the case later asks the others who is there.
    const [c] = await start(1);
    const lateOnC = await client(c!, caseId);
    await eventually(() => expect(namesSeenBy(lateOnC)).toContain('田中'));

    // Leaving is seen everywhere too.
    tanaka.destroy();
    await eventually(() => {
      expect(namesSeenBy(watcherOnB)).not.toContain('田中');
      expect(namesSeenBy(lateOnC)).not.toContain('田中');
    });
  });

  it('after kill -9 of a process mid-edit, its client carries on through another and nothing it saw relayed is lost', async () => {
    const [a, b] = await start(2);
    const caseId = await createCase(a!, '障害テスト');
    const writer = await client(a!, caseId);
    const watcherOnB = await client(b!, caseId);

    // Typing on A; the watcher on B sees it relayed, so it is committed.
    for (const line of lines(0, 30)) appendSummaryParagraphs(writer.doc, [line]);
    await eventually(() => expect(summaryPlainText(watcherOnB.doc).split('\n')).toHaveLength(30), 30_000);
    // More typing, and A dies while those edits are on their way.
    for (const line of lines(30, 40)) appendSummaryParagraphs(writer.doc, [line]);
    a!.child.kill('SIGKILL');
    // The load balancer now sends the writer to B; it keeps typing meanwhile.
    writer.provider.serverUrl = b!.wsUrl;
    for (const line of lines(40, 50)) appendSummaryParagraphs(writer.doc, [line]);

    const everything = lines(0, 50).join('\n');
    await eventually(() => {
      expect(summaryPlainText(watcherOnB.doc)).toBe(everything);
      expect(summaryPlainText(writer.doc)).toBe(everything);
    }, 30_000);

    // Stored, not just in memory: a restarted process loads it all from the database.
    const [restarted] = await start(1);
    const reader = await client(restarted!, caseId);
    expect(summaryPlainText(reader.doc)).toBe(everything);
    const store = await SqlCaseStore.open(openPostgres(env.DATABASE_URL!));
    expect((await store.loadUpdates(caseId)).length).toBeGreaterThan(0);
    await store.close();
  });

  it('a conference closed through a process that dies before storing its record is recorded by another that saw the close, as it was at the close', async () => {
    const [a, b] = await start(2);
    const caseId = await createCase(a!, '記録の代理');
    const conference = await conferenceIn(a!, caseId); // live
    appendSummaryParagraphs(conference.facilitator.doc, ['会議中に書いた']);
    const onB = await client(b!, caseId);
    await eventually(() => expect(summaryPlainText(onB.doc)).toBe('会議中に書いた'), 30_000);
    // A closes it, and is killed once B has the close: long before A's record (twice the closing grace) is stored.
    closeConference(conference.facilitator.doc, conference.conferenceId, Date.now());
    await eventually(() => expect(readConferences(onB.doc).value[0]?.status).toBe('closed'), 30_000);
    a!.child.kill('SIGKILL');
    appendSummaryParagraphs(onB.doc, ['閉会後の追記']); // written after the close: not the record's

    const admin = await adminOf(b!);
    const list = async () => ConferenceRecordList.parse(await (await admin.request('GET', `/api/cases/${caseId}/records`)).json());
    await eventually(async () => expect((await list()).records).toHaveLength(1), 60_000);
    const [record] = (await list()).records;
    expect(record).toMatchObject({ conferenceId: conference.conferenceId, kind: 'closed-conference', takenBy: SERVER_STAND_IN });
    const { content } = ConferenceRecord.parse(await (await admin.request('GET', `/api/cases/${caseId}/records/${record!.id}`)).json());
    expect(content.summary).not.toContain('閉会後の追記');
    expect(content.summary).toContain('会議中に書いた');
  });

  it('revoking access, disabling or changing an account or signing out on one process closes the sockets it let in on another', async () => {
    const [a, b] = await shared();
    const caseId = await createCase(a!, '取り消し');
    const member = (name: string) => caseMember(a!, caseId, { name });
    const [revoked, disabled, signingOut, renamed, staying] = await Promise.all([member('取消'), member('無効化'), member('ログアウト'), member('改名'), member('継続')]);
    const onB = await Promise.all([revoked, disabled, signingOut, renamed, staying].map((who) => client(b!, caseId, who)));
    const closes = onB.slice(0, 4).map(nextClose);
    const admin = await adminOf(a!);

    // Each change is made through process A; each socket is on process B. The revocation comes
    // last: B re-checks every socket of the case then, and one whose session had just ended would
    // be closed for that with the generic 'session ended' if the re-check read the database
    // before the notice of the session's end (with its reason) reached B.
    expect((await admin.request('PATCH', `/api/users/${disabled.userId}`, { disabled: true })).status).toBe(200);
    expect(await closes[1]).toEqual({ code: 4401, reason: 'account disabled' });
    expect((await signingOut.request('DELETE', '/api/session')).status).toBe(204);
    expect(await closes[2]).toEqual({ code: 4401, reason: 'signed out' });
    // Renamed: asked again, to come back as who they are now.
    expect((await admin.request('PATCH', `/api/users/${renamed.userId}`, { name: '改名後' })).status).toBe(200);
    expect(await closes[3]).toEqual({ code: 4010, reason: 'account changed' });
    const { members } = (await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as { members: { id: string; userId: string | null }[] };
    const membership = members.find((m) => m.userId === revoked.userId)!;
    expect((await admin.request('DELETE', `/api/cases/${caseId}/members/${membership.id}`)).status).toBe(204);
    expect(await closes[0]).toEqual({ code: 4403, reason: 'access to this case was revoked' });

    // The member whose access stands is still connected and editing through B.
    appendSummaryParagraphs(onB[4]!.doc, ['継続中']);
    const watcher = await client(a!, caseId, staying);
    await eventually(() => expect(summaryPlainText(watcher.doc)).toBe('継続中'), 30_000);
    expect(onB[4]!.provider.wsconnected).toBe(true);
  });

  it('revoking an invitation on one process closes the guest’s socket on another', async () => {
    const [a, b] = await shared();
    const caseId = await createCase(a!, '招待取り消し');
    const conference = await conferenceIn(a!, caseId);
    conference.leave();
    const invitation = await inviteGuest(a!, caseId, conference.conferenceId);
    const guest = await guestSession(b!, invitation.token);
    const onB = await client(b!, caseId, guest);
    const closed = nextClose(onB);
    expect((await (await adminOf(a!)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`)).status).toBe(204);
    expect(await closed).toEqual({ code: 4403, reason: 'invitation revoked' });
  });

  it('counts failed sign-ins across processes: guesses spread over them get no more tries than one process allows', async () => {
    const [a, b] = (await shared()) as [ServerProcess, ServerProcess];
    const guess = (server: ServerProcess) => post(server, '/api/session', { login: 'someone', password: 'a guess at the password' });
    expect((await guess(a)).status).toBe(401);
    expect((await guess(b)).status).toBe(401);
    expect((await guess(a)).status).toBe(401);
    expect((await guess(b)).status).toBe(429);
    expect((await guess(a)).status).toBe(429);
  });
});
