import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, NO_MINUTES_WITHOUT_CONFERENCE, WEB_PAGES } from '@care/schema';
import { adminOf, createCase, newUser, removeDir, type RunningServer, serverPerSuite, startServer } from './harness.ts';
import { saveVersion } from './records-api.ts';
import { serverEngines } from './services.ts';
import { post as postSignedOut } from './sessions.ts';

describe('HTTP API', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  const post = async (body: string) => {
    const { cookie, csrfToken } = await adminOf(server);
    return fetch(`${server.httpUrl}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body,
    });
  };
  const get = async (path: string) => (await adminOf(server)).request('GET', path);

  it('creates, lists and reads a case', async () => {
    const created = await post(JSON.stringify({ title: 'B地区 70代男性' }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const list = (await (await get('/api/cases')).json()) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).toContain(id);
    const one = await get(`/api/cases/${id}`);
    expect(await one.json()).toMatchObject({ id, title: 'B地区 70代男性' });
  });

  it('rejects a bad body with 400 and says which field is wrong', async () => {
    const response = await post(JSON.stringify({ title: '' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'bad_request',
      message: '入力内容が正しくありません（title: 入力してください）',
      issues: [{ path: 'title', message: '入力してください' }],
    });
    const missing = await post(JSON.stringify({}));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('title');
  });

  it('answers every bad request in the ApiError shape, in Japanese, with a stable code and the right status', async () => {
    const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as ApiError });
    const { cookie, csrfToken } = await adminOf(server);
    const send = (path: string, init: RequestInit = {}) =>
      fetch(`${server.httpUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, ...init.headers } });
    const japanese = /[ぁ-んァ-ヶ一-龠]/;

    // Refused before any route runs: by the body parser, the router, node's HTTP parser.
    const refusals = [
      [await post('{"title": '), 400, 'invalid_json'],
      [await post('{"__proto__": {"admin": true}, "title": "a"}'), 400, 'invalid_json'],
      [await post(JSON.stringify({ title: 'あ'.repeat(30_000) })), 413, 'body_too_large'],
      [await send('/api/cases', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<case/>' }), 415, 'unsupported_media_type'],
      [await send('/api/cases', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"title":"a"}' }), 415, 'unsupported_media_type'],
      [await send(`/api/cases/${'a'.repeat(5_000)}`), 414, 'uri_too_long'],
      [await send(`/api/audit?actorId=${'a'.repeat(100_000)}`), 431, 'headers_too_large'],
    ] as const;
    for (const [response, status, error] of refusals) {
      const { body, ...rest } = await answer(response);
      expect({ ...rest, error: body.error }).toEqual({ status, error });
      expect(ApiError.strict().parse(body).message).toMatch(japanese);
      expect(JSON.stringify(body)).not.toMatch(/FST_|at .*\.ts:\d+|Client Error/);
    }

    // A body or a query the schemas refuse: zod's own words in Japanese, naming the field.
    const wrongType = await answer(await post(JSON.stringify({ title: 1 })));
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.issues).toEqual([{ path: 'title', message: expect.stringMatching(japanese) }]);
    expect(wrongType.body.message).toMatch(/^入力内容が正しくありません（title: .*）$/);
    const notAnObject = await answer(await post('"タイトル"'));
    expect(notAnObject.body.message).toMatch(japanese);
    expect(notAnObject.body.message).not.toMatch(/Invalid input|expected/);
    const badQuery = await answer(await send('/api/audit?from=x'));
    expect(badQuery).toMatchObject({ status: 400, body: { error: 'bad_request', issues: [{ path: 'from' }] } });
    expect(badQuery.body.message).toMatch(/^入力内容が正しくありません（from: /);
    expect(badQuery.body.message).not.toMatch(/Invalid ISO/);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await get('/api/cases/unknown');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'ケースが見つかりません' });
  });
});

describe('the web app', () => {
  it('is what a browser loading any of its pages directly gets (a bookmark, a reload); unknown paths stay 404, as the app’s page for a browser, and so do minutes that cannot be given', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'care-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>ケア会議</title>');
    const server = await startServer({ env: { WEB_DIST: webDist } });
    try {
      for (const page of Object.values(WEB_PAGES)) {
        const response = await fetch(`${server.httpUrl}${page.replaceAll(/:\w+/g, 'abc123')}`);
        expect(response.status, page).toBe(200);
        expect(await response.text(), page).toContain('<title>ケア会議</title>');
      }
      expect((await fetch(`${server.httpUrl}/no-such-page`)).status).toBe(404);
      expect((await fetch(`${server.httpUrl}/cases/abc123/elsewhere`)).status).toBe(404);
      // A browser gets the app, which says the page does not exist; an API call keeps its JSON answer.
      const html = { headers: { accept: 'text/html,application/xhtml+xml' } };
      const missingPage = await fetch(`${server.httpUrl}/cases/abc123/elsewhere`, html);
      expect(missingPage.status).toBe(404);
      expect(await missingPage.text()).toContain('<title>ケア会議</title>');
      const missingRoute = await fetch(`${server.httpUrl}/api/no-such-thing`, html);
      expect(missingRoute.status).toBe(404);
      expect(await missingRoute.json()).toMatchObject({ error: 'not_found' });

      // Minutes the browser opens itself (a bookmark) that do not exist: the app's page says why
      // (asking the same address as JSON, which keeps its answer).
      const caseId = await createCase(server, '会議前の版');
      const version = await saveVersion(server, caseId, '会議の前');
      const admin = await adminOf(server);
      const minutes = (accept: string) =>
        fetch(`${server.httpUrl}/api/cases/${caseId}/records/${version.id}/minutes?format=html`, { headers: { accept, cookie: admin.cookie } });
      const opened = await minutes('text/html,application/xhtml+xml');
      expect(opened.status).toBe(404);
      expect(await opened.text()).toContain('<title>ケア会議</title>');
      const asked = await minutes('application/json');
      expect(asked.status).toBe(404);
      expect(await asked.json()).toEqual({ error: 'not_found', message: NO_MINUTES_WITHOUT_CONFERENCE });
    } finally {
      await server.stop();
      removeDir(server.dataDir);
      removeDir(webDist);
    }
  });
});

describe('one-line text (names, titles, search words)', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  it('is stored without control characters and marks that change the direction it is shown in: one name cannot show as another', async () => {
    const admin = await adminOf(server);
    const json = async <T>(response: Response) => ({ status: response.status, body: (await response.json()) as T });

    // 「a\u202Ecb」 shows as 「abc」: one case, agency or person read as another in the trails, an export and the minutes.
    const created = await json<{ id: string; title: string }>(await admin.request('POST', '/api/cases', { title: 'a\u202Ecb' }));
    expect(created).toMatchObject({ status: 201, body: { title: 'acb' } });
    expect(await json(await admin.request('POST', '/api/agencies', { name: '北病院\u2067', kind: '医療機関' }))).toMatchObject({ status: 201, body: { name: '北病院' } });
    const { agencyId, userId } = await newUser(server, { name: '佐藤' });
    const mimic = await json<{ name: string }>(await admin.request('POST', '/api/users', { login: 'mimic', name: '市長\u200F', agencyId, password: 'correct horse battery staple' }));
    expect(mimic).toMatchObject({ status: 201, body: { name: '市長' } });
    expect((await admin.request('PATCH', `/api/users/${userId}`, { name: '佐藤\u0008' })).status).toBe(200);
    expect((await admin.request('GET', `/api/records?keyword=${encodeURIComponent('転倒\u009B')}`)).status).toBe(200);

    const { cases } = (await (await admin.request('GET', '/api/cases')).json()) as { cases: { title: string }[] };
    expect(cases.map((c) => c.title)).toEqual(['acb']);
    const { users } = (await (await admin.request('GET', '/api/users')).json()) as { users: { id: string; login: string; name: string }[] };
    expect(users.filter((u) => u.login === 'mimic' || u.id === userId).map((u) => u.name).sort()).toEqual(['佐藤', '市長']);
  });
});

describe.each(await serverEngines('refusing text that is not UTF-8 or holds NUL'))('on $name, text a request carries', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), {}, engine);

  it('is UTF-8 without NUL, or the request is refused with 400 saying so and nothing is stored (PostgreSQL answered 500; SQLite kept the NUL, and read other bytes as U+FFFD)', async () => {
    const admin = await adminOf(server);
    const createCaseFrom = (body: Uint8Array | string) =>
      fetch(`${server.httpUrl}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body });
    const titles = async () => ((await (await admin.request('GET', '/api/cases')).json()) as { cases: { title: string }[] }).cases.map((c) => c.title);
    const refused = async (response: Response) => ({ status: response.status, body: (await response.json()) as ApiError });

    expect(await refused(await createCaseFrom(JSON.stringify({ title: 'A地区\u0000 80代' })))).toEqual({
      status: 400,
      body: { error: 'invalid_text', message: '送られた内容に使えない文字（NUL, U+0000）が含まれています' },
    });
    expect(await refused(await createCaseFrom(Buffer.concat([Buffer.from('{"title":"A地区'), Buffer.from([0xff, 0xfe]), Buffer.from(' 80代"}')])))).toEqual({
      status: 400,
      body: { error: 'invalid_text', message: '送られた内容の文字コードが正しくありません（UTF-8で送ってください）' },
    });
    // Before signing in too, and in the address.
    expect((await refused(await postSignedOut(server, '/api/session', { login: 'sato\u0000', password: 'correct horse battery staple' }))).body.error).toBe('invalid_text');
    expect(await refused(await admin.request('GET', '/api/audit?actorId=%00'))).toEqual({
      status: 400,
      body: { error: 'invalid_text', message: 'アドレスに使えない文字（NUL, U+0000）が含まれています' },
    });
    expect(await titles()).toEqual([]);

    // A backslash written before "u0000" is text like any other.
    expect((await createCaseFrom(JSON.stringify({ title: 'C:\\u0000' }))).status).toBe(201);
    expect(await titles()).toEqual(['C:\\u0000']);
  });
});
