import { buildApp, loadConfig, openStore } from '@care/server';
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
const app = await buildApp({ config, store });
app.addHook('onClose', () => store.close());
await app.listen({ host: '127.0.0.1', port: 0 });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
reportListening((app.server.address() as { port: number }).port);
