import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { backupSqlite } from './sqlite-backup.ts';

/**
 * Backs up the embedded database while the server runs (see backupSqlite):
 *   pnpm --filter @care/server backup --to /backups/cases-2026-12-05.sqlite
 */
function main(): number {
  // `pnpm … backup -- --to …` passes the `--` along; a relative path is the caller's, not apps/server's.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  const config = loadConfig();
  if (config.DATABASE_URL) {
    console.error('DATABASE_URL is set: back up PostgreSQL with its own tools (pg_dump, or your provider’s backups), not this command.');
    return 2;
  }
  if (!values.to) {
    console.error('Usage: backup --to <new file>  (copies DATA_DIR/cases.sqlite while the server runs)');
    return 2;
  }
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), values.to);
  const { cases, records } = backupSqlite(join(config.DATA_DIR, 'cases.sqlite'), target);
  console.log(`Backed up to ${target}: ${cases} case(s), ${records} record(s). It holds sensitive personal data: keep it as safe as the server.`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // No database there, a target that exists, a full disk: the message says which.
  console.error((error as Error).message);
  process.exitCode = 2;
}
