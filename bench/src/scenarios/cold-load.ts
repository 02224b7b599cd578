import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { schema as hocuspocusSchema, upsertQuery as hocuspocusUpsert } from '@hocuspocus/extension-sqlite';
import { type CaseStore, openSqliteStore, openStore } from '@care/server';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { BenchClient } from '../client.ts';
import { pgSchema } from '../postgres.ts';
import { type Cell, na, type Row, type Section } from '../report-model.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { median, sleep } from '../stats.ts';
import { editHistory } from '../workload.ts';
import type { Settings } from '../settings.ts';

const OPEN_TIMEOUT_MS = 120_000;
const SETTLE_MS = 300;
const CHUNK = 10_000;

/** One of our stores, seeded with the same history twice: one case left raw, one compacted. */
type OurStore = { label: string; store: CaseStore; env: Record<string, string>; raw: string; compacted: string };

/**
 * Opening a case whose history is 10k / 100k / 1M keystroke updates, on a freshly started
 * server process: time from connecting until the client holds the whole document.
 */
export async function coldLoad(settings: Settings): Promise<Section> {
  const dirs = { ours: tempDir('cold-ours'), yws: tempDir('cold-yws'), hp: tempDir('cold-hp') };
  const postgres = await pgSchema();
  const rows: Row[] = [];
  const floors: string[] = [];
  try {
    for (const size of settings.historySizes) {
      const name = `history-${size}`;
      const ours = [await ourStore('SQLite', await openSqliteStore(join(dirs.ours.path, 'cases.sqlite')), {})];
      if ('url' in postgres) {
        const env = { DATABASE_URL: postgres.url };
        ours.push(await ourStore('PostgreSQL', await openStore({ DATA_DIR: dirs.ours.path, ...env }), env));
      }
      const seeded = await seed(size, ours, join(dirs.yws.path, 'leveldb'), name, join(dirs.hp.path, 'hocuspocus.sqlite'));
      const { wholeDoc } = seeded;
      const floor = clientApplyMs(wholeDoc);
      floors.push(
        `${size.toLocaleString('en')} updates: the whole doc is ${(wholeDoc.length / 1024).toFixed(0)} KiB as one update; a client takes ${floor.toFixed(1)} ms to apply it.`,
      );
      settings.log(`cold load: seeded ${size} updates (${wholeDoc.length} bytes, client apply ${floor.toFixed(1)} ms)`);
      const open = (kind: ServerKind, dir: string, caseId: string, env: Record<string, string> = {}) =>
        timeOpen(kind, dir, caseId, seeded, env);
      // A compacted case opens the same way every time: take the median of three fresh processes.
      const openCompacted = async (kind: ServerKind, dir: string, caseId: string, env: Record<string, string> = {}) =>
        medianCell([await open(kind, dir, caseId, env), await open(kind, dir, caseId, env), await open(kind, dir, caseId, env)]);
      const [sqlite, pgStore] = ours;
      const label = size.toLocaleString('en');
      // y-leveldb folds a long log into one update while loading it: its first open replays the
      // raw log, the later ones read what the first folded.
      const ywsRaw = await open('y-websocket-server', dirs.yws.path, name);
      const ywsCompacted = await openCompacted('y-websocket-server', dirs.yws.path, name);
      rows.push({
        metric: `${label} updates, compacted`,
        unit: 'ms',
        better: 'lower',
        values: {
          ours: await openCompacted('ours', dirs.ours.path, sqlite!.compacted),
          'y-websocket-server': ywsCompacted,
          hocuspocus: await openCompacted('hocuspocus', dirs.hp.path, name),
        },
      });
      rows.push({
        metric: `${label} updates, raw log replay`,
        unit: 'ms',
        better: 'lower',
        values: {
          ours: await open('ours', dirs.ours.path, sqlite!.raw),
          'y-websocket-server': ywsRaw,
          hocuspocus: na('stores only whole-doc snapshots; there is no log to replay'),
        },
      });
      for (const variant of ['compacted', 'raw'] as const) {
        rows.push({
          metric: `${label} updates, ${variant === 'raw' ? 'raw log replay' : 'compacted'}, ours on PostgreSQL`,
          unit: 'ms',
          better: 'lower',
          values: {
            ours: !pgStore
              ? na((postgres as { unavailable: string }).unavailable)
              : variant === 'raw'
                ? await open('ours', dirs.ours.path, pgStore.raw, pgStore.env)
                : await openCompacted('ours', dirs.ours.path, pgStore.compacted, pgStore.env),
            'y-websocket-server': na('no PostgreSQL persistence'),
            hocuspocus: na('no official PostgreSQL extension'),
          },
        });
      }
      settings.log(`cold load ${size}: ${JSON.stringify(rows.slice(-4).map((row) => row.values))}`);
    }
  } finally {
    for (const dir of Object.values(dirs)) dir.remove();
    if ('drop' in postgres) await postgres.drop();
  }
  return {
    title: 'Cold load',
    what:
      'A case whose history is N keystroke updates (five typists taking turns, some backspaces, old text cut as it grows) is seeded straight into each server’s store; then a fresh server process is started and, 300 ms after it listens, the time is measured (median of three fresh processes for compacted cases, one for raw logs) from connecting until the client holds the whole document (the client’s Yjs code warmed up before each opening, as in a browser already running the app). “Compacted”: ours as one snapshot, as `compact()` leaves it (what COMPACT_EVERY and unloading do), y-websocket-server on its later opens (y-leveldb folds the log during the first), Hocuspocus always (it stores one snapshot). “Raw log replay”: the log as written, never compacted.',
    rows,
    notes: [
      'Every opening ends with the client integrating the whole document, which no server can avoid: Yjs keeps a tombstone for every deleted run of text (so that merges with clients holding older states stay correct), and five typists taking turns leave many, so the document grows with its history even though its text stays near 20k characters:',
      ...floors,
      'y-websocket-server’s log is written in bulk with y-leveldb’s own key layout (its `storeUpdate` manages ~5k updates/s, far too slow to seed a million); its raw-replay figure is its first open, which also folds the log.',
    ],
  };
}

function medianCell(cells: Cell[]): Cell {
  const numbers = cells.filter((cell): cell is number => typeof cell === 'number');
  return numbers.length === cells.length ? median(numbers) : cells.find((cell) => typeof cell !== 'number')!;
}

async function ourStore(label: string, store: CaseStore, env: Record<string, string>): Promise<OurStore> {
  const make = async (variant: string) =>
    (await store.createCase({ id: randomBytes(9).toString('base64url'), title: `${label} ${variant}` })).id;
  return { label, store, env, raw: await make('raw'), compacted: await make('compacted') };
}

type Seeded = { stateVector: Uint8Array; wholeDoc: Uint8Array };

/**
 * Writes the history into our raw case and LevelDB update by update, and the resulting doc into
 * our compacted case (then compact(): the same snapshot folding every update would give, without
 * a second million-row log to fold) and into Hocuspocus's SQLite.
 */
async function seed(size: number, ours: OurStore[], leveldbDir: string, name: string, hocuspocusFile: string): Promise<Seeded> {
  const leveldb = new LeveldbPersistence(leveldbDir);
  const doc = new Y.Doc();
  let clock = 0;
  let batch: Uint8Array[] = [];
  const flush = async () => {
    await Promise.all(
      ours.flatMap(({ store, raw, compacted }) =>
        batch.map((update) => store.appendUpdate(raw, update)),
      ),
    );
    if (clock === 0) await leveldb.storeUpdate(name, batch.shift()!).then(() => clock++);
    const ops = batch.map((update) => ({ type: 'put', key: ['v1', name, 'update', clock++], value: Buffer.from(update) }));
    await leveldb._transact((db) => db.batch(ops));
    batch = [];
  };
  for (const update of editHistory(size)) {
    Y.applyUpdate(doc, update);
    batch.push(update);
    if (batch.length >= CHUNK) await flush();
  }
  if (batch.length > 0) await flush();
  const wholeDoc = Y.encodeStateAsUpdate(doc);
  for (const { store, compacted } of ours) {
    await store.appendUpdate(compacted, wholeDoc);
    await store.compact(compacted);
    await store.close();
  }
  await leveldb.destroy();

  const hocuspocus = new Database(hocuspocusFile);
  hocuspocus.exec(hocuspocusSchema);
  hocuspocus.prepare(hocuspocusUpsert).run({ name, data: Buffer.from(wholeDoc) });
  hocuspocus.close();
  const stateVector = Y.encodeStateVector(doc);
  doc.destroy();
  return { stateVector, wholeDoc };
}

/** What any server's cold load includes: the client integrating the whole doc (median of three, in this warm process). */
function clientApplyMs(wholeDoc: Uint8Array): number {
  return median(
    [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      const start = performance.now();
      Y.applyUpdate(doc, wholeDoc);
      const elapsed = performance.now() - start;
      doc.destroy();
      return elapsed;
    }),
  );
}

async function timeOpen(
  kind: ServerKind,
  dataDir: string,
  caseId: string,
  { stateVector, wholeDoc }: Seeded,
  env: Record<string, string>,
): Promise<Cell> {
  if (!serverKinds.includes(kind)) return na('not measured in this run (BENCH_SERVERS)');
  // startServer collects this process's garbage first (seeding a long history leaves a large
  // heap of it). A full GC also drops V8's compiled code for Yjs, and integrating 200 KiB with
  // cold code takes the client 5–10 times longer: warm it up again, so the opening is timed for a
  // client that is already running (as a browser switching cases is), in every server's
  // measurement alike.
  const server = await startServer(servers[kind], dataDir, env);
  clientApplyMs(wholeDoc);
  // A restarted server meets its first user some time after it listens, not in the same
  // millisecond: every server gets the same moment to finish starting (its start-up code's GC
  // and compilation, which otherwise share these 2 cores with the opening being timed).
  await sleep(SETTLE_MS);
  const expected = Y.decodeStateVector(stateVector);
  const doc = new Y.Doc();
  const complete = () => [...expected].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  try {
    const start = performance.now();
    const client = new BenchClient(server.wsBase, caseId, server.dialect, undefined, doc);
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
