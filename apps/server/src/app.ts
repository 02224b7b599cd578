import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { BUILD_HEADER, CloseCode, SERVER_TIME_HEADER, WEB_PAGES } from '@care/schema';
import { type AccessServices, openAccessServices } from './access/access-services.ts';
import { invitationsFollowTheirConferences } from './access/invitations-follow-conferences.ts';
import { recordEndedSessionsEveryMinute } from './access/ended-sessions.ts';
import { guestScopeGuard } from './access/guest-scope-guard.ts';
import { participantIdentityGuard } from './access/participant-identity-guard.ts';
import { membershipWriteGuard } from './access/read-only-guard.ts';
import { countPresenceAsActivity } from './access/session-activity.ts';
import { auditConferencesOf } from './audit/conference-audit.ts';
import { ConnectionAudit } from './audit/connection-audit.ts';
import { invitationNames, type InvitedTo } from './audit/invitation-names.ts';
import type { ServerConfig } from './config.ts';
import { registerAccountRoutes } from './http/account-routes.ts';
import { registerAuditRoutes } from './http/audit-routes.ts';
import { registerActionItemRoutes } from './http/action-item-routes.ts';
import { registerRegionalIssueRoutes } from './http/regional-issue-routes.ts';
import { registerCaseRoutes } from './http/case-routes.ts';
import { CaseDigests } from './follow-up/case-digests.ts';
import { BODY_LIMIT_BYTES, registerErrorHandler, routerErrors } from './http/errors.ts';
import { registerTextInput } from './http/text-input.ts';
import { registerRecordRoutes } from './http/record-routes.ts';
import { ClosedConferenceRecorder } from './records/closed-conference-recorder.ts';
import { memberRecordAccess } from './records/record-access.ts';
import { RecordStore } from './records/record-store.ts';
import { RecordsService } from './records/records-service.ts';
import { registerMembershipRoutes } from './http/membership-routes.ts';
import { registerSecurity } from './http/security.ts';
import { LocalAttemptCounter, RedisAttemptCounter } from './http/attempt-counter.ts';
import { addressesFromTrail, FailedSignIns } from './http/failed-sign-ins.ts';
import { registerSessionRoutes } from './http/session-routes.ts';
import { type Fanout, localOnly } from './fanout/fanout.ts';
import type { SqlCaseStore } from './storage/sql-store.ts';
import { ConnectionsPerPerson } from './sync/connections-per-person.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { registerSyncRoute, SyncConnections } from './sync/websocket-route.ts';
import { conferenceIdsWith, readConferences } from '@care/case-doc';
import { conferenceRoleGuard } from './access/conference-guard.ts';
import { ClosingGrace } from './access/closing-grace.ts';
import { allOf, type WriteGuard } from './sync/write-guard.ts';
import { warmUpYjs } from './sync/warm-up.ts';
import { loggedRequest } from './http/request-log.ts';
import { loggedError } from './http/error-log.ts';

export type AppOptions = {
  config: ServerConfig;
  /** Cases, and (in the same database) accounts, memberships, the audit trail and conference records. */
  store: SqlCaseStore;
  /** Relays edits and presence to other server processes (default: this process only). */
  fanout?: Fanout;
  /** Who may change what in a case doc, on top of membership (default: the conference roles decide, conferenceRoleGuard). */
  writeGuard?: WriteGuard;
  /** Where log lines (JSON) go (default: stdout). */
  logStream?: { write: (line: string) => void };
};

/** Assembles the server: HTTP API, websocket sync, and the built web app when there is one. */
export async function buildApp({ config, store, fanout = localOnly, writeGuard, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: config.LOG_LEVEL, stream: logStream, serializers: { req: loggedRequest, err: loggedError } }, bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.TRUST_PROXY, ...routerErrors });
  warmUpYjs();
  const onError = (error: unknown, context: string) => app.log.error({ err: error }, context);
  const records = new RecordStore(store.db);
  const access = openAccessServices(store.db, {
    policy: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, maxMs: config.SESSION_MAX_HOURS * 3_600_000 },
    fanout,
    onError,
  });
  // Shared by the lists across cases and the trail's names of invitations, so a case changed since either read it is folded once.
  const digests = new CaseDigests(store);
  const invitedTo = invitationNames(store, digests);
  const stopRecordingEndedSessions = recordEndedSessionsEveryMinute({ access, invitedTo }, onError);
  app.addHook('onClose', async () => stopRecordingEndedSessions());
  const connectionAudit = new ConnectionAudit(access.audit, config.AUDIT_EDIT_WINDOW_MINUTES * 60_000, (error) =>
    onError(error, 'recording an edit in the audit trail'),
  );
  const grace = new ClosingGrace(config.CLOSING_GRACE_MS);
  const recorder = new ClosedConferenceRecorder({
    records,
    waitMs: 2 * config.CLOSING_GRACE_MS,
    withRoom: (caseId, task) => rooms.withRoom(caseId, task),
    onRecorded: (record) => app.log.info({ caseId: record.caseId, recordId: record.id }, 'recorded a closed conference'),
    onError,
  });
  const rooms = new RoomRegistry(store, {
    compactEvery: config.COMPACT_EVERY,
    // Eight of the largest edits (16 MiB by default): minutes of a busy case's typing on a slow
    // mobile link (a 20-page summary pasted is ~100 KiB), and no one connection's backlog without end.
    unreadEditsMax: 8 * config.MAX_MESSAGE_BYTES,
    idleUnloadMs: config.IDLE_UNLOAD_MS,
    fanout,
    writeGuard: allOf(membershipWriteGuard, participantIdentityGuard, guestScopeGuard(grace), writeGuard ?? conferenceRoleGuard(grace)),
    onRefusedWrite: (peer, caseId, reason) => app.log.warn({ caseId, userId: peer.principal.userId, reason }, 'refused a write'),
    onOpen: (room) => countPresenceAsActivity(room, access.sessions),
    onLoad: (room) => {
      grace.follow(room);
      recorder.follow(room);
      auditConferencesOf(room, access.audit, onError);
      invitationsFollowTheirConferences(room, { access, invitedTo }, { closingGraceMs: config.CLOSING_GRACE_MS, onError });
    },
    onWrite: (peer, caseId) => {
      connectionAudit.edited(peer.principal, caseId, peer.address);
      access.sessions.noteActivity(peer.principal.sessionId);
    },
    onError,
  });
  const connections = new SyncConnections();
  app.decorate('rooms', rooms);
  app.decorate('access', access);
  app.decorate('invitedTo', invitedTo);

  const webApp = !!config.WEB_DIST && existsSync(join(config.WEB_DIST, 'index.html'));
  if (config.WEB_DIST && !webApp) app.log.warn({ webDist: config.WEB_DIST }, 'no built web app (index.html) in WEB_DIST: serving the API only, its pages answer 404 (build it: pnpm --filter @care/web build)');
  registerErrorHandler(app, { webApp });
  // On every response: the server's clock, which browsers write into cases (SERVER_TIME_HEADER), and
  // which build of the web app it serves, so that a page still open from an earlier one asks to be
  // reloaded (BUILD_HEADER).
  const webBuild = webApp && webBuildIn(config.WEB_DIST!);
  app.addHook('onSend', async (_request, reply) => {
    reply.header(SERVER_TIME_HEADER, String(Date.now()));
    if (webBuild) reply.header(BUILD_HEADER, webBuild);
  });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: config.MAX_MESSAGE_BYTES },
    // New upgrades are refused (503) by now. Each connection stores what it has received, then
    // closes telling its client why; records still waiting are taken; then every open case is
    // compacted and released.
    preClose: async () => {
      await connections.closeAll(CloseCode.goingAway, 'server shutting down');
      await recorder.takeWaitingNow();
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
    },
  });
  // After the websocket plugin, whose own onRequest hook must run first for a refused upgrade's socket to be released.
  await registerSecurity(app, { config, sessions: access.sessions });
  registerTextInput(app);
  app.get('/api/health', async () => ({ ok: true, loadedCases: rooms.loadedCount }));
  const attempts = config.REDIS_URL ? await RedisAttemptCounter.connect(config.REDIS_URL, config.REDIS_PREFIX, onError) : new LocalAttemptCounter();
  app.addHook('onClose', () => attempts.close());
  const limits = {
    perAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
    perAddress: config.LOGIN_FAILURES_PER_ADDRESS,
    windowMs: config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000,
  };
  const failedSignIns = new FailedSignIns(attempts, limits, addressesFromTrail(access.accounts, access.accountAudit));
  registerSessionRoutes(app, { config, access, failedSignIns, invitedTo });
  registerAccountRoutes(app, { access, config, failedSignIns });
  registerCaseRoutes(app, {
    store,
    access,
    hasLiveConference: (caseId) => rooms.withRoom(caseId, async (room) => conferenceIdsWith(room.doc, 'live').size > 0),
    digests,
  });
  registerMembershipRoutes(app, {
    store,
    access,
    conferenceOf: (caseId, conferenceId) => rooms.withRoom(caseId, async (room) => readConferences(room.doc).value.find((c) => c.id === conferenceId)),
  });
  registerAuditRoutes(app, { store, access, config });
  registerActionItemRoutes(app, { store, access, digests });
  registerRegionalIssueRoutes(app, { store, access, digests });
  registerRecordRoutes(app, {
    access: memberRecordAccess(store, access),
    service: new RecordsService({ records, cases: store, rooms, digests }),
    audit: access.audit,
    limit: config.TIMELINE_LIMIT,
  });
  // A connection may have a few of the largest frames waiting before it is read no further (FrameBacklog).
  registerSyncRoute(app, {
    store,
    rooms,
    access,
    audit: connectionAudit,
    connections,
    perPerson: new ConnectionsPerPerson(config.CONNECTIONS_PER_PERSON),
    backlogBytes: 4 * config.MAX_MESSAGE_BYTES,
  });

  if (webApp) {
    // Compressed by the build (.br, .gz beside each file), sent so to a browser that takes them.
    await app.register(fastifyStatic, { root: config.WEB_DIST!, wildcard: false, preCompressed: true });
    // The single-page app's own pages all load index.html ('/' is the static index itself).
    for (const page of Object.values(WEB_PAGES)) {
      if (page !== WEB_PAGES.caseList) app.get(page, (_request, reply) => reply.sendFile('index.html'));
    }
  }
  return app;
}

/** The id of the built web app in `webDist` (build-id.txt, which its build writes), if it has one. */
function webBuildIn(webDist: string): string | undefined {
  try {
    return readFileSync(join(webDist, 'build-id.txt'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomRegistry;
    /** Accounts, sessions, memberships, invitations, audit trail and live connections. */
    access: AccessServices;
    /** How the account trail names a guest's invitation (its case and conference by their names now). */
    invitedTo: InvitedTo;
  }
}
