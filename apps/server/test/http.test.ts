import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_PAGES } from '@care/schema';
import { adminOf, removeDir, type RunningServer, serverPerSuite, startServer } from './harness.ts';

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
      message: '入力内容が正しくありません',
      issues: [{ path: 'title', message: '入力してください' }],
    });
    const missing = await post(JSON.stringify({}));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('title');
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const response = await post('{"title": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.message).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await get('/api/cases/unknown');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'ケースが見つかりません' });
  });
});

describe('the web app', () => {
  it('is what a browser loading any of its pages directly gets (a bookmark, a reload); unknown paths stay 404, as the app’s page for a browser', async () => {
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
    } finally {
      await server.stop();
      removeDir(server.dataDir);
      removeDir(webDist);
    }
  });
});
