import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type AppOptions, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openFanout } from '../src/fanout/open-fanout.ts';
import { openStore } from '../src/storage/open-store.ts';
import type { SqlCaseStore } from '../src/storage/sql-store.ts';

export type RunningServer = {
  app: FastifyInstance;
  store: SqlCaseStore;
  httpUrl: string;
  wsUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
};

/**
 * A real server on a free loopback port with its own SQLite file (reused when dataDir is given),
 * or on PostgreSQL when env has DATABASE_URL (and relaying through Redis with REDIS_URL).
 */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string> } & Pick<AppOptions, 'writeGuard' | 'auditExport'> = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'care-server-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...options.env });
  const store = await openStore(config);
  const fanout = await openFanout(config, (error, context) => app.log.error({ err: error }, context));
  const app = await buildApp({ config, store, fanout, writeGuard: options.writeGuard, auditExport: options.auditExport });
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

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

export async function createCase(server: Pick<RunningServer, 'httpUrl'>, title = 'テストケース'): Promise<string> {
  const response = await fetch(`${server.httpUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create case failed: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export type TestClient = { doc: Y.Doc; provider: WebsocketProvider; destroy: () => void };

/** A y-websocket client exactly like the browser's, over the `ws` package. Resolves once synced. */
export async function connectClient(
  server: Pick<RunningServer, 'wsUrl'>,
  caseId: string,
  who: { userId: string; name: string; agency: string } = testUser(),
): Promise<TestClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, caseId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: who,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Collects the reasons the server gives when it refuses this client's writes (y-protocols auth messages). */
export function permissionDenials(provider: WebsocketProvider): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => reasons.push(reason));
  };
  return reasons;
}

let users = 0;
/** A distinct person each call (the counter keeps ids apart within one millisecond). */
export function testUser(name?: string, agency = '地域包括支援センター') {
  const n = ++users;
  return { userId: `test-user-${n}-${Date.now()}`, name: name ?? `利用者${n}`, agency };
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
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Opens a raw websocket to a case and records how the server closes it. */
export function rawSocket(server: RunningServer, caseId: string) {
  const query = new URLSearchParams(testUser());
  const socket = new WebSocket(`${server.wsUrl}/${caseId}?${query}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { socket, opened, closed };
}
