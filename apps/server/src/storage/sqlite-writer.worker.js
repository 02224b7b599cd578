// The SQLite store's writer, on its own thread: appends to the append-only tables (the update
// log and the audit trail), compactions and WAL checkpoints commit here, so an fsync and the fold's CPU never block the event loop that relays
// edits. An append is committed to the WAL without an fsync and reported `written` at once (the
// OS has it: it survives a crash of the process); with synchronous=full the WAL is then fsynced,
// asynchronously, so the next batch is written meanwhile, and the append is reported durable
// (it survives a power loss too). One fsync covers every batch written before it started.
// Plain JavaScript, so a worker thread loads it without a TypeScript loader. Messages are handled
// one at a time, in order.
import Database from 'better-sqlite3';
import { closeSync, fsync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { foldUpdates } from './fold.js';

/** @type {{ file: string; synchronous: 'full' | 'normal'; checkpointEveryMs: number }} */
const { file, synchronous, checkpointEveryMs } = workerData;
const db = new Database(file);
db.pragma('journal_mode = WAL');
// Commits reach the OS; durability (synchronous=full) comes from fsyncing the WAL below.
// Checkpoints still fsync the WAL before and the database after copying.
db.pragma('synchronous = normal');
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

const insertAudit = db.prepare(
  'insert into audit_log (case_id, actor_id, actor_name, actor_agency, action, at) values (?, ?, ?, ?, ?, ?)',
);

/** The append-only tables, each with how to insert one batch in one transaction. */
const appends = {
  case_updates: db.transaction((/** @type {{ caseId: string; update: Uint8Array }[]} */ items) => {
    for (const { caseId, update } of items) insert.run(caseId, update);
  }),
  audit_log: db.transaction((/** @type {import('./sqlite-writer.ts').AuditRow[]} */ rows) => {
    for (const row of rows) insertAudit.run(row.caseId, row.actorId, row.actorName, row.actorAgency, row.action, row.at);
  }),
};

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

// The event loop's connection never checkpoints (its commits would wait for the fsyncs): this does.
const checkpoints = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), checkpointEveryMs);

/** Appends written but not yet fsynced, whether an fsync is running, and a close waiting for it. */
let unsynced = [];
let syncing = false;
let closing;
/** The WAL file, opened once it exists (after the first append); fsync of any descriptor flushes the file. */
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

parentPort.on('message', (/** @type {{ id: number; op: string; table?: keyof typeof appends; items?: any; caseId?: string }} */ request) => {
  try {
    let result;
    if (request.op === 'append') {
      appends[request.table](request.items);
      if (synchronous === 'full') {
        parentPort.postMessage({ id: request.id, written: true });
        unsynced.push(request.id);
        syncWal();
        return;
      }
    } else if (request.op === 'compact') result = compact(request.caseId);
    else if (request.op === 'close') {
      closing = request.id; // after the fsyncs still running
      closeWhenSynced();
      return;
    }
    parentPort.postMessage({ id: request.id, result: typeof result === 'number' ? result : undefined });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
