import { join } from 'node:path';
import { buildApp, loadConfig, SqliteCaseStore } from '@care/server';
import { reportListening, requireEnv } from './child.ts';

// Our server exactly as main.ts assembles it, with its durable SQLite store.
const config = loadConfig({ DATA_DIR: requireEnv('DATA_DIR'), LOG_LEVEL: 'silent', WEB_DIST: '' });
const store = new SqliteCaseStore(join(config.DATA_DIR, 'cases.sqlite'));
const app = await buildApp({ config, store });
app.addHook('onClose', () => store.close());
await app.listen({ host: '127.0.0.1', port: 0 });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
reportListening((app.server.address() as { port: number }).port);
