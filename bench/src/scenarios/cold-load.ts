import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { schema as hocuspocusSchema, upsertQuery as hocuspocusUpsert } from '@hocuspocus/extension-sqlite';
import { SqliteCaseStore } from '@care/server';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { BenchClient } from '../client.ts';
import { type Cell, na, type Row, type Section } from '../report-model.ts';
import { type ServerKind, servers, startServer, tempDir } from '../servers.ts';
import { editHistory } from '../workload.ts';
import type { Settings } from '../settings.ts';

const OPEN_TIMEOUT_MS = 120_000;
const CHUNK = 10_000;

type Seeded = {
  /** doc name per variant, in each server's store */
  ours: { raw: string; compacted: string };
  yWebsocket: string;
  hocuspocus: string;
  stateVector: Uint8Array;
};

/**
 * Opening a case whose history is 10k / 100k / 1M keystroke updates, on a freshly started
 * server process: time from connecting until the client holds the whole document.
 */
export async function coldLoad(settings: Settings): Promise<Section> {
  const dirs = { ours: tempDir('cold-ours'), yws: tempDir('cold-yws'), hp: tempDir('cold-hp') };
  const rows: Row[] = [];
  try {
    for (const size of settings.historySizes) {
      const seeded = await seed(size, dirs.ours.path, dirs.yws.path, dirs.hp.path);
      settings.log(`cold load: seeded ${size} updates`);
      const open = (kind: ServerKind, dir: string, caseId: string) => timeOpen(kind, dir, caseId, seeded.stateVector);
      const raw: Record<ServerKind, Cell> = {
        ours: await open('ours', dirs.ours.path, seeded.ours.raw),
        // y-leveldb folds a long log into one update while loading it, so the first open replays the raw log...
        'y-websocket-server': await open('y-websocket-server', dirs.yws.path, seeded.yWebsocket),
        hocuspocus: na('stores only whole-doc snapshots; there is no log to replay'),
      };
      const compacted: Record<ServerKind, Cell> = {
        ours: await open('ours', dirs.ours.path, seeded.ours.compacted),
        // ...and the second open reads what the first one folded.
        'y-websocket-server': await open('y-websocket-server', dirs.yws.path, seeded.yWebsocket),
        hocuspocus: await open('hocuspocus', dirs.hp.path, seeded.hocuspocus),
      };
      settings.log(`cold load ${size}: raw ${JSON.stringify(raw)} compacted ${JSON.stringify(compacted)}`);
      rows.push({ metric: `${size.toLocaleString('en')} updates, compacted`, unit: 'ms', better: 'lower', values: compacted });
      rows.push({ metric: `${size.toLocaleString('en')} updates, raw log replay`, unit: 'ms', better: 'lower', values: raw });
    }
  } finally {
    for (const dir of Object.values(dirs)) dir.remove();
  }
  rows.push({
    metric: 'PostgreSQL store (issue #6), any size',
    unit: 'ms',
    better: 'lower',
    values: {
      ours: na('TODO: no PostgreSQL store on main yet'),
      'y-websocket-server': na('no PostgreSQL persistence'),
      hocuspocus: na('not measured'),
    },
  });
  return {
    title: 'Cold load',
    what:
      'A case whose history is N keystroke updates (five typists taking turns, some backspaces, old text cut as it grows) is seeded straight into each server’s store; then a fresh server process is started and the time is measured from connecting until the client holds the whole document. “Compacted”: ours after `compact()` (what COMPACT_EVERY and unloading do), y-websocket-server on the second open (y-leveldb folds the log on the first), Hocuspocus always (it stores one snapshot). “Raw log replay”: the log as written, never compacted.',
    rows,
    notes: [
      'y-websocket-server’s log is written in bulk with y-leveldb’s own key layout (its `storeUpdate` manages ~5k updates/s, far too slow to seed a million).',
    ],
  };
}

async function seed(size: number, oursDir: string, ywsDir: string, hpDir: string): Promise<Seeded> {
  const ours = new SqliteCaseStore(join(oursDir, 'cases.sqlite'));
  const raw = (await ours.createCase({ id: randomBytes(9).toString('base64url'), title: `raw ${size}` })).id;
  const compacted = (await ours.createCase({ id: randomBytes(9).toString('base64url'), title: `compacted ${size}` })).id;
  const leveldb = new LeveldbPersistence(join(ywsDir, 'leveldb'));
  const yWebsocket = `history-${size}`;
  const doc = new Y.Doc();
  let clock = 0;
  let batch: Uint8Array[] = [];
  const flush = async () => {
    await Promise.all(batch.flatMap((update) => [ours.appendUpdate(raw, update), ours.appendUpdate(compacted, update)]));
    if (clock === 0) await leveldb.storeUpdate(yWebsocket, batch.shift()!).then(() => clock++);
    const ops = batch.map((update) => ({ type: 'put', key: ['v1', yWebsocket, 'update', clock++], value: Buffer.from(update) }));
    await (leveldb as unknown as { _transact: (f: (db: { batch: (o: unknown) => Promise<void> }) => Promise<void>) => Promise<void> })._transact((db) => db.batch(ops));
    batch = [];
  };
  for (const update of editHistory(size)) {
    Y.applyUpdate(doc, update);
    batch.push(update);
    if (batch.length >= CHUNK) await flush();
  }
  if (batch.length > 0) await flush();
  await ours.compact(compacted);
  await ours.close();
  await leveldb.destroy();

  const hocuspocus = `history-${size}`;
  const hp = new Database(join(hpDir, 'hocuspocus.sqlite'));
  hp.exec(hocuspocusSchema);
  hp.prepare(hocuspocusUpsert).run({ name: hocuspocus, data: Buffer.from(Y.encodeStateAsUpdate(doc)) });
  hp.close();
  const stateVector = Y.encodeStateVector(doc);
  doc.destroy();
  return { ours: { raw, compacted }, yWebsocket, hocuspocus, stateVector };
}

async function timeOpen(kind: ServerKind, dataDir: string, caseId: string, stateVector: Uint8Array): Promise<Cell> {
  const server = await startServer(servers[kind], dataDir);
  const expected = Y.decodeStateVector(stateVector);
  const doc = new Y.Doc();
  const complete = () => [...expected].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  try {
    const start = performance.now();
    const client = new BenchClient(server.wsBase, caseId, server.spec.dialect, undefined, doc);
    const loaded = new Promise<void>((resolve) => {
      doc.on('update', () => complete() && resolve());
    });
    await client.opened;
    void client.sync();
    const timedOut = await Promise.race([
      loaded.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), OPEN_TIMEOUT_MS).unref()),
    ]);
    const elapsed = performance.now() - start;
    await client.close();
    return timedOut ? na(`did not finish in ${OPEN_TIMEOUT_MS / 1000} s`) : elapsed;
  } finally {
    // No graceful stop: it would compact our raw log, which the next measurement must still find raw.
    // y-leveldb persists as it goes, so it needs no flush either.
    await (kind === 'ours' ? server.kill() : server.stop());
    doc.destroy();
  }
}
