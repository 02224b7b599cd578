import { AccountStore, buildApp, hashPassword, loadConfig, openStore } from '@care/server';
import { reportListening, requireEnv } from './child.ts';

// Our server as main.ts assembles it: the embedded SQLite store, or PostgreSQL when DATABASE_URL is set.
const config = loadConfig({
  DATA_DIR: requireEnv('DATA_DIR'),
  DATABASE_URL: process.env.DATABASE_URL,
  SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS,
  LOG_LEVEL: 'silent',
  WEB_DIST: '',
});
const store = await openStore(config);
await ensureBenchAccount(new AccountStore(store.db), requireEnv('BENCH_PASSWORD'));
const app = await buildApp({ config, store });
app.addHook('onClose', () => store.close());
await app.listen({ host: '127.0.0.1', port: 0 });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
reportListening((app.server.address() as { port: number }).port);

/**
 * The bench signs in like a browser, as a coordinator: it may read every case (cold load opens
 * cases seeded straight into the store) and edits the cases it creates over HTTP.
 */
async function ensureBenchAccount(accounts: AccountStore, password: string): Promise<void> {
  if ('opens' in (await accounts.checkPassword('bench', password))) return; // a restart on the same data
  const agency = (await accounts.findAgencyByName('ベンチマーク')) ?? (await accounts.createAgency('ベンチマーク', 'その他'));
  await accounts.createUser({ login: 'bench', name: 'ベンチ', agencyId: agency.id, role: 'coordinator', passwordHash: await hashPassword(password), temporaryPassword: false });
}
