import { appendSummaryParagraphs, closeConference, scheduleConference, startConference } from '@care/case-doc';
import { BACKGROUND_HEADER, dayInJapan } from '@care/schema';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  asParticipant,
  caretAt,
  caseMember,
  conferenceIn,
  connectClient,
  createCase,
  grantAccess,
  guestSession,
  inviteGuest,
  nextClose,
  removeDir,
  type RunningServer,
  serverHandledAllSent,
  serverPerSuite,
  signIn,
  startServer,
  type TestClient,
} from './harness.ts';

const IDLE_MINUTES = 0.08; // 4.8 s instead of the default 30 minutes
const IDLE_MS = IDLE_MINUTES * 60_000;

/** Every close of this client's socket, as it happens. */
function closesOf(client: TestClient): { code: number; reason: string }[] {
  const closes: { code: number; reason: string }[] = [];
  client.provider.on('connection-close', (event) => closes.push({ code: event!.code, reason: event!.reason }));
  return closes;
}

/**
 * A case and members of it by these names, made with the default settings (making accounts is slow
 * on a loaded machine), then the server restarted on the same data with the short idle limit.
 */
async function membersUnderShortIdle<const Names extends readonly string[]>(names: Names) {
  type Member = Awaited<ReturnType<typeof caseMember>>;
  const setup = await startServer();
  const caseId = await createCase(setup);
  const members = (await Promise.all(names.map((name) => caseMember(setup, caseId, { name })))) as { [K in keyof Names]: Member };
  await setup.stop();
  const server = await startServer({ dataDir: setup.dataDir, env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });
  return { server, caseId, members };
}

describe('a live connection does not outlive its session', () => {
  describe('idle', () => {
    let server: RunningServer | undefined;
    afterEach(async () => {
      await server?.stop();
      if (server) removeDir(server.dataDir);
    });

    it('a connection left untouched is closed when its session runs out; editing or moving the caret keeps it alive', async () => {
      // Accounts and the case are made first with the default settings (making accounts is slow
      // on a loaded machine), then the server restarts on the same data with a 4.8 s idle limit.
      const setup = await startServer();
      const caseId = await createCase(setup);
      const member = (name: string) => caseMember(setup, caseId, { name });
      const users = await Promise.all([member('放置'), member('入力'), member('移動')]);
      const logins = users.map((u) => u.login);
      // The caret mover is alone in a case of its own, opened from a snapshot and never edited,
      // so the server never needs that case's doc: presence alone must count.
      const readOnlyCase = await createCase(setup, '閲覧のみ');
      const author = await connectClient(setup, readOnlyCase);
      appendSummaryParagraphs(author.doc, ['読むだけ']);
      await serverHandledAllSent(author);
      await grantAccess(setup, readOnlyCase, users[2]!, 'read');
      author.destroy();
      await setup.stop(); // compacts: each case is one snapshot
      server = await startServer({ dataDir: setup.dataDir, env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });

      /** Signs in and connects at once; `keepBusy` starts as soon as it is connected. */
      const connect = async (login: string, keepBusy?: (client: TestClient, step: number) => void, openCase = caseId) => {
        const session = await signIn(server!, login);
        const client = await connectClient(server!, openCase, session);
        let step = 0;
        const busy = keepBusy && setInterval(() => keepBusy(client, ++step), 200);
        return { session, client, closes: closesOf(client), stop: () => clearInterval(busy) };
      };
      const idle = await connect(logins[0]!);
      const idleClosed = nextClose(idle.client);
      const typing = await connect(logins[1]!, (client, step) => appendSummaryParagraphs(client.doc, [`入力${step}`]));
      const pointing = await connect(
        logins[2]!,
        // Before and after its one paragraph in turn: a caret an editor could place (one it could not is passed on as none, which changes nothing).
        (client, step) => client.provider.awareness.setLocalStateField('cursor', caretAt(client.doc, step % 2)),
        readOnlyCase,
      );
      try {
        expect(await idleClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
        expect((await idle.session.request('GET', '/api/session')).status).toBe(401);
        // Well past the idle limit since they signed in, the busy ones are still connected and signed in.
        await sleep(IDLE_MS);
        expect(typing.closes).toEqual([]);
        expect(pointing.closes).toEqual([]);
      } finally {
        typing.stop();
        pointing.stop();
      }
      // Once they stop, their sessions run out too.
      const [typingClosed, pointingClosed] = [nextClose(typing.client), nextClose(pointing.client)];
      expect(await typingClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
      expect(await pointingClosed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
      expect((await typing.session.request('GET', '/api/session')).status).toBe(401);
      [idle, typing, pointing].forEach(({ client }) => client.destroy());
    }, 90_000);
    it('one at the live conference they joined stays signed in while only listening; one connected beside it does not, nor they once it closes', async () => {
      const shortIdle = await membersUnderShortIdle(['傾聴', '傍観']);
      server = shortIdle.server;
      const { caseId, members: [listener, onlooker] } = shortIdle;
      const connect = async (login: string) => {
        const session = await signIn(server!, login);
        const client = await connectClient(server!, caseId, session);
        // Only y-websocket's renewal of an unchanged presence, however often: no use by itself.
        const renewing = setInterval(() => client.provider.awareness.setLocalState(client.provider.awareness.getLocalState()), 200);
        return { session, client, closes: closesOf(client), stop: () => clearInterval(renewing) };
      };
      const atTable = await connect(listener.login);
      const conferenceId = scheduleConference(atTable.client.doc, { date: dayInJapan(), kind: '個別ケース検討' });
      startConference(atTable.client.doc, conferenceId, asParticipant(listener), Date.now());
      await serverHandledAllSent(atTable.client);
      const beside = await connect(onlooker.login);
      try {
        expect(await nextClose(beside.client)).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
        await sleep(IDLE_MS);
        expect(atTable.closes).toEqual([]);
        expect((await atTable.session.request('GET', '/api/session')).status).toBe(200);
        // The conference closes (an edit: use); from then on, listening is not.
        const closed = nextClose(atTable.client);
        closeConference(atTable.client.doc, conferenceId, Date.now());
        expect(await closed).toEqual({ code: 4401, reason: 'session ended: unused for too long' });
      } finally {
        atTable.stop();
        beside.stop();
      }
      [atTable, beside].forEach(({ client }) => client.destroy());
    }, 90_000);
    it('what a page asks by itself (its check for a new build, a list read again) is no use: its session runs out under it; what its user asks is', async () => {
      const shortIdle = await membersUnderShortIdle(['放置画面', '操作中']);
      server = shortIdle.server;
      const [polled, used] = shortIdle.members;
      const [background, user] = await Promise.all([signIn(server, polled.login), signIn(server, used.login)]);
      const ask = (session: typeof user, headers: Record<string, string> = {}) =>
        fetch(`${server!.httpUrl}/api/case-activity`, { headers: { cookie: session.cookie, ...headers } });
      // Answered or not, each is over before the test ends: one still under way when the server
      // stopped after it failed unhandled (ECONNRESET), failing the run though every test passed.
      const meanwhile: Promise<unknown>[] = [];
      const asking = setInterval(() => {
        meanwhile.push(ask(background, { [BACKGROUND_HEADER]: '1' }).catch(() => {}), ask(user).catch(() => {}));
      }, 200);
      try {
        await sleep(IDLE_MS * 1.5);
        expect((await ask(background, { [BACKGROUND_HEADER]: '1' })).status).toBe(401);
        expect((await ask(user)).status).toBe(200);
      } finally {
        clearInterval(asking);
        await Promise.all(meanwhile);
      }
    }, 90_000);
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

    it('a guest’s connection is closed when its invitation expires, and says so', async () => {
      const caseId = await createCase(server);
      const conference = await conferenceIn(server, caseId);
      const invitation = await inviteGuest(server, caseId, conference.conferenceId);
      // Invitations last hours; this one runs out a few seconds after it is opened.
      const soon = new Date(Date.now() + 3000).toISOString();
      await server.store.db.kysely.updateTable('invitations').set({ expires_at: soon }).where('id', '=', invitation.id).execute();
      const guest = await guestSession(server, invitation.token);
      const client = await connectClient(server, caseId, guest);
      expect(await nextClose(client)).toEqual({ code: 4401, reason: 'invitation expired' });
      expect((await guest.request('GET', '/api/session')).status).toBe(401);
      client.destroy();
      conference.leave();
    });
  });
});
