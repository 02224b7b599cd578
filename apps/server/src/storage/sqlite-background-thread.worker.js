// The SQLite store's background thread: the fsyncs that make appends durable (see
// sqlite-appends.ts), the folding of compactions and WAL checkpoints run here, so an fsync and the
// fold's CPU never block the event loop that relays edits. An fsync of the WAL runs asynchronously
// and covers every commit written before it started; sync requests that arrive meanwhile share the
// next one. It commits nothing itself: the event loop's append connection stores each fold
// (sqlite-compaction.ts), so the update log has one writer and appends never wait for its lock.
// Plain JavaScript, so a worker thread loads it without a TypeScript loader. Messages are handled
// one at a time, in order.
import Database from 'better-sqlite3';
import { closeSync, fsync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { foldUpdates } from './fold.js';

/** @type {{ file: string; checkpointEveryMs: number }} */
const { file, checkpointEveryMs } = workerData;
const db = new Database(file);
db.pragma('journal_mode = WAL');
// Checkpoints fsync the WAL before and the database after copying.
db.pragma('synchronous = normal');
db.pragma('busy_timeout = 10000');

const snapshot = db.prepare('select data from case_snapshots where case_id = ?').pluck();
const logged = db.prepare('select seq, data from case_updates where case_id = ? order by seq');
const readLog = db.transaction((/** @type {string} */ caseId) => ({ rows: logged.all(caseId), base: snapshot.get(caseId) }));

/**
 * A case's snapshot and logged updates folded into one, with the last seq folded and how many log
 * rows it covers; undefined when nothing is logged after the snapshot.
 */
function fold(/** @type {string} */ caseId) {
  const { rows, base } = readLog(caseId);
  if (rows.length === 0) return undefined;
  const updates = rows.map((row) => new Uint8Array(row.data));
  if (base) updates.unshift(new Uint8Array(base));
  return { data: foldUpdates(updates), throughSeq: rows.at(-1).seq, count: rows.length };
}

// The event loop's connection never checkpoints (its commits would wait for the fsyncs): this does.
const checkpoints = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), checkpointEveryMs);

/** Sync requests not yet covered by an fsync, whether an fsync is running, and a close waiting for it. */
let unsynced = [];
let syncing = false;
let closing;
/** The WAL file (it exists while the database is open in WAL mode); fsync of any descriptor flushes the file. */
let wal;

function syncWal() {
  if (syncing || unsynced.length === 0) return;
  syncing = true;
  const covered = unsynced;
  unsynced = [];
  wal ??= openSync(`${file}-wal`, 'r');
  fsync(wal, (error) => {
    syncing = false;
    for (const id of covered) parentPort.postMessage(error ? { id, error: `fsync of the WAL failed: ${error.message}` } : { id });
    syncWal();
    closeWhenSynced();
  });
}

function closeWhenSynced() {
  if (closing === undefined || syncing || unsynced.length > 0) return;
  clearInterval(checkpoints);
  db.close();
  if (wal !== undefined) closeSync(wal);
  parentPort.postMessage({ id: closing });
}

parentPort.postMessage({ ready: true });

parentPort.on('message', (/** @type {{ id: number; op: string; caseId?: string }} */ request) => {
  try {
    let result;
    if (request.op === 'sync') {
      unsynced.push(request.id);
      syncWal();
      return;
    } else if (request.op === 'fold') result = fold(request.caseId);
    else if (request.op === 'close') {
      closing = request.id; // after the fsyncs still running
      closeWhenSynced();
      return;
    }
    parentPort.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
