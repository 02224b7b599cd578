import { appendSummaryParagraphs } from '@care/case-doc';
import { describe, expect, it } from 'vitest';
import { caseMember, connectClient, createCase, nextClose, type RunningServer, serverPerSuite, type TestClient } from './harness.ts';

const IDLE_MINUTES = 0.08; // 4.8 s instead of the default 30 minutes
const IDLE_MS = IDLE_MINUTES * 60_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every close of this client's socket, as it happens. */
function closesOf(client: TestClient): { code: number; reason: string }[] {
  const closes: { code: number; reason: string }[] = [];
  client.provider.on('connection-close', (event) => closes.push({ code: event!.code, reason: event!.reason }));
  return closes;
}

describe('a live connection does not outlive its session', () => {
  describe('idle', () => {
    let server!: RunningServer;
    serverPerSuite((started) => (server = started), { env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });

    it('a connection left untouched is closed when its session runs out; editing or moving the caret keeps it alive', async () => {
      const caseId = await createCase(server);
      const member = (name: string) => caseMember(server, caseId, { name });
      const [leftOpen, typist, pointer] = await Promise.all([member('放置'), member('入力'), member('移動')]);
      const idle = await connectClient(server, caseId, leftOpen);
      const typing = await connectClient(server, caseId, typist);
      const pointing = await connectClient(server, caseId, pointer);
      const idleClosed = nextClose(idle);
      const [typingCloses, pointingCloses] = [closesOf(typing), closesOf(pointing)];
      let step = 0;
      const busy = setInterval(() => {
        step++;
        appendSummaryParagraphs(typing.doc, [`入力${step}`]);
        pointing.provider.awareness.setLocalStateField('cursor', { anchor: step });
      }, 200);
      try {
        expect(await idleClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
        expect((await leftOpen.request('GET', '/api/session')).status).toBe(401);
        // Well past the idle limit since they signed in, the busy ones are still connected and signed in.
        await pause(IDLE_MS);
        expect(typingCloses).toEqual([]);
        expect(pointingCloses).toEqual([]);
      } finally {
        clearInterval(busy);
      }
      // Once they stop, their sessions run out too.
      const [typingClosed, pointingClosed] = [nextClose(typing), nextClose(pointing)];
      expect(await typingClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
      expect(await pointingClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
      expect((await typist.request('GET', '/api/session')).status).toBe(401);
      [idle, typing, pointing].forEach((client) => client.destroy());
    }, 60_000);
  });

  describe('time limit', () => {
    let server!: RunningServer;
    serverPerSuite((started) => (server = started));

    it('a connection is closed when its session reaches its time limit, however busy its user is', async () => {
      const caseId = await createCase(server);
      const member = await caseMember(server, caseId, { name: '長時間' });
      // The session was started long ago: its time limit (SESSION_MAX_HOURS after sign-in) comes in a second.
      const soon = new Date(Date.now() + 1000).toISOString();
      await server.store.db.kysely.updateTable('sessions').set({ expires_at: soon }).where('user_id', '=', member.userId).execute();
      const client = await connectClient(server, caseId, member);
      const closed = nextClose(client);
      const busy = setInterval(() => appendSummaryParagraphs(client.doc, ['作業中']), 100);
      try {
        expect(await closed).toEqual({ code: 4401, reason: 'session ended: time limit reached' });
      } finally {
        clearInterval(busy);
      }
      expect((await member.request('GET', '/api/session')).status).toBe(401);
      client.destroy();
    });
  });
});
