import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AccountAuditEntry, describeAccountEntry, PASSWORD_CHANGE_REQUIRED, type SignInLockList, TEMPORARY_PASSWORD_EXPIRED } from '@care/schema';
import { recordEndedSessions } from '../src/access/ended-sessions.ts';
import { passwordCost, verifyPassword } from '../src/accounts/password.ts';
import { adminOf, caseMember, conferenceIn, connectClient, createCase, eventually, guestSession, inviteGuest, newUser, nextClose, removeDir, type RunningServer, signIn, serverPerSuite, startServer } from './harness.ts';
import { changePassword, post, TEMPORARY_PASSWORD, TEST_PASSWORD } from './sessions.ts';

describe('accounts and sessions', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.httpUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('signs in with the right password only, into an http-only SameSite=Strict cookie', async () => {
    const user = await newUser(server, { name: '佐藤', agency: '社会福祉協議会' });
    const [row] = await server.store.db.kysely.selectFrom('users').selectAll().where('id', '=', user.userId).execute();
    const { N, r, p } = passwordCost();
    expect(row!.password_hash).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$`));
    expect(row!.password_hash).not.toContain(TEST_PASSWORD);

    const me = await user.request('GET', '/api/session');
    expect(await me.json()).toMatchObject({ user: { userId: user.userId, name: '佐藤', agency: '社会福祉協議会', role: 'staff' } });

    const ok = await login({ login: row!.login, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^care_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // Only the token's hash is stored.
    const token = /care_session=([\w-]+)/.exec(cookie)![1]!;
    const sessions = await server.store.db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);

    const wrong = await login({ login: row!.login, password: 'wrong password here' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await login({ login: 'nobody-at-all', password: TEST_PASSWORD })).status).toBe(401);
  });

  it('answers 401 to every API call without a session', async () => {
    for (const [method, path] of [
      ['GET', '/api/session'],
      ['GET', '/api/cases'],
      ['POST', '/api/cases'],
      ['GET', '/api/users'],
    ] as const) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? JSON.stringify({ title: 'x' }) : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it('ends the session on sign-out, and after it has been idle too long', async () => {
    const user = await newUser(server);
    expect((await user.request('DELETE', '/api/session')).status).toBe(204);
    expect((await user.request('GET', '/api/session')).status).toBe(401);

    const idle = await newUser(server);
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await server.store.db.kysely.updateTable('sessions').set({ last_seen_at: longAgo }).where('user_id', '=', idle.userId).execute();
    expect((await idle.request('GET', '/api/session')).status).toBe(401);
  });

  it('signing out succeeds however the session ended, and clears the cookie; one that ran out is still recorded as such', async () => {
    const signOut = async (user: { request: (method: string, path: string) => Promise<Response> }) => {
      const response = await user.request('DELETE', '/api/session');
      return [response.status, response.headers.get('set-cookie')?.startsWith('care_session=;')];
    };
    const disabled = await newUser(server);
    expect((await (await adminOf(server)).request('PATCH', `/api/users/${disabled.userId}`, { disabled: true })).status).toBe(200);
    expect(await signOut(disabled)).toEqual([204, true]);
    expect((await disabled.request('GET', '/api/session')).status).toBe(401); // no longer kept to say why
    expect(await (await disabled.request('GET', '/api/session')).json()).toMatchObject({ error: 'unauthorized' });

    const idle = await newUser(server);
    const longAgo = new Date(Date.now() - 32 * 60_000).toISOString();
    await server.store.db.kysely.updateTable('sessions').set({ last_seen_at: longAgo }).where('user_id', '=', idle.userId).execute();
    expect(await signOut(idle)).toEqual([204, true]);
    await recordEndedSessions(server.app);
    const { entries } = await server.app.access.accountAudit.search({ subjectId: idle.userId, action: 'session-expired' });
    expect(entries).toHaveLength(1);

    expect(await signOut({ request: (method, path) => fetch(`${server.httpUrl}${path}`, { method }) })).toEqual([204, true]); // no cookie at all
  });

  it('signing in over a live session of this browser ends that session in the trail, by whoever signed in, and closes its connections', async () => {
    const caseId = await createCase(server, '同じブラウザ');
    const sato = await caseMember(server, caseId, { name: '佐藤' });
    const suzuki = await newUser(server, { name: '鈴木' });
    const client = await connectClient(server, caseId, sato);
    const closed = nextClose(client);
    // 鈴木 signs in on the browser 佐藤 left signed in: its cookie (and the page's CSRF token) go with the request.
    expect((await sato.request('POST', '/api/session', { login: suzuki.login, password: TEST_PASSWORD })).status).toBe(200);
    expect((await sato.request('GET', '/api/session')).status).toBe(401);
    const trailOf = async (subjectId: string) => (await server.app.access.accountAudit.search({ subjectId })).entries;
    const [ended] = await trailOf(sato.userId);
    expect([ended?.actorId, ended?.action, ended?.subjectName, ended?.address]).toEqual([suzuki.userId, 'signed-out-by-sign-in', `佐藤（${sato.login}）`, '127.0.0.1']);
    expect(await closed).toMatchObject({ code: 4401 });
    client.destroy();

    // A guest's, under its invitation; and its holder signing in again the same way.
    const conference = await conferenceIn(server, caseId, { live: false });
    conference.leave();
    const invited = await inviteGuest(server, caseId, conference.conferenceId, { name: '山田', agency: '民生委員' });
    const guest = await guestSession(server, invited.token);
    expect((await guest.request('POST', '/api/session', { login: suzuki.login, password: TEST_PASSWORD })).status).toBe(200);
    expect((await trailOf(invited.id)).map((e) => [e.actorName, e.action])).toEqual([
      ['鈴木', 'signed-out-by-sign-in'],
      ['山田', 'accept-invitation'],
    ]);
    const again = await signIn(server, suzuki.login);
    expect((await again.request('POST', '/api/session', { login: suzuki.login, password: TEST_PASSWORD })).status).toBe(200);
    expect((await trailOf(suzuki.userId)).slice(0, 3).map((e) => [e.actorName, e.action])).toEqual([
      ['鈴木', 'sign-in'],
      ['鈴木', 'signed-out-by-sign-in'],
      ['鈴木', 'sign-in'],
    ]);
    // Gone, not left for the sweep to record again as run out.
    expect(await server.store.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', sato.userId).execute()).toEqual([]);
  });

  it('refuses state-changing requests without the session’s CSRF token, or from another site', async () => {
    const admin = await adminOf(server);
    const post = (headers: Record<string, string>) =>
      fetch(`${server.httpUrl}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, ...headers },
        body: JSON.stringify({ title: 'CSRF' }),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'forged' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': admin.csrfToken, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': admin.csrfToken, origin: server.httpUrl })).status).toBe(201);
  });

  it('lets only administrators create agencies and accounts', async () => {
    const staff = await newUser(server);
    expect((await staff.request('POST', '/api/agencies', { name: '医療機関A', kind: '医療機関' })).status).toBe(403);
    expect((await staff.request('GET', '/api/users')).status).toBe(403);
    const admin = await adminOf(server);
    const agency = await admin.request('POST', '/api/agencies', { name: '医療機関A', kind: '医療機関' });
    expect(agency.status).toBe(201);
    expect((await admin.request('POST', '/api/agencies', { name: '医療機関A', kind: '医療機関' })).status).toBe(409);
    const weak = await admin.request('POST', '/api/users', {
      login: 'weak-user',
      name: '弱い',
      agencyId: ((await agency.json()) as { id: string }).id,
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ issues: [{ path: 'password' }] });
  });

  it('a disabled account can no longer sign in, and its sessions end', async () => {
    const user = await newUser(server);
    const admin = await adminOf(server);
    expect((await admin.request('PATCH', `/api/users/${user.userId}`, { disabled: true })).status).toBe(200);
    expect((await user.request('GET', '/api/session')).status).toBe(401);
    const [row] = await server.store.db.kysely.selectFrom('users').select('login').where('id', '=', user.userId).execute();
    await expect(signIn(server, row!.login)).rejects.toThrow(/401/);
  });

  it('an administrator cannot disable their own account (another administrator can)', async () => {
    const admin = await newUser(server, { role: 'admin' });
    const own = await admin.request('PATCH', `/api/users/${admin.userId}`, { disabled: true });
    expect(own.status).toBe(409);
    expect(await own.json()).toMatchObject({ error: 'conflict' });
    expect((await admin.request('GET', '/api/session')).status).toBe(200);
    const other = await adminOf(server);
    expect((await other.request('PATCH', `/api/users/${admin.userId}`, { disabled: true })).status).toBe(200);
    expect((await admin.request('GET', '/api/session')).status).toBe(401);
  });

  it('a password an administrator set signs no one in: its holder chooses their own with it, and is signed in', async () => {
    const admin = await adminOf(server);
    const { agencies } = (await (await admin.request('GET', '/api/agencies')).json()) as { agencies: { id: string }[] };
    const created = await admin.request('POST', '/api/users', {
      login: 'first-timer',
      name: '初回',
      agencyId: agencies[0]!.id,
      password: TEMPORARY_PASSWORD,
    });
    expect(await created.json()).toMatchObject({ login: 'first-timer', temporaryPasswordSince: expect.any(String) });

    const temporary = await login({ login: 'first-timer', password: TEMPORARY_PASSWORD });
    expect(temporary.status).toBe(403);
    expect(await temporary.json()).toMatchObject({ error: PASSWORD_CHANGE_REQUIRED });
    expect(temporary.headers.get('set-cookie')).toBeNull();
    // Only the right password learns that it is temporary.
    expect((await login({ login: 'first-timer', password: 'guessing-the-password' })).status).toBe(401);

    const change = (currentPassword: string, newPassword: string) =>
      post(server, '/api/session/password', { login: 'first-timer', currentPassword, newPassword });
    expect((await change('guessing-the-password', 'my own passphrase')).status).toBe(401);
    const same = await change(TEMPORARY_PASSWORD, TEMPORARY_PASSWORD);
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ issues: [{ path: 'newPassword', message: '現在のパスワードとは別のパスワードにしてください' }] });
    expect(await (await change(TEMPORARY_PASSWORD, 'short')).json()).toMatchObject({ issues: [{ path: 'newPassword' }] });

    const user = await changePassword(server, 'first-timer', TEMPORARY_PASSWORD, 'my own passphrase');
    expect(await (await user.request('GET', '/api/session')).json()).toMatchObject({ user: { login: 'first-timer', name: '初回' } });
    expect((await login({ login: 'first-timer', password: TEMPORARY_PASSWORD })).status).toBe(401);
    expect((await login({ login: 'first-timer', password: 'my own passphrase' })).status).toBe(200);
    const { users } = (await (await admin.request('GET', '/api/users')).json()) as { users: { login: string; temporaryPasswordSince: string | null }[] };
    expect(users.find((u) => u.login === 'first-timer')).toMatchObject({ temporaryPasswordSince: null });
  });

  it('changing one’s password signs out every other session of the account; an administrator’s reset makes it temporary again', async () => {
    const user = await newUser(server);
    const elsewhere = await signIn(server, user.login);
    const changed = await user.request('POST', '/api/session/password', {
      login: user.login,
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new passphrase of mine',
    });
    expect(changed.status).toBe(200);
    expect((await elsewhere.request('GET', '/api/session')).status).toBe(401);
    expect((await user.request('GET', '/api/session')).status).toBe(401); // this browser's old cookie too
    const cookie = changed.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await fetch(`${server.httpUrl}/api/session`, { headers: { cookie } })).status).toBe(200);

    const admin = await adminOf(server);
    const reset = await admin.request('PATCH', `/api/users/${user.userId}`, { password: 'reset by the administrator' });
    expect(await reset.json()).toMatchObject({ temporaryPasswordSince: expect.any(String) });
    expect((await fetch(`${server.httpUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
    expect(await (await login({ login: user.login, password: 'reset by the administrator' })).json()).toMatchObject({
      error: PASSWORD_CHANGE_REQUIRED,
    });
    await changePassword(server, user.login, 'reset by the administrator', TEST_PASSWORD);
  });

  it('a temporary password lets its holder in only for TEMPORARY_PASSWORD_DAYS; then an administrator sets a new one', async () => {
    const admin = await adminOf(server);
    const { users: [first], temporaryPasswordDays } = (await (await admin.request('GET', '/api/users')).json()) as {
      users: { agencyId: string }[];
      temporaryPasswordDays: number;
    };
    expect(temporaryPasswordDays).toBe(14);
    const created = (await (await admin.request('POST', '/api/users', { login: 'slow-starter', name: '遅い', agencyId: first!.agencyId, password: TEMPORARY_PASSWORD })).json()) as { id: string };
    const handedOut = (daysAgo: number) =>
      server.store.db.kysely
        .updateTable('users')
        .set({ temporary_password_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString() })
        .where('id', '=', created.id)
        .execute();
    const changeTo = (newPassword: string) => post(server, '/api/session/password', { login: 'slow-starter', currentPassword: TEMPORARY_PASSWORD, newPassword });

    await handedOut(13.9);
    expect(await (await login({ login: 'slow-starter', password: TEMPORARY_PASSWORD })).json()).toMatchObject({ error: PASSWORD_CHANGE_REQUIRED });
    await handedOut(14);
    for (const refused of [await login({ login: 'slow-starter', password: TEMPORARY_PASSWORD }), await changeTo('too late for this one')]) {
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: TEMPORARY_PASSWORD_EXPIRED });
    }
    expect((await login({ login: 'slow-starter', password: 'guessing-the-password' })).status).toBe(401); // only the right one learns it expired

    expect((await admin.request('PATCH', `/api/users/${created.id}`, { password: TEMPORARY_PASSWORD })).status).toBe(200);
    expect((await changeTo('now in good time')).status).toBe(200);
  });

  it('sends security headers (no caching of API answers) and no stack traces', async () => {
    const response = await fetch(`${server.httpUrl}/api/health`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // No copy of an API answer (case data, records, minutes) stays in a browser's or a proxy's cache; errors included.
    expect(response.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(`${server.httpUrl}/api/cases`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe('failed sign-ins', () => {
  /** A server with these limits, stopped and removed after `use`. */
  async function withServer(env: Record<string, string>, use: (server: RunningServer) => Promise<void>): Promise<void> {
    const server = await startServer({ env: { TRUST_PROXY: 'true', ...env } });
    try {
      await use(server);
    } finally {
      await server.stop();
      removeDir(server.dataDir);
    }
  }

  /** A request from a browser not signed in, at `address` (as a proxy in front of the server says). */
  const postFrom = (server: RunningServer, address: string, path: string, body: unknown) =>
    fetch(`${server.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  const signInFrom = (server: RunningServer, address: string, login: string, password: string) => postFrom(server, address, '/api/session', { login, password });

  it('are all that is counted: a whole office behind one proxy address signs in at nine', async () => {
    await withServer({ LOGIN_FAILURES_PER_ADDRESS: '3', LOGIN_FAILURES_PER_ACCOUNT: '3' }, async (server) => {
      const staff = await Promise.all(Array.from({ length: 12 }, (_, i) => newUser(server, { name: `職員${i}` })));
      const signIns = await Promise.all(staff.map((user) => signInFrom(server, '10.0.0.1', user.login, TEST_PASSWORD)));
      expect(signIns.map((response) => response.status)).toEqual(staff.map(() => 200));
    });
  });

  it('on one login, from any address its holder does not use, refuse it — even with the right password — until the window ends; other logins sign in', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURE_WINDOW_MINUTES: String(1.5 / 60) }, async (server) => {
      const [sato, suzuki] = [await newUser(server, { name: '佐藤' }), await newUser(server, { name: '鈴木' })];
      for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect((await signInFrom(server, address, sato.login, 'a guess')).status).toBe(401);

      const refused = await signInFrom(server, '192.0.2.4', sato.login, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({ error: 'too_many_requests', retryAfterSeconds: retryAfter });
      // Changing the password asks for the current one: the same tries.
      const change = { login: sato.login, currentPassword: TEST_PASSWORD, newPassword: 'a new password of my own' };
      expect((await postFrom(server, '192.0.2.4', '/api/session/password', change)).status).toBe(429);
      expect((await signInFrom(server, '192.0.2.1', suzuki.login, TEST_PASSWORD)).status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await signInFrom(server, '192.0.2.1', sato.login, TEST_PASSWORD)).status).toBe(200);
    });
  });

  it('show in the account’s trail while they refuse it: once per address and window, however many tries (none for a login that names no one)', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURES_PER_ADDRESS: '6' }, async (server) => {
      const sato = await newUser(server, { name: '佐藤' });
      for (let i = 0; i < 3; i++) expect((await signInFrom(server, '192.0.2.1', sato.login, 'a guess')).status).toBe(401);
      // The guessing goes on from elsewhere, and the holder tries from home: all refused unchecked.
      for (let i = 0; i < 5; i++) expect((await signInFrom(server, '203.0.113.9', sato.login, `guess ${i}`)).status).toBe(429);
      expect((await signInFrom(server, '198.51.100.20', sato.login, TEST_PASSWORD)).status).toBe(429);
      expect((await signInFrom(server, '198.51.100.20', sato.login, TEST_PASSWORD)).status).toBe(429);
      // An address spent on logins of no one: nothing to name.
      for (let i = 0; i < 6; i++) await signInFrom(server, '192.0.2.77', `nobody-${i}`, 'a guess');
      expect((await signInFrom(server, '192.0.2.77', 'nobody-else', 'a guess')).status).toBe(429);

      const admin = await adminOf(server);
      const trail = async () => {
        const found = (await (await admin.request('GET', `/api/account-audit?subjectId=${sato.userId}&action=sign-in-failed`)).json()) as { entries: AccountAuditEntry[] };
        return found.entries.map((e) => [e.address, describeAccountEntry(e)]).reverse();
      };
      await eventually(async () =>
        expect(await trail()).toEqual([
          ['192.0.2.1', 'パスワード違い'],
          ['192.0.2.1', 'パスワード違い'],
          ['192.0.2.1', 'パスワード違い'],
          ['203.0.113.9', '失敗が続いたため受付停止中'],
          ['198.51.100.20', '失敗が続いたため受付停止中'],
        ]),
      );
      const all = (await (await admin.request('GET', '/api/account-audit?action=sign-in-failed')).json()) as { entries: AccountAuditEntry[] };
      expect(all.entries.filter((e) => e.address === '192.0.2.77')).toEqual([]);
    });
  });

  it('on one login count however it is typed (in either case or width, as sign-in finds it)', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3' }, async (server) => {
      const sato = await newUser(server, { name: '佐藤' });
      const fullWidth = sato.login.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      for (const login of [sato.login.toUpperCase(), sato.login, fullWidth]) {
        expect((await signInFrom(server, '192.0.2.10', login, 'a guess')).status).toBe(401);
      }
      expect((await signInFrom(server, '192.0.2.11', sato.login, TEST_PASSWORD)).status).toBe(429);
    });
  });

  it('on one login cannot lock its holder out of where they sign in: from there it still opens', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3' }, async (server) => {
      const sato = await newUser(server, { name: '佐藤' });
      expect((await signInFrom(server, '10.20.0.1', sato.login, TEST_PASSWORD)).status).toBe(200); // the office's proxy
      for (let i = 0; i < 3; i++) expect((await signInFrom(server, '203.0.113.66', sato.login, 'a guess')).status).toBe(401);

      expect((await signInFrom(server, '203.0.113.67', sato.login, TEST_PASSWORD)).status).toBe(429);
      expect((await signInFrom(server, '10.20.0.1', sato.login, TEST_PASSWORD)).status).toBe(200);
    });
  });

  it('on one login are forgiven by an administrator’s reset of its password: its holder signs in at once with the new one', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3' }, async (server) => {
      const sato = await newUser(server, { name: '佐藤' });
      for (let i = 0; i < 3; i++) expect((await signInFrom(server, '192.0.2.30', sato.login, 'a guess')).status).toBe(401);
      expect((await signInFrom(server, '192.0.2.31', sato.login, TEST_PASSWORD)).status).toBe(429);

      const admin = await adminOf(server);
      expect((await admin.request('PATCH', `/api/users/${sato.userId}`, { password: 'reset by the administrator' })).status).toBe(200);
      // Temporary, so it asks for a new one (403), not to wait (429).
      expect((await signInFrom(server, '192.0.2.31', sato.login, 'reset by the administrator')).status).toBe(403);
    });
  });

  it('on one login show administrators, and no one else, that it is locked and until when; a reset unlocks it', async () => {
    await withServer({ LOGIN_FAILURES_PER_ACCOUNT: '3' }, async (server) => {
      const [sato, suzuki] = [await newUser(server, { name: '佐藤' }), await newUser(server, { name: '鈴木' })];
      const coordinator = await newUser(server, { name: '高橋', role: 'coordinator' });
      const admin = await adminOf(server);
      const locks = async () => ((await (await admin.request('GET', '/api/sign-in-locks')).json()) as SignInLockList).locks;
      expect(await locks()).toEqual([]);
      for (let i = 0; i < 3; i++) expect((await signInFrom(server, '192.0.2.40', sato.login, 'a guess')).status).toBe(401);
      expect((await signInFrom(server, '192.0.2.40', suzuki.login, 'a guess')).status).toBe(401); // one try: not locked

      const [lock] = await locks();
      expect(lock).toEqual({ userId: sato.userId, until: expect.any(String) });
      const windowEnds = Date.now() + 15 * 60_000; // LOGIN_FAILURE_WINDOW_MINUTES's default
      expect(Date.parse(lock!.until)).toBeGreaterThan(windowEnds - 60_000);
      expect(Date.parse(lock!.until)).toBeLessThanOrEqual(windowEnds);
      // Coordinators list accounts (to grant membership), but not whose login is being guessed at.
      expect((await coordinator.request('GET', '/api/sign-in-locks')).status).toBe(403);
      expect(await (await coordinator.request('GET', '/api/users')).text()).not.toMatch(/lock|until/i);

      expect((await admin.request('PATCH', `/api/users/${sato.userId}`, { password: 'reset by the administrator' })).status).toBe(200);
      expect(await locks()).toEqual([]);
    });
  });

  it('from one address, on any login or invitation link, refuse that address; others sign in', async () => {
    await withServer({ LOGIN_FAILURES_PER_ADDRESS: '3' }, async (server) => {
      const sato = await newUser(server, { name: '佐藤' });
      expect((await signInFrom(server, '198.51.100.7', 'someone', 'a guess')).status).toBe(401);
      expect((await signInFrom(server, '198.51.100.7', 'someone-else', 'a guess')).status).toBe(401);
      expect((await postFrom(server, '198.51.100.7', '/api/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(403);

      expect((await signInFrom(server, '198.51.100.7', sato.login, TEST_PASSWORD)).status).toBe(429);
      expect((await postFrom(server, '198.51.100.7', '/api/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(429);
      expect((await signInFrom(server, '198.51.100.8', sato.login, TEST_PASSWORD)).status).toBe(200);
    });
  });
});

describe('password hashing', () => {
  it("hashes with OWASP's minimum scrypt cost unless a test suite asks for a cheap one, and verifies whatever cost a hash names", async () => {
    expect(passwordCost({})).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    expect(passwordCost({ CARE_TEST_WEAK_PASSWORD_HASHING: '1' }).N).toBeLessThan(2 ** 15);
    // A hash made at the production cost (as every stored one is) verifies under either setting.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('ケアマネの合言葉'.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const stored = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('ケアマネの合言葉', stored)).toBe(true);
    expect(await verifyPassword('ケアマネの合言葉?', stored)).toBe(false);
  });
});
