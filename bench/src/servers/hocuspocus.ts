import { join } from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import { reportListening, requireEnv } from './child.ts';

// Hocuspocus with its official SQLite extension (default debounce: stores the whole doc 2 s after
// the last change, at most every 10 s).
const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  extensions: [new SQLite({ database: join(requireEnv('DATA_DIR'), 'hocuspocus.sqlite') })],
});
await server.listen();
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
reportListening(server.address.port);
