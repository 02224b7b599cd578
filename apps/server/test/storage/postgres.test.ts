import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrations.ts';
import { SqlCaseStore } from '../../src/storage/sql-store.ts';
import { createTestSchema, probePostgres, warnSkipped } from '../services.ts';
import { storeContract } from './contract.ts';
import { recordStoreContract } from './records-contract.ts';

const missing = warnSkipped('the PostgreSQL storage contract tests', await probePostgres());

describe.skipIf(missing)('PostgreSQL', () => {
  const postgresLocation = async () => {
    const schema = await createTestSchema();
    return { open: () => SqlCaseStore.open(openPostgres(schema.url)), shared: true, remove: schema.drop };
  };
  storeContract('PostgreSQL', postgresLocation);
  recordStoreContract('PostgreSQL', postgresLocation);

  it('looks only at its own schema when migrating: another schema of the same database, its columns dropped or itself dropped meanwhile, fails no start', async () => {
    const [ours, theirs] = [await createTestSchema(), await createTestSchema()];
    const [db, other] = [openPostgres(ours.url), openPostgres(theirs.url)];
    try {
      await migrateToLatest(other);
      await migrateToLatest(db);
      // What the Migrator asks before it takes its lock: Kysely's own introspector read every
      // schema, and failed on one whose table or column went while it read.
      const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
      expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['sessions', 'kysely_migration']));
      // Another deployment's (or test's) schema changing all the while: every start succeeds.
      let changing = true;
      const churn = (async () => {
        while (changing) {
          await sql`alter table sessions add column churn text`.execute(other.kysely);
          await sql`alter table sessions drop column churn`.execute(other.kysely);
        }
      })();
      for (let i = 0; i < 20; i++) await migrateToLatest(db);
      changing = false;
      await churn;
    } finally {
      await Promise.all([db.kysely.destroy(), other.kysely.destroy()]);
      await Promise.all([ours.drop(), theirs.drop()]);
    }
  });
});
