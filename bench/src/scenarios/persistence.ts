import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type CaseStore, openSqliteStore, openStore } from '@care/server';
import { pgSchema } from '../postgres.ts';
import { LeveldbPersistence } from 'y-leveldb';
import { type Cell, na, type Section } from '../report-model.ts';
import { tempDir } from '../servers.ts';
import { Typist } from '../workload.ts';
import type { Settings } from '../settings.ts';

const WRITERS = 50;

type Store = { append(doc: string, update: Uint8Array): Promise<unknown>; docs: string[] };

/** How far a write must have got before the typist sends the next. */
type Stage = 'written' | 'durable';

/** 50 cases with one typist each, each waiting for its previous write, for a fixed time: updates/s stored. */
async function absorb(store: Store, durationMs: number): Promise<number> {
  const deadline = performance.now() + durationMs;
  const start = performance.now();
  let stored = 0;
  await Promise.all(
    store.docs.map(async (doc) => {
      const typist = new Typist();
      await store.append(doc, typist.initialUpdate());
      while (performance.now() < deadline) {
        await store.append(doc, typist.type().update);
        stored++;
      }
    }),
  );
  return stored / ((performance.now() - start) / 1000);
}

async function absorbCases(store: CaseStore, stage: Stage, durationMs: number): Promise<number> {
  const docs: string[] = [];
  for (let i = 0; i < WRITERS; i++) docs.push((await store.createCase({ id: randomBytes(9).toString('base64url'), title: `${i}` })).id);
  const append =
    stage === 'durable'
      ? (doc: string, update: Uint8Array) => store.appendUpdate(doc, update)
      : (doc: string, update: Uint8Array) =>
          new Promise<void>((written, failed) => store.appendUpdate(doc, update, written).catch(failed));
  try {
    return await absorb({ docs, append }, durationMs);
  } finally {
    await store.close();
  }
}

export async function persistence(settings: Settings): Promise<Section> {
  const oursDir = tempDir('persist-ours');
  const ywsDir = tempDir('persist-yws');
  try {
    const sqlite = (name: string) => openSqliteStore(join(oursDir.path, `${name}.sqlite`));
    const writtenRate = await absorbCases(await sqlite('written'), 'written', settings.persistenceMs);
    const durableRate = await absorbCases(await sqlite('durable'), 'durable', settings.persistenceMs);
    const postgres = await pgSchema();
    const postgresRate =
      'url' in postgres
        ? await absorbCases(await openStore({ DATA_DIR: oursDir.path, DATABASE_URL: postgres.url }), 'durable', settings.persistenceMs).finally(
            () => postgres.drop(),
          )
        : na(postgres.unavailable);

    const leveldb = new LeveldbPersistence(join(ywsDir.path, 'leveldb'));
    const docs = Array.from({ length: WRITERS }, (_, i) => `doc-${i}`);
    const levelRate = await absorb({ docs, append: (doc, update) => leveldb.storeUpdate(doc, update) }, settings.persistenceMs);
    await leveldb.destroy();
    settings.log(`persistence: ours written ${writtenRate.toFixed(0)}/s, durable ${durableRate.toFixed(0)}/s, PostgreSQL ${JSON.stringify(postgresRate)}; y-leveldb ${levelRate.toFixed(0)}/s`);
    return {
      title: 'Persistence cost',
      what: `Each server’s store driven directly (no websockets): ${WRITERS} cases with one typist each, each waiting until its previous keystroke is stored, for ${settings.persistenceMs / 1000} s.`,
      rows: [
        {
          metric: 'updates/s written (survive a crash of the server process)',
          unit: 'updates/s',
          better: 'higher',
          values: {
            ours: writtenRate,
            'y-websocket-server': levelRate,
            hocuspocus: na('no per-update store: the whole doc is written 2 s after the last change'),
          },
        },
        {
          metric: 'updates/s durable (fsynced: survive a power loss)',
          unit: 'updates/s',
          better: 'higher',
          values: {
            ours: durableRate,
            'y-websocket-server': na('y-leveldb never fsyncs'),
            hocuspocus: na('no per-update store: the whole doc is written 2 s after the last change'),
          },
        },
        {
          metric: 'updates/s stored, ours on PostgreSQL',
          unit: 'updates/s',
          better: 'higher',
          values: {
            ours: postgresRate,
            'y-websocket-server': na('no PostgreSQL persistence'),
            hocuspocus: na('no official PostgreSQL extension'),
          },
        },
      ],
      notes: [
        'Ours: SQLite WAL, commits on the event loop without an fsync (concurrent writes share a commit), fsynced on the store’s background thread. An update is *written* once its commit is in the OS (what a relay waits for), *durable* once the WAL has been fsynced after it (what the sender’s acknowledgement waits for; the next batch is written during that fsync). PostgreSQL with its default synchronous_commit=on: each commit is both.',
        'y-websocket-server: y-leveldb `storeUpdate`, which LevelDB does not fsync: written, never durable (a machine crash can lose updates it reported stored). Its server does not wait for it before relaying.',
      ],
    };
  } finally {
    oursDir.remove();
    ywsDir.remove();
  }
}
