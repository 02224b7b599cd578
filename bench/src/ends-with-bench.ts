import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * What the bench has started or made and not yet ended: its server children that still run and
 * its care-bench-* temporary folders. However the bench ends (done, an error, Ctrl+C, `timeout`'s
 * SIGTERM), they end with it: a server left behind kept its port, a core and its data folder until
 * it was killed by hand, and a folder left behind stayed in /tmp (a scenario's own cleanup, in its
 * `finally`, does not run when a signal ends the bench). (A bench killed with SIGKILL runs no
 * handler: each child ends itself when its channel to the bench closes, see servers/child.ts; its
 * folders stay.)
 */
const running = new Set<ChildProcess>();
const folders = new Set<string>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL'); // no waiting in 'exit': its data folder is thrown away
  // A child just killed may still be writing into its folder: removing it tries again.
  for (const path of folders) rmSync(path, { recursive: true, force: true, maxRetries: 5 });
});
// Signalled, the bench exits (its children with it) as the signal's default would have, by its number.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(128 + constants.signals[signal]));

/** Ends `child` with the bench, unless it has ended first. */
export function endWithBench(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Removes the folder at `path` with the bench, unless the function it gives removes it first. */
export function removeWithBench(path: string): () => void {
  folders.add(path);
  return () => {
    rmSync(path, { recursive: true, force: true });
    folders.delete(path);
  };
}
