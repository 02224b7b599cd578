import type { Row, Section } from '../report-model.ts';
import { BenchClient } from '../client.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { sleep } from '../stats.ts';
import { realisticCaseState } from '../workload.ts';
import type { Settings } from '../settings.ts';
import * as Y from 'yjs';

/** RSS growth of the server process per open case doc holding a realistic case. */
export async function memory(settings: Settings): Promise<Section> {
  const state = realisticCaseState();
  const stateVector = Y.encodeStateVectorFromUpdate(state);
  const perDoc = {} as Record<ServerKind, number>;
  for (const kind of serverKinds) {
    const dir = tempDir(kind);
    const server = await startServer(servers[kind], dir.path);
    try {
      const caseIds = await server.createCases(settings.memoryCases);
      // Warm the server's code paths with one case opened and closed, so RSS growth is data.
      const warm = new BenchClient(server.wsBase, caseIds[0]!, server.dialect);
      await warm.opened;
      await warm.sync();
      await warm.close();
      await sleep(200);
      const before = await server.rss();
      const clients: BenchClient[] = [];
      for (const caseId of caseIds) {
        const client = new BenchClient(server.wsBase, caseId, server.dialect, () => state);
        clients.push(client);
        await client.opened;
        client.sendUpdate(state);
        await client.sync(stateVector);
      }
      await sleep(500);
      const after = await server.rss();
      perDoc[kind] = (after - before) / caseIds.length / 1024 / 1024;
      settings.log(`memory ${kind}: ${perDoc[kind].toFixed(2)} MiB per open case`);
      await Promise.all(clients.map((client) => client.close()));
    } finally {
      await server.stop();
      dir.remove();
    }
  }
  const rows: Row[] = [{ metric: 'RSS per open case doc', unit: 'MiB', better: 'lower', values: perDoc }];
  return {
    title: 'Memory',
    what: `${settings.memoryCases} cases opened one after another, each by one client that uploads a realistic case doc (a 20-page Japanese summary typed in small bursts by three people, ${(state.length / 1024).toFixed(0)} KiB as one update, plus 50 action items); RSS of the server process after a full GC, minus the RSS before, per case. Includes each case's one connection.`,
    rows,
    notes: [],
  };
}
