import { type ColumnDefinitionBuilder, type Kysely, type Migration, Migrator, sql } from 'kysely';
import { asShownInOneLine, guessAgencyKind, lookAlikeKey } from '@care/schema';
import type { Db, Engine } from './database.ts';

/**
 * Column types that differ between the engines, so each migration is written once.
 * `autoKey` makes an integer column the table's ever-increasing primary key.
 */
export function columnTypes(engine: Engine) {
  return engine === 'sqlite'
    ? {
        bytes: 'blob' as const,
        bigint: 'integer' as const,
        autoKey: (column: ColumnDefinitionBuilder) => column.primaryKey().autoIncrement(),
      }
    : {
        bytes: 'bytea' as const,
        bigint: 'bigint' as const,
        autoKey: (column: ColumnDefinitionBuilder) => column.primaryKey().generatedAlwaysAsIdentity(),
      };
}

/**
 * Schema versions, applied in name order by Kysely's Migrator and recorded in the
 * `kysely_migration` table. Append only; never edit one that has landed.
 */
function migrations(engine: Engine): Record<string, Migration> {
  const type = columnTypes(engine);
  return {
    // `if not exists`: databases created before the Migrator (SQLite user_version 1) already have these.
    '0001_cases': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('cases')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('case_updates')
          .ifNotExists()
          .addColumn('seq', type.bigint, type.autoKey)
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('data', type.bytes, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('case_updates_by_case').ifNotExists().on('case_updates').columns(['case_id', 'seq']).execute();
        await db.schema
          .createTable('case_snapshots')
          .ifNotExists()
          .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
          .addColumn('data', type.bytes, (c) => c.notNull())
          .addColumn('through_seq', type.bigint, (c) => c.notNull())
          .execute();
      },
    },
    '0002_conference_records': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('cases').addColumn('area', 'text').execute();
        await db.schema
          .createTable('conference_records')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          // Null for a manual version; a conference leaves at most one record (NULLs never collide).
          .addColumn('conference_id', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('taken_at', 'text', (c) => c.notNull())
          .addColumn('taken_by_id', 'text', (c) => c.notNull())
          .addColumn('taken_by_name', 'text', (c) => c.notNull())
          .addColumn('taken_by_agency', 'text', (c) => c.notNull())
          .addColumn('agencies', 'text', (c) => c.notNull())
          .addColumn('state', type.bytes, (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addUniqueConstraint('conference_records_once_per_conference', ['case_id', 'conference_id'])
          .execute();
        await db.schema.createIndex('conference_records_by_case').on('conference_records').columns(['case_id', 'taken_at']).execute();
        await db.schema.createIndex('conference_records_by_time').on('conference_records').column('taken_at').execute();
        for (const statement of appendOnlyTriggers(engine, 'conference_records')) await statement.execute(db);
      },
    },
    '0003_accounts_access_audit': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('agencies')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('login', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('invitations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('conference_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('agency', 'text', (c) => c.notNull())
          .addColumn('access', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.references('users.id'))
          .addColumn('invitation_id', 'text', (c) => c.references('invitations.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
        await db.schema
          .createTable('case_members')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
          .addColumn('user_id', 'text', (c) => c.references('users.id'))
          .addColumn('access', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('case_members_by_case').on('case_members').column('case_id').execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', type.bigint, type.autoKey)
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('actor_agency', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_by_case').on('audit_log').columns(['case_id', 'seq']).execute();
        for (const statement of appendOnlyTriggers(engine, 'audit_log')) await statement.execute(db);
      },
    },
    '0004_invitation_conference_closed': {
      async up(db: Kysely<any>) {
        // An invitation is for one conference: once that conference has closed, it admits no one.
        await db.schema.alterTable('invitations').addColumn('conference_closed_at', 'text').execute();
      },
    },
    '0005_case_closure': {
      async up(db: Kysely<any>) {
        // ケース終結: set while the case is closed (read-only for everyone), null when open.
        await db.schema.alterTable('cases').addColumn('closed_at', 'text').execute();
      },
    },
    '0006_temporary_passwords': {
      async up(db: Kysely<any>) {
        // Set while the password is one an administrator gave (a new account's, or a reset): its
        // holder must choose their own before signing in. Existing accounts keep theirs.
        await db.schema.alterTable('users').addColumn('temporary_password_at', 'text').execute();
      },
    },
    '0007_audit_by_actor': {
      async up(db: Kysely<any>) {
        // Searching the trail for one person across cases (GET /api/audit).
        await db.schema.createIndex('audit_log_by_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
      },
    },
    '0008_account_audit': {
      async up(db: Kysely<any>) {
        // Administration of accounts and agencies: who gave whom which role, reset whose password.
        await db.schema
          .createTable('account_audit')
          .addColumn('seq', type.bigint, type.autoKey)
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('actor_agency', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('subject_name', 'text', (c) => c.notNull())
          .addColumn('changes', 'text', (c) => c.notNull())
          .addColumn('address', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('account_audit_by_subject').on('account_audit').columns(['subject_id', 'seq']).execute();
        for (const statement of appendOnlyTriggers(engine, 'account_audit')) await statement.execute(db);
      },
    },
    '0009_agencies_disabled': {
      async up(db: Kysely<any>) {
        // An agency that no longer takes part: its staff cannot sign in (see AccountStore.setAgencyDisabled).
        await db.schema.alterTable('agencies').addColumn('disabled_at', 'text').execute();
      },
    },
    '0010_account_audit_by_time': {
      async up(db: Kysely<any>) {
        // The account trail is listed by time, not by insertion: a session that ran out is recorded
        // by a later sweep, dated when it ended (see AccountAudit.search).
        await db.schema.createIndex('account_audit_by_time').on('account_audit').columns(['at', 'seq']).execute();
      },
    },
    '0011_audit_subject': {
      async up(db: Kysely<any>) {
        // Whom a grant or revoke was for (AuditSubject as JSON); earlier rows keep null.
        await db.schema.alterTable('audit_log').addColumn('subject', 'text').execute();
      },
    },
    '0012_case_updates_in_case_order': {
      async up(db: Kysely<any>) {
        if (engine !== 'sqlite') return;
        // SQLite: the update log stored in case order (a table without rowid, keyed by case and
        // seq), so a compaction deletes a run of adjacent rows: measured 7× cheaper than rows
        // spread among every other case's. Seqs now count per case (see SqlCaseStore).
        await sql`create table case_updates_in_case_order (
            case_id text not null references cases(id),
            seq integer not null,
            data blob not null,
            primary key (case_id, seq)
          ) without rowid`.execute(db);
        await sql`insert into case_updates_in_case_order (case_id, seq, data) select case_id, seq, data from case_updates`.execute(db);
        await sql`drop table case_updates`.execute(db);
        await sql`alter table case_updates_in_case_order rename to case_updates`.execute(db);
      },
    },
    '0013_lookalike_keys': {
      async up(db: Kysely<any>) {
        // Logins and agencies' names are unique by lookAlikeKey (Tanaka is tanaka, ｼｬｷｮｳ is
        // シャキョウ). Look-alikes already here stay, each as it is (merging accounts would mix up
        // whose trail is whose): the earliest keeps 0, later ones count 1, 2 …, so the unique
        // index takes them, and refuses any new one, which has 0.
        for (const [table, column] of [['users', 'login'], ['agencies', 'name']] as const) {
          await db.schema.alterTable(table).addColumn(`${column}_key`, 'text', (c) => c.notNull().defaultTo('')).execute();
          await db.schema.alterTable(table).addColumn('earlier_lookalikes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
          const rows: { id: string; name: string }[] = await db.selectFrom(table).select(['id', `${column} as name`]).orderBy('created_at').orderBy('id').execute();
          const seen = new Map<string, number>();
          for (const { id, name } of rows) {
            const key = lookAlikeKey(name);
            const earlier = seen.get(key) ?? 0;
            seen.set(key, earlier + 1);
            await db.updateTable(table).set({ [`${column}_key`]: key, earlier_lookalikes: earlier }).where('id', '=', id).execute();
          }
          await db.schema.createIndex(`${table}_by_${column}_key`).unique().on(table).columns([`${column}_key`, 'earlier_lookalikes']).execute();
        }
      },
    },
    '0014_agency_kinds': {
      async up(db: Kysely<any>) {
        // An agency's kind (種別), which its staff's action items and conferences are filed under.
        // Those registered before get the kind their name suggests (北病院: 医療機関), else その他,
        // for an administrator to correct in 管理.
        await db.schema.alterTable('agencies').addColumn('kind', 'text', (c) => c.notNull().defaultTo('その他')).execute();
        const agencies: { id: string; name: string }[] = await db.selectFrom('agencies').select(['id', 'name']).execute();
        for (const { id, name } of agencies) await db.updateTable('agencies').set({ kind: guessAgencyKind(name) }).where('id', '=', id).execute();
      },
    },
    '0015_sign_in_refusals': {
      async up(db: Kysely<any>) {
        // Why a sign-in was refused (SignInRefusal), on sign-in-failed rows; earlier rows keep null.
        await db.schema.alterTable('account_audit').addColumn('refusal', 'text').execute();
      },
    },
    '0016_audit_address': {
      async up(db: Kysely<any>) {
        // Where each case trail row came from (the client's address, as the account trail keeps
        // it); null for the server's own commands, and on earlier rows, which did not keep it.
        await db.schema.alterTable('audit_log').addColumn('address', 'text').execute();
      },
    },
    '0017_sessions_ended_reason': {
      async up(db: Kysely<any>) {
        // Why a session ended before its time, when its row is kept till then to tell its browser
        // (see SessionStore.endAllOf); null for a live session.
        await db.schema.alterTable('sessions').addColumn('ended_reason', 'text').execute();
        // Guests' sessions of invitations already revoked, kept till their time limit before this.
        await sql`update sessions set ended_reason = 'invitation revoked'
          where invitation_id in (select id from invitations where revoked_at is not null)`.execute(db);
      },
    },
    '0018_one_line_names': {
      async up(db: Kysely<any>) {
        // Names and titles stored before one-line text was read without hidden characters are
        // stored as they show (asShownInOneLine): 「a\u202Ecb」 read 「abc」 in 管理 and on the case
        // list, and went on so into what is written under the name (the trails, a record). The
        // trails and records are append-only, and read so instead (stored-text.ts).
        for (const [table, column] of [['users', 'name'], ['cases', 'title'], ['cases', 'area'], ['invitations', 'name'], ['invitations', 'agency']] as const) {
          const rows: { id: string; text: string | null }[] = await db.selectFrom(table).select(['id', `${column} as text`]).execute();
          for (const { id, text } of rows) {
            const shown = text === null ? null : asShownInOneLine(text);
            if (shown === text) continue;
            const empty = column === 'area' ? null : NOTHING_SHOWN;
            await db.updateTable(table).set({ [column]: shown || empty }).where('id', '=', id).execute();
          }
        }
        // An agency's name is unique: one that reads as another's once shown so is told apart by
        // a number (東病院（2）), for an administrator to rename; the one that showed so keeps it.
        // The account trail says who renamed it (this update), as it says it of an administrator.
        const agencies: { id: string; name: string }[] = await db.selectFrom('agencies').select(['id', 'name']).orderBy('created_at').orderBy('id').execute();
        const taken = new Set(agencies.map((agency) => agency.name));
        for (const { id, name } of agencies) {
          const shown = asShownInOneLine(name) || NOTHING_SHOWN;
          if (shown === name) continue;
          let unique = shown;
          for (let n = 2; taken.has(unique); n++) unique = `${shown}（${n}）`;
          taken.add(unique);
          // As migration 0013 keeps look-alikes already here: a later one of a key counts 1, 2 ….
          const key = lookAlikeKey(unique);
          const { most } = await db.selectFrom('agencies').select((eb) => eb.fn.max('earlier_lookalikes').as('most')).where('name_key', '=', key).where('id', '!=', id).executeTakeFirstOrThrow();
          await db.updateTable('agencies').set({ name: unique, name_key: key, earlier_lookalikes: most === null ? 0 : Number(most) + 1 }).where('id', '=', id).execute();
          if (unique === shown) continue;
          await db
            .insertInto('account_audit')
            .values({
              actor_id: 'server',
              actor_name: 'サーバー',
              actor_agency: 'データベースの更新',
              action: 'rename-agency',
              subject_id: id,
              subject_name: unique,
              changes: JSON.stringify([{ field: 'name', from: name, to: unique }]),
              at: new Date().toISOString(),
            })
            .execute();
        }
      },
    },
    '0019_record_search_text': {
      async up(db: Kysely<any>) {
        // A record's searched lines, made once from its state (RecordStore.searchedLines).
        await db.schema
          .createTable('record_search_text')
          .addColumn('record_id', 'text', (c) => c.primaryKey())
          .addColumn('lines', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}

/** What migration 0018 names a text that was nothing but hidden characters. */
const NOTHING_SHOWN = '（空欄）';

/** Triggers that make a table append-only in the database itself, whatever code runs against it. */
function appendOnlyTriggers(engine: Engine, table: string) {
  const refused = `${table} is append-only`;
  if (engine === 'sqlite') {
    return ['update', 'delete'].map(
      (event) => sql`create trigger ${sql.raw(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(refused)}); end`,
    );
  }
  return [
    sql`create function ${sql.raw(`${table}_append_only`)}() returns trigger language plpgsql as $$
        begin raise exception ${sql.lit(refused)}; end $$`,
    sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete or truncate on ${sql.table(table)}
        for each statement execute function ${sql.raw(`${table}_append_only`)}()`,
  ];
}

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. Safe when several processes start at once: on PostgreSQL the
 * Migrator holds an advisory lock and runs each migration in a transaction.
 */
export async function migrateToLatest({ engine, kysely }: Db): Promise<void> {
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations(engine) },
    // Without a schema the Migrator takes a kysely_migration table in ANY schema as its own, so a
    // second schema in the same database (another deployment, a parallel test run) breaks it.
    migrationTableSchema: engine === 'postgres' ? await currentSchema(kysely) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`database migration ${failed} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
}

async function currentSchema(kysely: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(kysely);
  return rows[0]!.schema;
}
