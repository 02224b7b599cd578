import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type LogLine, startServer } from './harness.ts';

// A WEB_DIST mistyped, or the web app never built, left a server answering its sign-in page with
// 404 and nothing in its log to say why.
it('a server with no built web app in WEB_DIST warns that it serves the API only', async () => {
  const logs: LogLine[] = [];
  const webDist = mkdtempSync(join(tmpdir(), 'care-no-web-'));
  const server = await startServer({ logTo: logs, env: { WEB_DIST: webDist } });
  try {
    expect(logs).toContainEqual(expect.objectContaining({ level: 40, webDist, msg: expect.stringContaining('serving the API only') }));
  } finally {
    await server.app.close();
  }
});
