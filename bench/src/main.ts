import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Cell, Row, Section } from './report-model.ts';
import { ratio, renderReport, type Target } from './report.ts';
import { coldLoad } from './scenarios/cold-load.ts';
import { fanOut } from './scenarios/fan-out.ts';
import { memory } from './scenarios/memory.ts';
import { persistence } from './scenarios/persistence.ts';
import { throughput } from './scenarios/throughput.ts';
import { partialServers, type ServerKind, serverKinds } from './servers.ts';
import { settingsFromEnv } from './settings.ts';

const settings = settingsFromEnv();
const startedAt = performance.now();
const scenarios = { 'fan-out': fanOut, throughput, memory, 'cold-load': coldLoad, persistence };
// BENCH_ONLY=cold-load,memory runs a subset while developing; only a full set rewrites the report.
const onlyScenarios = process.env.BENCH_ONLY?.split(',');
const only = onlyScenarios ?? partialServers;
const sections: Section[] = [];
for (const [name, scenario] of Object.entries(scenarios)) {
  if (!onlyScenarios || onlyScenarios.includes(name)) sections.push(await scenario(settings));
}

const rows = sections.flatMap((section) => section.rows.map((row) => ({ section: section.title, row })));
const find = (metric: string) => rows.find(({ row }) => row.metric === metric)?.row;
const num = (cell: Cell | undefined) => (typeof cell === 'number' ? cell : undefined);
const fmt = (value: number | undefined) =>
  value === undefined ? 'n/a' : Number.isFinite(value) ? `${value.toFixed(1)}` : '∞';

const fanOut50 = num(find('N = 50: p99')?.values.ours);
const losing = rows.flatMap(({ section, row }) =>
  (['y-websocket-server', 'hocuspocus'] as const)
    .filter((baseline) => (ratio(row, baseline) ?? 0) > 1)
    .map((baseline) => `${section}: ${row.metric} vs ${baseline} (${ratio(row, baseline)!.toFixed(2)}${roundsWorse(row, baseline)})`),
);
/** In how many rounds ours did worse than the baseline, for rows measured in rounds: all of them is a steady difference, some is noise. */
function roundsWorse(row: Row, baseline: ServerKind): string {
  const ours = row.rounds?.ours;
  const theirs = row.rounds?.[baseline];
  if (!ours || !theirs || ours.length < 2) return '';
  const worse = ours.filter((value, round) => (row.better === 'lower' ? value > theirs[round]! : value < theirs[round]!)).length;
  return `; worse in ${worse} of ${ours.length} rounds`;
}
const million = num(find('1,000,000 updates, compacted')?.values.ours);
const targets: Target[] = [
  {
    what: 'fan-out p99 < 50 ms at N = 50',
    met: fanOut50 === undefined ? undefined : fanOut50 < 50,
    detail: `ours: ${fmt(fanOut50)} ms`,
  },
  {
    what: 'ratio ≤ 1.0 against both baselines on every row (ours as configured by default)',
    met: losing.length === 0,
    detail: losing.length === 0 ? 'every comparable row' : `over 1.0: ${losing.join('; ')}`,
  },
  {
    what: 'cold load of a 1M-update history < 100 ms (compacted)',
    met: million === undefined ? undefined : million < 100,
    detail: million === undefined ? 'the 1M size runs only in the full bench' : `ours: ${fmt(million)} ms`,
  },
];

const series = (label: string, metrics: string[], kinds = serverKinds) =>
  kinds.map(
    (kind) => `${label}, ${kind}: ${metrics.map((metric) => `${fmt(num(find(metric)?.values[kind]))}`).join(' → ')} ms`,
  );
const sizes = settings.historySizes.map((size) => size.toLocaleString('en'));
const growth = [
  ...series(
    `fan-out p99 for N = ${settings.fanOutClients.join(' → ')}`,
    settings.fanOutClients.map((n) => `N = ${n}: p99`),
  ),
  ...series(`cold load, compacted, for ${sizes.join(' → ')} updates`, sizes.map((s) => `${s} updates, compacted`)),
  ...series(
    `cold load, raw log replay, for ${sizes.join(' → ')} updates`,
    sizes.map((s) => `${s} updates, raw log replay`),
    ['ours', 'y-websocket-server'],
  ),
];

const pinned = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies;
const version = (name: string) => pinned[name] as string;
const minutes = ((performance.now() - startedAt) / 60_000).toFixed(1);
const environment = [
  `Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${minutes} min; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()} (shared with other work).`,
  `Baselines: @y/websocket-server ${version('@y/websocket-server')} (the newest release on yjs 13; 0.1.5 moved to the yjs 14 pre-release) with its y-leveldb persistence; @hocuspocus/server ${version('@hocuspocus/server')} (4.x needs Node 22) with @hocuspocus/extension-sqlite. yjs ${version('yjs')} everywhere.`,
  'Clients: one lean y-protocols client (bench/src/client.ts), the same for all three servers; Hocuspocus frames are prefixed with the document name and start with its auth message, as its provider does. Clients do not apply what they receive (except in cold load), so the load generator stays cheap.',
  'Latency is measured in the load-generator process on one monotonic clock: the send time of each keystroke is looked up by its (clientID, clock) when it arrives.',
  'Keystrokes are sent at random moments (a Poisson process at the scenario’s total rate, the same seeded sequence for every server), as many people typing independently make them; on a fixed grid they would all line up with any periodic work of a server (a timer, a delayed fsync), and the figures would measure that coincidence.',
  'Every server runs with its durable store: ours commits each update to SQLite before relaying it and fsyncs it before acknowledging it (the default `SQLITE_SYNCHRONOUS=full`); the baselines relay first and persist in the background.',
];

const durability = [
  'Ours writes every update to its store before anyone else sees it; the baselines relay first and store later (y-websocket-server through y-leveldb, which does not fsync; Hocuspocus writes the whole doc 2 s after the last change). So a relay of ours waits for a commit (made on the event loop without an fsync, shared by the updates that arrive together), and theirs waits for nothing.',
  'Two stages: an update is relayed once its SQLite commit is *written* (in the OS: it survives a crash or SIGKILL of the server process), and acknowledged to its sender once the WAL has been fsynced after it (*durable*: it survives a power loss; with `SQLITE_SYNCHRONOUS=normal`, only at the next checkpoint). The fsync runs on the store’s background thread while the next batches are written, so a slow disk delays acknowledgements, not relays. Between the two stages a power loss could cost the server an update that others have already received; their copies (and the sender’s, kept until acknowledged) bring it back when they reconnect.',
  'On PostgreSQL a commit is written and durable at once (synchronous_commit=on), so there a relay waits for PostgreSQL’s WAL flush.',
];

const report = renderReport({ sections, targets, durability, growth, environment, quick: settings.quick });
if (only) {
  console.log(report);
} else {
  writeFileSync(new URL('../../docs/benchmarks.md', import.meta.url), report);
  settings.log(`wrote docs/benchmarks.md (${minutes} min)`);
}
