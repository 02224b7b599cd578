import { appendSummaryParagraphs } from '@care/case-doc';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  adminOf,
  caseMember,
  conferenceIn,
  connectClient,
  createCase,
  eventually,
  grantAccess,
  guestSession,
  inviteGuest,
  rawSocket,
  type RunningServer,
  serverPerSuite,
  startServer,
  removeDir,
  type TestSession,
} from './harness.ts';
import { READ_ONLY_REFUSAL } from '../src/access/read-only-guard.ts';
import { revokeAccess } from './sessions.ts';
import { createTestSchema, probePostgres, probeRedis, serverEngines, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

/**
 * Holds the next admission of `who` to a case between reading its access and going on (to the
 * upgrade, and to tracking the connection): a slow audit write or upgrade, as the server sees it.
 * `checked` resolves once its access was read; `release` lets the admission go on.
 */
function holdAdmission(server: RunningServer, who: { userId: string }) {
  const memberships = server.app.access.memberships;
  const accessTo = memberships.accessTo.bind(memberships);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const checked = new Promise<void>((resolve) => (reached = resolve));
  let held = false;
  memberships.accessTo = async (principal, caseId) => {
    const access = await accessTo(principal, caseId);
    if (held || principal.userId !== who.userId) return access;
    held = true;
    reached();
    await gate;
    return access;
  };
  onTestFinished(() => {
    release();
    memberships.accessTo = accessTo;
  });
  return { checked, release };
}

/** A raw connection to the case as `who`: every frame the server sends it, and how it ends (or that a frame came first). */
async function openSocket(server: RunningServer, caseId: string, who: TestSession) {
  const { socket, opened, closed } = await rawSocket(server, caseId, who);
  const frames: Buffer[] = [];
  const firstFrame = new Promise<'a frame came'>((resolve) =>
    socket.on('message', (data: Buffer) => {
      frames.push(data);
      resolve('a frame came');
    }),
  );
  onTestFinished(() => socket.terminate());
  return { socket, frames, opened, closed, outcome: Promise.race([closed.then((code) => ({ closed: code })), firstFrame]) };
}

/** A y-websocket update frame adding a summary paragraph, as an editing browser sends it; `keptIn` is that browser's copy. */
function paragraphFrame(text: string, keptIn?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  appendSummaryParagraphs(doc, [text]);
  if (keptIn) Y.applyUpdate(keptIn, Y.encodeStateAsUpdate(doc));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

const revoked = { code: 4403, reason: 'access to this case was revoked' };
const lowered = { code: 4010, reason: 'access changed to read' };

/**
 * A change of access committed after a connection's access was read at the upgrade, but before
 * the connection was tracked (where revocations look for it), still reaches it: it is closed as
 * it would have been had it been open, before anything of the case flows either way.
 */
describe.each(await serverEngines('the admission race'))('on $name, a connection admitted just before its access changes', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), undefined, engine);

  /** Opens a connection as `who`, holds it after its access was read, makes `change`, then lets it go on. */
  async function connectAcross(caseId: string, who: TestSession, change: () => Promise<void>) {
    const hold = holdAdmission(server, who);
    const connection = await openSocket(server, caseId, who);
    await hold.checked;
    await change();
    hold.release();
    await connection.opened; // admitted: the upgrade was not refused
    return connection;
  }

  /** The case goes on without them: a colleague's next line (stored, relayed) reaches nothing they hold. */
  async function expectNothingReached(caseId: string, frames: Buffer[]) {
    const colleague = await connectClient(server, caseId);
    appendSummaryParagraphs(colleague.doc, ['変更後の記録']);
    await colleague.saves.whenSaved();
    colleague.destroy();
    expect(frames).toEqual([]);
  }

  it('revoked: closed 4403, given no standing and none of the case', async () => {
    const caseId = await createCase(server, '取消の競合');
    const member = await caseMember(server, caseId, { name: '退任者' });
    const { outcome, frames } = await connectAcross(caseId, member, () => revokeAccess(server, caseId, member));
    expect(await outcome).toEqual({ closed: revoked });
    await expectNothingReached(caseId, frames);
  });

  it('lowered to 閲覧のみ: closed 4010 before any standing, its writes not taken; it comes back read-only', async () => {
    const caseId = await createCase(server, '変更の競合');
    const member = await caseMember(server, caseId, { name: '異動者' });
    const { socket, outcome, frames } = await connectAcross(caseId, member, () => grantAccess(server, caseId, member, 'read'));
    socket.send(paragraphFrame('閲覧のみなのに書いた'));
    expect(await outcome).toEqual({ closed: lowered });
    await expectNothingReached(caseId, frames);
    const stored = (await server.store.loadUpdates(caseId)).map((u) => Buffer.from(u).toString('utf8')).join('');
    expect(stored).toContain('変更後の記録');
    expect(stored).not.toContain('閲覧のみなのに書いた');
    const again = await connectClient(server, caseId, member);
    expect(again.standings).toEqual([{ access: 'read' }]);
    again.destroy();
  });

  it('the case closed (ケース終結): closed 4010 before any standing; it comes back read-only', async () => {
    const caseId = await createCase(server, '終結の競合');
    const member = await caseMember(server, caseId, { name: '担当者' });
    const close = async () => {
      const response = await (await adminOf(server)).request('PATCH', `/api/cases/${caseId}`, { closed: true });
      expect(response.status).toBe(200);
    };
    const { outcome, frames } = await connectAcross(caseId, member, close);
    expect(await outcome).toEqual({ closed: lowered });
    expect(frames).toEqual([]);
    const again = await connectClient(server, caseId, member);
    expect(again.standings).toEqual([{ access: 'read' }]);
    again.destroy();
  });

  it('a guest whose invitation is revoked: closed 4403 saying so (not as a session that timed out), given none of the case', async () => {
    const caseId = await createCase(server, '招待取消の競合');
    const conference = await conferenceIn(server, caseId);
    conference.leave();
    const invitation = await inviteGuest(server, caseId, conference.conferenceId, { access: 'edit' });
    const guest = await guestSession(server, invitation.token);
    const revokeInvitation = async () => {
      const response = await (await adminOf(server)).request('DELETE', `/api/cases/${caseId}/invitations/${invitation.id}`);
      expect(response.status).toBe(204);
    };
    const { outcome, frames } = await connectAcross(caseId, guest, revokeInvitation);
    expect(await outcome).toEqual({ closed: { code: 4403, reason: 'invitation revoked' } });
    await expectNothingReached(caseId, frames);
  });

  it('access unchanged: the connection states its standing and syncs as usual', async () => {
    const caseId = await createCase(server, '変更なし');
    const member = await caseMember(server, caseId, { name: '継続者' });
    const { outcome, frames } = await connectAcross(caseId, member, async () => {});
    expect(await outcome).toBe('a frame came');
    expect(frames[0]!.toString('utf8')).toContain('{"access":"edit"}');
  });
});

const missing = warnSkipped('the admission race across processes (PostgreSQL + Redis)', await probePostgres(), await probeRedis());

/**
 * With several processes, the revocation is made on one and announced to the others, each of
 * which re-checks its own connections: a connection on another process, admitted just before
 * and tracked only after that re-check, is closed all the same.
 */
describe.skipIf(missing)('a connection on another process admitted just before its access is revoked', () => {
  it('is closed 4403 once tracked, though the announced re-check ran before it was', { timeout: 60_000 }, async () => {
    const schema = await createTestSchema();
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix() };
    const servers: RunningServer[] = [];
    onTestFinished(async () => {
      for (const server of servers) {
        await server.stop();
        removeDir(server.dataDir);
      }
      await schema.drop();
    });
    const start = async () => servers[servers.push(await startServer({ env })) - 1]!;
    const a = await start();
    const caseId = await createCase(a, '別プロセスの取消');
    const member = await caseMember(a, caseId, { name: '退任者' });
    // Started only now, B hears no announcement but the revocation's.
    const b = await start();

    // B's re-check, on hearing of the revocation from A (through Redis), is seen to have finished.
    const live = b.app.access.live;
    const recheck = live.recheck.bind(live);
    let recheckedOnB!: () => void;
    const rechecked = new Promise<void>((resolve) => (recheckedOnB = resolve));
    live.recheck = async (...args) => {
      await recheck(...args);
      recheckedOnB();
    };

    const hold = holdAdmission(b, member);
    const { outcome, frames, opened } = await openSocket(b, caseId, member);
    await hold.checked;
    await revokeAccess(a, caseId, member);
    await rechecked;
    hold.release();
    await opened;
    expect(await outcome).toEqual({ closed: revoked });
    expect(frames).toEqual([]);
  });
});

/**
 * Holds the room's handling of `who`'s next update: `reached` resolves once it has started,
 * `release` lets it go on, `done` settles once it has. Every update of theirs that reaches the
 * room is listed in `received` (a frame the connection dropped never does). `left` resolves once
 * their connection has left the room: it leaves only after all its frames were dealt with.
 */
async function holdNextUpdate(server: RunningServer, caseId: string, who: { userId: string }) {
  const room = await server.app.rooms.withRoom(caseId, async (room) => room);
  const receive = room.receive.bind(room);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const started = new Promise<void>((resolve) => (reached = resolve));
  const received: Promise<void>[] = [];
  room.receive = (peer, message) => {
    if (peer.principal.userId !== who.userId || message.kind !== 'update') return receive(peer, message);
    const first = received.length === 0;
    const handled = (async () => {
      if (first) {
        reached();
        await gate;
      }
      await receive(peer, message);
    })();
    received.push(handled);
    return handled;
  };
  const leave = room.leave.bind(room);
  let gone!: () => void;
  const left = new Promise<void>((resolve) => (gone = resolve));
  room.leave = (peer) => {
    leave(peer);
    if (peer.principal.userId === who.userId) gone();
  };
  onTestFinished(() => {
    release();
    room.receive = receive;
    room.leave = leave;
  });
  return { reached: started, release, done: () => received[0]!, received, left };
}

/** Resolves once the next re-check of live connections (after a change of access) has finished. */
function nextRecheck(server: RunningServer): Promise<void> {
  const live = server.app.access.live;
  const recheck = live.recheck;
  return new Promise((resolve) => {
    live.recheck = async (...args) => {
      live.recheck = recheck;
      await recheck.apply(live, args);
      resolve();
    };
  });
}

/**
 * Once the server has decided to close a connection because its access was revoked or lowered,
 * none of its frames not yet handled is applied under the old access: neither those already
 * queued nor those arriving before the client answers the close (the socket still delivers them).
 * The one being handled was judged before the decision and completes.
 */
describe.each(await serverEngines('closing on a change of access'))('on $name, a connection closed because its access changed', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), undefined, engine);

  /** Back with its kept copy, the edits it sent in vain are judged as it stands now: 閲覧のみ refuses them. */
  async function comesBackReadOnly(caseId: string, who: TestSession, kept: Y.Doc) {
    const again = await connectClient(server, caseId, who, kept);
    onTestFinished(() => again.destroy());
    expect(again.standings).toEqual([{ access: 'read' }]);
    await eventually(() => expect(again.denials).toEqual([READ_ONLY_REFUSAL]));
  }

  it.each([
    {
      change: 'lowered to 閲覧のみ',
      make: (caseId: string, who: TestSession) => grantAccess(server, caseId, who, 'read'),
      expected: lowered,
      afterwards: comesBackReadOnly,
    },
    {
      change: 'revoked',
      make: (caseId: string, who: TestSession) => revokeAccess(server, caseId, who),
      expected: revoked,
      afterwards: async () => {}, // refused at the upgrade (see access.test.ts)
    },
  ])('$change: its frames not yet handled are neither stored nor relayed', async ({ make, expected, afterwards }) => {
    const caseId = await createCase(server, '処理中の変更');
    const member = await caseMember(server, caseId, { name: '異動者' });
    const { socket, outcome, closed } = await openSocket(server, caseId, member);
    expect(await outcome).toBe('a frame came'); // admitted as an editor
    const [onServer] = [...server.app.websocketServer.clients];
    const colleague = await connectClient(server, caseId);
    onTestFinished(() => colleague.destroy());
    const hold = await holdNextUpdate(server, caseId, member);

    const kept = new Y.Doc();
    socket.send(paragraphFrame('変更前に送った一行', kept));
    socket.send(paragraphFrame('変更前に続けて送った一行', kept));
    await hold.reached;
    // It does not read the close (as over a slow network): its socket stays open to send more.
    socket.pause();
    const rechecked = nextRecheck(server);
    await make(caseId, member);
    await rechecked; // the server has decided to close it
    const arrived = new Promise<void>((resolve) => onServer!.on('message', () => resolve()));
    socket.send(paragraphFrame('変更後、閉じる前に届いた一行', kept));
    await arrived;

    hold.release();
    await hold.done();
    await new Promise(setImmediate); // what the connection queued after it has had its turn
    socket.resume();
    expect(await closed).toEqual(expected);
    await hold.left;
    await Promise.all(hold.received);

    await afterwards(caseId, member, kept);
    appendSummaryParagraphs(colleague.doc, ['同僚の一行']);
    await colleague.saves.whenSaved();
    const stored = (await server.store.loadUpdates(caseId)).map((u) => Buffer.from(u).toString('utf8')).join('');
    const relayed = Buffer.from(Y.encodeStateAsUpdate(colleague.doc)).toString('utf8');
    for (const text of [stored, relayed]) {
      expect(text).toContain('変更前に送った一行'); // judged before the decision
      expect(text).toContain('同僚の一行');
      expect(text).not.toContain('変更前に続けて送った一行');
      expect(text).not.toContain('変更後、閉じる前に届いた一行');
    }
  });
});
