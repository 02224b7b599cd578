import type { Row, Section } from '../report-model.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { TypingLoad } from '../typing-load.ts';
import type { Settings } from '../settings.ts';

const KEYSTROKES_PER_SECOND = 5;

/** One case, N clients each typing 5 keystrokes/s; latency from send to receipt at every other client. */
export async function fanOut(settings: Settings): Promise<Section> {
  const rows: Row[] = [];
  for (const n of settings.fanOutClients) {
    const p50 = {} as Record<ServerKind, number>;
    const p99 = {} as Record<ServerKind, number>;
    const lost = {} as Record<ServerKind, number>;
    for (const kind of serverKinds) {
      const dir = tempDir(kind);
      const server = await startServer(servers[kind], dir.path);
      try {
        const [caseId] = await server.spec.createCases(server.port, 1);
        const load = await TypingLoad.open(server, [caseId!], n);
        const window = await load.drive(n * KEYSTROKES_PER_SECOND, settings.fanOutMs);
        p50[kind] = window.latencies.percentile(50);
        p99[kind] = window.latencies.percentile(99);
        lost[kind] = window.latencies.lost;
        settings.log(`fan-out N=${n} ${kind}: p50 ${p50[kind].toFixed(1)} ms, p99 ${p99[kind].toFixed(1)} ms, lost ${lost[kind]}`);
        await load.close();
      } finally {
        await server.stop();
        dir.remove();
      }
    }
    rows.push({ metric: `N = ${n}: p50`, unit: 'ms', better: 'lower', values: p50 });
    rows.push({ metric: `N = ${n}: p99`, unit: 'ms', better: 'lower', values: p99 });
    rows.push({ metric: `N = ${n}: not delivered within 3 s`, unit: 'messages', better: 'lower', values: lost });
  }
  return {
    title: 'Fan-out latency',
    what: `One case, N clients each typing ${KEYSTROKES_PER_SECOND} keystrokes/s for ${settings.fanOutMs / 1000} s; time from send to receipt at every other client.`,
    rows,
    notes: ['A message not delivered counts as infinitely late, so losses show up in p99 as ∞.'],
  };
}
