import { type ColumnDefinitionBuilder, type Kysely, type Migration, Migrator } from 'kysely';
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
  };
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
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`database migration ${failed} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
}
