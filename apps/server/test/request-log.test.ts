import { afterEach, expect, it } from 'vitest';
import { adminOf, type LogLine, type RunningServer, startServer } from './harness.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.app.close();
  server = undefined;
});

// The words a coordinator searches the records by are often a person's name (要配慮個人情報);
// the log at its default level names each request, but not what was asked in its query.
it('the request log names the path and the query parameters asked, not their values', async () => {
  const logs: LogLine[] = [];
  server = await startServer({ logTo: logs });
  const admin = await adminOf(server);
  const keyword = '山田太郎';
  const response = await admin.request('GET', `/api/records?keyword=${encodeURIComponent(keyword)}&area=${encodeURIComponent('北地区')}`);
  expect(response.status).toBe(200);

  const logged = logs.map((line) => (line as { req?: { url: string } }).req?.url).filter((url) => url?.startsWith('/api/records'));
  expect(logged).toEqual(['/api/records?keyword=…&area=…']);
  const everything = JSON.stringify(logs);
  expect(everything).not.toContain(keyword);
  expect(everything).not.toContain(encodeURIComponent(keyword));
  expect(everything).not.toContain(encodeURIComponent('北地区'));
});
