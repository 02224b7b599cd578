import { type Kysely, sql } from 'kysely';

// Each takes one migration back, and the later ones first: a test of a database made before a
// migration gets the tables such a database holds.

/** Takes migration 0019 back: no record's searched lines kept. */
export async function beforeRecordSearchText(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('record_search_text').execute();
  await sql`delete from kysely_migration where name = '0019_record_search_text'`.execute(db);
}

/** Takes migration 0018 back: names and titles may hold hidden characters, as stored before they were read without them. */
export async function beforeOneLineNames(db: Kysely<any>): Promise<void> {
  await beforeRecordSearchText(db);
  await sql`delete from kysely_migration where name = '0018_one_line_names'`.execute(db);
}

/** Takes migration 0017 back: sessions without why one ended before its time. */
export async function beforeSessionEndReasons(db: Kysely<any>): Promise<void> {
  await beforeOneLineNames(db);
  await db.schema.alterTable('sessions').dropColumn('ended_reason').execute();
  await sql`delete from kysely_migration where name = '0017_sessions_ended_reason'`.execute(db);
}

/** Takes migration 0016 back: the case trail without where each row came from. */
export async function beforeAuditAddresses(db: Kysely<any>): Promise<void> {
  await beforeSessionEndReasons(db);
  await db.schema.alterTable('audit_log').dropColumn('address').execute();
  await sql`delete from kysely_migration where name = '0016_audit_address'`.execute(db);
}

/** Takes migration 0015 back: the account trail without why a sign-in was refused. */
export async function beforeSignInRefusals(db: Kysely<any>): Promise<void> {
  await beforeAuditAddresses(db);
  await db.schema.alterTable('account_audit').dropColumn('refusal').execute();
  await sql`delete from kysely_migration where name = '0015_sign_in_refusals'`.execute(db);
}

/** Takes migration 0014 back: agencies as a database made before they had kinds holds them. */
export async function beforeAgencyKinds(db: Kysely<any>): Promise<void> {
  await beforeSignInRefusals(db);
  await db.schema.alterTable('agencies').dropColumn('kind').execute();
  await sql`delete from kysely_migration where name = '0014_agency_kinds'`.execute(db);
}

/** Takes migration 0013 back: the tables as a database made before look-alike keys holds them. */
export async function beforeLookAlikeKeys(db: Kysely<any>): Promise<void> {
  await beforeAgencyKinds(db);
  for (const [table, column] of [['users', 'login'], ['agencies', 'name']] as const) {
    await db.schema.dropIndex(`${table}_by_${column}_key`).execute();
    await db.schema.alterTable(table).dropColumn(`${column}_key`).execute();
    await db.schema.alterTable(table).dropColumn('earlier_lookalikes').execute();
  }
  await sql`delete from kysely_migration where name = '0013_lookalike_keys'`.execute(db);
}
