import type { Row, Section } from '../report-model.ts';
import { formatCell } from '../report.ts';
import { type ServerKind, serverKinds, servers, startServer, tempDir } from '../servers.ts';
import { TypingLoad } from '../typing-load.ts';
import type { Settings } from '../settings.ts';
import { median } from '../stats.ts';

const KEYSTROKES_PER_SECOND = 5;

type Measured = { p50: number; p99: number; lost: number; cpuMsPerKeystroke: number };

/** One case, N clients each typing 5 keystrokes/s; latency from send to receipt at every other client. */
export async function fanOut(settings: Settings): Promise<Section> {
  const rows: Row[] = [];
  const spreads: string[] = [];
  const cpu: string[] = [];
  for (const n of settings.fanOutClients) {
    // The servers take turns round after round, so that a noisy spell of the machine lands on
    // one round of each rather than on all of one server's measurement.
    const results = Object.fromEntries(serverKinds.map((kind) => [kind, [] as Measured[]])) as Record<ServerKind, Measured[]>;
    for (let round = 0; round < settings.fanOutRounds; round++) {
      for (const kind of serverKinds) results[kind].push(await measure(settings, kind, n));
    }
    const add = (metric: string, unit: string, pick: (m: Measured) => number) => {
      const rounds = Object.fromEntries(serverKinds.map((kind) => [kind, results[kind].map(pick)])) as Record<ServerKind, number[]>;
      const values = Object.fromEntries(serverKinds.map((kind) => [kind, median(rounds[kind])])) as Record<ServerKind, number>;
      rows.push({ metric: `N = ${n}: ${metric}`, unit, better: 'lower', values, rounds });
    };
    add('p50', 'ms', (m) => m.p50);
    add('p99', 'ms', (m) => m.p99);
    add('not delivered within 3 s', 'messages', (m) => m.lost);
    const cpuOf = (kind: ServerKind) => `${kind} ${formatCell(median(results[kind].map((m) => m.cpuMsPerKeystroke)))}`;
    cpu.push(`N = ${n}: ${serverKinds.map(cpuOf).join(' · ')}.`);
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
      'Server CPU per keystroke (ms): the server process, all its threads, user and system, over the measured window (10 ms clock ticks), divided by the keystrokes sent; median over rounds. Ours does more with each update (authorizes it, commits it before relaying, fsyncs it before acknowledging); this shows what that costs beside what every server spends relaying:',
      ...cpu,
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
    const cpuBefore = server.cpuMs();
    const window = await load.drive(n * KEYSTROKES_PER_SECOND, settings.fanOutMs);
    const keystrokes = window.expected / (n - 1);
    const measured = {
      p50: window.latencies.percentile(50),
      p99: window.latencies.percentile(99),
      lost: window.latencies.lost,
      cpuMsPerKeystroke: (server.cpuMs() - cpuBefore) / keystrokes,
    };
    settings.log(
      `fan-out N=${n} ${kind}: p50 ${measured.p50.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms, lost ${measured.lost}, CPU ${measured.cpuMsPerKeystroke.toFixed(2)} ms/keystroke`,
    );
    await load.close();
    return measured;
  } finally {
    await server.stop();
    dir.remove();
  }
}
