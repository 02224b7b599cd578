import type { Cell, Section } from '../report-model.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { sleep } from '../stats.ts';
import { TypingLoad } from '../typing-load.ts';
import type { Settings } from '../settings.ts';

const CASES = 100;
const CLIENTS_PER_CASE = 5;
const P99_LIMIT_MS = 100;

/** Raises the total keystroke rate over 100 cases × 5 clients until p99 passes 100 ms. */
export async function throughput(settings: Settings): Promise<Section> {
  const sustained = {} as Record<ServerKind, Cell>;
  for (const kind of serverKinds) {
    const dir = tempDir(kind);
    const server = await startServer(servers[kind], dir.path);
    try {
      const caseIds = await server.createCases(CASES);
      const load = await TypingLoad.open(server, caseIds, CLIENTS_PER_CASE);
      // Warm up (JIT, socket buffers) at the lowest rate; not measured.
      await load.drive(settings.throughputRates[0]!, 1000);
      let best = 0;
      const passes = async (rate: number) => {
        const window = await load.drive(rate, settings.throughputStepMs);
        const p99 = window.latencies.percentile(99);
        settings.log(`throughput ${kind} @ ${rate}/s: p99 ${p99.toFixed(1)} ms, lost ${window.latencies.lost}`);
        await sleep(300);
        return p99 <= P99_LIMIT_MS;
      };
      for (const rate of settings.throughputRates) {
        // A step is tried twice before it counts as failed: one spike (a GC pause, the shared
        // machine) should not end any server's ladder early.
        if (!(await passes(rate)) && !(await passes(rate))) break;
        best = rate;
      }
      sustained[kind] = best;
      await load.close();
    } finally {
      await server.stop();
      dir.remove();
    }
  }
  const top = settings.throughputRates.at(-1)!;
  return {
    title: 'Throughput',
    what: `${CASES} cases × ${CLIENTS_PER_CASE} clients; the total keystroke rate is raised step by step (${settings.throughputStepMs / 1000} s per step: ${settings.throughputRates.join(', ')} updates/s) and the row is the highest rate whose p99 stayed ≤ ${P99_LIMIT_MS} ms (a step that fails is run once more; it counts as failed only if it fails again). Each update is relayed to 4 other clients.`,
    rows: [{ metric: 'sustained updates/s (p99 ≤ 100 ms)', unit: 'updates/s', better: 'higher', values: sustained }],
    notes: [
      `The ladder stops at ${top}/s; a server that passes every step is reported as ${top} (at least).`,
      'The load generator (one process, one core) also has a ceiling; when all servers stop at the same step, that step may be the generator’s.',
    ],
  };
}
