import { type Kysely, sql } from 'kysely';

/**
 * Takes migration 0013 back: the tables as a database made before look-alike keys holds them (for
 * tests of such a database, and of ones older still: undo the later migrations first).
 */
export async function beforeLookAlikeKeys(db: Kysely<any>): Promise<void> {
  for (const [table, column] of [['users', 'login'], ['agencies', 'name']] as const) {
    await db.schema.dropIndex(`${table}_by_${column}_key`).execute();
    await db.schema.alterTable(table).dropColumn(`${column}_key`).execute();
    await db.schema.alterTable(table).dropColumn('earlier_lookalikes').execute();
  }
  await sql`delete from kysely_migration where name = '0013_lookalike_keys'`.execute(db);
}

/**
 * Takes migration 0014 back: agencies as a database made before they had kinds holds them (for
 * tests of such a database, and of ones older still: undo the later migrations first).
 */
export async function beforeAgencyKinds(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agencies').dropColumn('kind').execute();
  await sql`delete from kysely_migration where name = '0014_agency_kinds'`.execute(db);
}
