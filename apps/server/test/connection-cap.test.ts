import { AccessCloseCode } from '@care/schema';
import { describe, expect, it, onTestFinished } from 'vitest';
import type WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  caseMember,
  conferenceIn,
  createCase,
  eventually,
  grantAccess,
  guestSession,
  inviteGuest,
  rawSocket,
  type RunningServer,
  serverPerSuite,
  socketWithCookie,
  type TestSession,
} from './harness.ts';

const CAP = 3;

/** A case connection as `as`: 'admitted' once the server states its standing (its first frame), else how it was closed. */
async function openCase(server: RunningServer, caseId: string, as: TestSession): Promise<{ socket: WebSocket; outcome: 'admitted' | { code: number; reason: string } }> {
  const { socket, closed } = await rawSocket(server, caseId, as);
  onTestFinished(() => socket.terminate());
  const admitted = new Promise<'admitted'>((resolve) => socket.once('message', () => resolve('admitted')));
  return { socket, outcome: await Promise.race([admitted, closed]) };
}

const refused = { code: AccessCloseCode.tooManyConnections, reason: 'too many connections' };

describe('connections per person', () => {
  let server: RunningServer;
  serverPerSuite((started) => (server = started), { env: { CONNECTIONS_PER_PERSON: String(CAP) } });

  it('refuses an account its connection past the cap (4429), over any of its cases, and lets others in', async () => {
    const [first, second] = [await createCase(server), await createCase(server)];
    const member = await caseMember(server, first);
    await grantAccess(server, second, member, 'edit');
    for (const caseId of [first, second, second]) expect((await openCase(server, caseId, member)).outcome).toBe('admitted');
    expect((await openCase(server, first, member)).outcome).toEqual(refused);
    // Someone else (signed in as another account) is not counted against it.
    expect((await openCase(server, first, await caseMember(server, first))).outcome).toBe('admitted');
  });

  it('counts a connection no longer once it is closed, or its socket is lost', async () => {
    const caseId = await createCase(server);
    const member = await caseMember(server, caseId);
    const open = await Promise.all(Array.from({ length: CAP }, () => openCase(server, caseId, member)));
    expect((await openCase(server, caseId, member)).outcome).toEqual(refused);
    open[0]!.socket.close(); // closed by its page
    open[1]!.socket.terminate(); // lost: no close frame, the socket just goes
    await eventually(async () => expect((await openCase(server, caseId, member)).outcome).toBe('admitted'));
    expect((await openCase(server, caseId, member)).outcome).toBe('admitted');
    expect((await openCase(server, caseId, member)).outcome).toEqual(refused);
  });

  it('counts a guest per session: another device with the same invitation has its own', async () => {
    const caseId = await createCase(server);
    const conference = await conferenceIn(server, caseId);
    onTestFinished(() => conference.leave());
    const invitation = await inviteGuest(server, caseId, conference.conferenceId);
    const [phone, tablet] = [await guestSession(server, invitation.token), await guestSession(server, invitation.token)];
    for (let i = 0; i < CAP; i++) expect((await openCase(server, caseId, phone)).outcome).toBe('admitted');
    expect((await openCase(server, caseId, phone)).outcome).toEqual(refused);
    expect((await openCase(server, caseId, tablet)).outcome).toBe('admitted');
  });

  it('the page’s y-websocket client, refused, stops rather than reconnecting', async () => {
    const caseId = await createCase(server);
    const member = await caseMember(server, caseId);
    for (let i = 0; i < CAP; i++) await openCase(server, caseId, member);
    const provider = new WebsocketProvider(server.wsUrl, caseId, new Y.Doc(), {
      WebSocketPolyfill: socketWithCookie(member.cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    onTestFinished(() => provider.destroy());
    const closed = await new Promise((resolve) => provider.once('closed', resolve));
    expect(closed).toEqual(refused);
    expect(provider.shouldConnect).toBe(false);
  });
});
