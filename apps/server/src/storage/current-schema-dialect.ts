import { type DatabaseIntrospector, type Kysely, PostgresDialect, type SchemaMetadata, sql, type TableMetadata } from 'kysely';

/**
 * PostgreSQL as Kysely speaks it, but introspecting the current schema only. Kysely's own
 * introspector reads every column of every schema through functions (has_schema_privilege,
 * pg_get_serial_sequence) that fail when another schema, or a column of it, is dropped meanwhile.
 * Its one user here is the Migrator, which asks whether its tables exist before it takes its lock:
 * another deployment's migration, or tests' schemas coming and going in the same database, must
 * not fail a server's start.
 */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** The current schema's tables, by name only (the Migrator needs no columns). */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<SchemaMetadata>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; type: string }>`
      select table_name as name, table_schema as schema, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db);
    return rows.map(({ name, schema, type }) => ({ name, schema, isView: type === 'VIEW', columns: [] }));
  }

  async getMetadata(): Promise<{ tables: TableMetadata[] }> {
    return { tables: await this.getTables() };
  }
}
