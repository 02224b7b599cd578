import Database from 'better-sqlite3';
import {
  type ColumnType,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Generated,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { AccessEndReason, AgencyKind, GuestLetGo } from '@care/schema';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.ts';
import type { SqliteSynchronous, SqliteBackgroundThread } from './sqlite-background-thread.ts';

/** The tables of the server's database, as Kysely sees them (the same in SQLite and PostgreSQL). */
export interface Tables {
  cases: { id: string; title: string; area: string | null; created_at: string; closed_at: string | null };
  case_updates: {
    /**
     * Log order: within a case on SQLite (above every seq the case has had, its snapshot's last
     * included), across the database on PostgreSQL, which returns bigint as a string.
     */
    seq: ColumnType<number | string, never, never> & Generated<number | string>;
    case_id: string;
    data: Uint8Array;
  };
  case_snapshots: {
    case_id: string;
    data: Uint8Array;
    /** Highest log seq folded into this snapshot (informational: folded rows are deleted). */
    through_seq: number | string;
  };
  /** Immutable records of a case doc (append-only: triggers refuse UPDATE and DELETE). */
  conference_records: {
    id: string;
    case_id: string;
    conference_id: string | null;
    kind: string;
    label: string;
    taken_at: string;
    taken_by_id: string;
    taken_by_name: string;
    taken_by_agency: string;
    /** JSON array of the agencies that took part, for the timeline's agency filter. */
    agencies: string;
    state: Uint8Array;
    content_hash: string;
  };
  /**
   * What a keyword search reads of a record (searchableLines), as a JSON array: made from its state
   * the first time it is searched, once, so no later search, in any process or after a restart,
   * decodes the whole case doc again. Derived, not a record: kept apart from the append-only table.
   * A change to what searchableLines reads of a record needs a migration emptying this table.
   */
  record_search_text: {
    record_id: string;
    lines: string;
  };
  agencies: {
    id: string;
    name: string;
    kind: AgencyKind;
    /** lookAlikeKey(name), unique with earlier_lookalikes: no new agency looks like another. */
    name_key: string;
    /** 0, but for the later of look-alikes that were there before their keys were: 1, 2 … (see migration 0013). */
    earlier_lookalikes: number;
    created_at: string;
    disabled_at: string | null;
  };
  users: {
    id: string;
    login: string;
    /** lookAlikeKey(login), unique with earlier_lookalikes: sign-in finds the account by it. */
    login_key: string;
    /** As agencies.earlier_lookalikes. */
    earlier_lookalikes: number;
    name: string;
    agency_id: string;
    role: 'admin' | 'coordinator' | 'staff';
    /** scrypt parameters, salt and hash (see accounts/password.ts) */
    password_hash: string;
    /** When an administrator set the password, until its holder changes it (see AccountStore.setPassword). */
    temporary_password_at: string | null;
    disabled_at: string | null;
    created_at: string;
  };
  /** A signed-in browser: an account's, or a guest's who came through an invitation. */
  sessions: {
    /** SHA-256 of the cookie's token: a leaked table does not give anyone a session. */
    token_hash: string;
    user_id: string | null;
    invitation_id: string | null;
    created_at: string;
    last_seen_at: string;
    /** Absolute end, however active the session is. */
    expires_at: string;
    /** Set when disabling its account (or agency) ended it, or a guest was let go (its invitation revoked, its conference ended): kept till expires_at to tell its browser why. */
    ended_reason: typeof AccessEndReason.accountDisabled | GuestLetGo | null;
  };
  /** Who may open a case: a whole agency or one user, to edit or only to read. */
  case_members: {
    id: string;
    case_id: string;
    agency_id: string | null;
    user_id: string | null;
    access: 'edit' | 'read';
    created_by: string;
    created_at: string;
  };
  invitations: {
    id: string;
    token_hash: string;
    case_id: string;
    conference_id: string;
    name: string;
    agency: string;
    access: 'edit' | 'read';
    created_by: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
    /** When the invited conference closed (then the invitation admits no one). */
    conference_closed_at: string | null;
  };
  /** Append-only (triggers refuse UPDATE and DELETE): who opened, edited, exported a case, when. */
  audit_log: {
    seq: ColumnType<number | string, never, never> & Generated<number | string>;
    case_id: string;
    actor_id: string;
    actor_name: string;
    actor_agency: string;
    action: string;
    at: string;
    /** AuditSubject as JSON, on grant and revoke rows. */
    subject: string | null;
    /** The client's address (null: the server's own command, or a row from before it was kept). */
    address: string | null;
  };
  /** Append-only, like audit_log: what was done to which account or agency, by whom, when. */
  account_audit: {
    seq: ColumnType<number | string, never, never> & Generated<number | string>;
    actor_id: string;
    actor_name: string;
    actor_agency: string;
    action: string;
    subject_id: string;
    subject_name: string;
    /** AccountChange[] as JSON. */
    changes: string;
    /** The client's address (null: the server's own command). */
    address: string | null;
    at: string;
    /** SignInRefusal, on sign-in-failed rows. */
    refusal: string | null;
  };
}

export type Engine = 'sqlite' | 'postgres';

/**
 * An open database: one query layer (Kysely) whichever engine is underneath. An SQLite file also
 * carries what writes its append-only tables without an fsync on the event loop (sqlite-appends.ts).
 */
export type Db = {
  engine: Engine;
  kysely: Kysely<Tables>;
  /** On SQLite (always a file): how its append-only tables are written (see sqlite-appends.ts). */
  sqliteFile?: {
    path: string;
    synchronous: SqliteSynchronous;
    /** A second connection, whose commits reach the OS but are never fsynced by SQLite itself. */
    appendConnection: Database.Database;
    /** The thread that fsyncs, folds compactions and checkpoints (started by the store after migrating). */
    backgroundThread?: SqliteBackgroundThread;
  };
};

/**
 * The embedded default: one SQLite file in WAL mode. With synchronous `full` (the default) a
 * commit through Kysely is on disk (fsync) before it resolves; see SqliteSynchronous for `normal`.
 * The append-only tables are written differently (sqlite-appends.ts), on a second connection and
 * a background thread of their own, so it must be a file: `:memory:` would give each its own
 * empty database.
 */
export function openSqlite(file: string, synchronous: SqliteSynchronous = 'full'): Db {
  if (file === ':memory:') throw new Error('the store needs an SQLite file, not an in-memory database');
  const kysely = new Kysely<Tables>({ dialect: new WriteLockingSqliteDialect({ database: sqliteConnection(file, synchronous) }) });
  const appendConnection = sqliteConnection(file, 'normal');
  appendConnection.pragma('busy_timeout = 0'); // it retries on later ticks instead (sqlite-appends.ts)
  return { engine: 'sqlite', kysely, sqliteFile: { path: file, synchronous, appendConnection } };
}

/**
 * SQLite's dialect, except that a transaction takes the write lock as it begins (BEGIN IMMEDIATE).
 * The append connection commits to the same file all the time: a deferred transaction that read
 * before one of its commits could not write after it (SQLITE_BUSY, which no busy timeout waits
 * out), whereas waiting for the lock up front is what busy_timeout does.
 */
class WriteLockingSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new WriteLockingSqliteDriver(this.config);
  }
}

class WriteLockingSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Runs `work` in one transaction: everything it writes through `tx` is kept together, or nothing
 * is (an action with the trail row that records it). Called inside one, `work` joins it. Keep
 * slow work (hashing a password) out: on SQLite the transaction holds the file's write lock.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return work(db);
  return db.kysely.transaction().execute((kysely) => work({ engine: db.engine, kysely }));
}

/** Whether a write was refused by a unique index or constraint (SQLite's code, PostgreSQL's). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

function sqliteConnection(file: string, synchronous: SqliteSynchronous): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('foreign_keys = ON');
  // Another connection (the other one here, or a command such as admin:create) may hold the write lock: wait for it.
  database.pragma('busy_timeout = 10000');
  // Checkpoints (and their fsyncs) run on the background thread, not on the event loop.
  database.pragma('wal_autocheckpoint = 0');
  return database;
}

/**
 * PostgreSQL, shared by every server process. A schema can be chosen in the URL
 * (`?options=-c%20search_path%3Dmy_schema`), which is how tests isolate their runs.
 */
export function openPostgres(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection ended by PostgreSQL (a restart, a failover, an idle timeout on the way) is
  // an 'error' of the pool, which, unheard, ends the process. The pool drops that connection and
  // the next query opens a new one; a query that fails meanwhile is reported where it ran.
  pool.on('error', () => {});
  return { engine: 'postgres', kysely: new Kysely<Tables>({ dialect: new CurrentSchemaPostgresDialect({ pool }) }) };
}

/** Rows per statement: keeps every statement under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * An instant written as timestamps are stored (Date.toISOString: UTC, milliseconds), so that a
 * filter's bound, given in any zone's notation, compares with them as strings on both engines.
 */
export function storedInstant(instant: string): string {
  return new Date(instant).toISOString();
}

/** Bytes as both drivers accept them (pg needs a Buffer; better-sqlite3 takes either). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
