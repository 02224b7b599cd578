import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onStanding, SaveTracker } from '@care/sync-client';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { cancelConference, CaseDocField, closeConference, readConferences, scheduleConference, startConference } from '@care/case-doc';
import type { ConferenceStatus, ConnectionStanding, Participant } from '@care/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type AppOptions, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openFanout } from '../src/fanout/open-fanout.ts';
import { openStore } from '../src/storage/open-store.ts';
import type { CaseStore } from '../src/storage/case-store.ts';
import type { SqlCaseStore } from '../src/storage/sql-store.ts';
import type { Tables } from '../src/storage/database.ts';
import type { ServerEngine } from './services.ts';
import { adminOf, asParticipant, editorOf, socketWithCookie, type TestSession } from './sessions.ts';

export { acceptInvitation, adminOf, asParticipant, caseMember, editorOf, grantAccess, guestSession, inviteGuest, newUser, signIn, socketWithCookie, type TestSession } from './sessions.ts';

export type RunningServer = {
  app: FastifyInstance;
  store: SqlCaseStore;
  httpUrl: string;
  wsUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
};

/** A line the server logged (pino's JSON: level 40 warn, 50 error). */
export type LogLine = { level: number; msg: string; reason?: string; err?: { message: string } };

/** Anything serving the API: an in-process server or a server process. */
export type Endpoint = Pick<RunningServer, 'httpUrl' | 'wsUrl'>;

/**
 * A real server on a free loopback port with its own SQLite file (reused when dataDir is given),
 * or on PostgreSQL when env has DATABASE_URL (and relaying through Redis with REDIS_URL). Its log
 * is silent unless `logTo` collects it.
 */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; logTo?: LogLine[] } & Pick<AppOptions, 'writeGuard'> = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'care-server-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: options.logTo ? 'info' : 'silent',
    // Records of closed conferences wait twice this (see ClosedConferenceRecorder): short in tests.
    CLOSING_GRACE_MS: '100',
    // Tests stand in many people with one account (editorOf): the cap is tested where it is set.
    CONNECTIONS_PER_PERSON: '100000',
    ...options.env,
  });
  const store = await openStore(config);
  const fanout = await openFanout(config, (error, context) => app.log.error({ err: error }, context));
  const logStream = options.logTo && { write: (line: string) => void options.logTo!.push(JSON.parse(line) as LogLine) };
  const app = await buildApp({ config, store, fanout, writeGuard: options.writeGuard, logStream });
  app.addHook('onClose', async () => {
    await store.close();
    await fanout.close();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    store,
    dataDir,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws/cases`,
    stop: () => app.close(),
  };
}

/**
 * One server for the enclosing describe block: started before its tests, stopped and removed
 * after them; storing in `engine` when given (its data removed after them too).
 */
export function serverPerSuite(use: (server: RunningServer) => void, options?: Parameters<typeof startServer>[0], engine?: ServerEngine) {
  let server: RunningServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const chosen = await engine?.env();
    drop = chosen?.drop;
    server = await startServer({ ...options, env: { ...options?.env, ...chosen?.env } });
    use(server);
  });
  afterAll(async () => {
    if (server) {
      await server.stop();
      removeDir(server.dataDir);
    }
    await drop?.();
  });
}

/**
 * Makes the server's database refuse new rows of a table until `allow` is called: a full disk, a
 * lost connection, a bug, as the code writing them sees it.
 */
export async function refuseNewRows(server: RunningServer, table: keyof Tables): Promise<{ allow: () => Promise<void> }> {
  const { engine, kysely: db } = server.store.db;
  const trigger = `refuse_${table}_in_test`;
  if (engine === 'sqlite') {
    await sql.raw(`create trigger ${trigger} before insert on ${table} begin select raise(abort, '${table} is unavailable'); end`).execute(db);
  } else {
    await sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$ begin raise exception '${table} is unavailable'; end $$`).execute(db);
    await sql.raw(`create trigger ${trigger} before insert on ${table} for each row execute function ${trigger}()`).execute(db);
  }
  return {
    allow: async () => {
      await sql.raw(engine === 'sqlite' ? `drop trigger ${trigger}` : `drop trigger ${trigger} on ${table}`).execute(db);
      if (engine !== 'sqlite') await sql.raw(`drop function ${trigger}()`).execute(db);
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** A caret in the case summary as an editor announces it: anchor and head next to its `index`th child. */
export function caretAt(doc: Y.Doc, index: number) {
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(doc.getXmlFragment(CaseDocField.summary), index));
  return { anchor: position, head: position };
}

export async function createCase(server: Endpoint, title = 'テストケース'): Promise<string> {
  const response = await (await adminOf(server)).request('POST', '/api/cases', { title });
  if (response.status !== 201) throw new Error(`create case failed: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export type TestClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Which of this client's edits the server has acknowledged as stored. */
  saves: SaveTracker;
  /** The server's refusals of this client's writes since it connected (until permissionDenials starts a new list). */
  denials: string[];
  /** The standing the server stated on each of this client's connections, in order. */
  standings: ConnectionStanding[];
  destroy: () => void;
};

/**
 * A y-websocket client exactly like the browser's, over the `ws` package, signed in as `as`
 * (default: a staff member with edit access to the case). Resolves once synced. `doc` is the
 * copy the client starts from (as a browser's kept local copy); a new empty one by default.
 * `from`: the client's address, as a proxy in front of the server says (a server with TRUST_PROXY).
 */
export async function connectClient(server: Endpoint, caseId: string, as?: TestSession, doc = new Y.Doc(), { from }: { from?: string } = {}): Promise<TestClient> {
  const session = as ?? (await editorOf(server, caseId));
  // Each provider in Node adds a process 'exit' listener (removed by destroy): tests that open
  // many clients at once are not leaking them.
  process.setMaxListeners(Math.max(process.getMaxListeners(), process.listenerCount('exit') + 2));
  const provider = new WebsocketProvider(server.wsUrl, caseId, doc, {
    WebSocketPolyfill: socketWithCookie(session.cookie, from ? { 'x-forwarded-for': from } : {}) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const saves = new SaveTracker(provider);
  const denials = permissionDenials(provider);
  const standings: ConnectionStanding[] = [];
  onStanding(provider, (standing) => standings.push(standing));
  await synced(provider);
  return {
    doc,
    provider,
    saves,
    denials,
    standings,
    destroy: () => {
      saves.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider is synced with the server (at once if it is). */
export function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Resolves with the code and reason of the next time the server closes this client's socket. */
export function nextClose(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return; // the provider's own destroy() (in cleanup), not the server
      client.provider.off('connection-close', onClose);
      resolve({ code: event.code, reason: event.reason });
    };
    client.provider.on('connection-close', onClose);
  });
}

/**
 * Makes the store's appends wait until `release()`, counting the updates it was handed and the
 * ones it has stored: an acknowledgement must never come before the store. `durability` holds
 * only the second stage: each update is written (applied and relayed) at once, but its append
 * resolves (it is durable) only on release, as with a slow fsync. Undone when the test ends.
 */
export function holdWrites(store: CaseStore, hold: 'write' | 'durability' = 'write') {
  const append = store.appendUpdate.bind(store);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const counts = { received: 0, stored: 0 };
  store.appendUpdate = async (...args: Parameters<CaseStore['appendUpdate']>) => {
    counts.received++;
    if (hold === 'write') await gate;
    await append(...args);
    await gate;
    counts.stored++;
  };
  onTestFinished(() => {
    release();
    store.appendUpdate = append;
  });
  return { counts, release };
}

export type TestConference = {
  conferenceId: string;
  /** The 司会's client, which planned and started it. */
  facilitator: TestClient;
  /** The 司会 as they start a conference (this one, or another of the case). */
  starter: Participant;
  start: () => Promise<void>;
  close: () => Promise<void>;
  /** Calls it off (中止) before it starts. */
  cancel: () => Promise<void>;
  /** Disconnects the 司会 and the watcher. */
  leave: () => void;
};

/**
 * A conference of the case, planned (and started, unless `live` is false) by a member who becomes
 * its 司会, as the conference screen does. Each step resolves once the server has stored it.
 */
export async function conferenceIn(server: Endpoint & Parameters<typeof editorOf>[0], caseId: string, { live = true } = {}): Promise<TestConference> {
  const member = await editorOf(server, caseId);
  const facilitator = await connectClient(server, caseId, member);
  const watcher = await connectClient(server, caseId, member);
  const conferenceId = scheduleConference(facilitator.doc, { date: '2026-11-23', kind: '個別ケース検討' });
  // The server relays an update only after storing it: once the watcher sees a step, it is stored.
  const stored = (status: ConferenceStatus) =>
    eventually(() => expect(readConferences(watcher.doc).value.find((c) => c.id === conferenceId)?.status).toBe(status), 30_000);
  await stored('scheduled');
  const starter = asParticipant(member);
  const conference: TestConference = {
    conferenceId,
    facilitator,
    starter,
    start: async () => {
      startConference(facilitator.doc, conferenceId, starter, Date.now());
      await stored('live');
    },
    close: async () => {
      closeConference(facilitator.doc, conferenceId, Date.now());
      await stored('closed');
    },
    cancel: async () => {
      cancelConference(facilitator.doc, conferenceId);
      await stored('cancelled');
    },
    leave: () => [facilitator, watcher].forEach((client) => client.destroy()),
  };
  if (live) await conference.start();
  return conference;
}

/**
 * Sends through `client` what was typed on `unaware`, a copy of its doc from before something it
 * has since received (a close, say): as a browser sends words typed just before that reached it.
 */
export function sendTypedBefore(client: TestClient, unaware: Y.Doc, type: (doc: Y.Doc) => void): void {
  const before = Y.encodeStateVector(unaware);
  type(unaware);
  Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(unaware, before)); // its provider sends it on
}

/** Collects the reasons the server gives when it refuses this client's writes (y-protocols auth messages). */
export function permissionDenials(provider: WebsocketProvider): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => reasons.push(reason));
  };
  return reasons;
}

const MESSAGE_SYNC = 0;

/**
 * Resolves once the server has handled every frame this client sent so far: it handles a
 * connection's frames in order, so its answer to a sync step 1 (the only sync step 2 it sends
 * after the first) comes after any refusal of an earlier frame.
 */
export function serverHandledAllSent(client: TestClient): Promise<void> {
  const { provider } = client;
  const handle = provider.messageHandlers[MESSAGE_SYNC]!;
  return new Promise((resolve) => {
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
      const isStep2 = decoding.readVarUint(decoding.clone(decoder)) === syncProtocol.messageYjsSyncStep2;
      handle(encoder, decoder, ...rest);
      if (!isStep2) return;
      provider.messageHandlers[MESSAGE_SYNC] = handle;
      resolve();
    };
    provider.ws!.send(
      encoding.encode((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, client.doc);
      }),
    );
  });
}

/** Polls until the check passes (or throws its last failure after the timeout). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

/** Opens a raw websocket to a case (as a member who may edit it) and records how the server closes it. */
export async function rawSocket(server: RunningServer, caseId: string, as?: TestSession) {
  const session = as ?? (await editorOf(server, caseId));
  const socket = new WebSocket(`${server.wsUrl}/${caseId}`, { headers: { cookie: session.cookie } });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { socket, opened, closed };
}

/** The HTTP status of a websocket upgrade: 101 when it opens, else the refusal's status. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise<number>((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
  });
}
