import { ACCOUNT_DISABLED, type ApiError, type InvitationList } from '@care/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEndedSessions } from '../src/access/ended-sessions.ts';
import { conferenceIn, connectClient, createCase, newUser, nextClose, type RunningServer, removeDir, startServer, upgradeStatus } from './harness.ts';
import { adminOf, guestSession, inviteGuest } from './sessions.ts';
import { createTestSchema, probePostgres, probeRedis, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

const postgresMissing = warnSkipped('the ended-session tests on PostgreSQL (two processes, relaying through Redis)', await probePostgres(), await probeRedis());
const IDLE_MINUTES = 30; // the default
const MINUTE = 60_000;

const engines = [
  { name: 'SQLite', processes: 1, env: async () => ({ env: {}, drop: async () => {} }) },
  ...(postgresMissing
    ? []
    : [
        {
          name: 'PostgreSQL',
          processes: 2,
          env: async () => {
            const schema = await createTestSchema();
            return { env: { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix() }, drop: schema.drop };
          },
        },
      ]),
];

describe.each(engines)('on $name, a session that runs out is recorded in the account trail', ({ processes, env }) => {
  let servers: RunningServer[] = [];
  let drop!: () => Promise<void>;
  beforeAll(async () => {
    const chosen = await env();
    drop = chosen.drop;
    servers = [await startServer({ env: chosen.env })];
    for (let i = 1; i < processes; i++) servers.push(await startServer({ env: chosen.env }));
  });
  afterAll(async () => {
    for (const server of servers) {
      await server.stop();
      removeDir(server.dataDir);
    }
    await drop();
  });

  const sweepAll = async (now: number) => {
    const taken = await Promise.all(servers.map((s) => recordEndedSessions(s.app, now)));
    return taken.reduce((sum, n) => sum + n, 0);
  };

  it('the case’s list of invitation links says when each link was first used, as the account trail records it', async () => {
    const [server] = servers;
    const caseId = await createCase(server!);
    const planned = await conferenceIn(server!, caseId, { live: false });
    planned.leave();
    const used = await inviteGuest(server!, caseId, planned.conferenceId);
    const unused = await inviteGuest(server!, caseId, planned.conferenceId, { name: '川口' });
    const before = new Date().toISOString();
    await guestSession(server!, used.token);
    await guestSession(server!, used.token); // opened again: still first used then
    const listed = (await (await (await adminOf(server!)).request('GET', `/api/cases/${caseId}/invitations`)).json()) as InvitationList;
    const firstUsed = new Map(listed.invitations.map((i) => [i.id, i.firstUsedAt]));
    expect(firstUsed.get(unused.id)).toBeNull();
    expect(firstUsed.get(used.id)! >= before).toBe(true);
    const [first] = (await server!.app.access.accountAudit.search({ action: 'accept-invitation', subjectId: used.id })).entries.slice(-1);
    expect(firstUsed.get(used.id)).toBe(first!.at);
  });

  it('once (by one process of several), dated when it ended, and only once it has ended', async () => {
    const [server] = servers;
    const signedIn = Date.now();
    const sato = await newUser(server!, { name: '佐藤' });
    const ito = await newUser(server!, { name: '伊藤' });
    const expired = async () => {
      // (Read from the store: by then every session has run out, a coordinator's too.)
      const trail = await server!.app.access.accountAudit.search({ action: 'session-expired' });
      return trail.entries.filter((e) => e.subjectId === sato.userId || e.subjectId === ito.userId);
    };
    // Unused for less than the idle limit (and the minute's grace after it): still a session.
    await sweepAll(signedIn + (IDLE_MINUTES + 0.5) * MINUTE);
    expect(await expired()).toEqual([]);
    expect((await sato.request('GET', '/api/session')).status).toBe(200);

    // Once it has run out, the request it refuses does not remove it unrecorded.
    const later = Date.now() + (IDLE_MINUTES + 2) * MINUTE;
    expect(await sweepAll(later)).toBeGreaterThanOrEqual(2); // (and the administrator's who made them)
    const entries = await expired();
    expect(entries.map((e) => [e.actorName, e.subjectName, e.address]).sort()).toEqual(
      [
        ['伊藤', `伊藤（${ito.login}）`, null],
        ['佐藤', `佐藤（${sato.login}）`, null],
      ].sort(),
    );
    const idleEnd = new Date(entries.find((e) => e.actorName === '佐藤')!.at).getTime() - IDLE_MINUTES * MINUTE;
    expect(idleEnd).toBeGreaterThanOrEqual(signedIn - 1000); // its last use, plus the idle limit
    expect(idleEnd).toBeLessThanOrEqual(Date.now());
    expect(await sweepAll(later)).toBe(0);
    expect(await expired()).toHaveLength(2);
    expect((await sato.request('GET', '/api/session')).status).toBe(401);
  });

  it('one ended by disabling its account says so till its time limit, even once the account is enabled again; then it goes, without a session-expired row', async () => {
    const server = { ...servers[0]! }; // a new administrator for it: the sweep above ended the first's session
    const admin = await adminOf(server);
    const { id: caseId } = (await (await admin.request('POST', '/api/cases', { title: '無効化' })).json()) as { id: string };
    const kato = await newUser(server, { name: '加藤' });
    const answer = async () => {
      const response = await kato.request('GET', '/api/session');
      const body = (await response.json()) as { error: string; userId?: string };
      return [response.status, body.error, body.userId];
    };
    expect((await admin.request('PATCH', `/api/users/${kato.userId}`, { disabled: true })).status).toBe(200);
    // Its browser (offline then, or a tab opened later) learns why, and whose, and deletes what it kept.
    expect(await answer()).toEqual([401, ACCOUNT_DISABLED, kato.userId]);
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: kato.cookie })).toBe(401);
    expect((await admin.request('PATCH', `/api/users/${kato.userId}`, { disabled: false })).status).toBe(200);
    expect(await answer()).toEqual([401, ACCOUNT_DISABLED, kato.userId]); // not brought back to life
    await sweepAll(Date.now() + 2 * 60 * MINUTE); // unused for longer than the idle limit
    expect(await answer()).toEqual([401, ACCOUNT_DISABLED, kato.userId]);
    await sweepAll(Date.now() + 13 * 60 * MINUTE); // past its time limit (12 h)
    expect(await answer()).toEqual([401, 'unauthorized', undefined]);
    // The disabling is in the trail; its sessions did not run out.
    const trail = await server.app.access.accountAudit.search({ subjectId: kato.userId });
    expect(trail.entries.map((e) => e.action)).toEqual(['enable-account', 'disable-account', 'change-password', 'create-account']);
  });

  it('a guest’s too, under its invitation: by the name and agency it was invited as, naming its case and conference; not one ended by revoking it', async () => {
    const server = { ...servers[0]! }; // a new administrator: the sweeps above ended the others' sessions
    const caseId = await createCase(server, '北地区 見守り');
    const planned = await conferenceIn(server, caseId, { live: false });
    planned.leave();
    const invited = await inviteGuest(server, caseId, planned.conferenceId, { name: '山田', agency: '民生委員' });
    const revoked = await inviteGuest(server, caseId, planned.conferenceId, { name: '川口', agency: '○○クリニック' });
    const signedIn = Date.now();
    for (const { token } of [invited, revoked]) await guestSession(server, token);
    expect((await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${revoked.id}`)).status).toBe(204);
    const trailOf = async (subjectId: string) => (await server.app.access.accountAudit.search({ subjectId })).entries;

    await sweepAll(Date.now() + 13 * 60 * MINUTE); // past their time limit (12 h)
    const subject = '山田（招待・民生委員）ケース「北地区 見守り」の2026-11-23 個別ケース検討';
    const entries = await trailOf(invited.id);
    expect(entries.map((e) => [e.actorId, e.actorName, e.actorAgency, e.action, e.subjectName, e.address === null])).toEqual([
      [`guest_${invited.id}`, '山田', '民生委員', 'session-expired', subject, true],
      [`guest_${invited.id}`, '山田', '民生委員', 'accept-invitation', subject, false],
    ]);
    const idleEnd = new Date(entries[0]!.at).getTime() - IDLE_MINUTES * MINUTE; // dated when it ended: unused since it came in
    expect(idleEnd).toBeGreaterThanOrEqual(signedIn - 1000);
    expect(idleEnd).toBeLessThanOrEqual(Date.now());
    // The revoking ended the other's (in the case trail, as revoke).
    expect((await trailOf(revoked.id)).map((e) => e.action)).toEqual(['accept-invitation']);
    expect(await sweepAll(Date.now() + 13 * 60 * MINUTE)).toBe(0);
    expect(await trailOf(invited.id)).toHaveLength(2);
  });

  it.each(['close', 'cancel'] as const)('a guest’s ends when its conference ends (%s), in the trail at once and once (by one process of several), dated then', async (ending) => {
    const server = { ...servers[0]! }; // a new administrator: the sweeps above ended the others' sessions
    const caseId = await createCase(server, `南地区 見守り（${ending}）`);
    const conference = await conferenceIn(server, caseId, { live: ending === 'close' });
    const invited = await inviteGuest(server, caseId, conference.conferenceId, { name: '山田', agency: '民生委員' });
    const guest = await guestSession(server, invited.token);
    // Connected to every process, so that each has the case open and sees the conference end.
    const clients = await Promise.all(servers.map((s) => connectClient(s, caseId, guest)));
    const closed = Promise.all(clients.map(nextClose));
    const endedFrom = Date.now();
    await conference[ending]();
    // Each process closes the guest's connection once it has ended the sessions.
    expect(new Set((await closed).map((c) => c.code))).toEqual(new Set([4403]));
    const endedBy = Date.now();

    const entries = (await server.app.access.accountAudit.search({ subjectId: invited.id })).entries;
    const subject = `山田（招待・民生委員）ケース「南地区 見守り（${ending}）」の2026-11-23 個別ケース検討`;
    // Said as what ended it (ログアウト（会議の終了・中止）), not as a session that ran out (時間切れ).
    expect(entries.map((e) => [e.actorId, e.actorName, e.actorAgency, e.action, e.subjectName, e.address === null])).toEqual([
      [`guest_${invited.id}`, '山田', '民生委員', 'session-ended-with-conference', subject, true],
      [`guest_${invited.id}`, '山田', '民生委員', 'accept-invitation', subject, false],
    ]);
    const at = new Date(entries[0]!.at).getTime();
    expect(at).toBeGreaterThanOrEqual(endedFrom - 1000);
    expect(at).toBeLessThanOrEqual(endedBy);
    // Its browser, offline meanwhile, is told why when it asks (and deletes its copy of the case).
    const answer = await guest.request('GET', `/api/cases/${caseId}`);
    expect([answer.status, ((await answer.json()) as ApiError).error]).toEqual([403, ending === 'close' ? 'conference_closed' : 'conference_cancelled']);
    // Nothing is left for the sweep to record again.
    await sweepAll(Date.now() + 13 * 60 * MINUTE);
    expect((await server.app.access.accountAudit.search({ subjectId: invited.id })).entries).toHaveLength(2);
    for (const client of clients) client.destroy();
    conference.leave();
  });
});
