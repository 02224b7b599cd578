import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog } from '../audit/audit-log.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import { commandActor, runCommand } from '../server-command.ts';
import { openStore } from './open-store.ts';
import { backupSqlite } from './sqlite-backup.ts';

/**
 * Backs up the embedded database while the server runs (see backupSqlite):
 *   pnpm --filter @care/server backup --to /backups/cases-2026-12-05.sqlite
 */
async function main(): Promise<number> {
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
  const { caseIds, records } = backupSqlite(join(config.DATA_DIR, 'cases.sqlite'), target);
  console.log(`Backed up to ${target}: ${caseIds.length} case(s), ${records} record(s). It holds sensitive personal data: keep it as safe as the server.`);
  await recordInTrails(config, caseIds, target);
  return 0;
}

/**
 * A backup is a copy of what is written about every person: each case's audit trail says it was
 * taken, by this command and whoever ran it on the server (commandActor, as for admin:create).
 */
async function recordInTrails(config: ServerConfig, caseIds: string[], target: string): Promise<void> {
  const store = await openStore(config);
  try {
    const actor = commandActor('backup');
    const audit = new AuditLog(store.db);
    await Promise.all(caseIds.map((caseId) => audit.record({ actor, caseId, action: 'backup' })));
  } catch (error) {
    throw new Error(`The backup at ${target} was taken, but could not be recorded in the audit trails: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}

// No database there, a target that exists, a full disk: the message says which.
await runCommand(main);
