import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it, vi } from 'vitest';
import { CaseTable } from '../../src/storage/case-table.ts';
import { inTransaction } from '../../src/storage/database.ts';
import { openSqliteStore } from '../../src/storage/open-store.ts';
import { removeDir } from '../harness.ts';
import { sqliteCompaction } from '../../src/storage/sqlite-compaction.ts';
import type { SqliteBackgroundThread } from '../../src/storage/sqlite-background-thread.ts';
import { beforeLookAlikeKeys } from './before-migrations.ts';
import { editsOf, storeContract, textOf } from './contract.ts';
import { recordStoreContract } from './records-contract.ts';

/** A fresh directory for one store's SQLite file. */
function tempStoreFile() {
  const dir = mkdtempSync(join(tmpdir(), 'care-store-'));
  return { file: join(dir, 'cases.sqlite'), remove: () => removeDir(dir) };
}

type SqliteStore = Awaited<ReturnType<typeof openSqliteStore>>;

/** Runs `use` on a store of a fresh SQLite file, closed and removed whatever happens. */
async function inFreshStore(use: (store: SqliteStore) => Promise<void>): Promise<void> {
  const { file, remove } = tempStoreFile();
  const store = await openSqliteStore(file);
  try {
    await use(store);
  } finally {
    await store.close();
    remove();
  }
}

async function sqliteLocation() {
  const { file, remove } = tempStoreFile();
  return { open: () => openSqliteStore(file), shared: false, remove: async () => remove() };
}
storeContract('SQLite (embedded)', sqliteLocation);
recordStoreContract('SQLite (embedded)', sqliteLocation);

it('opens a database created before migrations were tracked by the Migrator', async () => {
  const { file, remove } = tempStoreFile();
  // The schema as the first release wrote it, versioned with user_version.
  const legacy = new Database(file);
  legacy.exec(`
    create table cases (id text primary key, title text not null, created_at text not null);
    create table case_updates (seq integer primary key autoincrement, case_id text not null references cases(id), data blob not null);
    create index case_updates_by_case on case_updates(case_id, seq);
    create table case_snapshots (case_id text primary key references cases(id), data blob not null, through_seq integer not null);
    insert into cases values ('old', '以前のケース', '2026-01-01T00:00:00.000Z');
    pragma user_version = 1;`);
  legacy.close();

  const store = await openSqliteStore(file);
  expect(await store.getCase('old')).toMatchObject({ title: '以前のケース' });
  await store.close();
  remove();
});

it('keeps the update log of a database made before the log was stored in case order, and appends after its seqs', async () => {
  const { file, remove } = tempStoreFile();
  const [first, second, third, fourth] = editsOf(['一', '二', '三', '四']);
  // The log as it was until migration 0012: one rowid table for every case, seqs across cases.
  const older = await openSqliteStore(file);
  await beforeLookAlikeKeys(older.db.kysely);
  await older.close();
  const raw = new Database(file);
  raw.exec(`
    drop table case_updates;
    create table case_updates (seq integer primary key autoincrement, case_id text not null references cases(id), data blob not null);
    create index case_updates_by_case on case_updates(case_id, seq);
    delete from kysely_migration where name = '0012_case_updates_in_case_order';
    insert into cases values ('old', '以前のケース', '2026-01-01T00:00:00.000Z', null, null);`);
  raw.prepare('insert into case_snapshots (case_id, data, through_seq) values (?, ?, ?)').run('old', first, 10);
  const log = raw.prepare('insert into case_updates (seq, case_id, data) values (?, ?, ?)');
  log.run(11, 'old', second);
  log.run(12, 'old', third);
  raw.close();

  const store = await openSqliteStore(file);
  try {
    expect(textOf(await store.loadUpdates('old'))).toBe('一\n二\n三');
    await store.appendUpdate('old', fourth!);
    const seqs = store.db.sqliteFile!.appendConnection.prepare("select seq from case_updates where case_id = 'old' order by seq").pluck().all();
    expect(seqs).toEqual([11, 12, 13]);
    expect(await store.compact('old')).toBe(3);
    expect(textOf(await store.loadUpdates('old'))).toBe('一\n二\n三\n四');
  } finally {
    await store.close();
    remove();
  }
});

it('a fold stored after a later fold of the same case (its store waited for the write lock) replaces nothing', () =>
  inFreshStore(async (store) => {
    await store.createCase({ id: 'c1', title: 't' });
    const [first, second] = editsOf(['一', '二']);
    const thread = store.db.sqliteFile!.backgroundThread!;
    await store.appendUpdate('c1', first!);
    const earlier = await thread.fold('c1');
    await store.appendUpdate('c1', second!);
    const later = await thread.fold('c1');
    const arriving = [later, earlier];
    const compact = sqliteCompaction({ ...store.db.sqliteFile!, backgroundThread: { fold: async () => arriving.shift() } as unknown as SqliteBackgroundThread });
    expect(await compact('c1')).toBe(2);
    expect(await compact('c1')).toBe(0); // folded nothing into the case
    const loaded = await store.loadUpdates('c1');
    expect(loaded).toHaveLength(1);
    expect(textOf(loaded)).toBe('一\n二');
  }));

it('an edit arriving while a transaction on the event loop holds the write lock waits for it, then lands', () =>
  inFreshStore(async (store) => {
    await store.createCase({ id: 'c1', title: 't' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasWritten = new Promise<void>((resolve) => (locked = resolve));
    // A multi-statement transaction (like granting access) that has written and now awaits.
    const transaction = store.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values({ id: 'c2', title: 'u', area: null, created_at: new Date().toISOString() }).execute();
      locked();
      await held;
    });
    await hasWritten;
    let written = false;
    const append = store.appendUpdate('c1', new Uint8Array([0, 0]), () => (written = true));
    // The append retries on later ticks (waiting inside SQLite would block the loop that must end the transaction).
    await sleep(30);
    expect(written).toBe(false);
    release();
    await transaction;
    await append;
    expect(written).toBe(true);
    expect(await store.loadUpdates('c1')).toHaveLength(1);
    expect(await store.getCase('c2')).toMatchObject({ title: 'u' });
  }));

it('a transaction that reads, then writes after an edit was appended meanwhile, commits (it holds the write lock from its start)', () =>
  inFreshStore(async (store) => {
    await store.createCase({ id: 'c1', title: 't' });
    let written = false;
    let append!: Promise<void>;
    // Like an administrator's change: read what is there, then write it with its trail row.
    await inTransaction(store.db, async (tx) => {
      const before = await new CaseTable(tx).getCase('c1');
      append = store.appendUpdate('c1', new Uint8Array([0, 0]), () => (written = true));
      // The append tries meanwhile. Begun deferred, the transaction would let it commit, its read
      // above would be stale, and its write refused (SQLITE_BUSY, which no busy timeout waits out).
      await sleep(30);
      expect(written).toBe(false);
      await new CaseTable(tx).setClosed('c1', before!.createdAt);
    });
    await append;
    expect(written).toBe(true);
    expect(await store.loadUpdates('c1')).toHaveLength(1);
    expect(await store.getCase('c1')).toMatchObject({ closedAt: expect.any(String) });
  }));

/** The store's SQLite background thread, and the operations sent to it, in order. */
function watchedThread(store: SqliteStore) {
  const thread = store.db.sqliteFile!.backgroundThread!;
  const worker = (thread as unknown as { worker: { postMessage: (message: { op: string }) => void } }).worker;
  const sent: string[] = [];
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (message) => {
    sent.push(message.op);
    post(message);
  };
  return { thread, sent };
}

it('shares fsyncs of the WAL: all who ask before one starts share it; asked while it runs, they share the next', () =>
  inFreshStore(async (store) => {
    const { thread, sent } = watchedThread(store);
    const order: string[] = [];
    const fsyncsSentWhenDone: number[] = [];
    const first = Array.from({ length: 10 }, (_, i) =>
      thread.sync(5).then(() => {
        order.push(`first ${i}`);
        fsyncsSentWhenDone.push(sent.length);
      }),
    );
    await vi.waitFor(() => expect(sent).toEqual(['sync']), { interval: 1 });
    // Asked once it has started: their commits may postdate the fsync's start.
    const later = Array.from({ length: 50 }, (_, i) => thread.sync().then(() => order.push(`later ${i}`)));
    await Promise.all([...first, ...later]);
    expect(sent).toEqual(['sync', 'sync']);
    expect(fsyncsSentWhenDone).toEqual(Array(10).fill(1)); // the first ten shared the first fsync
    expect(order.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `first ${i}`));
    expect(order).toHaveLength(60);
  }));

it('an fsync asked for at once starts at once, taking along one that was waiting', () =>
  inFreshStore(async (store) => {
    const { thread, sent } = watchedThread(store);
    const waiting = thread.sync(60_000);
    await sleep(20); // it is waiting now
    await thread.sync();
    await waiting;
    expect(sent).toEqual(['sync']);
  }));
