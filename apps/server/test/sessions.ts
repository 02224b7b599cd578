import { randomBytes } from 'node:crypto';
import { type AccessLevel, agencyOf, type AgencyKind, type CreatedInvitation, type CreateInvitationBody, guessAgencyKind, type Participant, type PrincipalRole, type SessionInfo, type SystemRole } from '@care/schema';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { AccountStore, createAdministrator } from '../src/accounts/account-store.ts';
import { hashPassword } from '../src/accounts/password.ts';
import type { Db } from '../src/storage/database.ts';

/**
 * Signed-in test users. The first administrator of a server is created straight in its
 * database (as `admin:create` does); everyone else through the HTTP API, like a real admin would.
 */
export type TestSession = {
  /** Accounts only (guests come in through an invitation link). */
  login?: string;
  userId: string;
  name: string;
  agency: string;
  agencyKind: AgencyKind;
  role: PrincipalRole;
  cookie: string;
  csrfToken: string;
  /** An API call with this session's cookie (and CSRF token on state-changing methods). */
  request: (method: string, path: string, body?: unknown) => Promise<Response>;
};

/** A server, with a way to its first administrator: its database, or an administrator made by `admin:create`. */
type Server = { httpUrl: string; store?: { db: Db }; db?: Db; admin?: { login: string; password: string } };

export const TEST_PASSWORD = 'correct horse battery staple';
/** What an administrator gives a new account; its holder replaces it with TEST_PASSWORD at first sign-in. */
export const TEMPORARY_PASSWORD = 'temporary password from the admin';
const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

const admins = new WeakMap<object, Promise<TestSession>>();
const editors = new WeakMap<object, { session: Promise<TestSession>; cases: Set<string> }>();

/** An administrator of this server (one per server, created on first use). */
export function adminOf(server: Server): Promise<TestSession> {
  let admin = admins.get(server);
  if (!admin) {
    admin = createAdmin(server);
    admins.set(server, admin);
  }
  return admin;
}

async function createAdmin(server: Server): Promise<TestSession> {
  if (server.admin) return signIn(server, server.admin.login, server.admin.password);
  const db = server.store?.db ?? server.db;
  if (!db) throw new Error('the harness needs the database of a server process (give it a `db`) to create its first admin');
  const login = unique('admin');
  await createAdministrator(new AccountStore(db), { login, name: '管理者', agency: 'テスト市 高齢福祉課', passwordHash: await hashPassword(TEST_PASSWORD) });
  return signIn(server, login);
}

/** A staff member with edit access to the case (one per server, granted each case on first use). */
export async function editorOf(server: Server, caseId: string): Promise<TestSession> {
  let editor = editors.get(server);
  if (!editor) {
    editor = { session: newUser(server, { name: '編集者', agency: '地域包括支援センター' }), cases: new Set() };
    editors.set(server, editor);
  }
  const session = await editor.session;
  if (!editor.cases.has(caseId)) {
    await grantAccess(server, caseId, session, 'edit');
    editor.cases.add(caseId);
  }
  return session;
}

/** A new account in the named agency (created if new), signed in (having chosen its own password, as at a first sign-in). */
export async function newUser(
  server: Server,
  { name = '利用者', agency = '地域包括支援センター', role = 'staff' }: { name?: string; agency?: string; role?: SystemRole } = {},
): Promise<TestSession & { agencyId: string; login: string }> {
  const admin = await adminOf(server);
  const agencyId = await agencyIdOf(admin, agency);
  const login = unique('user');
  const created = await admin.request('POST', '/api/users', { login, name, agencyId, role, password: TEMPORARY_PASSWORD });
  if (created.status !== 201) throw new Error(`creating a user failed: ${created.status} ${await created.text()}`);
  return { ...(await changePassword(server, login, TEMPORARY_PASSWORD, TEST_PASSWORD)), agencyId };
}

/** Chooses a new password, as a first sign-in asks; signs in with it. */
export async function changePassword(
  server: Server,
  login: string,
  currentPassword: string,
  newPassword: string,
): Promise<TestSession & { login: string }> {
  const response = await post(server, '/api/session/password', { login, currentPassword, newPassword });
  if (response.status !== 200) throw new Error(`changing the password failed: ${response.status} ${await response.text()}`);
  return { ...(await sessionFrom(server, response)), login };
}

/** A person's own participant entry as the conference screen writes it: their name and agency as signed in (participantIdentityGuard). */
export function asParticipant(who: Pick<TestSession, 'userId' | 'name' | 'agency' | 'agencyKind'>, entry: Partial<Participant> = {}): Participant {
  return { userId: who.userId, name: who.name, agency: agencyOf(who.agency, who.agencyKind), ...entry };
}

/** A request from a browser not signed in. */
export function post(server: Server, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function agencyIdOf(admin: TestSession, name: string): Promise<string> {
  const created = await admin.request('POST', '/api/agencies', { name, kind: guessAgencyKind(name) });
  if (created.status === 201) return ((await created.json()) as { id: string }).id;
  const { agencies } = (await (await admin.request('GET', '/api/agencies')).json()) as { agencies: { id: string; name: string }[] };
  return agencies.find((a) => a.name === name)!.id;
}

export async function signIn(server: Server, login: string, password = TEST_PASSWORD): Promise<TestSession & { login: string }> {
  const response = await post(server, '/api/session', { login, password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return { ...(await sessionFrom(server, response)), login };
}

/** A session from a response that set the session cookie (sign-in, accepting an invitation). */
export async function sessionFrom(server: Server, response: Response): Promise<TestSession> {
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  const { user, csrfToken } = (await response.json()) as SessionInfo;
  return {
    ...user,
    cookie,
    csrfToken,
    request: (method, path, body) =>
      fetch(`${server.httpUrl}${path}`, {
        method,
        headers: {
          cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** Gives a user access to a case (as the server's administrator). */
export async function grantAccess(server: Server, caseId: string, who: { userId: string }, access: AccessLevel): Promise<void> {
  const response = await (await adminOf(server)).request('PUT', `/api/cases/${caseId}/members`, { userId: who.userId, access });
  if (response.status !== 200) throw new Error(`granting access failed: ${response.status} ${await response.text()}`);
}

/** Ends a person's own membership of the case, as a coordinator does under アクセス管理. */
export async function revokeAccess(server: Server, caseId: string, who: { userId: string }): Promise<void> {
  const admin = await adminOf(server);
  const { members } = (await (await admin.request('GET', `/api/cases/${caseId}/members`)).json()) as {
    members: { id: string; userId: string | null }[];
  };
  const membership = members.find((m) => m.userId === who.userId);
  if (!membership) throw new Error(`${who.userId} is no member of ${caseId}`);
  const response = await admin.request('DELETE', `/api/cases/${caseId}/members/${membership.id}`);
  if (response.status !== 204) throw new Error(`revoking access failed: ${response.status} ${await response.text()}`);
}

/** A new account (in the named agency) that is a member of the case, signed in. */
export async function caseMember(
  server: Server,
  caseId: string,
  { access = 'edit', ...who }: { name?: string; agency?: string; role?: SystemRole; access?: AccessLevel } = {},
): Promise<TestSession & { agencyId: string; login: string }> {
  const user = await newUser(server, who);
  await grantAccess(server, caseId, user, access);
  return user;
}

/** An invitation link to one conference of the case (made by the server's administrator). */
export async function inviteGuest(
  server: Server,
  caseId: string,
  conferenceId: string,
  body: Partial<Omit<CreateInvitationBody, 'conferenceId'>> = {},
): Promise<CreatedInvitation> {
  const response = await (await adminOf(server)).request('POST', `/api/cases/${caseId}/invitations`, {
    name: '山田',
    agency: '民生委員',
    conferenceId,
    ...body,
  });
  if (response.status !== 201) throw new Error(`inviting failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedInvitation;
}

/** Opens an invitation link's secret as the join page does (the server's answer as it is). */
export function acceptInvitation(server: Server, token: string): Promise<Response> {
  return fetch(`${server.httpUrl}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
}

/** The guest session an invitation link's secret opens. */
export async function guestSession(server: Server, token: string): Promise<TestSession> {
  const response = await acceptInvitation(server, token);
  if (response.status !== 200) throw new Error(`accepting the invitation failed: ${response.status} ${await response.text()}`);
  return sessionFrom(server, response);
}

/** The `ws` client, sending a session cookie with the upgrade request as a browser would. */
export function socketWithCookie(cookie: string, headers: Record<string, string> = {}) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...headers, cookie } });
    }
  };
}

/**
 * A crafted client: opens the case's sync socket as `as` and announces one awareness state of its
 * own making (what the browser's provider would send, with any content). Close the socket to leave.
 */
export async function announcePresence(wsUrl: string, caseId: string, as: Pick<TestSession, 'cookie'>, state: unknown): Promise<WebSocket> {
  const socket = new WebSocket(`${wsUrl}/${caseId}`, { headers: { cookie: as.cookie } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const update = encoding.encode((encoder) => {
    encoding.writeVarUint(encoder, 1); // one state: client id, clock, JSON
    encoding.writeVarUint(encoder, 1 + Math.floor(Math.random() * 2 ** 30));
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify(state));
  });
  socket.send(encoding.encode((encoder) => {
    encoding.writeVarUint(encoder, 1); // y-websocket's awareness message
    encoding.writeVarUint8Array(encoder, update);
  }));
  return socket;
}
