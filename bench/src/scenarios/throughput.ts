import type { Section } from '../report-model.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { median, sleep } from '../stats.ts';
import { TypingLoad } from '../typing-load.ts';
import type { Settings } from '../settings.ts';

const CASES = 100;
const CLIENTS_PER_CASE = 5;
const P99_LIMIT_MS = 100;

/**
 * Raises the total keystroke rate over 100 cases × 5 clients until p99 passes 100 ms, in rounds
 * (the servers taking turns in each, as in fan-out): one ladder swings by a step or two with the
 * shared machine.
 */
export async function throughput(settings: Settings): Promise<Section> {
  const rounds = Object.fromEntries(serverKinds.map((kind) => [kind, [] as number[]])) as Record<ServerKind, number[]>;
  for (let round = 0; round < settings.throughputRounds; round++) {
    for (const kind of serverKinds) rounds[kind].push(await sustainedRate(settings, kind));
  }
  const values = Object.fromEntries(serverKinds.map((kind) => [kind, median(rounds[kind])])) as Record<ServerKind, number>;
  const perRound = (kind: ServerKind) => `${kind} ${rounds[kind].map((rate) => rate.toLocaleString('en')).join(' · ')}`;
  const top = settings.throughputRates.at(-1)!;
  return {
    title: 'Throughput',
    what: `${CASES} cases × ${CLIENTS_PER_CASE} clients; the total keystroke rate is raised step by step (${settings.throughputStepMs / 1000} s per step: ${settings.throughputRates.join(', ')} updates/s) and each round's figure is the highest rate whose p99 stayed ≤ ${P99_LIMIT_MS} ms (a step that fails is run once more; it counts as failed only if it fails again).${settings.throughputRounds > 1 ? ` ${settings.throughputRounds} rounds, the servers taking turns in each (a fresh process every time); the row is the median.` : ''} Each update is relayed to 4 other clients.`,
    rows: [{ metric: 'sustained updates/s (p99 ≤ 100 ms)', unit: 'updates/s', better: 'higher', values, rounds }],
    notes: [
      ...(settings.throughputRounds > 1 ? [`Each round’s rate (the row is their median): ${serverKinds.map(perRound).join('; ')}.`] : []),
      `The ladder stops at ${top}/s; a server that passes every step is reported as ${top} (at least).`,
      'The load generator (one process, one core) also has a ceiling; when all servers stop at the same step, that step may be the generator’s.',
    ],
  };
}

/** One ladder on a fresh server process: the highest step whose p99 stayed ≤ 100 ms. */
async function sustainedRate(settings: Settings, kind: ServerKind): Promise<number> {
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
    await load.close();
    return best;
  } finally {
    await server.stop();
    dir.remove();
  }
}
