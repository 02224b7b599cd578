import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { reportListening } from './child.ts';

// The same wiring as @y/websocket-server's own bin (src/server.js), on a free loopback port.
// Persistence: the package's LevelDB (y-leveldb), enabled by YPERSISTENCE in the environment.
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => response.end('okay'));
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => reportListening((server.address() as { port: number }).port));
// Ends as SIGTERM's default would (y-leveldb is not flushed), but through a normal exit, so that
// --cpu-prof (BENCH_SERVER_FLAGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
