import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccountAudit } from '../audit/account-audit.ts';
import { loadConfig } from '../config.ts';
import { redactedUrl } from '../redacted-url.ts';
import { commandActor, runCommand } from '../server-command.ts';
import { openSqliteStore, openStore } from './open-store.ts';
import { copySqliteToPostgres } from './store-copy.ts';

/**
 * Moves a deployment from the embedded store to PostgreSQL (the scale-out tier): with the server
 * stopped,
 *   DATA_DIR=… DATABASE_URL=postgres://… pnpm --filter @care/server store:copy
 * copies every table of DATA_DIR/cases.sqlite into the empty database at DATABASE_URL.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    console.error('Usage: DATA_DIR=<the embedded store’s folder> DATABASE_URL=<an empty PostgreSQL database> store:copy  (with the server stopped)');
    return 2;
  }
  const sourceFile = join(config.DATA_DIR, 'cases.sqlite');
  const target = redactedUrl(config.DATABASE_URL);
  if (!existsSync(sourceFile)) throw new Error(`No database at ${sourceFile} (is DATA_DIR right?)`);
  // Both brought to the same schema version, as a server starting on each would.
  await (await openSqliteStore(sourceFile)).close();
  const store = await openStore(config);
  try {
    const counts = await copySqliteToPostgres(sourceFile, store.db);
    console.log(`Copied ${sourceFile} into ${target}: ${Object.entries(counts).map(([table, rows]) => `${table} ${rows}`).join(', ')}.`);
    // The account trail there begins by saying where its rows came from, and who moved them.
    await new AccountAudit(store.db).record({ actor: commandActor('store:copy'), action: 'copy-store', subject: { id: 'store', name: `${sourceFile} → ${target}` } });
    console.log('Start the servers with this DATABASE_URL; keep the SQLite file as safe as a backup, or remove it securely.');
    return 0;
  } finally {
    await store.close();
  }
}

await runCommand(main);
