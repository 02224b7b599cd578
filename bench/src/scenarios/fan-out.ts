import type { Row, Section } from '../report-model.ts';
import { formatCell } from '../report.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { TypingLoad } from '../typing-load.ts';
import type { Settings } from '../settings.ts';
import { median } from '../stats.ts';

const KEYSTROKES_PER_SECOND = 5;

type Measured = { p50: number; p99: number; lost: number };

/** One case, N clients each typing 5 keystrokes/s; latency from send to receipt at every other client. */
export async function fanOut(settings: Settings): Promise<Section> {
  const rows: Row[] = [];
  const spreads: string[] = [];
  for (const n of settings.fanOutClients) {
    // The servers take turns round after round, so that a noisy spell of the machine lands on
    // one round of each rather than on all of one server's measurement.
    const results = Object.fromEntries(serverKinds.map((kind) => [kind, [] as Measured[]])) as Record<ServerKind, Measured[]>;
    for (let round = 0; round < settings.fanOutRounds; round++) {
      for (const kind of serverKinds) results[kind].push(await measure(settings, kind, n));
    }
    const add = (metric: string, unit: string, pick: (m: Measured) => number) => {
      const values = Object.fromEntries(serverKinds.map((kind) => [kind, median(results[kind].map(pick))])) as Record<ServerKind, number>;
      rows.push({ metric: `N = ${n}: ${metric}`, unit, better: 'lower', values });
    };
    add('p50', 'ms', (m) => m.p50);
    add('p99', 'ms', (m) => m.p99);
    add('not delivered within 3 s', 'messages', (m) => m.lost);
    if (settings.fanOutRounds > 1) {
      const rounds = (kind: ServerKind) => `${kind} ${results[kind].map((m) => formatCell(m.p99)).join(' · ')}`;
      spreads.push(`N = ${n}, p99 of each round (ms): ${serverKinds.map(rounds).join('; ')}.`);
    }
  }
  return {
    title: 'Fan-out latency',
    what: `One case, N clients each typing ${KEYSTROKES_PER_SECOND} keystrokes/s on average (at random moments) for ${settings.fanOutMs / 1000} s; time from send to receipt at every other client.${settings.fanOutRounds > 1 ? ` ${settings.fanOutRounds} rounds, the servers taking turns in each (a fresh process every time); each figure is the median over the rounds.` : ''} Ours as configured by default: every update is committed to the OS before it is relayed, and fsynced before it is acknowledged to its sender.`,
    rows,
    notes: [
      'A message not delivered counts as infinitely late, so losses show up in p99 as ∞.',
      'N clients at 5 keystrokes/s make N × 5 × (N − 1) deliveries/s: about 199,000/s at N = 200, received by the one load-generator process on the same 2 cores. Where every server shows ∞ there, the machine is the limit, not any one server.',
      ...(spreads.length > 0 ? ['How much a round’s p99 varies (a ratio within that spread is noise, not a difference):', ...spreads] : []),
    ],
  };
}

async function measure(settings: Settings, kind: ServerKind, n: number): Promise<Measured> {
  const dir = tempDir(kind);
  const server = await startServer(servers[kind], dir.path);
  try {
    const [caseId] = await server.createCases(1);
    const load = await TypingLoad.open(server, [caseId!], n);
    // Warm up (JIT, socket buffers) at the same rate; not measured.
    await load.drive(n * KEYSTROKES_PER_SECOND, settings.fanOutMs / 2);
    const window = await load.drive(n * KEYSTROKES_PER_SECOND, settings.fanOutMs);
    const measured = { p50: window.latencies.percentile(50), p99: window.latencies.percentile(99), lost: window.latencies.lost };
    settings.log(
      `fan-out N=${n} ${kind}: p50 ${measured.p50.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms, lost ${measured.lost}`,
    );
    await load.close();
    return measured;
  } finally {
    await server.stop();
    dir.remove();
  }
}
