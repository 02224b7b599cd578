import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/**
 * The server children the bench has started and that still run. However the bench ends (done,
 * an error, Ctrl+C, `timeout`'s SIGTERM), they end with it: a server left behind kept its port, a
 * core and its data folder until it was killed by hand. (A bench killed with SIGKILL runs no
 * handler: each child ends itself when its channel to the bench closes, see servers/child.ts.)
 */
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL'); // no waiting in 'exit': its data folder is thrown away
});
// Signalled, the bench exits (its children with it) as the signal's default would have, by its number.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(128 + constants.signals[signal]));

/** Ends `child` with the bench, unless it has ended first. */
export function endWithBench(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}
