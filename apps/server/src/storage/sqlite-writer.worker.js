// The SQLite store's writer, on its own thread: compactions (and, with synchronous=full, appends)
// commit here, so an fsync and the fold's CPU never block the event loop that relays edits. With
// synchronous=normal an append costs no fsync and commits on the event loop itself (no thread
// hand-off), and this thread runs the WAL checkpoints, the only place that level fsyncs.
// Plain JavaScript, so a worker thread loads it without a TypeScript loader. Messages are handled
// one at a time, in order.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { foldUpdates } from './fold.js';

/** @type {{ file: string; synchronous: 'full' | 'normal'; checkpointEveryMs?: number }} */
const { file, synchronous, checkpointEveryMs } = workerData;
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${synchronous}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 10000');

const insert = db.prepare('insert into case_updates (case_id, data) values (?, ?)');
const snapshot = db.prepare('select data from case_snapshots where case_id = ?').pluck();
const logged = db.prepare('select seq, data from case_updates where case_id = ? order by seq');
const upsertSnapshot = db.prepare(
  `insert into case_snapshots (case_id, data, through_seq) values (?, ?, ?)
   on conflict (case_id) do update set data = excluded.data, through_seq = excluded.through_seq`,
);
// Log seqs only grow, and every row up to `through` was read and folded: later appends stay.
const deleteFolded = db.prepare('delete from case_updates where case_id = ? and seq <= ?');

const append = db.transaction((/** @type {{ caseId: string; update: Uint8Array }[]} */ items) => {
  for (const { caseId, update } of items) insert.run(caseId, update);
});

const readLog = db.transaction((/** @type {string} */ caseId) => ({ rows: logged.all(caseId), base: snapshot.get(caseId) }));
const storeFold = db.transaction((/** @type {string} */ caseId, /** @type {Uint8Array} */ folded, /** @type {number} */ through) => {
  upsertSnapshot.run(caseId, folded, through);
  deleteFolded.run(caseId, through);
});

/** Reads, folds outside any transaction (appends on the event loop carry on), then swaps in one short write. */
function compact(/** @type {string} */ caseId) {
  const { rows, base } = readLog(caseId);
  if (rows.length === 0) return 0;
  const updates = rows.map((row) => new Uint8Array(row.data));
  if (base) updates.unshift(new Uint8Array(base));
  storeFold(caseId, foldUpdates(updates), rows.at(-1).seq);
  return rows.length;
}

if (checkpointEveryMs) setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), checkpointEveryMs);

parentPort.postMessage({ ready: true });

parentPort.on('message', (/** @type {{ id: number; op: string; items?: any; caseId?: string }} */ request) => {
  try {
    let result;
    if (request.op === 'append') result = append(request.items);
    else if (request.op === 'compact') result = compact(request.caseId);
    else if (request.op === 'close') db.close();
    parentPort.postMessage({ id: request.id, result: typeof result === 'number' ? result : undefined });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
