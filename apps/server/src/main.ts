import { passwordCost } from './accounts/password.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { FanoutError } from './fanout/redis-fanout.ts';
import { openFanout } from './fanout/open-fanout.ts';
import { MigrationError } from './storage/migrations.ts';
import { openStore, StoreOpenError } from './storage/open-store.ts';

class ListenError extends Error {}

function listenProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return 'the address is in use (another server on this port?)';
  if (error.code === 'EACCES') return 'not permitted (a port below 1024 needs privileges)';
  if (error.code === 'EADDRNOTAVAIL') return 'this machine has no such address (HOST)';
  return error.message;
}

try {
  const config = loadConfig();
  const store = await openStore(config);
  const fanout = await openFanout(config, (error, context) => app.log.error({ err: error }, context));
  const app = await buildApp({ config, store, fanout });
  if (passwordCost().N < passwordCost({}).N) app.log.warn('CARE_TEST_WEAK_PASSWORD_HASHING is set: new passwords are hashed at a cost meant only for tests');
  app.addHook('onClose', async () => {
    await store.close();
    await fanout.close();
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: flushing open cases');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT }).catch(async (error: NodeJS.ErrnoException) => {
    await app.close(); // the cases opened so far are stored, the database and Redis let go
    throw new ListenError(`cannot listen on ${config.HOST}:${config.PORT}: ${listenProblem(error)}`, { cause: error });
  });
} catch (error) {
  const startupErrors = [ConfigError, StoreOpenError, MigrationError, FanoutError, ListenError];
  if (startupErrors.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
    process.exit(2);
  }
  throw error;
}
