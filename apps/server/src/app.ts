import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Authenticate, selfDeclared } from './access/principal.ts';
import type { ServerConfig } from './config.ts';
import { registerCaseRoutes } from './http/case-routes.ts';
import { registerErrorHandler } from './http/errors.ts';
import { type MinutesExport, registerRecordRoutes } from './http/record-routes.ts';
import { recordClosedConferences } from './records/closed-conference-recorder.ts';
import { openRecordAccess } from './records/record-access.ts';
import { RecordStore } from './records/record-store.ts';
import { RecordsService } from './records/records-service.ts';
import { type Fanout, localOnly } from './fanout/fanout.ts';
import type { SqlCaseStore } from './storage/sql-store.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { CloseCode, registerSyncRoute } from './sync/websocket-route.ts';
import { conferenceRoleGuard } from './access/conference-guard.ts';
import type { WriteGuard } from './sync/write-guard.ts';
import { warmUpYjs } from './sync/warm-up.ts';

export type AppOptions = {
  config: ServerConfig;
  /** Cases, and (in the same database) their conference records. */
  store: SqlCaseStore;
  /** How requests and websockets are authenticated (default: self-declared identity). */
  authenticate?: Authenticate;
  /** Relays edits and presence to other server processes (default: this process only). */
  fanout?: Fanout;
  /** Who may change what in a case doc (default: the conference roles decide). */
  writeGuard?: WriteGuard;
  /** Records an export of minutes in the audit trail (default: the server log). */
  auditExport?: (entry: MinutesExport) => Promise<void>;
};

/** Assembles the server: HTTP API, websocket sync, and the built web app when there is one. */
export async function buildApp({
  config,
  store,
  authenticate = selfDeclared,
  fanout = localOnly,
  writeGuard = conferenceRoleGuard,
  auditExport,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: config.LOG_LEVEL }, bodyLimit: 64 * 1024 });
  warmUpYjs();
  const onError = (error: unknown, context: string) => app.log.error({ err: error }, context);
  const records = new RecordStore(store.db);
  const rooms = new RoomRegistry(store, {
    compactEvery: config.COMPACT_EVERY,
    idleUnloadMs: config.IDLE_UNLOAD_MS,
    fanout,
    writeGuard,
    onRefusedWrite: (peer, caseId, reason) => app.log.warn({ caseId, userId: peer.principal.userId, reason }, 'refused a write'),
    onLoad: (room) =>
      recordClosedConferences(room, records, (record) => app.log.info({ caseId: record.caseId, recordId: record.id }, 'recorded a closed conference'), onError),
    onError,
  });
  app.decorate('rooms', rooms);

  registerErrorHandler(app);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: config.MAX_MESSAGE_BYTES },
    // Flush and compact every open case before sockets go, then tell clients why they went.
    preClose: async () => {
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
    },
  });
  app.get('/api/health', async () => ({ ok: true, loadedCases: rooms.loadedCount }));
  registerCaseRoutes(app, { store });
  registerRecordRoutes(app, {
    records,
    access: openRecordAccess(store, authenticate),
    service: new RecordsService({ records, cases: store, rooms }),
    // Until the audit trail exists, exports at least reach the server log.
    auditExport:
      auditExport ??
      (async ({ actor, caseId, recordId, format }) => app.log.info({ audit: 'export', userId: actor.userId, caseId, recordId, format }, 'exported minutes')),
  });
  registerSyncRoute(app, { store, rooms, authenticate });

  if (config.WEB_DIST && existsSync(join(config.WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.WEB_DIST, wildcard: false });
    // The single-page app's own routes all load index.html; anything else unknown stays a 404.
    app.get('/cases/*', (_request, reply) => reply.sendFile('index.html'));
    app.get('/records', (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomRegistry;
  }
}
